"""Check many files: collect report files from paths, check each, summarise.

Shared by the CLI and the pytest plugin; renderers take the `FileOutcome`s it returns.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import attrs

from giocheck.api import check, load
from giocheck.engine.findings import Finding, Result
from giocheck.engine.rulefile import RuleSet
from giocheck.errors import NotAReportError, ReadError
from giocheck.model import AnnualReport
from giocheck.pairing import ReportOptions, pair_previous
from giocheck.readers import REPORT_SUFFIXES, STDIN, search_folder, source_name

_MAX_NAMES = 3
# Rules about the report's structure and format (parts, tables, rows left out, layouts): a file
# with an error of these is one the agency must restructure, not just correct a number in.
STRUCTURE_RULES = ("S_", "F_")


@attrs.frozen
class Accepted:
    """A finding the baseline accepts: shown as accepted, not counted (giocheck/baseline.py)."""

    finding: Finding
    reason: str
    expires: date | None = None


@attrs.frozen
class FileOutcome:
    """One file: its result (None if unreadable) and the one-line error, if any.

    `accepted` holds the findings a baseline accepted (taken out of `result`).
    """

    path: str
    result: Result | None
    error_zh: str | None = None
    error_en: str | None = None
    accepted: tuple[Accepted, ...] = ()

    def error(self, lang: str = "zh") -> str | None:
        """The one-line error in `zh` or `en`."""
        return self.error_zh if lang == "zh" else self.error_en


@attrs.frozen
class Summary:
    """Counts over a run: each file is exactly one of `clean`, `with_errors`, `unreadable`."""

    files: int
    clean: int
    with_errors: int
    unreadable: int
    errors: int
    warnings: int
    not_assessable: int
    structural: int = 0  # of the files with errors, those with a structural error (STRUCTURE_RULES)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 error findings, 2 a file could not be read."""
        return 2 if self.unreadable else 1 if self.errors else 0


def collect(paths: Sequence[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Report files under `paths` (files as given, folders searched), and folder errors.

    A folder search skips hidden folders, virtual environments and data files that are no
    report data (`giocheck.readers.is_report_file`); a file named in `paths` is always tried
    (`-` is standard input), and reading it says why when it is missing or a broken link. A
    file named twice, or also found in a named folder, is checked once.
    """
    files: list[Path] = []
    errors: list[FileOutcome] = []
    seen: set[str] = set()
    for path in paths:
        found = [path]
        if path != STDIN and _is_folder(path):
            search = search_folder(path)
            errors.extend(FileOutcome(error.path, None, error.zh, error.en) for error in search.unreadable)
            if not search.files and not search.unreadable:
                suffixes = " ".join(REPORT_SUFFIXES)
                errors.append(
                    FileOutcome(
                        str(path),
                        None,
                        f"文件夹中没有报告文件（{suffixes}）",
                        f"no report files ({suffixes}) in this folder",
                    )
                )
            found = list(search.files)
        for file in found:
            key = source_name(file) if file == STDIN else os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # e.g. a folder above it cannot be searched: reading it as a file says so


def check_file(
    path: Path,
    rules: RuleSet | None = None,
    options: ReportOptions | None = None,
    report: AnnualReport | None = None,
    previous: AnnualReport | None = None,
) -> FileOutcome:
    """Read and check one file; read problems become the outcome's one-line error.

    `options` carry `--published`/`--agency-*`; `report` is the file already read, `previous`
    last year's report (`--previous`, or the one found beside it).
    """
    options = options or ReportOptions()
    try:
        report = options.apply(report if report is not None else load(path))
        result = check(report, rules, previous=previous)
    except ReadError as error:
        return FileOutcome(source_name(path), None, error.zh, error.en)
    problems = result.report.problems
    if not problems:
        return FileOutcome(source_name(path), result)
    return FileOutcome(
        source_name(path), result, _join(p.message_zh for p in problems), _join(p.message_en for p in problems)
    )


def check_paths(
    paths: Sequence[Path],
    rules: RuleSet | None = None,
    options: ReportOptions | None = None,
    previous: AnnualReport | None = None,
    skip_non_reports: bool = False,
) -> list[FileOutcome]:
    """Check every report file under `paths`, in order, against `previous` (`--previous`, read
    once) or else last year's report of the same agency found in the same folder.

    `skip_non_reports`: files that are clearly no annual report (`NotAReportError`) are left out,
    not counted (`check --skip-non-reports`, the pre-commit hook)."""
    files, errors = collect(paths)
    loaded: list[tuple[Path, AnnualReport]] = []
    unreadable: dict[Path, FileOutcome] = {}
    skipped: set[Path] = set()
    for path in files:
        try:
            loaded.append((path, load(path)))
        except NotAReportError as error:
            if skip_non_reports:
                skipped.add(path)
            else:
                unreadable[path] = FileOutcome(source_name(path), None, error.zh, error.en)
        except ReadError as error:
            unreadable[path] = FileOutcome(source_name(path), None, error.zh, error.en)
    reports = dict(loaded)
    pairs = pair_previous(loaded)
    return errors + [
        unreadable[path]
        if path in unreadable
        else check_file(path, rules, options, reports[path], previous or pairs.get(path))
        for path in files
        if path not in skipped
    ]


def summarise(outcomes: Iterable[FileOutcome]) -> Summary:
    """Totals for the summary line and the exit code.

    A file with a one-line error (unreadable, or a table not placed) counts as unreadable only,
    even when the part that was read has error findings; those findings still count as errors.
    """
    outcomes = list(outcomes)
    results = [o.result for o in outcomes if o.result is not None]
    readable = [o.result for o in outcomes if o.result is not None and o.error_zh is None]
    with_errors = sum(1 for r in readable if r.errors)
    structural = sum(1 for r in readable if any(f.rule.startswith(STRUCTURE_RULES) for f in r.errors))
    return Summary(
        files=len(outcomes),
        clean=len(readable) - with_errors,
        with_errors=with_errors,
        unreadable=len(outcomes) - len(readable),
        errors=sum(r.count("error") for r in results),
        warnings=sum(r.count("warning") for r in results),
        not_assessable=sum(1 for r in results for f in r.findings if f.status == "not_assessable"),
        structural=structural,
    )


def _join(messages: Iterable[str]) -> str:
    items = list(messages)
    if len(items) <= _MAX_NAMES:
        return "；".join(items)
    return "；".join(items[:_MAX_NAMES]) + f"；…（共 {len(items)} 项）"
