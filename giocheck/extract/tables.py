"""Place the numbers of one table's lines into the format's rows and columns.

Rows are matched by label first: the row whose pattern ends nearest the end of the label
text, going forward in official order; a label no later row matches may name an earlier row
not yet placed (rows printed out of order), and is placed there. Official order places a line
only where it has no label at all. Whatever cannot be placed with confidence becomes a
`ReadProblem`, and a cell meant as a number but mistyped (`66x`) is named as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from giocheck.document import Line
from giocheck.extract.glued import GluedRow, glued_row, unglue_lines
from giocheck.extract.similar import containment, core, forms, item_number, misread, similarity
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
from giocheck.model import Cell, ReadNote, ReadProblem, Row, RowSource, Table

# A label placed by similarity needs this score (extract/similar.py); a lower one will do when
# official order leaves a single row it can be, or a label whose words nearly all are that
# row's (a label cut short). Two rows closer than _TIE are a tie.
_SIMILAR = 0.7
_SIMILAR_ALONE = 0.5
_CONTAINED_ALONE = 0.75
# How much closer to its row a label must come to take in the line after its numbers, and the
# numbering (「（二）」「三、」) that starts a label of its own instead.
_JOIN_GAIN = 0.02
_HEADED = re.compile(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、")
_TIE = 0.08
# How many later numbered lines are looked at to find the row that bounds a similar label.
_LOOKAHEAD = 6
# `_match_similar`'s answer when two rows fit a label equally (said as a read problem).
_AMBIGUOUS = -1


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


def _problem(spec: TableSpec, zh: str, en: str) -> ReadProblem:
    return ReadProblem(
        table=spec.key,
        message_zh=f"{spec.name_zh}（{spec.label}）{zh}",
        message_en=f"table {spec.key[1]}: {en}",
    )


def _columns(spec: TableSpec, row: str, missing: frozenset[str] = frozenset()) -> list[str]:
    """The columns a row has cells in as printed (a substitute row spans every column), less
    the columns the table was printed without."""
    columns = spec.row_columns(row) if spec.has_row(row) else [c.key for c in spec.columns]
    return [key for key in columns if key not in missing]


def _cells(
    spec: TableSpec, row: str, tokens: Sequence[Token] | None, missing: frozenset[str] = frozenset()
) -> dict[str, Cell]:
    """A row's cells in official column order; a column the table lacks is blank."""
    printed = _columns(spec, row, missing)
    if tokens is None:
        tokens = ()
        printed = []
    read = {
        key: Cell(
            value=parse_number(token.text, money=spec.column(key).type == "money"),
            raw=token.text,
            location=token.location,
        )
        for key, token in zip(printed, tokens, strict=True)
    }
    return {key: read.get(key, Cell(value=None)) for key in _columns(spec, row)}


