"""The command line, through click's CliRunner: read, schema, bad input."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from fogofwar.cli import cli

ARTICLE = (
    "Ukrainian President Volodymyr Zelenskyy said on Friday that Russian forces shelled "
    "Kharkiv overnight. John Kirby, spokesperson for the National Security Council, said "
    "North Korean troops were fighting for Russia.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "kharkiv.txt"
    path.write_text(ARTICLE)
    return path


def test_read_json_validates_against_schema(runner, article):
    result = runner.invoke(
        cli, ["read", str(article), "--format", "json", "--published", "2024-12-28"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    schema = json.loads(runner.invoke(cli, ["schema"]).stdout)
    jsonschema.validate(report, schema)
    assert report["document"]["published"] == "2024-12-28"
    assert report["document"]["id"] == "kharkiv"
    names = {a["name"]: a for a in report["actors"]}
    assert names["Volodymyr Zelenskyy"]["country"] == "UKR"
    assert names["John Kirby"]["roles"] == ["spokesperson"]


def test_read_several_as_json_array_and_jsonl(runner, article, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"text": ARTICLE, "id": "o1", "outlet": "Wire"}))
    array = runner.invoke(cli, ["read", str(article), str(other), "--format", "json"])
    assert [r["document"]["id"] for r in json.loads(array.stdout)] == ["kharkiv", "o1"]
    lines = runner.invoke(cli, ["read", str(article), str(other), "--format", "jsonl"])
    assert [json.loads(line)["document"]["outlet"] for line in lines.stdout.splitlines()] == [
        None,
        "Wire",
    ]


def test_read_text_format_shows_article_and_tables(runner, article):
    result = runner.invoke(cli, ["read", str(article)])
    assert result.exit_code == 0
    assert "Russian forces shelled" in result.stdout
    assert "Actors" in result.stdout and "spokesperson" in result.stdout


def test_read_stdin(runner):
    result = runner.invoke(cli, ["read", "-", "--format", "jsonl"], input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["text"] == ARTICLE


def test_bad_items_are_reported_and_the_rest_is_read(runner, article, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(
        cli, ["read", str(empty), str(tmp_path / "missing.txt"), str(article), "--format", "jsonl"]
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert errors == [
        f"fogofwar: skipped {empty}: empty",
        f"fogofwar: skipped {tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_nothing_readable_exits_non_zero_without_traceback(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(cli, ["read", str(empty)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert "nothing could be read" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["read", "x.txt", "--published", "next week"], "is not a date"),
        (["read", "x.txt", "--model", "no_such_pipeline"], "is not installed"),
        (["read", "x.txt", "--format", "xml"], "Invalid value"),
    ],
)
def test_user_mistakes_are_one_line(runner, tmp_path, args, message):
    (tmp_path / "x.txt").write_text(ARTICLE)
    args = [str(tmp_path / a) if a == "x.txt" else a for a in args]
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_a_json_schema(runner):
    schema = json.loads(runner.invoke(cli, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == {
        "document",
        "actors",
        "places",
        "quotes",
        "figures",
        "events",
    }
