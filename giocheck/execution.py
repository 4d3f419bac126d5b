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
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

import attrs

from giocheck.api import check, load
from giocheck.engine.findings import Result
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
    return result_outcome(source_name(path), result)


def result_outcome(name: str, result: Result) -> FileOutcome:
    """A checked report as the outcome of file `name`: its read problems are the one-line error."""
    problems = result.report.problems
    if not problems:
        return FileOutcome(name, result)
    return FileOutcome(
        name,
        result,
        _join([p.message_zh for p in problems]),
        _join([p.message_en for p in problems], "en"),
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
    agency is checked again with it, and that result is the one given. A worker process that
    dies (killed, out of memory) costs only the file it was checking: the files it took down
    with it are checked again in fresh workers.
    """
    total = len(files)
    first: list[Checked | None] = [None] * total
    tasks: dict[int, tuple[Path, Path | None]] = {}
    for position, path in enumerate(files):
        if path == STDIN or jobs <= 1 or total <= 1:
            first[position] = check_one(path, job)  # standard input is read here, once
            if progress is not None:
                progress(sum(1 for c in first if c is not None), total)
        else:
            tasks[position] = (path, None)
    for done, (position, checked) in enumerate(_run(tasks, job, jobs), start=total - len(tasks) + 1):
        first[position] = checked
        if progress is not None:
            progress(done, total)
    for each in _with_pairs(files, first, job, jobs):
        if each is not None and each.outcome is not None:
            yield each.outcome


def _with_pairs(files: Sequence[Path], first: list[Checked | None], job: Job, jobs: int) -> list[Checked | None]:
    if job.previous is not None:
        return first
    index = {c.identity: files[i] for i, c in enumerate(first) if c is not None and c.identity is not None}
    pairs: dict[int, tuple[Path, Path | None]] = {}
    for position, checked in enumerate(first):
        if checked is None or checked.identity is None:
            continue
        folder, agency, year = checked.identity
        found = index.get((folder, agency, year - 1))
        if found is not None:
            pairs[position] = (files[position], found)
    again = list(first)
    if jobs <= 1 or len(files) <= 1:
        for position, (path, last) in pairs.items():
            again[position] = check_one(path, job, last)
        return again
    for position, checked in _run(pairs, job, jobs):
        again[position] = checked
    return again


def _run(tasks: dict[int, tuple[Path, Path | None]], job: Job, jobs: int) -> Iterator[tuple[int, Checked]]:
    """(key, result) for each task (a path and last year's report) as workers finish them.

    Tasks a dying worker took down are run again in a fresh pool; those that break that one
    too, each alone, so that only the file that kills its worker is said to have done so."""
    if not tasks:
        return
    broken = yield from _in_pool(tasks, job, jobs)
    if broken:
        broken = yield from _in_pool({key: tasks[key] for key in broken}, job, jobs)
    for key in broken:
        path, previous = tasks[key]
        alone = yield from _in_pool({key: (path, previous)}, job, 1)
        if alone:
            yield key, _died(path, BrokenProcessPool())


def _in_pool(
    tasks: dict[int, tuple[Path, Path | None]], job: Job, jobs: int
) -> Generator[tuple[int, Checked], None, list[int]]:
    """Run `tasks` in a new pool; yield what finished and return the keys a dead worker broke."""
    broken: list[int] = []
    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(tasks))),
        mp_context=get_context(_START_METHOD),
        initializer=_start_worker,
        initargs=(job,),
    ) as pool:
        futures = {pool.submit(_worker_check, path, previous): key for key, (path, previous) in tasks.items()}
        for future in as_completed(futures):
            key = futures[future]
            try:
                yield key, future.result()
            except BrokenProcessPool:
                broken.append(key)
            except Exception as error:
                yield key, _died(tasks[key][0], error)
    return broken


def _died(path: Path, error: BaseException) -> Checked:
    """The file's error when the process checking it ended unexpectedly."""
    kind = type(error).__name__
    return Checked(
        FileOutcome(
            source_name(path),
            None,
            f"检查此文件的进程意外退出（{kind}），未能检查",
            f"the process checking this file ended unexpectedly ({kind}); not checked",
        )
    )


# fork starts workers with the rules already loaded; elsewhere the initializer sends them.
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


_WORKER_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _worker_check(path: Path, previous: Path | None) -> Checked:
    assert _WORKER_JOB is not None, "worker started without its job"
    return check_one(path, _WORKER_JOB, previous)


def _join(messages: Iterable[str], lang: str = "zh") -> str:
    items = list(messages)
    separator = "；" if lang == "zh" else "; "
    shown = separator.join(items[:_MAX_NAMES])
    if len(items) <= _MAX_NAMES:
        return shown
    return shown + (f"；…（共 {len(items)} 项）" if lang == "zh" else f"; … ({len(items)} in all)")
