"""modality_of on sentences without a verb: spaCy tokens are new objects on each access,
so the root test must compare indices (an `is` test looped forever)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from fogofwar.modality import modality_of


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Dozens dead in Gaza.", 0, "asserted"),
        ("Reportedly dozens dead.", 1, "reported"),
        ("12 soldiers were not killed.", 0, "negated"),
        ("Two men were killed in May.", 0, "asserted"),
        ("Eight people were taken to hospital with injuries that were not serious.", 0, "asserted"),
        ("Eight people were not taken to hospital.", 0, "negated"),
        ("Three men suffered non-life-threatening injuries.", 1, "asserted"),
        ("Two men may have been killed.", 0, "hypothetical"),
    ],
)
def test_modality_of_verbless_and_plain_sentences(
    nlp: Language, text: str, index: int, expected: str
) -> None:
    doc = nlp(text)
    assert modality_of(doc[index]) == expected
