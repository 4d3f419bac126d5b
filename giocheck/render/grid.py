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
from giocheck.formats import ColumnSpec, FormatSpec, RowSpec, TableSpec, report_format, table_specs
from giocheck.labels import normalize
from giocheck.model import AnnualReport, Cell, Row, Table
from giocheck.naming import table_name
from giocheck.profile import profile_of
from giocheck.render.text import culprit_lines
from giocheck.words import say

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
    `findings` (errors and warnings) highlighted and each table's likely culprit said under it.
    In English every word taken from the report stands inside “…”."""
    marks = Marks.of(findings, plain=console.color_system is None)
    meta = report.metadata
    head = Text(f"{_quoted(meta.agency, lang) or '?'} · {meta.year or '?'} · ", style="bold")
    head.append(f"{say('show.format', lang)} {meta.format}")
    head.append(f" · {profile_of(meta).describe(lang)}")
    if meta.published is not None:
        head.append(f" · {say('show.published', lang)} {meta.published.isoformat()}")
    signature = meta.signature
    if signature is not None and (signature.agency or signature.dated):
        dated = signature.dated.isoformat() if signature.dated else ""
        head.append(f" · {say('show.signed', lang)} {_quoted(signature.agency, lang)} {dated}".rstrip())
    console.print(head)
    console.print(Text(_quoted(meta.source, lang), style="dim"))
    if meta.read_by == "ocr":
        console.print(Text(say("check.ocr", lang), style="bold yellow"))
    if report.sections:
        console.print(Text("  ".join(_quoted(s.heading, lang) for s in report.sections), style="dim"))
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
        console.print(Text(_title(table_spec, lang), style="bold"))
        for grid in _grids(spec, table_spec, table, marks, lang):
            needed = minimum_width(console, grid)
            if needed <= console.width:
                console.print(grid)
                continue
            # rich would crop or squeeze the grid (dropping columns, cutting numbers): never hide what was read.
            if not narrow_said:
                console.print(Text(say("show.narrow", lang, width=console.width), style="yellow"), soft_wrap=True)
                narrow_said = True
            grid.width = needed
            console.print(grid, crop=False)
        for line in [*printed_labels(table_spec, table, lang), *column_legend(table_spec, lang)]:
            console.print(Text(line, style="dim"), soft_wrap=True)
        for culprit in _culprits(findings, table_spec.key, lang):
            console.print(Text(culprit, style="bold magenta"), soft_wrap=True)
    console.print(Text(say("show.legend", lang), style="dim"))
    if marks.severity:
        console.print(Text(say("show.marks" if marks.plain else "show.colours", lang), style="dim"))


def _quoted(text: str | None, lang: str) -> str:
    """The report's own words (or a file name): inside “…” in English, as they are in Chinese."""
    if not text:
        return ""
    return f"“{text}”" if lang == "en" else text


def column_header(column: ColumnSpec, lang: str) -> str:
    """A column's heading in a grid: its short label (English: `short_en`, a word or two that keeps
    the column as narrow as its numbers; `column_legend` gives the full label)."""
    if lang == "en":
        return column.short_en or column.label_en or column.key
    return column.short or column.label


def column_legend(table_spec: TableSpec, lang: str) -> list[str]:
    """Under an English grid whose headings are shortened: each heading's full label, and the
    group the grouped columns belong to (the Chinese grid prints both in its heading)."""
    if lang != "en" or table_spec.sub_tables or table_spec.single_row:
        return []
    named = [
        f"{column_header(c, lang)} = {c.label_en}"
        for c in table_spec.columns
        if c.label_en and column_header(c, lang) != c.label_en
    ]
    lines = [say("show.columns", lang, columns="; ".join(named))] if named else []
    for group, members in groupby((c for c in table_spec.columns if c.group_en), key=lambda c: c.group_en):
        heads = ", ".join(column_header(c, lang) for c in members)
        lines.append(say("show.column_group", lang, columns=heads, group=group))
    return lines


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


def _grids(spec: FormatSpec, table_spec: TableSpec, table: Table, marks: Marks, lang: str = "zh") -> list[Grid]:
    if table_spec.sub_tables:
        return [
            _t2_grid(table_spec, table, [r.key for r in rows], marks, lang)
            for _group, rows in groupby(table_spec.rows, key=lambda r: r.group or "")
        ]
    if table_spec.single_row:
        return [_single_row_grid(table_spec, table, marks, lang)]
    return [_t3_grid(table_spec, table, marks, lang)]


def _title(table_spec: TableSpec, lang: str = "zh") -> str:
    if lang == "en":
        return f"{table_name(table_spec, lang)}  {table_spec.label_en or table_spec.key}"
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


