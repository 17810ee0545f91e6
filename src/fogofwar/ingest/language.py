"""A cheap check that a text is English before spending a parse on it.

The English pipeline reads other languages as garbage, so a French or Russian article is
reported as skipped rather than read wrongly. English news has 30-50% function words
("the", "of", "and"...); other languages have almost none of these.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARS = 5000
MIN_WORDS = 20
MIN_STOPWORD_SHARE = 0.15


def looks_english(text: str) -> bool:
    """False when a sample of at least 20 words holds almost no English function words."""
    from spacy.lang.en.stop_words import STOP_WORDS  # imports spaCy: only when reading

    words = WORD.findall(text[:SAMPLE_CHARS])
    if len(words) < MIN_WORDS:
        return True
    share = sum(word.lower() in STOP_WORDS for word in words) / len(words)
    return share >= MIN_STOPWORD_SHARE
