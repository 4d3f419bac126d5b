"""Cells by number (`giocheck/engine/tablegrid.py`): a layout's slots and a report's grid agree
with looking every cell up by its keys, as the kinds did before plans were compiled."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from giocheck.api import load
from giocheck.engine import default_rules
from giocheck.engine.findings import CellRef
from giocheck.engine.subject import Subject
from giocheck.engine.tablegrid import Grid, build_grid, table_index
from giocheck.formats import TableSpec, formats
from giocheck.model import AnnualReport, Table
from giocheck.profile import profile_of
from tests.conftest import HUAIAN
from tests.support import read

ROOT = Path(__file__).resolve().parent.parent
_TEXTS = sorted([*(ROOT / "tests" / "data").rglob("*.txt"), *(ROOT / "examples").glob("*.txt")])


def _layouts() -> list[TableSpec]:
    return [table for spec in formats().values() for table in spec.tables]


def test_every_cell_of_a_layout_has_one_slot() -> None:
    for table in _layouts():
        index = table_index(table)
        assert index is table_index(table)  # numbered once per layout
        assert sorted(index.slots.values()) == list(range(len(index)))
        expected = {CellRef(table.key, row.key, column) for row in table.rows for column in table.row_columns(row.key)}
        expected |= {CellRef(table.key, s.key, c.key) for s in table.substitutes for c in table.columns}
        assert set(index.slots) == expected
        assert [slot for _row, pairs in index.rows for _column, slot in pairs] == list(range(len(index)))


def test_each_instance_reads_its_cells_by_their_slots() -> None:
    rules = default_rules()
    for key in formats():
        for instance in rules.plan(key).tables:
            assert instance.index is table_index(instance.layout)
            slots = instance.index.slots
            assert instance.lhs_at == tuple(slots[t.ref] for t in instance.lhs)
            assert instance.rhs_at == tuple(slots[t.ref] for t in instance.rhs)
            assert instance.cells_at == tuple(slots[ref] for ref in instance.cells)


def _absent(table: Table | None, ref: CellRef) -> bool:
    """A row not found or replaced, as the relation kinds read it one cell at a time."""
    row = None if table is None else table.rows.get(ref.row) or table.substitutes.get(ref.row)
    return row is None or row.source in ("absent", "replaced")


def _unprinted(table: Table | None, ref: CellRef) -> bool:
    """A cell the kind `filled` does not look at, as it read the rows one cell at a time."""
    row = None if table is None else table.rows.get(ref.row)
    if table is None or row is None or row.source in ("absent", "replaced") or ref.column in table.missing_columns:
        return True
    return ref.column not in row.cells and row.source != "blank"


def _agrees(report: AnnualReport, table: TableSpec, grid: Grid) -> None:
    printed = report.tables.get(table.key)
    assert grid.table is printed
    assert grid.substituted == bool(printed and printed.substitutes)
    assert grid.gaps == {slot for slot, gone in enumerate(grid.absent) if gone}
    for ref, slot in table_index(table).slots.items():
        cell = report.maybe_cell(ref)
        assert grid.values[slot] == (None if cell is None else cell.value), ref
        assert grid.absent[slot] == _absent(printed, ref), ref
        assert grid.unprinted[slot] == _unprinted(printed, ref), ref


def test_the_grid_of_every_text_fixture_agrees_with_its_cells() -> None:
    assert len(_samples()) > 5
    assert any(t.substitutes for r in _samples() for t in r.tables.values())
    for report in _samples():
        for key, printed in report.tables.items():
            layout = formats()[printed.format or report.metadata.format].table(key)
            _agrees(report, layout, build_grid(table_index(layout), printed))


@cache
def _samples() -> tuple[AnnualReport, ...]:
    """The text fixtures read as reports with tables."""
    found = []
    for path in _TEXTS:
        try:
            report = load(path)
        except Exception:  # a fixture that is no report (the readers' tests)
            continue
        if report.tables:
            found.append(report)
    # The 淮安 sample with its three （六） items printed as the 2019 format's single row.
    text = HUAIAN.read_text(encoding="utf-8")
    start, end = text.index("（六）其"), text.index("（七）总计")
    found.append(read(text[:start] + "（六）其他处理 181 5 0 0 1 0 187\n" + text[end:]))
    return tuple(found)


@given(st.data())
def test_the_grid_agrees_with_its_cells_whatever_a_row_became(data: st.DataObject) -> None:
    report = data.draw(st.sampled_from(_samples()))
    key = data.draw(st.sampled_from(sorted(report.tables)))
    table = report.tables[key]
    row_key = data.draw(st.sampled_from(sorted(table.rows)))
    row = table.rows[row_key]
    kept = data.draw(st.lists(st.sampled_from(sorted(row.cells)), unique=True)) if row.cells else []
    source = data.draw(st.sampled_from(["label", "order", "blank", "absent", "replaced"]))
    changed = row.model_copy(update={"cells": {c: row.cells[c] for c in kept}, "source": source})
    rows = {k: changed if k == row_key else r for k, r in table.rows.items()}
    if data.draw(st.booleans()):
        rows.pop(row_key)
    missing = data.draw(st.lists(st.sampled_from(sorted(row.cells) or ["NONE"]), unique=True, max_size=2))
    table = table.model_copy(update={"rows": rows, "missing_columns": missing})
    report = report.model_copy(update={"tables": {**report.tables, key: table}})
    layout = formats()[report.metadata.format].table(key)
    _agrees(report, layout, build_grid(table_index(layout), table))


def test_a_table_the_report_has_not_is_absent_everywhere() -> None:
    layout = formats()["2021"].table("T3")
    grid = build_grid(table_index(layout), None)
    assert grid.table is None and all(grid.absent) and all(grid.unprinted) and len(grid.gaps) == len(grid.absent)
    assert set(grid.values) == {None}


def test_a_subject_reads_each_table_once_and_shares_what_it_worked_out(qu_text: str) -> None:
    report = read(qu_text)
    subject = Subject(report, None, profile_of(report.metadata))
    instances = [i for i in default_rules().plan("2021").tables if i.rule.table == "T3"]
    assert subject.grid(instances[0]) is subject.grid(instances[-1])
    texts = subject.texts
    other = attrs.evolve(subject, previous=report)  # as the report rules get it without last year's
    assert other.texts is texts and other.grid(instances[0]) is subject.grid(instances[0])
