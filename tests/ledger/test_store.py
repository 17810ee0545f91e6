"""The write path on SQLite and PostgreSQL: everything stored, nothing doubled, merging."""

from __future__ import annotations

from sqlalchemy import func, select

from fogofwar.ledger import Ledger
from fogofwar.ledger import models as m
from fogofwar.schema import Report

from .reports import claim_report, plain_report


def snapshot(ledger: Ledger) -> dict[str, list]:
    """Every row of every table, for before/after comparisons."""
    tables = (
        m.Document,
        m.Actor,
        m.DocumentActor,
        m.Place,
        m.DocumentPlace,
        m.Quote,
        m.Series,
        m.Figure,
        m.Event,
        m.EventActor,
    )
    with ledger.engine.connect() as conn:
        return {
            model.__tablename__: [
                tuple(row)
                for row in conn.execute(
                    select(model.__table__).order_by(*model.__table__.primary_key.columns)
                )
            ]
            for model in tables
        }


def test_every_record_is_stored_and_the_report_comes_back_whole(ledger: Ledger) -> None:
    reports = [
        claim_report("d1", url="https://example.org/1"),
        claim_report(
            "d2",
            speaker="Kirby",
            speaker_country="USA",
            outlet="AP",
            number="about 500",
            value=500,
            low=None,
            qualifier="approx",
        ),
    ]
    result = ledger.store(reports, model="test-model")
    assert len(result.stored) == 2 and result.already == 0
    assert ledger.counts() == {
        "documents": 2,
        "actors": 3,
        "places": 1,
        "quotes": 2,
        "series": 1,
        "figures": 2,
        "events": 2,
    }
    assert list(ledger.reports()) == reports


def test_storing_again_changes_nothing(ledger: Ledger) -> None:
    reports = [
        claim_report("d1"),
        claim_report("d2", number="12", value=12, low=12, high=12, qualifier="exact"),
    ]
    ledger.store(reports)
    before = snapshot(ledger)
    again = ledger.store(reports + [reports[0]])
    assert again.stored == [] and again.already == 3
    assert snapshot(ledger) == before


def test_same_text_twice_in_one_batch_is_stored_once(ledger: Ledger) -> None:
    result = ledger.store([claim_report("d1"), claim_report("copy-of-d1")])
    assert len(result.stored) == 1 and result.already == 1
    assert ledger.counts()["documents"] == 1


def test_same_url_with_new_text_is_a_new_version(ledger: Ledger) -> None:
    url = "https://example.org/live"
    first = claim_report("v1", url=url)
    updated = claim_report(
        "v2", url=url, number="1,200", value=1200, low=1200, high=1200, qualifier="exact"
    )
    assert ledger.store([first]).versions == 0
    assert ledger.store([updated]).versions == 1
    assert ledger.store([first, updated]).already == 2
    with ledger.engine.connect() as conn:
        rows = conn.execute(
            select(m.Document.external_id, m.Document.version)
            .where(m.Document.url == url)
            .order_by(m.Document.version)
        ).all()
    assert [tuple(r) for r in rows] == [("v1", 1), ("v2", 2)]
    (series,) = ledger.figures()
    assert [c.value for c in series.claims] == [1000, 1200]  # both versions' claims kept


def test_spellings_of_one_person_are_one_ledger_actor(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("d1", speaker="Zelenskyy"),
            claim_report("d2", speaker="Zelensky", number="2,000", value=2000, low=2000),
            claim_report(
                "d3",
                speaker="President Zelenskyy",
                speaker_country=None,
                number="3,000",
                value=3000,
                low=3000,
            ),
        ]
    )
    with ledger.engine.connect() as conn:
        people = conn.execute(
            select(m.Actor.name, m.Actor.country).where(m.Actor.kind == "person")
        ).all()
    assert [tuple(p) for p in people] == [("Volodymyr Zelenskyy", "UKR")]
    assert [item.kind for item in ledger.sources("Zelensky").items].count("figure") == 3


def test_a_bare_surname_joins_the_one_full_name(ledger: Ledger) -> None:
    ledger.store([claim_report("d1", speaker="Oleh Petrenko")])
    ledger.store([claim_report("d2", speaker="Petrenko", number="40", value=40, low=40)])
    ledger.store([claim_report("d3", speaker="Ivan Horak")])
    with ledger.engine.connect() as conn:
        names = sorted(conn.scalars(select(m.Actor.name).where(m.Actor.kind == "person")))
    assert names == ["Ivan Horak", "Oleh Petrenko"]


