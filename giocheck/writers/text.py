"""Write an `AnnualReport` as text in the standard layout: tab-separated official grids.

The layout is the one Word and PDF exports give (and the text reader reads): a group label
on its first item's line, the T3 note and headers above the rows, T4 under a 3-line header.
Blank cells are written as their placeholder (`—` when the report kept none), never as 0.
"""

from __future__ import annotations

from itertools import groupby

from giocheck.extract.tokens import PLACEHOLDERS
from giocheck.formats import TableSpec, report_format, table_specs
from giocheck.model import AnnualReport, Cell, Table
from giocheck.writers.layout import cells_in_order, opening_lines, printed_rows

_TITLE = "{year}年政府信息公开工作年度报告"


def write_text(report: AnnualReport) -> str:
    """The report as text: title, opening text, sections with their tables, signature."""
    meta = report.metadata
    lines = [meta.agency or "", _TITLE.format(year=meta.year or ""), *opening_lines(report)]
    spec = report_format(report)
    bodies = {s.key: s for s in report.sections}
    sections = spec.sections if spec is not None else []
    for section in sections:
        found = bodies.get(section.key)
        lines.append(found.heading if found else section.label)
        if found and found.text:
            lines.append(found.text)
        for table_spec in table_specs(report):
            table = report.tables.get(table_spec.key)
            if table_spec.section == section.key and table is not None:
                lines.extend(_table_lines(table_spec, table))
    lines.extend(line for line in report.closing.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def _value(cell: Cell) -> str:
    if cell.value is None:
        return cell.raw if cell.raw in PLACEHOLDERS else "—"
    return str(cell.value)


def _table_lines(spec: TableSpec, table: Table) -> list[str]:
    spec = printed_rows(spec, table)
    if spec.sub_tables:
        return _t2_lines(spec, table)
    if spec.single_row:
        return _single_row_lines(spec, table)
    return _grid_lines(spec, table)


def _t2_lines(spec: TableSpec, table: Table) -> list[str]:
    lines = []
    for group, rows in groupby(spec.rows, key=lambda r: r.group or ""):
        keys = [r.key for r in rows]
        columns = spec.row_columns(keys[0])
        width = max(3, len(columns))
        lines.append(group + "\t" * width)
        headers = [spec.column(c).label for c in columns]
        lines.append("\t".join(["信息内容", *headers]) + "\t" * (width - len(columns)))
        for key in keys:
            cells = [_value(c) for c in cells_in_order(spec, table, key)]
            lines.append("\t".join([spec.row(key).label, *cells]) + "\t" * (width - len(cells)))
    return lines


def _grid_lines(spec: TableSpec, table: Table) -> list[str]:
    lines = [f"{spec.note or ''}\t申请人情况"]
    grouped = [c for c in spec.columns if c.group]
    first_group = (grouped[0].group or "") if grouped else ""
    top = [c.label if not c.group else (first_group if c is grouped[0] else "") for c in spec.columns]
    lines.append("\t\t" + "\t".join(top))
    lines.append("\t\t" + "\t".join(c.label if c.group else "" for c in spec.columns))
    previous = None
    for row_spec in spec.rows:
        group = row_spec.group or ""
        shown = group if group != previous else ""
        previous = group
        cells = [_value(c) for c in cells_in_order(spec, table, row_spec.key)]
        lines.append("\t".join([shown, row_spec.label, *cells]))
    return lines


def _single_row_lines(spec: TableSpec, table: Table) -> list[str]:
    groups = [c.group or "" for c in spec.columns]
    top = [
        g.split("·")[0] if i == 0 or groups[i - 1].split("·")[0] != g.split("·")[0] else ""
        for i, g in enumerate(groups)
    ]
    middle = [
        (g.split("·")[1] if "·" in g else spec.columns[i].label) if i == 0 or groups[i - 1] != g or "·" not in g else ""
        for i, g in enumerate(groups)
    ]
    bottom = [c.label if "·" in (c.group or "") else "" for c in spec.columns]
    return [
        "\t".join(top),
        "\t".join(middle),
        "\t".join(bottom),
        "\t".join(_value(c) for c in cells_in_order(spec, table, spec.rows[0].key)),
    ]
