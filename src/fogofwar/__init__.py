"""fogofwar: war and conflict news to a verifiable, source-attributed record.

import fogofwar
report = fogofwar.read(text, published="2024-12-28")
for figure in report.figures: ...
"""

from fogofwar.pipeline import DEFAULT_MODEL, load, read, read_many
from fogofwar.schema import Report

__version__ = "0.1.0"
__all__ = ["DEFAULT_MODEL", "Report", "load", "read", "read_many", "__version__"]
