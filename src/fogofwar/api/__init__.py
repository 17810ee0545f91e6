"""The HTTP API and the web dashboard over a ledger (`fogofwar serve`).

Modules: app (create_app: wiring, errors), routes (the JSON API under /api), pages (the
dashboard), article (the document view's marks and cards), charts (the series chart as
SVG), worldmap (the events map from packaged country outlines), queries (what the pages
ask the ledger beyond its verbs), reading (the pipeline behind POST /api/read), security
(body limit, tokens, headers), cli (the serve command). See docs/dashboard.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on use: `fogofwar --help` and the other commands need not load FastAPI.
    if name == "create_app":
        from fogofwar.api.app import create_app

        return create_app
    raise AttributeError(name)
