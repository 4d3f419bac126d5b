"""Place the numbers of one table's lines into the format's rows and columns.

Lines are read once, in order. A numbered line goes where the placement strategies say
(`giocheck.extract.placement`: by label, by official order, as a substitute row, by an earlier
label, by similarity — the first that answers); a label-only line is the start of the next
row's label, the rest of the last row's label, or a row whose numbers were mistyped. Whatever
cannot be placed with confidence becomes a `ReadProblem`, and a cell meant as a number but
mistyped (`66x`) is named as such. This reader is the one place that changes what was read.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from giocheck.document import Line
from giocheck.extract.compiled import CompiledTable, compiled, last_match_end
from giocheck.extract.glued import GluedRow, glued_row, unglue_lines
from giocheck.extract.placement import (
    HEADED,
    MistypedRow,
    Placement,
    Refusal,
    Substitution,
    View,
    label_below,
    mistyped_cells,
    mistyped_row,
    named_labels,
    place,
    printed_exactly,
    printed_label,
    problem,
    similar_label,
    typed_tail,
)
from giocheck.extract.similar import group_interleaved, item_number, misread, similarity
from giocheck.extract.tokens import TableLine, Token, fit, is_noise, parse_number, split_line
from giocheck.formats import RowSpec, TableSpec
from giocheck.labels import has_letters, normalize
from giocheck.limits import current_limits
from giocheck.model import Cell, ReadNote, ReadProblem, Row, Table, read_cell, trusted

# How much closer to its row a label must come to take in the line after its numbers.
_JOIN_GAIN = 0.02


@attrs.frozen
class TableRead:
    """A table as read (None if nothing could be read), what went wrong, and what was read
    through: labels placed by similarity, rows the agency left out (`ReadNote`s)."""

    table: Table | None
    problems: tuple[ReadProblem, ...]
    notes: tuple[ReadNote, ...] = ()
    empty: bool = False  # no table at all: not one number where it should be
    glued: tuple[GluedRow, ...] = ()  # rows whose digits ran together, separated once all tables are read


def read_table(spec: TableSpec, lines: Sequence[Line], followed: bool = False) -> TableRead:
    """Read `spec`'s table from the lines of its region.

    `followed`: the document goes on after the table, so rows missing at its end were left out
    by the agency (a finding), not cut off (a read problem).
    """
    table_lines = [split_line(line) for line in unglue_lines(spec, lines) if not is_noise(line)]
    if spec.single_row:
        return _read_single_row(spec, table_lines)
    read = _RowReader(spec, followed).read(table_lines)
    if not read.problems:
        return read
    missing = _columns_not_in_header(spec, table_lines)
    if not missing:
        return read
    # The header lacks columns, and the rows may too: the agency deleted them.
    retry = _RowReader(spec, followed, missing).read(table_lines)
    if retry.table is None or len(retry.problems) >= len(read.problems):
        return read
    names = [column.name for column in spec.columns if column.key in missing]
    note = ReadNote(kind="columns_missing", table=spec.key, names=names)
    keys = [column.key for column in spec.columns if column.key in missing]
    return attrs.evolve(
        retry, table=retry.table.model_copy(update={"missing_columns": keys}), notes=(*retry.notes, note)
    )


def _columns_not_in_header(spec: TableSpec, lines: Sequence[TableLine]) -> frozenset[str]:
    """The columns a table's printed header does not name, when it names most of them (else
    no header was found, and nothing is said)."""
    header_lines = []
    for line in lines:
        if line.has_numbers:
            break
        header_lines.append(line.label)
    text = normalize("".join(header_lines))
    for group in {column.group for column in spec.columns if column.group}:
        text = text.replace(normalize(group), "|")
    named: set[str] = set()
    forms = sorted(
        ((normalize(form), column.key) for column in spec.columns for form in (column.label, *column.variants)),
        key=lambda item: -len(item[0]),
    )
    for form, key in forms:
        if key not in named and form in text:
            text = text.replace(form, "|", 1)
            named.add(key)
    if len(named) * 2 <= len(spec.columns):
        return frozenset()
    return frozenset(column.key for column in spec.columns) - named


def _cells(
    table: CompiledTable, row: str, tokens: Sequence[Token] | None, missing: frozenset[str] = frozenset()
) -> dict[str, Cell]:
    """A row's cells in official column order; a column the table lacks is blank."""
    if tokens is None:
        return dict.fromkeys(table.columns[row], _BLANK)
    digits, money = current_limits().number_digits, table.money
    read = {
        key: read_cell(parse_number(token.text, key in money, digits), token.text, token.location)
        for key, token in zip(table.printed_columns(row, missing), tokens, strict=True)
    }
    if not missing:
        return read  # every column printed, in official order
    return {key: read.get(key, _BLANK) for key in table.columns[row]}


