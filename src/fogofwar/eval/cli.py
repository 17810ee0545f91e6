"""`fogofwar eval ...`: score fogofwar against human-annotated data given by path."""

from __future__ import annotations

import click


@click.group(name="eval")
def eval_group() -> None:
    """Score fogofwar against annotated data (precision, recall, F1, sample errors)."""


from fogofwar.eval.plover import plover_command  # noqa: E402

eval_group.add_command(plover_command)

from fogofwar.eval.re3d import re3d_command  # noqa: E402

eval_group.add_command(re3d_command)

from fogofwar.eval.wikievents import wikievents_command  # noqa: E402

eval_group.add_command(wikievents_command)
