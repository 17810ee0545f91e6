"""Fixtures for the API and dashboard tests: a ledger of hand-made reports, stored through
the ledger's write path, a test client on it, and (for the browser tests) a live server
on 127.0.0.1 and Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the browser tests FAIL when CI is set (install it with
.ci/chromium.sh) and are skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogofwar.api import create_app
from fogofwar.ledger import Ledger

from .reports import article_report, claim_report

TOKEN = "test-token-0123456789"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class SampleLedger:
    """Where the sample ledger is, and the ids tests look things up by."""

    url: str
    article_id: int
    disputed_series_id: int


def sample_reports():
    """The article, and three claims about one series: two of them, on 2024-06-03, cannot
    both be true (12 killed against at least 20); the third is two days later."""
    return [
        article_report(),
        claim_report(
            "terekhov", speaker="Ihor Terekhov", speaker_country="UKR", number="12", value=12
        ),
        claim_report(
            "kuleba",
            speaker="Dmytro Kuleba",
            speaker_country="UKR",
            number="at least 20",
            value=20,
            low=20,
            qualifier="at_least",
            outlet="Other Wire",
        ),
        claim_report(
            "later",
            speaker="Ihor Terekhov",
            speaker_country="UKR",
            number="about 30",
            value=30,
            qualifier="approx",
            published="2024-06-05",
        ),
    ]


def build_ledger(path: Path) -> SampleLedger:
    url = f"sqlite:///{path}"
    with Ledger(url) as ledger:
        result = ledger.store(sample_reports())
        assert len(result.stored) == 4 and not result.failed
        series = ledger.figures(who="civilians", category="killed", limit=None)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        article_id = conn.execute(
            text("SELECT id FROM documents WHERE external_id = 'kharkiv'")
        ).scalar_one()
    engine.dispose()
    disputed = next(s for s in series if s.claim_count == 3)
    return SampleLedger(url, article_id, disputed.id)


@pytest.fixture(scope="session")
def sample_ledger(tmp_path_factory: pytest.TempPathFactory) -> SampleLedger:
    """A ledger the read-only tests share (nothing may write to it)."""
    return build_ledger(tmp_path_factory.mktemp("ledger") / "sample.db")


@pytest.fixture
def fresh_ledger(tmp_path: Path) -> SampleLedger:
    """A ledger of its own, for tests that write."""
    return build_ledger(tmp_path / "fresh.db")


@pytest.fixture(scope="session")
def client(sample_ledger: SampleLedger) -> Iterator[TestClient]:
    with TestClient(create_app(sample_ledger.url, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def writer(fresh_ledger: SampleLedger) -> Iterator[TestClient]:
    with TestClient(create_app(fresh_ledger.url, token=TOKEN)) as test_client:
        yield test_client


# -- browser --------------------------------------------------------------------------
@dataclass
class LiveServer:
    base: str
    ledger: SampleLedger


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app under uvicorn on 127.0.0.1 (a free port), on a ledger of its own."""
    import uvicorn

    sample = build_ledger(tmp_path_factory.mktemp("live") / "live.db")
    port = _free_port()
    app = create_app(sample.url, token=TOKEN, allowed_hosts=["127.0.0.1"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start", pytrace=False)
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", sample)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's package) under Playwright."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"browser tests need {CHROMIUM} (Debian package: chromium)"
        if os.environ.get("CI"):
            pytest.fail(
                message + "; CI is set, so this is an error: run .ci/chromium.sh", pytrace=False
            )
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server: LiveServer) -> Iterator[object]:
    """A fresh page; every request it makes is recorded on `page.requested`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    new_page.requested = []
    new_page.on("request", lambda request: new_page.requested.append(request.url))
    yield new_page
    context.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path
