"""Expand a rule into concrete instances: one per binding of `for_each`, with cell addresses.

`"NEW/{column}"` with `for_each = {column = "@ALL"}` becomes seven instances, one per column;
`"@RESULTS/{column}"` expands the format's named row group. A leading `-` subtracts.
"""

from __future__ import annotations

import itertools
import re
from typing import Generic, TypeVar

import attrs

from giocheck.engine.findings import CellRef
from giocheck.engine.schema import RuleSpec, TableRule
from giocheck.engine.tablegrid import TableIndex, table_index
from giocheck.formats import FormatSpec, TableSpec

R = TypeVar("R", bound=RuleSpec, covariant=True)


@attrs.frozen
class Term:
    """A cell on one side of a relation, with its sign."""

    ref: CellRef
    weight: int = 1


@attrs.frozen
class Instance(Generic[R]):
    """A rule bound to concrete cells of one format: what a kind's function receives.

    A rule about the whole report has one instance, with no table and no cells. Compiled with
    it: `index`, the numbering of its table's cells, and the slots of `lhs`, `rhs` and `cells`
    in it (`lhs_at` …), so a report's `Grid` answers without looking keys up; `compiled`, what
    its kind prepared once for it (`Kind.compile`), or None.
    """

    rule: R
    table: TableSpec | None = None
    binding: tuple[tuple[str, str], ...] = ()
    lhs: tuple[Term, ...] = ()
    rhs: tuple[Term, ...] = ()
    cells: tuple[CellRef, ...] = ()
    index: TableIndex | None = attrs.field(default=None, eq=False, repr=False)
    lhs_at: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False)
    rhs_at: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False)
    cells_at: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False)
    compiled: object = attrs.field(default=None, eq=False, repr=False)

    @property
    def layout(self) -> TableSpec:
        """The table the instance's cells are in (only for instances of table rules)."""
        assert self.table is not None, "an instance of a rule about the whole report has no table"
        return self.table

    @property
    def reads(self) -> frozenset[CellRef]:
        """Every cell this instance looks at."""
        return frozenset([t.ref for t in self.lhs + self.rhs] + list(self.cells))

    def bound(self, name: str) -> str | None:
        """The row or column key `for_each` bound, if any."""
        return dict(self.binding).get(name)


def expand(rule: TableRule, spec: FormatSpec) -> list[Instance[TableRule]]:
    """Every instance of `rule` in format `spec` (KeyError for an unknown table/row/column/group)."""
    table = spec.table(rule.table)
    axes: list[list[tuple[str, str]]] = []
    for name, value in sorted(rule.for_each.items()):
        tokens = [value] if isinstance(value, str) else value
        keys = [
            k for token in tokens for k in (table.expand_rows(token) if name == "row" else table.expand_columns(token))
        ]
        axes.append([(name, key) for key in keys])
    index = table_index(table)
    instances: list[Instance[TableRule]] = []
    for combo in itertools.product(*axes):
        binding = tuple(combo)
        values: dict[str, str] = dict(binding)
        lhs = tuple(t for ref in rule.lhs for t in _terms(table, ref, values))
        rhs = tuple(t for ref in rule.rhs for t in _terms(table, ref, values))
        cells = tuple(t.ref for ref in rule.cells for t in _terms(table, ref, values))
        instances.append(
            Instance(
                rule=rule,
                table=table,
                binding=binding,
                lhs=lhs,
                rhs=rhs,
                cells=cells,
                index=index,
                lhs_at=tuple(index.slots[t.ref] for t in lhs),
                rhs_at=tuple(index.slots[t.ref] for t in rhs),
                cells_at=tuple(index.slots[ref] for ref in cells),
            )
        )
    return instances


_REF = re.compile(r"-?(?:\{row\}|@?[A-Z][A-Z0-9_]*)/(?:\{column\}|@?[A-Z][A-Z0-9_]*)")


def _terms(table: TableSpec, template: str, values: dict[str, str]) -> list[Term]:
    if not _REF.fullmatch(template):
        raise KeyError(f"{template!r} (write ROW/COLUMN, @GROUP, {{row}} or {{column}})")
    weight = -1 if template.startswith("-") else 1
    text = template.lstrip("-").format_map(values)
    row_token, _, column_token = text.partition("/")
    terms = []
    for row in table.expand_rows(row_token):
        for column in table.expand_columns(column_token, row):
            if column not in table.row_columns(row):
                raise KeyError(f"{row}/{column}")
            terms.append(Term(CellRef(table.key, row, column), weight))
    return terms
