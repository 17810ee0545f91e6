"""Corpus readers that stream: directories, JSONL, JSONL.gz and WARC, never loaded whole.

Everything `fogofwar read` takes (.txt, .html, .json, .jsonl, `-`) goes through
`fogofwar.ingest.readers`; on top of that:

- `.jsonl.gz` / `.ndjson.gz`: one JSON object per line (`text` and optional `id`,
  `title`, `url`, `outlet`, `published`), decompressed as it is read;
- `.warc`, `.warc.gz`, `.wet`, `.wet.gz` (read with warcio): `response` records with an
  HTML page (main text and metadata by trafilatura) and `conversion`/`resource` records
  with plain text (Common Crawl's WET files). Requests, metadata, redirects, images and
  other non-pages are not documents and are passed over silently.

Directories are walked recursively, in sorted order, skipping hidden files.

Bad data never stops the run: a corrupt gzip stream ends that file with one InputError
(the documents before it are kept); a corrupt WARC record is one InputError and reading
resumes at the next record (the next gzip member, or the next `WARC/1.` line).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from fogofwar.ingest.fetch import HTML_TYPES, MIN_ARTICLE_WORDS
from fogofwar.ingest.language import looks_english
from fogofwar.ingest.readers import (
    KNOWN_SUFFIXES,
    MAX_BYTES,
    InputError,
    from_record,
    iter_documents,
    normalize_published,
)
from fogofwar.schema import Document

JSONL_GZ_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."
SCAN_BLOCK = 1 << 20
Named = tuple[str, Document]


def corpus_kind(path: Path) -> str | None:
    """'warc', 'jsonl.gz', 'file' (a `fogofwar read` format) or None (not a corpus file)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_GZ_SUFFIXES):
        return "jsonl.gz"
    if path.suffix.lower() in KNOWN_SUFFIXES:
        return "file"
    return None


