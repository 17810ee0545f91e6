"""Run by test_resume.py as a subprocess: ingest a directory through a local Dask cluster
of one worker, with a slow fake extraction, so that the client can be killed mid-run.

    python dask_client.py DB DIRECTORY LOG

LOG receives one line per partition started: `PID ID ID...` (fake_extract.py).
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fake_extract import slow_partition  # noqa: E402

from fogofwar.ledger import Ledger  # noqa: E402
from fogofwar.ledger.ingest import ingest  # noqa: E402
from fogofwar.scale.engine import Cluster, DaskExtractor  # noqa: E402
from fogofwar.scale.run import corpus_items  # noqa: E402


def main(db: str, directory: str, log: str) -> None:
    with (
        Ledger(db) as ledger,
        DaskExtractor(
            Cluster(workers=1),
            task=partial(slow_partition, log=log, delay=0.3),
            load_pipeline=False,
            partition_size=2,
        ) as extract,
    ):
        ingest(corpus_items([directory]), ledger.writer, extract, commit_every=2)


if __name__ == "__main__":
    main(*sys.argv[1:4])
