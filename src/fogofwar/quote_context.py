"""What one document offers the quote finders: tokens by character offset, sentences,
paragraphs, quote marks and the cues the matchers found, plus the helpers that turn a
cue, a speaker and content ranges into a `Candidate`.

Used by `direct_quotes.DirectQuoteFinder` and `components.quotes.QuoteFinder`, which
build on it; one instance per Doc.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from fogofwar.attribution import (
    Range,
    around,
    child,
    content_ranges,
    cue_extent,
    noun_phrase,
    particle_of,
    speaker_head,
    trim,
)
from fogofwar.components.actors import actor_at
from fogofwar.cues import CueLexicon, Strength
from fogofwar.quotemarks import Quotation, find_quotations
from fogofwar.schema import QuoteKind


@dataclass
class Candidate:
    """A quote under construction; ranges are character offsets."""

    kind: QuoteKind
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    head: Token | None = None  # the speaker's head word, for the actor lookup
    unattributed: bool = False
    strength: Strength | None = None
    merged: list[tuple[int, int]] = field(default_factory=list)  # later quote marks


@dataclass
class Cue:
    """A cue found by the matchers: its span is tokens [start, end) (a verb with its
    auxiliaries, negation and particle: "has not confirmed", "pointed out"); `token` is
    the word the grammar hangs on (the verb, the first word of a phrase)."""

    start: int
    end: int
    key: str
    token: Token
    kind: str = "verb"  # verb, phrase, noun or adverb


class QuoteContext:
    """The indexes of one Doc shared by the quote finders."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, matcher: Matcher, phrases: PhraseMatcher):
        self.doc = doc
        self.lexicon = lexicon
        self.starts = [token.idx for token in doc]
        self.sentence_bounds = self._sentence_bounds()
        self.paragraph = self._paragraph_numbers()
        self.quotations = find_quotations(doc.text)
        self.quote_tokens = [self._token_range(q.start, q.end) for q in self.quotations]
        self.mark_tokens = [
            self._mark_range(q, self.quote_tokens[n]) for n, q in enumerate(self.quotations)
        ]
        self.in_quote = [-1] * len(doc)
        for number, (start, end) in enumerate(self.mark_tokens):
            for i in range(start, end):
                self.in_quote[i] = number
        self.verb_cues: dict[int, Cue] = {}
        self.phrase_cues: dict[int, Cue] = {}
        self.adverbs: list[Token] = []
        self.nouns: list[Token] = []
        self.used: set[int] = set()  # token indices of cues already given to a quote
        self._collect_cues(matcher, phrases)

    def _sentence_bounds(self) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = [(0, 0)] * len(self.doc)
        for sent in self.doc.sents:
            for i in range(sent.start, sent.end):
                bounds[i] = (sent.start, sent.end)
        return bounds

    def _paragraph_numbers(self) -> list[int]:
        numbers, current = [], 0
        for token in self.doc:
            numbers.append(current)
            current += "\n" in token.text_with_ws  # blank lines are one break
        return numbers

    def _token_at(self, char: int) -> int:
        """Index of the token that contains (or follows) character `char`."""
        index = bisect_right(self.starts, char) - 1
        return max(index, 0)

    def _token_range(self, start: int, end: int) -> Range:
        first = self._token_at(start)
        last = bisect_left(self.starts, end)
        return first, max(last, first + 1)

    def _mark_range(self, quotation: Quotation, content: Range) -> Range:
        """Tokens of the quote with its marks (to its content's end when unclosed)."""
        start = self._token_at(quotation.open_mark)
        if quotation.close_mark is None:
            end = content[1]
        else:
            end = self._token_at(quotation.close_mark) + 1
        return start, end

    def _collect_cues(self, matcher: Matcher, phrases: PhraseMatcher) -> None:
        doc, strings = self.doc, self.doc.vocab.strings
        for label, start, _end in matcher(doc):
            token = doc[start]
            kind = strings[label]
            if kind == "VERB":
                particle = particle_of(token, self.lexicon)
                if particle is None and child(token, "prt") is not None:
                    continue  # "called up reservists" is not "called"
                key = self.lexicon.verb_cue(token.lemma_, particle.lower_ if particle else None)
                if key is None:
                    continue
                cue_start, cue_end, governor = cue_extent(token, particle)
                self.verb_cues[start] = Cue(cue_start, cue_end, key, token)
                if governor is not None:
                    self.used.add(governor.i)  # "went on to say": one cue, not two
            elif kind == "ADVERB" and token.dep_ == "advmod":
                self.adverbs.append(token)
            elif kind == "NOUN":
                self.nouns.append(token)
        for _, start, end in phrases(doc):
            key = doc[start:end].text.lower()
            self.phrase_cues[start] = Cue(start, end, key, doc[start], "phrase")

    def _cues_in(self, frame: Range) -> list[Cue]:
        cues = [
            cue
            for i in range(*frame)
            for cue in (self.verb_cues.get(i), self.phrase_cues.get(i))
            if cue is not None and self.in_quote[i] == -1
        ]
        return cues

    def _cue_content(self, cue: Cue) -> list[Range]:
        if cue.kind == "phrase":
            return around(cue.token)
        return content_ranges(cue.token, cue.key, self.lexicon)

    def _speaker(self, cue: Cue, number: int = -1) -> Token | None:
        """The speaker's head word for a cue; never a word inside quote `number`."""
        if cue.kind == "phrase":
            last = self.doc[cue.end - 1]
            head = child(last, "pobj") if last.dep_ == "prep" or last.pos_ == "ADP" else None
        else:
            avoid = self.quote_tokens[number] if number >= 0 else (0, 0)
            head = speaker_head(cue.token, avoid)
        if head is None or (number >= 0 and self.in_quote[head.i] == number):
            return None
        if self.paragraph[head.i] != self.paragraph[cue.token.i]:
            return None  # the parser joined two paragraphs
        return head

    def _candidate(
        self,
        kind: QuoteKind,
        content: list[tuple[int, int]],
        cue: Cue,
        head: Token | None,
        number: int = -1,
    ) -> Candidate:
        cue_end = cue.end
        first = self._token_at(content[0][0])
        if first == cue_end + 1 and self.doc[cue_end].pos_ == "ADP" and cue.kind == "verb":
            cue_end += 1  # "spoke of", "complained about": the preposition belongs to the cue
        cue_chars = self._chars(cue.start, cue_end)
        speaker = None
        if head is not None:
            blocked = [(cue.start, cue_end), *(self._tokens(s, e) for s, e in content)]
            if number >= 0:
                blocked.append(self.mark_tokens[number])
            s, e = noun_phrase(head, blocked, cue.token)
            s, e = self._in_paragraph(s, e, head.i)
            speaker = self._chars(s, e) if e > s else None
            head = head if speaker is not None else None
        return Candidate(
            kind,
            content,
            cue=cue_chars,
            speaker=speaker,
            head=head,
            unattributed=head is None or self._unnamed(head),
            strength=self.lexicon.strength(cue.key, cue.kind),
        )

    def _actor(self, head: Token) -> str | None:
        return actor_at(self.doc, head.idx, head.idx + len(head))

    def _unnamed(self, head: Token) -> bool:
        """'reports', 'estimates', 'a source': a source with no name."""
        if head.lemma_.lower() not in self.lexicon.unnamed_sources or head.ent_type_:
            return False
        return not any(c.dep_ == "poss" or c.pos_ == "PROPN" for c in head.children)

    def _says_something(self, start: int, end: int) -> bool:
        """Content with words, and more than a lone pronoun ("claimed it") or a date
        ("called on Wednesday")."""
        words = [t for t in self.doc[start:end] if t.is_alpha]
        if not words or all(t.ent_type_ in ("DATE", "TIME") for t in words):
            return False
        return not (len(words) == 1 and words[0].pos_ == "PRON")

    def _label_end(self, start: int) -> int | None:
        """The colon ending a speaker label that starts at token `start` ("PENCE:",
        "Pat Caddell:"), or None: one to four capitalised words, no verb, no number."""
        doc = self.doc
        for colon in range(start + 1, min(start + 5, len(doc))):
            if doc[colon].text == ":":
                words = doc[start:colon]
                if any(not t.is_alpha or not t.text[:1].isupper() for t in words):
                    return None
                if any(t.pos_ in ("VERB", "AUX") for t in words):
                    return None
                if words.text.lower() in self.lexicon.label_stopwords:
                    return None
                return colon
            if self.paragraph[colon] != self.paragraph[start]:
                return None
        return None

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc[start:end]
        return span.start_char, span.end_char

    def _tokens(self, start: int, end: int) -> Range:
        return self._token_range(start, end)

    def _paragraph_start(self, index: int) -> int:
        """First token of the paragraph holding token `index`."""
        while index > 0 and self.paragraph[index - 1] == self.paragraph[index]:
            index -= 1
        return index

    def _from_cue_paragraph(self, start: int, end: int, cue: int) -> Range:
        """Drop what lies in paragraphs before the cue's: the parser sometimes runs a
        headline into the first sentence."""
        while start < end and self.paragraph[start] < self.paragraph[cue]:
            start += 1
        return trim(self.doc, start, end)

    def _in_paragraph(self, start: int, end: int, anchor: int) -> Range:
        """Clip a token range to the paragraph of token `anchor`."""
        paragraph = self.paragraph[anchor]
        while start < anchor and self.paragraph[start] != paragraph:
            start += 1
        while end > anchor + 1 and self.paragraph[end - 1] != paragraph:
            end -= 1
        return trim(self.doc, start, end)
