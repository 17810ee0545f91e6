"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

import fogofwar


@pytest.fixture(scope="session")
def nlp() -> Language:
    return fogofwar.load()


@pytest.fixture(scope="session")
def read(nlp: Language):
    """`read(text, **meta)` with the session's pipeline."""

    def _read(text: str, **meta):
        return fogofwar.read(text, nlp=nlp, **meta)

    return _read
