"""Run the check over many files: one guarded function per file, on every core.

The per-file step is a pure function of a path and the run's settings (`Job`), so it runs in a
process pool as well as in this process. Whatever happens inside it — a broken file, a bug, a
recursion or memory error — ends as that file's one-line error (无法读取, exit 2): a folder run
survives any one file. Last year's report of the same agency in the same folder is found from
an index of (folder, agency, year) built from the first pass; only the files that have such a
pair are checked a second time, with it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import attrs

from giocheck.api import check, load
from giocheck.engine.rulefile import RuleSet
from giocheck.errors import NotAReportError, ReadError
from giocheck.model import AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.pairing import ReportOptions
from giocheck.readers import STDIN, source_name

_MAX_NAMES = 3

Identity = tuple[str, str, int]  # folder, agency, year


@attrs.frozen
class Job:
    """What every file of a run is checked with (sent to each worker once)."""

    rules: RuleSet | None = None
    options: ReportOptions = attrs.field(factory=ReportOptions)
    previous: AnnualReport | None = None  # `--previous`: compared with every file
    skip_non_reports: bool = False


@attrs.frozen
class Checked:
    """One file's outcome (None: skipped as no report), and who reported for which year."""

    outcome: FileOutcome | None
    identity: Identity | None = None


def default_jobs() -> int:
    """Worker processes by default: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


def check_one(path: Path, job: Job, previous: Path | None = None) -> Checked:
    """Read and check one file; never raises. `previous`: last year's report file to compare."""
    name = source_name(path)
    try:
        report = load(path)
        last = job.previous
        if previous is not None:
            last = load(previous)
        outcome = check_file(path, job.rules, job.options, report, last)
        return Checked(outcome, _identity(path, report))
    except NotAReportError as error:
        return Checked(None if job.skip_non_reports else FileOutcome(name, None, error.zh, error.en))
    except ReadError as error:
        return Checked(FileOutcome(name, None, error.zh, error.en))
    except RecursionError:
        return Checked(FileOutcome(name, None, "结构嵌套过深，无法读取", "nested too deeply to be read"))
    except MemoryError:
        return Checked(FileOutcome(name, None, "文件过大，内存不足，无法读取", "too large to be read in memory"))
    except Exception as error:
        kind = type(error).__name__
        return Checked(
            FileOutcome(
                name,
                None,
                f"内部错误，未能检查此文件（{kind}）；请将此文件报告给 giocheck 维护者",
                f"internal error, this file was not checked ({kind}); please report the file to giocheck's maintainers",
            )
        )


def _identity(path: Path, report: AnnualReport) -> Identity | None:
    meta = report.metadata
    if path == STDIN or not meta.agency or not meta.year:
        return None
    return (str(path.parent), meta.agency, meta.year)


def run_files(
    files: Sequence[Path],
    job: Job,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileOutcome]:
    """Each file's outcome, in the order of `files` (skipped non-reports left out).

    `jobs` > 1 checks files in that many worker processes; `progress(done, total)` is called as
    files finish. Without `--previous`, a file whose folder holds last year's report of the same
    agency is checked again with it, and that result is the one given.
    """
    total = len(files)
    first: list[Checked | None] = [None] * total
    pool = _pool(jobs, job, total)
    try:
        for done, (position, checked) in enumerate(_each(files, job, pool), start=1):
            first[position] = checked
            if progress is not None:
                progress(done, total)
        final = _with_pairs(files, first, job, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for each in final:
        if each is not None and each.outcome is not None:
            yield each.outcome


def _with_pairs(
    files: Sequence[Path], first: list[Checked | None], job: Job, pool: ProcessPoolExecutor | None
) -> list[Checked | None]:
    if job.previous is not None:
        return first
    index = {c.identity: files[i] for i, c in enumerate(first) if c is not None and c.identity is not None}
    pairs: dict[int, Path] = {}
    for position, checked in enumerate(first):
        if checked is None or checked.identity is None:
            continue
        folder, agency, year = checked.identity
        found = index.get((folder, agency, year - 1))
        if found is not None:
            pairs[position] = found
    if not pairs:
        return first
    again = list(first)
    if pool is None:
        for position, last in pairs.items():
            again[position] = check_one(files[position], job, last)
        return again
    futures = {position: pool.submit(_worker_check, files[position], last) for position, last in pairs.items()}
    for position, future in futures.items():
        again[position] = _result(future, files[position])
    return again


def _each(files: Sequence[Path], job: Job, pool: ProcessPoolExecutor | None) -> Iterator[tuple[int, Checked]]:
    """(position, result) as files finish; standard input is always read here."""
    if pool is None:
        for position, path in enumerate(files):
            yield position, check_one(path, job)
        return
    futures: dict[Future[Checked], int] = {}
    for position, path in enumerate(files):
        if path == STDIN:
            yield position, check_one(path, job)
        else:
            futures[pool.submit(_worker_check, path, None)] = position
    for future in as_completed(futures):
        yield futures[future], _result(future, files[futures[future]])


def _result(future: Future[Checked], path: Path) -> Checked:
    """A worker's result; a worker that died (killed, out of memory) is that file's error."""
    try:
        return future.result()
    except Exception as error:
        kind = type(error).__name__
        return Checked(
            FileOutcome(
                source_name(path),
                None,
                f"检查此文件的进程意外退出（{kind}），未能检查",
                f"the process checking this file ended unexpectedly ({kind}); not checked",
            )
        )


def _pool(jobs: int, job: Job, total: int) -> ProcessPoolExecutor | None:
    if jobs <= 1 or total <= 1:
        return None
    # fork starts workers with the rules already loaded; elsewhere the initializer sends them.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=min(jobs, total), mp_context=get_context(method), initializer=_start_worker, initargs=(job,)
    )


_WORKER_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _worker_check(path: Path, previous: Path | None) -> Checked:
    assert _WORKER_JOB is not None, "worker started without its job"
    return check_one(path, _WORKER_JOB, previous)


def _join(messages: Iterable[str]) -> str:
    items = list(messages)
    if len(items) <= _MAX_NAMES:
        return "；".join(items)
    return "；".join(items[:_MAX_NAMES]) + f"；…（共 {len(items)} 项）"
