"""`create_app`: the FastAPI application serving the JSON API and the dashboard.

    from fogofwar.api import create_app
    app = create_app("sqlite:///fogofwar.db", token=os.environ.get("FOGOFWAR_TOKEN"))

`fogofwar serve` builds it and runs it with uvicorn on 127.0.0.1 (see api/cli.py).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from fogofwar import __version__
from fogofwar.api import pages, routes, worldmap
from fogofwar.api.reading import Reader
from fogofwar.api.security import BodyLimit, LoginRequired, SecurityHeaders
from fogofwar.errors import FogofwarError
from fogofwar.ledger import Ledger

MAX_BODY_BYTES = 2_000_000
DESCRIPTION = """The fogofwar ledger over HTTP: documents and their reports, figure series
and the claims in them, disputes, actors and what each claimed, events; `POST /api/read`
reads a text, `POST /api/ingest` (token required) reads and stores. The dashboard is at /.
"""


def create_app(
    db_url: str,
    token: str | None = None,
    *,
    open_reads: bool = True,
    max_body: int = MAX_BODY_BYTES,
    allowed_hosts: list[str] | None = None,
    nlp: Any = None,
    model: str | None = None,
) -> FastAPI:
    """The app on the ledger at `db_url`.

    `token` enables `POST /api/ingest` (None: writing is off). With `open_reads` False,
    reads need the token too. Bodies over `max_body` bytes get 413. `allowed_hosts`
    limits the Host header (against DNS rebinding); `nlp` is a loaded pipeline to use
    instead of loading `model` on the first read."""
    ledger = Ledger(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Decode the map outlines (about half a second) while the first pages are served.
        threading.Thread(target=worldmap.warm, daemon=True).start()
        yield
        ledger.close()

    app = FastAPI(
        title="fogofwar",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.token = token or None
    app.state.open_reads = open_reads
    app.state.reader = Reader(nlp=nlp, model=model)
    app.include_router(routes.router)
    app.include_router(pages.router)
    static = resources.files("fogofwar.api") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(LoginRequired, _to_login)
    app.add_exception_handler(FogofwarError, _ledger_error)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") and request.url.path != "/api/docs"


def describe_errors(errors: list[dict]) -> str:
    """'body.text: Field required; query.limit: Input should be less than or equal to 1000'."""
    parts = []
    for error in errors:
        location = error.get("loc", ())
        if error.get("type") == "json_invalid":
            reason = error.get("ctx", {}).get("error", "")
            at = f" at character {location[-1]}" if len(location) > 1 else ""
            parts.append(f"the body is not valid JSON: {reason}{at}".replace(": at", " at"))
            continue
        where = ".".join(str(part) for part in location)
        message = error.get("msg", "invalid")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in error.errors()
    ]
    message = describe_errors(list(error.errors()))
    if _wants_json(request):
        return JSONResponse({"detail": message, "errors": errors}, status_code=422)
    return pages.render(request, "error.html", status_code=422, status=422, message=message)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if _wants_json(request):
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )
    return pages.render(
        request,
        "error.html",
        status_code=error.status_code,
        status=error.status_code,
        message=str(error.detail),
    )


async def _ledger_error(request: Request, error: Exception) -> Response:
    """The ledger cannot do it (read-only, disk full, gone): 503 with its one-line reason."""
    if _wants_json(request):
        return JSONResponse({"detail": str(error)}, status_code=503)
    return pages.render(request, "error.html", status_code=503, status=503, message=str(error))


async def _to_login(request: Request, error: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)
