"""Place the numbers of one table's lines into the format's rows and columns.

Rows are matched by label first: the row whose pattern ends nearest the end of the label
text, going forward in official order; a label no later row matches may name an earlier row
not yet placed (rows printed out of order), and is placed there. Official order places a line
only where it has no label at all. Whatever cannot be placed with confidence becomes a
`ReadProblem`, and a cell meant as a number but mistyped (`66x`) is named as such.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from giocheck.document import Line
from giocheck.extract.glued import GluedRow, glued_row, unglue_lines
from giocheck.extract.tokens import (
    TableLine,
    Token,
    fit,
    is_mistyped_number,
    is_noise,
    is_value,
    parse_number,
    split_line,
)
from giocheck.formats import RowSpec, SubstituteSpec, TableSpec
from giocheck.labels import has_letters, normalize
from giocheck.model import Cell, ReadProblem, Row, RowSource, Table


@attrs.frozen
class TableRead:
    """A table as read (None if nothing could be read) and what went wrong."""

    table: Table | None
    problems: tuple[ReadProblem, ...]
    glued: tuple[GluedRow, ...] = ()  # rows whose digits ran together, separated once all tables are read


def read_table(spec: TableSpec, lines: Sequence[Line]) -> TableRead:
    """Read `spec`'s table from the lines of its region."""
    table_lines = [split_line(line) for line in unglue_lines(spec, lines) if not is_noise(line)]
    if spec.single_row:
        return _read_single_row(spec, table_lines)
    return _RowReader(spec).read(table_lines)


def _problem(spec: TableSpec, zh: str, en: str) -> ReadProblem:
    return ReadProblem(
        table=spec.key,
        message_zh=f"{spec.name_zh}（{spec.label}）{zh}",
        message_en=f"table {spec.key[1]} ({spec.label}): {en}",
    )


def _cells(spec: TableSpec, row: str, tokens: Sequence[Token] | None) -> dict[str, Cell]:
    # A substitute row (not an official one) spans every column of the table.
    columns = spec.row_columns(row) if spec.has_row(row) else [c.key for c in spec.columns]
    if tokens is None:
        return {key: Cell(value=None) for key in columns}
    return {
        key: Cell(
            value=parse_number(token.text, money=spec.column(key).type == "money"),
            raw=token.text,
            location=token.location,
        )
        for key, token in zip(columns, tokens, strict=True)
    }


def _read_single_row(spec: TableSpec, lines: list[TableLine]) -> TableRead:
    row = spec.rows[0]
    tokens = tuple(token for line in lines if line.has_numbers for token in line.values)
    if not tokens:
        return TableRead(None, (_problem(spec, "没有找到任何数字", "no numbers found"),))
    count = len(spec.row_columns(row.key))
    cells = fit(tokens, count)
    mistyped: list[ReadProblem] = []
    if cells is None:
        # A value run broken by a mistyped number (`0 0x 0 …`): the cells are all there.
        widened = tuple(token for line in lines if line.has_numbers for token in (*_typed_tail(line), *line.values))
        cells = fit(widened, count)
        mistyped = _mistyped_cells(spec, row, cells or ())
        cells = cells if mistyped else None
    glued = glued_row(spec, row.key, tokens) if cells is None else None
    if glued is not None:
        table = Table(
            key=spec.key, rows={row.key: Row(key=row.key, label="", cells=_cells(spec, row.key, None), source="absent")}
        )
        return TableRead(table, (), (glued,))
    if cells is None:
        found = sum(1 for t in tokens if t.text)
        return TableRead(
            None,
            (
                _problem(
                    spec,
                    f"应有 {count} 个数字，读到 {found} 个，无法对应到单元格",
                    f"expected {count} numbers, found {found}; cannot place them",
                ),
            ),
        )
    table = Table(key=spec.key, rows={row.key: Row(key=row.key, label="", cells=_cells(spec, row.key, cells))})
    return TableRead(table, tuple(mistyped))


def _typed_tail(line: TableLine) -> tuple[Token, ...]:
    """The last label words that are values or mistyped numbers (`0 66x`), when they hold a
    mistyped one: cells that belong to the value run."""
    cut = len(line.words)
    while cut > 0 and (is_value(line.words[cut - 1].text) or is_mistyped_number(line.words[cut - 1].text)):
        cut -= 1
    tail = line.words[cut:]
    return tail if any(is_mistyped_number(word.text) for word in tail) else ()


