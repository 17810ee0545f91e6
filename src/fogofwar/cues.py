"""The attribution cue lexicon (`lexicons/cues.yaml`) as lookups: is this word a cue,
how firm is it, and through which complements does it report its content?

Pure functions over the parsed YAML, built once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fogofwar import lexicons
from fogofwar.schema import CueStrength

Strength = CueStrength
STRENGTHS: tuple[Strength, ...] = ("confirmed", "asserted", "hedged", "claimed", "denied", "stance")


@dataclass(frozen=True)
class CueLexicon:
    """Lookups built from cues.yaml. Keys are lower-case lemmas ("say", "point out")."""

    verbs: dict[str, Strength]
    phrasal: dict[str, Strength]
    phrases: dict[str, Strength]
    object_content: frozenset[str]
    preposition_content: dict[str, frozenset[str]]  # verb -> prepositions
    infinitive_content: frozenset[str]
    unnamed_sources: frozenset[str]
    nominal: dict[str, Strength]
    adverbs: dict[str, Strength]
    punctuation: frozenset[str]
    label_stopwords: frozenset[str] = frozenset()

    def verb_cue(self, lemma: str, particle: str | None = None) -> str | None:
        """The lexicon key of a verb with an optional particle, or None if not a cue."""
        lemma = lemma.lower()
        if particle:
            key = f"{lemma} {particle.lower()}"
            if key in self.phrasal:
                return key
        if lemma in self.verbs:
            return lemma
        return None

    def strength(self, key: str, kind: str = "verb") -> Strength:
        """How firm a cue is; `kind` is verb, phrase, noun or adverb."""
        tables = {
            "verb": (self.phrasal, self.verbs),
            "phrase": (self.phrases,),
            "noun": (self.nominal,),
            "adverb": (self.adverbs,),
        }
        for table in tables.get(kind, ()):
            if key in table:
                return table[key]
        return "asserted"


@cache
def cue_lexicon() -> CueLexicon:
    """The cue lexicon, parsed once."""
    return build_lexicon(lexicons.load("cues"))


def build_lexicon(data: dict) -> CueLexicon:
    """Turn the YAML structure of cues.yaml into lookups (first strength listed wins)."""
    verbs: dict[str, Strength] = {}
    for strength in STRENGTHS:
        for lemma in data["verbs"].get(strength) or ():
            verbs.setdefault(lemma, strength)
    content = data.get("content") or {}
    prepositions: dict[str, set[str]] = {}
    for preposition, lemmas in (content.get("preposition") or {}).items():
        for lemma in lemmas:
            prepositions.setdefault(lemma, set()).add(str(preposition))
            verbs.setdefault(lemma, "asserted")
    phrasal = dict(data.get("phrasal") or {})
    return CueLexicon(
        verbs=verbs,
        phrasal=phrasal,
        phrases=dict(data.get("phrases") or {}),
        object_content=frozenset(content.get("object") or ()),
        preposition_content={k: frozenset(v) for k, v in prepositions.items()},
        infinitive_content=frozenset(content.get("infinitive") or ()),
        unnamed_sources=frozenset(data.get("unnamed_sources") or ()),
        nominal=dict(data.get("nominal_cues") or {}),
        adverbs=dict(data.get("adverbs") or {}),
        punctuation=frozenset(data.get("punctuation_cues") or ()),
        label_stopwords=frozenset(w.lower() for w in data.get("label_stopwords") or ()),
    )
