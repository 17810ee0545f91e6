"""fogofwar_figures: counts of people, with their hedge, category, group, window and source.

Reads:  the text, sentences and dependency parse; doc._.actors (fogofwar_actors),
        doc._.quotes (fogofwar_quotes, optional), doc._.published.
Writes: doc._.figures, a list of `schema.Figure`, ids "f1", "f2"... in text order.

A number is a figure when it counts people: the noun it counts is a person noun or a
nationality ("over 1,000 North Korean soldiers", "two of the victims", "12 deaths"), or
it stands alone as the victim of a casualty word ("killing 12", "12 were wounded", "the
death toll rose to 35"). One person named or described as a victim ("a man was shot
and killed", "the victim died", "he was pronounced dead") is a figure of 1. Years,
ages, money, distances, percentages, times, phone and street numbers and counts of
things ("three tanks", "1,000 days of war") are not figures. Numbers are read by
`fogofwar.numbers`, windows by `fogofwar.windows`, the category by
`components.casualties`; this file glues them to spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from fogofwar import extensions, lexicons
from fogofwar.components.actors import actor_at
from fogofwar.components.casualties import (
    REFLEXIVES,
    CategoryReader,
    casualty_lexicon,
    verb_tagged_noun,
)
from fogofwar.countries import country_of
from fogofwar.modality import clause_tokens, modality_of
from fogofwar.numbers import FoundQuantity, find_quantities, quantity_words
from fogofwar.schema import Figure, FigureCategory, Source, TimeWindow, Who
from fogofwar.schema import Span as TextSpan
from fogofwar.sources import source_at
from fogofwar.windows import find_windows, resolve_window

NOUN_DEPS = ("nummod", "amod", "quantmod", "compound", "det", "nmod", "npadvmod", "appos")
DENIAL_LEMMAS = frozenset({"deny", "dismiss", "refute", "reject"})
AGE_WORDS = frozenset({"age", "aged", "ages"})
AGE_UNITS = frozenset({"year", "month", "week", "day"})
ARTICLES = frozenset({"a", "an", "the"})
NOT_COUNT_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


@dataclass
class _Candidate:
    """A figure before its id is known."""

    start: int
    end: int
    anchor: Token
    noun: Token | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    category: FigureCategory


class FigureFinder:
    """Finds the figures of one Doc."""

    def __init__(
        self,
        doc: Doc,
        reader: CategoryReader,
        number_sentences: list[Span],
        victim_words: list[Token],
    ) -> None:
        self.doc = doc
        self.reader = reader
        self.number_sentences = number_sentences
        self.victim_words = victim_words
        self.actors = {a.id: a for a in doc._.actors or []}
        self.unattributed = frozenset(lexicons.load("figures")["unattributed_cues"])

    def run(self) -> list[Figure]:
        candidates: list[_Candidate] = []
        taken: set[int] = set()
        for sent in self.number_sentences:
            for found in find_quantities(sent.text):
                candidate = self._counted(sent, found)
                if candidate is not None:
                    candidates.append(candidate)
                    span = self.doc.char_span(
                        candidate.start, candidate.end, alignment_mode="expand"
                    )
                    taken.update(t.i for t in span or [])
                    if candidate.noun is not None:
                        taken.add(candidate.noun.i)
        for word in self.victim_words:
            candidates.extend(self._single_victims(word, taken))
        candidates.sort(key=lambda c: c.start)
        return [self._figure(n, c) for n, c in enumerate(candidates, start=1)]

    # -- numbers ------------------------------------------------------------------------
    def _counted(self, sent: Span, found: FoundQuantity) -> _Candidate | None:
        """The figure a quantity found in `sent` states, or None if it counts no people."""
        q = found.quantity
        if q.value is not None and q.value != int(q.value):
            return None  # "2.5 people" is not a count
        base = sent.start_char
        number = self.doc.char_span(
            base + found.number_start, base + found.number_end, alignment_mode="expand"
        )
        if number is None or not len(number):
            return None
        anchor = _root(number)
        noun = self._counted_noun(number, anchor)
        if self._not_a_count(found, number, anchor, noun):
            return None
        # The clause argument: the noun in "12 soldiers were killed", the number in "two of
        # the victims died" and "12 were killed".
        arg = noun if noun is not None and anchor.head.i == noun.i else anchor
        category = self.reader.category(arg, noun)
        if noun is None and category is None:
            return None
        end = base + found.end
        if noun is not None and noun.i >= number.end:
            end = max(end, noun.idx + len(noun))
        return _Candidate(
            base + found.start,
            end,
            anchor,
            noun,
            q.value,
            q.low,
            q.high,
            q.qualifier,
            category or "other",
        )

    def _not_a_count(
        self, found: FoundQuantity, number: Span, anchor: Token, noun: Token | None
    ) -> bool:
        """Ages, dates, years and numbers that only look attached to a person noun."""
        doc = self.doc
        if any(t.lower_ in AGE_WORDS for t in doc[max(anchor.i - 3, 0) : number.start]):
            return True  # "ages 13, 17 and 19"
        if _age_follows(doc, number.end):
            return True  # "Sixteen year-old boy", "13 year old Shaquez Brunner"
        if noun is not None:
            between = doc[min(anchor.i, noun.i) + 1 : max(anchor.i, noun.i)]
            direct = anchor.head.i == noun.i
            if "\n" in between.text or (direct and any(t.lower_ in ARTICLES for t in between)):
                return True  # "Image 1 of 16 A man died": not one phrase
            if _article_after_number(doc[min(anchor.i, noun.i) : max(anchor.i, noun.i)]):
                return True  # "Image 2 of 16 A man died": an article never follows a number
            if not self.reader.is_people(noun):
                return True
            return _looks_like_year(found) and noun.lemma_.lower() not in self.reader.lex.people
        if anchor.ent_type_ in NOT_COUNT_ENTITIES or _looks_like_year(found):
            return True  # "shot Dec. 25", "the 2007 shooting"
        if anchor.dep_ in ("appos", "npadvmod") and anchor.head.pos_ in ("NOUN", "PROPN"):
            return True  # "John Smith, 25, was killed": an age
        before = doc[number.start - 1] if number.start else None
        after = doc[number.end] if number.end < len(doc) else None
        return bool(
            before is not None
            and after is not None
            and before.text == ","
            and after.text == ","
            and number.start >= 2
            and doc[number.start - 2].pos_ in ("NOUN", "PROPN")
        )  # "boy, 11, killed"

    def _counted_noun(self, number: Span, anchor: Token) -> Token | None:
        """The noun a number counts: "12 [soldiers]", "two of the [victims]", "tens of
        thousands of [civilians]"; None when it stands alone ("12 were killed")."""
        for token in reversed(number):
            for prep in token.children:
                if prep.lower_ != "of" or prep.i < number.end - 1:
                    continue
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects and objects[0].i >= number.end:
                    return objects[0]
        head = anchor.head
        if (
            anchor.dep_ in NOUN_DEPS
            and head.i != anchor.i
            and head.pos_ in ("NOUN", "PROPN")
            and head.i > anchor.i
        ):
            return head
        if anchor.pos_ in ("NOUN", "PROPN") and anchor.lower_ in self.reader.lex.people:
            return anchor  # "nobody", "dozens" parsed as the noun itself
        return None

    # -- one victim -----------------------------------------------------------------------
    def _single_victims(self, word: Token, taken: set[int]) -> list[_Candidate]:
        """One person as a victim, a figure of 1 each: "a man was shot and killed", "he
        was pronounced dead", "the fatal shooting of a fellow student", "a slain teen"."""
        if self.reader.lex.adjectives.get(word.lower_) == "killed" and word.i < word.head.i:
            category, args = "killed", [word.head]
        elif word.pos_ == "NOUN" and not verb_tagged_noun(word):
            category = self.reader.victim_noun_category(word)
            args = [
                c for p in word.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"
            ]
            if word.dep_ == "compound" and word.head.i > word.i:
                args.append(word.head)  # "a homicide victim"
        else:
            category = None
            args = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            if any(a.lower_ in REFLEXIVES for a in args):
                args = [a for a in args if a.dep_ != "nsubj"]  # "he shot himself": one person
            if word.dep_ in ("acl", "relcl") and word.head.i != word.i:
                args.append(word.head)  # "the suspect killed in a robbery"
            if self.reader.turns_on_self(word):
                category = "suicides"  # "turned the gun on himself"
                args = [t for t in word.subtree if t.lower_ in REFLEXIVES]
        found = []
        for arg in args:
            for person in [arg, *(c for c in arg.children if c.dep_ == "conj")]:
                if person.i in taken or not self._is_person(person):
                    continue
                if (word.lemma_.lower(), person.lemma_.lower()) in self.reader.lex.verb_objects:
                    continue  # "took them prisoner": "prisoner" says what, not who
                kind = category or self.reader.category(person, person)
                if kind == "killed" and person.lower_ in REFLEXIVES:
                    kind = "suicides"  # "before killing himself"
                if kind is None or kind == "other":
                    continue
                taken.add(person.i)
                start, end = _person_extent(person)
                found.append(_Candidate(start, end, person, person, 1, 1, 1, "exact", kind))
        return found

    def _is_person(self, token: Token) -> bool:
        """One person, also a surname the NER missed but the actors layer knows ("Cobb")."""
        if self.reader.is_person(token):
            return True
        if token.pos_ not in ("PROPN", "NOUN") or not token.is_title:
            return False
        actor = self.actors.get(actor_at(self.doc, token.idx, token.idx + len(token)) or "")
        return actor is not None and actor.kind == "person"

    # -- the record -----------------------------------------------------------------------
    def _figure(self, number: int, c: _Candidate) -> Figure:
        text = self.doc.text
        qualifier = c.qualifier
        return Figure(
            id=f"f{number}",
            span=TextSpan(start=c.start, end=c.end, text=text[c.start : c.end]),
            value=c.value,
            low=c.low,
            high=c.high,
            qualifier=qualifier,  # type: ignore[arg-type]
            category=c.category,
            who=self._who(c),
            time_window=self._window(c),
            place=self._place(c),
            source=self._source(c),
            modality=self._modality(c),
        )

    def _place(self, c: _Candidate) -> str | None:
        """The place named in the figure's sentence (doc._.places), the closest one first,
        a town or region before a whole country."""
        span = self.doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        best: tuple[bool, int, str] | None = None
        for place in self.doc._.places or []:
            for mention in place.mentions:
                if sent.start_char <= mention.start < sent.end_char:
                    key = (place.precision == "country", abs(mention.start - c.start), place.id)
                    best = key if best is None or key < best else best
        return best[2] if best else None

    def _who(self, c: _Candidate) -> Who | None:
        noun = c.noun
        if noun is None:
            return None
        tokens = [t for t in noun.subtree if t.i <= noun.i and t.idx >= c.start]
        tokens = [t for t in tokens if not _in_quantity(t, c)]
        while tokens and tokens[0].dep_ in ("det", "poss", "predet", "punct", "case"):
            tokens = tokens[1:]
        if not tokens:
            tokens = [noun]
        start, end = tokens[0].idx, noun.idx + len(noun)
        actor_id = actor_at(self.doc, start, end)
        actor = self.actors.get(actor_id) if actor_id else None
        country = actor.country if actor is not None else None
        country = country or _country_in(tokens) or self._country_from(noun, c)
        return Who(text=self.doc.text[start:end], actor=actor_id, country=country)

    def _country_from(self, noun: Token, c: _Candidate) -> str | None:
        """ "troops from North Korea", or "These soldiers, sent from North Korea, are part
        of a contingent of 11,000 troops": the last "from <country>" before the figure."""
        sent = noun.sent
        for token in reversed(list(self.doc[sent.start : noun.i + 1])):
            if token.lower_ != "from" or token.i < sent.start:
                continue
            for obj in token.children:
                if obj.dep_ == "pobj":
                    country = country_of(self.doc[obj.left_edge.i : obj.i + 1].text)
                    if country:
                        return country
        return None

    def _window(self, c: _Candidate) -> TimeWindow | None:
        sent = c.anchor.sent
        windows = find_windows(sent.text)
        if not windows:
            return None
        base = sent.start_char
        middle = (c.start + c.end) / 2
        best = min(windows, key=lambda w: abs(base + (w.start + w.end) / 2 - middle))
        start, end, cumulative = resolve_window(best.text, self.doc._.published)
        return TimeWindow(text=best.text, start=start, end=end, cumulative=cumulative)

    def _source(self, c: _Candidate) -> Source:
        """The enclosing quote's speaker, else an unnamed attribution in the claim's clause
        or the clauses above it ("reportedly", "estimates indicating"), else the outlet."""
        source = source_at(self.doc, c.start, c.end)
        if source.kind != "outlet":
            return source
        path, token = [], c.anchor
        while token.head.i != token.i and len(path) < 8:
            token = token.head
            path.append(token)
        for t in [*clause_tokens(c.anchor), *path]:
            is_cue = t.lower_ in self.unattributed or t.lemma_.lower() in self.unattributed
            if is_cue and t.pos_ in ("ADV", "NOUN"):
                cue = TextSpan(start=t.idx, end=t.idx + len(t), text=t.text)
                return Source(kind="unattributed", cue=cue)
        return source

    def _claims_lives(self, anchor: Token) -> bool:
        """ "claimed the lives of": a casualty verb, not an allegation."""
        alleged = set(lexicons.load("modality")["alleged"]["lemmas"])
        words = [t for t in clause_tokens(anchor) if t.lemma_.lower() in alleged]
        return bool(words) and all(
            t.lemma_ == "claim" and any(c.lemma_ == "life" for c in t.children) for t in words
        )

    def _modality(self, c: _Candidate):  # noqa: ANN202  (schema.Modality)
        modality = modality_of(c.anchor)
        if c.qualifier == "zero" and modality == "negated":
            # "no one was killed" asserts a zero; only a denial negates it.
            lemmas = {t.lemma_.lower() for t in clause_tokens(c.anchor)}
            modality = "negated" if lemmas & DENIAL_LEMMAS else "asserted"
        if modality == "alleged" and self._claims_lives(c.anchor):
            modality = "asserted"  # "a shooting that claimed the life of one person"
        if modality == "asserted" and c.qualifier == "approx":
            words = self.doc.text[c.start : c.end].lower()
            if "estimate" in words:
                modality = "estimated"
        return modality