def _row_label(row: Row, spec: RowSpec, lang: str) -> Text:
    """The official label (Chinese) or the format's English one, marked ~ in English when the report
    printed the row under other words (`printed_labels` says them under the grid)."""
    marker = {"order": " *", "absent": " ?"}.get(row.source, "")
    label = spec.label
    if lang == "en":
        label = (spec.label_en or spec.key) + (" ~" if _deviates(row.label, spec) else "")
    return Text(label + marker, style="red" if row.source == "absent" else "")


def printed_labels(table_spec: TableSpec, table: Table, lang: str) -> list[str]:
    """Under an English grid: the report's own label of each row it printed otherwise than the format,
    and of each older-format row it printed instead of official ones, whole and inside “…”."""
    if lang != "en":
        return []
    lines = [
        say("show.printed", lang, row=spec.label_en or spec.key, printed=row.label)
        for spec in table_spec.rows
        if (row := table.rows.get(spec.key)) is not None and row.source != "replaced" and _deviates(row.label, spec)
    ]
    for substitute in table_spec.substitutes:
        printed = table.substitutes.get(substitute.key)
        if printed is not None:
            lines.append(say("show.substitute", lang, row=substitute.name_en, printed=printed.label))
    return lines


def _deviates(printed: str, spec: RowSpec) -> bool:
    """Whether the printed label says something other than the format's (spacing, width, quotes, a
    list marker or a group printed before it aside)."""
    if not printed.strip():
        return False
    said = normalize(printed)
    return not any(
        official and said.endswith(normalize(official)) for official in (spec.label, spec.short, *spec.variants)
    )


def _group(text: str | None, text_en: str | None, lang: str) -> str:
    return (text_en or "") if lang == "en" else (text or "")


def _t2_grid(table_spec: TableSpec, table: Table, keys: list[str], marks: Marks, lang: str) -> Grid:
    first = table_spec.row(keys[0])
    grid = Grid(title=_group(first.group, first.group_en, lang), title_justify="left")
    grid.add_column(say("show.content", lang))
    for column in table_spec.row_columns(keys[0]):
        spec = table_spec.column(column)
        grid.add_column((spec.label_en or spec.key) if lang == "en" else spec.label, justify="right")
    for key in keys:
        row = _row(table, key)
        grid.add_row(
            _row_label(row, table_spec.row(key), lang),
            *_values(row, table_spec.row_columns(key), table.key, marks),
        )
    return grid


def _t3_grid(table_spec: TableSpec, table: Table, marks: Marks, lang: str) -> Grid:
    note = (table_spec.note_en if lang == "en" else table_spec.note) or None
    grid = Grid(caption=note, caption_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True)
    grid.add_column("", max_width=10, overflow="fold")
    grid.add_column("", min_width=20, overflow="fold")
    first_in_group = {c.group: c.key for c in reversed(table_spec.columns) if c.group}
    for column in table_spec.columns:
        # English headings are one line of short words: the groups are said under the grid.
        above = column.group if lang == "zh" and column.group and first_in_group[column.group] == column.key else ""
        # no_wrap: a number is never folded; when the terminal is too narrow the labels fold instead.
        grid.add_column(f"{above}\n{column_header(column, lang)}", justify="right", no_wrap=True)
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
            label = printed.label if lang == "zh" else substitute.name_en
            grid.add_row(
                Text(""),
                Text(f"{label} ≠", style="yellow"),
                *_values(printed, every_column, table.key, marks),
            )
        if row.source == "replaced":
            continue
        grid.add_row(
            Text(_group(group, row_spec.group_en if group else "", lang), style="dim"),
            _row_label(row, row_spec, lang),
            *_values(row, table_spec.row_columns(row_spec.key), table.key, marks),
        )
    return grid


def _single_row_grid(table_spec: TableSpec, table: Table, marks: Marks, lang: str) -> Grid:
    """T4's one row of fifteen cells, folded into its three groups of five to fit a screen."""
    row = _row(table, table_spec.rows[0].key)
    groups = [(g, list(cols)) for g, cols in groupby(table_spec.columns, key=lambda c: c.group or "")]
    grid = Grid(caption=say("show.single_row", lang), caption_justify="left")
    if lang == "en":  # "Litigation · filed after reconsideration" folds rather than widen the grid
        grid.add_column("", max_width=24, overflow="fold")
    else:
        grid.add_column("")
    for column in groups[0][1]:
        header = (column.label_en or column.key) if lang == "en" else column.label
        grid.add_column(header, justify="right", no_wrap=True)
    for _group_zh, columns in groups:
        name = (columns[0].group_en or "") if lang == "en" else (columns[0].group or "")
        grid.add_row(name, *_values(row, [c.key for c in columns], table.key, marks))
    return grid
