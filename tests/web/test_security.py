"""Writing, reading and the server's guards: the token (constant-time), the body limit,
bad JSON, the read gate beyond loopback, the Host check, the response headers."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from fogofwar.api import create_app, security
from fogofwar.schema import Report

from .conftest import TOKEN, SampleLedger
from .reports import claim_report, script_report

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _payload(*reports: Report) -> dict:
    return {"reports": [json.loads(report.model_dump_json()) for report in reports]}


def test_ingest_stores_reports_once_and_returns_their_ids(writer: TestClient) -> None:
    report = claim_report(
        "new", speaker="Oleh Syniehubov", speaker_country="UKR", number="40", value=40
    )
    first = writer.post("/api/ingest", json=_payload(report), headers=AUTH)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["stored"], body["already"], body["failed"]) == (1, 0, [])
    [document_id] = body["document_ids"]
    stored = writer.get(f"/api/documents/{document_id}").json()["report"]
    assert Report.model_validate(stored) == report
    again = writer.post("/api/ingest", json=_payload(report), headers=AUTH).json()
    assert (again["stored"], again["already"], again["document_ids"]) == (0, 1, [document_id])


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}],
)
def test_ingest_without_the_right_token_is_401(writer: TestClient, headers: dict) -> None:
    response = writer.post("/api/ingest", json=_payload(script_report()), headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/stats").json()["documents"] == 4


def test_ingest_is_off_without_a_configured_token(fresh_ledger: SampleLedger) -> None:
    with TestClient(create_app(fresh_ledger.url, token=None)) as client:
        response = client.post("/api/ingest", json=_payload(script_report()), headers=AUTH)
    assert response.status_code == 403
    assert "FOGOFWAR_TOKEN" in response.json()["detail"]


def test_tokens_are_compared_with_compare_digest(
    writer: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    writer.post(
        "/api/ingest", json=_payload(script_report()), headers={"Authorization": "Bearer x"}
    )
    assert seen == [(b"x", TOKEN.encode())]


def test_a_read_only_ledger_answers_503_with_the_reason(fresh_ledger: SampleLedger) -> None:
    read_only = fresh_ledger.url.replace("sqlite:///", "sqlite:///file:") + "?mode=ro&uri=true"
    with TestClient(create_app(read_only, token=TOKEN)) as client:
        assert client.get("/api/stats").json()["documents"] == 4
        response = client.post("/api/ingest", json=_payload(script_report()), headers=AUTH)
    assert response.status_code == 503
    assert response.json()["detail"].startswith(
        "cannot write to the ledger: the database is read-only"
    )


def test_bad_json_is_422_with_a_message(writer: TestClient) -> None:
    response = writer.post(
        "/api/ingest",
        content=b'{"reports": [',
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("the body is not valid JSON")
    wrong_shape = writer.post("/api/ingest", json={"reports": [{"text": "x"}]}, headers=AUTH)
    assert wrong_shape.status_code == 422
    assert "body.reports.0.document: Field required" in wrong_shape.json()["detail"]
    unknown_field = writer.post("/api/read", json={"text": "x", "colour": "red"})
    assert "body.colour: Extra inputs are not permitted" in unknown_field.json()["detail"]


def test_bodies_over_the_limit_are_413(fresh_ledger: SampleLedger) -> None:
    with TestClient(create_app(fresh_ledger.url, token=TOKEN, max_body=2048)) as client:
        declared = client.post("/api/read", json={"text": "war " * 1000})
        assert declared.status_code == 413
        assert "2,048 bytes" in declared.json()["detail"]

        def chunks():  # no Content-Length: the body is counted as it arrives
            for _ in range(10):
                yield b" " * 500

        streamed = client.post(
            "/api/ingest", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
        )
        assert streamed.status_code == 413
        small = client.post("/api/ingest", json={"reports": []}, headers=AUTH)
        assert small.status_code == 200


def test_read_endpoint_runs_the_pipeline(fresh_ledger: SampleLedger, nlp) -> None:
    with TestClient(create_app(fresh_ledger.url, nlp=nlp)) as client:
        response = client.post(
            "/api/read",
            json={"text": "John Kirby said 12 soldiers were killed.", "published": "2024-12-28"},
        )
        assert response.status_code == 200, response.text
        report = Report.model_validate(response.json())
        assert report.document.published == "2024-12-28"
        assert "John Kirby" in [actor.name for actor in report.actors]
        assert client.get("/api/stats").json()["documents"] == 4  # nothing stored
        assert client.post("/api/read", json={"text": ""}).status_code == 422


def test_ingest_reads_documents_with_the_pipeline(fresh_ledger: SampleLedger, nlp) -> None:
    with TestClient(create_app(fresh_ledger.url, token=TOKEN, nlp=nlp)) as client:
        document = {"text": "John Kirby said 12 soldiers were killed.", "title": "Kirby"}
        body = client.post("/api/ingest", json={"documents": [document]}, headers=AUTH).json()
        assert body["stored"] == 1
        stored = client.get(f"/api/documents/{body['document_ids'][0]}").json()["report"]
        assert stored["document"]["title"] == "Kirby"
        again = client.post("/api/ingest", json={"documents": [document]}, headers=AUTH).json()
        assert (again["stored"], again["already"]) == (0, 1)


def test_closed_reads_need_the_token_or_the_session(fresh_ledger: SampleLedger) -> None:
    app = create_app(fresh_ledger.url, token=TOKEN, open_reads=False)
    with TestClient(app) as client:
        assert client.get("/api/documents").status_code == 401
        assert client.get("/api/documents", headers=AUTH).status_code == 200
        page = client.get("/", follow_redirects=False)
        assert (page.status_code, page.headers["location"]) == (303, "/login")
        assert client.post("/login", data={"token": "nope"}).status_code == 401
        signed_in = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert signed_in.status_code == 303
        cookie = signed_in.cookies[security.SESSION_COOKIE]
        assert TOKEN not in cookie
        assert client.get("/").status_code == 200
        assert client.get("/api/documents").status_code == 200  # the cookie works for reads


def test_unknown_host_names_are_refused(fresh_ledger: SampleLedger) -> None:
    app = create_app(fresh_ledger.url, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/stats").status_code == 200
        assert client.get("/api/stats", headers={"Host": "evil.example"}).status_code == 400


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/api/documents/999999", "/static/dashboard.css"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert security.is_loopback(host) is loopback
