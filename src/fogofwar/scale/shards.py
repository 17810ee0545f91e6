"""Reports as shards, for corpora too big for one database: partitioned Parquet or JSONL.gz.

    DIR/_fogofwar_shards.json              {"format": "fogofwar-shards/1", "model", "layout"}
    DIR/month=2024-12/part-000000.parquet  one row per report
    DIR/month=2025-01/part-000001.parquet
    DIR/month=unknown/part-000002.parquet  documents without a publication date

The partitions are Hive-style, by publication month, so pyarrow.dataset, DuckDB or Spark
read DIR as one table and skip the months a query does not want. Parquet columns:
`document_id`, `content_hash` (the ledger's text hash), `url`, `title`, `outlet`,
`published`, `model`, the record counts `actors`, `places`, `quotes`, `figures`, `events`,
and `report`: the whole report as `fogofwar read --format jsonl` writes it. The JSONL
layout has `part-NNNNNN.jsonl.gz` files instead, one report per line.

`ShardWriter` has the two methods the ingest loop needs from a ledger (`known_hashes`,
`store`), so `fogofwar extract` is the same loop as `fogofwar ingest`: texts already in
a shard are skipped before extraction. A shard is written under a temporary name and
renamed when complete: a killed run leaves whole shards only, and the rerun goes on
from there. `ShardSource` reads shards back for `fogofwar ingest DIR`, without
extraction.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fogofwar.errors import FogofwarError
from fogofwar.ingest.readers import InputError
from fogofwar.ledger.ingest import LOOKAHEAD
from fogofwar.ledger.merge import text_hash
from fogofwar.ledger.store import StoreResult
from fogofwar.schema import Document, Report

MANIFEST = "_fogofwar_shards.json"
FORMAT = "fogofwar-shards/1"
LAYOUTS = ("parquet", "jsonl")
SHARD_SIZE = 1000  # reports buffered before the shards are written
READ_BATCH = 256  # Parquet rows decoded at a time when reading back
SHARD_NAME = re.compile(r"part-(\d{6})\.(parquet|jsonl\.gz)$")
MONTH = re.compile(r"\d{4}-\d{2}")
RECORD_COUNTS = ("actors", "places", "quotes", "figures", "events")


def is_shard_directory(item: str) -> bool:
    return (Path(item) / MANIFEST).is_file()


def read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FogofwarError(f"{directory / MANIFEST} cannot be read: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise FogofwarError(f"{directory} does not hold fogofwar shards ({FORMAT})")
    return manifest


def shard_files(directory: Path) -> list[Path]:
    """The complete shards under `directory`, in the order they were written."""
    found = [p for p in directory.glob("month=*/part-*") if SHARD_NAME.search(p.name)]
    return sorted(found, key=_sequence)


def _sequence(path: Path) -> int:
    match = SHARD_NAME.search(path.name)
    return int(match.group(1)) if match else -1


def month_of(report: Report) -> str:
    """The partition of a report: its publication month, or 'unknown'."""
    published = report.document.published or ""
    return published[:7] if MONTH.match(published[:7]) else "unknown"


class ShardWriter:
    """Writes reports into shards under `directory` (see the module docstring)."""

    def __init__(
        self,
        directory: Path,
        *,
        model: str,
        layout: str = "parquet",
        shard_size: int = SHARD_SIZE,
    ) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}")
        self.directory = directory
        self.layout = layout
        self.shard_size = shard_size
        self.model = model
        self._open(model)
        existing = shard_files(directory)
        self._next = max((_sequence(p) for p in existing), default=-1) + 1
        self._known: set[bytes] = {bytes.fromhex(h) for h in _stored_hashes(existing)}
        self._buffers: dict[str, list[tuple[str, Report]]] = defaultdict(list)
        self._buffered = 0
        self.written = 0  # reports written to disk by this writer

    def _open(self, model: str) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FogofwarError(f"cannot create {self.directory}: {error.strerror}") from None
        manifest_path = self.directory / MANIFEST
        wanted = {"format": FORMAT, "model": model, "layout": self.layout}
        if manifest_path.exists():
            manifest = read_manifest(self.directory)
            if (manifest.get("model"), manifest.get("layout")) != (model, self.layout):
                raise FogofwarError(
                    f"{self.directory} holds {manifest.get('layout')} shards made with model "
                    f"{manifest.get('model')!r}; use another --out directory"
                )
        elif any(self.directory.iterdir()):
            raise FogofwarError(f"{self.directory} is not empty and holds no fogofwar shards")
        else:
            manifest_path.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
        for leftover in self.directory.glob("month=*/*.tmp"):  # from a killed run
            leftover.unlink()

    # -- the two methods the ingest loop uses ---------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        return {h for h in hashes if bytes.fromhex(h) in self._known}

    def store(self, reports: Sequence[Report], *, model: str | None = None) -> StoreResult:
        """Buffer `reports`; write shards once SHARD_SIZE are buffered."""
        result = StoreResult()
        for report in reports:
            content_hash = text_hash(report.document.text)
            digest = bytes.fromhex(content_hash)
            if digest in self._known:
                result.already += 1
                continue
            self._known.add(digest)
            self._buffers[month_of(report)].append((content_hash, report))
            self._buffered += 1
            result.stored.append(content_hash)
        if self._buffered >= self.shard_size:
            self.flush()
        return result

    # -- writing --------------------------------------------------------------------------
    def flush(self) -> None:
        """Write every buffered report: one shard per month present in the buffer."""
        for month, rows in sorted(self._buffers.items()):
            partition = self.directory / f"month={month}"
            partition.mkdir(exist_ok=True)
            suffix = "parquet" if self.layout == "parquet" else "jsonl.gz"
            final = partition / f"part-{self._next:06d}.{suffix}"
            temporary = final.with_name(final.name + ".tmp")
            try:
                if self.layout == "parquet":
                    _write_parquet(temporary, rows, self.model)
                else:
                    _write_jsonl(temporary, rows)
                os.replace(temporary, final)
            except OSError as error:
                raise FogofwarError(f"cannot write {final}: {error.strerror or error}") from None
            self._next += 1
            self.written += len(rows)
        self._buffers.clear()
        self._buffered = 0

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, kind: type | None, *_: object) -> None:
        if kind is None:  # after an error, buffered reports are redone by the rerun
            self.close()


def _parquet_schema() -> Any:
    import pyarrow as pa

    text_fields = ("document_id", "content_hash", "url", "title", "outlet", "published", "model")
    return pa.schema(
        [pa.field(name, pa.string()) for name in text_fields]
        + [pa.field(name, pa.int32()) for name in RECORD_COUNTS]
        + [pa.field("report", pa.string())]
    )


def _write_parquet(path: Path, rows: list[tuple[str, Report]], model: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = []
    for content_hash, report in rows:
        document = report.document
        records.append(
            {
                "document_id": document.id,
                "content_hash": content_hash,
                "url": document.url,
                "title": document.title,
                "outlet": document.outlet,
                "published": document.published,
                "model": model,
                **{name: len(getattr(report, name)) for name in RECORD_COUNTS},
                "report": report.model_dump_json(),
            }
        )
    table = pa.Table.from_pylist(records, schema=_parquet_schema())
    pq.write_table(table, path, compression="zstd")


def _write_jsonl(path: Path, rows: list[tuple[str, Report]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for _, report in rows:
            out.write(report.model_dump_json() + "\n")


def _stored_hashes(files: list[Path]) -> Iterator[str]:
    """Content hashes of the reports in `files` (read from Parquet's column; JSONL
    reports are hashed again)."""
    import pyarrow.parquet as pq

    for path in files:
        if path.suffix == ".parquet":
            yield from pq.read_table(path, columns=["content_hash"]).column(0).to_pylist()
        else:
            for item in _read_jsonl(path):
                if isinstance(item, Report):
                    yield text_hash(item.document.text)


# -- reading back -------------------------------------------------------------------------
def iter_shard_reports(directory: Path) -> Iterator[Report | InputError]:
    """Every report in the shards of `directory`, shard by shard; a shard or row that
    cannot be read is an InputError and the rest goes on."""
    read_manifest(directory)
    for path in shard_files(directory):
        yield from (_read_parquet(path) if path.suffix == ".parquet" else _read_jsonl(path))


def count_reports(directories: Iterable[Path]) -> int | None:
    """Reports in the shards (from Parquet footers); None if there are JSONL shards."""
    import pyarrow.parquet as pq

    total = 0
    for directory in directories:
        for path in shard_files(directory):
            if path.suffix != ".parquet":
                return None
            try:
                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:  # noqa: BLE001 (reported when the shard is read)
                continue
    return total


def _read_parquet(path: Path) -> Iterator[Report | InputError]:
    import pyarrow.parquet as pq

    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH, columns=["report"])
        row = 0
        for batch in batches:
            for value in batch.column(0).to_pylist():
                row += 1
                yield _parse_report(f"{path} row {row}", value)
    except Exception as error:  # noqa: BLE001 (pyarrow raises many types for bad files)
        yield InputError(str(path), f"corrupt Parquet shard ({error}); the rest is skipped")


def _read_jsonl(path: Path) -> Iterator[Report | InputError]:
    number = 0
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield _parse_report(f"{path} line {number}", line)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        yield InputError(
            f"{path} after line {number}", f"corrupt shard ({error}); the rest is skipped"
        )


def _parse_report(item: str, value: str | None) -> Report | InputError:
    from pydantic import ValidationError

    try:
        return Report.model_validate_json(value or "")
    except ValidationError as error:
        return InputError(item, f"not a fogofwar report ({error.errors()[0]['msg']})")


class ShardSource:
    """Shards as input of the ingest loop: `items()` yields their documents, and
    `extract` hands back the stored report of each document instead of extracting.

    The loop keeps input order and looks ahead LOOKAHEAD items at a time, so a report
    older than 2 x LOOKAHEAD items was either handed to `extract` or skipped as known:
    it is dropped, and memory stays bounded."""

    def __init__(self, directories: Sequence[Path]) -> None:
        self.directories = list(directories)
        models = {str(read_manifest(d).get("model")) for d in self.directories}
        if len(models) > 1:
            raise FogofwarError(
                "these shards were made with different models "
                f"({', '.join(sorted(models))}): ingest one directory at a time"
            )
        self.model = models.pop() if models else None
        self._waiting: OrderedDict[int, Report] = OrderedDict()

    def items(self) -> Iterator[Document | InputError]:
        for directory in self.directories:
            for item in iter_shard_reports(directory):
                if isinstance(item, InputError):
                    yield item
                    continue
                self._waiting[id(item.document)] = item
                if len(self._waiting) > 2 * LOOKAHEAD:
                    self._waiting.popitem(last=False)
                yield item.document

    def extract(self, documents: Iterable[Document]) -> Iterator[Report]:
        for document in documents:
            while self._waiting:
                key, report = self._waiting.popitem(last=False)
                if key == id(document):  # the ones before it were skipped as known
                    yield report
                    break
            else:
                raise RuntimeError(f"document {document.id!r} did not come from the shards")
