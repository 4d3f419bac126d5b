"""Accepted exceptions: a TOML sidecar that lists accepted findings by a stable fingerprint.

PDF and Word reports cannot carry `noqa` comments, so a baseline file says which findings an
office has accepted and why. An entry is keyed by the report's identity (agency + year, not the
path) and `Finding.fingerprint` (rule id + cell addresses + the gap), never by line numbers, so it survives
re-exports. An expired entry no longer accepts; an entry that matches nothing is reported, like
ruff's RUF100.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from giocheck.engine.findings import Finding
from giocheck.errors import ConfigError, invalid_value
from giocheck.filekind import refuse_special
from giocheck.runner import Accepted, FileOutcome
from giocheck.tomlfile import read_toml
from giocheck.words import pair, say

DEFAULT_NAME = "giocheck-baseline.toml"
DEFAULT_REASON = "{} ({})".format(*pair("setup.default_reason"))


class BaselineEntry(BaseModel):
    """One accepted finding."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    rule: str
    report: str = Field(min_length=1, description="agency and year of the report, e.g. `淮安市人民政府 2024`")
    cells: list[str] = Field(default_factory=list)
    reason: str = Field(min_length=1)
    expires: date | None = None


class _BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: Literal[1] = 1
    accepted: list[BaselineEntry] = Field(default_factory=list)


@attrs.frozen
class Baseline:
    """The entries of one baseline file."""

    path: Path
    entries: tuple[BaselineEntry, ...] = ()


@attrs.frozen
class Applied:
    """Outcomes with accepted findings moved aside, and the entries that matched nothing."""

    outcomes: list[FileOutcome]
    unused: tuple[BaselineEntry, ...]


def report_identity(outcome: FileOutcome) -> str:
    """`agency year` as the report states it; the file name when the report does not say."""
    result = outcome.result
    if result is not None and result.report.metadata.agency:
        meta = result.report.metadata
        return f"{meta.agency} {meta.year}" if meta.year else meta.agency or ""
    return Path(outcome.path).name


def find_baseline(configured: Path | None, home: Path, creating: bool = False) -> Path | None:
    """The configured baseline file, else `giocheck-baseline.toml` in `home` if it exists (or is to be written)."""
    if configured is not None:
        return configured
    default = home / DEFAULT_NAME
    return default if creating or default.is_file() else None


def load_baseline(path: Path, missing_ok: bool = False) -> Baseline:
    """Read and validate a baseline file; `ConfigError` names the file and the entry."""
    if not path.exists() and missing_ok:
        return Baseline(path)
    data = read_toml(path)
    try:
        parsed = _BaselineFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        where = (
            f"accepted[{loc[1]}].{'.'.join(map(str, loc[2:]))}" if loc[:1] == ["accepted"] else ".".join(map(str, loc))
        )
        raise ConfigError(
            str(path),
            say("setup.bad_entry", "zh", where=where, problem=invalid_value(first, "zh")),
            say("setup.bad_entry", "en", where=where, problem=invalid_value(first, "en")),
        ) from None
    return Baseline(path, tuple(parsed.accepted))


def apply_baseline(outcomes: Sequence[FileOutcome], baseline: Baseline, today: date) -> Applied:
    """Move accepted findings out of each result; expired entries leave theirs in, with a note."""
    index = {(e.report, e.fingerprint): e for e in baseline.entries}
    used: set[tuple[str, str]] = set()
    checked: set[str] = set()
    applied: list[FileOutcome] = []
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            applied.append(outcome)
            continue
        identity = report_identity(outcome)
        checked.add(identity)
        kept: list[Finding] = []
        accepted: list[Accepted] = []
        for finding in result.findings:
            entry = index.get((identity, finding.fingerprint)) if finding.status == "fail" else None
            if entry is None:
                kept.append(finding)
                continue
            used.add((identity, finding.fingerprint))
            if entry.expires is not None and entry.expires < today:
                kept.append(_expired(finding, entry))
            else:
                accepted.append(Accepted(finding, entry.reason, entry.expires))
        applied.append(
            attrs.evolve(
                outcome,
                result=attrs.evolve(result, findings=tuple(kept)),
                accepted=(*outcome.accepted, *accepted),
            )
        )
    unused = tuple(e for e in baseline.entries if e.report in checked and (e.report, e.fingerprint) not in used)
    return Applied(applied, unused)


