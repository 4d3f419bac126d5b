"""Report kinds that compare this year's report with last year's (`--previous FILE`).

- `previous_equal`: cells of this year equal cells of last year (上年结转 = 结转下年度继续办理);
- `previous_continued`: this year's cells = last year's cells + this year's changes (现行有效件数);
- `similarity`: how much of this year's text repeats last year's (内容雷同), with the longest passages.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance, expand
from giocheck.engine.kinds import cell_view, relation_finding, weighted_sum
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding, not_compared, passages, quote, report_name
from giocheck.engine.schema import ContinuedRule, PreviousRule, SimilarityRule
from giocheck.formats import FormatSpec, formats
from giocheck.model import AnnualReport

_RELATION = {"scope", "lhs", "rhs", "lhs_terms", "rhs_terms", "diff", "previous_year", "previous"}
# Where a repeated passage may be cut so that it starts and ends with whole clauses; `|` joins parts.
_CLAUSE_END = "。；！？，：、|"


@register("previous_equal", PreviousRule, _RELATION, needs_previous=True)
def previous_equal(instance: Instance[PreviousRule], subject: Subject) -> Iterator[Finding]:
    """Σ this year's `lhs` cells equals Σ last year's `previous` cells, per binding."""
    rule = instance.rule
    yield from _across(rule, subject, same_format=False)


@register("previous_continued", ContinuedRule, _RELATION, needs_previous=True)
def previous_continued(instance: Instance[ContinuedRule], subject: Subject) -> Iterator[Finding]:
    """Σ this year's `lhs` = Σ last year's `previous` + Σ this year's `rhs` (same format only)."""
    rule = instance.rule
    yield from _across(rule, subject, same_format=True)


def _across(rule: PreviousRule, subject: Subject, same_format: bool) -> Iterator[Finding]:
    # `subject.previous` is last year's report of this agency (`report.previous_mismatch`).
    report, previous = subject.report, subject.previous
    assert previous is not None and rule.table is not None
    if previous.metadata.format not in rule.formats or rule.table not in previous.tables:
        yield from _not_comparable(rule, previous)
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
            extra={"previous_year": str(previous.metadata.year), "previous": report_name(previous)},
            extra_en={"previous": report_name(previous, "en")},
            scope=", ".join(f"{k} {v}" for k, v in instance.binding),
        )


def _spec(report: AnnualReport) -> FormatSpec:
    return formats()[report.metadata.format]


def _not_comparable(rule: PreviousRule, previous: AnnualReport) -> Iterator[Finding]:
    """Last year's report has no such table (a report before 2019 has none): say so, as info."""
    form = previous.metadata.format
    zh = f"上年报告（{report_name(previous)}）为 {form} 格式，没有可比的表格：无法判断「{rule.title_zh}」"
    en = f"last year's report ({report_name(previous, 'en')}) is in the {form} format, with no such table: cannot assess {rule.id}"
    yield not_compared(rule, zh, en)


@register(
    "similarity",
    SimilarityRule,
    {"share", "threshold", "passages", "previous_year", "previous"},
    needs_previous=True,
)
def similarity(instance: Instance[SimilarityRule], subject: Subject) -> Iterator[Finding]:
    """The share of this year's text found in last year's (runs of ≥ `min_length` characters)."""
    rule = instance.rule
    assert subject.previous is not None and rule.threshold is not None and rule.min_length is not None
    this = "|".join(p.text for p in subject.passages(rule.sections))
    last = "|".join(p.text for p in passages(subject.previous, rule.sections))
    if not this or len(this) < rule.min_length:
        return
    covered = repeated(this, last, rule.min_length)
    share = 100 * sum(covered) // len(this)
    if share <= rule.threshold:
        return
    runs = _runs(covered)
    whole = [text for text in (_whole_clauses(this, a, b) for a, b in runs) if text]
    whole = whole or [this[a:b].strip("|") for a, b in runs]  # no whole clause repeated: the runs as they are
    longest = sorted(whole, key=len, reverse=True)[:3]
    shown = "；".join(f"「{quote(text.replace('|', '……'), 60)}」（{len(text)} 字）" for text in longest)
    shown_en = "; ".join(f"“{quote(text.replace('|', '……'), 60)}” ({len(text)} characters)" for text in longest)
    yield finding(
        rule,
        {
            "share": f"{share}%",
            "threshold": f"{rule.threshold}%",
            "passages": shown,
            "previous_year": str(subject.previous.metadata.year or "?"),
            "previous": report_name(subject.previous),
        },
        {"previous": report_name(subject.previous, "en"), "passages": shown_en},
        scope="text",
    )


def repeated(this: str, last: str, size: int) -> list[bool]:
    """X_SIMILAR's measure: for each character of `this`, whether it lies in a run of ≥ `size`
    characters also found in `last` (giocheck/coverage.py compares agencies with it too)."""
    seen = {last[i : i + size] for i in range(len(last) - size + 1)}
    covered = [False] * len(this)
    for i in range(len(this) - size + 1):
        if this[i : i + size] in seen:
            covered[i : i + size] = [True] * size
    return covered


def _whole_clauses(text: str, start: int, end: int) -> str:
    """The repeated run text[start:end] cut to the clauses it holds whole ("" if none).

    A run starts wherever the repetition starts (`年，全市…`, mid-number); shown from the first
    clause that starts inside it to the last that ends inside it, without the `|` joining parts.
    """
    if start > 0 and text[start - 1] not in _CLAUSE_END:
        start = next((i + 1 for i in range(start, end) if text[i] in _CLAUSE_END), end)
    if end < len(text) and text[end - 1] not in _CLAUSE_END and text[end] not in _CLAUSE_END:
        end = next((i + 1 for i in range(end - 1, start - 1, -1) if text[i] in _CLAUSE_END), start)
    return text[start:end].strip("|")


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
