"""Rows printed without cell separators (web pages crawled with their tags stripped).

`本年新收政府信息公开申请数量 452000047` is 45, 2, 0, 0, 0, 0, 47: the digits of a row ran
together. Table reading keeps such a row as a `GluedRow` instead of giving up on it
(`glued_row`); once every table of the report is read, `recover` cuts all glued rows jointly
so that the format's equations hold (`giocheck.engine.relations`, read from the rule files;
the search is in `giocheck.extract.splits`). One way → the cells, marked `recovered`, and a
note on the report; several ways → a read problem naming the candidates; none → a read
problem saying the digits cannot be separated.

`unglue_lines` separates what the crawl ran together on one line before rows are placed: a
label and its digits (`…申请数量452000047`), and rows that follow each other, where the next
item's ordinal sticks to the digits (`…1200000122.没有现成…`: `2.` begins the next label).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from giocheck.document import Fragment, Line
from giocheck.engine.findings import CellRef
from giocheck.engine.relations import equations
from giocheck.extract.gluedtext import agrees, telling
from giocheck.extract.splits import Linear, Run, Split, components, search, splits
from giocheck.extract.tokens import PLACEHOLDERS, Token, is_value
from giocheck.formats import FormatSpec, TableSpec, report_format
from giocheck.labels import normalize
from giocheck.limits import current_limits
from giocheck.model import AnnualReport, Cell, ReadNote, ReadProblem, Row, RowSource, Table
from giocheck.naming import row_phrase, table_name
from giocheck.words import say

# Digits stuck to the label text before them (a Chinese character or a closing bracket or quote);
# after one space too when the next label is stuck to
# them (`…申请 10000012.申请人…`), which a row printed apart (`重复申请 25 0 …`) never is.
# A crawl keeps a cell's stray spaces (`&nbsp;` beside its number): more runs of the same row
# may follow after single spaces (`…数量230 000023二、…`, `…办理 0 0 00 00 0 四、…`), taken
# when the next label (stuck, or after one space) ends them.
_NEXT = r"(?=[^\s\d.,、．]|[.、．](?!\d)|\s[\u4e00-\u9fff])"
_STUCK = re.compile(
    r"(?<=[\u4e00-\u9fff）)」”])(?:(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+(?![.、．]))?)"
    rf"(?P<more>(?:\s\d+)+{_NEXT})?|\s(?P<spaced>\d+(?:\s\d+)*){_NEXT})"
)
_ORDINAL = re.compile(r"[.、．](?!\d)")
_SHOWN = 3  # candidate splits a read problem lists


@attrs.frozen
class GluedRow:
    """A row whose value pieces are fewer than its cells: digit runs that lost their separators."""

    table: str
    row: str
    tokens: tuple[Token, ...]
    source: RowSource = "label"


def glued_row(spec: TableSpec, row: str, values: Sequence[Token], source: RowSource = "label") -> GluedRow | None:
    """`values` kept as a glued row of `row` when they could be its cells run together: one long
    run of digits or a few (at most half as many pieces as cells: a row one number short is a
    cell left out, not digits run together — unless a piece starts with a 0 no count is printed
    with, `0 0 00 00 0`), each a run of digits or one cell, with digits enough for every cell."""
    if not spec.has_row(row) or any(spec.column(c).type == "money" for c in spec.row_columns(row)):
        return None
    pieces = tuple(token for token in values if token.text)
    count = len(spec.row_columns(row))
    if not pieces or not all(_is_count(token.text) for token in pieces):
        return None
    if len(pieces) > max(1, count // 2) and not any(_run_of_cells(token.text) for token in pieces):
        return None
    digits = sum(len(token.text) if token.text.isdigit() else 1 for token in pieces)
    if digits < count or digits > count * current_limits().number_digits:
        return None  # too few digits for the cells, or far too many for any counts
    return GluedRow(spec.key, row, pieces, source)


def _run_of_cells(text: str) -> bool:
    """Digits no single count is printed as (`00`, `023`): cells run together, however many pieces."""
    return len(text) > 1 and text.isdigit() and text[0] == "0"


def _is_count(text: str) -> bool:
    """A placeholder, or a whole number (`3,119`; plain digits may be several cells)."""
    return text in PLACEHOLDERS or (text.replace(",", "").isascii() and text.replace(",", "").isdigit())


def _count(text: str) -> int | None:
    """The value of a piece that is one cell: None for a placeholder."""
    return None if text in PLACEHOLDERS else int(text.replace(",", ""))


def recover(report: AnnualReport, glued: Sequence[GluedRow]) -> AnnualReport:
    """`report` with every glued row cut into its cells so that the format's equations hold,
    all rows jointly; where several cuts do, the one on which the text's stated numbers agree
    with the tables. Rows cut one way are marked `recovered` and noted; the others are read problems."""
    spec = report_format(report)
    if not glued or spec is None:
        return report
    runs = [_run(spec, row) for row in glued]
    unknown = {ref for run in runs for ref in run.cells}
    owner = {ref: index for index, run in enumerate(runs) for ref in run.cells}
    local: list[list[Linear]] = [[] for _ in runs]
    across = []
    for linear in _linears(spec, report.tables, unknown):
        touched = {owner[ref] for ref, _ in linear.terms}
        if len(touched) == 1:
            local[touched.pop()].append(linear)
        else:
            across.append(linear)
    candidates = [splits(run, local[index]) for index, run in enumerate(runs)]
    # A row no cut fits on its own is said so alone; the equations it is in say nothing more.
    live = [index for index, options in enumerate(candidates) if options]
    across = [linear for linear in across if all(candidates[owner[ref]] for ref, _ in linear.terms)]
    found: dict[int, Split] = {}
    by_text: set[int] = set()
    told_by: dict[int, tuple[str, ...]] = {}
    open_rows: dict[int, list[Split]] = {}
    problems = [_unresolved(spec, [glued[index]], []) for index, options in enumerate(candidates) if not options]
    for group, tied in components([runs[index] for index in live], across):
        members = [live[position] for position in group]
        result = search([runs[m] for m in members], [candidates[m] for m in members], tied)
        solutions: Sequence[tuple[Split, ...]] = result.solutions
        if result.complete and not solutions:
            # No cut lets every equation hold: the agency's own numbers break one (a finding on
            # the tables, once read). A row its own equations cut one way is kept; the rest are said.
            for member in members:
                if len(candidates[member]) == 1:
                    found[member] = candidates[member][0]
                else:
                    open_rows[member] = candidates[member]
            continue
        if result.complete and len(solutions) > 1:
            told = _told(report, spec, [glued[m] for m in members], solutions)
            if told:
                newly = sorted(_decided(told) - _decided(solutions))
                by_text.update(members[position] for position in newly)
                rows = [glued[members[position]] for position in newly]
                sentences = telling(_cut(report, spec, [glued[m] for m in members], told[0]), _cells(spec, rows))
                told_by.update((members[position], sentences) for position in newly)
                solutions = told
        for position, member in enumerate(members):
            ways = list(dict.fromkeys(solution[position] for solution in solutions))
            if result.complete and len(ways) == 1:
                found[member] = ways[0]
            else:
                open_rows[member] = ways or candidates[member]
    problems.extend(_unresolved(spec, [glued[index]], ways) for index, ways in open_rows.items())
    recovered = [glued[index] for index in sorted(found)]
    return report.model_copy(
        update={
            "tables": _filled(spec, report.tables, glued, found),
            "problems": [*report.problems, *problems],
            "notes": [*report.notes, *_notes(spec, recovered, {glued[i]: told_by.get(i, ()) for i in by_text})],
        }
    )


def _decided(solutions: Sequence[tuple[Split, ...]]) -> set[int]:
    """The positions whose split is the same in every solution."""
    return {position for position in range(len(solutions[0])) if len({s[position] for s in solutions}) == 1}


def _cells(spec: FormatSpec, rows: Sequence[GluedRow]) -> set[CellRef]:
    return {
        CellRef(row.table, row.row, column) for row in rows for column in spec.table(row.table).row_columns(row.row)
    }


def _told(
    report: AnnualReport, spec: FormatSpec, rows: Sequence[GluedRow], solutions: Sequence[tuple[Split, ...]]
) -> list[tuple[Split, ...]]:
    """The solutions under which no number the text states disagrees with a cell of `rows`."""
    cells = _cells(spec, rows)
    return [solution for solution in solutions if agrees(_cut(report, spec, rows, solution), cells)]


def _cut(report: AnnualReport, spec: FormatSpec, rows: Sequence[GluedRow], solution: tuple[Split, ...]) -> AnnualReport:
    return report.model_copy(update={"tables": _filled(spec, report.tables, rows, dict(enumerate(solution)))})


def _run(spec: FormatSpec, glued: GluedRow) -> Run:
    columns = spec.table(glued.table).row_columns(glued.row)
    pieces = tuple(token.text for token in glued.tokens)
    fixed = tuple((index, _count(text)) for index, text in enumerate(pieces) if not text.isdigit())
    return Run(tuple(CellRef(glued.table, glued.row, c) for c in columns), pieces, fixed)


def _linears(spec: FormatSpec, tables: dict[str, Table], unknown: set[CellRef]) -> Iterator[Linear]:
    """The format's equations over the glued cells, with the cells read as printed folded in;
    an equation with a blank or missing cell says nothing and is left out."""
    for equation in equations(spec):
        if not equation.cells & unknown:
            continue
        constant, terms = 0, []
        for ref, weight in equation.terms:
            if ref in unknown:
                terms.append((ref, weight))
                continue
            table = tables.get(ref.table)
            row = None if table is None else table.rows.get(ref.row)
            cell = None if row is None or row.source in ("absent", "replaced") else row.cells.get(ref.column)
            if cell is None or not isinstance(cell.value, int):
                break
            constant += weight * cell.value
        else:
            yield Linear(tuple(terms), constant)


def _filled(
    spec: FormatSpec, tables: dict[str, Table], glued: Sequence[GluedRow], found: dict[int, Split]
) -> dict[str, Table]:
    """The tables with the glued rows that were cut one way filled in, their cells marked recovered."""
    result = dict(tables)
    for index, split in found.items():
        row = glued[index]
        table = result[row.table]
        columns = spec.table(row.table).row_columns(row.row)
        location = row.tokens[0].location
        # Blank cells are the placeholders printed among the digits, in order.
        placeholders = iter([token.text for token in row.tokens if token.text in PLACEHOLDERS])
        cells = {
            column: Cell(
                value=value,
                raw=str(value) if value is not None else next(placeholders, ""),
                location=location,
                recovered=True,
            )
            for column, value in zip(columns, split, strict=True)
        }
        rebuilt = Row(key=row.row, label=table.rows[row.row].label, cells=cells, source=row.source)
        result[row.table] = table.model_copy(update={"rows": {**table.rows, row.row: rebuilt}})
    return result


def _digits(glued: GluedRow) -> str:
    return " ".join(token.text for token in glued.tokens)


def _row_name(spec: FormatSpec, glued: GluedRow, lang: str = "zh") -> str:
    table = spec.table(glued.table)
    return table_name(table, lang) if table.single_row else row_phrase(table, glued.row, lang)


def _unresolved(spec: FormatSpec, rows: Sequence[GluedRow], ways: list[Split]) -> ReadProblem:
    """A read problem for glued rows cut several `ways`, or (no ways) that cannot be cut so
    that the table's relations hold: one row alone, or several only together."""
    first = rows[0]
    table = spec.table(first.table)
    where = first.tokens[0].location
    name, digits = _row_name(spec, first), _digits(first)
    if len(rows) > 1:
        names = "、".join(_row_name(spec, row).removeprefix(table.name_zh) for row in rows[:_SHOWN])
        keys = "; ".join(f"“{table.row_name(row.row, 'en')}”" for row in rows[:_SHOWN])
        keys += ", …" if len(rows) > _SHOWN else ""
        return ReadProblem(
            table=first.table,
            message_zh=f"{table.name_zh}{names}{f'等 {len(rows)} 行' if len(rows) > _SHOWN else ''}的数字连在一起"
            f"（{where.describe()}起），各行虽能单独拆分，但没有一种拆分能同时满足表内勾稽关系，请核对原表",
            message_en=f"{table.name_en}: digits run together in rows {keys} ({where.describe('en')} on); "
            "each row can be cut alone, but no cuts satisfy the table's relations together",
        )
    count = len(table.row_columns(first.row))
    if not ways:
        return ReadProblem(
            table=first.table,
            message_zh=f"{name}的数字「{digits}」连在一起（{where.describe()}），"
            f"无法拆分为 {count} 个满足表内勾稽关系的数字，请核对原表",
            message_en=f"{_row_name(spec, first, 'en')}: digits “{digits}” run together "
            f"({where.describe('en')}) and cannot be separated into {count} numbers that satisfy the table's relations",
        )
    shown = "；".join("/".join("—" if v is None else str(v) for v in way) for way in ways[:_SHOWN])
    shown_en = "; ".join(" ".join("-" if v is None else str(v) for v in way) for way in ways[:_SHOWN])
    more = "等" if len(ways) > _SHOWN else ""
    return ReadProblem(
        table=first.table,
        message_zh=f"{name}的数字「{digits}」连在一起（{where.describe()}），有多种拆分都满足表内勾稽关系"
        f"（{shown}{more}），无法确定（ambiguous）",
        message_en=f"{_row_name(spec, first, 'en')}: digits “{digits}” run together "
        f"({where.describe('en')}); ambiguous, several splits satisfy the table's relations: {shown_en}"
        f"{' …' if more else ''}",
    )


