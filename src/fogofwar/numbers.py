"""Counts in news text read into intervals: "over 1,000", "nearly 11,000", "several".

Pure functions over plain strings (no spaCy), so they can be tested on their own and
reused by the evaluation commands:

    >>> parse_quantity("nearly 11,000")
    Quantity(value=11000, low=None, high=11000, qualifier='nearly')
    >>> [f.text for f in find_quantities("Police said two or three men and dozens of ...")]
    ['two or three', 'dozens']

A `Quantity` keeps the number the text states (`value`), the bounds it implies (`low`,
`high`) and a `qualifier` saying how: see docs/figures.md for the convention. Values a
reader cannot trust are refused (None), never guessed: digit strings with bad grouping
("1,0,0,0"), more than 15 digits, magnitudes above 10^10, powers ("10^100"), non-ASCII
digits and numbers glued to letters ("F-16s", "9mm", "4th", "1990s").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from fogofwar import lexicons
from fogofwar.schema import Qualifier

MAX_VALUE = 10**10  # more than the world's population: no count of people is larger
MAX_DIGITS = 15
MAX_PHRASE_WORDS = 5

_TOKEN = re.compile(r"[0-9][0-9,.\u202f\u00a0]*[0-9]|[0-9]|[^\W\d_]+|\S")
_DIGITS = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 11,000 / 1,674.5
    r"|[0-9]{1,3}(?:[\u202f\u00a0][0-9]{3})+"  # 40 000 with a thin or no-break space
    r"|[0-9]+(?:\.[0-9]+)?"  # 1000 / 1.2
)
# Glued before a number these make it a code, an amount or a time: "$20", "#5", "6:30".
_GLUED_BEFORE_BAD = set("$€£¥₹#№/:^@\\.,'’_*")
_GLUED_AFTER_BAD = set("%‰°/:^@\\'’′″_*×")
_FRACTIONS = frozenset(
    ["half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths"]
    + ["fifth", "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths"]
    + ["ninth", "ninths", "tenth", "tenths", "hundredth", "hundredths", "thousandth"]
)


@dataclass(frozen=True)
class Quantity:
    """How many, as the text says it: see docs/figures.md for the interval convention."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier


@dataclass(frozen=True)
class FoundQuantity:
    """A quantity in a text: characters [start, end) with its hedge, [number_start,
    number_end) the number alone."""

    start: int
    end: int
    number_start: int
    number_end: int
    quantity: Quantity
    text: str


@dataclass(frozen=True)
class _Tok:
    text: str
    lower: str
    start: int
    end: int
    kind: str  # "num" (valid digits), "bad" (untrusted digits), "word", "punct"
    value: float | None = None


@dataclass(frozen=True)
class _Number:
    """A number read from tokens [start, end): `mantissa` times the final `scale`."""

    start: int
    end: int
    low: float
    high: float
    vague: bool
    mantissa: float
    scale: float


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, int]
    suffixes: dict[str, int]
    dozen: dict[str, int]
    multipliers: dict[str, int]  # hundreds, scales and dozen together
    vague: dict[tuple[str, ...], tuple[int, int]]
    plurals: dict[str, tuple[int, int]]
    plural_units: dict[str, int]
    zero: frozenset[tuple[str, ...]]
    before: dict[tuple[str, ...], Qualifier]
    after: dict[tuple[str, ...], Qualifier]
    range_joiners: frozenset[str]
    change_verbs: frozenset[str]
    first_words: frozenset[str]  # first words of every phrase above, a quick filter


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(phrase))


def _phrases(table: dict[str, Iterable[str]]) -> dict[tuple[str, ...], Qualifier]:
    return {_words(p): qualifier for qualifier, ps in table.items() for p in ps}  # type: ignore[misc]


