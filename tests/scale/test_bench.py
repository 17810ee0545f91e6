"""`fogofwar bench-scale` on a tiny CSV: every engine runs and the table adds up."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.scale.bench import ScaleRun
from fogofwar.scale.cli import scale_table


@pytest.mark.usefixtures("nlp")
def test_bench_scale_runs_local_and_dask(tmp_path: Path) -> None:
    corpus = tmp_path / "press.csv"
    rows = [f'"Officials said {n} people were hurt in Kharkiv on Monday."' for n in range(4)]
    corpus.write_text("headline,body\n" + "\n".join(f"h{n},{row}" for n, row in enumerate(rows)))
    result = CliRunner().invoke(
        cli, ["bench-scale", str(corpus), "--workers", "1"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "4 documents, partitions of 64" in result.output
    assert "local" in result.output and "dask, 1 worker" in result.output


def test_scale_table_efficiency_and_cpu_share() -> None:
    local = ScaleRun(
        "local", 0, 100, seconds=10.0, cpu_seconds=10.0, startup_seconds=1, load_average=0
    )
    one = ScaleRun("dask, 1 worker", 1, 100, 10.0, 10.5, 2, 0, worker_seconds=9.5)
    two = ScaleRun("dask, 2 workers", 2, 100, 6.25, 11.0, 3, 0, worker_seconds=11.0)
    assert one.idle == pytest.approx(0.5 / 9.5)
    table = scale_table([local, one, two], 64, "m")
    cells = {column.header: list(column.cells) for column in table.columns}
    assert cells["docs/s"] == ["10.00", "10.00", "16.00"]
    assert cells["x local"] == ["1.00", "1.00", "1.60"]
    assert cells["efficiency"] == ["", "1.00", "0.80"]
    assert cells["CPU vs local"] == ["", "+5.0%", "+10.0%"]
