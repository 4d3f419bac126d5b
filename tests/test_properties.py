"""Properties over generated reports: the rules as validator, generator and mutation oracle."""

from __future__ import annotations

from hypothesis import given

from giocheck.engine import run_rules
from giocheck.model import AnnualReport
from giocheck.strategies import Expected, Mutant, mutants, reports
from giocheck.writers.text import write_text
from tests.support import read, values


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


@given(mutants())
def test_one_changed_cell_fires_exactly_the_rules_that_read_it(mutant: Mutant) -> None:
    # `mutant.expected` is derived from the rules alone (giocheck.strategies.expected_errors).
    fired: set[Expected] = set()
    for finding in run_rules(mutant.report).errors:
        assert mutant.cell in {c.ref for c in finding.cells}, finding.message_zh
        cell = str(finding.lhs[0].ref) if not finding.rhs else ""
        fired.add(Expected(finding.rule, finding.binding, cell))
    assert fired == mutant.expected


@given(mutants())
def test_every_mutant_has_an_error_to_spot(mutant: Mutant) -> None:
    # As docs/guide.md promises: the one wrong cell is one a checker can spot.
    errors = run_rules(mutant.report).errors
    assert errors != ()
    assert {f.rule for f in errors} == mutant.expected_rules


@given(reports(blanks=True))
def test_the_text_layout_reads_back_to_the_same_values(report: AnnualReport) -> None:
    back = read(write_text(report))
    assert back.problems == []
    assert back.metadata.model_dump(exclude={"source"}) == report.metadata.model_dump(exclude={"source"})
    assert values(back) == values(report)
    assert [s.key for s in back.sections] == [s.key for s in report.sections]
