"""The dashboard pages, as HTML from the test client: each renders what it should,
untrusted text is escaped, bad parameters and unknown ids get an error page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from fogofwar.cli import cli

from .conftest import TOKEN, SampleLedger, _free_port
from .reports import script_report

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_every_page_renders(client: TestClient, sample_ledger: SampleLedger) -> None:
    for path in (
        "/",
        "/documents",
        "/documents?q=kharkiv&page=1",
        f"/documents/{sample_ledger.article_id}",
        "/series",
        "/series?category=killed&country=UKR&who=civilians",
        f"/series/{sample_ledger.disputed_series_id}",
        "/disputes",
        "/events",
        "/events?plover=ASSAULT&country=UKR&since=2024-06-01",
        "/actors",
        "/actors?q=terekhov",
        "/search?q=civilians",
        "/api/docs",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")


def test_document_page_marks_every_record(client: TestClient, sample_ledger: SampleLedger) -> None:
    html = client.get(f"/documents/{sample_ledger.article_id}").text
    assert list(dict.fromkeys(re.findall(r'data-figure="(f\d)"', html))) == ["f1", "f2"]
    for card in ("card-f1", "card-f2", "card-q1", "card-q3", "card-e1", "card-e2", "card-a1"):
        assert f'id="{card}"' in html
    assert 'href="https://news.example/kharkiv-shelling"' in html


def test_series_page_draws_the_claims(client: TestClient, sample_ledger: SampleLedger) -> None:
    html = client.get(f"/series/{sample_ledger.disputed_series_id}").text
    assert html.count('class="claim ') == 3
    assert html.count('class="disputed"') == 1
    assert "Dmytro Kuleba" in html and "Ihor Terekhov" in html


def test_events_page_has_the_map(client: TestClient) -> None:
    html = client.get("/events").text
    assert '<svg class="map"' in html and 'class="land involved"' in html
    assert "Kharkiv: 4 events" in html
    only_rejects = client.get("/events?plover=REJECT").text
    assert "denied targeting civilians" in only_rejects and "Kharkiv: " not in only_rejects


def test_disputes_page_lists_the_dispute(client: TestClient) -> None:
    html = client.get("/disputes").text
    assert html.count('class="dispute"') == 1
    assert "<strong>20</strong> &gt; lowest high bound <strong>12</strong>" in html


def test_search_redirects_empty_queries(client: TestClient) -> None:
    response = client.get("/search?q=", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/documents")


def test_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/documents/424242")
    assert missing.status_code == 404 and "no document 424242" in missing.text
    assert missing.headers["content-type"].startswith("text/html")
    bad = client.get("/events?plover=PICNIC")
    assert bad.status_code == 422 and "query.plover" in bad.text
    assert client.get("/no/such/page").status_code == 404


def test_hostile_document_is_escaped_everywhere(writer: TestClient) -> None:
    body = {"reports": [json.loads(script_report().model_dump_json())]}
    [document_id] = writer.post("/api/ingest", json=body, headers=AUTH).json()["document_ids"]
    pages = [
        f"/documents/{document_id}",
        "/",
        "/documents",
        "/search?q=Officials",
        "/series",
        "/actors",
    ]
    for path in pages:
        html = writer.get(path).text
        assert "<script>window" not in html, path
        assert "<img src=x" not in html, path
    document = writer.get(f"/documents/{document_id}").text
    assert "&lt;script&gt;window.__pwned = 1;" in document
    assert 'href="javascript:' not in document
    assert "<b>x</b>" not in document


def test_serve_refuses_an_open_address_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOGOFWAR_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "unused.db"])
    assert result.exit_code == 1
    assert "not a loopback address" in result.output
    assert "Traceback" not in result.output


def test_serve_reports_a_bad_ledger_in_one_line(tmp_path) -> None:
    not_a_ledger = tmp_path / "notes.db"
    not_a_ledger.write_text("these are notes, not a database")
    result = CliRunner().invoke(cli, ["serve", "--db", str(not_a_ledger)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1


def test_serve_command_serves_on_loopback(sample_ledger: SampleLedger) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "fogofwar.cli", "serve", "--db", sample_ledger.url]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("fogofwar serve did not answer")
                time.sleep(0.2)
        assert response.json()["documents"] == 4
        rebinding = httpx.get(
            f"http://127.0.0.1:{port}/api/stats", headers={"Host": "attacker.example"}
        )
        assert rebinding.status_code == 400
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"at http://127.0.0.1:{port}/" in output
