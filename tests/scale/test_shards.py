"""Shards: partitioned Parquet and JSONL.gz written, resumed and read back (no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from fogofwar.errors import FogofwarError
from fogofwar.ingest.readers import InputError
from fogofwar.ledger import Ledger
from fogofwar.ledger.ingest import LOOKAHEAD, ingest
from fogofwar.ledger.merge import text_hash
from fogofwar.scale.shards import (
    MANIFEST,
    ShardSource,
    ShardWriter,
    count_reports,
    is_shard_directory,
    iter_shard_reports,
    month_of,
    shard_files,
)
from fogofwar.schema import Actor, Document, Report, Span


def report(n: int, published: str | None = "2024-12-28") -> Report:
    text = f"Kirby said report {n} was true."
    return Report(
        document=Document(id=f"r{n}", text=text, published=published),
        actors=[
            Actor(
                id="a1",
                name="Kirby",
                kind="person",
                mentions=[Span(start=0, end=5, text="Kirby")],
            )
        ],
    )


@pytest.mark.parametrize(
    ("published", "month"),
    [("2024-12-28", "2024-12"), ("2025-01", "2025-01"), (None, "unknown"), ("soon", "unknown")],
)
def test_month_of(published: str | None, month: str) -> None:
    assert month_of(report(1, published)) == month


@pytest.mark.parametrize("layout", ["parquet", "jsonl"])
def test_reports_are_partitioned_by_month_and_read_back(tmp_path: Path, layout: str) -> None:
    reports = [report(0, "2024-12-01"), report(1, "2025-01-02"), report(2, None), report(3)]
    with ShardWriter(tmp_path / "s", model="m", layout=layout, shard_size=3) as writer:
        result = writer.store(reports[:3])
        assert result.stored == [text_hash(r.document.text) for r in reports[:3]]
        assert writer.written == 3  # 3 buffered = shard_size: written
        assert writer.store([reports[0], reports[3]]).already == 1
    suffix = "parquet" if layout == "parquet" else "jsonl.gz"
    names = [p.relative_to(tmp_path / "s").as_posix() for p in shard_files(tmp_path / "s")]
    assert names == [
        f"month=2024-12/part-000000.{suffix}",
        f"month=2025-01/part-000001.{suffix}",
        f"month=unknown/part-000002.{suffix}",
        f"month=2024-12/part-000003.{suffix}",
    ]
    assert list(iter_shard_reports(tmp_path / "s")) == [reports[i] for i in (0, 1, 2, 3)]
    assert is_shard_directory(str(tmp_path / "s"))
    assert count_reports([tmp_path / "s"]) == (4 if layout == "parquet" else None)


def test_parquet_shards_are_one_table_with_hive_months(tmp_path: Path) -> None:
    with ShardWriter(tmp_path, model="m", shard_size=10) as writer:
        writer.store([report(0, "2024-12-01"), report(1, "2025-01-02"), report(2, "2025-01-09")])
    table = ds.dataset(tmp_path, format="parquet", partitioning="hive").to_table(
        filter=ds.field("month") == "2025-01"
    )
    assert sorted(table.column("document_id").to_pylist()) == ["r1", "r2"]
    assert table.column("actors").to_pylist() == [1, 1]
    row = json.loads(table.column("report").to_pylist()[0])
    assert row["document"]["text"].startswith("Kirby said")


def test_a_rerun_knows_the_written_shards_and_drops_half_written_ones(tmp_path: Path) -> None:
    killed = ShardWriter(tmp_path, model="m", shard_size=2)
    killed.store([report(0), report(1)])  # written
    killed.store([report(2)])  # buffered, and lost: the run is killed before closing
    leftover = tmp_path / "month=2024-12" / "part-000001.parquet.tmp"
    leftover.write_bytes(b"half a shard")
    writer = ShardWriter(tmp_path, model="m", shard_size=2)
    assert not leftover.exists()
    hashes = [text_hash(report(n).document.text) for n in range(3)]
    assert writer.known_hashes(hashes) == set(hashes[:2])
    writer.store([report(2)])
    writer.close()
    assert [p.name for p in shard_files(tmp_path)] == ["part-000000.parquet", "part-000001.parquet"]


def test_wrong_model_layout_or_directory_is_refused(tmp_path: Path) -> None:
    ShardWriter(tmp_path / "s", model="m").close()
    with pytest.raises(FogofwarError, match="made with model 'm'"):
        ShardWriter(tmp_path / "s", model="other")
    with pytest.raises(FogofwarError, match="parquet shards"):
        ShardWriter(tmp_path / "s", model="m", layout="jsonl")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(FogofwarError, match="not empty"):
        ShardWriter(tmp_path / "busy", model="m")
    (tmp_path / "busy" / MANIFEST).write_text('{"format": "something else"}')
    with pytest.raises(FogofwarError, match="does not hold fogofwar shards"):
        list(iter_shard_reports(tmp_path / "busy"))


def test_a_corrupt_shard_is_one_error_and_the_others_are_read(tmp_path: Path) -> None:
    with ShardWriter(tmp_path, model="m", shard_size=1) as writer:
        writer.store([report(0)])
        writer.store([report(1)])
    first = shard_files(tmp_path)[0]
    first.write_bytes(b"PAR1 not really")
    items = list(iter_shard_reports(tmp_path))
    assert isinstance(items[0], InputError) and "corrupt Parquet shard" in items[0].reason
    assert items[1:] == [report(1)]


def test_shards_go_into_a_ledger_without_extraction(tmp_path: Path) -> None:
    reports = [report(n) for n in range(5)]
    with ShardWriter(tmp_path / "s", model="m", shard_size=2) as writer:
        writer.store(reports)
    source = ShardSource([tmp_path / "s"])
    assert source.model == "m"
    with Ledger(str(tmp_path / "l.db")) as ledger:
        stats = ingest(source.items(), ledger.writer, source.extract, model=source.model)
        assert stats.stored == 5
        assert sorted(ledger.reports(), key=lambda r: r.document.id) == reports


def test_shard_source_memory_stays_bounded_when_everything_is_known(tmp_path: Path) -> None:
    """A rerun over shards already in the ledger hands nothing to `extract`: the reports
    waiting for it must not pile up."""
    count = 5 * LOOKAHEAD
    with ShardWriter(tmp_path / "s", model="m", shard_size=count) as writer:
        writer.store([report(n) for n in range(count)])
    with Ledger(str(tmp_path / "l.db")) as ledger:
        first = ShardSource([tmp_path / "s"])
        ingest(first.items(), ledger.writer, first.extract)
        again = ShardSource([tmp_path / "s"])
        waiting = []
        items = again.items()

        def watched():
            for item in items:
                waiting.append(len(again._waiting))
                yield item

        stats = ingest(watched(), ledger.writer, again.extract)
    assert stats.already == count and stats.stored == 0
    assert max(waiting) <= 2 * LOOKAHEAD
