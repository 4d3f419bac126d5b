"""Cells by number: a table layout's cells numbered once, a report's table read into flat arrays.

A plan (`giocheck.engine.rulefile.Plan`) resolves every cell a table rule reads to its slot in
the layout's `TableIndex` when it is compiled (`Instance.lhs_at`, `.rhs_at`, `.cells_at`); a
report's table is read into one `Grid` per layout the first time a rule looks at it
(`Subject.grid`), so the table kinds add up values from a list instead of looking every cell up
by table, row and column keys for every rule.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from giocheck.engine.findings import CellRef, Number
from giocheck.formats import TableSpec
from giocheck.model import Cell, Table

__all__ = ["Grid", "TableIndex", "build_grid", "table_index"]


@attrs.frozen(eq=False)
class TableIndex:
    """Every cell of one table layout, official rows then substitute rows, numbered in order.

    `rows`: each row key with its (column key, slot) pairs, the order a report's table is read in.
    """

    table: TableSpec
    slots: Mapping[CellRef, int]
    rows: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]

    def __len__(self) -> int:
        return len(self.slots)


_INDEXES: dict[int, TableIndex] = {}


def table_index(table: TableSpec) -> TableIndex:
    """The numbering of `table`'s cells, made once per layout (the index keeps its layout alive,
    so the layout's identity names it)."""
    found = _INDEXES.get(id(table))
    if found is not None and found.table is table:
        return found
    slots: dict[CellRef, int] = {}
    rows: list[tuple[str, tuple[tuple[str, int], ...]]] = []
    keyed = [(row.key, table.row_columns(row.key)) for row in table.rows]
    every = [column.key for column in table.columns]
    keyed += [(substitute.key, every) for substitute in table.substitutes]
    for row_key, columns in keyed:
        pairs = []
        for column in columns:
            slots[CellRef(table.key, row_key, column)] = len(slots)
            pairs.append((column, len(slots) - 1))
        rows.append((row_key, tuple(pairs)))
    found = _INDEXES[id(table)] = TableIndex(table, slots, tuple(rows))
    return found


@attrs.frozen(eq=False)
class Grid:
    """One report table read into its layout's numbering (`TableIndex`), once per report.

    Per slot: `values` the cell's value (None: blank, or no such cell, as `AnnualReport.maybe_cell`
    reads it); `absent` its row was not found or was replaced by a substitute row (a read note
    says so, no rule about it runs); `unprinted` the report printed no cell there at all (row or
    column left out), which the kind `filled` does not look at. `table` is None when the report
    has no such table; `substituted` when it printed an older format's row in place of official
    ones (the relation kinds then swap it in, cell by cell); `gaps` the slots that are absent
    (when none is, no rule needs to ask); `blanks` the slots of cells printed blank (what the
    kind `filled` names); `plain` whether every value is a whole number ≥ 0 (no cell can fail
    the kind `non_negative`).
    """

    table: Table | None
    values: tuple[Number | None, ...]
    absent: tuple[bool, ...]
    unprinted: tuple[bool, ...]
    substituted: bool
    gaps: frozenset[int] = attrs.field()
    blanks: frozenset[int] = attrs.field()
    plain: bool = attrs.field()

    @gaps.default
    def _absent_slots(self) -> frozenset[int]:
        return frozenset(slot for slot, gone in enumerate(self.absent) if gone)

    @blanks.default
    def _blank_slots(self) -> frozenset[int]:
        pairs = zip(self.values, self.unprinted, strict=True)
        return frozenset(slot for slot, (value, unprinted) in enumerate(pairs) if value is None and not unprinted)

    @plain.default
    def _plain(self) -> bool:
        return all(type(value) is int and value >= 0 for value in self.values if value is not None)


def build_grid(index: TableIndex, table: Table | None) -> Grid:
    """`table` (a report's, or None) read into `index`'s slots (once per report and layout: one
    pass that also notes the gaps, the blanks and whether every value is a plain count)."""
    size = len(index)
    values: list[Number | None] = [None] * size
    absent = [True] * size
    unprinted = [True] * size
    if table is None:
        return Grid(None, tuple(values), tuple(absent), tuple(unprinted), False)
    missing = set(table.missing_columns)
    present, blanks, plain = set(), set(), True
    for row_key, pairs in index.rows:
        official = table.rows.get(row_key)
        row = official or table.substitutes.get(row_key)
        if row is None:
            continue
        gone = row.source in ("absent", "replaced")
        cells: Mapping[str, Cell] = row.cells
        # As `filled` reads a row: official rows only, a cell printed or a row printed blank.
        row_unprinted = official is None or gone
        printed_blank = official is not None and official.source == "blank"
        for column, slot in pairs:
            cell = cells.get(column)
            value = values[slot] = None if cell is None else cell.value
            if not gone:
                absent[slot] = False
                present.add(slot)
            unseen = unprinted[slot] = row_unprinted or column in missing or (cell is None and not printed_blank)
            if value is None:
                if not unseen:
                    blanks.add(slot)
            elif plain and not (type(value) is int and value >= 0):
                plain = False
    gaps = frozenset(range(size)) - present
    return Grid(
        table, tuple(values), tuple(absent), tuple(unprinted), bool(table.substitutes), gaps, frozenset(blanks), plain
    )
