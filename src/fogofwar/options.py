"""Command-line options shared by `read`, `ingest`, `extract` and `bench`."""

from __future__ import annotations

import click

from fogofwar.defaults import BATCH_SIZE, DEFAULT_MODEL
from fogofwar.ingest.readers import normalize_published


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    published = normalize_published(value)
    if published is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return published


published_option = click.option(
    "--published",
    callback=_published,
    help="Publication date (YYYY-MM-DD) for inputs that carry none: the anchor for "
    "relative dates like 'on Friday'.",
)
model_option = click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    help="Any installed spaCy pipeline with a parser and NER.",
)
batch_size_option = click.option(
    "--batch-size",
    default=BATCH_SIZE,
    show_default=True,
    type=click.IntRange(1),
    help="Documents per nlp.pipe batch.",
)
