"""What keeps the server safe to run: a cap on request bodies, the write token, an
optional read token, and response headers that stop injected markup from running.

* Bodies over the limit are refused with 413 before any endpoint sees them (chunked
  bodies are read up to the limit, never further).
* `POST /api/ingest` needs `Authorization: Bearer <FOGOFWAR_TOKEN>`; tokens are compared
  with `hmac.compare_digest`, whose time does not depend on where they differ.
* When reads are not open (a server bound beyond loopback), every page and read endpoint
  needs the token too: as a Bearer header, or the session cookie `/login` sets.
* Every response carries a Content-Security-Policy that allows scripts, styles and
  images from the server itself only, so even a markup bug could not run article text.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "fogofwar_session"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def session_value(token: str) -> str:
    """The session cookie for a token: derived from it, so the cookie is not the token."""
    key = token.encode("utf-8")
    return hmac.new(key, b"fogofwar dashboard session", hashlib.sha256).hexdigest()


def require_writer(request: Request) -> None:
    """Dependency of endpoints that write: 403 when writing is off, 401 on a bad token."""
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "writing is disabled: start the server with FOGOFWAR_TOKEN set")
    if not same_token(bearer(request), token):
        raise HTTPException(
            401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def may_read(request: Request) -> bool:
    """Reads are open, or the request carries the token (header or session cookie)."""
    if request.app.state.open_reads:
        return True
    token: str | None = request.app.state.token
    if token is None:
        return False
    cookie = request.cookies.get(SESSION_COOKIE)
    return same_token(bearer(request), token) or same_token(cookie, session_value(token))


class LoginRequired(Exception):
    """A page asked for without the token: the handler sends the browser to /login."""


def require_reader_api(request: Request) -> None:
    if not may_read(request):
        raise HTTPException(
            401, "this server needs a token to read", headers={"WWW-Authenticate": "Bearer"}
        )


def require_reader_page(request: Request) -> None:
    if not may_read(request):
        raise LoginRequired()


class BodyLimit:
    """ASGI middleware: 413 for request bodies over `max_bytes` (see the module docstring)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await _problem(send, 400, "Content-Length is not a number")
                return
            if int(length) > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    await _problem(send, 413, f"request body over the limit of {limit:,} bytes")


async def _problem(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
