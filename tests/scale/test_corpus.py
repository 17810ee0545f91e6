"""Streaming corpus readers: JSONL.gz and WARC, corrupt data skipped with one message."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fogofwar.ingest.readers import InputError
from fogofwar.scale.corpus import corpus_kind, holds_archives, iter_corpus
from fogofwar.schema import Document

from .corpus_files import article_text, corrupt_response, write_jsonl_gz, write_warc


def read_all(*paths: Path, **options) -> list[Document | InputError]:
    return list(iter_corpus([str(p) for p in paths], **options))


def ids(items: list[Document | InputError]) -> list[str]:
    return [item.id for item in items if isinstance(item, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("CC-NEWS-20240101.warc.gz", "warc"),
        ("a.warc", "warc"),
        ("x.warc.wet.gz", "warc"),
        ("news.jsonl.gz", "jsonl.gz"),
        ("news.NDJSON.GZ", "jsonl.gz"),
        ("a.txt", "file"),
        ("a.jsonl", "file"),
        ("a.pdf", None),
        ("a.txt.gz", None),
    ],
)
def test_corpus_kind(name: str, kind: str | None) -> None:
    assert corpus_kind(Path(name)) == kind


def test_jsonl_gz_documents_and_metadata(tmp_path: Path) -> None:
    items = read_all(write_jsonl_gz(tmp_path / "news.jsonl.gz", range(3)))
    assert ids(items) == ["j0", "j1", "j2"]
    assert items[1].text == article_text(1)
    assert items[1].published == "2024-12-28"


def test_jsonl_gz_is_streamed(tmp_path: Path) -> None:
    """The first document comes before the file's broken end is reached."""
    path = write_jsonl_gz(tmp_path / "news.jsonl.gz", range(2000))
    path.write_bytes(path.read_bytes()[:-200])
    items = iter_corpus([str(path)])
    assert next(items).id == "j0"
    rest = list(items)
    assert len(errors(rest)) == 1


def test_truncated_gzip_keeps_what_came_before_and_goes_on(tmp_path: Path) -> None:
    broken = write_jsonl_gz(tmp_path / "a.jsonl.gz", range(50))
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    write_jsonl_gz(tmp_path / "b.jsonl.gz", range(100, 102))
    items = read_all(tmp_path)
    [error] = errors(items)
    assert "corrupt gzip data" in error.reason and "a.jsonl.gz" in error.item
    got = ids(items)
    assert got[:3] == ["j0", "j1", "j2"] and got[-2:] == ["j100", "j101"]
    assert len(got) < 52


def test_gzip_with_garbage_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"this is not gzip at all\n")
    [error] = read_all(path)
    assert isinstance(error, InputError) and "corrupt gzip data" in error.reason


def test_bad_lines_in_jsonl_gz_are_skipped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(b'{"text": "' + article_text(1).encode() + b'"}\n')
        out.write(b"{not json\n\n")
        out.write(b'{"title": "no text"}\n')
        out.write(b'{"text": "' + b"x" * 500 + b'"}\n')
        out.write(b'{"text": "' + article_text(2).encode() + b'"}\n')
    items = read_all(path, max_bytes=400)
    assert ids(items) == ["mixed-1", "mixed-6"]
    reasons = [e.reason for e in errors(items)]
    assert reasons[0].startswith("invalid JSON")
    assert "no 'text' field" in reasons[1]
    assert reasons[2].startswith("too large")


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_pages_and_text_records(tmp_path: Path, gzipped: bool) -> None:
    path = write_warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), range(3), gzipped=gzipped)
    items = read_all(path)
    assert errors(items) == []
    assert ids(items) == [f"https://example.org/news/{n}" for n in range(3)] + [
        "https://example.org/plain"
    ]
    page = items[1]
    assert page.url == "https://example.org/news/1"
    assert page.outlet == "example.org"
    assert page.title == "Strike 1"
    assert "1 civilians were wounded" in page.text and "Home | World" not in page.text
    assert items[-1].text == article_text(99)


@pytest.mark.parametrize("gzipped", [True, False])
def test_corrupt_warc_record_is_skipped_and_the_rest_read(tmp_path: Path, gzipped: bool) -> None:
    path = write_warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), range(4), gzipped=gzipped)
    corrupt_response(path, 1, gzipped=gzipped)
    items = read_all(path)
    [error] = errors(items)
    assert "corrupt WARC record" in error.reason and "record at byte" in error.item
    assert error.reason.isprintable()
    assert ids(items) == [
        "https://example.org/news/0",
        "https://example.org/news/2",
        "https://example.org/news/3",
        "https://example.org/plain",
    ]


def test_warc_page_without_article_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/menu",
                "response",
                payload=io.BytesIO(b"<html><body><nav>Home</nav></body></html>"),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "1.1"),
            )
        )
    [error] = read_all(path)
    assert error.reason == "no article text found in the page"


def test_directory_mixes_formats_in_sorted_order(tmp_path: Path) -> None:
    write_jsonl_gz(tmp_path / "b.jsonl.gz", range(2))
    write_warc(tmp_path / "c.warc.gz", range(1), gzipped=True)
    (tmp_path / "a.txt").write_text(article_text(7))
    (tmp_path / ".hidden.jsonl.gz").write_bytes(b"junk")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = read_all(tmp_path)
    assert errors(items) == []
    assert ids(items) == [
        "a",
        "j0",
        "j1",
        "https://example.org/news/0",
        "https://example.org/plain",
    ]


def test_non_english_records_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "fr.jsonl.gz"
    french = "Les forces russes ont bombardé la ville lundi et le maire a dit que deux " * 3
    with gzip.open(path, "wt") as out:
        out.write('{"text": "' + french + '"}\n')
    [error] = read_all(path)
    assert "English" in error.reason
    assert ids(read_all(path, check_language=False)) == ["fr-1"]


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    first, second = read_all(tmp_path / "missing", tmp_path / "empty")
    assert first.reason == "no such file or directory"
    assert "holds no" in second.reason


def test_holds_archives(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.txt").write_text("x")
    (tmp_path / "mixed").mkdir()
    (tmp_path / "mixed" / "a.txt").write_text("x")
    write_jsonl_gz(tmp_path / "mixed" / "b.jsonl.gz", range(1))
    assert not holds_archives(str(tmp_path / "plain"))
    assert holds_archives(str(tmp_path / "mixed"))
    assert holds_archives("x.warc.gz")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=40)), max_size=4),
    gzipped=st.booleans(),
)
def test_damaged_warc_never_raises_and_ends(cuts: list[tuple[int, bytes]], gzipped: bool) -> None:
    """Bytes overwritten anywhere in a WARC: every item is a Document or an InputError,
    and reading ends (each resynchronisation moves forward)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_warc(Path(folder) / "c.warc", range(3), gzipped=gzipped)
        data = bytearray(path.read_bytes())
        for position, junk in cuts:
            position %= len(data)
            data[position : position + len(junk)] = junk
        path.write_bytes(bytes(data))
        items = read_all(path)
    assert all(isinstance(item, Document | InputError) for item in items)
    assert len(items) <= 4 + len(cuts) * 4


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_jsonl_gz_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.jsonl.gz"
        path.write_bytes(data)
        items = read_all(path)
    assert all(isinstance(item, Document | InputError) for item in items)