def _read_single_row(spec: TableSpec, lines: list[TableLine]) -> TableRead:
    row = spec.rows[0]
    tokens = tuple(token for line in lines if line.has_numbers for token in line.values)
    if not tokens:
        return TableRead(None, (_problem(spec, "没有找到任何数字", "no numbers found"),), empty=True)
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
        return TableRead(table, (), glued=(glued,))
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
            f"row “{row.name_en}”, column “{spec.column(key).name_en}”: “{token.text}” is not a number "
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

    def __init__(self, spec: TableSpec, followed: bool = False, missing: frozenset[str] = frozenset()) -> None:
        self.spec = spec
        self.followed = followed
        self.missing = missing  # columns the table was printed without
        self.rows: dict[str, Row] = {}
        self.substitutes: dict[str, Row] = {}
        self.problems: list[ReadProblem] = []
        self.notes: dict[str, ReadNote] = {}
        self.unplaced = False
        self.glued: list[GluedRow] = []
        self.last = -1
        self.lines: list[TableLine] = []
        self.position = 0
        # The row last placed by similarity: the next label-only line may finish its label
        # (a row broken across a page end: 「（四）无法提」 … 「供」).
        self.open_label: str | None = None

    def read(self, lines: list[TableLine]) -> TableRead:
        self.lines = lines
        pending: list[str] = []
        for position, line in enumerate(lines):
            self.position = position
            if line.has_numbers:
                self.open_label = None
                self._place(pending, line)
            elif self._continues_label(line):
                continue
            elif not self._mistyped(pending, line):
                self.open_label = None
                pending.append(line.label)
                continue
            pending = []
        self._mark_blank(pending, len(self.spec.rows))
        return self._finish()

    def _place(self, pending: list[str], line: TableLine) -> None:
        label = normalize("".join(pending) + line.label)
        index = self._match(label)
        if index is not None and index > (bound := self._next_named()):
            # Past the row the next lines name: a row the label also names before it is the one
            # (official order), so a wrapped note (「…部分公开（…不计其他」) is not read as a
            # row far ahead (「3.其他」); a row printed out of order names no other.
            index = self._match(label, before=bound) or index
        source: RowSource = "label"
        if index is None and not has_letters(line.label) and self.last + 1 < len(self.spec.rows):
            index, source = self.last + 1, "order"
        if index is None and self._substitute(line, label):
            return
        if index is None:
            index = self._match_earlier(label)
        if index is None and has_letters(label):
            similar = self._match_similar([*pending, line.label], line)
            if similar == _AMBIGUOUS:
                return
            if similar is not None:
                index, source = similar, "similar"
        if (index is None or fit(line.values, self._count(index)) is None) and self._mistyped(pending, line):
            return
        if index is None:
            self.unplaced = True
            shown = "".join(pending[-2:]) + line.label
            again = next(
                (
                    row
                    for row in self.spec.rows
                    if row.key in self.rows and _last_match_end(row, normalize(line.label)) >= 0
                ),
                None,
            )
            where_zh, where_en = line.location.describe(), line.location.describe("en")
            self.problems.append(
                _problem(
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
                    f"row “{spec_row.name_en}” needs {count} numbers but {found} were found "
                    f"({line.location.describe('en')}); cannot place them in columns",
                )
            )
        if source == "label":
            printed = _printed_label(spec_row, [*pending, line.label])
            if misread(spec_row, printed):
                # Its pattern still matched, but a character is printed in another form.
                self._note_label(spec_row, printed, line)
        elif source == "similar":
            printed = _similar_label(self.spec, spec_row, [*pending, line.label])
            self._note_label(spec_row, printed, line)
        else:
            printed = line.label
        self.open_label = spec_row.key
        self.rows[spec_row.key] = Row(
            key=spec_row.key,
            label=printed,
            cells=self._cells(spec_row.key, cells),
            source=source if cells is not None else "absent",
        )
        self.last = max(self.last, index)

    def _match_similar(self, parts: list[str], line: TableLine) -> int | None:
        """The row a label no pattern matches stands for, by similarity and official order: a
        row not yet placed, before the row the next recognised line names, whose cell count the
        line's numbers fill. Two rows that fit equally are a read problem (`_AMBIGUOUS`)."""
        bound = self._next_named()
        candidates = [
            index
            for index in range(self.last + 1, bound)
            if self.spec.rows[index].key not in self.rows and fit(line.values, self._count(index)) is not None
        ]
        scored = sorted(
            ((similarity(self.spec, self.spec.rows[index], parts), index) for index in candidates), reverse=True
        )
        if not scored:
            return None
        best, index = scored[0]
        if len(scored) == 1 and containment(self.spec, self.spec.rows[index], parts) >= _CONTAINED_ALONE:
            return index
        if best < (_SIMILAR_ALONE if len(scored) == 1 else _SIMILAR):
            return None
        rivals = [other for score, other in scored[1:] if score >= best - _TIE]
        if not rivals:
            return index
        names = [self.spec.rows[i].name for i in sorted([index, *rivals])]
        names_en = [self.spec.rows[i].name_en for i in sorted([index, *rivals])]
        shown = "".join(parts[-2:])
        self.unplaced = True
        problem = _problem(
            self.spec,
            f"「{shown}」（{line.location.describe()}）与{'、'.join(f'「{n}」' for n in names)}同样相近，"
            "无法确定是哪一行；该表不作检查",
            f"row “{shown}” (at {line.location.describe('en')}) fits {' and '.join(f'“{n}”' for n in names_en)} equally; "
            "cannot tell which, so this table is not checked",
        )
        self.problems.append(problem.model_copy(update={"unchecked": True}))
        return _AMBIGUOUS

    def _next_named(self) -> int:
        """The row the next numbered lines name by their labels (the bound of a similar label),
        or the end of the table."""
        seen = 0
        for line in self.lines[self.position + 1 :]:
            if not line.has_numbers:
                continue
            seen += 1
            found = self._match(normalize(line.label)) if has_letters(line.label) else None
            if found is not None:
                return found
            if seen >= _LOOKAHEAD:
                break
        return len(self.spec.rows)

    def _note_label(self, row: RowSpec, printed: str, line: TableLine) -> None:
        self.notes[row.key] = ReadNote(
            kind="label",
            table=self.spec.key,
            row=row.key,
            printed=printed,
            expected=row.label,
            location=line.location,
        )
        self.open_label = row.key

    def _continues_label(self, line: TableLine) -> bool:
        """Join a label-only line to the row just placed when it completes that row's label: the
        rest of a label carried over a page end, or printed below the numbers (unruled tables
        centre a wrapped label on its numbers). A line that names a later row, or carries another
        list number, starts the next label instead. Said true when joined."""
        key = self.open_label
        if key is None or not has_letters(line.label) or self._match(normalize(line.label)) is not None:
            return False
        row, spec_row = self.rows[key], self.spec.row(key)
        own, printed = item_number(normalize(spec_row.label)), item_number(normalize(line.label))
        joined = row.label + line.label
        gain = similarity(self.spec, spec_row, [joined]) - similarity(self.spec, spec_row, [row.label])
        if (printed is not None and printed != own) or _HEADED.search(line.label) or gain <= _JOIN_GAIN:
            self.open_label = None
            return False
        self.rows[key] = row.model_copy(update={"label": joined})
        if key not in self.notes:
            return True
        if _printed_exactly(self.spec, spec_row, joined):
            # Whole again: the label was only broken by the page, not misprinted.
            del self.notes[key]
            self.rows[key] = self.rows[key].model_copy(update={"source": "label"})
        else:
            self.notes[key] = self.notes[key].model_copy(update={"printed": joined})
        return True

    def _count(self, index: int) -> int:
        return len(_columns(self.spec, self.spec.rows[index].key, self.missing))

    def _cells(self, row: str, tokens: Sequence[Token] | None) -> dict[str, Cell]:
        return _cells(self.spec, row, tokens, self.missing)

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
                key=spec_row.key, label=printed, cells=self._cells(spec_row.key, cells), source="label"
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
            cells = fit(line.values, len(self.spec.columns) - len(self.missing))
            if cells is None:
                return False
            self.substitutes[substitute.key] = Row(
                key=substitute.key, label=line.label or substitute.label, cells=self._cells(substitute.key, cells)
            )
            for key in substitute.replaces:
                self.rows[key] = Row(key=key, label="", cells=self._cells(key, None), source="replaced")
            self.last = max(replaced)
            return True
        return False

    def _match(self, label: str, before: int | None = None) -> int | None:
        """The later row (before row `before`, if given) whose pattern ends nearest the end of `label`."""
        best, best_end = None, -1
        for index in range(self.last + 1, len(self.spec.rows) if before is None else before):
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
                self.rows[row.key] = Row(key=row.key, label=row.label, cells=self._cells(row.key, None), source="blank")
                self.last = index

    def _finish(self) -> TableRead:
        if not self.rows:
            problem = _problem(self.spec, "没有读到任何数据行", "no data rows found")
            return TableRead(None, (*self.problems, problem), empty=not self.problems)
        rows: dict[str, Row] = {}
        missing: list[RowSpec] = []
        for spec_row in self.spec.rows:
            found = self.rows.get(spec_row.key)
            if found is None:
                missing.append(spec_row)
                found = Row(key=spec_row.key, label="", cells=self._cells(spec_row.key, None), source="absent")
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
                _problem(
                    self.spec,
                    f"缺少 {len(names)} 行：{shown}（表格可能被截断或标签无法识别）",
                    f"rows missing ({len(names)}): {', '.join(f'“{row.name_en}”' for row in missing[:3])}{', …' if len(names) > 3 else ''} "
                    "(table cut off or labels not recognised)",
                )
            )
        table = Table(key=self.spec.key, rows=rows, substitutes=self.substitutes)
        return TableRead(table, tuple(self.problems), tuple(notes), glued=tuple(self.glued))


def _similar_label(spec: TableSpec, row: RowSpec, parts: list[str]) -> str:
    """The tail of the label lines that fits the row best, as printed."""
    tails = ["".join(parts[start:]) for start in range(len(parts) - 1, -1, -1)]
    return max(tails[:3], key=lambda tail: similarity(spec, row, [tail]))


def _printed_exactly(spec: TableSpec, row: RowSpec, label: str) -> bool:
    """True when `label` names the row as the format accepts it: by one of its patterns (as
    matching does), or with nothing but punctuation and list numbering apart from one of its forms."""
    return _last_match_end(row, normalize(label)) >= 0 or core(normalize(label)) in forms(spec, row)


def _printed_label(row: RowSpec, parts: list[str]) -> str:
    """The shortest tail of the label lines that still names the row, as printed."""
    for start in range(len(parts) - 1, -1, -1):
        text = "".join(parts[start:])
        if _last_match_end(row, normalize(text)) >= 0:
            return text
    return parts[-1]
