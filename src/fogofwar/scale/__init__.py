"""Scale-out: the same ingest on a Dask cluster, for corpora that outgrow one machine.

Modules: corpus (streaming readers for directories, JSONL, JSONL.gz and WARC), engine
(extraction on Dask workers: one pipeline per worker, bounded batches, input order),
run (the engine-independent glue used by `fogofwar ingest` and `fogofwar extract`),
shards (reports as partitioned Parquet or JSONL.gz, written and read back), bench (local
against Dask throughput) and cli (the `extract` and `bench-scale` commands).
See docs/scale.md.
"""
