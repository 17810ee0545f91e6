"""The figure-series chart, drawn in Python as inline SVG (no chart library, no script).

Each claim is drawn at the day it speaks for (`as_of`) as the interval of numbers it
allows: a bar from its low to its high bound, an arrow to the top when it has no upper
bound ("over 1,000"), a dot at its stated value. Colours tell the sources apart; days on
which the claims cannot all be true are shaded. Claims without a day or a number are
left out of the drawing (the table under it lists every claim).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from fogofwar.api.article import Card
from fogofwar.api.format import claim_interval, claim_value, number
from fogofwar.ledger.merge import UNCOMPARABLE_MODALITIES
from fogofwar.ledger.queries import Claim, SeriesView

SOURCE_CLASSES = 8  # sc0..sc7 in dashboard.css
WIDTH, HEIGHT = 880, 380
LEFT, RIGHT, TOP, BOTTOM = 76, 48, 24, 48
LABEL_GAP = 64  # pixels between two "disputed" labels
DENSE_CLAIMS = 40  # from this many claims on, thinner bars (the "dense" class)


@dataclass
class SourceKey:
    name: str
    css: str
    claims: int


@dataclass
class Chart:
    svg: Markup
    sources: list[SourceKey]
    drawn: int
    left_out: int


def source_classes(claims: list[Claim]) -> dict[str, str]:
    """A colour class per source, in order of first appearance."""
    classes: dict[str, str] = {}
    for claim in claims:
        if claim.source not in classes:
            classes[claim.source] = f"sc{len(classes) % SOURCE_CLASSES}"
    return classes


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `top` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def date_ticks(first: date, last: date, count: int = 6) -> list[date]:
    days = (last - first).days
    if days <= 0:
        return [first]
    step = max(1, round(days / (count - 1)))
    ticks = [first + timedelta(days=n) for n in range(0, days + 1, step)]
    return ticks


def claim_cards(series: SeriesView) -> list[Card]:
    cards = []
    for claim in series.claims:
        rows = [
            ("claim", claim_value(claim)),
            ("interval", claim_interval(claim)),
            ("as of", claim.as_of.isoformat() if claim.as_of else "no day"),
            ("source", claim.source),
            ("outlet", claim.outlet or ""),
            ("modality", claim.modality),
            ("text", claim.text),
        ]
        cards.append(
            Card(
                id=f"card-c{claim.figure_id}",
                kind="figure",
                title=f"{claim.source}: {claim_value(claim)}",
                rows=[(label, value) for label, value in rows if value],
                link=f"/documents/{claim.document_id}#f-{claim.figure_id}",
                link_text=claim.document_title or f"document {claim.document_id}",
            )
        )
    return cards


def series_chart(series: SeriesView, disputed: list[date] | None = None) -> Chart:
    """The SVG chart of one series' claims (see the module docstring)."""
    classes = source_classes(series.claims)
    drawable = [c for c in series.claims if c.as_of is not None and c.lo is not None]
    counts: dict[str, int] = {}
    for claim in series.claims:
        counts[claim.source] = counts.get(claim.source, 0) + 1
    sources = [SourceKey(name, css, counts[name]) for name, css in classes.items()]
    left_out = len(series.claims) - len(drawable)
    if not drawable:
        return Chart(Markup(""), sources, 0, left_out)
    first = min(c.as_of for c in drawable)  # type: ignore[type-var]
    last = max(c.as_of for c in drawable)  # type: ignore[type-var]
    pad = max(3, round((last - first).days * 0.05))
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    bounds = [v for c in drawable for v in (c.lo, c.hi, c.value) if v is not None]
    ticks = nice_ticks(max(bounds) * 1.1)
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        return LEFT + plot_w * (day - first).days / max(1, (last - first).days)

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - min(value, top) / top)

    dense = " dense" if len(drawable) >= DENSE_CLAIMS else ""
    parts = [
        f'<svg class="chart{dense}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(len(drawable))} claims over time" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    last_label = -1e9
    for day in disputed or []:
        if first <= day <= last:
            x = x_of(day)
            parts.append(
                f'<rect class="disputed" x="{x - 9:.1f}" y="{TOP}" width="18" '
                f'height="{plot_h}"><title>{day}: these claims cannot all be true</title></rect>'
            )
            if x - last_label >= LABEL_GAP:  # labels of close days would overlap
                parts.append(
                    f'<text class="disputed-label" x="{x:.1f}" y="{TOP - 8}" '
                    'text-anchor="middle">disputed</text>'
                )
                last_label = x
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(number(tick))}</text>"
        )
    for day in date_ticks(first, last):
        x = x_of(day)
        parts.append(
            f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + plot_h}" '
            f'y2="{TOP + plot_h + 5}"/><text class="tick" x="{x:.1f}" y="{TOP + plot_h + 20}" '
            f'text-anchor="middle">{day.isoformat()}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/><line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" '
        f'y2="{TOP + plot_h}"/>'
    )
    by_day: dict[date, list[Claim]] = {}
    for claim in drawable:
        by_day.setdefault(claim.as_of, []).append(claim)  # type: ignore[arg-type]
    for day, claims in by_day.items():
        spacing = min(12.0, 80.0 / len(claims))
        for n, claim in enumerate(claims):
            x = x_of(day) + (n - (len(claims) - 1) / 2) * spacing
            parts.append(_claim_mark(claim, x, y_of, classes[claim.source]))
    parts.append("</svg>")
    return Chart(Markup("".join(parts)), sources, len(drawable), left_out)


def _claim_mark(claim: Claim, x: float, y_of: Callable[[float], float], css: str) -> str:
    """One claim: its interval as a bar (an arrow when open above), its value as a dot."""
    lo = claim.lo or 0.0
    y_lo = y_of(lo)
    y_hi = y_of(claim.hi) if claim.hi is not None else TOP + 9  # room for the arrow head
    soft = " soft" if claim.modality in UNCOMPARABLE_MODALITIES else ""
    top = min(y_hi, y_lo - 2)
    shapes = [f'<line class="bar" x1="{x:.1f}" x2="{x:.1f}" y1="{y_lo:.1f}" y2="{top:.1f}"/>']
    if claim.hi is None:
        arrow = f"M{x - 5:.1f},{TOP + 7} L{x:.1f},{TOP} L{x + 5:.1f},{TOP + 7}"
        shapes.append(f'<path class="arrow" d="{arrow}"/>')
    if claim.value is not None:
        shapes.append(f'<circle class="dot" cx="{x:.1f}" cy="{y_of(claim.value):.1f}" r="4.5"/>')
    # A label rather than an SVG <title>: the hover card is the tooltip.
    label = f"{claim.as_of}: {claim.source} said {claim_value(claim)} {claim_interval(claim)}"
    return (
        f'<a href="/documents/{claim.document_id}#f-{claim.figure_id}" '
        f'aria-label="{escape(label)}">'
        f'<g class="claim {css}{soft}" data-cards="card-c{claim.figure_id}" '
        f'data-claim="{claim.figure_id}">{"".join(shapes)}</g></a>'
    )
