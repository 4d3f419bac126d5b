"""Check many files: collect report files from paths, check each (giocheck/execution.py),
summarise.

Shared by the CLI and the pytest plugin; renderers take the `FileOutcome`s it returns.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import overload

import attrs

from giocheck.cache import ResultCache, rules_version
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.execution import DEFAULT_BUDGET, Job, Order, check_file, run_files
from giocheck.model import AnnualReport
from giocheck.outcome import Accepted, FileOutcome
from giocheck.pairing import ReportOptions
from giocheck.readers import REPORT_SUFFIXES, STDIN, is_skipped_folder, source_name
from giocheck.readers import _is_searched_file as is_searched_file  # search_folder's own test of a file
from giocheck.words import pair

__all__ = [
    "Accepted",
    "FileOutcome",
    "Summary",
    "Tally",
    "check_file",
    "check_many",
    "check_paths",
    "collect",
    "iter_paths",
    "summarise",
]
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
    names, errors = _collect(paths)
    return [Path(name) for name in names], errors


def _collect(paths: Sequence[Path]) -> tuple[list[str], list[FileOutcome]]:
    """`collect` with each file as a string: a run over 10,000 files holds ~100 bytes a file
    rather than a `Path` each (~500), and the files named twice are told apart by a digest of
    their real path (16 bytes), not by the path itself."""
    files: list[str] = []
    errors: list[FileOutcome] = []
    seen: set[bytes] = set()
    for path in paths:
        found: Iterable[str] = [str(path)]
        if path != STDIN and _is_folder(path):
            unreadable: list[FileOutcome] = []
            found = list(search_names(path, unreadable))
            errors.extend(unreadable)
            if not found and not unreadable:
                suffixes = " ".join(REPORT_SUFFIXES)
                errors.append(FileOutcome(str(path), None, *pair("files.no_reports", suffixes=suffixes)))
        for file in found:
            real = source_name(STDIN) if file == str(STDIN) else os.path.realpath(file)
            key = hashlib.blake2b(os.fsencode(real), digest_size=16).digest()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors


def search_names(folder: Path, unreadable: list[FileOutcome]) -> Iterator[str]:
    """The report files under `folder` as `giocheck.readers.search_folder` finds them, in the
    same (sorted) order, one at a time: each folder is listed, sorted and walked depth first,
    so no list of every file is built. A folder that cannot be opened adds its error to
    `unreadable`; the rest is still searched."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(((entry.name, _entry_is_folder(entry)) for entry in listing), key=_sort_key)
    except OSError as error:
        where = str(error.filename) if error.filename is not None else str(folder)
        unreadable.append(FileOutcome(where, None, *pair("files.cannot_open", reason=error.strerror)))
        return
    for name, is_folder in entries:
        path = folder / name
        if not is_folder:
            if is_searched_file(path):
                yield str(path)
        elif not path.is_symlink() and not is_skipped_folder(path):  # links to folders are not followed
            yield from search_names(path, unreadable)


def _sort_key(entry: tuple[str, bool]) -> str:
    return os.path.normcase(entry[0])  # the order `Path`s sort in


def _entry_is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


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
    cache: ResultCache | None = None,
    budget: float | None = None,
    keep_reports: bool = True,
    today: date | None = None,
) -> list[FileOutcome]:
    """Check every report file under `paths`, in order, against `previous` (`--previous`, read
    once) or else last year's report of the same agency found in the same folder.

    `skip_non_reports`: files that are clearly no annual report (`NotAReportError`) are left out,
    not counted (`check --skip-non-reports`, the pre-commit hook). `jobs`: worker processes
    (giocheck/execution.py); `progress(done, total)` is told as files finish; `cache`: the
    result cache (giocheck/cache.py); `budget`: seconds one file may take; `keep_reports`: the
    outcomes keep whole reports (tables and text), as a list of results does anyway; `today`:
    the date the calendar rules take as today (default: `GIOCHECK_TODAY`, else the machine's)."""
    found = iter_paths(
        paths,
        rules,
        options,
        previous,
        skip_non_reports,
        jobs,
        progress,
        cache,
        budget,
        keep_reports=keep_reports,
        today=today,
    )
    return list(found)