@cache
def _lexicon() -> _Lexicon:
    data = lexicons.load("numbers")
    vague = {_words(k): tuple(v) for k, v in data["vague"].items()}
    zero = frozenset(_words(p) for p in data["zero"])
    before, after = _phrases(data["before"]), _phrases(data["after"])
    multipliers = {**data["hundreds"], **data["scales"], **data["dozen"]}
    # "tens" counts in tens, "dozens" in twelves, "thousands" in thousands...
    plural_units = {plural: multipliers.get(plural[:-1], 10) for plural in data["plurals"]}
    return _Lexicon(
        units=data["units"],
        tens=data["tens"],
        hundreds=data["hundreds"],
        scales=data["scales"],
        suffixes=data["suffixes"],
        dozen=data["dozen"],
        multipliers=multipliers,
        vague=vague,  # type: ignore[arg-type]
        plurals={k: tuple(v) for k, v in data["plurals"].items()},
        plural_units=plural_units,
        zero=zero,
        before=before,
        after=after,
        range_joiners=frozenset(data["range_joiners"]),
        change_verbs=frozenset(data["change_verbs"]),
        first_words=frozenset(
            words[0] for table in (vague, zero, before, after) for words in table
        ),
    )


# -- tokens ------------------------------------------------------------------------------
def _digits_value(text: str) -> float | None:
    """The value of a digit string with standard grouping, else None."""
    if not _DIGITS.fullmatch(text) or sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        return None
    value = float(re.sub(r"[,\u202f\u00a0]", "", text))
    return value if value <= MAX_VALUE else None


def _tokens(text: str) -> list[_Tok]:
    """Words, digit strings and single punctuation marks, with digits validated."""
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    suffixes = _lexicon().suffixes
    toks: list[_Tok] = []
    for index, (word, start, end) in enumerate(raw):
        if not word[0].isascii() or not word[0].isdigit():
            kind = "word" if word[0].isalpha() else "punct"
            toks.append(_Tok(word, word.lower(), start, end, kind))
            continue
        value = _digits_value(word)
        before = raw[index - 1] if index and raw[index - 1][2] == start else None
        after = raw[index + 1] if index + 1 < len(raw) and raw[index + 1][1] == end else None
        if value is None or _glued_badly(raw, index, before, after, suffixes):
            toks.append(_Tok(word, word, start, end, "bad"))
        else:
            toks.append(_Tok(word, word, start, end, "num", value))
    return toks


def _glued_badly(
    raw: list[tuple[str, int, int]],
    index: int,
    before: tuple[str, int, int] | None,
    after: tuple[str, int, int] | None,
    suffixes: dict[str, int],
) -> bool:
    """Digits that are part of a code, an amount, a time, a model name or a power."""

    def touching(i: int, j: int) -> bool:
        return 0 <= i < j < len(raw) and raw[i][2] == raw[j][1]

    if before is not None:
        word = before[0]
        if word[0].isalnum() or word in _GLUED_BEFORE_BAD:
            return True  # "G7", "1٢3", "$20", "#5", "6:30"
        if word == "-":
            if not touching(index - 2, index - 1):
                return True  # "-5": negative
            previous = raw[index - 2][0]
            number_with_suffix = previous in suffixes and touching(index - 3, index - 2)
            if previous[0].isalpha() and not number_with_suffix:
                return True  # "F-16", "COVID-19"
            if index >= 3 and raw[index - 3][0] == "-" and touching(index - 3, index - 2):
                return True  # "252-972-1411"
    if after is not None:
        word = after[0]
        if word in _GLUED_AFTER_BAD or (word[0].isalnum() and word not in suffixes):
            return True  # "45%", "9mm", "4th", "1990s", "1e10", "10²"
        digit_after_dash = word == "-" and touching(index + 1, index + 2)
        digit_after_dash = digit_after_dash and raw[index + 2][0][0].isdigit()
        chained = index + 3 < len(raw) and raw[index + 3][0] == "-"
        if digit_after_dash and chained and touching(index + 2, index + 3):
            return True  # "252-972-1411"
    previous_word = raw[index - 1][0] if index else ""
    next_word = raw[index + 1][0] if index + 1 < len(raw) else ""
    return previous_word in ("^", "**") or next_word in ("^", "**")  # "10 ^ 100"


