"""Find the stretches of a text that stand between double quote marks.

Pure functions over a string, used by the quotes component before it looks for speakers.
News conventions handled here:

- straight (") and curly (\u201c \u201d) marks, guillemets, and two apostrophes ('')
  standing for a straight mark (older New York Times archives); whether a straight mark
  opens or closes is read from the characters around it;
- a quote running over several paragraphs: each paragraph reopens it and only the last
  closes it;
- single quotes inside double ones are left alone (they are part of the content);
- a mark that is never closed ends its quote at the end of its paragraph (unless the next
  paragraph reopens it), so a stray mark never swallows the rest of the article.

Everything is one pass over the marks, linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "\u201c\u201e\u00ab"
CLOSING = "\u201d\u00bb"
STRAIGHT = '"'
MARK_PATTERN = re.compile(r"''|[\"\u201c\u201d\u201e\u00ab\u00bb]")
# Characters after which a mark opens a quote, and before which it closes one.
BEFORE_OPENING = "([{\u2014\u2013\u2015-/\u2018'"
AFTER_CLOSING = ".,;:!?)]}\u2014\u2013\u2015-\u2026\u2019'"
# Punctuation at the end of a quote that belongs to the sentence around it.
TRAILING_SEPARATORS = ",;:"


@dataclass(frozen=True)
class Quotation:
    """Quoted words: `start`/`end` bound the content (marks excluded, trimmed)."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the quote ran to its paragraph's end unclosed
    ends_sentence: bool  # the content ends with . ! ? (so the sentence ends with it)


def mark_role(text: str, index: int, length: int = 1) -> str:
    """'open', 'close' or 'either' for the quote mark text[index:index + length], from
    its neighbours."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + length] if index + length < len(text) else " "
    opens = (before.isspace() or before in BEFORE_OPENING) and not after.isspace()
    closes = (after.isspace() or after in AFTER_CLOSING or after in OPENING + CLOSING) and (
        not before.isspace()
    )
    mark = text[index]
    if mark in OPENING:
        return "close" if closes and not opens else "open"
    if mark in CLOSING:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: news paragraphs are separated by line breaks."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def find_quotations(text: str) -> list[Quotation]:
    """Every double-quoted stretch of `text`, in order, never overlapping."""
    marks: dict[int, list[tuple[int, int, str]]] = {}
    paras = paragraphs(text)
    para_index = 0
    for match in MARK_PATTERN.finditer(text):
        position = match.start()
        while para_index < len(paras) and paras[para_index][1] <= position:
            para_index += 1
        length = match.end() - position
        marks.setdefault(para_index, []).append(
            (position, length, mark_role(text, position, length))
        )

    quotations: list[Quotation] = []
    carried: int | None = None  # open mark of a quote continuing from the last paragraph
    open_length = 1
    for number, (para_start, para_end) in enumerate(paras):
        para_marks = marks.get(number, [])
        open_at = carried
        carried = None
        if (
            open_at is not None
            and para_marks
            and _first_visible(text, para_start) == (para_marks[0][0])
        ):
            para_marks = para_marks[1:]  # the mark that reopens a continued quote
        for position, length, role in para_marks:
            if open_at is None:
                if role != "close":
                    open_at, open_length = position, length
            elif role == "open":
                open_at, open_length = position, length  # the earlier mark was stray
            else:
                _add(quotations, text, open_at, open_length, position)
                open_at = None
        if open_at is None:
            continue
        following = paras[number + 1] if number + 1 < len(paras) else None
        if following and _reopens(text, following[0], marks.get(number + 1, [])):
            carried = open_at
        else:
            _add(quotations, text, open_at, open_length, None, para_end)
    return quotations


def _first_visible(text: str, start: int) -> int:
    index = start
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _reopens(text: str, para_start: int, para_marks: list[tuple[int, str]]) -> bool:
    """Does the paragraph at `para_start` begin with an opening mark?"""
    return (
        bool(para_marks)
        and para_marks[0][0] == _first_visible(text, para_start)
        and (para_marks[0][1] != "close")
    )


def _add(
    quotations: list[Quotation],
    text: str,
    open_mark: int,
    open_length: int,
    close_mark: int | None,
    para_end: int = 0,
) -> None:
    start = open_mark + open_length
    end = close_mark if close_mark is not None else para_end
    start, end = trim(text, start, end)
    if end <= start:
        return
    ends_sentence = text[end - 1] in ".!?\u2026"
    quotations.append(Quotation(start, end, open_mark, close_mark, ends_sentence))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past whitespace and the separators a quote ends with ('," he')."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_SEPARATORS):
        end -= 1
    return start, end
