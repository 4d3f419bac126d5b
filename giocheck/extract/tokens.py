"""Split document lines into label text and the run of numbers that ends them.

A line of a table is "label words … values": the values are the trailing run of numbers,
blanks and placeholders. Lines with no number are label text that belongs to the next
numbered line (wrapped labels, vertical one-character labels, group labels, headers).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache

import attrs

from giocheck.document import PAGE_FOOTER, UNREADABLE, Line
from giocheck.extract.overlong import too_many_digits
from giocheck.limits import current_limits
from giocheck.model import Location

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# A number with its unit written into the cell (`251000元`, `12件`): the unit is dropped.
_WITH_UNIT = re.compile(rf"(?P<number>{_NUMBER.pattern})\s*(?:万?元|件|个|项|次)")
PLACEHOLDERS = frozenset({"/", "\\", "-", "—", "——", "–", "无", "－", "／"})
# Decoration: ruling lines drawn with dashes or underscores.
_RULE_LINE = re.compile(r"^[-_—=|:\s]{3,}$")
# A cell meant as a number but mistyped (`66x`, `1o`, `3,0O1`): digits among other ASCII marks.
# `66x`, `3O50`, and numbers written with Chinese magnitudes (`44万7228`, `1.5万`): not cell values.
# A cell OCR could not read with confidence ends with `UNREADABLE` (`546\ufffd`, giocheck/readers/ocr.py).
_LONGEST_MISTYPED = 64
_MISTYPED_NUMBER = re.compile(
    rf"[!-~]*\d[!-~]*|\d[\d.,]*[万千亿百][\d.,万千亿百]*|[!-~]*{UNREADABLE}[!-~{UNREADABLE}]*"
)


@attrs.frozen
class Token:
    """One value token: a number, a placeholder or an empty cell."""

    text: str
    location: Location

    @property
    def blank(self) -> bool:
        """Empty cell or placeholder."""
        return self.text == "" or self.text in PLACEHOLDERS


@attrs.frozen
class TableLine:
    """A line split into its label words and its trailing value tokens.

    `words` are the label's words with their locations, so that a label ending in a mistyped
    number (`行政规范性文件 66x 0 0`) can be told apart from a label that names no row.
    """

    label: str
    values: tuple[Token, ...]
    location: Location
    # The label's words and where each was printed, made into `Token`s only when asked.
    printed: tuple[tuple[str, Location], ...] = ()

    @cached_property  # asked only of lines whose label may end in mistyped numbers
    def words(self) -> tuple[Token, ...]:
        """The label's words as tokens, with their locations."""
        return tuple(Token(word, location) for word, location in self.printed)

    @cached_property  # asked of each line again and again while its table is read
    def has_numbers(self) -> bool:
        """Whether this is a data line: a number, or a run of placeholders (`/ / /`).

        A lone placeholder-like word (`无`) at the end of a label line is label text.
        """
        if any(not token.blank for token in self.values):
            return True
        return sum(1 for token in self.values if token.text) >= 2


def is_value(text: str) -> bool:
    """Whether a cell text reads as a value (number, placeholder or empty)."""
    return _is_short_value(text) if len(text) <= _SHORT else _is_value(text)


# The same short cell texts (`0`, `1`, `/`) recur in every table of every report: answers for
# short texts are remembered (long ones, rare and possibly hostile, never are).
_SHORT = 64
_REMEMBERED = 1 << 14


def _is_value(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).strip()
    return folded == "" or folded in PLACEHOLDERS or bool(_NUMBER.fullmatch(folded) or _WITH_UNIT.fullmatch(folded))


_is_short_value = lru_cache(maxsize=_REMEMBERED)(_is_value)


