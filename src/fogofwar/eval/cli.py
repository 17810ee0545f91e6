"""`fogofwar eval ...`: score fogofwar against human-annotated data given by path."""

from __future__ import annotations

import click

from fogofwar.eval.gva import gva_command
from fogofwar.eval.ranges import ranges_command


@click.group(name="eval")
def eval_group() -> None:
    """Score fogofwar against annotated data (precision, recall, F1, sample errors)."""


eval_group.add_command(gva_command)
eval_group.add_command(ranges_command)
