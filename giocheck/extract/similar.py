"""How much a printed row label looks like a row of the format, when no pattern matches it.

Real labels lose characters in narrow PDF cells (「4.保护第三方合权益」), pass through OCR
(己→已, 末→未) or are printed in traditional characters. Such a label is compared with each
accepted form of a row after folding both (rules/characters.toml): traditional forms to
simplified, confusable characters to one of their group, list numbering set apart. The score is
the Dice coefficient of their longest common subsequence, so a dropped, added or changed
character costs about the same, whatever its position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from giocheck.formats import RowSpec, TableSpec
from giocheck.labels import normalize
from giocheck.resources import rules_dir
from giocheck.tomlfile import read_toml

# List numbering at the start of a label: 一、 （三） (三) 4. — apart from what the label says.
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}\.)")
_ITEM = re.compile(r"(\d{1,2})\.")
# Marks that carry no meaning for the comparison (brackets and quotes vary between reports).
_MARKS = re.compile(r"[()（）“”\"'、，,。.:：；;]")


@cache
def _folding() -> dict[int, str]:
    """The translation table: traditional → simplified, each confusable → its group's first."""
    data = read_toml(rules_dir() / "characters.toml")
    table: dict[int, str] = {}
    for simplified, forms in data["traditional"].items():
        for form in forms:
            table[ord(form)] = simplified
    for group in data["confusable"]["groups"]:
        for char in group[1:]:
            table[ord(char)] = group[0]
    return table


def fold(text: str) -> str:
    """`text` normalised as labels are, with traditional and confusable characters folded."""
    return normalize(text).translate(_folding())


def core(text: str) -> str:
    """The words of a folded label: its leading list numbers and punctuation taken out."""
    while True:
        found = _ORDINAL.match(text)
        if found is None:
            break
        text = text[found.end() :]
    return _MARKS.sub("", text)


def item_number(text: str) -> str | None:
    """The last Arabic list number printed in a label (`4.` in 「（三）不予公开4.保护…」)."""
    found = _ITEM.findall(text)
    return found[-1] if found else None


def common_length(first: str, second: str) -> int:
    """The length of the longest common subsequence of two short strings."""
    if len(first) + len(second) <= _SHORT:
        return _short_common_length(first, second)
    return _common_length(first, second)


# Labels are compared with the same rows' forms in report after report: the answers for short
# strings are remembered (long ones, rare and possibly hostile, never are).
_SHORT = 128
# The format's labels are under 60 characters: a longer "label" (a 5,000-digit number run into one,
# benchmarks/fuzz.py) is none, and comparing it costs its length times each form's.
_LONGEST_LABEL = 300


def _common_length(first: str, second: str) -> int:
    if not first or not second:
        return 0
    previous = [0] * (len(second) + 1)
    for char in first:
        current = [0]
        for position, other in enumerate(second):
            current.append(previous[position] + 1 if char == other else max(previous[position + 1], current[-1]))
        previous = current
    return previous[-1]


_short_common_length = lru_cache(maxsize=1 << 14)(_common_length)


def dice(first: str, second: str) -> float:
    """2·LCS / (|first| + |second|): 1 for equal strings, 0 for nothing in common."""
    total = len(first) + len(second)
    return 0.0 if total == 0 else 2 * common_length(first, second) / total


def forms(spec: TableSpec, row: RowSpec) -> tuple[str, ...]:
    """The folded cores a row may be printed as: label, short label and variants, and for the
    first row of a group also the group label alone or before the row's own (a merged cell
    printed once, on that row's line)."""
    texts = (row.label, *(row.variants), *([row.short] if row.short else []))
    if row.group is not None and _first_of_group(spec, row):
        texts += (row.group, row.group + row.label)
    return _forms(texts)


# The same rows' forms are asked for by every similar label of every report.
@lru_cache(maxsize=1024)
def _forms(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for c in (core(fold(text)) for text in texts) if c))


def _first_of_group(spec: TableSpec, row: RowSpec) -> bool:
    return next(r.key for r in spec.rows if r.group == row.group) == row.key


def similarity(spec: TableSpec, row: RowSpec, parts: Sequence[str]) -> float:
    """How well the printed label lines `parts` (the last one on the numbers' line) fit `row`.

    Each tail of the lines is tried (earlier lines may be a group label or a header), and the
    list number counts too: the row's own number confirms, another number speaks against it.
    """
    own = item_number(normalize(row.label))
    best = 0.0
    for start in range(len(parts) - 1, max(len(parts) - 3, 0) - 1, -1):
        printed = fold("".join(parts[start:]))
        text = core(printed)
        if not text or len(text) > _LONGEST_LABEL:
            continue
        score = max(dice(text, form) for form in forms(spec, row))
        number = item_number(printed)
        if own is not None and number is not None:
            score += 0.05 if number == own else -0.15
        best = max(best, score)
    return best


def containment(spec: TableSpec, row: RowSpec, parts: Sequence[str]) -> float:
    """How much of the printed label's last line belongs to one of the row's forms (0 for
    fewer than four characters): a label cut short by a page end or a narrow cell is all the
    row's own words, however few of them it has."""
    text = core(fold(parts[-1])) if parts else ""
    if len(text) < 4:
        return 0.0
    return max(common_length(text, form) / len(text) for form in forms(spec, row))


def misread(row: RowSpec, printed: str) -> bool:
    """Whether a label that names `row` prints one of its characters in another form: traditional
    (「關」 for 「关」) or confused by OCR or typing (「己」 for 「已」)."""
    official = _characters((row.label, *row.variants, row.short or "", row.group or ""))
    others = set(normalize(printed)).difference(official)  # nearly always none
    table = _folding()
    return any(ord(char) in table and table[ord(char)] in official for char in others)


@lru_cache(maxsize=1024)
def _characters(texts: tuple[str, ...]) -> frozenset[str]:
    """Every character of the normalised texts (a row's accepted forms)."""
    return frozenset("".join(normalize(text) for text in texts))


_NO_DIGITS = str.maketrans("", "", "0123456789")


def group_interleaved(spec: TableSpec, row: RowSpec, printed: str) -> bool:
    """Whether `printed` is one of the row's forms with a stretch of its group's label set in
    among its characters (text laid out from a PDF puts the merged group cell's lines among the
    row label's lines: 「2.没有现成信息需要另行制法提供作」 under 「（四）无法提供」): not misprinted."""
    if row.group is None:
        return False
    # List numbers aside: the row's own (「1.」) may stand after the group's first line.
    text, group = core(fold(printed)).translate(_NO_DIGITS), core(fold(row.group))
    for form in forms(spec, row):
        extra = len(text) - len(form)
        if 0 < extra <= len(group):
            pieces = {group[start : start + extra] for start in range(len(group) - extra + 1)}
            if any(_interleaves(form, piece, text) for piece in pieces):
                return True
    return False


def _interleaves(first: str, second: str, text: str) -> bool:
    """Whether `text` is `first` and `second` merged, each in its own order."""
    reachable = {0}  # characters of `first` used so far, for the prefix of `text` read
    for position, char in enumerate(text):
        reachable = {
            used + step
            for used in reachable
            for step, ok in (
                (1, used < len(first) and first[used] == char),
                (0, 0 <= position - used < len(second) and second[position - used] == char),
            )
            if ok
        }
        if not reachable:
            return False
    return len(first) in reachable
