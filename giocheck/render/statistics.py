"""`--statistics` and the pytest summary: per rule, how many findings and how many reports broke it."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from giocheck.runner import FileOutcome


@attrs.frozen
class RuleCount:
    """One rule's counts over a run."""

    rule: str
    name: str
    severity: str
    findings: int
    reports: int


def rule_counts(outcomes: Iterable[FileOutcome]) -> list[RuleCount]:
    """Violations per rule (not-assessable and accepted findings left out), most frequent first."""
    findings: dict[str, int] = {}
    reports: dict[str, set[str]] = {}
    about: dict[str, tuple[str, str]] = {}
    for outcome in outcomes:
        if outcome.result is None:
            continue
        for finding in outcome.result.failures:
            findings[finding.rule] = findings.get(finding.rule, 0) + 1
            reports.setdefault(finding.rule, set()).add(outcome.path)
            about.setdefault(finding.rule, (finding.name, finding.severity))
    return sorted(
        (
            RuleCount(rule, about[rule][0], about[rule][1], count, len(reports[rule]))
            for rule, count in findings.items()
        ),
        key=lambda c: (-c.findings, c.rule),
    )


def statistics_lines(counts: Iterable[RuleCount], lang: str = "zh") -> list[str]:
    """Aligned plain-text rows: findings, reports, rule id, name, level."""
    rows = list(counts)
    if not rows:
        return ["没有违反任何规则" if lang == "zh" else "no rule was broken"]
    header = (
        ("条数", "报告数", "规则", "名称", "级别") if lang == "zh" else ("count", "reports", "rule", "name", "level")
    )
    table = [header, *((str(c.findings), str(c.reports), c.rule, c.name, c.severity) for c in rows)]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    return ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip() for row in table]


def statistics_json(counts: Iterable[RuleCount]) -> list[dict[str, object]]:
    """The statistics as JSON objects (`--statistics --format json`)."""
    return [
        {"rule": c.rule, "name": c.name, "severity": c.severity, "count": c.findings, "reports": c.reports}
        for c in counts
    ]


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
