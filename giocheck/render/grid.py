"""`giocheck show`: the tables as read, drawn as the official grids."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from itertools import groupby

import attrs
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table as Grid
from rich.text import Text

from giocheck.engine.findings import CellRef, Finding
from giocheck.formats import FormatSpec, TableSpec, report_format, table_specs
from giocheck.model import AnnualReport, Cell, Row, Table
from giocheck.profile import profile_of
from giocheck.render.text import WORDS, culprit_lines

_LEGEND = {
    "zh": "空白单元格显示为 ·，占位符（/、—、无 等）照原样显示，均不计数；? 表示报告中没有找到该行；"
    "* 表示该行无标签、按顺序对应；≠ 表示报告沿用旧格式的行",
    "en": "blank cells show as ·, placeholders (/, —, 无 …) as printed, neither counted; ? marks a row not found; "
    "* marks a row placed by order; ≠ marks an older format's row printed instead of the official ones",
}
_NARROW = {
    "zh": "终端宽 {width} 列，窄于表格：表格按其最小宽度完整输出，未截断",
    "en": "the terminal ({width} columns) is narrower than the tables: they are drawn whole at their own width",
}
_MARKED = {
    "zh": {
        "marks": "✗ 标出错误所涉的单元格，! 标出警告所涉的单元格，◆ 标出最可能填错的单元格",
        "colours": "红底为错误所涉的单元格，黄底为警告所涉的单元格，紫底为最可能填错的单元格",
    },
    "en": {
        "marks": "✗ marks the cells of an error, ! the cells of a warning, ◆ the cells most likely wrong",
        "colours": "red cells are those of an error, yellow those of a warning, magenta those most likely wrong",
    },
}
# The marker after a cell's value off a terminal, and its style on one, gravest first.
_MARK = {
    "culprit": ("◆", "bold white on magenta"),
    "error": ("✗", "bold white on red"),
    "warning": ("!", "black on yellow"),
}
# Wide enough that rich's measurement is not clamped to the terminal.
_UNBOUNDED = 10_000


@attrs.frozen
class Marks:
    """The cells `show` highlights: each with the gravest severity of the findings about it;
    `plain` (no colour): a marker after the value instead of a colour."""

    severity: dict[CellRef, str] = attrs.field(factory=dict)
    plain: bool = True

    @classmethod
    def of(cls, findings: Sequence[Finding], plain: bool) -> Marks:
        """The cells of the failing errors and warnings among `findings`, and the cells of the
        likely culprits (`Finding.suggestions`) above them."""
        gravity = list(_MARK)
        severity: dict[CellRef, str] = {}

        def mark(ref: CellRef, level: str) -> None:
            if ref not in severity or gravity.index(level) < gravity.index(severity[ref]):
                severity[ref] = level

        for finding in findings:
            if finding.status != "fail" or finding.severity not in _MARK:
                continue
            for view in finding.cells:
                mark(view.ref, finding.severity)
            for repair in finding.suggestions or ():
                for change in repair:
                    mark(change.cell, "culprit")
        return cls(severity, plain)

    def apply(self, text: Text, ref: CellRef) -> Text:
        """`text` highlighted when `ref` is one of the cells."""
        found = self.severity.get(ref)
        if found is None:
            return text
        marker, style = _MARK[found]
        if self.plain:
            return Text.assemble(text, Text(marker, style=style))
        return Text(text.plain, style=style)


def render_report(console: Console, report: AnnualReport, lang: str = "zh", findings: Sequence[Finding] = ()) -> None:
    """Metadata, sections found, problems, then each table as its official grid, the cells of
    `findings` (errors and warnings) highlighted and each table's likely culprit said under it."""
    marks = Marks.of(findings, plain=console.color_system is None)
    meta = report.metadata
    head = Text(f"{meta.agency or '?'} · {meta.year or '?'} · ", style="bold")
    head.append(f"{'格式' if lang == 'zh' else 'format'} {meta.format}")
    head.append(f" · {profile_of(meta).describe(lang)}")
    if meta.published is not None:
        head.append(f" · {'发布' if lang == 'zh' else 'published'} {meta.published.isoformat()}")
    signature = meta.signature
    if signature is not None and (signature.agency or signature.dated):
        dated = signature.dated.isoformat() if signature.dated else ""
        head.append(f" · {'落款' if lang == 'zh' else 'signed'} {signature.agency or ''} {dated}".rstrip())
    console.print(head)
    console.print(Text(meta.source or "", style="dim"))
    if meta.read_by == "ocr":
        console.print(Text(WORDS[lang]["ocr"], style="bold yellow"))
    if report.sections:
        console.print(Text("  ".join(s.heading for s in report.sections), style="dim"))
    for problem in report.problems:
        console.print(Text(f"✗ {problem.message(lang)}", style="bold red"))
    for note in report.notes:
        if note.message(lang):  # said here; the other notes are findings of their rules
            console.print(Text(f"ℹ {note.message(lang)}", style="cyan"))
    spec = report_format(report)
    if spec is None:
        return
    narrow_said = False
    for table_spec in table_specs(report):
        table = report.tables.get(table_spec.key)
        if table is None:
            continue
        console.print(Text(_title(table_spec), style="bold"))
        for grid in _grids(spec, table_spec, table, marks):
            needed = minimum_width(console, grid)
            if needed <= console.width:
                console.print(grid)
                continue
            # rich would crop or squeeze the grid (dropping columns, cutting numbers): never hide what was read.
            if not narrow_said:
                console.print(Text(_NARROW[lang].format(width=console.width), style="yellow"), soft_wrap=True)
                narrow_said = True
            grid.width = needed
            console.print(grid, crop=False)
        for culprit in _culprits(findings, table_spec.key, lang):
            console.print(Text(culprit, style="bold magenta"), soft_wrap=True)
    console.print(Text(_LEGEND[lang], style="dim"))
    if marks.severity:
        console.print(Text(_MARKED[lang]["marks" if marks.plain else "colours"], style="dim"))


