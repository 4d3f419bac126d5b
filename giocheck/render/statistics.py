"""`--statistics` and the pytest summary: per rule, how many findings and how many reports broke it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

import attrs

from giocheck.engine.findings import Finding, Result
from giocheck.render.text import summary_text, unreadable_line
from giocheck.runner import FileOutcome, Summary
from giocheck.words import say


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
    return merge_counts(_report_counts(o.result) for o in outcomes if o.result is not None)


def _report_counts(result: Result) -> list[RuleCount]:
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.failures:
        by_rule.setdefault(finding.rule, []).append(finding)
    return [RuleCount(rule, same[0].name, same[0].severity, len(same), 1) for rule, same in by_rule.items()]


def merge_counts(parts: Iterable[Iterable[RuleCount]]) -> list[RuleCount]:
    """Counts of separate reports (or runs) added up, most frequent first."""
    total: dict[str, RuleCount] = {}
    for part in parts:
        for count in part:
            seen = total.get(count.rule)
            total[count.rule] = (
                count
                if seen is None
                else attrs.evolve(seen, findings=seen.findings + count.findings, reports=seen.reports + count.reports)
            )
    return sorted(total.values(), key=lambda c: (-c.findings, c.rule))


def statistics_lines(counts: Iterable[RuleCount], lang: str = "zh") -> list[str]:
    """Aligned plain-text rows: findings, reports, rule id, name, level."""
    rows = list(counts)
    if not rows:
        return [say("office.none_broken", lang)]
    header = tuple(say(f"office.{name}", lang) for name in ("count", "reports", "rule", "name", "level"))
    table = [header, *((str(c.findings), str(c.reports), c.rule, c.name, c.severity) for c in rows)]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    return ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip() for row in table]


def statistics_text(
    outcomes: Sequence[FileOutcome], summary: Summary, lang: str = "zh", notes: Sequence[str] = ()
) -> list[str]:
    """`check --statistics` as text: the files that could not be read (they break no rule, but
    must not pass unseen), the counts, `notes` (warnings about the run) and the summary line."""
    unreadable = [line for outcome in outcomes if (line := unreadable_line(outcome, lang))]
    accepted = sum(len(o.accepted) for o in outcomes)
    return [*unreadable, *statistics_lines(rule_counts(outcomes), lang), *notes, summary_text(summary, lang, accepted)]


def render_statistics(
    out: TextIO,
    err: TextIO,
    outcomes: Sequence[FileOutcome],
    summary: Summary,
    lang: str = "zh",
    notes: Sequence[str] = (),
    as_json: bool = False,
) -> None:
    """`check --statistics`: text (`statistics_text`), or JSON — a list, as docs/json.md says,
    with the files that could not be read named on `err`."""
    if not as_json:
        out.write("\n".join(statistics_text(outcomes, summary, lang, notes)) + "\n")
        return
    out.write(json.dumps(statistics_json(rule_counts(outcomes)), ensure_ascii=False, indent=2) + "\n")
    for outcome in outcomes:
        if line := unreadable_line(outcome, lang):
            err.write(f"giocheck: {line}\n")


def statistics_json(counts: Iterable[RuleCount]) -> list[dict[str, Any]]:
    """The statistics as JSON objects (`--statistics --format json`)."""
    return [
        {"rule": c.rule, "name": c.name, "severity": c.severity, "count": c.findings, "reports": c.reports}
        for c in counts
    ]


def counts_from_json(items: Iterable[dict[str, Any]]) -> list[RuleCount]:
    """`statistics_json` read back (the pytest plugin keeps each report's counts in its cache)."""
    return [RuleCount(i["rule"], i["name"], i["severity"], i["count"], i["reports"]) for i in items]


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