# -- reading numbers -----------------------------------------------------------------------
class _Reader:
    """Reads numbers, vague quantities, hedges and ranges from the tokens of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.lower = [t.lower for t in self.toks]
        self.lex = _lexicon()

    def glued(self, i: int) -> bool:
        """Token i touches token i - 1 (no space between them)."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def phrase_at(self, i: int, table: dict[tuple[str, ...], object] | frozenset) -> int:
        """Length of the longest phrase of `table` starting at token i, else 0."""
        if i >= len(self.toks) or self.lower[i] not in self.lex.first_words:
            return 0
        for width in range(MAX_PHRASE_WORDS, 0, -1):
            if i + width <= len(self.toks) and tuple(self.lower[i : i + width]) in table:
                return width
        return 0

    # -- a plain number -----------------------------------------------------------------
    def number(self, i: int) -> _Number | None:
        """The exact number starting at token i: digits, words or both.

        `group` is the part after the last big multiplier ("two thousand [three hundred]");
        `last` the kind of the previous atom: small, tens, digits, hundred, big or dozen.
        """
        lex, toks, n = self.lex, self.toks, len(self.toks)
        total, group, in_group = 0.0, 0.0, False
        hundreds_in_group = False
        last, last_big = "", float("inf")
        mantissa, scale = 0.0, 1.0
        j = i
        if self.lower[j] in ("a", "an") and j + 1 < n:
            if self.lower[j + 1] in lex.multipliers:
                group, in_group, last, j = 1.0, True, "small", j + 1
        elif self.lower[j] == "half" and j + 2 < n and self.lower[j + 1] == "a":
            multiplier = lex.multipliers.get(self.lower[j + 2])
            if multiplier is not None:
                value = 0.5 * multiplier
                return _Number(i, j + 3, value, value, False, 0.5, multiplier)
        first = j
        while j < n:
            tok, word = toks[j], self.lower[j]
            small = tok.value if tok.kind == "num" else lex.units.get(word, lex.tens.get(word))
            if small is not None:
                if not in_group and last in ("", "big"):
                    if j > first and small != int(small):
                        break  # a decimal only starts a number: "1.2 million"
                    group, in_group = small, True
                elif (
                    last == "hundred"
                    and small < 100
                    or (last == "tens" and word in lex.units and 0 < small < 10)
                ):
                    group += small
                else:
                    break
                last = "digits" if tok.kind == "num" else "tens" if word in lex.tens else "small"
                if last == "tens" and group % 10:
                    last = "small"  # "twenty five": no third word
                j += 1
                if tok.kind == "num" and j < n and self.glued(j) and toks[j].text in lex.suffixes:
                    mantissa, scale = group, lex.suffixes[toks[j].text]
                    total, group, in_group = total + group * scale, 0.0, False
                    last, last_big, j = "big", scale, j + 1
                continue
            if word in lex.hundreds:
                if not in_group or last in ("hundred", "big", "dozen") or group >= 1000:
                    break
                if hundreds_in_group:
                    break  # "3 hundred and 2 hundred" are two numbers
                mantissa, scale = group, lex.hundreds[word]
                group, last, j = group * scale, "hundred", j + 1
                hundreds_in_group = True
                continue
            if word in lex.scales:
                multiplier = lex.scales[word]
                if not in_group or multiplier >= last_big:
                    break
                mantissa, scale = group, multiplier
                total, group, in_group = total + group * multiplier, 0.0, False
                last, last_big, j = "big", multiplier, j + 1
                hundreds_in_group = False
                continue
            if word in lex.dozen:
                if in_group and last not in ("hundred", "dozen"):
                    mantissa, scale = group, lex.dozen[word]
                    group, last, j = group * scale, "dozen", j + 1
                break
            joins_tens = word == "-" and last == "tens" and self.glued(j) and self.glued(j + 1)
            if joins_tens and j + 1 < n and self.lower[j + 1] in lex.units:
                j += 1
                continue
            if word == "and" and last in ("hundred", "big") and j + 1 < n:
                nxt = toks[j + 1]
                small_next = nxt.kind == "num" or nxt.lower in lex.units or nxt.lower in lex.tens
                after = self.lower[j + 2] if j + 2 < n else ""
                if small_next and not (last == "hundred" and after in lex.hundreds):
                    j += 1  # "one hundred and six", not "3 hundred and 2 hundred"
                    continue
            break
        if j == first or last == "" or self._compound_or_fraction(j):
            return None
        value = total + group
        if value > MAX_VALUE:
            return None
        if scale == 1.0 or value != mantissa * scale:
            mantissa, scale = value, 1.0
        return _Number(i, j, value, value, False, mantissa, scale)

    def _compound_or_fraction(self, j: int) -> bool:
        """The number ending before token j is part of a word ("three-year-old", "12-year")
        or a fraction ("two thirds")."""
        if j < len(self.toks) and self.lower[j] in _FRACTIONS:
            return True
        if j + 1 < len(self.toks) and self.lower[j] == "-" and self.glued(j) and self.glued(j + 1):
            follower = self.toks[j + 1]
            return follower.kind == "word" and follower.lower not in ("odd", "plus", "strong")
        return False

    # -- vague quantities -----------------------------------------------------------------
    def vague(self, i: int) -> _Number | None:
        """'several', 'a few hundred', 'dozens', 'tens of thousands'."""
        lex, n = self.lex, len(self.toks)
        width = self.phrase_at(i, lex.vague)
        if width:
            low, high = lex.vague[tuple(self.lower[i : i + width])]
            j = i + width
            while j < n and self.lower[j] in lex.multipliers:
                unit = lex.multipliers[self.lower[j]]
                low, high = low * unit, (high + 1) * unit - 1
                j += 1
            return _Number(i, j, low, high, True, low, 1.0)
        word = self.lower[i]
        if word not in lex.plurals:
            return None
        low, high = lex.plurals[word]
        j = i + 1
        if j + 1 < n and self.lower[j] == "of" and self.lower[j + 1] in lex.plurals:
            unit = lex.plural_units[self.lower[j + 1]]
            if unit > lex.plural_units[word]:
                low, high = low * unit, (high + 1) * unit - 1
                j += 2
        return _Number(i, j, low, high, True, low, 1.0)

    def amount(self, i: int) -> _Number | None:
        if self.toks[i].kind == "bad":
            return None
        return self.vague(i) or self.number(i)

    # -- hedges and ranges ----------------------------------------------------------------
    def quantity_at(self, i: int) -> tuple[int, int, _Number, Quantity] | None:
        """The quantity starting at token i (its first hedge word or number), with the token
        range of the whole phrase, the number and the Quantity."""
        lex, n = self.lex, len(self.toks)
        width = self.phrase_at(i, lex.before)
        if width and i + width < n:
            hedge = lex.before[tuple(self.lower[i : i + width])]
            found = self.unhedged_at(i + width)
            if found is not None:
                end, number, quantity = found
                if quantity.qualifier in ("exact", "vague"):
                    quantity = _hedged(number, hedge)
                return i, end, number, quantity
        if self.lower[i] == "between" and i + 1 < n:
            first = self.amount(i + 1)
            if first is not None and first.end + 1 < n and self.lower[first.end] == "and":
                second = self.amount(first.end + 1)
                quantity = _range(first, second)
                if second is not None and quantity is not None:
                    return i, second.end, first, quantity
        found = self.unhedged_at(i)
        if found is not None:
            end, number, quantity = found
            return i, end, number, quantity
        width = self.phrase_at(i, lex.zero)
        if width:
            zero = _Number(i, i + width, 0, 0, False, 0, 1.0)
            return i, i + width, zero, Quantity(0, 0, 0, "zero")
        return None

    def unhedged_at(self, i: int) -> tuple[int, _Number, Quantity] | None:
        """A number at token i with what follows it: a range end or an 'or more'."""
        lex, n = self.lex, len(self.toks)
        number = self.amount(i)
        if number is None:
            return None
        if self._after_change_verb(i):
            return None  # "rose from 20 to 35": 20 is not the figure
        if self._is_ratio(number):
            return None
        j = number.end
        width = self.phrase_at(j, lex.after)
        if width and j + width < n and self.lower[j + width] == "than":
            width = 0  # "5000 or less than 6000": the hedge belongs to the next number
        if width and (self.lower[j] != "+" or self.glued(j)):
            hedge = lex.after[tuple(self.lower[j : j + width])]
            return j + width, number, _hedged(number, hedge)
        if j + 1 < n and self.lower[j] in lex.range_joiners:
            joiner = self.lower[j]
            dash = joiner in ("-", "\u2013", "\u2014", "~")
            if not dash or self.glued(j) == self.glued(j + 1):
                second = self.amount(j + 1)
                quantity = _range(number, second)
                small = joiner != "or" or (second is not None and second.high < 100)
                if second is not None and quantity is not None and small:
                    return second.end, number, quantity
        if number.vague:
            return j, number, Quantity(None, number.low, number.high, "vague")
        value = number.low
        if value == 0:
            return j, number, Quantity(0, 0, 0, "zero")
        return j, number, Quantity(value, value, value, "exact")

    def _after_change_verb(self, i: int) -> bool:
        return i >= 2 and self.lower[i - 1] == "from" and self.lower[i - 2] in self.lex.change_verbs

    def _is_ratio(self, number: _Number) -> bool:
        j, n = number.end, len(self.toks)
        if j + 2 < n and self.lower[j] == "out" and self.lower[j + 1] == "of":
            return True
        if number.start >= 2 and self.lower[number.start - 1] == "of":
            return self.lower[number.start - 2] == "out"
        return False

    def find_all(self) -> list[FoundQuantity]:
        found: list[FoundQuantity] = []
        i, n = 0, len(self.toks)
        while i < n:
            hit = self.quantity_at(i)
            if hit is None:
                i += 1
                continue
            start, end, number, quantity = hit
            first, last = self.toks[start], self.toks[end - 1]
            found.append(
                FoundQuantity(
                    start=first.start,
                    end=last.end,
                    number_start=self.toks[number.start].start,
                    number_end=self.toks[number.end - 1].end,
                    quantity=quantity,
                    text=self.text[first.start : last.end],
                )
            )
            i = end
        return found


