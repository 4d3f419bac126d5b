"""Check many files: collect report files from paths, check each, summarise.

Shared by the CLI and the pytest plugin; renderers take the `FileOutcome`s it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import attrs

from giocheck.api import check, load
from giocheck.config import AgencyConfig
from giocheck.engine.findings import Finding, Result
from giocheck.engine.rulefile import RuleSet
from giocheck.errors import ReadError
from giocheck.model import AnnualReport
from giocheck.pairing import ReportOptions, pair_previous
from giocheck.readers import REPORT_SUFFIXES

_MAX_NAMES = 3


@attrs.frozen
class Accepted:
    """A finding the baseline accepts: shown as accepted, not counted (giocheck/baseline.py)."""

    finding: Finding
    reason: str
    expires: date | None = None


@attrs.frozen
class FileOutcome:
    """One file: its result (None if unreadable) and the one-line error, if any.

    `accepted` holds the findings a baseline accepted (taken out of `result`); `agency` is the
    configured agency metadata (`[tool.giocheck.agency]`), if any.
    """

    path: str
    result: Result | None
    error_zh: str | None = None
    error_en: str | None = None
    accepted: tuple[Accepted, ...] = ()
    agency: AgencyConfig | None = None

    def error(self, lang: str = "zh") -> str | None:
        """The one-line error in `zh` or `en`."""
        return self.error_zh if lang == "zh" else self.error_en


@attrs.frozen
class Summary:
    """Counts over a run."""

    files: int
    clean: int
    with_errors: int
    unreadable: int
    errors: int
    warnings: int
    not_assessable: int

    @property
    def exit_code(self) -> int:
        """0 clean, 1 error findings, 2 a file could not be read."""
        return 2 if self.unreadable else 1 if self.errors else 0


def collect(paths: Sequence[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Report files under `paths` (files as given, folders searched), and path errors."""
    files: list[Path] = []
    errors: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                suffixes = " ".join(REPORT_SUFFIXES)
                errors.append(
                    FileOutcome(
                        str(path),
                        None,
                        f"文件夹中没有报告文件（{suffixes}）",
                        f"no report files ({suffixes}) in this folder",
                    )
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            errors.append(FileOutcome(str(path), None, "文件不存在", "no such file"))
    return files, errors


def check_file(
    path: Path,
    rules: RuleSet | None = None,
    options: ReportOptions | None = None,
    report: AnnualReport | None = None,
    previous: AnnualReport | None = None,
) -> FileOutcome:
    """Read and check one file; read problems become the outcome's one-line error.

    `options` carry `--previous`/`--published`/`--agency-*`; `report` is the file already read,
    `previous` last year's report found beside it (`options.previous` wins).
    """
    options = options or ReportOptions()
    try:
        report = options.apply(report if report is not None else load(path))
        if options.previous is not None:
            previous = load(options.previous)
        result = check(report, rules, previous=previous)
    except ReadError as error:
        return FileOutcome(str(path), None, error.zh, error.en)
    problems = result.report.problems
    if not problems:
        return FileOutcome(str(path), result)
    return FileOutcome(str(path), result, _join(p.message_zh for p in problems), _join(p.message_en for p in problems))


def check_paths(
    paths: Sequence[Path], rules: RuleSet | None = None, options: ReportOptions | None = None
) -> list[FileOutcome]:
    """Check every report file under `paths`, in order; two years of one agency in one folder
    are paired, so last year's report is compared with this year's."""
    files, errors = collect(paths)
    loaded: list[tuple[Path, AnnualReport]] = []
    unreadable: dict[Path, FileOutcome] = {}
    for path in files:
        try:
            loaded.append((path, load(path)))
        except ReadError as error:
            unreadable[path] = FileOutcome(str(path), None, error.zh, error.en)
    reports = dict(loaded)
    pairs = pair_previous(loaded)
    return errors + [
        unreadable[path] if path in unreadable else check_file(path, rules, options, reports[path], pairs.get(path))
        for path in files
    ]


def summarise(outcomes: Iterable[FileOutcome]) -> Summary:
    """Totals for the summary line and the exit code."""
    outcomes = list(outcomes)
    results = [o.result for o in outcomes if o.result is not None]
    return Summary(
        files=len(outcomes),
        clean=sum(1 for o in outcomes if o.error_zh is None and o.result is not None and not o.result.errors),
        with_errors=sum(1 for r in results if r.errors),
        unreadable=sum(1 for o in outcomes if o.error_zh is not None),
        errors=sum(r.count("error") for r in results),
        warnings=sum(r.count("warning") for r in results),
        not_assessable=sum(1 for r in results for f in r.findings if f.status == "not_assessable"),
    )


def _join(messages: Iterable[str]) -> str:
    items = list(messages)
    if len(items) <= _MAX_NAMES:
        return "；".join(items)
    return "；".join(items[:_MAX_NAMES]) + f"；…（共 {len(items)} 项）"
