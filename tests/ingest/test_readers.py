"""Input readers: every format, and one clear error per bad item."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from fogofwar.ingest.readers import (
    Document,
    InputError,
    iter_documents,
    normalize_published,
)

ENGLISH = "Russian forces shelled the city on Monday and the mayor said two people were hurt."


def read_all(*paths: str | Path, **kwargs) -> list[Document | InputError]:
    return list(iter_documents([str(p) for p in paths], **kwargs))


def test_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ENGLISH)
    [doc] = read_all(path)
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("report", ENGLISH)


def test_html_main_text_and_metadata(tmp_path):
    body = " ".join([ENGLISH] * 6)
    html = (
        "<html><head><title>Shelling in Kharkiv</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Shelling in Kharkiv</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Cookie policy</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    [doc] = read_all(path)
    assert isinstance(doc, Document)
    assert "Russian forces shelled the city" in doc.text
    assert "Cookie policy" not in doc.text
    assert doc.title == "Shelling in Kharkiv"


def test_json_object_list_and_jsonl(tmp_path):
    record = {
        "text": ENGLISH,
        "title": "T",
        "url": "https://example.org/a",
        "outlet": "O",
        "published": "2024-12-28",
        "id": "x1",
    }
    (tmp_path / "one.json").write_text(json.dumps(record))
    (tmp_path / "many.json").write_text(json.dumps([record, {**record, "id": "x2"}]))
    (tmp_path / "lines.jsonl").write_text(
        json.dumps(record) + "\n\n" + json.dumps({"text": ENGLISH})
    )
    docs = read_all(tmp_path / "one.json", tmp_path / "many.json", tmp_path / "lines.jsonl")
    assert [d.id for d in docs] == ["x1", "x1", "x2", "x1", "lines-3"]
    assert docs[0].published == "2024-12-28"
    assert docs[0].outlet == "O" and docs[0].url == "https://example.org/a"


def test_directory_is_walked_in_order_and_skips_other_files(tmp_path):
    (tmp_path / "b.txt").write_text(ENGLISH)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ENGLISH)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text(ENGLISH)
    assert [d.id for d in read_all(tmp_path)] == ["b", "a"]


def test_stdin(tmp_path):
    [doc] = read_all("-", stdin=io.BytesIO(ENGLISH.encode()))
    assert doc.text == ENGLISH
    [doc] = read_all("-", stdin=io.BytesIO(json.dumps({"text": ENGLISH, "id": "s"}).encode()))
    assert doc.id == "s"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t ", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary file"),
        ("latin1.txt", "caf\u00e9 ".encode("latin-1") * 5, "not valid UTF-8"),
        ("bad.json", b"{not json", "invalid JSON"),
        ("notext.json", b'{"title": "no text"}', "no 'text' field"),
        ("list.json", b'["a string"]', "expected a JSON object"),
        ("date.json", json.dumps({"text": ENGLISH, "published": "soon"}).encode(), "not a date"),
        (
            "french.txt",
            (
                "Les soldats sont arrivés dans la ville et les habitants ont fui vers "
                "le sud pendant la nuit avec leurs enfants et leurs affaires. " * 3
            ).encode(),
            "English",
        ),
    ],
)
def test_bad_items_give_one_line_naming_the_item(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    items = read_all(path, good)
    assert isinstance(items[0], InputError)
    assert name in str(items[0]) and reason in str(items[0])
    assert "\n" not in str(items[0])
    assert isinstance(items[-1], Document), "the good file after the bad one is still read"


def test_jsonl_bad_line_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join([json.dumps({"text": ENGLISH}), "{oops", json.dumps({"text": ENGLISH})])
    )
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert "line 2" in str(items[1])


def test_missing_path_and_too_large_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 100)
    missing, large = read_all(tmp_path / "nope.txt", big, max_bytes=1000)
    assert "no such file" in str(missing)
    assert "too large" in str(large)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [item] = read_all(path)
    assert str(item) == f"{path}: cannot read: Permission denied"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-28", "2024-12-28"),
        ("2024-12-28T09:30:00Z", "2024-12-28T09:30:00+00:00"),
        ("28 December 2024", "2024-12-28"),
        ("Dec 28, 2024", "2024-12-28"),
        ("2024-02-31", None),
        ("yesterday", None),
        ("soon", None),
    ],
)
def test_normalize_published(value, expected):
    assert normalize_published(value) == expected
