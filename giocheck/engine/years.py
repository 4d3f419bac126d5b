"""Report kinds that compare this year's report with last year's (`--previous FILE`).

- `previous_equal`: cells of this year equal cells of last year (上年结转 = 结转下年度继续办理);
- `previous_continued`: this year's cells = last year's cells + this year's changes (现行有效件数);
- `similarity`: how much of this year's text repeats last year's (内容雷同), with the longest passages.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from giocheck.engine.findings import Finding
from giocheck.engine.instances import expand
from giocheck.engine.kinds import cell_view, relation_finding, weighted_sum
from giocheck.engine.report import Subject, finding, passages, quote, register_report
from giocheck.engine.rulefile import RuleSpec
from giocheck.formats import FormatSpec, formats
from giocheck.model import AnnualReport

_RELATION = {"scope", "lhs", "rhs", "lhs_terms", "rhs_terms", "diff", "previous_year"}


@register_report("previous_equal", {"table", "lhs", "previous"}, _RELATION, needs_previous=True)
def previous_equal(rule: RuleSpec, subject: Subject) -> Iterator[Finding]:
    """Σ this year's `lhs` cells equals Σ last year's `previous` cells, per binding."""
    yield from _across(rule, subject, same_format=False)


@register_report("previous_continued", {"table", "lhs", "rhs", "previous"}, _RELATION, needs_previous=True)
def previous_continued(rule: RuleSpec, subject: Subject) -> Iterator[Finding]:
    """Σ this year's `lhs` = Σ last year's `previous` + Σ this year's `rhs` (same format only)."""
    yield from _across(rule, subject, same_format=True)


def _across(rule: RuleSpec, subject: Subject, same_format: bool) -> Iterator[Finding]:
    report, previous = subject.report, subject.previous
    assert previous is not None and rule.table is not None
    if not _consecutive(rule, report, previous) or rule.table not in previous.tables:
        yield from _not_comparable(rule, report, previous)
        return
    if same_format and previous.metadata.format != report.metadata.format:
        return  # e.g. 2020 → 2021: the T2 columns changed meaning
    try:
        last = {
            i.binding: i for i in expand(rule.model_copy(update={"lhs": rule.previous, "rhs": []}), _spec(previous))
        }
    except KeyError:
        return  # last year's format has no such cells
    for instance in expand(rule, _spec(report)):
        before = last.get(instance.binding)
        if before is None or rule.table not in report.tables:
            continue
        this = tuple(cell_view(instance, report, t) for t in instance.lhs)
        changes = tuple(cell_view(instance, report, t) for t in instance.rhs)
        then = tuple(
            attrs.evolve(view, label="上年报告" + view.label)
            for view in (cell_view(before, previous, t) for t in before.lhs)
        )
        if any(v.value is None for v in this + changes + then):
            continue
        if weighted_sum(this) == weighted_sum(then + changes):
            continue
        yield relation_finding(
            instance,
            this,
            then + changes,
            extra={"previous_year": str(previous.metadata.year)},
            labelled=True,
            scope=", ".join(f"{k} {v}" for k, v in instance.binding),
        )


def _spec(report: AnnualReport) -> FormatSpec:
    return formats()[report.metadata.format]


def _consecutive(rule: RuleSpec, report: AnnualReport, previous: AnnualReport) -> bool:
    this, last = report.metadata.year, previous.metadata.year
    return this is not None and last is not None and last == this - 1 and previous.metadata.format in rule.formats


def _not_comparable(rule: RuleSpec, report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    this, last = report.metadata.year, previous.metadata.year
    zh = f"上年报告为 {last or '?'} 年度（{previous.metadata.format} 格式），本报告为 {this or '?'} 年度：无法判断「{rule.title_zh}」"
    en = f"last year's report is for {last or '?'} ({previous.metadata.format} format), this one for {this or '?'}: cannot assess {rule.id}"
    yield Finding(
        rule=rule.id,
        name=rule.name,
        severity="info",
        status="not_assessable",
        message_zh=zh,
        message_en=en,
        scope="previous",
    )


@register_report(
    "similarity",
    {"sections", "threshold", "min_length"},
    {"share", "threshold", "passages", "previous_year"},
    needs_previous=True,
)
def similarity(rule: RuleSpec, subject: Subject) -> Iterator[Finding]:
    """The share of this year's text found in last year's (runs of ≥ `min_length` characters)."""
    assert subject.previous is not None and rule.threshold is not None and rule.min_length is not None
    this = "|".join(p.text for p in subject.passages(rule.sections))
    last = "|".join(p.text for p in passages(subject.previous, rule.sections))
    if not this or len(this) < rule.min_length:
        return
    size = rule.min_length
    seen = {last[i : i + size] for i in range(len(last) - size + 1)}
    covered = [False] * len(this)
    for i in range(len(this) - size + 1):
        if this[i : i + size] in seen:
            covered[i : i + size] = [True] * size
    share = 100 * sum(covered) // len(this)
    if share <= rule.threshold:
        return
    runs = _runs(covered)
    longest = sorted(runs, key=lambda r: r[1] - r[0], reverse=True)[:3]
    shown = "；".join(f"「{quote(this[a:b], 60)}」（{b - a} 字）" for a, b in longest)
    yield finding(
        rule,
        {
            "share": f"{share}%",
            "threshold": f"{rule.threshold}%",
            "passages": shown,
            "previous_year": str(subject.previous.metadata.year or "?"),
        },
        scope="text",
    )


def _runs(covered: list[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for index, flag in enumerate([*covered, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    return runs
