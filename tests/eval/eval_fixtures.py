"""Small evaluation fixtures in the shared datasets' formats, written by hand for the tests
and put on disk by the tests themselves (file names as the eval commands expect them)."""

from __future__ import annotations

import json
from pathlib import Path


def _case(text: str, found: str, type_name: str, value: str, subtype: str | None = None) -> dict:
    """One Recognizers-Text spec case (its End is inclusive)."""
    start = text.index(found)
    resolution = {"subtype": subtype, "value": value} if subtype else {"value": value}
    result = {
        "Text": found,
        "TypeName": type_name,
        "Resolution": resolution,
        "Start": start,
        "End": start + len(found) - 1,
    }
    return {"Input": text, "Results": [result]}


RANGE_CASES = [
    _case(
        "Officials counted between 20 and 30 wounded.",
        "between 20 and 30",
        "numberrange",
        "[20,30)",
    ),
    _case("The brigade lost over thirty soldiers.", "over thirty", "numberrange", "(30,)"),
    _case("The camp could shelter up to 700 families.", "up to 700", "numberrange", "(,700]"),
    _case("Losses were put at 200 or greater", "200 or greater", "numberrange", "[200,)"),
    _case("n>10", ">10", "numberrange", "(10,)"),
]
NUMBER_CASES = [
    _case("one hundred and twelve", "one hundred and twelve", "number", "112", "integer"),
    _case("three quarters", "three quarters", "number", "0.75", "fraction"),
    _case("2,345,678", "2,345,678", "number", "2345678", "integer"),
    _case("sixty - four", "sixty - four", "number", "64", "integer"),
]
GVA_ARTICLES = [
    {
        "article_id": "a1",
        "title": "Man killed in shooting",
        "dct": "2015-03-02",
        "text": "A man was shot and killed on Elm Street on Sunday night, police said. "
        "No one else was hurt.",
        "gold": {"num_killed": 1, "num_injured": 0},
    },
    {
        "article_id": "a2",
        "title": "Four wounded at party",
        "dct": "2015-06-10",
        "text": "Four people were shot at a house party early Saturday. All four were taken "
        "to a hospital with injuries that were not life-threatening.",
        "gold": {"num_killed": 0, "num_injured": 4},
    },
    {
        "article_id": "a3",
        "title": "Two dead, three hurt",
        "dct": "2016-01-05",
        "text": "Two men were killed and three other people were wounded when a gunman "
        "opened fire outside a bar.",
        "gold": {"num_killed": 2, "num_injured": 3},
    },
    {
        "article_id": "a4",
        "title": "Shooting under investigation",
        "dct": "2016-02-01",
        "text": "Police are investigating a shooting on Main Street.",
        "gold": {"num_killed": 1, "num_injured": 0},
    },
    {
        "article_id": "a5",
        "title": "Unknown tally",
        "dct": "2016-02-01",
        "text": "A woman was wounded.",
        "gold": None,
    },
]


def _lines(*lines: str) -> str:
    """A brat file or text from its lines; fields of a brat line are tab-separated."""
    return "".join(line.replace(" | ", "\t") + "\n" for line in lines)


POLNEAR_FILES = {
    "attributions/bridge_a1b2.ann": _lines(
        "T1 | Source 0 9 | Officials",
        "T2 | Cue 10 14 | said",
        "T3 | Content 15 39 | the bridge had collapsed",
        "T4 | Attribution 10 14 | said",
        "E1 | Attribution:T4 Source:T1 Cue:T2 Content:T3",
        "T5 | Source 56 65 | the mayor",
        "T6 | Cue 66 70 | said",
        'T7 | Content 41 55;72 91 | "We are safe," "and we will stay."',
        "E2 | Attribution:T6 Source:T5 Cue:T6 Content:T7",
    ),
    "attributions/bridge_ffff.ann": _lines("T1 | Source 56 65 | the mayor"),
    "attributions/houses_0c0c.ann": _lines(
        "T1 | Source 13 34 | the regional governor",
        "T2 | Cue 0 12 | According to",
        "T3 | Content 36 59 | 30 houses were damaged.",
        "E1 | Attribution:T2 Source:T1 Cue:T2 Content:T3",
        "T4 | Discard 60 86 | The army attacked at dawn.",
    ),
    "text/bridge.txt": _lines(
        "Officials said the bridge had collapsed.",
        '"We are safe," the mayor said, "and we will stay."',
    ),
    "text/houses.txt": _lines(
        "According to the regional governor, 30 houses were damaged.",
        "The army attacked at dawn.",
    ),
}


def write_ranges(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "NumberRangeModel.json").write_text(json.dumps(RANGE_CASES))
    (directory / "NumberModel.json").write_text(json.dumps(NUMBER_CASES))
    return directory


def write_gva(path: Path) -> Path:
    path.write_text("".join(json.dumps(article) + "\n" for article in GVA_ARTICLES))
    return path


def write_polnear(directory: Path) -> Path:
    for name, content in POLNEAR_FILES.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(content)
    return directory
