"""A table's format data compiled once for placement: official order, each row's printed
columns and label patterns, and where those patterns last match a label (asked of the same
labels many times while a table is read, so remembered per label).

`compiled(spec)` gives the same `CompiledTable` for the same `TableSpec` for the life of the
process: the shipped formats are read once (`giocheck.formats.formats`), so each of their
tables is compiled once.
"""

from __future__ import annotations

import re
import threading

from giocheck.formats import RowSpec, SubstituteSpec, TableSpec

# Labels remembered per table before the memory is emptied (a batch reads many reports), and
# the longest label remembered: memory stays small whatever a file holds.
_REMEMBERED = 4096
_LONGEST = 256


class CompiledTable:
    """What placement asks of a table's format, precomputed: read-only once built, but for
    the memory of label matches (which only ever answers what matching would)."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.rows: tuple[RowSpec, ...] = tuple(spec.rows)
        self.keys: tuple[str, ...] = tuple(row.key for row in spec.rows)
        self.index: dict[str, int] = {key: index for index, key in enumerate(self.keys)}
        every = tuple(column.key for column in spec.columns)
        # A substitute row spans every column.
        self.columns: dict[str, tuple[str, ...]] = {
            **{substitute.key: every for substitute in spec.substitutes},
            **{row.key: tuple(spec.row_columns(row.key)) for row in spec.rows},
        }
        self.every_column = every
        self.money: frozenset[str] = frozenset(column.key for column in spec.columns if column.type == "money")
        self.patterns: tuple[tuple[re.Pattern[str], ...], ...] = tuple(row.patterns for row in spec.rows)
        # The label and its variants as exact text (`$`-anchored): a row named in full.
        self.exact: tuple[tuple[re.Pattern[str], ...], ...] = tuple(row.patterns[len(row.match) :] for row in spec.rows)
        self.substitutes: tuple[tuple[SubstituteSpec, tuple[int, ...]], ...] = tuple(
            (substitute, tuple(self.index[key] for key in substitute.replaces)) for substitute in spec.substitutes
        )
        self._ends: dict[str, tuple[int, ...]] = {}
        self._lock = threading.Lock()

    def ends(self, label: str) -> tuple[int, ...]:
        """For each row in official order, where the last match of its patterns ends in the
        (normalised) `label`, or -1."""
        found = self._ends.get(label)
        if found is None:
            found = tuple(_last_end(patterns, label) for patterns in self.patterns)
            if len(label) > _LONGEST:
                return found  # a long label (a paragraph, hostile input) is not worth keeping
            with self._lock:
                if len(self._ends) >= _REMEMBERED:
                    self._ends.clear()
                self._ends[label] = found
        return found

    def end(self, index: int, label: str) -> int:
        """Where the last match of row `index`'s patterns ends in `label`, or -1: `ends(label)[index]`,
        taken from what is remembered of `label` when it was asked before."""
        found = self._ends.get(label)
        return found[index] if found is not None else _last_end(self.patterns[index], label)

    def printed_columns(self, key: str, missing: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The columns a row (or substitute row) has cells in as printed, less `missing`."""
        columns = self.columns[key]
        return columns if not missing else tuple(column for column in columns if column not in missing)

    def count(self, index: int, missing: frozenset[str] = frozenset()) -> int:
        """How many cells row `index` has as printed."""
        return len(self.printed_columns(self.keys[index], missing))


def last_match_end(row: RowSpec | SubstituteSpec, label: str) -> int:
    """Where the last match of any of the row's patterns ends in `label`, or -1."""
    return _last_end(row.patterns, label)


def _last_end(patterns: tuple[re.Pattern[str], ...], label: str) -> int:
    end = -1
    for pattern in patterns:
        for found in pattern.finditer(label):
            end = max(end, found.end())
    return end


_COMPILED: dict[int, tuple[TableSpec, CompiledTable]] = {}
_COMPILING = threading.Lock()


def compiled(spec: TableSpec) -> CompiledTable:
    """The compiled form of `spec`, built on first use (the spec is kept with it, so its id
    names it for as long as the entry lives)."""
    entry = _COMPILED.get(id(spec))
    if entry is not None and entry[0] is spec:
        return entry[1]
    table = CompiledTable(spec)
    with _COMPILING:
        if len(_COMPILED) >= _REMEMBERED:
            _COMPILED.clear()  # specs built on the fly (tests, user formats): keep memory flat
        _COMPILED[id(spec)] = (spec, table)
    return table