# Cells are frozen: every blank cell the extractor makes can be this one.
_BLANK = trusted(Cell, value=None)


def _read_single_row(spec: TableSpec, lines: list[TableLine]) -> TableRead:
    table = compiled(spec)
    row = spec.rows[0]
    tokens = tuple(token for line in lines if line.has_numbers for token in line.values)
    if not tokens:
        return TableRead(None, (problem(spec, "没有找到任何数字", "no numbers found"),), empty=True)
    count = table.count(0)
    cells = fit(tokens, count)
    mistyped: list[ReadProblem] = []
    if cells is None:
        # A value run broken by a mistyped number (`0 0x 0 …`): the cells are all there.
        widened = tuple(token for line in lines if line.has_numbers for token in (*typed_tail(line), *line.values))
        cells = fit(widened, count)
        mistyped = mistyped_cells(spec, row, cells or ())
        cells = cells if mistyped else None
    glued = glued_row(spec, row.key, tokens) if cells is None else None
    if glued is not None:
        absent = trusted(Row, key=row.key, label="", cells=_cells(table, row.key, None), source="absent")
        return TableRead(trusted(Table, key=spec.key, rows={row.key: absent}), (), glued=(glued,))
    if cells is None:
        found = sum(1 for t in tokens if t.text)
        return TableRead(
            None,
            (
                problem(
                    spec,
                    f"应有 {count} 个数字，读到 {found} 个，无法对应到单元格",
                    f"expected {count} numbers, found {found}; cannot place them",
                ),
            ),
        )
    read = trusted(Row, key=row.key, label="", cells=_cells(table, row.key, cells))
    return TableRead(trusted(Table, key=spec.key, rows={row.key: read}), tuple(mistyped))