def _root(span: Span) -> Token:
    """The token of `span` whose head lies outside it (the last one if several)."""
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return roots[-1] if roots else span[-1]


def _article_after_number(stretch: Span) -> bool:
    """Whether an article comes right after a number ("16 A man"): in one noun phrase the
    article comes first ("the 16 men"), so the number belongs to something else."""
    return any(
        t.like_num and t.i + 1 < stretch.end and t.nbor().lower_ in ARTICLES for t in stretch
    )


def _age_follows(doc: Doc, i: int) -> bool:
    """Whether the tokens from i read "year old", "year-old" or "months-old": the number
    before them is an age even when the tokenizer splits the compound."""
    if i >= len(doc) or doc[i].lemma_.lower() not in AGE_UNITS:
        return False
    rest = [t.lower_ for t in doc[i + 1 : i + 3]]
    return rest[:1] in (["old"], ["-old"]) or rest == ["-", "old"]


def _looks_like_year(found: FoundQuantity) -> bool:
    text = found.text.strip()
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099


def _person_extent(person: Token) -> tuple[int, int]:
    """Characters of a person's phrase: the whole name, or the noun with its modifiers."""
    if person.ent_type_ == "PERSON":
        for ent in person.doc.ents:
            if ent.start <= person.i < ent.end:
                return ent.start_char, ent.end_char
    left = person.left_edge
    return left.idx, person.idx + len(person)


