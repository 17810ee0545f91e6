"""Benchmark: dashboard render times and loopback load on a ledger of the example plus
1,000 synthetic documents.

    PYTHONPATH=src python benchmarks/api_load.py [--documents 1000] [--seconds 8]
        [--db /tmp/fogofwar-bench.db] [--client auto|wrk|python]

1. Builds the ledger (unless it already holds enough documents): the example article
   through the real pipeline (`Ledger.ingest`), then synthetic reports through the write
   path. Synthetic documents carry ~4 quotes, 4 figures and 2 events each; their figures
   fall into ~60 series, so a series page draws tens of claims.
2. Server-side render time of each page, in-process (TestClient, no network): median,
   p95 and max over repeated requests.
3. A bounded load test against `fogofwar serve` on 127.0.0.1 only: wrk (Debian package
   `wrk`) when installed, else a Python httpx loop; each endpoint for `--seconds` and at
   most `--max-requests` requests (httpx loop). Prints requests/s and p99 latency.

Not a test: the numbers depend on the machine (the load generator shares its cores).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

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

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nk-troops-kursk.txt"
PLACES = (
    ("Kharkiv", "UKR", 49.98, 36.25),
    ("Kursk", "RUS", 51.73, 36.19),
    ("Bakhmut", "UKR", 48.60, 38.00),
    ("Belgorod", "RUS", 50.60, 36.59),
    ("Kherson", "UKR", 46.64, 32.62),
    ("Zaporizhzhia", "UKR", 47.84, 35.14),
    ("Gaza City", "PSE", 31.50, 34.47),
    ("Khan Younis", "PSE", 31.34, 34.31),
    ("El Fasher", "SDN", 13.63, 25.35),
    ("Aleppo", "SYR", 36.20, 37.16),
)
SPEAKERS = (
    ("Oleh Synehubov", "UKR"),
    ("Dmitry Peskov", "RUS"),
    ("John Kirby", "USA"),
    ("Volodymyr Zelenskyy", "UKR"),
    ("Maria Zakharova", "RUS"),
    ("Stephane Dujarric", None),
    ("Ihor Klymenko", "UKR"),
    ("Vyacheslav Gladkov", "RUS"),
)
GROUPS = (("civilians", "group"), ("soldiers", "armed_force"), ("residents", "group"))
CATEGORIES = ("killed", "injured", "displaced")
QUALIFIERS = ("exact", "over", "nearly", "approx", "at_least")
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Kyiv Independent", "TASS")


def _span(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start=start, end=start + len(phrase), text=phrase)


def synthetic_report(number: int, rng: random.Random) -> Report:
    """A ~1,500-character article: four paragraphs, each a claim by a speaker."""
    place, country, lat, lon = rng.choice(PLACES)
    day = 1 + number % 300
    published = f"2024-{(day - 1) // 28 % 12 + 1:02d}-{(day - 1) % 28 + 1:02d}"
    paragraphs, claims = [], []
    for _ in range(4):
        speaker, speaker_country = rng.choice(SPEAKERS)
        group, kind = rng.choice(GROUPS)
        category = rng.choice(CATEGORIES)
        value = rng.randrange(5, 400)
        qualifier = rng.choice(QUALIFIERS)
        words = {"exact": "", "over": "over ", "nearly": "nearly ", "approx": "about "}
        number_text = words.get(qualifier, "at least ") + f"{value:,}"
        paragraphs.append(
            f"{speaker} said {number_text} {group} were {category} in {place} "
            f"after the strikes of the past days. The claim could not be verified "
            f"independently, and officials on the other side gave different figures."
        )
        claims.append((speaker, speaker_country, group, kind, category, value, qualifier))
    text = "\n".join(paragraphs)
    actors: list[Actor] = []
    ids: dict[tuple[str, str], str] = {}

    def actor(name: str, kind: str, country: str | None, at: int) -> str:
        key = (name, kind)
        if key not in ids:
            ids[key] = f"a{len(ids) + 1}"
            actors.append(Actor(id=ids[key], name=name, kind=kind, country=country, mentions=[]))
        found = next(a for a in actors if a.id == ids[key])
        found.mentions.append(_span(text, name, at))
        return ids[key]

    quotes, figures, events = [], [], []
    offset = 0
    for n, (speaker, speaker_country, group, kind, category, value, qualifier) in enumerate(claims):
        paragraph = paragraphs[n]
        start = text.index(paragraph, offset)
        offset = start + len(paragraph)
        speaker_id = actor(speaker, "person", speaker_country, start)
        said = _span(text, "said", start)
        group_id = actor(group, kind, country, said.end)
        content_end = text.index(f" in {place}", said.end) + len(f" in {place}")
        content = Span(start=said.end + 1, end=content_end, text=text[said.end + 1 : content_end])
        figure_text = text[said.end + 1 : text.index(f" {group}", said.end) + len(group) + 1]
        figure_span = _span(text, figure_text, said.end)
        source = Source(kind="speaker", actor=speaker_id, quote=f"q{n + 1}", cue=said)
        quotes.append(
            Quote(
                id=f"q{n + 1}",
                kind="indirect",
                content=content,
                cue=said,
                speaker=_span(text, speaker, start),
                speaker_actor=speaker_id,
            )
        )
        figures.append(
            Figure(
                id=f"f{n + 1}",
                span=figure_span,
                value=value,
                low=value if qualifier in ("over", "at_least") else None,
                qualifier=qualifier,
                category=category,
                who=Who(text=group, actor=group_id, country=country),
                time_window=TimeWindow(text="so far", cumulative=True),
                place="p1",
                source=source,
            )
        )
        if n < 2:
            events.append(
                Event(
                    id=f"e{n + 1}",
                    plover="ASSAULT",
                    mode="shelling",
                    category="casualties",
                    victims=[group_id],
                    place="p1",
                    date=EventDate(text="past days", start=published, precision="day"),
                    figures=[f"f{n + 1}"],
                    source=source,
                    evidence=content,
                )
            )
    places = [
        Place(
            id="p1",
            name=place,
            country=country,
            lat=lat,
            lon=lon,
            precision="exact",
            mentions=[_span(text, place)],
        )
    ]
    document = Document(
        id=f"synthetic-{number}",
        title=f"Strikes near {place}: report {number}",
        url=f"https://news.example/{number}",
        outlet=rng.choice(OUTLETS),
        published=published,
        text=text,
    )
    return Report(
        document=document,
        actors=actors,
        places=places,
        quotes=quotes,
        figures=figures,
        events=events,
    )


def build(db: str, documents: int) -> None:
    from fogofwar.ledger import Ledger

    with Ledger(db) as ledger:
        have = ledger.counts()["documents"]
        if have >= documents + 1:
            print(f"ledger {db}: {have} documents already")
            return
        started = time.perf_counter()
        stats = ledger.ingest([str(EXAMPLE)], published="2024-12-28")
        print(f"example through the pipeline: {stats.stored} stored, {stats.already} known")
        rng = random.Random(8)
        result = ledger.store(synthetic_report(n, rng) for n in range(documents))
        print(
            f"{len(result.stored)} synthetic documents stored in "
            f"{time.perf_counter() - started:.1f} s: {ledger.counts()}"
        )


def targets(db: str) -> dict[str, str]:
    """Paths to measure: the example document, a synthetic one, the largest series..."""
    from sqlalchemy import create_engine, func, select

    from fogofwar.ledger import models as m

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        example = conn.scalar(select(func.min(m.Document.id)))
        synthetic = conn.scalar(select(func.max(m.Document.id)))
        biggest = conn.scalar(select(m.Series.id).order_by(m.Series.claim_count.desc()).limit(1))
        claims = conn.scalar(select(func.max(m.Series.claim_count)))
    engine.dispose()
    print(f"largest series: {biggest} with {claims} claims")
    return {
        "page /documents/{example}": f"/documents/{example}",
        "page /documents/{synthetic}": f"/documents/{synthetic}",
        "page /series/{largest}": f"/series/{biggest}",
        "page /events": "/events",
        "page /": "/",
        "api /api/documents": "/api/documents",
        "api /api/documents/{id}": f"/api/documents/{synthetic}",
        "api /api/series": "/api/series",
        "api /api/series/{largest}": f"/api/series/{biggest}",
        "api /api/events": "/api/events",
        "api /api/disputes": "/api/disputes",
    }


def render_times(db: str, paths: dict[str, str], repeat: int) -> None:
    from fastapi.testclient import TestClient

    from fogofwar.api import create_app

    print(f"\nserver-side render time, in-process, {repeat} requests each (ms)")
    print(f"{'endpoint':32} {'median':>8} {'p95':>8} {'max':>8} {'KB':>7}")
    with TestClient(create_app(db)) as client:
        for name, path in paths.items():
            client.get(path)  # warm-up: templates, the map's outlines
            times, size = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
                size = len(response.content)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(
                f"{name:32} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f} "
                f"{size / 1024:7.1f}"
            )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url: str, seconds: int) -> tuple[float, float]:
    done = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", done.stdout, re.M).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def python_load(url: str, seconds: int, max_requests: int, workers: int = 4) -> tuple[float, float]:
    """requests/s and p99 (ms) from `workers` threads looping until time or count is up."""
    import httpx

    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop() -> None:
        with httpx.Client(timeout=10) as client:
            while time.monotonic() < deadline:
                with lock:
                    if len(latencies) >= max_requests:
                        return
                started = time.perf_counter()
                client.get(url).raise_for_status()
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)

    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return len(latencies) / elapsed, latencies[int(len(latencies) * 0.99) - 1]


def load_test(db: str, paths: dict[str, str], seconds: int, max_requests: int, tool: str) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "fogofwar.cli", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(150):
            try:
                httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        use_wrk = tool == "wrk" or (tool == "auto" and shutil.which("wrk"))
        client = "wrk -t2 -c8" if use_wrk else "httpx, 4 threads"
        print(f"\nloopback load test ({client}, {seconds} s per endpoint, one uvicorn worker)")
        print(f"{'endpoint':32} {'req/s':>8} {'p99 ms':>8}")
        for name, path in paths.items():
            httpx.get(base + path, timeout=30)  # warm-up
            if use_wrk:
                rate, p99 = wrk(base + path, seconds)
            else:
                rate, p99 = python_load(base + path, seconds, max_requests)
            print(f"{name:32} {rate:8.1f} {p99:8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--db", default="/tmp/fogofwar-bench.db")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    build(args.db, args.documents)
    paths = targets(args.db)
    render_times(args.db, paths, args.repeat)
    load_test(args.db, paths, args.seconds, args.max_requests, args.client)


if __name__ == "__main__":
    main()
