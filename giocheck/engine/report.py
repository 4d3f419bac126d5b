"""Running the rules about the whole report, and what their kinds share.

A report kind is a small function `(instance, subject) -> findings` registered in
`giocheck.engine.registry`; the kinds live in `claims.py` (text against tables), `content.py`
(parts, aspects, format, deadline, other places), `reading.py` (read notes) and `years.py`
(last year's report). This module runs them over one report and makes their findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Severity
from giocheck.engine.instances import Instance
from giocheck.engine.registry import KINDS
from giocheck.engine.schema import RuleSpec
from giocheck.engine.subject import (
    PREAMBLE_NAME,
    Passage,
    Subject,
    all_passages,
    parse_ref,
    passages,
    prose_form,
    quote,
    sentence_at,
    text_scope,
    view,
)
from giocheck.model import AnnualReport, Location
from giocheck.profile import AgencyProfile, profile_of

__all__ = [
    "Passage",
    "Subject",
    "all_passages",
    "applies_to",
    "finding",
    "not_compared",
    "parse_ref",
    "passages",
    "previous_mismatch",
    "prose_form",
    "quote",
    "report_name",
    "run_report_rules",
    "sentence_at",
    "text_scope",
    "view",
]


def applies_to(rule: RuleSpec, profile: AgencyProfile) -> bool:
    """Whether a rule limited to some agencies applies (an unknown kind or level: it does not)."""
    if rule.agency_kinds and profile.kind not in rule.agency_kinds:
        return False
    return not (rule.agency_levels and profile.level not in rule.agency_levels)


def run_report_rules(
    report: AnnualReport,
    instances: Sequence[Instance[RuleSpec]],
    previous: AnnualReport | None,
    parts: Mapping[CellRef, tuple[tuple[CellRef, ...], ...]] | None = None,
    *,
    subject: Subject | None = None,
) -> Iterator[tuple[RuleSpec, list[Finding]]]:
    """Each report rule that applies (`instances`: the plan's for the report's format), with its findings; `parts` are the totals the table rules
    add up (`sum_parts`), so a text claim about a blank total can use the sum of its parts.
    `subject`: the report's subject the table rules were run with (its `parts` are used, and
    what it has worked out about the report), else one is made.

    A `previous` report that is not last year's report of this agency is not compared: the
    first rule that would compare says so once (not assessable), and no rule across years runs.
    """
    unfit = None if previous is None else previous_mismatch(report, previous)
    kept = None if unfit else previous
    if subject is None:
        subject = Subject(report, kept, profile_of(report.metadata), parts or {})
    elif subject.previous is not kept:
        subject = attrs.evolve(subject, previous=kept)  # shares the subject's memo, which never holds `previous`
    for instance in instances:
        rule, kind = instance.rule, KINDS[instance.rule.kind]
        if not applies_to(rule, subject.profile):
            continue
        if kind.needs_previous and unfit is not None:
            yield rule, [not_compared(rule, *unfit)]
            unfit = None  # said once; `subject.previous` stays None for the rules after it
        if kind.needs_previous and subject.previous is None:
            continue
        yield rule, list(kind.check(instance, subject))


def previous_mismatch(report: AnnualReport, previous: AnnualReport) -> tuple[str, str] | None:
    """Why `previous` is not last year's report of the same agency (Chinese, English), or None.

    Agency names are compared without white space, 政府 and 人民政府 alike, and a government's
    办公室/办公厅 (which reports for it) as the government; an unknown name is no objection.
    """
    this, last = report.metadata, previous.metadata
    if this.year is None or last.year is None or last.year != this.year - 1:
        why = ("年度不相接", "not for the year before")
    elif this.agency and last.agency and _same_agency(this.agency) != _same_agency(last.agency):
        why = ("机关不同", "of another agency than")
    else:
        return None
    return (
        f"上年报告是{_report_name(last.agency, last.year)}，与本报告（{_report_name(this.agency, this.year)}）"
        f"{why[0]}，未作跨年比对",
        f"the previous report is {_report_name(last.agency, last.year, 'en')}, {why[1]} this one "
        f"({_report_name(this.agency, this.year, 'en')}): not compared across years",
    )


def not_compared(rule: RuleSpec, message_zh: str, message_en: str) -> Finding:
    """An info finding: last year's report could not be compared for this rule, and why."""
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity="info",
        status="not_assessable",
        message_zh=message_zh,
        message_en=message_en,
        scope="previous",
    )


def report_name(report: AnnualReport, lang: str = "zh") -> str:
    """`淮安市人民政府2023年度报告`: the agency (when known) and the year a report is for."""
    return _report_name(report.metadata.agency, report.metadata.year, lang)


def _report_name(agency: str | None, year: int | None, lang: str = "zh") -> str:
    if lang == "en":
        owner = f"“{agency}”'s" if agency else "the"  # the agency's name is report text
        return f"{owner} report for {year or '?'}"
    return f"{agency or ''}{year or '?'}年度报告"


def _same_agency(name: str) -> str:
    name = re.sub(r"\s+", "", name).replace("人民政府", "政府")
    return re.sub(r"政府办公[室厅]$", "政府", name)


def finding(
    rule: RuleSpec,
    slots: dict[str, str],
    slots_en: dict[str, str] | None = None,
    *,
    cells: tuple[CellView, ...] = (),
    scope: str = "",
    where: Location | None = None,
    severity: Severity | None = None,
    status: str = "fail",
) -> Finding:
    """A finding of a report rule, its messages filled from `slots` (`slots_en` for English)."""
    english = {**slots, **(slots_en or {})}
    if english.get("section") == PREAMBLE_NAME:
        english["section"] = "the opening text"  # giocheck's name for it, not the report's words
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=severity or rule.severity,
        status="fail" if status == "fail" else "not_assessable",
        message_zh=rule.message_zh.format_map(slots),
        message_en=rule.message_en.format_map(english),
        lhs=cells,
        scope=scope,
        where=where,
    )
