"""Where a numbered line of a table goes: small named strategies, tried in order.

Each strategy looks at the table read so far (a read-only `View`) and the line, and answers
with a `Placement` (row and how it was found), a `Substitution` (an older format's row printed
in place of official rows), a `Refusal` (the line fits rows equally: a read problem), or
nothing, when the next strategy should try:

1. `by_label`: a later row whose pattern ends nearest the end of the label;
2. `by_order`: a line with no label at all takes the next row in official order;
3. `as_substitute`: a row printed instead of official rows;
4. `by_earlier_label`: an earlier row not placed yet (rows printed out of order);
5. `by_similarity`: a label no pattern matches, by similarity and official order.

When none answers, or the row answered cannot hold the line's numbers, `mistyped_row` tries
a row whose value run is broken by mistyped numbers (`行政规范性文件 66x 0 0`). The reader
(`giocheck.extract.tables`) is the one place that changes what has been read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from giocheck.document import UNREADABLE
from giocheck.extract.compiled import CompiledTable, last_match_end
from giocheck.extract.similar import containment, core, forms, item_number, similarity
from giocheck.extract.tokens import TableLine, Token, fit, is_mistyped_number, is_value
from giocheck.formats import RowSpec, SubstituteSpec, TableSpec
from giocheck.labels import has_letters, normalize
from giocheck.model import ReadProblem, RowSource

# A label placed by similarity needs this score (extract/similar.py); a lower one will do when
# official order leaves a single row it can be, or a label whose words nearly all are that
# row's (a label cut short). Two rows closer than _TIE are a tie.
_SIMILAR = 0.7
_SIMILAR_ALONE = 0.5
_CONTAINED_ALONE = 0.75
_TIE = 0.08
# How many later numbered lines are looked at to find the row that bounds a similar label.
_LOOKAHEAD = 6


@attrs.frozen
class View:
    """What a strategy may look at: the table's compiled format, its lines, the line being
    placed (`position`), the last row placed in official order and the rows placed so far."""

    table: CompiledTable
    lines: Sequence[TableLine]
    position: int
    last: int
    placed: frozenset[str]
    missing: frozenset[str] = frozenset()  # columns the table was printed without
    # Each line's label as matched, normalised once per table: "" for a numbered line without
    # letters, None for a line without numbers (`named_labels`).
    named: Sequence[str | None] = ()

    def count(self, index: int) -> int:
        """How many cells row `index` has as printed."""
        return self.table.count(index, self.missing)

    def match(self, label: str, before: int | None = None) -> int | None:
        """The later row (before row `before`, if given) whose pattern ends nearest the end of `label`."""
        ends = self.table.ends(label)
        best, best_end = None, -1
        for index in range(self.last + 1, len(ends) if before is None else before):
            if ends[index] > best_end:
                best, best_end = index, ends[index]
        return best

    def match_earlier(self, label: str) -> int | None:
        """An earlier row not placed yet that `label` names (rows printed out of order): the
        row's own label or a variant printed in full first, then the nearest match to the end."""
        ends = self.table.ends(label)
        best, best_rank = None, (False, -1)
        for index in range(min(self.last + 1, len(ends))):
            if self.table.keys[index] in self.placed:
                continue  # a row is placed once; a second line naming it stays unplaced
            end = ends[index]
            exact = any(pattern.search(label) for pattern in self.table.exact[index])
            if end >= 0 and (exact, end) > best_rank:
                best, best_rank = index, (exact, end)
        return best

    def next_named(self) -> int:
        """The row the next numbered lines name by their labels (the bound of a similar label),
        or the end of the table."""
        named = self.named or named_labels(self.lines)
        seen = 0
        for position in range(self.position + 1, len(named)):
            label = named[position]
            if label is None:
                continue
            seen += 1
            found = self.match(label) if label else None
            if found is not None:
                return found
            if seen >= _LOOKAHEAD:
                break
        return len(self.table.keys)


def named_labels(lines: Sequence[TableLine]) -> tuple[str | None, ...]:
    """Each line's label as rows are matched against it: normalised for a numbered line with
    letters, "" for a numbered line without, None for a line without numbers."""
    return tuple(
        None if not line.has_numbers else normalize(line.label) if has_letters(line.label) else "" for line in lines
    )


@attrs.frozen
class Placement:
    """The line is row `index`'s, found by `source` (label, order or similar)."""

    index: int
    source: RowSource


