"""The `check --format json` document as one pydantic model (docs/json.md).

`check --format json`, `CheckResult.to_json()` and the API of `giocheck serve` all build a
`CheckDocument`; `giocheck schema --output check` prints its JSON Schema. Fields are only ever
added: a tool reading an older document keeps working. Every document names the giocheck version
and the rules' version (`rules_version`: a hash of the rule and format files in effect).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from giocheck.engine.findings import CellView, Finding, Number
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.outcome import FileOutcome

JSONNumber = int | str | None
LocationJSON = dict[str, int | str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CellJSON(_Model):
    """One cell a finding is about."""

    ref: str = Field(description="table.row.column, e.g. T4.DATA.RV_TOT")
    table: str
    row: str
    column: str
    label: str = Field(description="the cell's name in the format, in Chinese")
    value: JSONNumber = Field(description="integer, decimal string for money, or null for a blank")
    raw: str
    side: Literal["lhs", "rhs"]
    weight: int
    location: LocationJSON | None


class ChangeJSON(_Model):
    """One cell of a likely repair; cells with the same `repair` number change together."""

    repair: int = Field(description="the alternative (from 1) this cell belongs to")
    cell: str = Field(description="table.row.column")
    label: str = Field(description="the cell's name in Chinese")
    label_en: str = Field(description="the cell's name in English")
    current: int
    proposed: int


class FindingJSON(_Model):
    """One finding: a rule instance that failed or could not be assessed."""

    rule: str
    name: str
    severity: Literal["error", "warning", "info"]
    status: Literal["fail", "not_assessable"]
    message: str
    cells: list[CellJSON]
    lhs: JSONNumber
    rhs: JSONNumber
    difference: JSONNumber
    location: LocationJSON | None
    fingerprint: str
    basis: str = Field(default="", description="the rule's short basis in the output's language")
    suggestions: list[ChangeJSON] | None = Field(
        default=None,
        description="the likely culprit: null when not worked out, [] when no change of one or two cells fits",
    )


class AcceptedJSON(FindingJSON):
    """A finding a baseline accepted, with the baseline's reason."""

    reason: str
    expires: str | None = Field(description="YYYY-MM-DD or null")


class FileJSON(_Model):
    """One file checked."""

    path: str
    format: str | None
    agency: str | None
    year: int | None
    findings: list[FindingJSON]
    problems: list[str]
    error: str | None = Field(description="one line when the file could not be read, else null")
    read_by: str | None
    accepted: list[AcceptedJSON] = Field(default_factory=list)
    published: str | None = Field(default=None, description="publication date used for Y_DEADLINE (YYYY-MM-DD)")
    published_source: str | None = Field(
        default=None, description='"given" (manifest, --published, configuration) | "page" | "signature" | null'
    )


class SummaryJSON(_Model):
    """Counts over the run: clean + with_errors + unreadable = files."""

    files: int
    clean: int
    with_errors: int
    structural: int
    unreadable: int
    errors: int
    warnings: int
    not_assessable: int
    exit_code: int


class BaselineNoteJSON(_Model):
    """A baseline entry that matched no finding."""

    file: str
    message: str


class DuplicateJSON(_Model):
    """Reports that should not both be there (giocheck/coverage.py)."""

    kind: Literal["same_agency_year", "identical", "similar"]
    files: list[str]
    agencies: list[str | None]
    year: int | None = None
    share: int | None = Field(default=None, description="per cent of the text repeated (kind similar)")
    message: str


class CheckDocument(_Model):
    """The `check --format json` document."""

    giocheck_version: str = Field(description="the giocheck that wrote this document")
    rules_version: str = Field(description="hash of the rule and format files in effect")
    files: list[FileJSON]
    summary: SummaryJSON
    baseline_unused: list[BaselineNoteJSON] = Field(default_factory=list)
    duplicates: list[DuplicateJSON] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="agencies of the manifest with no report checked")


