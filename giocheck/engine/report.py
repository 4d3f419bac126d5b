"""Rules about the whole report rather than one table: text claims, content, years, agencies.

A report kind is a small function `(rule, subject) -> findings`, registered with
`register_report`. The subject is this year's report, last year's (when given) and who the
agency is. The kinds live in `claims.py`, `content.py` and `years.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Severity
from giocheck.engine.ruledata import PREAMBLE, compile_pattern
from giocheck.engine.rulefile import RuleSpec
from giocheck.formats import formats
from giocheck.model import AnnualReport, Location
from giocheck.profile import AgencyProfile, profile_of


@attrs.frozen
class Subject:
    """What a report rule looks at: the report, last year's report (or None), the agency."""

    report: AnnualReport
    previous: AnnualReport | None
    profile: AgencyProfile


ReportCheck = Callable[[RuleSpec, Subject], Iterator[Finding]]


@attrs.frozen
class ReportKind:
    """A registered report kind: its function, the rule fields it needs and its message slots."""

    check: ReportCheck
    fields: frozenset[str]
    slots: frozenset[str]
    needs_previous: bool = False
    single_lhs: bool = False


_REPORT_KINDS: dict[str, ReportKind] = {}


def register_report(
    name: str, fields: set[str], slots: set[str], needs_previous: bool = False
) -> Callable[[ReportCheck], ReportCheck]:
    """Register `function` as report kind `name`."""

    def add(function: ReportCheck) -> ReportCheck:
        _REPORT_KINDS[name] = ReportKind(function, frozenset(fields), frozenset(slots), needs_previous)
        return function

    return add


@cache
def report_kinds() -> dict[str, ReportKind]:
    """Every report kind (importing the modules that register them)."""
    from giocheck.engine import claims, content, years  # noqa: F401  (they register on import)

    return dict(_REPORT_KINDS)


def applies_to(rule: RuleSpec, profile: AgencyProfile) -> bool:
    """Whether a rule limited to some agencies applies (an unknown kind or level: it does not)."""
    if rule.agency_kinds and profile.kind not in rule.agency_kinds:
        return False
    return not (rule.agency_levels and profile.level not in rule.agency_levels)


def run_report_rules(
    report: AnnualReport, rules: tuple[RuleSpec, ...], previous: AnnualReport | None
) -> Iterator[tuple[RuleSpec, list[Finding]]]:
    """Each report rule that applies, with its findings."""
    subject = Subject(report, previous, profile_of(report.metadata))
    for rule in rules:
        kind = report_kinds().get(rule.kind)
        if kind is None or report.metadata.format not in rule.formats or not applies_to(rule, subject.profile):
            continue
        if kind.needs_previous and previous is None:
            continue
        yield rule, list(kind.check(rule, subject))


# ------------------------------------------------------------------ load-time checks


def check_report_rule(rule: RuleSpec) -> tuple[str, str] | None:
    """(field, problem) for a report rule whose data is wrong, else None."""
    keys = {s.key for spec in formats().values() for s in spec.sections} | {PREAMBLE}
    for section in rule.sections:
        if section not in keys:
            return "sections", f"unknown section {section!r}; known: {', '.join(sorted(keys))}"
    for index, claim in enumerate(rule.claims):
        for name, pattern in (("pattern", claim.pattern), ("part", claim.part)):
            if pattern is None:
                continue
            try:
                compile_pattern(pattern)
            except re.error as error:
                return f"claims[{index}].{name}", f"not a valid regular expression: {error}"
        for ref in claim.cells:
            problem = _cell_problem(ref, rule.formats)
            if problem:
                return f"claims[{index}].cells", problem
    if rule.previous:
        from giocheck.engine.instances import expand

        for key in rule.formats:
            try:
                expand(rule.model_copy(update={"lhs": rule.previous, "rhs": []}), formats()[key])
            except KeyError as error:
                return "previous", f"unknown row, column or group {error} in {rule.table} of format {key}"
    return None


def _cell_problem(ref: str, keys: Sequence[str]) -> str | None:
    parts = ref.split(".")
    if len(parts) != 3:
        return f"{ref!r}: write TABLE.ROW.COLUMN, e.g. T3.NEW.TOT"
    table_key, row, column = parts
    for key in keys:
        try:
            table = formats()[key].table(table_key)
        except KeyError:
            return f"{ref!r}: no table {table_key} in format {key}"
        if not table.has_row(row) or column not in table.row_columns(row):
            return f"{ref!r}: no such cell in format {key}"
    return None


# ------------------------------------------------------------------ helpers for the kinds

_FOOTER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$", re.MULTILINE)
_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
SENTENCE_END = "。；！？"


def normalise(text: str) -> str:
    """Prose as rules match it: no page footers, no white space, full-width punctuation.

    A comma between digits (`3,119`) is kept as the thousands separator it is.
    """
    text = re.sub(r"\s+", "", _FOOTER.sub("", text))
    text = re.sub(r"(?<=\d),(?=\d{3})", "\0", text).translate(_WIDTH)
    return text.replace("\0", ",")


@attrs.frozen
class Passage:
    """The normalised text of one part, with its name and where it starts."""

    key: str
    name: str
    text: str
    location: Location | None


def passages(report: AnnualReport, keys: list[str]) -> list[Passage]:
    """The parts a rule reads, normalised, in the order the rule names them."""
    found: list[Passage] = []
    for key in keys:
        if key == PREAMBLE:
            if report.preamble:
                found.append(Passage(key, "报告开头", normalise(report.preamble), None))
            continue
        section = report.section(key)
        if section is not None:
            found.append(Passage(key, section.heading, normalise(section.text), section.location))
    return found


def sentence_at(text: str, start: int, end: int, following: int = 0) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end], plus `following` sentences after it."""
    begin = max((text.rfind(mark, 0, start) for mark in SENTENCE_END), default=-1) + 1
    stop = end
    for _ in range(following + 1):
        ends = [i for i in (text.find(mark, stop) for mark in SENTENCE_END) if i >= 0]
        stop = min(ends) + 1 if ends else len(text)
    return begin, stop


def quote(text: str, limit: int = 80) -> str:
    """A sentence as a message shows it: shortened in the middle when long."""
    return text if len(text) <= limit else text[: limit // 2] + "……" + text[-limit // 2 :]


def view(report: AnnualReport, ref: CellRef) -> CellView:
    """A table cell as a finding shows it."""
    spec = formats()[report.metadata.format].table(ref.table)
    cell = report.cell(ref.table, ref.row, ref.column)
    column = spec.column(ref.column).name
    label = (
        f"{spec.name_zh}「{column}」" if spec.single_row else f"{spec.name_zh}「{spec.row(ref.row).name}」×「{column}」"
    )
    return CellView(
        ref=ref,
        label=label,
        value=None if cell is None else cell.value,
        raw="" if cell is None else cell.raw,
        location=None if cell is None else cell.location,
    )


def parse_ref(ref: str) -> CellRef:
    """`T3.NEW.TOT` → a `CellRef` (validated when the rule file was loaded)."""
    table, row, column = ref.split(".")
    return CellRef(table, row, column)


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
