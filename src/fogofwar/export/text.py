"""The report for a person in a terminal: the article with its claims marked, then tables.

Quotes are coloured by speaker, figures are shown in reverse video, actor mentions are
underlined and event evidence is in italics. Every table row names its source, so a
reader can check each claim against the highlighted text above it.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fogofwar.schema import Figure, Report, Source

SPEAKER_COLOURS = ("cyan", "magenta", "green", "blue", "bright_red", "yellow", "bright_cyan")


def interval(figure: Figure) -> str:
    """'[1000, ∞)' style interval of a figure, or '' when it has no bounds."""
    if figure.low is None and figure.high is None:
        return ""
    low = "-∞" if figure.low is None else _number(figure.low)
    high = "∞" if figure.high is None else _number(figure.high)
    return f"[{low}, {high}]" if figure.high is not None else f"[{low}, {high})"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


class TextRenderer:
    """Renders one Report with rich."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.actor_names = {a.id: a.name for a in report.actors}
        self.place_names = {p.id: p.name for p in report.places}
        speakers = sorted({q.speaker_actor or q.id for q in report.quotes})
        self.colour = {s: SPEAKER_COLOURS[n % len(SPEAKER_COLOURS)] for n, s in enumerate(speakers)}

    def render(self) -> Group:
        parts = [self.article()]
        for title, table in (
            ("Actors", self.actors()),
            ("Quotes", self.quotes()),
            ("Figures", self.figures()),
            ("Events", self.events()),
            ("Places", self.places()),
        ):
            if table.row_count:
                parts.append(table)
            else:
                parts.append(Text(f"{title}: none found", style="dim"))
        return Group(*parts)

    def article(self) -> Panel:
        doc = self.report.document
        text = Text(doc.text)
        for actor in self.report.actors:
            for mention in actor.mentions:
                text.stylize("underline", mention.start, mention.end)
        for event in self.report.events:
            text.stylize("italic", event.evidence.start, event.evidence.end)
        for quote in self.report.quotes:
            colour = self.colour[quote.speaker_actor or quote.id]
            for content in (quote.content, *quote.more_content):
                text.stylize(colour, content.start, content.end)
            if quote.cue:
                text.stylize(f"bold {colour}", quote.cue.start, quote.cue.end)
        for figure in self.report.figures:
            text.stylize("bold reverse", figure.span.start, figure.span.end)
        title = doc.title or doc.id
        subtitle = " · ".join(x for x in (doc.outlet, doc.published, doc.url) if x)
        return Panel(text, title=title, subtitle=subtitle or None, title_align="left")

    def source(self, source: Source) -> str:
        if source.kind == "outlet":
            return "outlet"
        who = self.actor_names.get(source.actor or "", "")
        cue = f" ({source.cue.text})" if source.cue else ""
        return f"{who or source.kind}{cue}"

    def actors(self) -> Table:
        table = Table(title="Actors", title_justify="left")
        for column in ("id", "name", "kind", "country", "sector", "roles", "mentions"):
            table.add_column(column)
        for actor in self.report.actors:
            table.add_row(
                actor.id,
                actor.name,
                actor.kind,
                actor.country or "",
                actor.sector or "",
                ", ".join(actor.roles),
                str(len(actor.mentions)),
            )
        return table

    def quotes(self) -> Table:
        table = Table(title="Quotes", title_justify="left")
        for column in ("id", "kind", "speaker", "cue", "content"):
            table.add_column(column, overflow="fold")
        for quote in self.report.quotes:
            speaker = self.actor_names.get(quote.speaker_actor or "") or (
                quote.speaker.text if quote.speaker else quote.speaker_kind
            )
            table.add_row(
                quote.id,
                quote.kind,
                Text(speaker, style=self.colour[quote.speaker_actor or quote.id]),
                quote.cue.text if quote.cue else "",
                _clip(quote.content.text),
            )
        return table

    def figures(self) -> Table:
        table = Table(title="Figures", title_justify="left")
        for column in (
            "text",
            "value",
            "interval",
            "qualifier",
            "category",
            "who",
            "window",
            "source",
            "modality",
        ):
            table.add_column(column, overflow="fold")
        for figure in self.report.figures:
            who = ""
            if figure.who:
                who = figure.who.text + (f" ({figure.who.country})" if figure.who.country else "")
            window = figure.time_window.text if figure.time_window else ""
            table.add_row(
                figure.span.text,
                _number(figure.value),
                interval(figure),
                figure.qualifier,
                figure.category,
                who,
                window,
                self.source(figure.source),
                figure.modality,
            )
        return table

    def events(self) -> Table:
        table = Table(title="Events", title_justify="left")
        for column in (
            "plover",
            "category",
            "actors",
            "recipients",
            "victims",
            "place",
            "date",
            "source",
            "modality",
            "evidence",
        ):
            table.add_column(column, overflow="fold")
        names = self.actor_names
        for event in self.report.events:
            table.add_row(
                event.plover + (f"/{event.mode}" if event.mode else ""),
                event.category,
                ", ".join(names.get(a, a) for a in event.actors),
                ", ".join(names.get(a, a) for a in event.recipients),
                ", ".join(names.get(a, a) for a in event.victims),
                self.place_names.get(event.place or "", ""),
                event.date.text if event.date else "",
                self.source(event.source),
                event.modality,
                _clip(event.evidence.text),
            )
        return table

    def places(self) -> Table:
        table = Table(title="Places", title_justify="left")
        for column in ("id", "name", "country", "admin1", "lat", "lon", "precision", "mentions"):
            table.add_column(column)
        for place in self.report.places:
            table.add_row(
                place.id,
                place.name,
                place.country or "",
                place.admin1 or "",
                "" if place.lat is None else f"{place.lat:.4f}",
                "" if place.lon is None else f"{place.lon:.4f}",
                place.precision,
                str(len(place.mentions)),
            )
        return table


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_report(report: Report, console: Console) -> None:
    console.print(TextRenderer(report).render())