def corpus_files(directory: Path) -> list[Path]:
    """The corpus files under `directory`, sorted, hidden ones left out."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and corpus_kind(p) is not None
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def iter_corpus(
    paths: Iterable[str], *, check_language: bool = True, max_bytes: int = MAX_BYTES
) -> Iterator[Document | InputError]:
    """A Document per readable item and an InputError per bad one, in order, streamed."""
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            yield from iter_documents(["-"], check_language=check_language, max_bytes=max_bytes)
        elif path.is_dir():
            files = corpus_files(path)
            if not files:
                yield InputError(
                    raw, "directory holds no .txt, .html, .json, .jsonl(.gz) or .warc(.gz) files"
                )
            for file in files:
                yield from _read_file(file, check_language, max_bytes)
        elif path.exists():
            yield from _read_file(path, check_language, max_bytes)
        else:
            yield InputError(raw, "no such file or directory")


def _read_file(path: Path, check_language: bool, max_bytes: int) -> Iterator[Document | InputError]:
    kind = corpus_kind(path)
    if kind == "warc":
        items = _read_warc(path, max_bytes)
    elif kind == "jsonl.gz":
        items = _read_jsonl_gz(path, max_bytes)
    else:
        yield from iter_documents([str(path)], check_language=check_language, max_bytes=max_bytes)
        return
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        name, document = item
        if check_language and not looks_english(document.text):
            yield InputError(name, "does not look like English text (skipped)")
        else:
            yield document


def holds_archives(item: str) -> bool:
    """Whether `item` is (or a directory holds) a compressed file or a WARC, which cannot
    be counted for the progress bar without reading them twice."""
    path = Path(item)
    files = corpus_files(path) if path.is_dir() else [path]
    return any(corpus_kind(file) in ("warc", "jsonl.gz") for file in files)


# -- JSONL.gz -----------------------------------------------------------------------------
def _read_jsonl_gz(path: Path, max_bytes: int) -> Iterator[Named | InputError]:
    name = str(path)
    base = path.name[: -len(next(s for s in JSONL_GZ_SUFFIXES if path.name.lower().endswith(s)))]
    number = 0
    try:
        with gzip.open(path, "rb") as stream:
            for number, line in enumerate(_lines(stream, max_bytes), start=1):
                item = f"{name} line {number}"
                if line is None:
                    yield InputError(item, f"too large (over {max_bytes / 2**20:.0f} MB)")
                    continue
                if line.strip():
                    yield _from_json_line(item, line, f"{base}-{number}")
    except (OSError, EOFError, zlib.error) as error:
        yield InputError(
            f"{name} after line {number}",
            f"corrupt gzip data ({error}); the rest of this file is skipped",
        )


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of at most `limit` bytes; None for a longer line (which is skipped unread)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(SCAN_BLOCK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _from_json_line(item: str, line: bytes, default_id: str) -> Named | InputError:
    try:
        record: Any = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return InputError(item, f"not valid UTF-8 (byte {error.start})")
    except json.JSONDecodeError as error:
        return InputError(item, f"invalid JSON ({error.msg})")
    return from_record(item, record, default_id)


# -- WARC ---------------------------------------------------------------------------------
def _read_warc(path: Path, max_bytes: int) -> Iterator[Named | InputError]:
    """Records of a WARC file; after a corrupt record, go on from the next record start."""
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    with path.open("rb") as stream:
        gzipped = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            records = ArchiveIterator(stream)
            try:
                for record in records:
                    item = _warc_item(name, record, max_bytes)
                    if item is not None:
                        yield item
                return
            except Exception as error:  # noqa: BLE001 (warcio and zlib fail in many ways)
                failed_at = records.offset
                yield InputError(
                    f"{name} record at byte {failed_at}",
                    f"corrupt WARC record ({_first_line(error)}); going on at the next record",
                )
                start = _next_record_start(stream, failed_at + 1, gzipped)


def _next_record_start(stream: IO[bytes], after: int, gzipped: bool) -> int | None:
    """Offset of the next gzip member (or, uncompressed, the next `WARC/1.` line) at or
    after `after`; None at the end of the file."""
    marker = GZIP_MAGIC if gzipped else WARC_LINE
    skip = 0 if gzipped else 1  # the WARC line starts after its newline
    position = max(after - skip, 0)
    while True:
        stream.seek(position)
        block = stream.read(SCAN_BLOCK + len(marker))
        if len(block) < len(marker):
            return None
        found = block.find(marker)
        if found != -1:
            return position + found + skip
        position += SCAN_BLOCK


def _warc_item(name: str, record: Any, max_bytes: int) -> Named | InputError | None:
    """A document from a page or text record; None for records that are not documents."""
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or None
    item = f"{name} {url or headers.get_header('WARC-Record-ID')}"
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type in ("conversion", "resource"):
        content_type = headers.get_header("Content-Type") or ""
    else:
        return None
    content_type = content_type.split(";")[0].strip().lower()
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return InputError(item, f"too large (over {max_bytes / 2**20:.0f} MB)")
    record_id = url or headers.get_header("WARC-Record-ID") or item
    if content_type.startswith("text/plain"):
        text = payload.decode("utf-8", errors="replace")
        if not text.strip():
            return InputError(item, "empty")
        return item, Document(id=record_id, url=url, text=text)
    if content_type in HTML_TYPES or (not content_type and payload.lstrip()[:1] == b"<"):
        return _html_document(item, payload, url, record_id)
    return None


def _html_document(item: str, html: bytes, url: str | None, record_id: str) -> Named | InputError:
    import trafilatura  # slow to import; only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False
        )
    except Exception:  # noqa: BLE001 (trafilatura fails in many ways on broken markup)
        extracted = None
    data = (
        {}
        if extracted is None
        else (extracted if isinstance(extracted, dict) else extracted.as_dict())
    )
    text = data.get("text") or ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return InputError(item, "no article text found in the page")
    published = data.get("date")
    return item, Document(
        id=record_id,
        url=url,
        text=text,
        title=data.get("title"),
        outlet=data.get("sitename") or (urlparse(url).hostname if url else None),
        published=normalize_published(published) if published else None,
    )


def _first_line(error: BaseException, limit: int = 100) -> str:
    """The error's first line, printable and short (warcio quotes the bytes it choked on)."""
    lines = str(error).strip().splitlines()
    line = "".join(c if c.isprintable() and c.isascii() else "?" for c in lines[0]) if lines else ""
    return (line[:limit] + "...") if len(line) > limit else line or type(error).__name__