def _hedged(number: _Number, hedge: Qualifier) -> Quantity:
    """A hedge applied to a number or a vague quantity."""
    if hedge in ("over", "at_least"):
        value = None if number.vague else number.low
        return Quantity(value, number.low, None, hedge)
    if hedge in ("nearly", "up_to"):
        value = None if number.vague else number.high
        return Quantity(value, None, number.high, hedge)
    if number.vague:
        return Quantity(None, number.low, number.high, "vague")
    return Quantity(number.low, None, None, "approx")


def _range(first: _Number, second: _Number | None) -> Quantity | None:
    """'between 20 and 30', '2 to 3 million', 'dozens to hundreds': inclusive [low, high]."""
    if second is None:
        return None
    low = first.low
    if first.scale == 1.0 and second.scale > 1.0 and not first.vague and low < second.mantissa:
        low = low * second.scale  # "between 2 and 3 million"
    if not low < second.high or low == 0:
        return None
    return Quantity(None, low, second.high, "range")


# -- public functions ----------------------------------------------------------------------
def quantity_words() -> frozenset[str]:
    """Words that make a quantity without digits ("several", "dozens", "none", "both"), for
    a matcher that picks the sentences worth scanning."""
    lex = _lexicon()
    phrases = [*lex.vague, *lex.zero]
    words = {word for phrase in phrases for word in phrase if word not in ("a", "an", "of", "not")}
    return frozenset(words | set(lex.plurals) | set(lex.units) | set(lex.multipliers))


def find_quantities(text: str) -> list[FoundQuantity]:
    """Every count in `text`, left to right, with character offsets. Never raises."""
    return _Reader(text).find_all()


def parse_quantity(text: str) -> Quantity | None:
    """The quantity `text` states when the whole text is one ("at least 20"), else None."""
    reader = _Reader(text)
    if not reader.toks:
        return None
    hit = reader.quantity_at(0)
    if hit is None or hit[1] != len(reader.toks):
        return None
    return hit[3]


def parse_number(text: str) -> float | None:
    """The exact number `text` spells ("11,000", "1.2 million", "twenty-five"), else None."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.qualifier not in ("exact", "zero"):
        return None
    return quantity.value
