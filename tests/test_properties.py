"""Properties over generated reports: the rules as validator, generator and mutation oracle."""

from __future__ import annotations

from hypothesis import given

from giocheck.engine import applicable_instances, run_rules
from giocheck.engine.rulefile import default_rules
from giocheck.formats import formats
from giocheck.model import AnnualReport
from giocheck.strategies import Mutant, mutants, reports
from giocheck.writers.text import write_text
from tests.support import read, values

_EQUALITIES = ("sum", "balance")


@given(reports())
def test_a_generated_report_has_no_error_finding(report: AnnualReport) -> None:
    result = run_rules(report)
    assert result.errors == ()
    assert [f for f in result.findings if f.status == "not_assessable"] == []


@given(reports())
def test_a_generated_report_meets_the_text_and_content_rules(report: AnnualReport) -> None:
    # The generator writes prose that covers what the content rules ask for, states no number
    # a text rule could compare, and leaves 规章 at 0 where the agency may not make them.
    assert [f.rule for f in run_rules(report).findings if not f.rule.startswith(("T2_", "T3_", "T4_"))] == []


@given(reports(blanks=True))
def test_blank_cells_are_never_violations(report: AnnualReport) -> None:
    assert run_rules(report).errors == ()


Key = tuple[str, tuple[tuple[str, str], ...], str]


def _expected_errors(mutant: Mutant) -> set[Key]:
    """From the rules alone: the equality instances that read the changed cell, the
    non-negative rule if the new value went below zero in a column that must not, and the
    `zero` rules (for this agency) if the cell they keep at 0 changed."""
    expected: set[Key] = set()
    spec = formats()[mutant.report.metadata.format]
    column_type = spec.table(mutant.cell.table).column(mutant.cell.column).type
    for instance in applicable_instances(mutant.report, default_rules()):
        if instance.rule.severity != "error":
            continue
        if instance.rule.kind in _EQUALITIES:
            weight = sum(t.weight for t in (*instance.lhs, *instance.rhs) if t.ref == mutant.cell)
            if weight != 0:
                expected.add((instance.rule.id, instance.binding, ""))
        elif instance.rule.kind == "zero" and mutant.cell in instance.cells and mutant.after != 0:
            # e.g. P_REG_AUTHORITY: a county-level agency reporting 规章 (the generator left them 0)
            expected.add((instance.rule.id, instance.binding, str(mutant.cell)))
        elif (
            instance.rule.kind == "non_negative"
            and mutant.cell in instance.cells
            and mutant.after < 0
            and column_type != "signed_count"
        ):
            expected.add((instance.rule.id, instance.binding, str(mutant.cell)))
    return expected


@given(mutants())
def test_one_changed_cell_fires_exactly_the_rules_that_read_it(mutant: Mutant) -> None:
    fired: set[Key] = set()
    for finding in run_rules(mutant.report).errors:
        assert mutant.cell in {c.ref for c in finding.cells}, finding.message_zh
        cell = str(finding.lhs[0].ref) if not finding.rhs else ""
        fired.add((finding.rule, finding.binding, cell))
    assert fired == _expected_errors(mutant)


@given(reports(blanks=True))
def test_the_text_layout_reads_back_to_the_same_values(report: AnnualReport) -> None:
    back = read(write_text(report))
    assert back.problems == []
    assert back.metadata.model_dump(exclude={"source"}) == report.metadata.model_dump(exclude={"source"})
    assert values(back) == values(report)
    assert [s.key for s in back.sections] == [s.key for s in report.sections]
