"""fogofwar_quotes: who said what, direct and indirect, with every speaker resolved.

Reads:  the dependency parse, sentences, doc._.actors (from fogofwar_actors).
Writes: doc._.quotes, a list of `schema.Quote`, ids "q1", "q2"... in text order.

Direct quotes come from the quote marks (`quotemarks.find_quotations`); their cue and
speaker are looked for in the same sentence (the verb whose clause the quote is, then
"X said," before or ", X said" after, a colon or a dash), then in the sentence before.
A quote that continues a speaker's words ("...," he said. "...") joins the previous
quote as `more_content`. Indirect quotes come from cue verbs of `lexicons/cues.yaml`
and their complements ("X said (that) CLAUSE", "X confirmed the deaths of ...",
"according to X, CLAUSE", "as detailed by X, ..."). Sources without a name ("reports
detail", "it was reported", "reportedly") give `speaker_kind="unattributed"`. The
speaker's actor id comes from `actors.actor_at` on the speaker's head word, so pronouns
and surnames get the full actor that fogofwar_actors joined them to.

The work is shared out: `quote_context` indexes the Doc, `direct_quotes` attributes the
quote marks, `attribution` holds the grammar (speaker and content of a cue), and this
module adds the indirect quotes and builds the records. See docs/quotes.md.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from fogofwar import extensions
from fogofwar.attribution import (
    OPENING_MARKS,
    Range,
    adverb_content,
    around,
    child,
    content_ranges,
    nominal_content,
    nominal_speaker,
    passive_content,
    trim,
)
from fogofwar.cues import CueLexicon, cue_lexicon
from fogofwar.direct_quotes import DirectQuoteFinder
from fogofwar.quote_context import Candidate, Cue
from fogofwar.schema import Quote, QuoteKind
from fogofwar.schema import Span as TextSpan

# Subjects that say nobody spoke ("nobody has claimed it").
NOBODY = frozenset({"nobody", "none", "no-one"})


class QuoteFinder(DirectQuoteFinder):
    """Finds the quotes of one Doc: direct ones first, then the indirect ones."""

    def run(self) -> list[Quote]:
        candidates = self.direct_quotes()
        direct = [c for c in candidates if c.kind == "direct"]
        candidates.extend(self._indirect(direct))
        candidates.extend(self._according_to())
        candidates.extend(self._labels())
        candidates.extend(self._adverbs())
        candidates.extend(self._nominal())
        return self._records(candidates)

    def _indirect(self, direct: list[Candidate]) -> list[Candidate]:
        """'X said (that) CLAUSE', 'X confirmed the deaths', 'it was reported that ...'."""
        found = []
        quoted = [(c.content[0][0], c.content[0][1]) for c in direct]
        for index, cue in self.verb_cues.items():
            if index in self.used or self.in_quote[index] != -1:
                continue  # a cue inside quote marks is the quoted speaker's own wording
            ranges = content_ranges(cue.token, cue.key, self.lexicon)
            passive = child(cue.token, "auxpass") is not None
            if not ranges:
                ranges = passive_content(cue.token)
            ranges = [self._from_cue_paragraph(s, e, cue.token.i) for s, e in ranges]
            ranges = [r for r in ranges if r[1] > r[0]]
            ranges = [r for r in ranges if self._says_something(*r)]
            if not ranges:
                continue
            head = self._speaker(cue)
            if head is None and not passive or head is not None and head.lower_ in NOBODY:
                continue
            ranges = self._inverted(cue, ranges)
            chars = [self._chars(s, e) for s, e in ranges]
            inside = any(qs <= chars[0][0] and chars[0][1] <= qe for qs, qe in quoted)
            if inside and self.in_quote[index] != self.in_quote[ranges[0][0]]:
                continue  # the clause is a direct quote attributed elsewhere
            kind: QuoteKind = "indirect"
            if any(s <= qs and qe <= e for s, e in chars for qs, qe in quoted):
                kind = "mixed"
            found.append(self._candidate(kind, chars, cue, head))
        return self._without_echoes(found)

    def _without_echoes(self, found: list[Candidate]) -> list[Candidate]:
        """Drop 'thinks' from "Clinton said she thinks X": a cue inside another quote's
        content whose speaker is a pronoun or the same actor repeats that quote."""
        kept = []
        for inner in found:
            echo = False
            for outer in found:
                if outer is inner or inner.cue is None or inner.head is None:
                    continue
                start, end = outer.content[0]
                if not start <= inner.cue[0] < end or outer.head is None:
                    continue
                same = inner.head.pos_ == "PRON" or self._actor(inner.head) == (
                    self._actor(outer.head) or False
                )
                echo = echo or same
            if not echo:
                kept.append(inner)
        return kept

    def _inverted(self, cue: Cue, ranges: list[Range]) -> list[Range]:
        """'CLAUSE, but CLAUSE, the official said.': the parser often keeps only the last
        clause; when a conjunction joins it to the sentence's start, take both."""
        if len(ranges) != 1 or ranges[0][1] > cue.start:
            return ranges
        start, end = ranges[0]
        before = start - 1
        while before > 0 and self.doc[before].is_punct:
            before -= 1
        if before < 0 or self.doc[before].dep_ != "cc":
            return ranges
        floor = self.sentence_bounds[cue.token.i][0]
        while floor < start and (
            self.paragraph[floor] != self.paragraph[cue.token.i] or self.in_quote[floor] != -1
        ):
            floor += 1
        if any(i in self.verb_cues for i in range(floor, start)):
            return ranges
        return [trim(self.doc, floor, end)]

    def _labels(self) -> list[Candidate]:
        """'Pat Caddell: Democrat voters worried' (a headline) and '"PENCE: Well, ..."'
        (a transcript): a paragraph that opens with a name and a colon."""
        found = []
        doc = self.doc
        for index in range(len(doc)):
            if index > 0 and self.paragraph[index - 1] == self.paragraph[index]:
                continue
            first = index
            while first < len(doc) and (doc[first].is_space or doc[first].text in OPENING_MARKS):
                first += 1
            colon = self._label_end(first) if first < len(doc) else None
            if colon is None:
                continue
            end = colon + 1
            while end < len(doc) and self.paragraph[end] == self.paragraph[colon]:
                end += 1
            content = trim(doc, colon + 1, end)
            if content[1] - content[0] < 3 or doc[content[0]].text in OPENING_MARKS:
                continue  # 'Kirby: "..."' is a direct quote
            head = doc[first:colon].root
            found.append(
                Candidate(
                    "direct"
                    if first > index and doc[first - 1].text in OPENING_MARKS
                    else "indirect",
                    [self._chars(*content)],
                    cue=self._chars(colon, colon + 1),
                    speaker=self._chars(first, colon),
                    head=head,
                    unattributed=self._unnamed(head),
                    strength="asserted",
                )
            )
        return found

    def _according_to(self) -> list[Candidate]:
        """'according to X, CLAUSE' and 'CLAUSE, according to X'."""
        found = []
        for index, cue in self.phrase_cues.items():
            if index in self.used:
                continue
            head = self._speaker(cue)
            ranges = [r for r in around(cue.token) if r[1] > r[0]]
            if head is None or not ranges:
                continue
            chars = [self._chars(s, e) for s, e in ranges]
            found.append(self._candidate("indirect", chars, cue, head))
        return found

    def _adverbs(self) -> list[Candidate]:
        """'troops who have reportedly been deployed': unattributed."""
        found = []
        for adverb in self.adverbs:
            if self.in_quote[adverb.i] != -1:
                continue
            ranges = adverb_content(adverb)
            if not ranges:
                continue
            cue = Cue(adverb.i, adverb.i + 1, adverb.lower_, adverb, "adverb")
            chars = [self._chars(s, e) for s, e in ranges]
            found.append(self._candidate("indirect", chars, cue, None))
        return found

    def _nominal(self) -> list[Candidate]:
        """'reports that 20 died', 'Russia's claims of ...'."""
        found = []
        for noun in self.nouns:
            if self.in_quote[noun.i] != -1:
                continue
            ranges = nominal_content(noun)
            ranges = [r for r in (trim(self.doc, s, e) for s, e in ranges) if r[1] > r[0]]
            if not ranges:
                continue
            cue = Cue(noun.i, noun.i + 1, noun.lemma_.lower(), noun, "noun")
            chars = [self._chars(s, e) for s, e in ranges]
            found.append(self._candidate("indirect", chars, cue, nominal_speaker(noun)))
        return found

    def _records(self, candidates: list[Candidate]) -> list[Quote]:
        text = self.doc.text
        seen: set[tuple] = set()
        unique = []
        for c in sorted(candidates, key=lambda c: (c.content[0], c.cue or (0, 0))):
            key = (tuple(c.content), c.cue)
            if key not in seen and not _overlapping(c):
                seen.add(key)
                unique.append(c)

        def span(s: int, e: int) -> TextSpan:
            return TextSpan(start=s, end=e, text=text[s:e])

        records = []
        for number, c in enumerate(unique, start=1):
            (first_start, first_end), *rest = c.content
            actor = self._actor(c.head) if c.head is not None else None
            records.append(
                Quote(
                    id=f"q{number}",
                    kind=c.kind,
                    content=span(first_start, first_end),
                    cue=span(*c.cue) if c.cue else None,
                    speaker=span(*c.speaker) if c.speaker else None,
                    speaker_actor=actor,
                    more_content=[span(s, e) for s, e in (*rest, *c.merged)],
                    speaker_kind="unattributed" if c.unattributed else "speaker",
                    cue_strength=c.strength,
                )
            )
        return records


