"""Who asserts a stretch of text: the quote around it, or else the outlet.

Figures and events call `source_at` with their own character span; everything inside a
quote's content inherits its speaker ("a figure in Kirby's words is Kirby's claim"), and
unnamed attributions ("reports detail...", "estimates indicating...") give an
`unattributed` source with their cue.
"""

from __future__ import annotations

from spacy.tokens import Doc

from fogofwar.schema import Quote, Source


def quote_at(doc: Doc, start: int, end: int) -> Quote | None:
    """The innermost quote whose content contains characters [start, end)."""
    best: tuple[int, Quote] | None = None
    for quote in doc._.quotes or []:
        for content in (quote.content, *quote.more_content):
            if content.start <= start and end <= content.end:
                width = content.end - content.start
                if best is None or width < best[0]:
                    best = (width, quote)
    return best[1] if best else None


def source_at(doc: Doc, start: int, end: int) -> Source:
    """The Source of a claim spanning characters [start, end) of `doc`."""
    quote = quote_at(doc, start, end)
    if quote is None:
        return Source(kind="outlet")
    return Source(
        kind=quote.speaker_kind,
        actor=quote.speaker_actor,
        quote=quote.id,
        cue=quote.cue,
    )
