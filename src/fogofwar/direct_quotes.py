"""Direct quotes: who said the words between quote marks.

For each quotation of `quotemarks.find_quotations`, in order: the cue verb whose clause
the quote is; else, for a quote that stands alone in its sentence, "X said," before it
or ", X said" after it; a colon or dash label (`Kirby: "..."`, `"..." - Kirby`); the
words of the previous quote going on ('"...," he said, "..."' and following quotes
with no speaker of their own); a speaker in the sentence before. A long quote with no
speaker is kept as unattributed; a short one is a title or a scare quote and dropped.
"""

from __future__ import annotations

from bisect import bisect_left

from fogofwar.attribution import Range, trim
from fogofwar.quote_context import Candidate, Cue, QuoteContext
from fogofwar.quotemarks import Quotation
from fogofwar.schema import QuoteKind

# A quote of fewer words and no speaker is a scare quote or a title, not a statement.
MIN_UNATTRIBUTED_WORDS = 5
# Longest run of tokens taken as a speaker named by a colon or a dash ("Kirby: ...").
MAX_LABEL_TOKENS = 12


class DirectQuoteFinder(QuoteContext):
    """Attributes the quotations of one Doc."""

    def direct_quotes(self) -> list[Candidate]:
        """One candidate per quote, split and continued quotes joined to the first."""
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
        return candidates

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
