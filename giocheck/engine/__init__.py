"""The rule engine: rule files → instances → kinds → findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from giocheck.engine.findings import CellRef, Finding, Result
from giocheck.engine.instances import Instance
from giocheck.engine.registry import KINDS
from giocheck.engine.report import applies_to, run_report_rules
from giocheck.engine.rulefile import RuleSet, RuleSpec, default_rules
from giocheck.engine.schema import TableRule
from giocheck.engine.solver import with_suggestions
from giocheck.engine.subject import Subject
from giocheck.formats import report_format
from giocheck.model import AnnualReport
from giocheck.profile import AgencyProfile, profile_of

__all__ = ["Finding", "Result", "RuleSet", "RuleSpec", "applicable_instances", "default_rules", "run_rules"]


def applicable_instances(
    report: AnnualReport, rules: RuleSet, profile: AgencyProfile | None = None
) -> Iterator[Instance[TableRule]]:
    """Every instance of every table rule that applies to the report's tables and agency
    (`profile`: the agency's, when already known).

    Each table is checked with the rules of the format whose layout it follows (a 2025 report
    may print a table in the 2019 layout); a table whose numbers could not be trusted at all
    (`ReadProblem.unchecked`) is not checked.
    """
    spec = report_format(report)
    if spec is None:
        return
    profile = profile or profile_of(report.metadata)
    unchecked = {problem.table for problem in report.problems if problem.unchecked}
    layouts: dict[str, list[str]] = {}
    for key, table in report.tables.items():
        if key not in unchecked:
            layouts.setdefault(table.format or spec.key, []).append(key)
    for layout, keys in sorted(layouts.items(), key=lambda item: item[0] != spec.key):
        for instance in rules.plan(layout).tables:
            if instance.rule.table in keys and applies_to(instance.rule, profile):
                yield instance


def sum_parts(instances: list[Instance[TableRule]]) -> dict[CellRef, tuple[tuple[CellRef, ...], ...]]:
    """Each total a `sum` rule adds up (one cell on its left, parts added on its right), with
    the parts of every such rule: what a blank total stands for."""
    parts: dict[CellRef, tuple[tuple[CellRef, ...], ...]] = {}
    for instance in instances:
        lhs, rhs = instance.lhs, instance.rhs
        if instance.rule.kind == "sum" and len(lhs) == 1 and rhs and all(t.weight == 1 for t in (*lhs, *rhs)):
            parts[lhs[0].ref] = (*parts.get(lhs[0].ref, ()), tuple(t.ref for t in rhs))
    return parts


def run_rules(report: AnnualReport, rules: RuleSet | None = None, previous: AnnualReport | None = None) -> Result:
    """Check `report` against `rules` (the shipped rules by default); `previous` is last year's report.

    A report with read problems gets only the table rules: a part cut off mid-table is what the
    read problem says, not a missing part, an empty part or a text that disagrees with the table.
    A report before 2019 (`legacy`, no tables) gets the report rules that list that format.
    """
    ruleset = rules or default_rules()
    findings: list[Finding] = []
    ran: dict[str, None] = {}
    profile = profile_of(report.metadata)
    instances, parts = _table_rules(report, ruleset, profile)
    # One subject for every rule: a table read into its grid once, the text put in prose form once.
    subject = Subject(report, previous, profile, parts)
    for instance in instances:
        ran[instance.rule.id] = None
        kind = KINDS[instance.rule.kind]
        # The common case (a sum that adds up, a row with no blank) decided on the grid alone.
        if kind.quiet is not None and kind.quiet(instance, subject.grid(instance)):
            continue
        findings.extend(kind.check(instance, subject))
    if not report.problems:
        plan = ruleset.plan(report.metadata.format)
        for rule, found in run_report_rules(report, plan.report, previous, subject=subject):
            ran[rule.id] = None
            findings.extend(found)
    findings = _with_basis(report, findings, ruleset)
    return Result(report=report, findings=with_suggestions(report, findings, ruleset), rules_run=tuple(ran))


def _table_rules(
    report: AnnualReport, rules: RuleSet, profile: AgencyProfile
) -> tuple[tuple[Instance[TableRule], ...], Mapping[CellRef, tuple[tuple[CellRef, ...], ...]]]:
    """`applicable_instances` and their `sum_parts`, worked out once per shape of report: the
    format, its tables checked and their layouts, and the agency's kind and level."""
    unchecked = {problem.table for problem in report.problems if problem.unchecked}
    layouts = tuple((key, table.format) for key, table in report.tables.items() if key not in unchecked)
    key = ("table rules", report.metadata.format, layouts, profile.kind, profile.level)

    def work_out() -> tuple[tuple[Instance[TableRule], ...], Mapping[CellRef, tuple[tuple[CellRef, ...], ...]]]:
        instances = tuple(applicable_instances(report, rules, profile))
        return instances, sum_parts(list(instances))

    return rules.memo(key, work_out)


def _with_basis(report: AnnualReport, findings: list[Finding], rules: RuleSet) -> list[Finding]:
    """Each finding with its rule's short basis, so every output can say why inline."""
    bases = rules.plan(report.metadata.format).bases
    return [
        attrs.evolve(f, basis_zh=bases[f.rule][0], basis_en=bases[f.rule][1]) if f.rule in bases else f
        for f in findings
    ]
