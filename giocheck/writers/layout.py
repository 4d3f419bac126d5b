"""The standard layout of a report as blocks: paragraphs and the official grids with merged cells.

The HTML, DOCX and PDF writers draw these blocks; the shapes come from the format data
(groups of rows and columns), as in the national format: T2 in groups under their
`第二十条第（…）项` rows, T3 with the note cell over the row labels and the 申请人情况 header,
T4 under its three header rows. Blank cells stay blank (or keep their placeholder), never 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import Any, Literal

import attrs

from giocheck.extract.tokens import PLACEHOLDERS
from giocheck.formats import TableSpec, report_format, table_specs
from giocheck.labels import normalize
from giocheck.model import AnnualReport, Cell, Table

TITLE = "{year}年政府信息公开工作年度报告"


@attrs.frozen
class Span:
    """One cell of a grid and how many rows and columns it covers."""

    text: str
    rows: int = 1
    columns: int = 1
    header: bool = False
    ref: str | None = None  # the cell's address (`T3.NEW.NP`) for a value, so a page can mark it


@attrs.frozen
class Paragraph:
    """A line of prose: the agency, the title, a section heading, text, or a signature line."""

    text: str
    kind: Literal["agency", "title", "heading", "text", "signature"] = "text"


@attrs.frozen
class Grid:
    """One official table: its rows of spans and its width in grid columns."""

    key: str
    width: int
    rows: tuple[tuple[Span, ...], ...]
    label_columns: int  # how many leading grid columns hold labels (for column widths)


Block = Paragraph | Grid


def blocks(report: AnnualReport) -> list[Block]:
    """The report in reading order: agency, title, the opening text, each section with its
    tables, and the signature."""
    meta = report.metadata
    found: list[Block] = [
        Paragraph(meta.agency or "", "agency"),
        Paragraph(TITLE.format(year=meta.year or ""), "title"),
        *(Paragraph(line) for line in opening_lines(report)),
    ]
    found.extend(_sections(report))
    found.extend(Paragraph(line, "signature") for line in report.closing.splitlines() if line.strip())
    return found


def opening_lines(report: AnnualReport) -> list[str]:
    """The text before part 一 (统计期限, contacts …) without the title lines, which the
    writers print from the metadata: a line that is only the agency, the year and the words
    of the title (in any order, spaced or not) is the title."""
    meta = report.metadata
    kept = []
    for line in report.preamble.splitlines():
        rest = re.sub(r"\s+", "", line)
        for part in (meta.agency or "", f"{meta.year}年" if meta.year else "", "政府信息公开工作年度报告"):
            rest = rest.replace(part, "", 1) if part else rest
        if rest and line.strip():
            kept.append(line)
    return kept


def _sections(report: AnnualReport) -> list[Block]:
    found: list[Block] = []
    spec = report_format(report)
    if spec is None:
        return found
    bodies = {s.key: s for s in report.sections}
    for section in spec.sections:
        body = bodies.get(section.key)
        found.append(Paragraph(body.heading if body else section.label, "heading"))
        tables = [
            (t, report.tables[t.key])
            for t in table_specs(report)
            if t.section == section.key and t.key in report.tables
        ]
        if body and body.text:
            found.extend(Paragraph(line) for line in _prose(body.text, [t for t, _table in tables]) if line.strip())
        found.extend(grid(table_spec, table) for table_spec, table in tables)
    return found


def _prose(text: str, tables: Sequence[TableSpec]) -> list[str]:
    """The section's prose: a section read from a report file also holds its tables' lines,
    which the grids draw again, so the text stops where the first table starts (its anchor)."""
    lines = text.splitlines()
    anchors = [re.compile(anchor) for spec in tables for anchor in spec.anchors]
    for index, line in enumerate(lines):
        if any(anchor.search(normalize(line)) for anchor in anchors):
            return lines[:index]
    return lines


def prose_only(report: AnnualReport) -> AnnualReport:
    """A copy whose section texts stop where their tables start (see `_prose`), for writers
    that print section text and tables separately, such as the text writer."""
    spec = report_format(report)
    if spec is None:
        return report
    sections = []
    for section in report.sections:
        tables = [t for t in table_specs(report) if t.section == section.key and t.key in report.tables]
        sections.append(section.model_copy(update={"text": "\n".join(_prose(section.text, tables))}))
    return report.model_copy(update={"sections": sections})


def grid(spec: TableSpec, table: Table) -> Grid:
    """The official grid of one table, with the rows the report printed (see `printed_rows`)."""
    spec = printed_rows(spec, table)
    if spec.sub_tables:
        return _t2(spec, table)
    if spec.single_row:
        return _single_row(spec, table)
    return _many_rows(spec, table)


def cell_text(cell: Cell) -> str:
    """What a cell shows: its number, or its placeholder (empty when it had none)."""
    if cell.value is None:
        return cell.raw if cell.raw in PLACEHOLDERS else ""
    return str(cell.value)


def positions(rows: Sequence[Sequence[Span]]) -> Iterator[tuple[int, int, Span]]:
    """(row, column, span) of every span, placing each after the cells merged down into its row."""
    covered: set[tuple[int, int]] = set()
    for row_index, spans in enumerate(rows):
        column = 0
        for span in spans:
            while (row_index, column) in covered:
                column += 1
            yield row_index, column, span
            covered.update(
                (row_index + down, column + right) for down in range(span.rows) for right in range(span.columns)
            )
            column += span.columns


def _values(spec: TableSpec, table: Table, row: str) -> list[Span]:
    """The row's cells in the format's column order; a cell or row the report lacks is blank."""
    return [
        Span(cell_text(cell), ref=f"{spec.key}.{row}.{column}")
        for cell, column in zip(cells_in_order(spec, table, row), spec.row_columns(row), strict=True)
    ]


def printed_rows(spec: TableSpec, table: Table) -> TableSpec:
    """The table's layout with the rows and columns the report printed: a row reading found
    `absent`, or a column the table was printed without, is left out rather than written blank, and a substitute row (the 2019 `（六）其他处理` in a
    2021 table) stands where its rows would, so that reading the written file gives back what
    was read. A row a program simply left out of `Table.rows` is written blank, as the format has it."""
    rows: list[dict[str, Any]] = []
    for index, row in enumerate(spec.rows):
        substitute = next(
            (s for s in spec.substitutes if s.replaces[0] == row.key and s.key in table.substitutes), None
        )
        if substitute is not None:
            start = index
            while start > 0 and spec.rows[start - 1].group is not None:
                start -= 1
            label = table.substitutes[substitute.key].label or substitute.label
            rows.append({"key": substitute.key, "label": label, "group": spec.rows[start].group})
        found = table.rows.get(row.key)
        if found is None or found.source not in ("absent", "replaced"):
            rows.append(row.model_dump())
    # Columns the report printed the table without stay out too.
    columns = [column.model_dump() for column in spec.columns if column.key not in table.missing_columns]
    for row_data in rows:
        own = row_data.get("columns")
        if own is not None:
            row_data["columns"] = [key for key in own if key not in table.missing_columns]
    return TableSpec.model_validate(
        {**spec.model_dump(), "rows": rows, "columns": columns, "groups": [], "substitutes": []}
    )


def cells_in_order(spec: TableSpec, table: Table, row: str) -> list[Cell]:
    """A row's cells in the format's column order, whatever order the report lists them in;
    a cell or row the report lacks is a blank cell."""
    found = table.rows.get(row) or table.substitutes.get(row)
    cells = found.cells if found is not None else {}
    return [cells.get(column) or Cell(value=None) for column in spec.row_columns(row)]


def _t2(spec: TableSpec, table: Table) -> Grid:
    width = 1 + max(len(spec.row_columns(row.key)) for row in spec.rows)
    rows: list[tuple[Span, ...]] = []
    for group, members in groupby(spec.rows, key=lambda r: r.group or ""):
        keys = [r.key for r in members]
        labels = [Span(spec.column(c).label, header=True) for c in spec.row_columns(keys[0])]
        rows.append((Span(group, columns=width, header=True),))
        rows.append((Span("信息内容", header=True), *_widen(labels, width - 1)))
        for key in keys:
            rows.append((Span(spec.row(key).label), *_widen(_values(spec, table, key), width - 1)))
    return Grid(spec.key, width, tuple(rows), label_columns=1)


def _widen(spans: list[Span], width: int) -> list[Span]:
    """The last span stretched so that the row fills `width` columns."""
    extra = width - sum(s.columns for s in spans)
    if extra > 0 and spans:
        last = spans[-1]
        spans = [*spans[:-1], attrs.evolve(last, columns=last.columns + extra)]
    return spans


def _many_rows(spec: TableSpec, table: Table) -> Grid:
    columns = spec.columns
    width = 3 + len(columns)
    top: list[Span] = [
        Span(spec.note or "", rows=3, columns=3, header=True),
        Span("申请人情况", columns=len(columns), header=True),
    ]
    middle: list[Span] = []
    for group, members in groupby(columns, key=lambda c: c.group or ""):
        items = list(members)
        if group:
            middle.append(Span(group, columns=len(items), header=True))
        else:
            middle.extend(Span(c.label, rows=2, header=True) for c in items)
    bottom = [Span(c.label, header=True) for c in columns if c.group]
    rows: list[tuple[Span, ...]] = [tuple(top), tuple(middle), tuple(bottom)]
    index = 0
    while index < len(spec.rows):
        row = spec.rows[index]
        if row.group is None:
            rows.append((Span(row.label, columns=3), *_values(spec, table, row.key)))
            index += 1
            continue
        end = index
        while end < len(spec.rows) and spec.rows[end].group is not None:
            end += 1
        rows.extend(_grouped_rows(spec, table, index, end))
        index = end
    return Grid(spec.key, width, tuple(rows), label_columns=3)


def _grouped_rows(spec: TableSpec, table: Table, start: int, end: int) -> list[tuple[Span, ...]]:
    """A run of grouped rows: the outer group (`三、本年度办理结果`) down the first column, the
    rows of that group over two label columns, and sub-groups (`（三）不予公开`) down the second."""
    outer = spec.rows[start].group or ""
    found: list[tuple[Span, ...]] = []
    first = True
    for group, members in groupby(spec.rows[start:end], key=lambda r: r.group or ""):
        items = list(members)
        for position, row in enumerate(items):
            spans = [Span(outer, rows=end - start)] if first else []
            first = False
            if group == outer:
                spans.append(Span(row.label, columns=2))
            else:
                if position == 0:
                    spans.append(Span(group, rows=len(items)))
                spans.append(Span(row.label))
            found.append((*spans, *_values(spec, table, row.key)))
    return found


def _single_row(spec: TableSpec, table: Table) -> Grid:
    columns = spec.columns
    nested = any("·" in (c.group or "") for c in columns)
    depth = 3 if nested else 2
    top: list[Span] = []
    middle: list[Span] = []
    for outer, members in groupby(columns, key=lambda c: (c.group or c.label).split("·")[0]):
        items = list(members)
        top.append(Span(outer, columns=len(items), header=True))
        for inner, parts in groupby(items, key=lambda c: c.group or ""):
            part = list(parts)
            if "·" in inner:
                middle.append(Span(inner.split("·", 1)[1], columns=len(part), header=True))
            else:
                middle.extend(Span(c.label, rows=depth - 1, header=True) for c in part)
    bottom = [Span(c.label, header=True) for c in columns if "·" in (c.group or "")]
    header = [tuple(top), tuple(middle), tuple(bottom)] if nested else [tuple(top), tuple(middle)]
    return Grid(spec.key, len(columns), (*header, tuple(_values(spec, table, spec.rows[0].key))), label_columns=0)
