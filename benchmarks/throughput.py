"""Throughput benchmark: bare spaCy vs the full fogofwar pipeline (same as `fogofwar bench`).

    .venv/bin/python benchmarks/throughput.py ../shared/data/press_releases --limit 500
"""

from fogofwar.cli import cli

if __name__ == "__main__":
    cli(["bench", *__import__("sys").argv[1:]], prog_name="benchmarks/throughput.py")
