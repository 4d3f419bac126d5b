"""The rule engine: rule files → instances → kinds → findings."""

from __future__ import annotations

from collections.abc import Iterator

from giocheck.engine.findings import Finding, Result
from giocheck.engine.instances import Instance, expand
from giocheck.engine.kinds import KINDS
from giocheck.engine.rulefile import RuleSet, RuleSpec, default_rules
from giocheck.formats import formats
from giocheck.model import AnnualReport

__all__ = ["Finding", "Result", "RuleSet", "RuleSpec", "applicable_instances", "default_rules", "run_rules"]


def applicable_instances(report: AnnualReport, rules: RuleSet) -> Iterator[Instance]:
    """Every instance of every rule that applies to the report's format and tables."""
    spec = formats().get(report.metadata.format)
    if spec is None:
        return
    for rule in rules.rules:
        if spec.key in rule.formats and rule.table in report.tables:
            yield from expand(rule, spec)


def run_rules(report: AnnualReport, rules: RuleSet | None = None) -> Result:
    """Check `report` against `rules` (the shipped rules by default)."""
    ruleset = rules or default_rules()
    findings: list[Finding] = []
    ran: dict[str, None] = {}
    for instance in applicable_instances(report, ruleset):
        ran[instance.rule.id] = None
        findings.extend(KINDS[instance.rule.kind].check(instance, report))
    return Result(report=report, findings=tuple(findings), rules_run=tuple(ran))
