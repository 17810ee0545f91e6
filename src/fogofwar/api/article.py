"""The document view: the article text with its claims marked, and a card per mark.

Spans of a report overlap (a figure inside a quote inside an event's evidence), and HTML
elements must nest, so the text is cut at every span boundary into segments; each
segment is one element carrying the classes of all the spans over it and the ids of
their cards (`data-cards`). The browser script shows those cards on hover or focus.

Every piece of article text goes through `markupsafe.escape`: the text is untrusted.
Spans outside the text or empty are dropped, never raised on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from fogofwar.api.format import figure_interval, number, window_text
from fogofwar.api.queries import StoredReport
from fogofwar.schema import Actor, Event, Figure, Quote, Report, Source, Span

SPEAKER_CLASSES = 8  # sp0..sp7 in dashboard.css


@dataclass
class Card:
    """What a hover card says about one span: a title, labelled rows, an optional link."""

    id: str
    kind: str
    title: str
    rows: list[tuple[str, str]]
    link: str | None = None
    link_text: str = ""


@dataclass
class Mark:
    start: int
    end: int
    css: str
    card: str
    figure: str | None = None  # local figure id (data-figure)
    anchor: str | None = None  # element id of the mark's first segment, for links


@dataclass
class Speaker:
    key: str
    name: str
    css: str
    actor_id: int | None = None
    quotes: int = 0


@dataclass
class ArticleView:
    html: Markup
    cards: list[Card]
    speakers: list[Speaker] = field(default_factory=list)


class ArticleRenderer:
    """Marks and cards for one stored report."""

    def __init__(self, stored: StoredReport) -> None:
        self.stored = stored
        self.report: Report = stored.report
        self.actor_names = {actor.id: actor.name for actor in self.report.actors}
        self.place_names = {place.id: place.name for place in self.report.places}
        self.speakers: dict[str, Speaker] = {}
        for quote in self.report.quotes:
            key = self._speaker_key(quote)
            if key not in self.speakers:
                css = f"sp{len(self.speakers) % SPEAKER_CLASSES}"
                actor_id = stored.actor_ids.get(quote.speaker_actor or "")
                self.speakers[key] = Speaker(key, self._speaker_name(quote), css, actor_id)
            self.speakers[key].quotes += 1

    def render(self) -> ArticleView:
        marks: list[Mark] = []
        cards: list[Card] = []
        for actor in self.report.actors:
            card = self.actor_card(actor)
            cards.append(card)
            marks += [Mark(span.start, span.end, "act", card.id) for span in actor.mentions]
        for event in self.report.events:
            card = self.event_card(event)
            cards.append(card)
            marks.append(Mark(event.evidence.start, event.evidence.end, "ev", card.id))
        for quote in self.report.quotes:
            card = self.quote_card(quote)
            cards.append(card)
            css = self.speakers[self._speaker_key(quote)].css
            for content in (quote.content, *quote.more_content):
                marks.append(Mark(content.start, content.end, f"qt {css}", card.id))
            if quote.cue:
                marks.append(Mark(quote.cue.start, quote.cue.end, f"cue {css}", card.id))
            if quote.speaker:
                marks.append(Mark(quote.speaker.start, quote.speaker.end, f"spk {css}", card.id))
        for figure in self.report.figures:
            card = self.figure_card(figure)
            cards.append(card)
            ledger_id = self.stored.figure_ids.get(figure.id)
            anchor = f"f-{ledger_id}" if ledger_id else None
            marks.append(
                Mark(figure.span.start, figure.span.end, "fig", card.id, figure.id, anchor)
            )
        html = highlight(self.report.document.text, marks)
        return ArticleView(html, cards, list(self.speakers.values()))

    # -- cards --------------------------------------------------------------------------
    def figure_card(self, figure: Figure) -> Card:
        who = figure.who.text if figure.who else ""
        if figure.who and figure.who.country:
            who += f" ({figure.who.country})"
        rows = [
            ("value", number(figure.value)),
            ("interval", figure_interval(figure)),
            ("qualifier", figure.qualifier),
            ("category", figure.category),
            ("who", who),
            ("time window", window_text(figure.time_window)),
            ("place", self.place_names.get(figure.place or "", "")),
            ("source", self.source_text(figure.source)),
            ("cue", figure.source.cue.text if figure.source.cue else ""),
            ("modality", figure.modality),
        ]
        series_id = self.stored.series_ids.get(figure.id)
        return Card(
            id=f"card-{figure.id}",
            kind="figure",
            title=f"Figure: {figure.span.text}",
            rows=[(label, value) for label, value in rows if value],
            link=f"/series/{series_id}" if series_id else None,
            link_text="the series of competing claims",
        )

    def quote_card(self, quote: Quote) -> Card:
        rows = [
            ("source", self._speaker_name(quote)),
            ("cue", quote.cue.text if quote.cue else ""),
            ("kind", f"{quote.kind} quote"),
        ]
        actor_id = self.stored.actor_ids.get(quote.speaker_actor or "")
        return Card(
            id=f"card-{quote.id}",
            kind="quote",
            title=f"Quote: {self._speaker_name(quote)}",
            rows=[(label, value) for label, value in rows if value],
            link=f"/actors/{actor_id}" if actor_id else None,
            link_text="everything this source claimed",
        )

    def event_card(self, event: Event) -> Card:
        names = self.actor_names
        date_text = ""
        if event.date:
            span = " to ".join(x for x in dict.fromkeys((event.date.start, event.date.end)) if x)
            date_text = f"{event.date.text} ({span})" if span else event.date.text
        rows = [
            ("type", event.plover + (f" / {event.mode}" if event.mode else "")),
            ("category", event.category),
            ("actors", ", ".join(names.get(a, a) for a in event.actors)),
            ("recipients", ", ".join(names.get(a, a) for a in event.recipients)),
            ("victims", ", ".join(names.get(a, a) for a in event.victims)),
            ("place", self.place_names.get(event.place or "", "")),
            ("interval", date_text),
            ("source", self.source_text(event.source)),
            ("cue", event.source.cue.text if event.source.cue else ""),
            ("modality", event.modality),
        ]
        return Card(
            id=f"card-{event.id}",
            kind="event",
            title=f"Event: {event.plover}",
            rows=[(label, value) for label, value in rows if value],
        )

    def actor_card(self, actor: Actor) -> Card:
        rows = [
            ("kind", actor.kind),
            ("country", actor.country or ""),
            ("sector", actor.sector or ""),
            ("roles", ", ".join(actor.roles)),
            ("fighting for", actor.fighting_for or ""),
            ("mentions", str(len(actor.mentions))),
        ]
        actor_id = self.stored.actor_ids.get(actor.id)
        return Card(
            id=f"card-{actor.id}",
            kind="actor",
            title=actor.name,
            rows=[(label, value) for label, value in rows if value],
            link=f"/actors/{actor_id}" if actor_id else None,
            link_text="everything this actor claimed",
        )

    def source_text(self, source: Source) -> str:
        if source.kind == "outlet":
            return self.report.document.outlet or "the outlet"
        if source.kind == "unattributed":
            return "unattributed"
        return self.actor_names.get(source.actor or "", "") or "a speaker"

    # -- speakers -----------------------------------------------------------------------
    @staticmethod
    def _speaker_key(quote: Quote) -> str:
        if quote.speaker_actor:
            return f"actor:{quote.speaker_actor}"
        if quote.speaker:
            return f"text:{quote.speaker.text.lower()}"
        return f"kind:{quote.speaker_kind}"

    def _speaker_name(self, quote: Quote) -> str:
        name = self.actor_names.get(quote.speaker_actor or "")
        if name:
            return name
        if quote.speaker:
            return quote.speaker.text
        return "unattributed" if quote.speaker_kind == "unattributed" else "the outlet"


def valid_span(span: Span | Mark, length: int) -> bool:
    return 0 <= span.start < span.end <= length


def highlight(text: str, marks: list[Mark]) -> Markup:
    """`text` escaped, each stretch under some marks wrapped in one <span> carrying their
    classes and card ids; figures get `data-figure` and are focusable."""
    marks = [mark for mark in marks if valid_span(mark, len(text))]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    parts: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        opening = starting.get(start, [])
        active = [mark for mark in active if mark.end > start] + opening
        piece = str(escape(text[start:end]))
        if not active:
            parts.append(piece)
            continue
        anchor = next((mark.anchor for mark in opening if mark.anchor), None)
        parts.append(_segment(piece, active, anchor))
    return Markup("".join(parts))


def _segment(piece: str, active: list[Mark], anchor: str | None = None) -> str:
    classes = dict.fromkeys(css for mark in active for css in mark.css.split())
    # A figure's card first, then the most specific: a name's card before its quote's,
    # before its event's.
    ordered = sorted(active, key=lambda mark: (mark.figure is None, mark.end - mark.start))
    cards = " ".join(dict.fromkeys(mark.card for mark in ordered))
    figure = next((mark.figure for mark in ordered if mark.figure), None)
    attributes = f'class="{" ".join(classes)}" data-cards="{escape(cards)}"'
    if figure:
        attributes += f' data-figure="{escape(figure)}" tabindex="0"'
    if anchor:
        attributes += f' id="{escape(anchor)}"'
    return f"<span {attributes}>{piece}</span>"
