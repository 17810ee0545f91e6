"""Language knowledge as reviewed data files, loaded once per process.

Each YAML file here carries a header comment saying what it is for and how it is
matched. Code asks for a file by name with `load("countries")`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Parse `lexicons/<name>.yaml` (cached: the files are read once per process)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
