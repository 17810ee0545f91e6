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
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from fogofwar import extensions
from fogofwar.attribution import (
    OPENING_MARKS,
    Range,
    adverb_content,
    around,
    child,
    content_ranges,
    cue_extent,
    nominal_content,
    nominal_speaker,
    noun_phrase,
    particle_of,
    passive_content,
    speaker_head,
    trim,
)
from fogofwar.components.actors import actor_at
from fogofwar.cues import CueLexicon, Strength, cue_lexicon
from fogofwar.quotemarks import Quotation, find_quotations
from fogofwar.schema import Quote, QuoteKind
from fogofwar.schema import Span as TextSpan

# A quote of fewer words and no speaker is a scare quote or a title, not a statement.
MIN_UNATTRIBUTED_WORDS = 5
# Longest run of tokens taken as a speaker named by a colon or a dash ("Kirby: ...").
MAX_LABEL_TOKENS = 12
# Subjects that say nobody spoke ("nobody has claimed it").
NOBODY = frozenset({"nobody", "none", "no-one"})


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


class QuoteFinder:
    """Finds the quotes of one Doc. One instance per document."""

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

    # -- setup ----------------------------------------------------------------------
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

    # -- the public entry -----------------------------------------------------------
    def run(self) -> list[Quote]:
        candidates: list[Candidate] = []
        previous: Candidate | None = None
        previous_number = -1
        for number, quotation in enumerate(self.quotations):
            found = self._direct(number, quotation, previous, previous_number)
            if found is None:
                continue
            if found is not previous:
                candidates.append(found)
            previous, previous_number = found, number
        direct = [c for c in candidates if c.kind == "direct"]
        candidates.extend(self._indirect(direct))
        candidates.extend(self._according_to())
        candidates.extend(self._labels())
        candidates.extend(self._adverbs())
        candidates.extend(self._nominal())
        return self._records(candidates)

    # -- direct quotes ----------------------------------------------------------------
    def _direct(
        self, number: int, quotation: Quotation, previous: Candidate | None, previous_number: int
    ) -> Candidate | None:
        """The attribution of quote `number`; `previous` is the last direct quote, which
        a split quote ('"...," he said, "..."') or a continuation joins."""
        start, end = self.quote_tokens[number]
        mark_start, mark_end = self.mark_tokens[number]
        if self._label_end(start) is not None:
            return None  # '"PENCE: Well, ..."': a transcript line, read by _labels
        before = self._frame_before(number, mark_start)
        after = self._frame_after(number, mark_end)
        alone = self._stands_alone(before)
        candidate = self._from_cue(number, quotation, before, after, alone)
        if candidate is None and alone:
            candidate = self._from_label(quotation, before, after)
        split = candidate is not None and previous is not None and candidate.cue == previous.cue
        if split and not self.quotations[previous_number].ends_sentence:
            previous.merged.append((quotation.start, quotation.end))
            return previous
        if candidate is not None or not alone:
            return candidate
        continued = previous is not None and previous.kind == "direct"
        if continued and self._continues(previous_number, number):
            previous.merged.append((quotation.start, quotation.end))
            return previous
        candidate = self._from_nearby_sentence(quotation, mark_start, end)
        if candidate is not None:
            return candidate
        words = sum(1 for t in self.doc[start:end] if t.is_alpha)
        if words < MIN_UNATTRIBUTED_WORDS:
            return None
        return Candidate("direct", [(quotation.start, quotation.end)], unattributed=True)

    def _stands_alone(self, before: Range) -> bool:
        """Does the quote open its sentence, or follow a colon, comma or dash? If not, it
        sits inside a phrase ('the show "Fox News Sunday"', 'what he called "a con"')
        and is a title or a partial quote, attributed only through the parse."""
        words = [i for i in range(*before) if not self.doc[i].is_space]
        if not words or words[-1] in self.verb_cues:
            return True
        return self.doc[words[-1]].text in (":", ",", "(", *self.lexicon.punctuation)

    def _frame_before(self, number: int, mark_start: int) -> Range:
        """Tokens before the opening mark in its sentence and paragraph, after any
        earlier quote."""
        floor = self.sentence_bounds[mark_start][0] if mark_start < len(self.doc) else 0
        if number > 0:
            floor = max(floor, self.mark_tokens[number - 1][1])
        while floor < mark_start and self.paragraph[floor] != self.paragraph[mark_start]:
            floor += 1
        return floor, mark_start

    def _frame_after(self, number: int, mark_end: int) -> Range:
        """Tokens after the closing mark up to the end of their sentence and paragraph,
        before any later quote."""
        if mark_end >= len(self.doc):
            return mark_end, mark_end
        ceiling = self.sentence_bounds[mark_end][1]
        if number + 1 < len(self.quotations):
            ceiling = min(ceiling, self.mark_tokens[number + 1][0])
        limit = mark_end
        while limit < ceiling and self.paragraph[limit] == self.paragraph[mark_end - 1]:
            limit += 1
        return mark_end, limit

    def _cues_in(self, frame: Range) -> list[Cue]:
        cues = [
            cue
            for i in range(*frame)
            for cue in (self.verb_cues.get(i), self.phrase_cues.get(i))
            if cue is not None and self.in_quote[i] == -1
        ]
        return cues

    def _from_cue(
        self, number: int, quotation: Quotation, before: Range, after: Range, alone: bool
    ) -> Candidate | None:
        """The quote's cue verb in its own sentence: the verb whose clause the quote is,
        else, for a quote that stands alone, ', X said' after / 'X said,' before (after
        first if the quote ends on a comma, which says the sentence goes on)."""
        start, end = self.quote_tokens[number]
        pre, post = self._cues_in(before), self._cues_in(after)
        ordered = [*reversed(pre), *post]
        ordered.sort(key=lambda c: min(abs(c.start - start), abs(c.start - end)))
        for cue in ordered:
            ranges = self._cue_content(cue)
            covered = any(self._covers(r, number) for r in ranges)
            if covered and self._speaker(cue, number) is not None:
                return self._direct_candidate(cue, number, quotation, ranges)
        tries = [*post[:1], *pre[-1:]] if not quotation.ends_sentence else [*pre[-1:], *post[:1]]
        for cue in tries if alone else []:
            if self._speaker(cue, number) is not None:
                return self._direct_candidate(cue, number, quotation, self._cue_content(cue))
        return None

    def _covers(self, content: Range, number: int) -> bool:
        """Does a token range hold all the words of quote `number`?"""
        start, end = self.quote_tokens[number]
        words = [t.i for t in self.doc[start:end] if not t.is_punct and not t.is_space]
        return bool(words) and content[0] <= words[0] and words[-1] < content[1]

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

    def _direct_candidate(
        self, cue: Cue, number: int, quotation: Quotation, ranges: list[Range]
    ) -> Candidate:
        start, end = self.quote_tokens[number]
        mark_start, mark_end = self.mark_tokens[number]
        self.used.add(cue.token.i)
        content = [(quotation.start, quotation.end)]
        kind: QuoteKind = "direct"
        for s, e in ranges:
            s, e = trim(self.doc, s, e)
            # Words around the quote make it mixed: before it, or after it when the cue
            # comes first ('said the city was "under fire" all night').
            limit = e if cue.start < mark_start else mark_start
            outside = [t for t in self.doc[s:limit] if t.is_alpha and not mark_start <= t.i]
            outside += [t for t in self.doc[s:limit] if t.is_alpha and t.i >= mark_end]
            if self._covers((s, e), number) and outside and not s <= cue.token.i < e:
                kind, content = "mixed", [self._chars(s, max(e, mark_end))]
        head = self._speaker(cue, number)
        return self._candidate(kind, content, cue, head, number)

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
        return Candidate(
            kind,
            content,
            cue=cue_chars,
            speaker=speaker,
            head=head,
            unattributed=head is None or self._unnamed(head),
            strength=self.lexicon.strength(cue.key, cue.kind),
        )

    def _from_label(self, quotation: Quotation, before: Range, after: Range) -> Candidate | None:
        """`Kirby: "..."` and `"..." - Commissioner Geoffrey Starks`: a colon or a dash
        between the quote and a name, with no verb."""
        doc, text = self.doc, self.doc.text
        words = [i for i in range(*before) if not doc[i].is_space]
        if words and doc[words[-1]].text == ":":
            cue = self._chars(words[-1], words[-1] + 1)
            label = trim(doc, before[0], words[-1])
        else:
            position = (quotation.close_mark or quotation.end) + 1
            while position < len(text) and text[position] in " \t\u00a0":
                position += 1
            dash = next(
                (p for p in self.lexicon.punctuation if p != ":" and text.startswith(p, position)),
                None,
            )
            if dash is None:
                return None
            cue = (position, position + len(dash))
            first = bisect_left(self.starts, cue[1])
            label = trim(doc, max(first, after[0]), after[1])
        return self._labelled(quotation, cue, label)

    def _labelled(
        self, quotation: Quotation, cue: tuple[int, int], label: Range
    ) -> Candidate | None:
        s, e = label
        tokens = self.doc[s:e]
        if not 0 < len(tokens) <= MAX_LABEL_TOKENS:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return None
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens):
            return None
        head = tokens.root
        return Candidate(
            "direct",
            [(quotation.start, quotation.end)],
            cue=cue,
            speaker=self._chars(s, e),
            head=head,
            unattributed=self._unnamed(head),
            strength="asserted",
        )

    def _continues(self, previous_number: int, number: int) -> bool:
        """Does quote `number` go on with the words of quote `previous_number`? Yes when
        it is in the same paragraph, or opens the next one, with no other speaker."""
        previous_end = self.mark_tokens[previous_number][1] - 1
        start = self.mark_tokens[number][0]
        if self.paragraph[start] == self.paragraph[previous_end]:
            return True
        first = self._paragraph_start(start)
        while self.doc[first].is_space and first < start:
            first += 1
        return self.paragraph[start] == self.paragraph[previous_end] + 1 and first == start

    def _paragraph_start(self, index: int) -> int:
        """First token of the paragraph holding token `index`."""
        while index > 0 and self.paragraph[index - 1] == self.paragraph[index]:
            index -= 1
        return index

    def _from_nearby_sentence(
        self, quotation: Quotation, mark_start: int, end: int
    ) -> Candidate | None:
        """A speaker in the sentence before the quote ("Kirby spoke on Friday. '...'",
        "He said:" closing the paragraph before), or a short "X said." sentence right
        after it."""
        prev_end = mark_start - 1
        while prev_end >= 0 and self.doc[prev_end].is_space:
            prev_end -= 1
        if prev_end >= 0 and self.paragraph[mark_start] - self.paragraph[prev_end] <= 1:
            # The parser may run a sentence on across the paragraph break: stop at it.
            prev_start = max(self.sentence_bounds[prev_end][0], self._paragraph_start(prev_end))
            for cue in reversed(self._cues_in((prev_start, prev_end + 1))):
                head = self._speaker(cue)
                if head is not None:
                    return self._candidate("direct", [(quotation.start, quotation.end)], cue, head)
        sent_end = self.sentence_bounds[max(end - 1, 0)][1]
        if sent_end < len(self.doc):
            next_start, next_end = self.sentence_bounds[sent_end]
            if self.paragraph[next_start] == self.paragraph[end - 1]:
                for cue in self._cues_in((next_start, min(next_end, next_start + 6))):
                    head = self._speaker(cue)
                    if head is not None and not self._cue_content(cue):
                        self.used.add(cue.token.i)
                        return self._candidate(
                            "direct", [(quotation.start, quotation.end)], cue, head
                        )
        return None

    # -- indirect quotes ----------------------------------------------------------------
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

    def _actor(self, head: Token) -> str | None:
        return actor_at(self.doc, head.idx, head.idx + len(head))

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

    def _says_something(self, start: int, end: int) -> bool:
        """Content with words, and more than a lone pronoun ("claimed it") or a date
        ("called on Wednesday")."""
        words = [t for t in self.doc[start:end] if t.is_alpha]
        if not words or all(t.ent_type_ in ("DATE", "TIME") for t in words):
            return False
        return not (len(words) == 1 and words[0].pos_ == "PRON")

    # -- output ---------------------------------------------------------------------------
    def _unnamed(self, head: Token) -> bool:
        """'reports', 'estimates', 'a source': a source with no name."""
        if head.lemma_.lower() not in self.lexicon.unnamed_sources or head.ent_type_:
            return False
        return not any(c.dep_ == "poss" or c.pos_ == "PROPN" for c in head.children)

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc[start:end]
        return span.start_char, span.end_char

    def _tokens(self, start: int, end: int) -> Range:
        return self._token_range(start, end)

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

    def _records(self, candidates: list[Candidate]) -> list[Quote]:
        text = self.doc.text
        seen: set[tuple] = set()
        unique = []
        for c in sorted(candidates, key=lambda c: (c.content[0], c.cue or (0, 0))):
            key = (tuple(c.content), c.cue)
            if key not in seen:
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