def _overlapping(candidate: Candidate) -> bool:
    """Do two spans of one quote overlap? A safety net: a parse can be strange enough
    to put the cue inside its own content, and such a quote is not kept."""
    spans = [*candidate.content, *candidate.merged, candidate.cue, candidate.speaker]
    ordered = sorted(s for s in spans if s is not None)
    return any(a[1] > b[0] for a, b in zip(ordered, ordered[1:], strict=False))


def build_matchers(nlp: Language, lexicon: CueLexicon) -> tuple[Matcher, PhraseMatcher]:
    """The cue matchers, built once per pipeline: verbs by lemma, adverbs and nouns,
    and the multiword phrases ("according to") by lower-case text."""
    matcher = Matcher(nlp.vocab)
    verb_lemmas = sorted(set(lexicon.verbs) | {key.split()[0] for key in lexicon.phrasal})
    matcher.add("VERB", [[{"POS": "VERB", "LEMMA": {"IN": verb_lemmas}}]])
    matcher.add("ADVERB", [[{"LOWER": {"IN": sorted(lexicon.adverbs)}}]])
    matcher.add("NOUN", [[{"POS": "NOUN", "LEMMA": {"IN": sorted(lexicon.nominal)}}]])
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases.add("PHRASE", [nlp.make_doc(phrase) for phrase in lexicon.phrases])
    return matcher, phrases


@Language.factory("fogofwar_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp)


class QuotesComponent:
    """spaCy component wrapper: `nlp.add_pipe("fogofwar_quotes")` after fogofwar_actors."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.lexicon = cue_lexicon()
        self.matcher, self.phrases = build_matchers(nlp, self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = QuoteFinder(doc, self.lexicon, self.matcher, self.phrases).run()
        return doc