def _culprits(findings: Sequence[Finding], table: str, lang: str) -> list[str]:
    """The likely culprit of `table`, as `check` says it."""
    of_table = [f for f in findings if f.status == "fail" and f.cells and f.cells[0].ref.table == table]
    return [line for lines in culprit_lines(of_table, lang).values() for line in lines]


def minimum_width(console: Console, grid: Grid) -> int:
    """The narrowest `grid` can be drawn with every cell whole (rich's `Measurement`), the label
    columns (`overflow="fold"`) folded to their own narrowest width."""
    folded = copy.copy(grid)
    folded.columns = [
        dataclasses.replace(column, max_width=column.min_width or column.max_width)
        if column.overflow == "fold"
        else column
        for column in grid.columns
    ]
    return Measurement.get(console, console.options.update_width(_UNBOUNDED), folded).minimum


def _grids(spec: FormatSpec, table_spec: TableSpec, table: Table, marks: Marks) -> list[Grid]:
    if table_spec.sub_tables:
        return [
            _t2_grid(table_spec, table, group, [r.key for r in rows], marks)
            for group, rows in groupby(table_spec.rows, key=lambda r: r.group or "")
        ]
    if table_spec.single_row:
        return [_single_row_grid(table_spec, table, marks)]
    return [_t3_grid(table_spec, table, marks)]


def _title(table_spec: TableSpec) -> str:
    return f"{table_spec.name_zh}　{table_spec.label}"


def _row(table: Table, key: str) -> Row:
    """The report's row, or an `absent` one when the report lacks it."""
    return table.rows.get(key) or Row(key=key, label="", cells={}, source="absent")


def _values(row: Row, columns: list[str], table: str, marks: Marks) -> list[Text]:
    """The row's cells in the format's column order (never the order the report lists them in),
    the cells of findings highlighted."""
    return [marks.apply(_value(row.cells.get(column), row), CellRef(table, row.key, column)) for column in columns]


def _value(cell: Cell | None, row: Row) -> Text:
    if row.source == "absent" or cell is None:
        return Text("?", style="bold red")
    if cell.value is None:
        return Text(cell.raw or "·", style="dim")
    return Text(str(cell.value))


def _row_label(row: Row, label: str) -> Text:
    marker = {"order": " *", "absent": " ?"}.get(row.source, "")
    return Text(label + marker, style="red" if row.source == "absent" else "")


def _t2_grid(table_spec: TableSpec, table: Table, group: str, keys: list[str], marks: Marks) -> Grid:
    grid = Grid(title=group, title_justify="left")
    grid.add_column("信息内容")
    for column in table_spec.row_columns(keys[0]):
        grid.add_column(table_spec.column(column).label, justify="right")
    for key in keys:
        row = _row(table, key)
        grid.add_row(
            _row_label(row, table_spec.row(key).label), *_values(row, table_spec.row_columns(key), table.key, marks)
        )
    return grid


def _t3_grid(table_spec: TableSpec, table: Table, marks: Marks) -> Grid:
    grid = Grid(
        caption=table_spec.note, caption_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True
    )
    grid.add_column("", max_width=10, overflow="fold")
    grid.add_column("", min_width=20, overflow="fold")
    first_in_group = {c.group: c.key for c in reversed(table_spec.columns) if c.group}
    for column in table_spec.columns:
        above = column.group if column.group and first_in_group[column.group] == column.key else ""
        # no_wrap: a number is never folded; when the terminal is too narrow the labels fold instead.
        grid.add_column(f"{above}\n{column.short or column.label}", justify="right", no_wrap=True)
    every_column = [c.key for c in table_spec.columns]
    previous = None
    for row_spec in table_spec.rows:
        row = _row(table, row_spec.key)
        group = row_spec.group if row_spec.group != previous else ""
        previous = row_spec.group
        substitute = next((s for s in table_spec.substitutes if s.replaces[0] == row_spec.key), None)
        if substitute is not None and substitute.key in table.substitutes:
            # The report printed one older-format row here instead of the official ones.
            printed = table.substitutes[substitute.key]
            grid.add_row(
                Text(""),
                Text(f"{printed.label} ≠", style="yellow"),
                *_values(printed, every_column, table.key, marks),
            )
        if row.source == "replaced":
            continue
        grid.add_row(
            Text(group or "", style="dim"),
            _row_label(row, row_spec.label),
            *_values(row, table_spec.row_columns(row_spec.key), table.key, marks),
        )
    return grid


def _single_row_grid(table_spec: TableSpec, table: Table, marks: Marks) -> Grid:
    """T4's one row of fifteen cells, folded into its three groups of five to fit a screen."""
    row = _row(table, table_spec.rows[0].key)
    groups = [(g, list(cols)) for g, cols in groupby(table_spec.columns, key=lambda c: c.group or "")]
    grid = Grid(caption="（官方表格为一行十五栏，此处按三组显示）", caption_justify="left")
    grid.add_column("")
    for column in groups[0][1]:
        grid.add_column(column.label, justify="right", no_wrap=True)
    for group, columns in groups:
        grid.add_row(group, *_values(row, [c.key for c in columns], table.key, marks))
    return grid
