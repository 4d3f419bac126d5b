"""Check many files: collect report files from paths, check each (giocheck/execution.py),
summarise.

Shared by the CLI and the pytest plugin; renderers take the `FileOutcome`s it returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from giocheck.engine.rulefile import RuleSet
from giocheck.execution import Job, check_file, run_files
from giocheck.model import AnnualReport
from giocheck.outcome import Accepted, FileOutcome
from giocheck.pairing import ReportOptions
from giocheck.readers import REPORT_SUFFIXES, STDIN, search_folder, source_name

__all__ = ["Accepted", "FileOutcome", "Summary", "check_file", "check_paths", "collect", "summarise"]
# Rules about the report's structure and format (parts, tables, rows left out, layouts): a file
# with an error of these is one the agency must restructure, not just correct a number in.
STRUCTURE_RULES = ("S_", "F_")


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


def check_paths(
    paths: Sequence[Path],
    rules: RuleSet | None = None,
    options: ReportOptions | None = None,
    previous: AnnualReport | None = None,
    skip_non_reports: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileOutcome]:
    """Check every report file under `paths`, in order, against `previous` (`--previous`, read
    once) or else last year's report of the same agency found in the same folder.

    `skip_non_reports`: files that are clearly no annual report (`NotAReportError`) are left out,
    not counted (`check --skip-non-reports`, the pre-commit hook). `jobs`: worker processes
    (giocheck/execution.py); `progress(done, total)` is told as files finish."""
    files, errors = collect(paths)
    job = Job(rules, options or ReportOptions(), previous, skip_non_reports)
    return errors + list(run_files(files, job, jobs, progress))


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
