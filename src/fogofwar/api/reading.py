"""Running the pipeline for the server: loaded on first use, one request at a time.

The spaCy pipeline takes seconds to load and is not meant to be shared between threads,
so the server loads it only when a text must be read (never at start-up, never for
pages) and serialises calls to it. Writes to the ledger are serialised too: the
ledger's writer keeps id caches that one request at a time may fill.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from fogofwar.api.models import DocumentMeta
from fogofwar.schema import Document, Report


class Reader:
    def __init__(self, nlp: Any = None, model: str | None = None) -> None:
        self._nlp = nlp
        self.model = model
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()

    def nlp(self) -> Any:
        if self._nlp is None:
            from fogofwar.pipeline import DEFAULT_MODEL, load

            self._nlp = load(self.model or DEFAULT_MODEL)
        return self._nlp

    def read(self, documents: Sequence[DocumentMeta]) -> list[Report]:
        """Reports of `documents`, in order (ids default to doc1, doc2...)."""
        if not documents:
            return []
        from fogofwar.pipeline import read_many

        items = [_document(meta, index) for index, meta in enumerate(documents)]
        with self._lock:
            return list(read_many(items, nlp=self.nlp()))


def _document(meta: DocumentMeta, index: int) -> Document:
    return Document(
        id=meta.id or f"doc{index + 1}",
        title=meta.title,
        url=meta.url,
        outlet=meta.outlet,
        published=meta.published.isoformat() if meta.published else None,
        text=meta.text,
    )
