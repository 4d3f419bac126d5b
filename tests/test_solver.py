"""The likely culprit: the fewest cells whose change makes every relation of a table hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck.api import load
from giocheck.engine import run_rules
from giocheck.engine.findings import CellRef, Change, Finding
from giocheck.engine.kinds import KINDS, table_cell_label
from giocheck.engine.relations import Equation
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.engine.solver import MOST_PAIRS, repairs, table_system
from giocheck.formats import formats
from giocheck.model import AnnualReport
from giocheck.strategies import replace_cell, reports
from tests.conftest import HUAIAN, QU

# The table rules alone: the culprit comes from them, and the text rules would only slow the
# hundreds of examples below.
TABLE_RULES = RuleSet(rules=tuple(r for r in default_rules().rules if r.kind in KINDS), sources=())
# The two samples: 渠县 (mostly zeros) and 淮安 (thousands of applications); both hold every relation.
SAMPLES = {"qu": load(QU), "huaian": load(HUAIAN)}


def _cells(key: str) -> list[CellRef]:
    spec = formats()[key]
    return [
        CellRef(table, row.key, column)
        for table in ("T3", "T4")
        for row in spec.table(table).rows
        for column in spec.table(table).row_columns(row.key)
    ]


def _suggested(report: AnnualReport) -> list[Finding]:
    return [f for f in run_rules(report, TABLE_RULES).errors if f.suggestions is not None]


def _edit_and_solve(report: AnnualReport, ref: CellRef, data: st.DataObject) -> None:
    """Change `ref` to another non-negative whole number: the change back is one of the
    single-cell repairs every failing equality of its table carries."""
    before = report.cell(ref.table, ref.row, ref.column)
    assert before is not None and isinstance(before.value, int)
    value = data.draw(st.integers(0, 5000).map(lambda v: v if v != before.value else v + 1), label="value")
    label = table_cell_label(formats()[report.metadata.format].table(ref.table), ref)
    suggested = _suggested(replace_cell(report, ref, value))
    assert suggested, f"no error of {ref.table} carries suggestions"
    for finding in suggested:
        assert (Change(ref, value, before.value, label),) in (finding.suggestions or ()), finding.message_zh


@pytest.mark.parametrize(
    ("sample", "ref"),
    [(name, ref) for name, report in SAMPLES.items() for ref in _cells(report.metadata.format)],
    ids=str,
)
@settings(max_examples=3)
@given(data=st.data())
def test_an_edited_cell_of_a_sample_is_among_the_suggestions(sample: str, ref: CellRef, data: st.DataObject) -> None:
    _edit_and_solve(SAMPLES[sample], ref, data)


def test_the_samples_hold_every_relation() -> None:
    # What the edits above rely on: before the edit, no relation of tables 3 and 4 fails.
    for report in SAMPLES.values():
        assert run_rules(report, TABLE_RULES).errors == ()


def _generated(key: str, count: int = 6) -> list[AnnualReport]:
    """A few valid reports of format `key`, drawn once (deterministically) for every cell's test:
    drawing a report costs ten times as much as checking it."""
    found: list[AnnualReport] = []

    @settings(max_examples=count, derandomize=True, database=None)
    @given(reports(key, TABLE_RULES))
    def collect(report: AnnualReport) -> None:
        found.append(report)

    collect()
    return found


GENERATED = {key: _generated(key) for key in formats()}


@pytest.mark.parametrize(("key", "ref"), [(key, ref) for key in formats() for ref in _cells(key)], ids=str)
@settings(max_examples=3)
@given(data=st.data())
def test_an_edited_cell_of_a_generated_report_is_among_the_suggestions(
    key: str, ref: CellRef, data: st.DataObject
) -> None:
    _edit_and_solve(data.draw(st.sampled_from(GENERATED[key]), label="report"), ref, data)


def test_the_generated_reports_differ() -> None:
    # The pool is no set of empty tables: the edits above land among varied numbers.
    for pool in GENERATED.values():
        assert len({tuple(sorted(_values(report).items())) for report in pool}) >= len(pool) // 2
        assert any(value > 0 for report in pool for value in _values(report).values())


def _values(report: AnnualReport) -> dict[str, int]:
    return {
        f"{key}.{row.key}.{column}": cell.value
        for key in ("T3", "T4")
        for row in report.tables[key].rows.values()
        for column, cell in row.cells.items()
        if isinstance(cell.value, int)
    }


# ------------------------------------------------------------------ the search itself

A, B, C, D = (CellRef("T9", "R", column) for column in "ABCD")


def _eq(rule: str, *terms: tuple[CellRef, int]) -> Equation:
    return Equation(rule, terms)


# A = B + C and C = D: a total with two parts, one part carried from another cell.
SYSTEM = (_eq("SUM", (A, 1), (B, -1), (C, -1)), _eq("SAME", (C, 1), (D, -1)))


def test_nothing_to_repair_when_every_equation_holds() -> None:
    assert repairs({A: 5, B: 2, C: 3, D: 3}, SYSTEM) is None


def test_the_one_cell_in_every_failing_equation_is_the_culprit() -> None:
    # C printed as 4 breaks both equations; only C is in both.
    assert repairs({A: 5, B: 2, C: 4, D: 3}, SYSTEM) == ((Change(C, 4, 3),),)


def test_every_single_cell_that_fits_is_listed() -> None:
    # Only the sum fails: the total or either part not tied elsewhere could be wrong.
    assert repairs({A: 6, B: 2, C: 3, D: 3}, SYSTEM) == ((Change(A, 6, 5),), (Change(B, 2, 3),))


def test_a_repair_never_proposes_a_negative_count() -> None:
    # B would have to be −1: only the total is left.
    assert repairs({A: 2, B: 0, C: 3, D: 3}, SYSTEM) == ((Change(A, 2, 3),),)
    assert repairs({A: 2, B: 0, C: 3, D: 3}, SYSTEM, signed=frozenset({B})) == (
        (Change(A, 2, 3),),
        (Change(B, 0, -1),),
    )


def test_two_cells_when_no_single_cell_fits() -> None:
    # A = B + C holds, C = D fails, and E = A fails: no cell is in both failing equations.
    e = CellRef("T9", "R", "E")
    system = (*SYSTEM, _eq("COPY", (e, 1), (A, -1)))
    found = repairs({A: 5, B: 2, C: 3, D: 4, e: 6}, system)
    assert found is not None and found != ()
    assert (Change(D, 4, 3), Change(e, 6, 5)) in found
    assert all(len(repair) == 2 for repair in found)


def test_none_when_neither_one_nor_two_cells_fit() -> None:
    # Three disjoint equations fail: no pair of cells touches all three.
    e, f = CellRef("T9", "R", "E"), CellRef("T9", "R", "F")
    system = (_eq("X", (A, 1), (B, -1)), _eq("Y", (C, 1), (D, -1)), _eq("Z", (e, 1), (f, -1)))
    assert repairs({A: 1, B: 2, C: 1, D: 2, e: 1, f: 2}, system) == ()


def test_a_blank_cell_leaves_its_equation_out() -> None:
    assert repairs({A: 5, B: 2, C: 4}, SYSTEM) == ((Change(A, 5, 6),), (Change(B, 2, 1),), (Change(C, 4, 3),))


def test_too_many_pairs_name_no_culprit() -> None:
    # Two unrelated sums fail: any of three cells in each, nine pairs fit alike.
    e, f = CellRef("T9", "R", "E"), CellRef("T9", "R", "F")
    system = (_eq("X", (A, 1), (B, -1), (C, -1)), _eq("Y", (D, 1), (e, -1), (f, -1)))
    values = {A: 5, B: 2, C: 2, D: 5, e: 2, f: 2}
    assert MOST_PAIRS < 3 * 3
    assert repairs(values, system) == ()
    # With one of them right, the other's three cells are the single-cell repairs.
    assert repairs({**values, D: 4}, system) == ((Change(A, 5, 4),), (Change(B, 2, 3),), (Change(C, 2, 3),))


def test_the_table_system_comes_from_the_rule_files() -> None:
    system = table_system(formats()["2021"], "T4")
    assert {eq.rule for eq in system} == {"T4_SUM_RV", "T4_SUM_LD", "T4_SUM_LA"}