def _notes(spec: FormatSpec, recovered: list[GluedRow], by_text: dict[GluedRow, tuple[str, ...]]) -> list[ReadNote]:
    """One note per table naming the rows whose digits were separated; where the numbers the
    text states chose among the cuts, the rows so decided and the sentences quoted."""
    notes = []
    for key in dict.fromkeys(row.table for row in recovered):
        rows = [row for row in recovered if row.table == key]
        names = "、".join(_row_name(spec, row).removeprefix(spec.table(key).name_zh) for row in rows[:_SHOWN])
        more = f"等 {len(rows)} 行" if len(rows) > _SHOWN else ""
        keys = ", ".join(f"“{spec.table(key).row_name(row.row, 'en')}”" for row in rows)
        text = any(row in by_text for row in rows)
        told = _told_words(spec, [row for row in rows if row in by_text], by_text)
        notes.append(
            ReadNote(
                kind="recovered",
                table=key,
                names=[spec.table(key).row(row.row).label for row in rows],
                message_zh=f"{spec.table(key).name_zh}{names}{more}的数字之间没有分隔（如网页去掉标签后的文字）；"
                f"只有一种拆分与表内勾稽关系{'及正文所述数字' if text else ''}相符，已按其读取，请核对{told[0]}",
                message_en=f"{spec.table(key).name_en}: digits printed without cell separators in {keys}; "
                f"read as the only split the table's relations{' and the numbers the text states' if text else ''} "
                f"allow{told[1]}",
            )
        )
    return notes