def _mistyped_cells(spec: TableSpec, row: RowSpec, cells: Sequence[Token]) -> list[ReadProblem]:
    """One problem for each of a row's cells that is a mistyped number, naming row and column."""
    return [
        _problem(
            spec,
            f"「{row.name}」的「{spec.column(key).name}」一格「{token.text}」不是数字"
            f"（{token.location.describe()}），请改为数字或留空",
            f"row '{row.key}', column '{key}': '{token.text}' is not a number "
            f"({token.location.describe('en')}); write a number or leave the cell blank",
        )
        for key, token in zip(spec.row_columns(row.key), cells, strict=False)
        if is_mistyped_number(token.text)
    ]


def _last_match_end(row: RowSpec | SubstituteSpec, label: str) -> int:
    """Where the last match of any of the row's patterns ends in `label`, or -1."""
    end = -1
    for pattern in row.patterns:
        for found in pattern.finditer(label):
            end = max(end, found.end())
    return end


class _RowReader:
    """Walks the lines of a many-row table once, in official order."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.rows: dict[str, Row] = {}
        self.substitutes: dict[str, Row] = {}
        self.problems: list[ReadProblem] = []
        self.glued: list[GluedRow] = []
        self.last = -1

    def read(self, lines: list[TableLine]) -> TableRead:
        pending: list[str] = []
        for line in lines:
            if line.has_numbers:
                self._place(pending, line)
            elif not self._mistyped(pending, line):
                pending.append(line.label)
                continue
            pending = []
        self._mark_blank(pending, len(self.spec.rows))
        return self._finish()

    def _place(self, pending: list[str], line: TableLine) -> None:
        label = normalize("".join(pending) + line.label)
        index = self._match(label)
        source: RowSource = "label"
        if index is None and not has_letters(line.label) and self.last + 1 < len(self.spec.rows):
            index, source = self.last + 1, "order"
        if index is None and self._substitute(line, label):
            return
        if index is None:
            index = self._match_earlier(label)
        if (index is None or fit(line.values, self._count(index)) is None) and self._mistyped(pending, line):
            return
        if index is None:
            shown = "".join(pending[-2:]) + line.label
            self.problems.append(
                _problem(
                    self.spec,
                    f"「{shown}」（{line.location.describe()}）不是该表的任何一行，其数字未采用",
                    f"row '{shown}' (at {line.location.describe('en')}) matches no row of the table; ignored",
                )
            )
            return
        self._mark_blank(pending, index)
        spec_row = self.spec.rows[index]
        count = self._count(index)
        cells = fit(line.values, count)
        glued = glued_row(self.spec, spec_row.key, line.values, source) if cells is None else None
        if glued is not None:
            self.glued.append(glued)
        elif cells is None:
            found = sum(1 for token in line.values if token.text)
            self.problems.append(
                _problem(
                    self.spec,
                    f"「{spec_row.name}」应有 {count} 个数字，读到 {found} 个（{line.location.describe()}），无法对应到列",
                    f"row '{spec_row.key}' needs {count} numbers but {found} were found "
                    f"({line.location.describe('en')}); cannot place them in columns",
                )
            )
        printed = _printed_label(spec_row, [*pending, line.label]) if source == "label" else line.label
        self.rows[spec_row.key] = Row(
            key=spec_row.key,
            label=printed,
            cells=_cells(self.spec, spec_row.key, cells),
            source=source if cells is not None else "absent",
        )
        self.last = max(self.last, index)

    def _count(self, index: int) -> int:
        return len(self.spec.row_columns(self.spec.rows[index].key))

    def _mistyped(self, pending: list[str], line: TableLine) -> bool:
        """Place a row whose value run is broken by mistyped numbers (`行政规范性文件 66x 0 0`),
        naming each such cell, if the words before them name a row and the cells fill it."""
        words = line.words
        typed = len(_typed_tail(line))
        for cut in range(len(words) - 1, max(len(words) - typed, 1) - 1, -1):
            tail = words[cut:]
            label = normalize("".join(pending) + "".join(word.text for word in words[:cut]))
            index = self._match(label)
            if index is None:
                index = self._match_earlier(label)
            cells = None if index is None else fit((*tail, *line.values), self._count(index))
            if index is None or cells is None:
                continue
            self._mark_blank(pending, index)
            spec_row = self.spec.rows[index]
            self.problems.extend(_mistyped_cells(self.spec, spec_row, cells))
            printed = _printed_label(spec_row, [*pending, "".join(word.text for word in words[:cut])])
            self.rows[spec_row.key] = Row(
                key=spec_row.key, label=printed, cells=_cells(self.spec, spec_row.key, cells), source="label"
            )
            self.last = max(self.last, index)
            return True
        return False

    def _substitute(self, line: TableLine, label: str) -> bool:
        """Place a row printed instead of official rows (an older format's row), if this is one."""
        order = [row.key for row in self.spec.rows]
        for substitute in self.spec.substitutes:
            replaced = [order.index(key) for key in substitute.replaces]
            if min(replaced) <= self.last or _last_match_end(substitute, label) < 0:
                continue
            cells = fit(line.values, len(self.spec.columns))
            if cells is None:
                return False
            self.substitutes[substitute.key] = Row(
                key=substitute.key, label=line.label or substitute.label, cells=_cells(self.spec, substitute.key, cells)
            )
            for key in substitute.replaces:
                self.rows[key] = Row(key=key, label="", cells=_cells(self.spec, key, None), source="replaced")
            self.last = max(replaced)
            return True
        return False

    def _match(self, label: str) -> int | None:
        """The later row whose pattern ends nearest the end of `label`."""
        best, best_end = None, -1
        for index in range(self.last + 1, len(self.spec.rows)):
            end = _last_match_end(self.spec.rows[index], label)
            if end > best_end:
                best, best_end = index, end
        return best

    def _match_earlier(self, label: str) -> int | None:
        """An earlier row not placed yet that `label` names (rows printed out of order): the
        row's own label or a variant printed in full first, then the nearest match to the end."""
        best, best_rank = None, (False, -1)
        for index in range(min(self.last + 1, len(self.spec.rows))):
            row = self.spec.rows[index]
            if row.key in self.rows:
                continue  # a row is placed once; a second line naming it stays unplaced
            end = _last_match_end(row, label)
            exact = any(pattern.search(label) for pattern in row.patterns[len(row.match) :])
            if end >= 0 and (exact, end) > best_rank:
                best, best_rank = index, (exact, end)
        return best

    def _mark_blank(self, pending: list[str], before: int) -> None:
        """Rows skipped on the way to `before` whose label was printed have blank cells.

        Each label line is tried alone too, so end-anchored patterns (`行政许可$`) match.
        """
        texts = [normalize("".join(pending)), *(normalize(part) for part in pending)]
        for index in range(self.last + 1, before):
            row = self.spec.rows[index]
            if any(_last_match_end(row, text) >= 0 for text in texts):
                self.rows[row.key] = Row(
                    key=row.key, label=row.label, cells=_cells(self.spec, row.key, None), source="blank"
                )
                self.last = index

    def _finish(self) -> TableRead:
        if not self.rows:
            return TableRead(None, (*self.problems, _problem(self.spec, "没有读到任何数据行", "no data rows found")))
        rows: dict[str, Row] = {}
        missing: list[str] = []
        for spec_row in self.spec.rows:
            found = self.rows.get(spec_row.key)
            if found is None:
                missing.append(spec_row.name)
                found = Row(key=spec_row.key, label="", cells=_cells(self.spec, spec_row.key, None), source="absent")
            rows[spec_row.key] = found
        if missing:
            names = "、".join(f"「{name}」" for name in missing[:3]) + ("等" if len(missing) > 3 else "")
            self.problems.append(
                _problem(
                    self.spec,
                    f"缺少 {len(missing)} 行：{names}（表格可能被截断或标签无法识别）",
                    f"{len(missing)} rows missing: {', '.join(missing[:3])}{', …' if len(missing) > 3 else ''} "
                    "(table cut off or labels not recognised)",
                )
            )
        return TableRead(
            Table(key=self.spec.key, rows=rows, substitutes=self.substitutes), tuple(self.problems), tuple(self.glued)
        )


def _printed_label(row: RowSpec, parts: list[str]) -> str:
    """The shortest tail of the label lines that still names the row, as printed."""
    for start in range(len(parts) - 1, -1, -1):
        text = "".join(parts[start:])
        if _last_match_end(row, normalize(text)) >= 0:
            return text
    return parts[-1]
