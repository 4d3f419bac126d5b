"""What a supervising office hands on, as plain rows: one per agency and year, one per finding,
and the agency × rule matrix. The summary, the spreadsheet, the CSV and the HTML report are all
drawn from these, so they agree with each other and with `check --format json`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import attrs

from giocheck.engine.findings import Finding
from giocheck.engine.rulefile import RuleSet
from giocheck.formats import table_specs
from giocheck.model import AnnualReport
from giocheck.naming import cell_name
from giocheck.outcome import FileOutcome
from giocheck.words import say

Status = Literal["unreadable", "errors", "clean"]
_RANK: dict[str, int] = {"unreadable": 0, "errors": 1, "clean": 2}


def status_word(status: str, lang: str = "zh") -> str:
    """无错误 / 有错误 / 无法读取 (the runner's three outcomes)."""
    return say(f"office.{status}", lang)


def file_status(outcome: FileOutcome) -> Status:
    """The runner's outcome of one file (as `giocheck.runner.summarise` counts it)."""
    if outcome.result is None or outcome.error_zh is not None:
        return "unreadable"
    return "errors" if outcome.result.errors else "clean"


def counted(finding: Finding) -> bool:
    """A violation counted per rule: failed, error or warning (not-assessable and info left out)."""
    return finding.status == "fail" and finding.severity in ("error", "warning")


@attrs.frozen
class AgencyRow:
    """One agency's reports of one year (an unreadable file of unknown agency: its own row)."""

    agency: str
    year: int | None
    files: tuple[str, ...]
    status: Status
    errors: int
    warnings: int
    rules: Counter[str]  # rule id → violations (counted findings)

    @property
    def failed(self) -> list[str]:
        """The rules broken, most often first."""
        return [rule for rule, _ in sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))]


def agency_name(outcome: FileOutcome) -> str:
    """The agency of a file, or the file's path when it could not be read far enough to tell."""
    meta = outcome.result.report.metadata if outcome.result is not None else None
    return meta.agency if meta is not None and meta.agency else outcome.path


def agency_rows(outcomes: Sequence[FileOutcome]) -> list[AgencyRow]:
    """One row per agency and year, worst first: unreadable, then most errors, most warnings."""
    groups: dict[tuple[str, int | None], list[FileOutcome]] = {}
    for outcome in outcomes:
        year = outcome.result.report.metadata.year if outcome.result is not None else None
        groups.setdefault((agency_name(outcome), year), []).append(outcome)
    rows = []
    for (agency, year), group in groups.items():
        findings = [f for o in group if o.result is not None for f in o.result.failures]
        rows.append(
            AgencyRow(
                agency=agency,
                year=year,
                files=tuple(o.path for o in group),
                status=min((file_status(o) for o in group), key=_RANK.__getitem__),
                errors=sum(1 for f in findings if f.severity == "error"),
                warnings=sum(1 for f in findings if f.severity == "warning"),
                rules=Counter(f.rule for f in findings if counted(f)),
            )
        )
    return sorted(rows, key=lambda r: (_RANK[r.status], -r.errors, -r.warnings, r.agency, r.year or 0))


@attrs.frozen
class FindingRow:
    """One finding as a row of the 问题清单 sheet and the CSV."""

    file: str
    agency: str
    year: int | None
    rule: str
    title: str
    severity: str
    status: str
    cells: str
    message: str
    basis: str


_FINDING_COLUMNS = ("file", "agency", "year", "rule", "title", "severity", "status", "cells", "message", "basis")


def finding_headers(lang: str = "zh") -> tuple[str, ...]:
    """The headings of the 问题清单 sheet and the CSV."""
    return tuple(say(f"office.{column}", lang) for column in _FINDING_COLUMNS)


def finding_rows(outcomes: Sequence[FileOutcome], rules: RuleSet, lang: str = "zh") -> list[FindingRow]:
    """Every finding of every file (as in `check --format json`), in file order."""
    zh = lang == "zh"
    rows = []
    for outcome in outcomes:
        if outcome.result is None:
            continue
        year = outcome.result.report.metadata.year
        for finding in outcome.result.findings:
            spec = next(iter(rules.get(finding.rule)), None)
            title = (spec.title_zh if zh else spec.title_en) if spec is not None else finding.name
            basis = (spec.basis_zh if zh else spec.basis_en) if spec is not None else ""
            rows.append(
                FindingRow(
                    file=outcome.path,
                    agency=agency_name(outcome),
                    year=year,
                    rule=finding.rule,
                    title=title,
                    severity=say(f"office.{finding.severity}", lang),
                    status=say(f"office.{finding.status}", lang),
                    cells=_cell_names(finding, outcome.result.report, lang),
                    message=finding.message(lang),
                    basis=basis,
                )
            )
    return rows


def unreadable_rows(outcomes: Sequence[FileOutcome], lang: str = "zh") -> list[tuple[str, str]]:
    """(file, reason) of each file that could not be read."""
    return [(o.path, o.error(lang) or "") for o in outcomes if file_status(o) == "unreadable"]


def matrix_rules(rows: Sequence[AgencyRow]) -> list[str]:
    """The rules broken by any agency, most reports first: the matrix's columns."""
    reports = Counter(rule for row in rows for rule in row.rules)
    return [rule for rule, _ in sorted(reports.items(), key=lambda item: (-item[1], item[0]))]


@attrs.frozen
class RuleRate:
    """How many readable reports broke a rule, of how many."""

    rule: str
    reports: int
    of: int


def rule_rates(outcomes: Sequence[FileOutcome]) -> list[RuleRate]:
    """Per rule, the readable reports that broke it (counted violations), most first."""
    readable = [o for o in outcomes if file_status(o) != "unreadable" and o.result is not None]
    broken = Counter(
        rule for o in readable if o.result is not None for rule in {f.rule for f in o.result.failures if counted(f)}
    )
    return [
        RuleRate(rule, n, len(readable)) for rule, n in sorted(broken.items(), key=lambda item: (-item[1], item[0]))
    ]


def _cell_names(finding: Finding, report: AnnualReport, lang: str) -> str:
    """The finding's cells as its message names them: 表三“…”行“…”栏、… / Table 3, row “…”, column “…”; …."""
    if lang == "zh":
        return "、".join(cell.label for cell in finding.cells)
    specs = {spec.key: spec for spec in table_specs(report)}
    return "; ".join(
        cell_name(specs[cell.ref.table], cell.ref, lang) if cell.ref.table in specs else cell.ref.table
        for cell in finding.cells
    )
