"""Rules about the whole report rather than one table: text claims, content, years, agencies.

A report kind is a small function `(rule, subject) -> findings`, registered with
`register_report`. The subject is this year's report, last year's (when given) and who the
agency is. The kinds live in `claims.py`, `content.py` and `years.py`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Number, Severity
from giocheck.engine.kinds import table_cell_view
from giocheck.engine.ruledata import PREAMBLE, compile_pattern
from giocheck.engine.rulefile import RuleSpec
from giocheck.extract.tokens import PAGE_FOOTER
from giocheck.formats import formats
from giocheck.model import AnnualReport, Location
from giocheck.profile import AgencyProfile, profile_of


@attrs.frozen
class Passage:
    """The text of one part in prose form (`prose_form`), with its name and where it starts.

    `marks` are the positions of its sentence ends, found once so that finding the sentence
    around each match (`sentence_at`) does not scan the text again.
    """

    key: str
    name: str
    text: str
    location: Location | None
    starts: tuple[int, ...] = ()
    lines: tuple[Location | None, ...] = ()
    marks: tuple[int, ...] = attrs.field(init=False)

    @marks.default
    def _marks(self) -> tuple[int, ...]:
        return sentence_marks(self.text)

    def where(self, offset: int) -> Location | None:
        """The location of the line `text[offset]` was read from (the part's own when unknown)."""
        if not self.lines or len(self.lines) != len(self.starts):
            return self.location
        return self.lines[bisect_right(self.starts, offset) - 1] or self.location


@attrs.frozen
class Subject:
    """What a report rule looks at: the report, last year's report (or None), the agency.

    `texts` are the report's parts in prose form, made once per report for all its rules.
    """

    report: AnnualReport
    previous: AnnualReport | None
    profile: AgencyProfile
    texts: tuple[Passage, ...]
    parts: Mapping[CellRef, tuple[tuple[CellRef, ...], ...]] = attrs.field(factory=dict)

    def passages(self, keys: Sequence[str]) -> list[Passage]:
        """This year's parts a rule reads, in the order the rule names them."""
        return _select(self.texts, keys)

    def derived(self, ref: CellRef) -> tuple[Number, tuple[CellView, ...]] | None:
        """A blank total's value as the sum of its parts, and those parts: by the first `sum`
        rule about it whose parts are all filled in (`parts`, from the table rules)."""
        for refs in self.parts.get(ref, ()):
            views = tuple(view(self.report, part) for part in refs)
            if views and all(v.value is not None for v in views):
                return sum((v.value for v in views if v.value is not None), start=0), views
        return None


ReportCheck = Callable[[RuleSpec, Subject], Iterator[Finding]]


@attrs.frozen
class ReportKind:
    """A registered report kind: its function, the rule fields it needs and its message slots.

    `groups` names the regex groups each claim pattern (`pattern`, `part`) must have; a pattern
    listed there is required. The group `cells_for` may be left out when the claim lists `cells`.
    `legacy`: the kind reads no table nor format data, so its rules may list the `legacy` format
    (reports before 2019).
    """

    check: ReportCheck
    fields: frozenset[str]
    slots: frozenset[str]
    needs_previous: bool = False
    groups: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    cells_for: str | None = None
    legacy: bool = False


_REPORT_KINDS: dict[str, ReportKind] = {}


def register_report(
    name: str,
    fields: set[str],
    slots: set[str],
    needs_previous: bool = False,
    groups: Mapping[str, set[str]] | None = None,
    cells_for: str | None = None,
    legacy: bool = False,
) -> Callable[[ReportCheck], ReportCheck]:
    """Register `function` as report kind `name` (`groups`: the regex groups its claims need;
    `legacy`: it reads no table, so it may check reports before 2019)."""

    def add(function: ReportCheck) -> ReportCheck:
        needed = {field: frozenset(names) for field, names in (groups or {}).items()}
        _REPORT_KINDS[name] = ReportKind(
            function, frozenset(fields), frozenset(slots), needs_previous, needed, cells_for, legacy
        )
        return function

    return add


@cache
def report_kinds() -> dict[str, ReportKind]:
    """Every report kind (importing the modules that register them)."""
    from giocheck.engine import claims, content, dates, labelling, reading, units, years  # noqa: F401  (they register)

    return dict(_REPORT_KINDS)


def applies_to(rule: RuleSpec, profile: AgencyProfile) -> bool:
    """Whether a rule limited to some agencies applies (an unknown kind or level: it does not)."""
    if rule.agency_kinds and profile.kind not in rule.agency_kinds:
        return False
    return not (rule.agency_levels and profile.level not in rule.agency_levels)


def run_report_rules(
    report: AnnualReport,
    rules: tuple[RuleSpec, ...],
    previous: AnnualReport | None,
    parts: Mapping[CellRef, tuple[tuple[CellRef, ...], ...]] | None = None,
) -> Iterator[tuple[RuleSpec, list[Finding]]]:
    """Each report rule that applies, with its findings; `parts` are the totals the table rules
    add up (`sum_parts`), so a text claim about a blank total can use the sum of its parts.

    A `previous` report that is not last year's report of this agency is not compared: the
    first rule that would compare says so once (not assessable), and no rule across years runs.
    """
    unfit = None if previous is None else previous_mismatch(report, previous)
    subject = Subject(
        report, None if unfit else previous, profile_of(report.metadata), all_passages(report), parts or {}
    )
    for rule in rules:
        kind = report_kinds().get(rule.kind)
        if kind is None or report.metadata.format not in rule.formats or not applies_to(rule, subject.profile):
            continue
        if kind.needs_previous and unfit is not None:
            yield rule, [not_compared(rule, *unfit)]
            unfit = None  # said once; `subject.previous` stays None for the rules after it
        if kind.needs_previous and subject.previous is None:
            continue
        yield rule, list(kind.check(rule, subject))


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
        owner = f"{agency}'s" if agency else "the"
        return f"{owner} report for {year or '?'}"
    return f"{agency or ''}{year or '?'}年度报告"


def _same_agency(name: str) -> str:
    name = re.sub(r"\s+", "", name).replace("人民政府", "政府")
    return re.sub(r"政府办公[室厅]$", "政府", name)


# ------------------------------------------------------------------ load-time checks


def check_report_rule(rule: RuleSpec) -> tuple[str, str] | None:
    """(field, problem) for a report rule whose data is wrong, else None."""
    keys = {s.key for spec in formats().values() for s in spec.sections} | {PREAMBLE}
    for section in rule.sections:
        if section not in keys:
            return "sections", f"unknown section {section!r}; known: {', '.join(sorted(keys))}"
    kind = report_kinds()[rule.kind]
    if rule.severity_all_missing is not None and rule.kind != "required_content":
        return "severity_all_missing", f"kind {rule.kind!r} takes no severity_all_missing"
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
        for number, alternative in enumerate(claim.alternatives):
            for ref in alternative.cells:
                problem = _cell_problem(ref, rule.formats)
                if problem:
                    return f"claims[{index}].alternatives[{number}].cells", problem
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

# Spaces, not `\s`, around a footer: `\s*` would run across every following empty line from each one.
_FOOTER = re.compile(rf"^[^\S\n]*{PAGE_FOOTER.pattern}[^\S\n]*$", re.MULTILINE)
_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
SENTENCE_END = "。；！？"
LONGEST_SENTENCE = 500
"""Characters a sentence may reach on either side of a match (see `sentence_at`)."""


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
    found = [_passage(PREAMBLE, "报告开头", report.preamble, None, report.preamble_lines)] if report.preamble else []
    found.extend(_passage(s.key, s.heading, s.text, s.location, s.lines) for s in report.sections)
    return tuple(found)


def _passage(key: str, name: str, text: str, location: Location | None, lines: Sequence[Location | None]) -> Passage:
    """A part in prose form, with where each of its lines starts in that form.

    `prose_form` only drops characters (white space, footer lines) and swaps others one for
    one, line by line, so a line's start is the length of what the lines before it keep.
    """
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(re.sub(r"\s+", "", _FOOTER.sub("", line)))
    return Passage(key, name, prose_form(text), location, tuple(starts), tuple(lines))


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


def sentence_marks(text: str) -> tuple[int, ...]:
    """The positions of the sentence ends (`。；！？`) in `text`, in order."""
    return tuple(i for i, char in enumerate(text) if char in SENTENCE_END)


def sentence_at(passage: Passage, start: int, end: int, following: int = 0) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end], plus `following` sentences after it.

    At most `LONGEST_SENTENCE` characters on either side: a longer run without 。；！？ is a list
    or a table, and reading it whole for every match would take quadratic time.
    """
    marks = passage.marks
    before = bisect_left(marks, start)  # the marks before `start`
    begin = marks[before - 1] + 1 if before else 0
    stop = end
    for _ in range(following + 1):
        after = bisect_left(marks, stop)  # the first mark at or after `stop`
        stop = marks[after] + 1 if after < len(marks) else len(passage.text)
    return max(begin, start - LONGEST_SENTENCE), min(stop, end + LONGEST_SENTENCE * (following + 1))


def quote(text: str, limit: int = 80, keep: tuple[int, int] | None = None) -> str:
    """A sentence as a message shows it: shortened in the middle when long.

    `keep` (start, end in `text`) is what the quote is about, such as the number stated: when
    the middle would drop it, the quote is the stretch around it, cut at either side instead.
    """
    if len(text) <= limit:
        return text
    half = limit // 2
    if keep is None or keep[1] <= half or keep[0] >= len(text) - half:
        return text[:half] + "……" + text[-half:]
    begin = max(0, min(keep[0] - (limit - (keep[1] - keep[0])) // 2, len(text) - limit))
    end = max(begin + limit, keep[1])
    return ("……" if begin > 0 else "") + text[begin:end] + ("……" if end < len(text) else "")


def view(report: AnnualReport, ref: CellRef) -> CellView:
    """A table cell as a finding shows it."""
    # Named as the report's format names it; a table printed in another layout may not have the
    # cell (then it reads as blank, so the claim is not assessable rather than wrong).
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
