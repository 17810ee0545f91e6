"""The event lexicon (`lexicons/events.yaml`) compiled once into spaCy Matchers.

A `Trigger` is one matched word or phrase with its category, PLOVER type and mode.
Phrases win over the single words inside them, longer phrases over shorter ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from fogofwar import lexicons

VERB_TAGS = ["VERB", "AUX"]
NOUN_TAGS = ["NOUN", "PROPN"]


@dataclass(frozen=True)
class Category:
    name: str
    plover: str
    mode: str | None
    modes: dict[str, str]
    subject: str
    object: str
    military_only: frozenset[str]
    intransitive_victims: frozenset[str]
    quoted: frozenset[str]


@dataclass(frozen=True)
class Trigger:
    span: Span
    category: Category
    phrase: bool

    @property
    def head(self):
        """The token that carries the trigger's grammar: a phrase's verb or head noun."""
        verbs = [t for t in self.span if t.pos_ in VERB_TAGS]
        return verbs[0] if verbs else self.span.root

    @property
    def mode(self) -> str | None:
        for token in self.span:
            mode = self.category.modes.get(token.lemma_.lower())
            if mode:
                return mode
        return self.category.mode


@cache
def lexicon() -> dict[str, Any]:
    return lexicons.load("events")


@cache
def categories() -> dict[str, Category]:
    result = {}
    for name, entry in lexicon()["categories"].items():
        result[name] = Category(
            name=name,
            plover=entry["plover"],
            mode=entry.get("mode"),
            modes=dict(entry.get("modes") or {}),
            subject=entry.get("subject", "actors"),
            object=entry.get("object", "recipients"),
            military_only=frozenset(entry.get("military_only") or ()),
            intransitive_victims=frozenset(entry.get("intransitive_victims") or ()),
            quoted=frozenset(entry.get("quoted") or ()),
        )
    return result


def _phrase_pattern(phrase: str) -> list[dict[str, Any]]:
    """'take * own life' -> lemma patterns; '*' is one optional word, 'a|b' either lemma."""
    return [
        {"OP": "?"} if word == "*" else {"LEMMA": {"IN": word.split("|")}}
        for word in phrase.lower().replace("-", " - ").split()
    ]


def build_matcher(vocab: Vocab) -> Matcher:
    """One Matcher for the whole lexicon; match ids are "category|kind"."""
    matcher = Matcher(vocab)
    for name, entry in lexicon()["categories"].items():
        words = list(entry.get("words") or ())
        verbs = list(entry.get("verbs") or ()) + words
        nouns = list(entry.get("nouns") or ()) + words
        if verbs:
            matcher.add(f"{name}|word", [[{"LEMMA": {"IN": verbs}, "POS": {"IN": VERB_TAGS}}]])
        if nouns:
            matcher.add(f"{name}|word", [[{"LEMMA": {"IN": nouns}, "POS": {"IN": NOUN_TAGS}}]])
        phrases = [p for p in entry.get("phrases") or () if p]
        quoted = [q for q in entry.get("quoted") or () if " " in q]
        if phrases or quoted:
            matcher.add(f"{name}|phrase", [_phrase_pattern(p) for p in phrases + quoted])
        single_quoted = [q for q in entry.get("quoted") or () if " " not in q]
        if single_quoted:
            matcher.add(f"{name}|word", [[{"LEMMA": {"IN": single_quoted}}]])
    return matcher


def find_triggers(doc: Doc, matcher: Matcher) -> list[Trigger]:
    """Non-overlapping triggers in text order: phrases first, then longer matches."""
    table = categories()
    found = []
    for match_id, start, end in matcher(doc):
        name, kind = doc.vocab.strings[match_id].split("|")
        found.append((kind != "phrase", -(end - start), start, end, table[name]))
    taken: set[int] = set()
    triggers = []
    for _, _, start, end, category in sorted(found, key=lambda f: f[:3]):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        triggers.append(Trigger(doc[start:end], category, end - start > 1))
    return sorted(triggers, key=lambda t: t.span.start)
