"""`fogofwar eval ...`: score fogofwar against human-annotated data given by path."""

from __future__ import annotations

import click

from fogofwar.eval.gva import gva_command
from fogofwar.eval.plover import plover_command
from fogofwar.eval.polnear import polnear
from fogofwar.eval.ranges import ranges_command
from fogofwar.eval.re3d import re3d_command
from fogofwar.eval.wikievents import wikievents_command


@click.group(name="eval")
def eval_group() -> None:
    """Score fogofwar against annotated data (precision, recall, F1, sample errors)."""


for command in (
    polnear,
    gva_command,
    ranges_command,
    plover_command,
    re3d_command,
    wikievents_command,
):
    eval_group.add_command(command)