def _expired(finding: Finding, entry: BaselineEntry) -> Finding:
    return attrs.evolve(
        finding,
        message_zh=finding.message_zh + say("setup.expired", "zh", expires=entry.expires, reason=entry.reason),
        message_en=finding.message_en + say("setup.expired", "en", expires=entry.expires, reason=entry.reason),
    )


def updated(baseline: Baseline, outcomes: Iterable[FileOutcome], reason: str = DEFAULT_REASON) -> Baseline:
    """The baseline after `--add-baseline`: every current violation of the checked reports accepted.

    Entries of reports not checked in this run stay as they are; existing entries keep their
    reason and expiry; entries of checked reports that match nothing any more are dropped.
    """
    outcomes = list(outcomes)
    existing = {(e.report, e.fingerprint): e for e in baseline.entries}
    checked = {report_identity(o) for o in outcomes if o.result is not None}
    entries = {key: e for key, e in existing.items() if e.report not in checked}
    for outcome in outcomes:
        if outcome.result is None:
            continue
        identity = report_identity(outcome)
        for finding in outcome.result.failures:
            key = (identity, finding.fingerprint)
            entries[key] = existing.get(key) or BaselineEntry(
                fingerprint=finding.fingerprint,
                rule=finding.rule,
                report=identity,
                cells=sorted(str(c.ref) for c in finding.cells),
                reason=reason,
            )
    ordered = sorted(entries.values(), key=lambda e: (e.report, e.rule, e.fingerprint))
    return Baseline(baseline.path, tuple(ordered))


def dumps(baseline: Baseline) -> str:
    """The baseline as TOML text (strings written as JSON strings, which TOML accepts)."""
    lines = [
        "# giocheck {} ({}). `giocheck check --add-baseline` updates this file.".format(*pair("setup.file_header")),
        f"# {say('setup.file_reason')}",
        "version = 1",
    ]
    for entry in baseline.entries:
        lines += [
            "",
            "[[accepted]]",
            f"fingerprint = {_string(entry.fingerprint)}",
            f"rule = {_string(entry.rule)}",
            f"report = {_string(entry.report)}",
            f"cells = [{', '.join(_string(c) for c in entry.cells)}]",
            f"reason = {_string(entry.reason)}",
        ]
        if entry.expires is not None:
            lines.append(f"expires = {entry.expires.isoformat()}")
    return "\n".join(lines) + "\n"


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_baseline(baseline: Baseline, protected: Iterable[str] = ()) -> None:
    """Write the baseline file; refuses to overwrite one of the checked report files."""
    target = baseline.path.resolve()
    if any(Path(p).resolve() == target for p in protected):
        raise ConfigError(str(baseline.path), *pair("setup.is_a_report"))
    refuse_special(baseline.path, ConfigError, writing=True)
    try:
        baseline.path.write_text(dumps(baseline), encoding="utf-8")
    except OSError as error:
        raise ConfigError(str(baseline.path), *pair("setup.unwritable", reason=error.strerror)) from None


def unused_message(entry: BaselineEntry, lang: str = "zh") -> str:
    """One line for an unused entry (warning level, like ruff's RUF100)."""
    report = entry.report if lang == "zh" else f"“{entry.report}”"  # English quotes the report's words
    return say("setup.unused", lang, report=report, rule=entry.rule, fingerprint=entry.fingerprint)


@attrs.frozen
class Used:
    """A `check` run's outcomes after its baseline: accepted findings moved aside, (file, message)
    notes for unused entries, and the line saying the file was written (`--add-baseline`)."""

    outcomes: list[FileOutcome]
    notes: list[tuple[str, str]]
    written: str | None = None


def use_baseline(
    path: Path,
    outcomes: list[FileOutcome],
    lang: str,
    add: bool = False,
    reason: str | None = None,
    today: date | None = None,
) -> Used:
    """Apply the baseline at `path` to `outcomes`; with `add`, first accept every current violation into it."""
    current = load_baseline(path, missing_ok=add)
    written = None
    if add:
        current = updated(current, outcomes, reason or DEFAULT_REASON)
        write_baseline(current, protected=[o.path for o in outcomes])
        count = len(current.entries)
        written = say("setup.written", lang, path=path, count=count)
    applied = apply_baseline(outcomes, current, today or date.today())
    return Used(applied.outcomes, [(str(path), unused_message(e, lang)) for e in applied.unused], written)
