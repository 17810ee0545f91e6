"""The dashboard in a real headless Chromium (Debian's package, driven by Playwright),
against the app under uvicorn on 127.0.0.1. Screenshots go to test-artifacts/.

Marked `browser` (select with -m browser); they run in the default suite.
"""

from __future__ import annotations

import json

import httpx
import pytest

from .conftest import TOKEN, LiveServer, screenshot
from .reports import script_report

pytestmark = pytest.mark.browser


def _only_local(page, live_server: LiveServer) -> None:
    """Nothing the page loaded came from anywhere but the server (no CDN, no network)."""
    assert page.requested, "the page made no request at all"
    outside = [url for url in page.requested if not url.startswith(live_server.base)]
    assert outside == []


def test_document_view_hover_card(page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.base}/documents/{live_server.ledger.article_id}")
    card = page.locator("#hovercard")
    assert card.is_hidden()
    pieces = page.locator('[data-figure="f1"]')  # "civilians" is also an actor's mention
    assert "".join(pieces.all_inner_texts()) == "at least 14 civilians"
    figure = pieces.first
    figure.hover()
    card.wait_for(state="visible", timeout=5000)
    text = card.inner_text()
    assert "Figure: at least 14 civilians" in text
    for label, value in (
        ("interval", "[14, ∞)"),
        ("source", "Oleh Synehubov"),
        ("cue", "said"),
        ("modality", "asserted"),
        ("time window", "overnight (2024-06-02)"),
    ):
        assert f"{label}\t{value}" in text or f"{label}\n{value}" in text, (label, text)
    assert "Quote: Oleh Synehubov" in text and "Event: ASSAULT" in text
    box, figure_box = card.bounding_box(), figure.bounding_box()
    assert box and figure_box and box["y"] >= figure_box["y"] + figure_box["height"] - 1
    screenshot(page, "document-hover.png", full_page=False)

    page.mouse.move(5, 880)  # away from every mark: the card goes
    card.wait_for(state="hidden", timeout=5000)
    page.keyboard.press("Tab")
    page.locator('[data-figure="f2"]').first.focus()
    card.wait_for(state="visible", timeout=5000)
    assert "Figure: no more than 3 people" in card.inner_text()
    _only_local(page, live_server)


def test_speakers_have_their_own_colours(page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.base}/documents/{live_server.ledger.article_id}")
    governor = page.locator(".article-text .qt.sp0").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    ministry = page.locator(".article-text .qt.sp1").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    assert governor != ministry


def test_series_chart(page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.base}/series/{live_server.ledger.disputed_series_id}")
    chart = page.locator("svg.chart")
    chart.wait_for()
    claims = page.locator("svg.chart g.claim")
    assert claims.count() == 3
    assert page.locator("svg.chart .arrow").count() == 1  # "at least 20" has no upper bound
    assert page.locator("svg.chart rect.disputed").count() == 1
    width = chart.bounding_box()["width"]
    assert width > 600  # drawn at a readable size
    claims.nth(1).hover()
    card = page.locator("#hovercard")
    card.wait_for(state="visible", timeout=5000)
    assert "Dmytro Kuleba: at least 20" in card.inner_text()
    screenshot(page, "series-chart.png")
    _only_local(page, live_server)


def test_events_map_and_search(page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.base}/events")
    assert page.locator("svg.map path.land").count() > 10
    assert page.locator("svg.map g.site").count() == 1
    screenshot(page, "events-map.png")
    page.fill("header input[name=q]", "Terekhov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Terekhov")
    assert page.locator("h1").inner_text() == "Search: “Terekhov”"
    assert page.get_by_role("link", name="Ihor Terekhov", exact=True).count() == 1
    assert page.get_by_role("link", name="Claim by Ihor Terekhov").count() == 2
    screenshot(page, "search.png")


def test_disputes_and_overview_pages(page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.base}/disputes")
    assert page.locator("section.dispute").count() == 1
    screenshot(page, "disputes.png")
    page.goto(f"{live_server.base}/")
    assert page.locator("ul.counts li").count() == 7
    screenshot(page, "overview.png")
    _only_local(page, live_server)


def test_ingested_script_never_runs(page, live_server: LiveServer) -> None:
    body = {"reports": [json.loads(script_report("hostile-browser").model_dump_json())]}
    response = httpx.post(
        f"{live_server.base}/api/ingest",
        json=body,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    [document_id] = response.json()["document_ids"]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (f"/documents/{document_id}", "/", "/series", "/actors", "/search?q=Officials"):
        page.goto(live_server.base + path)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.title() != "pwned"
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("img").count() == 0, path
    page.goto(f"{live_server.base}/documents/{document_id}")
    article = page.locator("#article").inner_text()
    assert "<script>window.__pwned = 1;" in article  # shown as text
    page.locator("[data-figure]").first.hover()
    page.locator("#hovercard").wait_for(state="visible", timeout=5000)
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    screenshot(page, "hostile-document.png", full_page=False)
