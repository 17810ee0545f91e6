"""Benchmark: query times on a ledger of many documents (default 100,000).

    PYTHONPATH=src python benchmarks/ledger_queries.py [--documents 100000] [--db URL]

Builds a ledger from synthetic reports through the real write path (ReportWriter.store,
batches of 500), unless the database already holds enough documents, then times each
query (median of 7 runs after a warm-up, in-process, connection pool warm). Prints the
build rate and a table of query times. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator

from fogofwar.ledger import Ledger
from fogofwar.schema import (
    Actor,
    Document,
    Event,
    EventDate,
    Figure,
    Place,
    Quote,
    Report,
    Source,
    Span,
    TimeWindow,
    Who,
)

COUNTRIES = ("UKR", "RUS", "PRK", "ISR", "PSE", "SDN", "SYR", "YEM", "MMR", "ETH")
GROUPS = (
    ("armed_force", "MIL", "troops"),
    ("group", "CVL", "civilians"),
    ("group", "GOV", "officials"),
)
CATEGORIES = ("killed", "injured", "captured", "displaced", "missing", "deployed")
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera", "Kyiv Independent", "TASS")
SPEAKERS = tuple(f"Spokesperson{n} Surname{n}" for n in range(200))


def synthetic_report(number: int, rng: random.Random) -> Report:
    """One document with 4 actors, a place, a quote, 3 figures and an event."""
    country = rng.choice(COUNTRIES)
    kind, sector, noun = rng.choice(GROUPS)
    speaker = rng.choice(SPEAKERS)
    town = f"Town{rng.randrange(500)}"
    day = 1 + number % 1000
    published = f"{2022 + day // 365}-{(day % 365) // 31 % 12 + 1:02d}-{day % 28 + 1:02d}"
    text = (
        f"{speaker} said {number} {noun} of {country} were hurt in {town}. "
        f"Report {number} of the synthetic ledger."
    )
    span = Span(start=0, end=len(speaker), text=speaker)
    actors = [
        Actor(
            id="a1",
            name=speaker,
            kind="person",
            country=rng.choice(COUNTRIES),
            sector="GOV",
            mentions=[span],
        ),
        Actor(id="a2", name=f"{country} {noun}", kind=kind, country=country, sector=sector),
        Actor(id="a3", name=country, kind="state", country=country),
        Actor(id="a4", name=rng.choice(OUTLETS) + " staff", kind="group", sector="MED"),
    ]
    place = Place(
        id="p1",
        name=town,
        country=country,
        lat=rng.uniform(-40, 60),
        lon=rng.uniform(-20, 120),
        precision="exact",
        geonameid=1000 + int(town[4:]),
    )
    source = Source(kind="speaker", actor="a1", quote="q1")
    figures = []
    for index in range(3):
        value = float(rng.randrange(1, 5000))
        basis = rng.random()
        if basis < 0.4:
            window = TimeWindow(text="so far", cumulative=True)
        elif basis < 0.7:
            window = TimeWindow(text="last week", cumulative=False, start=published, end=published)
        else:
            window = None
        figures.append(
            Figure(
                id=f"f{index + 1}",
                span=span,
                value=value,
                low=value,
                high=value,
                qualifier="exact",
                category=rng.choice(CATEGORIES),
                who=Who(text=f"{country} {noun}", actor="a2", country=country),
                time_window=window,
                place="p1",
                source=source,
            )
        )
    event = Event(
        id="e1",
        plover="ASSAULT",
        category="casualties",
        actors=["a3"],
        victims=["a2"],
        place="p1",
        figures=["f1"],
        source=source,
        date=EventDate(text="on Monday", start=published, precision="day"),
        evidence=span,
    )
    quote = Quote(id="q1", kind="indirect", content=span, speaker_actor="a1")
    document = Document(
        id=f"doc{number}",
        outlet=rng.choice(OUTLETS),
        published=published,
        url=f"https://news.example/{number}",
        text=text,
    )
    return Report(
        document=document,
        actors=actors,
        places=[place],
        quotes=[quote],
        figures=figures,
        events=[event],
    )


def build(ledger: Ledger, documents: int, batch: int = 500) -> None:
    have = ledger.counts()["documents"]
    if have >= documents:
        print(f"ledger already holds {have:,} documents")
        return
    rng = random.Random(7)
    started = time.perf_counter()

    def reports() -> Iterator[Report]:
        for number in range(documents):
            report = synthetic_report(number, rng)
            if number >= have:
                yield report

    stored = len(ledger.store(reports(), batch_size=batch).stored)
    elapsed = time.perf_counter() - started
    print(
        f"built {stored:,} documents in {elapsed:.0f} s ({stored / elapsed:,.0f} docs/s, "
        "synthetic report construction included)"
    )


def timed(function: Callable[[], object], runs: int = 7) -> tuple[float, int]:
    result = function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    size = len(result) if isinstance(result, list) else len(getattr(result, "items", []))
    return statistics.median(times) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite:///benchmark-ledger.db")
    args = parser.parse_args()
    with Ledger(args.db) as ledger:
        build(ledger, args.documents)
        counts = ledger.counts()
        print(", ".join(f"{name} {count:,}" for name, count in counts.items()))
        queries: dict[str, Callable[[], object]] = {
            "figures (latest 20 series)": lambda: ledger.figures(),
            "figures --country UKR --category killed": lambda: ledger.figures(
                country="UKR", category="killed"
            ),
            "figures --who troops --since 2024-06-01": lambda: ledger.figures(
                who="troops", since="2024-06-01"
            ),
            "figures --who 'PRK troops' --category missing": lambda: ledger.figures(
                who="PRK troops", category="missing"
            ),
            "figures --category deployed --since 2024-01-01": lambda: ledger.figures(
                category="deployed", since="2024-01-01"
            ),
            "figures --who 'Spokesperson7' (no match)": lambda: ledger.figures(who="Spokesperson7"),
            "disputes (latest 50)": lambda: ledger.disputes(),
            "disputes --country PRK --category killed": lambda: ledger.disputes(
                country="PRK", category="killed"
            ),
            "sources 'Spokesperson7 Surname7'": lambda: ledger.sources("Spokesperson7 Surname7"),
            "events --actor 'UKR troops' (100)": lambda: ledger.events(actor="UKR troops"),
            "events --plover ASSAULT --since 2024-01-01": lambda: ledger.events(
                plover="ASSAULT", since="2024-01-01"
            ),
        }
        print(f"\n{'query':45} {'median ms':>10} {'results':>8}")
        for name, query in queries.items():
            milliseconds, size = timed(query)
            print(f"{name:45} {milliseconds:10.1f} {size:8}")


if __name__ == "__main__":
    main()
