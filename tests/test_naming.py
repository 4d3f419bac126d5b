"""One function names a cell, in Chinese and in English, from the format data."""

from __future__ import annotations

import re

import pytest

from giocheck.engine.findings import CellRef
from giocheck.engine.kinds import table_cell_label
from giocheck.formats import ColumnSpec, RowSpec, SubstituteSpec, formats
from giocheck.naming import cell_name, part_name

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_a_cell_of_table_three_is_named_by_its_row_and_column() -> None:
    table = formats()["2021"].table("T3")
    ref = CellRef("T3", "R_GRANT", "NP")
    assert cell_name(table, ref) == "表三“（一）予以公开”行“自然人”栏"
    assert cell_name(table, ref, "en") == "Table 3, row “(1) Disclosed”, column “Natural persons”"
    assert table_cell_label(table, ref) == cell_name(table, ref)


def test_a_cell_of_a_single_row_table_is_named_by_its_column() -> None:
    table = formats()["2021"].table("T4")
    ref = CellRef("T4", "DATA", "RV_TOT")
    assert cell_name(table, ref) == "表四“行政复议·总计”栏"
    assert cell_name(table, ref, "en") == "Table 4, column “Administrative reconsideration · Total”"


def test_a_substitute_row_has_an_english_name_too() -> None:
    table = formats()["2021"].table("T3")
    assert (
        cell_name(table, CellRef("T3", "R_OTHER", "TOT"), "en") == "Table 3, row “(6) Other handling”, column “Total”"
    )


@pytest.mark.parametrize("key", sorted(formats()))
def test_every_row_column_group_and_part_of_every_format_has_an_english_label(key: str) -> None:
    spec = formats()[key]
    missing = [f"part {s.key}" for s in spec.sections if not s.label_en]
    for table in spec.tables:
        named: list[RowSpec | ColumnSpec] = [*table.rows, *table.columns]
        missing += [f"{table.key}.{item.key}" for item in named if not item.label_en]
        missing += [f"{table.key}.{item.key} short" for item in named if item.short and not item.short_en]
        missing += [f"{table.key}.{item.key} group" for item in named if item.group and not item.group_en]
        missing += [f"{table.key}.{item.key}" for item in table.substitutes if not item.label_en]
        missing += [table.key] if not table.label_en else []
    assert not missing, f"rules/formats/{key}.toml lacks English labels: {missing}"


@pytest.mark.parametrize("key", sorted(formats()))
def test_english_names_hold_no_chinese_and_no_internal_key(key: str) -> None:
    spec = formats()[key]
    for table in spec.tables:
        rows: list[RowSpec | SubstituteSpec] = [*table.rows, *table.substitutes]
        for row in rows:
            for column in table.row_columns(row.key) if table.has_row(row.key) else [c.key for c in table.columns]:
                name = cell_name(table, CellRef(table.key, row.key, column), "en")
                assert not CJK.search(name), name
                quoted = re.findall(r"“([^”]*)”", name)
                assert row.key not in quoted and column not in quoted, name
    assert all(not CJK.search(part_name(s, "en")) for s in spec.sections)
