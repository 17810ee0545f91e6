"""fogofwar_places: where things happen, one record per place with every mention.

Reads:  doc.ents (GPE, LOC, FAC), doc._.actors (for the document's countries), tokens.
Writes: doc._.places, a list of `schema.Place`, ids "p1", "p2"... in order of first mention.

Place names come from the NER and from two precompiled patterns the small NER often
misses: a name before a unit word ("the Kursk region", "Kharkiv Oblast") and a
capitalised name after a locative preposition ("near Pokrovsk"). Each is resolved with
the gazetteer (`fogofwar.gazetteer`), preferring the countries the document is about
(its actors' and its named countries, most mentioned first), so "Kursk" in a report on
Russia's war is the Russian city. Names the gazetteer does not know stay as places of
precision `unknown` when the NER calls them a place; pattern-only names must resolve to
a place in one of the document's countries. See docs/places.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from fogofwar import extensions
from fogofwar.countries import country_of_demonym, country_of_name
from fogofwar.gazetteer import DIRECTIONS, UNIT_WORDS, Resolution, gazetteer
from fogofwar.schema import Place
from fogofwar.schema import Span as TextSpan

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE_PREPOSITIONS = ["in", "near", "outside", "around", "at", "into", "across", "inside"]
NOT_PLACES = {"DATE", "TIME", "PERSON", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"}
LEADING_WORDS = {"the", "The"}


@dataclass
class _Candidate:
    start: int  # token indices
    end: int
    from_ner: bool


@dataclass
class _Found:
    resolution: Resolution
    mentions: list[tuple[int, int]] = field(default_factory=list)


class PlaceFinder:
    """Finds and resolves the places of one Doc."""

    def __init__(self, doc: Doc, matcher: Matcher) -> None:
        self.doc = doc
        self.matcher = matcher

    def run(self) -> list[Place]:
        candidates = self._candidates()
        countries = self._document_countries(candidates)
        found: dict[tuple, _Found] = {}
        for candidate in candidates:
            span = self.doc[candidate.start : candidate.end]
            resolution = gazetteer().resolve(span.text, countries)
            if resolution is None:
                if not candidate.from_ner or span.label_ == "FAC":
                    continue
                resolution = Resolution(span.text, None, None, None, None, "unknown")
            elif (
                not candidate.from_ner
                and not _within(resolution, countries)
                and resolution.precision not in ("admin1", "admin2")
            ):
                continue  # a pattern match for a town abroad is more often a false hit
            entry = found.setdefault(resolution.key, _Found(resolution))
            entry.mentions.append((span.start_char, span.end_char))
        self._repeat_mentions(found.values())
        return self._places(found.values())

    def _repeat_mentions(self, found) -> None:
        """Once a name is a place, its other occurrences are too ("fled Aleppo" that the
        NER took for something else), unless they are part of a person's or group's name."""
        claimed = {i for f in found for s, e in f.mentions for i in range(s, e)}
        text = self.doc.text
        for entry in found:
            if entry.resolution.precision == "unknown":
                continue
            for name in {text[s:e] for s, e in entry.mentions}:
                at = text.find(name)
                while at != -1:
                    end = at + len(name)
                    span = self.doc.char_span(at, end)
                    if (
                        span is not None
                        and at not in claimed
                        and not self._is_actor_mention(span)
                        and not any(t.ent_type_ in ("PERSON", "ORG") for t in span)
                    ):
                        entry.mentions.append((at, end))
                        claimed.update(range(at, end))
                    at = text.find(name, end)

    def _candidates(self) -> list[_Candidate]:
        taken: set[int] = set()
        result: list[_Candidate] = []
        for match_id, start, end in sorted(self.matcher(self.doc), key=lambda m: m[1]):
            if self.doc.vocab.strings[match_id] == "LOCATIVE":
                start += 1  # the preposition is context, not part of the name
            span = self.doc[start:end]
            if any(t.ent_type_ in NOT_PLACES for t in span) or _is_people_word(span):
                continue
            if self._is_actor_mention(span):
                continue
            result.append(_Candidate(start, end, False))
            taken.update(range(start, end))
        for ent in self.doc.ents:
            if ent.label_ not in PLACE_LABELS or taken.intersection(range(ent.start, ent.end)):
                continue
            start = ent.start + (1 if ent[0].text in LEADING_WORDS and len(ent) > 1 else 0)
            span = self.doc[start : ent.end]
            directional = span[0].lower_ in DIRECTIONS and len(span) > 1  # "eastern Ukraine"
            if (country_of_demonym(span.text) or not span.text[:1].isupper()) and not directional:
                continue
            result.append(_Candidate(start, ent.end, True))
        return sorted(result, key=lambda c: c.start)

    def _is_actor_mention(self, span: Span) -> bool:
        for actor in self.doc._.actors or []:
            if actor.kind in ("state",):
                continue
            for mention in actor.mentions:
                if mention.start < span.end_char and span.start_char < mention.end:
                    return True
        return False

    def _document_countries(self, candidates: list[_Candidate]) -> tuple[str, ...]:
        """The countries the document is about, most mentioned first."""
        weights: Counter[str] = Counter()
        for actor in self.doc._.actors or []:
            if actor.country:
                weights[actor.country] += len(actor.mentions)
        for candidate in candidates:
            code = country_of_name(self.doc[candidate.start : candidate.end].text)
            if code:
                weights[code] += 1
        return tuple(code for code, _ in weights.most_common())

    def _places(self, found) -> list[Place]:
        text = self.doc.text
        ordered = sorted(found, key=lambda f: min(f.mentions))
        return [
            Place(
                id=f"p{n}",
                name=f.resolution.name,
                country=f.resolution.country,
                admin1=f.resolution.admin1,
                lat=f.resolution.lat,
                lon=f.resolution.lon,
                precision=f.resolution.precision,
                geonameid=f.resolution.geonameid,
                mentions=[TextSpan(start=s, end=e, text=text[s:e]) for s, e in sorted(f.mentions)],
            )
            for n, f in enumerate(ordered, start=1)
        ]


def _within(resolution: Resolution, countries: tuple[str, ...]) -> bool:
    return resolution.country is not None and resolution.country in countries


def _is_people_word(span: Span) -> bool:
    """'North Korean troops': a demonym is no place name."""
    return any(country_of_demonym(t.text) for t in span)


def place_at(doc: Doc, start: int, end: int) -> Place | None:
    """The place with a mention overlapping characters [start, end), if any."""
    for place in doc._.places or []:
        for mention in place.mentions:
            if mention.start < end and start < mention.end:
                return place
    return None


@Language.factory("fogofwar_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp)


class PlacesComponent:
    """spaCy component wrapper: `nlp.add_pipe("fogofwar_places")` after fogofwar_actors."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.matcher = Matcher(nlp.vocab)
        units = sorted(UNIT_WORDS)
        self.matcher.add(
            "UNIT",
            [[{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": units}}]],
            greedy="LONGEST",
        )
        self.matcher.add(
            "LOCATIVE",
            [[{"LOWER": {"IN": LOCATIVE_PREPOSITIONS}}, {"IS_TITLE": True, "OP": "+"}]],
            greedy="LONGEST",
        )
        gazetteer()  # load once, with the pipeline, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = PlaceFinder(doc, self.matcher).run()
        return doc