def _told_words(spec: FormatSpec, rows: list[GluedRow], by_text: dict[GluedRow, tuple[str, ...]]) -> tuple[str, str]:
    """What a note adds for the rows whose cut the text chose: the rows and the sentences quoted."""
    sentences = tuple(dict.fromkeys(sentence for row in rows for sentence in by_text[row]))
    if not sentences:
        return "", ""
    key = rows[0].table
    names = "、".join(_row_name(spec, row).removeprefix(spec.table(key).name_zh) for row in rows)
    keys = ", ".join(f"“{spec.table(key).row_name(row.row, 'en')}”" for row in rows)
    quoted_zh = "；".join(f"「{sentence}」" for sentence in sentences)
    quoted_en = "; ".join(f"“{sentence}”" for sentence in sentences)
    return (
        say("read.glued_by_text", "zh", rows=names, sentences=quoted_zh),
        say("read.glued_by_text", "en", rows=keys, sentences=quoted_en),
    )


def unglue_lines(spec: TableSpec, lines: Sequence[Line]) -> list[Line]:
    """`lines` with labels and digits the crawl ran together taken apart: each row of the
    table a line of its own, label and digits separate fragments. A line is changed only when
    every label it would give names a row of the table (single-row tables: digits at its end);
    only its last fragment is taken apart, earlier ones (a group label) stay with the first row."""
    result: list[Line] = []
    for line in lines:
        result.extend(_unglued(spec, line) or [line])
    return result


