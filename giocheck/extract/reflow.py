"""Cut a page whose tags were stripped back into lines: before and after each part heading,
before each table's first row and T2's group labels, all from the format data.

A crawler that keeps only a page's text often gives the whole report as one line
(「…一、总体情况 2024年，…二、主动公开政府信息情况第二十条第（一）项…规章000…」). Headings are
then never found and tables never placed. Only such very long single-fragment lines are cut;
the rows inside a table's piece are taken apart later, with their digits (glued.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise

from giocheck.document import Fragment, Line
from giocheck.formats import formats
from giocheck.labels import normalize

# A line this long holds more than a paragraph: a whole page run together.
_RUN_TOGETHER = 300


# How many characters more than its label a heading printed with a word changed may take.
_SLACK = 4


def reflow(lines: Sequence[Line]) -> tuple[Line, ...]:
    """The lines with every run-together page cut into its headings, prose and table pieces."""
    result: list[Line] = []
    for line in lines:
        if len(line.fragments) == 1 and len(line.text) > _RUN_TOGETHER:
            result.extend(_cut(line))
        else:
            result.append(line)
    return tuple(result)


def _cut(line: Line) -> list[Line]:
    text = line.fragments[0].text
    cuts = {0, len(text)}
    for pattern, after, firsts in _patterns():
        if not any(first in text for first in firsts):
            continue  # none of the characters a match starts with is there
        found = pattern.search(text)
        if found is None:
            continue
        cuts.add(found.start())
        if after:
            cuts.add(found.end())
    # A heading printed with a word changed (「四、政府信息公开行政法复议…」) is still found by
    # its section's pattern, as on a line of its own; it starts a line, and ends where its
    # official label's last words (「情况」) follow within the label's length.
    folded, positions = _normalized(text)
    for heading, ending, length in _heading_patterns():
        found = heading.search(folded)
        if found is not None:
            cuts.add(positions[found.start()])
            end = folded.find(ending, found.start(), found.start() + length + _SLACK)
            if end >= 0 and end + len(ending) < len(positions):
                cuts.add(positions[end + len(ending)])
    where = line.fragments[0].location
    points = sorted(cuts)
    pieces = (text[start:end].strip() for start, end in pairwise(points))
    return [Line((Fragment(piece, where),), line.location) for piece in pieces if piece]


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], bool, str], ...]:
    """(pattern, cut after it too, the characters a match may start with): part headings (a
    line of their own), then the first row of each table and the group labels of table two (a
    new line each)."""
    headings: dict[str, bool] = {}
    starts: dict[str, bool] = {}
    for spec in formats().values():
        for section in spec.sections:
            for label in (section.label, *section.variants):
                headings[label] = True
        for table in spec.tables:
            starts[table.rows[0].label] = False
            if table.single_row:
                continue
            for group in dict.fromkeys(row.group for row in table.rows if row.group and row.group.startswith("第")):
                starts[group] = False
    return tuple((_spaced(label), after, _firsts(label)) for label, after in (*headings.items(), *starts.items()))


@cache
def _heading_patterns() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    """Each section's heading pattern, unanchored, to search a run-together page with; with the
    last two characters of its label (normalised) and the label's length, to find where it ends."""
    patterns = {
        section.pattern.removeprefix("^"): (normalize(section.label)[-2:], len(normalize(section.label)))
        for spec in formats().values()
        for section in spec.sections
    }
    return tuple((re.compile(pattern), *patterns[pattern]) for pattern in sorted(patterns))


def _normalized(text: str) -> tuple[str, list[int]]:
    """`text` as label patterns see it (giocheck/labels.py), with the position in `text` of each
    of its characters."""
    forms = {char: normalize(char) for char in set(text)}
    parts = [forms[char] for char in text]
    if all(len(form) == 1 for form in forms.values()):
        return "".join(parts), list(range(len(text)))
    return "".join(parts), [index for index, part in enumerate(parts) for _ in part]


def _spaced(label: str) -> re.Pattern[str]:
    """A label as printed: any white space between its characters, brackets of either width."""
    return re.compile(r"\s*".join(_character(char) for char in label if not char.isspace()))


def _character(char: str) -> str:
    pair = _pair(char)
    return re.escape(char) if pair is None else "[" + re.escape(pair) + "]"


def _pair(char: str) -> str | None:
    """The forms a character of a label may be printed in, when it has more than one."""
    pairs: Iterable[str] = ("（(", "）)", "、,，", '“"”')
    return next((pair for pair in pairs if char in pair), None)


def _firsts(label: str) -> str:
    """The characters a match of `_spaced(label)` starts with (none for an empty label, whose
    match would cut nowhere)."""
    first = next((char for char in label if not char.isspace()), "")
    return (_pair(first) or first) if first else ""