def iter_paths(
    paths: Sequence[Path],
    rules: RuleSet | None = None,
    options: ReportOptions | None = None,
    previous: AnnualReport | None = None,
    skip_non_reports: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultCache | None = None,
    budget: float | None = None,
    order: Order = "stable",
    keep_reports: bool = False,
    today: date | None = None,
) -> Iterator[FileOutcome]:
    """`check_paths` as outcomes come: folder errors first, then each file as it is done
    (`keep_reports`: with whole reports, `Job.keep_reports`; `today`: `Job.today`)."""
    names, errors = _collect(paths)
    yield from errors
    job = Job(rules, options or ReportOptions(), previous, skip_non_reports, budget, keep_reports, today=today)
    yield from run_files(PathList(names), job, jobs, progress, cache, order)


def check_many(
    paths: Iterable[str | Path],
    jobs: int = 1,
    *,
    rules: RuleSet | None = None,
    order: Order = "finished",
    budget: float | None = DEFAULT_BUDGET,
    cache: bool = False,
    today: date | None = None,
) -> Iterator[FileOutcome]:
    """Check report files and folders, yielding each file's `FileOutcome` as it finishes.

    >>> for outcome in giocheck.check_many(["reports/"], jobs=4):
    ...     print(outcome.path, outcome.error() or len(outcome.result.errors))

    Folders are searched as `giocheck check` does, and last year's report beside a report is
    compared with it. `jobs` worker processes check the files; `order="stable"` yields them in
    the order found instead of as they finish. Each file may take `budget` seconds (None: no
    limit; with `jobs=1` the files are then checked in this process). `cache=True` uses the
    result cache shared with the CLI (giocheck/cache.py). The outcome's report holds the
    metadata, problems and notes, not the tables (use `giocheck.load` for those). `today` is the
    date the calendar rules take as today (default: `GIOCHECK_TODAY`, else the machine's date).
    """
    ruleset = rules if rules is not None else default_rules()
    store = ResultCache.open(rules_version(ruleset)) if cache else None
    found = [Path(p) for p in paths]
    yield from iter_paths(found, ruleset, jobs=jobs, cache=store, budget=budget, order=order, today=today)


class PathList(Sequence[Path]):
    """File paths kept as strings, each made a `Path` when asked for: the run's list of files
    costs ~100 bytes a file instead of a `Path`'s ~500."""

    def __init__(self, names: list[str]) -> None:
        self._names = names

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [Path(name) for name in self._names[index]]
        return Path(self._names[index])


@attrs.define
class Tally:
    """Counts over outcomes as they come, for the summary line (`summarise` at the end)."""

    files: int = 0
    clean: int = 0
    with_errors: int = 0
    unreadable: int = 0
    errors: int = 0
    warnings: int = 0
    not_assessable: int = 0
    structural: int = 0
    accepted: int = 0

    def add(self, outcome: FileOutcome) -> None:
        """Count one file."""
        self.files += 1
        self.accepted += len(outcome.accepted)
        result = outcome.result
        if result is None or outcome.error_zh is not None:
            self.unreadable += 1
        elif result.errors:
            self.with_errors += 1
            self.structural += any(f.rule.startswith(STRUCTURE_RULES) for f in result.errors)
        else:
            self.clean += 1
        if result is not None:
            self.errors += result.count("error")
            self.warnings += result.count("warning")
            self.not_assessable += sum(1 for f in result.findings if f.status == "not_assessable")

    @property
    def summary(self) -> Summary:
        """The totals so far."""
        return Summary(
            self.files,
            self.clean,
            self.with_errors,
            self.unreadable,
            self.errors,
            self.warnings,
            self.not_assessable,
            self.structural,
        )


def summarise(outcomes: Iterable[FileOutcome]) -> Summary:
    """Totals for the summary line and the exit code.

    A file with a one-line error (unreadable, or a table not placed) counts as unreadable only,
    even when the part that was read has error findings; those findings still count as errors.
    """
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    return tally.summary