def _unglued(spec: TableSpec, line: Line) -> list[Line] | None:
    if not line.fragments:
        return None
    *before, fragment = line.fragments
    if any(is_value(part.text) for part in before if part.text):
        return None  # values already apart: the line is read as it is
    text = fragment.text
    segments: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    for found in _STUCK.finditer(text):
        runs = (found["number"] or "").split() + (found["more"] or found["spaced"] or "").split()
        end = found.end()
        follows = text[end:]
        if spec.single_row and follows:
            continue
        if _ORDINAL.match(follows):
            if not runs[-1].isdigit() or (len(runs[-1]) < 2 and len(runs) == 1):
                continue  # a list marker (`提供1.本机关…`), not digits of this row
            if len(runs[-1]) < 2:  # the next item's ordinal after a space (`…0 0 2.没有…`)
                end -= len(runs.pop())
            else:
                runs[-1], end = runs[-1][:-1], end - 1
        label = text[start : found.start()]
        if segments and not label.strip():
            segments[-1] = (segments[-1][0], (*segments[-1][1], *runs))
        else:
            segments.append((label, tuple(runs)))
        start = end
    if not segments or not all(spec.single_row or _names_row(spec, label) for label, _ in segments):
        return None
    where = fragment.location
    lines = [
        Line(
            (*(before if index == 0 else ()), Fragment(label, where), *(Fragment(run, where) for run in numbers)),
            line.location,
        )
        for index, (label, numbers) in enumerate(segments)
    ]
    tail = text[start:].split()
    if tail and all(is_value(word) for word in tail):
        # More of the last row's values, printed apart (`…予以公开1288210050313 62`).
        last = lines[-1]
        lines[-1] = Line((*last.fragments, *(Fragment(word, where) for word in tail)), last.location)
    elif tail:
        lines.append(Line((Fragment(text[start:].strip(), where),), line.location))
    return lines


def _names_row(spec: TableSpec, label: str) -> bool:
    text = normalize(label)
    return any(pattern.search(text) for row in spec.rows for pattern in row.patterns)
