"""Throughput benchmark: bare spaCy against the full fogofwar pipeline, in one run.

Both runs read the same texts with the same batch size. Each runs in a fresh child process
so that its peak memory is its own. The figure that matters is the ratio of the two
throughputs (the target is at least 0.75), not the absolute speed of this machine.
The full run also times each fogofwar component, as a share of the bare spaCy time.
"""

from __future__ import annotations

import csv
import multiprocessing
import resource
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fogofwar.ingest.readers import InputError, iter_documents

CSV_TEXT_COLUMNS = ("text", "body", "content")


@dataclass
class RunResult:
    label: str
    documents: int
    words: int
    seconds: float
    peak_rss_mb: float
    component_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def load_corpus(paths: Iterable[str], limit: int | None = None) -> list[str]:
    """Texts from CSV files (a text/body/content column) and anything `read` accepts."""
    texts: list[str] = []
    other: list[str] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.rglob("*.csv")) if path.is_dir() else [path]
        texts.extend(_csv_texts(f) for f in files if f.suffix.lower() == ".csv")
        if path.is_dir() or path.suffix.lower() != ".csv":
            other.append(raw)
    flat = [text for group in texts for text in group]
    if other:
        flat.extend(
            item.text
            for item in iter_documents(other, check_language=False)
            if not isinstance(item, InputError)
        )
    return flat[:limit] if limit else flat


def _csv_texts(path: Path) -> list[str]:
    csv.field_size_limit(2**31 - 1)
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        column = next((c for c in CSV_TEXT_COLUMNS if c in (reader.fieldnames or [])), None)
        if column is None:
            return []
        return [row[column] for row in reader if (row.get(column) or "").strip()]


def _run(label: str, texts: list[str], model: str, batch_size: int, queue) -> None:
    """In a child process: one timed pass over `texts`, after one warm-up document."""
    import spacy

    component_seconds: dict[str, float] = {}
    if label == "spaCy":
        nlp = spacy.load(model)
        list(nlp.pipe(texts[:1]))
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        from fogofwar.pipeline import load, read_many

        nlp = load(model)
        _time_components(nlp, component_seconds)
        list(read_many(texts[:1], nlp=nlp))
        component_seconds.clear()
        start = time.perf_counter()
        for _ in read_many(texts, nlp=nlp, batch_size=batch_size):
            pass
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(text.split()) for text in texts)
    queue.put(RunResult(label, len(texts), words, seconds, peak, component_seconds))


def _time_components(nlp, totals: dict[str, float]) -> None:
    """Wrap each fogofwar component's class __call__ to add up its time (child process only)."""
    for name, component in nlp.pipeline:
        if not name.startswith("fogofwar_"):
            continue
        cls = type(component)
        original = cls.__call__

        def timed(self, doc, _original=original, _name=name):
            start = time.perf_counter()
            result = _original(self, doc)
            totals[_name] = totals.get(_name, 0.0) + time.perf_counter() - start
            return result

        cls.__call__ = timed


def run_benchmark(texts: list[str], model: str, batch_size: int = 16) -> list[RunResult]:
    """Bare spaCy, then the full pipeline, each in its own process."""
    context = multiprocessing.get_context("spawn")
    results = []
    for label in ("spaCy", "fogofwar"):
        queue = context.Queue()
        process = context.Process(target=_run, args=(label, texts, model, batch_size, queue))
        process.start()
        results.append(queue.get())
        process.join()
    return results