def is_mistyped_number(text: str) -> bool:
    """Whether a cell text that is no value looks like a number typed wrongly (`66x`, `1o`)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if len(folded) > _LONGEST_MISTYPED:  # no typo makes a count this long; its regexes cost its length squared
        return False
    return not is_value(folded) and bool(_MISTYPED_NUMBER.fullmatch(folded))


def is_noise(line: Line) -> bool:
    """Page footers and ruling lines that must not become label text or numbers."""
    text = line.text
    return _is_short_noise(text) if len(text) <= _SHORT else _is_noise(text)


def _is_noise(text: str) -> bool:
    stripped = text.lstrip()
    first = unicodedata.normalize("NFKC", stripped[:1])
    if first.isalpha() and first != "第":
        return False  # prose: footers and rules start with a dash, a digit, 第 or a rule mark
    folded = unicodedata.normalize("NFKC", text).strip()
    return bool(PAGE_FOOTER.fullmatch(folded) or _RULE_LINE.fullmatch(folded))


_is_short_noise = lru_cache(maxsize=_REMEMBERED)(_is_noise)


def split_line(line: Line) -> TableLine:
    """Label words first, then the trailing run of value tokens.

    A line is split once: a table's lines are read again for its headers and in another
    format's layout, so the last few thousand lines' answers are kept (by identity: the line is
    kept with its answer, so an id is never taken for another line's)."""
    known = _SPLIT.get(id(line))
    if known is not None and known[0] is line:
        return known[1]
    split = _split_line(line)
    if len(_SPLIT) >= _REMEMBERED_LINES:
        _SPLIT.clear()
    _SPLIT[id(line)] = (line, split)
    return split


_SPLIT: dict[int, tuple[Line, TableLine]] = {}
_REMEMBERED_LINES = 4096


def _split_line(line: Line) -> TableLine:
    # (word, where, whether it is a value: None until asked; a whole fragment that is a value is one)
    words: list[tuple[str, Location, bool | None]] = []
    for fragment in line.fragments:
        text, location = fragment.text, fragment.location
        if is_value(text):
            words.append((text.strip(), location, True))
        else:
            words += [(word, location, None) for word in text.split()]
    cut = len(words)
    while cut > 0:
        word, _, value = words[cut - 1]
        if not (value or (value is None and is_value(word))):
            break
        cut -= 1
    label = "".join([word for word, _, _ in words[:cut]])
    values = tuple([Token(_folded(text), location) for text, location, _ in words[cut:]])
    printed = tuple([(word, location) for word, location, _ in words[:cut]])
    return TableLine(label=label, values=values, location=line.location, printed=printed)


def _folded(text: str) -> str:
    return _short_folded(text) if len(text) <= _SHORT else _fold(text)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


_short_folded = lru_cache(maxsize=_REMEMBERED)(_fold)


def fit(values: tuple[Token, ...], count: int) -> tuple[Token, ...] | None:
    """The `count` cells of a row from its value run, or None if they cannot be placed.

    Merged label cells leave blanks before the numbers (tab layouts) and merged value cells
    leave blanks after them (T2's wide cells); such outer blanks are dropped, and empty cells
    between values only when the rest are exactly the row's values.
    """
    run = list(values)
    while len(run) > count and run[0].text == "":
        run.pop(0)
    while len(run) > count and run[-1].text == "":
        run.pop()
    if len(run) > count and sum(1 for token in run if token.text != "") == count:
        # A merged cell that a converter wrote out as empty cells (markitdown's colspans):
        # only when every other token is a value does dropping the empty ones say which is which.
        run = [token for token in run if token.text != ""]
    return tuple(run) if len(run) == count else None


def parse_number(text: str, money: bool, digits: int | None = None) -> int | Decimal | None:
    """A value token as `int` (counts) or `Decimal` (money, or a count with a fraction).

    `digits`: the `number_digits` limit, when the caller has it at hand (a whole row's cells)."""
    if text == "" or text in PLACEHOLDERS:
        return None
    if digits is None:
        digits = current_limits().number_digits
    return _short_parsed(text, money, digits) if len(text) <= _SHORT else _parsed(text, money, digits)


def _parsed(text: str, money: bool, digits: int) -> int | Decimal | None:
    with_unit = _WITH_UNIT.fullmatch(text)
    plain = (with_unit["number"] if with_unit else text).replace(",", "")
    if too_many_digits(plain):
        return None  # named by a `long_number` note (overlong.py), never turned into an int
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return None
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or abs(exponent) > digits:
        return None  # NaN, Infinity, 1E+1000000: no count
    if money:
        return number
    return int(number) if number == number.to_integral_value() and "." not in plain else number


# Numbers are immutable and the same few recur in every report; the limit in effect is part of the key.
_short_parsed = lru_cache(maxsize=_REMEMBERED)(_parsed)