@attrs.frozen
class Substitution:
    """The line is a substitute row, printed in place of the official rows `replaced`."""

    substitute: SubstituteSpec
    cells: tuple[Token, ...]
    replaced: tuple[int, ...]


@attrs.frozen
class Refusal:
    """The line cannot be placed with confidence: `problem` says why, and its table goes unchecked."""

    problem: ReadProblem


@attrs.frozen
class MistypedRow:
    """Row `index` with a value run broken by mistyped numbers: its cells and its label as printed."""

    index: int
    cells: tuple[Token, ...]
    printed: str


Answer = Placement | Substitution | Refusal
Strategy = Callable[[View, TableLine, str, Sequence[str]], Answer | None]
"""(view, line, normalised label, label lines before the line) → an answer, or None."""


def by_label(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """A later row whose pattern ends nearest the end of the label."""
    index = view.match(label)
    if index is not None and index > (bound := view.next_named()):
        # Past the row the next lines name: a row the label also names before it is the one
        # (official order), so a wrapped note (「…部分公开（…不计其他」) is not read as a
        # row far ahead (「3.其他」); a row printed out of order names no other.
        earlier = view.match(label, before=bound)
        index = index if earlier is None else earlier  # row 0 is an answer too
    return None if index is None else Placement(index, "label")


def by_order(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """A line with no label at all is the next row in official order."""
    if not has_letters(line.label) and view.last + 1 < len(view.table.keys):
        return Placement(view.last + 1, "order")
    return None


def as_substitute(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """A row printed instead of official rows not reached yet (an older format's row), if its
    numbers fill every column."""
    for substitute, replaced in view.table.substitutes:
        if min(replaced) <= view.last or last_match_end(substitute, label) < 0:
            continue
        cells = fit(line.values, len(view.table.every_column) - len(view.missing))
        return None if cells is None else Substitution(substitute, cells, replaced)
    return None


def by_earlier_label(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """An earlier row not placed yet that the label names (rows printed out of order)."""
    index = view.match_earlier(label)
    return None if index is None else Placement(index, "label")


def by_similarity(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """A row not yet placed, before the row the next recognised line names, whose cells the
    line's numbers fill and whose label the printed one resembles; two rows that fit equally
    are a `Refusal`."""
    if not has_letters(label):
        return None
    spec, parts = view.table.spec, [*pending, line.label]
    candidates = [
        index
        for index in range(view.last + 1, view.next_named())
        if view.table.keys[index] not in view.placed and fit(line.values, view.count(index)) is not None
    ]
    scored = sorted(((similarity(spec, spec.rows[index], parts), index) for index in candidates), reverse=True)
    if not scored:
        return None
    best, index = scored[0]
    if len(scored) == 1 and containment(spec, spec.rows[index], parts) >= _CONTAINED_ALONE:
        return Placement(index, "similar")
    if best < (_SIMILAR_ALONE if len(scored) == 1 else _SIMILAR):
        return None
    rivals = [other for score, other in scored[1:] if score >= best - _TIE]
    if not rivals:
        return Placement(index, "similar")
    names = [spec.rows[i].name for i in sorted([index, *rivals])]
    names_en = [spec.rows[i].name_en for i in sorted([index, *rivals])]
    shown = "".join(parts[-2:])
    tie = problem(
        spec,
        f"「{shown}」（{line.location.describe()}）与{'、'.join(f'「{n}」' for n in names)}同样相近，"
        "无法确定是哪一行；该表不作检查",
        f"row “{shown}” (at {line.location.describe('en')}) fits {' and '.join(f'“{n}”' for n in names_en)} equally; "
        "cannot tell which, so this table is not checked",
    )
    return Refusal(tie.model_copy(update={"unchecked": True}))


STRATEGIES: tuple[Strategy, ...] = (by_label, by_order, as_substitute, by_earlier_label, by_similarity)
"""The placement strategies in the order they are tried: the first answer wins."""


def place(view: View, line: TableLine, label: str, pending: Sequence[str]) -> Answer | None:
    """The first answer of the strategies, in order."""
    for strategy in STRATEGIES:
        answer = strategy(view, line, label, pending)
        if answer is not None:
            return answer
    return None


def mistyped_row(view: View, pending: Sequence[str], line: TableLine) -> MistypedRow | None:
    """A row whose value run is broken by mistyped numbers (`行政规范性文件 66x 0 0`), if the
    words before them name a row and the cells fill it."""
    words = line.words
    typed = len(typed_tail(line))
    for cut in range(len(words) - 1, max(len(words) - typed, 1) - 1, -1):
        text = "".join(word.text for word in words[:cut])
        label = normalize("".join(pending) + text)
        index = view.match(label)
        if index is None:
            index = view.match_earlier(label)
        cells = None if index is None else fit((*words[cut:], *line.values), view.count(index))
        if index is None or cells is None:
            continue
        return MistypedRow(index, cells, printed_label(view.table, index, [*pending, text]))
    return None


def typed_tail(line: TableLine) -> tuple[Token, ...]:
    """The last label words that are values or mistyped numbers (`0 66x`), when they hold a
    mistyped one: cells that belong to the value run."""
    cut = len(line.words)
    while cut > 0 and (is_value(line.words[cut - 1].text) or is_mistyped_number(line.words[cut - 1].text)):
        cut -= 1
    tail = line.words[cut:]
    return tail if any(is_mistyped_number(word.text) for word in tail) else ()


def mistyped_cells(spec: TableSpec, row: RowSpec, cells: Sequence[Token]) -> list[ReadProblem]:
    """One problem for each of a row's cells that is a mistyped number, naming row and column."""
    return [
        problem(
            spec,
            f"「{row.name}」的「{spec.column(key).name}」一格 OCR 未能可靠识别（读作「{seen}」，"
            f"{token.location.describe()}），请对照原件核对",
            f"row “{row.name_en}”, column “{spec.column(key).name_en}”: OCR could not read the cell with "
            f"confidence (read as “{seen}”, {token.location.describe('en')}); check it against the original",
        )
        if (seen := token.text.replace(UNREADABLE, "")) != token.text
        else problem(
            spec,
            f"「{row.name}」的「{spec.column(key).name}」一格「{token.text}」不是数字"
            f"（{token.location.describe()}），请改为数字或留空",
            f"row “{row.name_en}”, column “{spec.column(key).name_en}”: “{token.text}” is not a number "
            f"({token.location.describe('en')}); write a number or leave the cell blank",
        )
        for key, token in zip(spec.row_columns(row.key), cells, strict=False)
        if is_mistyped_number(token.text)
    ]


def problem(spec: TableSpec, zh: str, en: str) -> ReadProblem:
    """A read problem of `spec`'s table, the table named first."""
    return ReadProblem(
        table=spec.key,
        message_zh=f"{spec.name_zh}（{spec.label}）{zh}",
        message_en=f"table {spec.key[1]}: {en}",
    )


def similar_label(spec: TableSpec, row: RowSpec, parts: list[str]) -> str:
    """The tail of the label lines that fits the row best, as printed."""
    tails = ["".join(parts[start:]) for start in range(len(parts) - 1, -1, -1)]
    return max(tails[:3], key=lambda tail: similarity(spec, row, [tail]))


def printed_exactly(spec: TableSpec, row: RowSpec, label: str) -> bool:
    """True when `label` names the row as the format accepts it: by one of its patterns (as
    matching does), or with nothing but punctuation and list numbering apart from one of its forms."""
    return last_match_end(row, normalize(label)) >= 0 or core(normalize(label)) in forms(spec, row)


def printed_label(table: CompiledTable, index: int, parts: list[str]) -> str:
    """The shortest tail of the label lines that still names row `index`, as printed."""
    for start in range(len(parts) - 1, -1, -1):
        text = "".join(parts[start:])
        if table.end(index, normalize(text)) >= 0:
            return text
    return parts[-1]


# Numbering (「（二）」「三、」) that starts a label of its own, not the rest of the last one.
HEADED = re.compile(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、")


# How many label-only lines below a numbered line may finish its label.
_BELOW = 4


def label_below(view: View) -> tuple[str, ...]:
    """The label-only lines right after the numbered line at `view.position` that may be the rest
    of its label: none naming a row, carrying a list number or starting a part."""
    below: list[str] = []
    for line in view.lines[view.position + 1 : view.position + 1 + _BELOW]:
        label = normalize(line.label)
        if line.has_numbers or not has_letters(line.label) or view.match(label) is not None:
            break
        if item_number(label) is not None or HEADED.search(line.label):
            break
        below.append(line.label)
    return tuple(below)
