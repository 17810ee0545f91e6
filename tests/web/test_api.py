"""The JSON API with FastAPI's test client: every read endpoint on a ledger of hand-made
reports, and the errors a client can cause (404, 422 with a message, 413)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fogofwar.schema import Report

from .conftest import SampleLedger
from .reports import article_report


def test_documents_list_newest_first_with_counts(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["total"] == 4
    published = [item["published"] for item in body["items"]]
    assert published == sorted(published, reverse=True)
    article = next(
        item for item in body["items"] if item["outlet"] == "Example Wire" and item["quotes"] == 3
    )
    assert (article["figures"], article["events"]) == (2, 2)


def test_documents_search_matches_text_and_title(client: TestClient) -> None:
    by_text = client.get("/api/documents", params={"q": "APARTMENT blocks"}).json()
    assert [item["title"] for item in by_text["items"]] == [
        "Overnight shelling kills civilians in Kharkiv"
    ]
    by_title = client.get("/api/documents", params={"q": "Claim by Dmytro"}).json()
    assert by_title["total"] == 1
    assert client.get("/api/documents", params={"q": "100%_"}).json()["total"] == 0


def test_one_document_is_the_report_as_stored(
    client: TestClient, sample_ledger: SampleLedger
) -> None:
    body = client.get(f"/api/documents/{sample_ledger.article_id}").json()
    assert Report.model_validate(body["report"]) == article_report()
    assert set(body["series_ids"]) == {"f1", "f2"}
    assert body["version"] == 1


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for path, word in (
        ("/api/documents/999999", "document"),
        ("/api/series/999999", "series"),
        ("/api/actors/999999", "actor"),
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": f"no {word} 999999"}
    assert client.get("/api/nothing-here").status_code == 404


def test_series_list_filters_and_one_series(
    client: TestClient, sample_ledger: SampleLedger
) -> None:
    listed = client.get("/api/series", params={"category": "killed", "country": "ukr"}).json()
    assert {s["category"] for s in listed} == {"killed"}
    assert sample_ledger.disputed_series_id in {s["id"] for s in listed}
    assert client.get("/api/series", params={"category": "injured"}).json()[0]["claim_count"] == 1

    one = client.get(f"/api/series/{sample_ledger.disputed_series_id}").json()
    claims = one["series"]["claims"]
    assert [(c["as_of"], c["source"]) for c in claims] == [
        ("2024-06-03", "Ihor Terekhov"),
        ("2024-06-03", "Dmytro Kuleba"),
        ("2024-06-05", "Ihor Terekhov"),
    ]
    assert [(c["lo"], c["hi"]) for c in claims] == [(12, 12), (20, None), (27, 33)]
    assert one["disputed_days"] == ["2024-06-03"]


def test_disputes(client: TestClient, sample_ledger: SampleLedger) -> None:
    disputes = client.get("/api/disputes").json()
    assert len(disputes) == 1
    dispute = disputes[0]
    assert (dispute["day"], dispute["max_low"], dispute["min_high"]) == ("2024-06-03", 20, 12)
    assert dispute["series"]["id"] == sample_ledger.disputed_series_id
    assert client.get("/api/disputes", params={"category": "injured"}).json() == []


def test_actors_and_what_each_claimed(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"q": "synehubov"}).json()
    assert [a["name"] for a in actors] == ["Oleh Synehubov"]
    governor = actors[0]
    assert (governor["quotes"], governor["figures"]) == (2, 1)
    detail = client.get(f"/api/actors/{governor['id']}").json()
    kinds = sorted(item["kind"] for item in detail["items"])
    assert kinds == ["event", "figure", "quote", "quote"]
    assert any("apartment blocks" in item["text"] for item in detail["items"])
    most_claims_first = client.get("/api/actors").json()
    assert most_claims_first[0]["name"] == "Ihor Terekhov"


def test_events_filters(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert len(everything) == 5
    rejects = client.get("/api/events", params={"plover": "REJECT"}).json()
    assert [e["evidence"] for e in rejects] == [
        "Russia's defence ministry denied targeting civilians"
    ]
    casualties = client.get("/api/events", params={"category": "casualties"}).json()
    assert len(casualties) == 4 and {e["plover"] for e in casualties} == {"ASSAULT"}
    russian = client.get("/api/events", params={"country": "RUS"}).json()
    assert [e["plover"] for e in russian] == ["REJECT"]
    window = client.get("/api/events", params={"since": "2024-06-04", "until": "2024-06-30"}).json()
    assert [e["as_of"] for e in window] == ["2024-06-05"]
    limited = client.get("/api/events", params={"category": "casualties", "limit": 2}).json()
    assert len(limited) == 2


def test_bad_parameters_are_422_with_a_message(client: TestClient) -> None:
    response = client.get("/api/events", params={"plover": "PICNIC"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("query.plover: Input should be")
    bad_date = client.get("/api/events", params={"since": "last tuesday"})
    assert bad_date.status_code == 422 and "query.since" in bad_date.json()["detail"]
    assert client.get("/api/series", params={"limit": 0}).status_code == 422
    assert client.get("/api/documents/abc").status_code == 422


def test_search(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "civilians"}).json()
    assert len(body["documents"]) == 4
    assert "civilians" in {a["name"] for a in body["actors"]}
    assert {s["who"] for s in body["series"]} == {"civilians"}
    assert client.get("/api/search").status_code == 422


def test_stats(client: TestClient) -> None:
    assert client.get("/api/stats").json()["documents"] == 4


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/search",
        "/api/series",
        "/api/series/{series_id}",
        "/api/disputes",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/events",
        "/api/read",
        "/api/ingest",
    ):
        assert path in paths
    assert not any(path.startswith("/documents") for path in paths)  # pages stay out
    reference = client.get("/api/docs")
    assert reference.status_code == 200 and "/api/ingest" in reference.text