def test_a_bare_surname_with_two_candidates_stays_apart(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("d1", speaker="Oleh Petrenko"),
            claim_report("d2", speaker="Anna Petrenko", number="5", value=5, low=5),
        ]
    )
    ledger.store([claim_report("d3", speaker="Petrenko", number="6", value=6, low=6)])
    with ledger.engine.connect() as conn:
        names = sorted(conn.scalars(select(m.Actor.name).where(m.Actor.kind == "person")))
    assert names == ["Anna Petrenko", "Oleh Petrenko", "Petrenko"]


def test_figures_group_into_series_by_who_category_place_and_window(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("d1"),
            claim_report("d2", group="North Korean troops", number="3,000", value=3000, low=3000),
            claim_report("d3", category="injured"),
            claim_report("d4", group="Russian forces", group_country="RUS"),
            claim_report("d5", place=None),
            claim_report(
                "d6",
                cumulative=False,
                window_start="2024-12-13",
                window_end="2024-12-20",
                extra="That was last week.",
            ),
        ]
    )
    series = ledger.figures()
    sizes = sorted(len(s.claims) for s in series)
    assert sizes == [1, 1, 1, 1, 2]
    (merged,) = [s for s in series if len(s.claims) == 2]
    assert (merged.who_country, merged.category, merged.place, merged.basis) == (
        "PRK",
        "killed",
        "Kursk",
        "cumulative",
    )
    claim = merged.claims[0]
    assert (claim.source, claim.outlet, claim.qualifier, claim.low, claim.high) == (
        "Volodymyr Zelenskyy",
        "Kyiv Independent",
        "over",
        1000,
        None,
    )


def test_documents_without_records_are_stored(ledger: Ledger) -> None:
    result = ledger.store([plain_report("empty", "Nothing happened today in the town.")])
    assert len(result.stored) == 1
    assert ledger.counts()["documents"] == 1
    assert ledger.figures() == []


def test_a_second_writer_sees_what_the_first_stored(ledger_url: str) -> None:
    first, second = Ledger(ledger_url), Ledger(ledger_url)
    try:
        first.store([claim_report("d1")])
        assert second.store([claim_report("d1")]).already == 1
        assert second.store(
            [claim_report("d2", speaker="Zelensky", number="7", value=7, low=7)]
        ).stored
        assert first.counts()["actors"] == 2  # the cached ids of `first` are still right
        first.store([claim_report("d3", speaker="Zelenskyy", number="8", value=8, low=8)])
        assert first.counts()["actors"] == 2
    finally:
        first.close()
        second.close()


def test_two_writers_at_once_store_everything_once(ledger_url: str) -> None:
    """Two processes' worth of writers racing over the same reports (PostgreSQL: unique
    keys and deadlocks make batches retry; SQLite: the write lock serialises them)."""
    import threading

    reports = [
        claim_report(
            f"d{n}",
            speaker=("Zelensky", "Kirby", "Oleh Petrenko")[n % 3],
            number=str(n),
            value=n,
            low=n,
            high=n,
            qualifier="exact",
            category=("killed", "injured")[n % 2],
            published=f"2024-12-{n % 9 + 1:02d}",
        )
        for n in range(60)
    ]
    writers = [Ledger(ledger_url), Ledger(ledger_url)]
    errors: list[BaseException] = []

    def write(ledger: Ledger, order: list[Report], batch_size: int) -> None:
        try:
            ledger.store(order, batch_size=batch_size)
        except BaseException as error:  # surfaced by the assert below
            errors.append(error)

    threads = [
        threading.Thread(target=write, args=(writers[0], reports, 7)),
        threading.Thread(target=write, args=(writers[1], reports[::-1], 5)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for writer in writers:
        writer.close()
    assert errors == []
    with Ledger(ledger_url) as ledger:
        stored = sorted(ledger.reports(), key=lambda r: int(r.document.id[1:]))
        assert stored == reports
        counts = ledger.counts()
        assert (counts["documents"], counts["figures"], counts["series"]) == (60, 60, 2)
        with ledger.engine.connect() as conn:
            assert conn.scalar(select(func.sum(m.Series.claim_count))) == 60
            assert conn.scalar(select(func.sum(m.SeriesDay.claims))) == 60
            people = conn.scalar(
                select(func.count()).select_from(m.Actor).where(m.Actor.kind == "person")
            )
        assert people == 3