class _RowReader:
    """Walks the lines of a many-row table once, in official order, applying what the
    placement strategies answer."""

    def __init__(self, spec: TableSpec, followed: bool = False, missing: frozenset[str] = frozenset()) -> None:
        self.spec = spec
        self.table = compiled(spec)
        self.followed = followed
        self.missing = missing  # columns the table was printed without
        self.rows: dict[str, Row] = {}
        self.substitutes: dict[str, Row] = {}
        self.problems: list[ReadProblem] = []
        self.notes: dict[str, ReadNote] = {}
        self.unplaced = False
        self.glued: list[GluedRow] = []
        self.last = -1
        # The row last placed by similarity: the next label-only line may finish its label
        # (a row broken across a page end: 「（四）无法提」 … 「供」).
        self.open_label: str | None = None
        self.taken = 0  # label-only lines after a numbered line that were read as its label's rest

    def read(self, lines: list[TableLine]) -> TableRead:

        pending: list[str] = []
        named = named_labels(lines)
        for position, line in enumerate(lines):
            if self.taken:  # the rest of a label that the numbered line before took in
                self.taken -= 1
                continue
            view = View(self.table, lines, position, self.last, frozenset(self.rows), self.missing, named)
            if line.has_numbers:
                self.open_label = None
                self._place(view, pending, line)
            elif self._continues_label(view, line):
                continue
            elif (mistyped := mistyped_row(view, pending, line)) is None:
                self.open_label = None
                pending.append(line.label)
                continue
            else:
                self._apply_mistyped(pending, mistyped)
            pending = []
        self._mark_blank(pending, len(self.spec.rows))
        return self._finish()

    def _place(self, view: View, pending: list[str], line: TableLine) -> None:
        answer = place(view, line, normalize("".join(pending) + line.label), pending)
        below = label_below(view) if answer is None else ()
        if below:
            # A label no row takes may go on below its numbers (text laid out from a PDF:
            # 「（六）其 1.申请人无正当理由逾期不 1 0 0 0 0 0 1」, then 「补正、行政机关」 …): the whole label.
            whole = attrs.evolve(line, label=line.label + "".join(below))
            further = place(view, whole, normalize("".join(pending) + whole.label), pending)
            if isinstance(further, Placement):
                line, answer, self.taken = whole, further, len(below)
        if isinstance(answer, Refusal):
            self.unplaced = True
            self.problems.append(answer.problem)
            return
        if isinstance(answer, Substitution):
            self._apply_substitution(answer, line)
            return
        if answer is None or fit(line.values, view.count(answer.index)) is None:
            mistyped = mistyped_row(view, pending, line)
            if mistyped is not None:
                self._apply_mistyped(pending, mistyped)
                return
        if answer is None:
            self._unplaced(pending, line)
            return
        self._apply(answer, pending, line)

    def _apply(self, answer: Placement, pending: list[str], line: TableLine) -> None:
        """Place the line as the row the answer names: its cells, or why they cannot be placed,
        and how its label was printed."""
        self._mark_blank(pending, answer.index)
        spec_row, source = self.spec.rows[answer.index], answer.source
        count = self.table.count(answer.index, self.missing)
        cells = fit(line.values, count)
        glued = glued_row(self.spec, spec_row.key, line.values, source) if cells is None else None
        if glued is not None:
            self.glued.append(glued)
        elif cells is None:
            found = sum(1 for token in line.values if token.text)
            self.problems.append(
                problem(
                    self.spec,
                    f"「{spec_row.name}」应有 {count} 个数字，读到 {found} 个（{line.location.describe()}），无法对应到列",
                    f"row “{spec_row.name_en}” needs {count} numbers but {found} were found "
                    f"({line.location.describe('en')}); cannot place them in columns",
                )
            )
        if source == "label":
            printed = printed_label(self.table, answer.index, [*pending, line.label])
            if misread(spec_row, printed):
                # Its pattern still matched, but a character is printed in another form.
                self._note_label(spec_row.key, printed, line)
        elif source == "similar":
            printed = similar_label(self.spec, spec_row, [*pending, line.label])
            if group_interleaved(self.spec, spec_row, printed):
                source = "label"
            else:
                self._note_label(spec_row.key, printed, line)
        else:
            printed = line.label
        self.open_label = spec_row.key
        self.rows[spec_row.key] = trusted(
            Row,
            key=spec_row.key,
            label=printed,
            cells=self._cells(spec_row.key, cells),
            source=source if cells is not None else "absent",
        )
        self.last = max(self.last, answer.index)

    def _apply_substitution(self, answer: Substitution, line: TableLine) -> None:
        substitute = answer.substitute
        self.substitutes[substitute.key] = trusted(
            Row,
            key=substitute.key,
            label=line.label or substitute.label,
            cells=self._cells(substitute.key, answer.cells),
        )
        for key in substitute.replaces:
            self.rows[key] = trusted(Row, key=key, label="", cells=self._cells(key, None), source="replaced")
        self.last = max(answer.replaced)

    def _apply_mistyped(self, pending: list[str], answer: MistypedRow) -> None:
        self._mark_blank(pending, answer.index)
        spec_row = self.spec.rows[answer.index]
        self.problems.extend(mistyped_cells(self.spec, spec_row, answer.cells))
        self.rows[spec_row.key] = trusted(
            Row, key=spec_row.key, label=answer.printed, cells=self._cells(spec_row.key, answer.cells), source="label"
        )
        self.last = max(self.last, answer.index)

    def _unplaced(self, pending: list[str], line: TableLine) -> None:
        """Say that a numbered line fits no row: a row printed twice, or a label of no row."""
        self.unplaced = True
        shown = "".join(pending[-2:]) + line.label
        ends = self.table.ends(normalize(line.label))
        again = next(
            (row for index, row in enumerate(self.spec.rows) if row.key in self.rows and ends[index] >= 0),
            None,
        )
        where_zh, where_en = line.location.describe(), line.location.describe("en")
        self.problems.append(
            problem(
                self.spec,
                f"「{shown}」（{where_zh}）不是该表的任何一行，其数字未采用"
                if again is None
                else f"「{again.name}」一行印了两次（{where_zh}又一次），第二次的数字未采用，请删去重复的一行",
                f"row “{shown}” (at {where_en}) matches no row of the table; ignored"
                if again is None
                else f"row “{again.name_en}” is printed twice (again at {where_en}); the second is not used: "
                "delete the repeated row",
            )
        )

    def _note_label(self, key: str, printed: str, line: TableLine) -> None:
        row = self.spec.row(key)
        self.notes[key] = ReadNote(
            kind="label", table=self.spec.key, row=key, printed=printed, expected=row.label, location=line.location
        )
        self.open_label = key

    def _continues_label(self, view: View, line: TableLine) -> bool:
        """Join a label-only line to the row just placed when it completes that row's label: the
        rest of a label carried over a page end, or printed below the numbers (unruled tables
        centre a wrapped label on its numbers). A line that names a later row, or carries another
        list number, starts the next label instead. Said true when joined."""
        key = self.open_label
        if key is None or not has_letters(line.label) or view.match(normalize(line.label)) is not None:
            return False
        row, spec_row = self.rows[key], self.spec.row(key)
        own, printed = item_number(normalize(spec_row.label)), item_number(normalize(line.label))
        joined = row.label + line.label
        gain = similarity(self.spec, spec_row, [joined]) - similarity(self.spec, spec_row, [row.label])
        if (printed is not None and printed != own) or HEADED.search(line.label) or gain <= _JOIN_GAIN:
            self.open_label = None
            return False
        self.rows[key] = row.model_copy(update={"label": joined})
        if key not in self.notes:
            return True
        if printed_exactly(self.spec, spec_row, joined) or group_interleaved(self.spec, spec_row, joined):
            # Whole again: the label was only broken by the page (or the group cell), not misprinted.
            del self.notes[key]
            self.rows[key] = self.rows[key].model_copy(update={"source": "label"})
        else:
            self.notes[key] = self.notes[key].model_copy(update={"printed": joined})
        return True

    def _cells(self, row: str, tokens: Sequence[Token] | None) -> dict[str, Cell]:
        return _cells(self.table, row, tokens, self.missing)

    def _mark_blank(self, pending: list[str], before: int) -> None:
        """Rows skipped on the way to `before` whose label was printed have blank cells.

        Each label line is tried alone too, so end-anchored patterns (`行政许可$`) match.
        """
        if self.last + 1 >= before:
            return
        texts = [normalize("".join(pending)), *(normalize(part) for part in pending)]
        for index in range(self.last + 1, before):
            row = self.spec.rows[index]
            if any(last_match_end(row, text) >= 0 for text in texts):
                self.rows[row.key] = trusted(
                    Row, key=row.key, label=row.label, cells=self._cells(row.key, None), source="blank"
                )
                self.last = index

    def _finish(self) -> TableRead:
        if not self.rows:
            nothing = problem(self.spec, "没有读到任何数据行", "no data rows found")
            return TableRead(None, (*self.problems, nothing), empty=not self.problems)
        rows: dict[str, Row] = {}
        missing: list[RowSpec] = []
        for spec_row in self.spec.rows:
            found = self.rows.get(spec_row.key)
            if found is None:
                missing.append(spec_row)
                found = trusted(Row, key=spec_row.key, label="", cells=self._cells(spec_row.key, None), source="absent")
            rows[spec_row.key] = found
        notes = list(self.notes.values())
        placed = [index for index, row in enumerate(self.spec.rows) if row.key in self.rows]
        left_out = [row for row in missing if self.followed or self.spec.rows.index(row) < max(placed)]
        numbered = any(row.source in ("label", "similar", "order") for row in self.rows.values())
        if left_out and numbered and not self.unplaced:
            # Rows missing between rows that were read, or before parts that follow: the
            # agency left them out. Everything read is still checked; a rule says what is missing.
            # (A table with no numbers read at all is not known to be the agency's doing.)
            notes.append(ReadNote(kind="rows_missing", table=self.spec.key, names=[row.label for row in left_out]))
            missing = [row for row in missing if row not in left_out]
        if missing:
            names = [row.name for row in missing]
            shown = "、".join(f"「{name}」" for name in names[:3]) + ("等" if len(names) > 3 else "")
            self.problems.append(
                problem(
                    self.spec,
                    f"缺少 {len(names)} 行：{shown}（表格可能被截断或标签无法识别）",
                    f"rows missing ({len(names)}): {', '.join(f'“{row.name_en}”' for row in missing[:3])}{', …' if len(names) > 3 else ''} "
                    "(table cut off or labels not recognised)",
                )
            )
        table = trusted(Table, key=self.spec.key, rows=rows, substitutes=self.substitutes)
        return TableRead(table, tuple(self.problems), tuple(notes), glued=tuple(self.glued))
