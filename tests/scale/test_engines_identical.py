"""With spaCy: the local and Dask engines build identical ledgers; shards written by
`fogofwar extract` and stored by `fogofwar ingest DIR` give the same reports; corrupt
archives are skipped with one line each."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fogofwar.cli import cli
from fogofwar.ledger import Ledger

from .corpus_files import corrupt_response, write_jsonl_gz, write_warc

TEXTS = [
    "Ukrainian President Volodymyr Zelenskyy said on Friday that 3,000 North Korean soldiers "
    "were killed or wounded in the Kursk region.",
    "Officials in Kharkiv said nine civilians were wounded on Monday. Mayor Ihor Terekhov "
    "said the strike hit a school.",
    "Zelenskyy said Russian forces launched 40 drones at Kyiv overnight.",
    "The Pentagon said about 10,000 North Korean troops were in Russia, and Kirby said "
    "hundreds of them had been killed.",
    "Terekhov said two more people died in hospital after the attack on Kharkiv.",
    "Russia's defence ministry said its forces captured the village of Kurakhove.",
]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The texts as .txt files and a .jsonl.gz, so that both reader paths are used."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for number, text in enumerate(TEXTS[:3]):
        (folder / f"a-{number}.txt").write_text(text)
    import gzip
    import json

    with gzip.open(folder / "b.jsonl.gz", "wt") as out:
        for number, text in enumerate(TEXTS[3:]):
            out.write(json.dumps({"id": f"b-{number}", "text": text}) + "\n")
    return folder


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def snapshot(db: Path) -> dict:
    """Everything the ledger can say, ledger ids included."""
    with Ledger(str(db)) as ledger:
        views: dict = {"counts": ledger.counts()}
        for fmt, table in (("jsonl", "figures"), ("csv", "figures"), ("csv", "events")):
            out = io.StringIO()
            ledger.export(fmt, out, table=table)
            views[f"{fmt} {table}"] = out.getvalue()
        views["figures"] = [s.to_dict() for s in ledger.figures(limit=1000)]
        views["events"] = [e.to_dict() for e in ledger.events(limit=1000)]
    return views


@pytest.mark.usefixtures("nlp")
def test_local_and_dask_engines_build_identical_ledgers(inputs: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    common = ("--published", "2024-12-28")
    run("ingest", inputs, "--db", local, *common)
    result = run("ingest", inputs, "--db", dask, *common, "--engine", "dask", "--workers", "1")
    assert "ingest (dask local: 1 worker)" in result.output  # the progress bar
    assert "docs/s" in result.output
    assert "stored 6 documents" in result.output

    expected = snapshot(local)
    assert expected["counts"]["documents"] == 6
    assert expected["counts"]["actors"] > 0  # and whatever records the components make
    assert snapshot(dask) == expected

    again = run("ingest", inputs, "--db", dask, *common, "--workers", "1")
    assert "stored 0 documents, 6 already in the ledger" in again.output


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("layout", ["parquet", "jsonl"])
def test_shards_from_extract_ingest_to_the_same_reports(
    inputs: Path, tmp_path: Path, layout: str
) -> None:
    direct, from_shards, shards = tmp_path / "direct.db", tmp_path / "shards.db", tmp_path / "s"
    run("ingest", inputs, "--db", direct, "--published", "2024-12-28")
    result = run(
        "extract", inputs, "--out", shards, "--layout", layout, "--published", "2024-12-28"
    )
    assert "extracted 6 documents" in result.output
    suffix = "parquet" if layout == "parquet" else "jsonl.gz"
    assert [p.relative_to(shards).as_posix() for p in shards.glob("month=*/*")] == [
        f"month=2024-12/part-000000.{suffix}"
    ]
    again = run("extract", inputs, "--out", shards, "--layout", layout)
    assert "extracted 0 documents, 6 already in the shards" in again.output

    stored = run("ingest", shards, "--db", from_shards)
    assert "stored 6 documents" in stored.output
    with Ledger(str(direct)) as one, Ledger(str(from_shards)) as other:
        assert sorted(other.reports(), key=lambda r: r.document.id) == sorted(
            one.reports(), key=lambda r: r.document.id
        )
        assert other.counts() == one.counts()


@pytest.mark.usefixtures("nlp")
def test_corrupt_archives_are_skipped_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_jsonl_gz(folder / "a.jsonl.gz", range(2))
    truncated = write_jsonl_gz(folder / "b.jsonl.gz", range(10, 40))
    truncated.write_bytes(truncated.read_bytes()[:300])
    warc = write_warc(folder / "c.warc.gz", range(3), gzipped=True)
    corrupt_response(warc, 1, gzipped=True)
    result = run("ingest", folder, "--db", tmp_path / "x.db")
    skipped = [line for line in result.output.splitlines() if line.startswith("fogofwar: skipped")]
    assert len(skipped) == 2
    assert "b.jsonl.gz after line" in skipped[0] and "corrupt gzip data" in skipped[0]
    assert "c.warc.gz record at byte" in skipped[1] and "corrupt WARC record" in skipped[1]
    with Ledger(str(tmp_path / "x.db")) as ledger:
        ids = {r.document.id for r in ledger.reports()}
    assert {"j0", "j1"} <= ids
    assert {"https://example.org/news/0", "https://example.org/news/2"} <= ids
    assert "https://example.org/news/1" not in ids
