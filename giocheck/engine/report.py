"""Rules about the whole report rather than one table: text claims, content, years, agencies.

A report kind is a small function `(rule, subject) -> findings`, registered with
`register_report`. The subject is this year's report, last year's (when given) and who the
agency is. The kinds live in `claims.py`, `content.py` and `years.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Severity
from giocheck.engine.kinds import table_cell_view
from giocheck.engine.ruledata import PREAMBLE, compile_pattern
from giocheck.engine.rulefile import RuleSpec
from giocheck.extract.tokens import PAGE_FOOTER
from giocheck.formats import formats
from giocheck.model import AnnualReport, Location
from giocheck.profile import AgencyProfile, profile_of


@attrs.frozen
class Passage:
    """The text of one part in prose form (`prose_form`), with its name and where it starts."""

    key: str
    name: str
    text: str
    location: Location | None


@attrs.frozen
class Subject:
    """What a report rule looks at: the report, last year's report (or None), the agency.

    `texts` are the report's parts in prose form, made once per report for all its rules.
    """

    report: AnnualReport
    previous: AnnualReport | None
    profile: AgencyProfile
    texts: tuple[Passage, ...]

    def passages(self, keys: Sequence[str]) -> list[Passage]:
        """This year's parts a rule reads, in the order the rule names them."""
        return _select(self.texts, keys)


ReportCheck = Callable[[RuleSpec, Subject], Iterator[Finding]]


@attrs.frozen
class ReportKind:
    """A registered report kind: its function, the rule fields it needs and its message slots.

    `groups` names the regex groups each claim pattern (`pattern`, `part`) must have; a pattern
    listed there is required. The group `cells_for` may be left out when the claim lists `cells`.
    """

    check: ReportCheck
    fields: frozenset[str]
    slots: frozenset[str]
    needs_previous: bool = False
    groups: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    cells_for: str | None = None


_REPORT_KINDS: dict[str, ReportKind] = {}


def register_report(
    name: str,
    fields: set[str],
    slots: set[str],
    needs_previous: bool = False,
    groups: Mapping[str, set[str]] | None = None,
    cells_for: str | None = None,
) -> Callable[[ReportCheck], ReportCheck]:
    """Register `function` as report kind `name` (`groups`: the regex groups its claims need)."""

    def add(function: ReportCheck) -> ReportCheck:
        needed = {field: frozenset(names) for field, names in (groups or {}).items()}
        _REPORT_KINDS[name] = ReportKind(
            function, frozenset(fields), frozenset(slots), needs_previous, needed, cells_for
        )
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
    subject = Subject(report, previous, profile_of(report.metadata), all_passages(report))
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
    kind = report_kinds()[rule.kind]
    for index, claim in enumerate(rule.claims):
        for name, pattern in (("pattern", claim.pattern), ("part", claim.part)):
            if pattern is None:
                if name in kind.groups:
                    return f"claims[{index}].{name}", f"kind {rule.kind!r} needs a {name} pattern"
                continue
            try:
                regex = compile_pattern(pattern)
            except re.error as error:
                return f"claims[{index}].{name}", f"not a valid regular expression: {error}"
            missing = kind.groups.get(name, frozenset()) - regex.groupindex.keys()
            if claim.cells:
                missing -= {kind.cells_for}
            if missing:
                groups = ", ".join(f"(?P<{group}>…)" for group in sorted(missing))
                return f"claims[{index}].{name}", f"kind {rule.kind!r} needs the named group(s) {groups}"
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

_FOOTER = re.compile(rf"^\s*{PAGE_FOOTER.pattern}\s*$", re.MULTILINE)
_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
SENTENCE_END = "。；！？"


def prose_form(text: str) -> str:
    """Prose as rules match it: no page footers, no white space, full-width punctuation.

    A comma between digits (`3,119`) is kept as the thousands separator it is. (Table labels
    are matched in another form: `giocheck.labels.normalize`.)
    """
    text = re.sub(r"\s+", "", _FOOTER.sub("", text))
    text = re.sub(r"(?<=\d),(?=\d{3})", "\0", text).translate(_WIDTH)
    return text.replace("\0", ",")


def all_passages(report: AnnualReport) -> tuple[Passage, ...]:
    """Every part of the report (the text before part 一 as `PREAMBLE`) in prose form."""
    found = [Passage(PREAMBLE, "报告开头", prose_form(report.preamble), None)] if report.preamble else []
    found.extend(Passage(s.key, s.heading, prose_form(s.text), s.location) for s in report.sections)
    return tuple(found)


def passages(report: AnnualReport, keys: Sequence[str]) -> list[Passage]:
    """The parts of `report` a rule reads, in prose form, in the order the rule names them."""
    return _select(all_passages(report), keys)


def _select(texts: tuple[Passage, ...], keys: Sequence[str]) -> list[Passage]:
    by_key: dict[str, Passage] = {}
    for passage in texts:
        by_key.setdefault(passage.key, passage)  # a part found twice: the first, as report.section does
    return [by_key[key] for key in keys if key in by_key]


def text_scope(key: str, claim: int, sentence: str, matched: str) -> str:
    """A finding's scope in the text: the part, the claim and a hash of the sentence and match.

    Not a character offset, so editing an earlier sentence keeps the baseline fingerprint.
    """
    digest = hashlib.sha256(f"{sentence}|{matched}".encode()).hexdigest()[:10]
    return f"{key}:{claim}:{digest}"


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
    return table_cell_view(formats()[report.metadata.format].table(ref.table), report, ref)


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