def number(value: Number | None) -> JSONNumber:
    """An integer as is, a Decimal as its string, a blank as None."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def location_json(where: object) -> LocationJSON | None:
    """Only the fields that are set (`read_by: "ocr"` for a cell recognised from a scan)."""
    from giocheck.model import Location

    if not isinstance(where, Location):
        return None
    return {k: v for k, v in where.model_dump().items() if v is not None}


def _cell(view: CellView, side: Literal["lhs", "rhs"]) -> CellJSON:
    return CellJSON(
        ref=str(view.ref),
        table=view.ref.table,
        row=view.ref.row,
        column=view.ref.column,
        label=view.label,
        value=number(view.value),
        raw=view.raw,
        side=side,
        weight=view.weight,
        location=location_json(view.location),
    )


def finding_model(finding: Finding, lang: str = "zh") -> FindingJSON:
    """One finding as the model."""
    return FindingJSON(
        rule=finding.rule,
        name=finding.name,
        severity=finding.severity,
        status=finding.status,
        message=finding.message(lang),
        cells=[_cell(v, "lhs") for v in finding.lhs] + [_cell(v, "rhs") for v in finding.rhs],
        lhs=number(finding.lhs_total),
        rhs=number(finding.rhs_total),
        difference=number(finding.difference),
        location=location_json(finding.location),
        fingerprint=finding.fingerprint,
        basis=finding.basis(lang),
        suggestions=_suggestions(finding),
    )


def _suggestions(finding: Finding) -> list[ChangeJSON] | None:
    """The likely culprit, flat: each changed cell with the number of the repair it belongs to."""
    if finding.suggestions is None:
        return None
    return [
        ChangeJSON(
            repair=index,
            cell=str(change.cell),
            label=change.label,
            label_en=change.label_en,
            current=change.current,
            proposed=change.proposed,
        )
        for index, repair in enumerate(finding.suggestions, start=1)
        for change in repair
    ]


def file_model(outcome: FileOutcome, lang: str = "zh") -> FileJSON:
    """One file's entry, accepted findings included."""
    result = outcome.result
    accepted = [
        AcceptedJSON(
            **finding_model(a.finding, lang).model_dump(),
            reason=a.reason,
            expires=a.expires.isoformat() if a.expires else None,
        )
        for a in outcome.accepted
    ]
    if result is None:
        return FileJSON(
            path=outcome.path,
            format=None,
            agency=None,
            year=None,
            findings=[],
            problems=[],
            error=outcome.error(lang),
            read_by=None,
            accepted=accepted,
        )
    meta = result.report.metadata
    return FileJSON(
        path=outcome.path,
        format=meta.format,
        agency=meta.agency,
        year=meta.year,
        findings=[finding_model(f, lang) for f in result.findings],
        problems=[p.message(lang) for p in result.report.problems],
        error=outcome.error(lang),
        read_by=meta.read_by,
        accepted=accepted,
        published=meta.published.isoformat() if meta.published else None,
        published_source=meta.published_source,
    )


def rules_version(rules: RuleSet | None = None) -> str:
    """A hash of the rule and format files in effect (and of the rules' ids and severities, which
    the configuration may change): equal versions check alike."""
    ruleset = rules if rules is not None else default_rules()
    from giocheck.resources import rules_dir

    paths = tuple(sorted({*ruleset.sources, *(rules_dir() / "formats").glob("*.toml")}))
    severities = repr(sorted((r.id, r.severity, tuple(r.formats)) for r in ruleset.rules))
    return _hash(paths, severities)


@cache
def _hash(paths: tuple[Path, ...], severities: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(severities.encode())
    return digest.hexdigest()[:16]


def check_document(
    outcomes: Sequence[FileOutcome],
    rules: RuleSet | None = None,
    notes: Sequence[tuple[str, str]] = (),
    lang: str = "zh",
    duplicates: Sequence[DuplicateJSON] = (),
    missing: Sequence[str] = (),
) -> CheckDocument:
    """The document of a run: each file, the summary, unused baseline entries (`notes`:
    (file, message) pairs), duplicate reports and the manifest's agencies without a report."""
    from giocheck import __version__
    from giocheck.runner import summarise

    summary = summarise(outcomes)
    return CheckDocument(
        giocheck_version=__version__,
        rules_version=rules_version(rules),
        files=[file_model(o, lang) for o in outcomes],
        summary=SummaryJSON(
            files=summary.files,
            clean=summary.clean,
            with_errors=summary.with_errors,
            structural=summary.structural,
            unreadable=summary.unreadable,
            errors=summary.errors,
            warnings=summary.warnings,
            not_assessable=summary.not_assessable,
            exit_code=summary.exit_code,
        ),
        baseline_unused=[BaselineNoteJSON(file=path, message=note) for path, note in notes],
        duplicates=list(duplicates),
        missing=list(missing),
    )


def check_schema() -> dict[str, object]:
    """The JSON Schema of `check --format json` (`giocheck schema --output check`)."""
    return CheckDocument.model_json_schema()
