"""Benchmark: what storing in the ledger adds to extraction.

    PYTHONPATH=src python benchmarks/ledger_ingest.py [PATH ...] [--documents 300]
        [--words N] [--db URL] [--rich-db EMPTY_URL] [--rounds 3]

Reads the texts at PATH (default: examples/), cut to their first --words words if given,
repeats them with a numbered line added until there are --documents distinct texts, then
alternates, --rounds times:
  extraction alone   list(fogofwar.read_many(documents))
  ingest             Ledger.ingest(documents=...) into an empty ledger (hash check,
                     extraction and storage)
and prints the median of each and the overhead of storage. It also times the write
path alone on synthetic reports rich in figures, events and quotes (as the full
pipeline makes them), since the reports here carry only what the installed components
extract. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import fogofwar
from fogofwar.ingest.readers import InputError, iter_documents
from fogofwar.ledger import Ledger
from fogofwar.schema import Document

sys.path.insert(0, str(Path(__file__).parent))
from ledger_queries import synthetic_report  # noqa: E402


def corpus(paths: list[str], size: int, words: int | None = None) -> list[Document]:
    originals = [d for d in iter_documents(paths) if not isinstance(d, InputError)]
    if not originals:
        raise SystemExit(f"no documents in {paths}")
    texts = [" ".join(d.text.split()[:words]) if words else d.text for d in originals]
    return [
        Document(
            id=f"{original.id}-{n}",
            text=f"{text}\n\nCopy {n}.",
            published=original.published or "2024-12-28",
        )
        for n in range(size // len(originals) + 1)
        for original, text in zip(originals, texts, strict=True)
    ][:size]


def timed_store(ledger: Ledger) -> list[float]:
    """Wrap the ledger's write path so that the time spent in it is summed in [0]."""
    total = [0.0]
    store = ledger.writer.store

    def wrapper(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return store(*args, **kwargs)
        finally:
            total[0] += time.perf_counter() - started

    ledger.writer.store = wrapper  # type: ignore[method-assign]
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=["examples"])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--words", type=int, help="cut each text to its first WORDS words")
    parser.add_argument("--rich-db", help="an empty database for the synthetic reports")
    parser.add_argument("--db", help="a ledger URL to use (emptied data is not removed)")
    args = parser.parse_args()
    documents = corpus(args.paths, args.documents, args.words)
    nlp = fogofwar.load()
    list(fogofwar.read_many(documents[:16], nlp=nlp))  # warm-up
    extract_times, ingest_times, store_times = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(args.rounds):
            started = time.perf_counter()
            reports = list(fogofwar.read_many(documents, nlp=nlp))
            extract_times.append(time.perf_counter() - started)
            db = args.db or f"sqlite:///{folder}/round{round_number}.db"
            with Ledger(db) as ledger:
                storing = timed_store(ledger)
                started = time.perf_counter()
                stats = ledger.ingest(documents=documents, nlp=nlp)
                ingest_times.append(time.perf_counter() - started)
                store_times.append(storing[0])
            assert stats.stored == len(documents), stats
        extract, ingest = statistics.median(extract_times), statistics.median(ingest_times)
        store = statistics.median(store_times)
        records = sum(
            len(r.actors) + len(r.quotes) + len(r.figures) + len(r.events) for r in reports
        )
        print(f"{len(documents)} documents, {records} records, {args.rounds} rounds")
        print(f"extraction alone : {extract:7.2f} s  ({len(documents) / extract:6.1f} docs/s)")
        print(f"ingest (ledger)  : {ingest:7.2f} s  ({len(documents) / ingest:6.1f} docs/s)")
        print(
            f"storage overhead : {100 * (ingest - extract) / extract:+6.1f} % (difference of "
            "the two medians, noisy on a shared machine)"
        )
        print(
            f"time inside ReportWriter.store during ingest: {store:.2f} s = "
            f"{100 * store / extract:.1f} % of extraction"
        )

        rng = random.Random(3)
        rich = [synthetic_report(n, rng) for n in range(2000)]
        with Ledger(args.rich_db or f"sqlite:///{folder}/rich.db") as ledger:
            started = time.perf_counter()
            ledger.store(rich)
            stored = time.perf_counter() - started
        per_document = 1000 * stored / len(rich)
        per_extraction = 1000 * extract / len(documents)
        print(
            f"write path, rich synthetic reports (4 actors, 3 figures, quote, event, "
            f"place): {per_document:.2f} ms/doc = {100 * per_document / per_extraction:.1f} % "
            f"of extraction's {per_extraction:.1f} ms/doc"
        )


if __name__ == "__main__":
    main()
