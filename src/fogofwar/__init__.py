"""fogofwar: war and conflict news to a verifiable, source-attributed record.

Example::

    import fogofwar
    report = fogofwar.read(text, published="2024-12-28")
    for figure in report.figures: ...

The pipeline (and spaCy) is imported on first use, so commands that only query the
ledger start quickly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["DEFAULT_MODEL", "Report", "load", "read", "read_many", "__version__"]

if TYPE_CHECKING:
    from fogofwar.pipeline import DEFAULT_MODEL, load, read, read_many
    from fogofwar.schema import Report


def __getattr__(name: str) -> Any:
    if name in ("DEFAULT_MODEL", "load", "read", "read_many"):
        from fogofwar import pipeline

        return getattr(pipeline, name)
    if name == "Report":
        from fogofwar.schema import Report

        return Report
    raise AttributeError(f"module 'fogofwar' has no attribute {name!r}")
