"""Turn paths (files, directories, `-` for standard input) into Documents.

Formats: .txt (and any other text file named directly), .html/.htm (main text extracted
with trafilatura), .json (one object or a list of objects) and .jsonl (one object per
line), each object with `text` and optional `title`, `url`, `published`, `outlet`, `id`.
Directories are walked recursively, in sorted order, for files with those endings.

Bad items do not stop the run: `iter_documents` yields an `InputError` naming the item
and the reason, and goes on with the next one. JSONL is streamed line by line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from fogofwar.ingest.language import looks_english
from fogofwar.schema import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 64 * 1024 * 1024  # one document; longer texts are read in pieces but must fit
METADATA_FIELDS = ("id", "title", "url", "outlet", "published")
Named = tuple[str, Document]  # a document and the item it came from, for messages


@dataclass(frozen=True)
class InputError:
    """An item that could not be read: `item` names it, `reason` says why, in one line."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


def iter_documents(
    paths: Iterable[str],
    *,
    stdin: IO[bytes] | None = None,
    check_language: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a Document per readable item and an InputError per bad one, in order."""
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            items = _read_bytes("<stdin>", stream.read(max_bytes + 1), "", max_bytes)
        else:
            items = _read_path(Path(raw), max_bytes)
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            name, document = item
            if check_language and not looks_english(document.text):
                yield InputError(name, "does not look like English text (skipped)")
            else:
                yield document


def _read_path(path: Path, max_bytes: int) -> Iterator[Named | InputError]:
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in KNOWN_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            yield InputError(str(path), "directory holds no .txt, .html, .json or .jsonl files")
        for file in files:
            yield from _read_file(file, max_bytes)
    elif path.exists():
        yield from _read_file(path, max_bytes)
    else:
        yield InputError(str(path), "no such file or directory")


def _read_file(path: Path, max_bytes: int) -> Iterator[Named | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(
                name,
                f"too large ({size / 2**20:.0f} MB; the limit is "
                f"{max_bytes / 2**20:.0f} MB per file)",
            )
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
            return
        data = path.read_bytes()
    except OSError as error:
        yield InputError(name, f"cannot read: {error.strerror or error}")
        return
    yield from _read_bytes(name, data, path.suffix.lower(), max_bytes, default_id=path.stem)


def _read_bytes(
    name: str, data: bytes, suffix: str, max_bytes: int, default_id: str | None = None
) -> Iterator[Named | InputError]:
    if len(data) > max_bytes:
        yield InputError(name, f"too large (over {max_bytes / 2**20:.0f} MB)")
        return
    text = _decode(name, data)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(name, "empty")
        return
    default_id = default_id or name
    if suffix in HTML_SUFFIXES or (not suffix and text.lstrip()[:1] == "<"):
        yield _from_html(name, text, default_id)
    elif suffix in JSON_SUFFIXES or (not suffix and text.lstrip()[:1] in "[{"):
        yield from _from_json(name, text, default_id)
    else:
        yield name, Document(id=default_id, text=text)


def _decode(name: str, data: bytes) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(name, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return InputError(name, f"not valid UTF-8 (byte {error.start})")


def _from_html(name: str, html: str, default_id: str) -> Named | InputError:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        return InputError(name, "no article text found in the HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        return InputError(name, "no article text found in the HTML")
    return name, Document(
        id=default_id,
        text=text,
        title=data.get("title"),
        url=data.get("url"),
        outlet=data.get("sitename"),
        published=data.get("date"),
    )


def _from_json(name: str, text: str, default_id: str) -> Iterator[Named | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputError(name, f"invalid JSON (line {error.lineno}: {error.msg})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        item = f"{name}[{number}]" if isinstance(data, list) else name
        record_id = f"{default_id}-{number}" if isinstance(data, list) else default_id
        yield from_record(item, record, record_id)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Named | InputError]:
    name = str(path)
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            item = f"{name} line {number}"
            if not line.strip():
                continue
            text = _decode(item, line)
            if isinstance(text, InputError):
                yield text
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                yield InputError(item, f"invalid JSON ({error.msg})")
                continue
            yield from_record(item, record, f"{path.stem}-{number}")


def normalize_published(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD, or a full timestamp) from a publication date as written in
    the input ("2024-12-28", "2024-12-28T09:00:00Z", "28 December 2024"); None if it is
    not a date. Relative words ("yesterday") are refused: they need an anchor themselves."""
    value = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value).isoformat()
        except ValueError:
            pass
    import dateparser  # slow to import; most inputs are ISO already

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={"PARSERS": ["custom-formats", "absolute-time"], "STRICT_PARSING": True},
    )
    return parsed.date().isoformat() if parsed else None


def from_record(item: str, record: Any, default_id: str) -> Named | InputError:
    """A Document from a JSON object with `text` and optional metadata."""
    if not isinstance(record, dict):
        return InputError(item, "expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        return InputError(item, "no 'text' field (a string) in the object")
    if not text.strip():
        return InputError(item, "empty 'text'")
    fields = {k: record[k] for k in METADATA_FIELDS if record.get(k) is not None}
    fields = {k: str(v) for k, v in fields.items()}
    fields.setdefault("id", default_id)
    if "published" in fields:
        published = normalize_published(fields["published"])
        if published is None:
            return InputError(item, f"'published' is not a date: {fields['published']!r}")
        fields["published"] = published
    try:
        return item, Document(text=text, **fields)
    except ValidationError as error:
        return InputError(item, f"bad metadata: {error.errors()[0]['msg']}")
