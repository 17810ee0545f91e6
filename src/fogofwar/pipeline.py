"""Load the spaCy pipeline with fogofwar's components and turn documents into reports.

    >>> import fogofwar
    >>> report = fogofwar.read("Kirby said 12 soldiers were killed.", published="2024-12-28")
    >>> [a.name for a in report.actors]
    ['Kirby']

Many documents go through `read_many`, which streams them through `nlp.pipe` in batches
(16 documents per batch was fastest on a 2-core CPU). Texts longer than `CHUNK_CHARS` are
cut at paragraph boundaries and read piece by piece, so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import spacy
from spacy.language import Language

from fogofwar import components, extensions
from fogofwar.defaults import BATCH_SIZE, DEFAULT_MODEL
from fogofwar.errors import FogofwarError
from fogofwar.schema import Document, Report

CHUNK_CHARS = 100_000
# Fields whose string values are ids of other records in the same report.
REFERENCE_FIELDS = frozenset(
    {"speaker_actor", "actor", "quote", "place", "actors", "recipients", "victims", "figures"}
)
RECORD_LISTS = ("actors", "places", "quotes", "figures", "events")


@cache
def load(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `model` with every fogofwar component added (cached per name).

    Only installed packages are loaded: nothing is ever downloaded.
    """
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise FogofwarError(
            f"spaCy pipeline {model!r} is not installed: install it as a Python package "
            f"(the default comes with fogofwar: {DEFAULT_MODEL})"
        ) from error
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise FogofwarError(f"spaCy pipeline {model!r} has no parser and NER; fogofwar needs both")
    add_components(nlp)
    return nlp


def add_components(nlp: Language) -> Language:
    """Add the fogofwar components that are not yet in `nlp`, in their working order."""
    extensions.register()
    for name in components.BEFORE_PARSER:
        if name not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
    for name in components.COMPONENT_ORDER:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def to_document(item: Document | Mapping[str, Any] | str, index: int = 0) -> Document:
    """Accept a Document, a mapping with `text` (and optional metadata) or a plain string."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=f"doc{index + 1}", text=item)
    data = dict(item)
    data.setdefault("id", f"doc{index + 1}")
    return Document(**{k: v for k, v in data.items() if k in Document.model_fields})


def read(
    text: str,
    *,
    nlp: Language | None = None,
    model: str = DEFAULT_MODEL,
    **meta: Any,
) -> Report:
    """Read one text: `meta` takes the Document fields (id, title, url, outlet, published)."""
    document = to_document({"text": text, **meta})
    return next(read_many([document], nlp=nlp, model=model))


def read_many(
    items: Iterable[Document | Mapping[str, Any] | str],
    *,
    nlp: Language | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = BATCH_SIZE,
    published: str | None = None,
) -> Iterator[Report]:
    """Read documents lazily, in order; `published` is the default publication date."""
    nlp = nlp or load(model)

    def pieces() -> Iterator[tuple[Any, tuple[Document, int, int, int]]]:
        for index, item in enumerate(items):
            document = to_document(item, index)
            if published and not document.published:
                document = document.model_copy(update={"published": published})
            chunks = split_text(document.text)
            for number, (offset, chunk) in enumerate(chunks):
                doc = nlp.make_doc(chunk)
                doc._.published = document.published
                yield doc, (document, number, len(chunks), offset)

    parts: list[tuple[int, Report]] = []
    for doc, (document, number, count, offset) in nlp.pipe(
        pieces(), as_tuples=True, batch_size=batch_size
    ):
        report = doc_to_report(doc, document)
        if count == 1:
            yield report
            continue
        parts.append((offset, report))
        if number == count - 1:
            yield merge_chunks(document, parts)
            parts = []


def doc_to_report(doc: spacy.tokens.Doc, document: Document) -> Report:
    """Collect what the components left on `doc` into a Report for `document`."""
    return Report(
        document=document,
        **{name: getattr(doc._, name) or [] for name in RECORD_LISTS},
    )


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut `text` into (offset, piece) of at most `limit` characters, at paragraph breaks
    where possible, then at line breaks, sentence ends or spaces."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for separator in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(separator, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(separator)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def merge_chunks(document: Document, parts: list[tuple[int, Report]]) -> Report:
    """Join the reports of a long document's pieces: shift spans, renumber ids, and make
    actors with the same name, kind and country one actor."""
    merged: dict[str, list[dict]] = {name: [] for name in RECORD_LISTS}
    actor_ids: dict[tuple, str] = {}
    counters: dict[str, int] = {}
    for offset, report in parts:
        data = report.model_dump()
        ids: dict[str, str] = {}
        for actor in data["actors"]:
            key = (actor["name"], actor["kind"], actor["country"])
            if key in actor_ids:
                ids[actor["id"]] = actor_ids[key]
                existing = next(a for a in merged["actors"] if a["id"] == actor_ids[key])
                existing["mentions"].extend(_shift(actor["mentions"], offset))
                actor["id"] = None
            else:
                actor_ids[key] = ids[actor["id"]] = _next_id("a", counters)
        for name in RECORD_LISTS:
            for record in data[name]:
                if record["id"] is None:
                    continue
                if record["id"] not in ids:
                    ids[record["id"]] = _next_id(record["id"].rstrip("0123456789"), counters)
        for name in RECORD_LISTS:
            for record in data[name]:
                if record["id"] is None:
                    continue
                record = _shift(record, offset)
                record["id"] = ids[record["id"]]
                merged[name].append(_rename(record, ids))
    return Report.model_validate({"document": document.model_dump(), **merged})


def _next_id(prefix: str, counters: dict[str, int]) -> str:
    counters[prefix] = counters.get(prefix, 0) + 1
    return f"{prefix}{counters[prefix]}"


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, list):
        return [_shift(v, offset) for v in value]
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            return {**value, "start": value["start"] + offset, "end": value["end"] + offset}
        return {k: _shift(v, offset) for k, v in value.items()}
    return value


def _rename(value: Any, ids: dict[str, str], field: str = "") -> Any:
    if isinstance(value, str):
        return ids.get(value, value) if field in REFERENCE_FIELDS else value
    if isinstance(value, list):
        return [_rename(v, ids, field) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, ids, k) for k, v in value.items()}
    return value
