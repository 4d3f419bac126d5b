"""The likely culprit: the fewest cells whose change makes every relation of a table hold.

A civil servant who typed 2 for 0 in one cell of table three is told that a row total and a
column total fail; fixing those two totals would break the balance next. The table's exact
relations (`giocheck.engine.relations`, read from the rule files) are a linear system over its
cells, so the question "which cell is wrong?" has an exact answer: every single cell that,
given a different non-negative whole number, makes all equations hold at once — and, when no
single cell does, every pair of cells.

`repairs` is the pure search; `with_suggestions` attaches its answer to the failing findings of
each table, so every output can say it once per table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from giocheck.engine.findings import CellRef, Change, Finding
from giocheck.engine.kinds import table_cell_label
from giocheck.engine.relations import Equation, equations
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.formats import FormatSpec, formats, report_format
from giocheck.model import AnnualReport
from giocheck.naming import cell_name

# Two cells at most: beyond that a table has several independent mistakes and a list of
# combinations says nothing a person can act on.
MOST_CELLS = 2
# More pairs than this that fit equally are no culprit either: the findings say the rest.
MOST_PAIRS = 6


Repair = tuple[Change, ...]


def repairs(
    values: Mapping[CellRef, int],
    system: Iterable[Equation],
    signed: frozenset[CellRef] = frozenset(),
) -> tuple[Repair, ...] | None:
    """The smallest sets of cells whose change makes every equation of `system` hold.

    Equations with a cell missing from `values` (blank, absent) say nothing and are left out.
    A proposed value is a whole number, non-negative unless its cell is in `signed`.
    Returns None when every equation already holds; else every single-cell repair, or failing
    that every two-cell repair — `()` when there is none, or more than `MOST_PAIRS` (then no
    pair stands out: more cells are wrong).
    """
    usable = [eq for eq in system if all(ref in values for ref, _ in eq.terms)]
    residual = {index: sum(w * values[ref] for ref, w in eq.terms) for index, eq in enumerate(usable)}
    failing = frozenset(index for index, r in residual.items() if r)
    if not failing:
        return None
    touching: dict[CellRef, dict[int, int]] = {}
    for index, eq in enumerate(usable):
        for ref, weight in eq.terms:
            touching.setdefault(ref, {})[index] = weight
    # A cell that is in no failing equation cannot help: changing it breaks what holds.
    suspects = [ref for ref in _ordered(usable) if failing & set(touching[ref])]

    def allowed(ref: CellRef, value: Fraction) -> bool:
        return value.denominator == 1 and (value >= 0 or ref in signed)

    singles = []
    for ref in suspects:
        if not failing <= set(touching[ref]):
            continue
        steps = {Fraction(-residual[i], w) for i, w in touching[ref].items()}
        if len(steps) == 1:
            step = steps.pop()
            if step and allowed(ref, values[ref] + step):
                singles.append((Change(ref, values[ref], int(values[ref] + step)),))
    if singles:
        return tuple(singles)
    pairs = []
    for position, first in enumerate(suspects):
        for second in suspects[position + 1 :]:
            if not failing <= {*touching[first], *touching[second]}:
                continue
            solved = _solve(touching[first], touching[second], residual)
            if solved is None:
                continue
            proposed = (values[first] + solved[0], values[second] + solved[1])
            if all(solved) and allowed(first, proposed[0]) and allowed(second, proposed[1]):
                pairs.append(
                    (
                        Change(first, values[first], int(proposed[0])),
                        Change(second, values[second], int(proposed[1])),
                    )
                )
                if len(pairs) > MOST_PAIRS:
                    return ()
    return tuple(pairs)


def _ordered(system: Sequence[Equation]) -> list[CellRef]:
    """The cells of `system` in the order the equations first name them (stable output)."""
    return list(dict.fromkeys(ref for eq in system for ref, _ in eq.terms))


def _solve(
    first: Mapping[int, int], second: Mapping[int, int], residual: Mapping[int, int]
) -> tuple[Fraction, Fraction] | None:
    """The one (a, b) with weight₁·a + weight₂·b = −residual in every equation either cell is in;
    None when there is none, or many (the two cells always change together)."""
    rows = [(Fraction(first.get(i, 0)), Fraction(second.get(i, 0)), Fraction(-residual[i])) for i in {*first, *second}]
    for index, (a1, b1, c1) in enumerate(rows):
        for a2, b2, c2 in rows[index + 1 :]:
            determinant = a1 * b2 - a2 * b1
            if determinant:
                a = (c1 * b2 - c2 * b1) / determinant
                b = (a1 * c2 - a2 * c1) / determinant
                return (a, b) if all(x * a + y * b == c for x, y, c in rows) else None
    return None


def table_system(spec: FormatSpec, table: str, rules: RuleSet | None = None) -> tuple[Equation, ...]:
    """The equations of `rules` (the shipped rules by default) over the cells of one table."""
    ruleset = rules or default_rules()
    # Keyed by identity (a rule set holds lists, so it has no hash); the set is kept alive with
    # its entry so that its id is never reused for another.
    key = (id(ruleset), spec.key, table)
    if key not in _SYSTEMS:
        system = tuple(eq for eq in equations(spec, ruleset) if all(ref.table == table for ref, _ in eq.terms))
        _SYSTEMS[key] = (ruleset, system)
    return _SYSTEMS[key][1]


_SYSTEMS: dict[tuple[int, str, str], tuple[RuleSet, tuple[Equation, ...]]] = {}


def table_values(report: AnnualReport, table: str) -> dict[CellRef, int]:
    """The whole-number cells of a table as the report printed them (blank, absent and replaced
    rows, and money, left out)."""
    found = report.tables.get(table)
    if found is None:
        return {}
    values: dict[CellRef, int] = {}
    for key, row in found.rows.items():
        if row.source in ("absent", "replaced"):
            continue
        for column, cell in row.cells.items():
            if isinstance(cell.value, int):
                values[CellRef(table, key, column)] = cell.value
    return values


def with_suggestions(report: AnnualReport, findings: Sequence[Finding], rules: RuleSet) -> tuple[Finding, ...]:
    """`findings` with the likely culprit (`Finding.suggestions`) on every failing error-level
    equality of each table: the same repairs on each, so an output may say them once per table."""
    spec = report_format(report)
    if spec is None:
        return tuple(findings)
    failed_tables = {
        f.cells[0].ref.table for f in findings if f.status == "fail" and f.severity == "error" and f.cells and f.rhs
    }
    found: dict[str, tuple[frozenset[str], tuple[Repair, ...]]] = {}
    for key in sorted(failed_tables):
        table = report.tables.get(key)
        layout = formats()[table.format] if table is not None and table.format else spec
        if not layout.has_table(key):
            continue
        system = table_system(layout, key, rules)
        table_spec = layout.table(key)
        signed = frozenset(
            CellRef(key, row.key, column)
            for row in table_spec.rows
            for column in table_spec.row_columns(row.key)
            if table_spec.column(column).type == "signed_count"
        )
        answer = repairs(table_values(report, key), system, signed)
        if answer is not None:
            labelled = tuple(
                tuple(
                    attrs.evolve(
                        change,
                        label=table_cell_label(table_spec, change.cell),
                        label_en=cell_name(table_spec, change.cell, "en"),
                    )
                    for change in repair
                )
                for repair in answer
            )
            found[key] = (frozenset(eq.rule for eq in system), labelled)
    out = []
    for finding in findings:
        key = finding.cells[0].ref.table if finding.cells else ""
        if key in found and finding.status == "fail" and finding.rule in found[key][0]:
            finding = attrs.evolve(finding, suggestions=found[key][1])
        out.append(finding)
    return tuple(out)