def _in_quantity(token: Token, c: _Candidate) -> bool:
    return token.idx < c.anchor.idx + len(c.anchor) and token.i <= c.anchor.i


def _country_in(tokens: list[Token]) -> str | None:
    for width in (2, 1):
        for i in range(len(tokens) - width + 1):
            text = " ".join(t.text for t in tokens[i : i + width])
            code = country_of(text)
            if code:
                return code
    return None


@Language.factory("fogofwar_figures")
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent(nlp)


class FiguresComponent:
    """spaCy component wrapper: `nlp.add_pipe("fogofwar_figures")` after fogofwar_actors
    and fogofwar_quotes. The matchers are built once here."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.reader = CategoryReader(casualty_lexicon())
        self.numbers = Matcher(nlp.vocab)
        words = sorted(quantity_words())
        self.numbers.add("NUMBER", [[{"LIKE_NUM": True}], [{"LOWER": {"IN": words}}]])
        lex = self.reader.lex
        victim_verbs = sorted(lex.verbs | {"find", "pronounce", "leave", "be", "declare", "turn"})
        self.victims = Matcher(nlp.vocab)
        self.victims.add(
            "VERB", [[{"LEMMA": {"IN": victim_verbs}, "POS": {"IN": ["VERB", "AUX"]}}]]
        )
        self.victims.add("NOUN", [[{"LEMMA": {"IN": sorted(lex.victim_nouns)}, "POS": "NOUN"}]])
        self.victims.add("SHOT", [[{"LOWER": "shot", "POS": "NOUN", "DEP": "ROOT"}]])
        adjectives = sorted(word for word, c in lex.adjectives.items() if c == "killed")
        self.victims.add(
            "ADJ", [[{"LOWER": {"IN": adjectives}, "DEP": {"IN": ["amod", "compound"]}}]]
        )

    def __call__(self, doc: Doc) -> Doc:
        sentences: dict[int, Span] = {}
        for _, start, _ in self.numbers(doc):
            sent = doc[start].sent
            sentences.setdefault(sent.start, sent)
        verbs = [doc[start] for _, start, _ in self.victims(doc)]
        finder = FigureFinder(doc, self.reader, list(sentences.values()), verbs)
        doc._.figures = finder.run()
        return doc
