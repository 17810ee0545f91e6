"""Run by test_kill.py as a subprocess: ingest a directory slowly, so it can be killed.

    python slow_ingest.py DB_URL DIRECTORY

Extraction is faked (no spaCy): each `doc-N.json` (written by the test from
`expected_report(N).document`) becomes `expected_report(N)`, so the parent knows exactly
what the ledger must end up with.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reports import claim_report  # noqa: E402

from fogofwar.ledger import Ledger  # noqa: E402
from fogofwar.ledger.ingest import ingest, iter_inputs  # noqa: E402
from fogofwar.schema import Document, Report  # noqa: E402

SPEAKERS = ("Zelensky", "Kirby", "President Zelenskyy", "Oleh Petrenko", "Petrenko")
CATEGORIES = ("killed", "injured", "captured")


def expected_report(number: int) -> Report:
    """The report of doc-N: speakers, categories and days vary so that actors and
    series are created in many different batches."""
    return claim_report(
        f"doc-{number}",
        speaker=SPEAKERS[number % len(SPEAKERS)],
        speaker_country="USA" if number % len(SPEAKERS) == 1 else "UKR",
        number=str(number),
        value=number,
        low=number,
        high=number,
        qualifier="exact",
        category=CATEGORIES[number % len(CATEGORIES)],
        published=f"2024-12-{number % 28 + 1:02d}",
        extra=f"Report number {number}.",
    )


def fake_extract(documents: Iterable[Document]) -> Iterator[Report]:
    for document in documents:
        time.sleep(0.004)
        report = expected_report(int(document.id.split("-")[1]))
        assert report.document == document
        yield report


def main(db: str, directory: str) -> None:
    with Ledger(db) as ledger:
        ingest(iter_inputs([directory]), ledger.writer, fake_extract, commit_every=4)


if __name__ == "__main__":
    main(*sys.argv[1:3])
