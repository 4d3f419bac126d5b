"""How every message names a table, a row, a column and a cell, in Chinese and in English.

The one place that spells 表三“（一）予以公开”行“自然人”栏 (and `Table 3, row “(1) Disclosed”,
column “Natural persons”`): messages, read problems and renderers name cells through
`cell_name`, never by hand, so a label reads the same everywhere and never shows a key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from giocheck.formats import SectionSpec, TableSpec

if TYPE_CHECKING:  # the engine names cells through this module: no import back at run time
    from giocheck.engine.findings import CellRef


def table_name(table: TableSpec, lang: str = "zh") -> str:
    """`表三` / `Table 3`."""
    return table.name_en if lang == "en" else table.name_zh


def row_name(table: TableSpec, row: str, lang: str = "zh") -> str:
    """The row's short label as the format prints it (official or substitute row)."""
    return table.row_name(row, lang)


def column_name(table: TableSpec, column: str, lang: str = "zh") -> str:
    """The column's label with its group, e.g. `行政复议·总计` / `Administrative reconsideration · Total`."""
    spec = table.column(column)
    return spec.name_en if lang == "en" else spec.name


def part_name(section: SectionSpec, lang: str = "zh") -> str:
    """A part's heading, e.g. `一、总体情况` / `I. Overview`."""
    return (section.label_en or section.key) if lang == "en" else section.label


def row_phrase(table: TableSpec, row: str, lang: str = "zh") -> str:
    """表三“（一）予以公开”行 / Table 3, row “(1) Disclosed”."""
    if lang == "en":
        return f"{table.name_en}, row “{row_name(table, row, lang)}”"
    return f"{table.name_zh}“{row_name(table, row)}”行"


def column_phrase(table: TableSpec, column: str, lang: str = "zh") -> str:
    """A whole column: 表三“自然人”列 / Table 3, column “Natural persons”."""
    if lang == "en":
        return f"{table.name_en}, column “{column_name(table, column, lang)}”"
    return f"{table.name_zh}“{column_name(table, column)}”列"


def cell_name(table: TableSpec, ref: CellRef, lang: str = "zh") -> str:
    """The cell `ref` of `table` as every message names it.

    表三“（一）予以公开”行“自然人”栏; in a single-row table 表四“行政复议·结果维持”栏.
    English: Table 3, row “(1) Disclosed”, column “Natural persons”.
    """
    if lang == "en":
        if table.single_row:
            return column_phrase(table, ref.column, lang)
        return f"{row_phrase(table, ref.row, lang)}, column “{column_name(table, ref.column, lang)}”"
    if table.single_row:
        return f"{table.name_zh}“{column_name(table, ref.column)}”栏"
    return f"{row_phrase(table, ref.row)}“{column_name(table, ref.column)}”栏"
