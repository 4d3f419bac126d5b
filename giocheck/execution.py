"""Run the check over many files: one guarded function per file, on every core, streaming.

The per-file step (`check_one`) is a pure function of a path and the run's settings (`Job`), so
it runs in worker processes (giocheck/workers.py) as well as in this one. Whatever happens inside
it — a broken file, a bug, a recursion or memory error — ends as that file's one-line error
(exit 2); a file that outlives the time budget has its worker killed and gets one line naming the
limit; a worker that dies costs only its file. A folder run survives any one file.

Last year's report of the same agency in the same folder is found from an index of (folder,
agency, year), built first from a cheap read of each report's title (`identify`, or the result
cache), only for folders that hold more than one report; each file is then checked exactly once,
with its pair known. Outcomes come back as files finish, carrying the report's metadata, problems
and notes but not its tables, so neither the workers nor this process keep reports around.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import attrs

from giocheck.api import check, load
from giocheck.cache import ResultCache, content_hash
from giocheck.clock import as_of, today
from giocheck.engine.findings import Result
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.errors import NotAReportError, ReadError
from giocheck.limits import Limits, current_limits, default_limits, use_limits
from giocheck.model import AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.pairing import ReportOptions, TitleIndex, identify
from giocheck.readers import STDIN, source_name
from giocheck.words import pair, say
from giocheck.workers import LocalPool, Stopped, WorkerPool

_MAX_NAMES = 3
# Tasks in the pool per worker at a time: enough to keep it busy, few enough that neither the
# queue nor the outcomes waiting for their turn grow with the number of files.
_WINDOW = 4
# Seconds one file may take by default: real reports (< 60 pages) take a few seconds at most.
DEFAULT_BUDGET = 60.0

Identity = tuple[str, str, int]  # folder, agency, year
Order = Literal["stable", "finished"]


@attrs.frozen
class Job:
    """What every file of a run is checked with (given to each worker once).

    `budget`: seconds one file may take before its worker is stopped (None: no limit; then a
    run with one job stays in this process). `keep_reports`: outcomes keep the whole report
    (tables and text) for outputs that draw it — the HTML report, `serve`'s grids, similar texts
    across files; otherwise only metadata, problems and notes travel back (`slim`). `limits`: the
    bounds on each file (giocheck/limits.py), by default those in effect where the job is made;
    `check_one` puts them in effect wherever it runs, so workers started by spawn (which inherit
    nothing of this process) apply them too."""

    rules: RuleSet | None = None
    options: ReportOptions = attrs.field(factory=ReportOptions)
    previous: AnnualReport | None = None  # `--previous`: compared with every file
    skip_non_reports: bool = False
    budget: float | None = None
    keep_reports: bool = False
    today: date | None = None  # the date the calendar rules take as today (None: `giocheck.clock.today`)
    limits: Limits = attrs.field(factory=current_limits)


@attrs.frozen
class Checked:
    """One file's outcome (None: skipped as no report), who reported for which year, and
    whether the outcome may be cached (not when the checker itself failed)."""

    outcome: FileOutcome | None
    identity: Identity | None = None
    cacheable: bool = True


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
    """Read and check one file within `job.limits`; never raises. `previous`: last year's report
    file to compare.

    The outcome's report keeps only its metadata, problems and notes (what every output reads)
    unless `job.keep_reports`: the tables are dropped, so results are small to send between
    processes and to hold."""
    with use_limits(job.limits):
        return _check_one(path, job, previous)


def _check_one(path: Path, job: Job, previous: Path | None) -> Checked:
    name = source_name(path)
    try:
        report = load(path)
        last = job.previous
        if previous is not None:
            with contextlib.suppress(ReadError):
                last = load(previous)
        with as_of(job.today):
            outcome = check_file(path, job.rules, job.options, report, last)
        return Checked(outcome if job.keep_reports else slim(outcome), _identity(path, report))
    except NotAReportError as error:
        return Checked(None if job.skip_non_reports else FileOutcome(name, None, error.zh, error.en))
    except ReadError as error:
        return Checked(FileOutcome(name, None, error.zh, error.en))
    except RecursionError:
        return _failed(name, *pair("files.nested_too_deep"))
    except MemoryError:
        return _failed(name, *pair("files.out_of_memory"))
    except Exception as error:
        kind = type(error).__name__
        return _failed(name, *pair("files.internal_error", kind=kind))


def _failed(name: str, zh: str, en: str) -> Checked:
    return Checked(FileOutcome(name, None, zh, en), cacheable=False)


def slim(outcome: FileOutcome) -> FileOutcome:
    """The outcome with its report cut down to metadata, problems and notes."""
    result = outcome.result
    if result is None:
        return outcome
    report = result.report
    light = AnnualReport.model_construct(metadata=report.metadata, problems=report.problems, notes=report.notes)
    return attrs.evolve(outcome, result=attrs.evolve(result, report=light))


def _identity(path: Path, report: AnnualReport) -> Identity | None:
    meta = report.metadata
    if path == STDIN or not meta.agency or not meta.year:
        return None
    return (str(path.parent), meta.agency, meta.year)


@attrs.frozen
class _Task:
    position: int
    kind: Literal["identify", "check"]
    path: Path
    previous: Path | None = None
    previous_at: int | None = None  # last year's report's position in the run
    number: int = 0  # an identify task's number in its folder's `TitleIndex`


def _handle(job: Job, task: _Task) -> object:
    """What a worker does with a task."""
    if task.kind == "identify":
        with use_limits(job.limits):
            return identify(task.path)
    return check_one(task.path, job, task.previous)


def run_files(
    files: Sequence[Path],
    job: Job,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultCache | None = None,
    order: Order = "stable",
) -> Iterator[FileOutcome]:
    """Each file's outcome as it is known (skipped non-reports left out).

    `order="stable"` gives them in the order of `files`, each as soon as it and those before it
    are done; `"finished"` as files finish. `jobs` worker processes check the files (one job
    and no `job.budget`: in this process); `progress(done, total)` is told as files finish;
    `cache` gives outcomes of unchanged files without reading them and keeps the new ones.
    Without `--previous`, a file whose folder holds last year's report of the same agency is
    checked with it.
    """
    if job.rules is None:
        job = attrs.evolve(job, rules=default_rules())  # loaded once, before the workers fork
    local = jobs <= 1 and job.budget is None
    handler = functools.partial(_handle, job)
    pool = LocalPool[_Task](handler) if local else WorkerPool[_Task](min(jobs, len(files) or 1), handler, job.budget)
    # Workers start with their first task: a run whose files all come from the cache starts none.
    # The run's bookkeeping is small (`_Run`), so workers forked a little later carry little.
    run = _Run(files, job, cache or ResultCache(None, ""), progress)
    with pool:
        yield from _ordered(run.outcomes(pool), len(files)) if order == "stable" else _dropped(run.outcomes(pool))


def _dropped(found: Iterable[tuple[int, FileOutcome | None]]) -> Iterator[FileOutcome]:
    for _position, outcome in found:
        if outcome is not None:
            yield outcome


def _ordered(found: Iterable[tuple[int, FileOutcome | None]], total: int) -> Iterator[FileOutcome]:
    """Outcomes in position order, each as soon as every earlier one is out."""
    waiting: dict[int, FileOutcome | None] = {}
    following = 0
    for position, outcome in found:
        waiting[position] = outcome
        while following in waiting:
            ready = waiting.pop(following)
            following += 1
            if ready is not None:
                yield ready


class _Run:
    """The state of one run: digests, the pairing index, what is done.

    Tasks go to the pool a few at a time (`_WINDOW` per worker), drawn lazily from the folders:
    neither the pool's queue nor the outcomes waiting for their turn grow with the number of
    files, and a folder's pairing is a `TitleIndex` of 16-byte digests."""

    def __init__(
        self, files: Sequence[Path], job: Job, cache: ResultCache, progress: Callable[[int, int], None] | None
    ) -> None:
        self.files = files
        self.job = job
        self.cache = cache
        self.progress = progress
        self.done = 0
        self.digests: dict[int, str] = {}
        self.stopped: set[int] = set()  # stopped while being identified: not checked again
        self.missing: dict[str, int] = {}  # folder → reports whose agency and year are not known yet
        self.indexes: dict[str, TitleIndex] = {}  # folder → its reports' (agency, year), while identifying
        self.ready: deque[Iterator[tuple[int, int | None]]] = deque()  # checks to start: (position, previous)
        given = job.previous.model_dump_json() if job.previous is not None and cache.enabled else ""
        self.given = content_hash(given.encode())
        # An outcome depends on the limits too: a file refused under lowered ones is checked again.
        self.bounds = (
            "" if job.limits == default_limits() else "|" + content_hash(job.limits.model_dump_json().encode())[:12]
        )
        # And on the day the calendar rules take as today (Y_YEAR_ENDED), given or not: an outcome
        # kept under GIOCHECK_TODAY or on another day is not served as today's. Asked here, so a
        # GIOCHECK_TODAY that is no date is one line, not an internal error in every file.
        self.day = (job.today or today()).isoformat()
        self.folders: dict[str, array[int]] = {}  # folder → positions of its reports, in order
        for position in range(len(files)):
            path = files[position]
            if path != STDIN:
                self.folders.setdefault(str(path.parent), array("q")).append(position)

    def outcomes(self, pool: WorkerPool[_Task] | LocalPool[_Task]) -> Iterator[tuple[int, FileOutcome | None]]:
        """(position, outcome) as files finish, running what is not cached on `pool`."""
        for position in range(len(self.files)):
            path = self.files[position]
            if path == STDIN:  # read here, once: a worker cannot share this process's standard input
                yield self._finished(position, check_one(path, self.job).outcome)
            elif self.cache.enabled:
                digest = _digest(path, self.job.limits)
                if digest is not None:
                    self.digests[position] = digest
        pairing = self.job.previous is None
        single = (
            (position, None)
            for positions in self.folders.values()
            if not pairing or len(positions) < 2
            for position in positions
        )
        self.ready.append(single)
        identify = self._to_identify() if pairing else iter(())
        window = _WINDOW * (pool.size if isinstance(pool, WorkerPool) else 1)
        while True:
            # Checks go first: files are out early and few outcomes wait in memory.
            while pool.pending < window:
                if self.ready:
                    start = next(self.ready[0], None)
                    if start is None:
                        self.ready.popleft()
                    else:
                        yield from self._start(*start, pool)
                    continue
                task = next(identify, None)
                if task is None:
                    break
                pool.submit(task)
            if not pool.pending:
                if self.ready:  # the last identities came from the cache: their checks are ready
                    continue
                return
            task, value = pool.next_done()
            if task.kind == "identify":
                yield from self._identified(task, value)
            else:
                yield self._finished(task.position, self._checked(task, value))

    def _to_identify(self) -> Iterator[_Task]:
        """An identify task for each report of a folder of several whose identity is not cached."""
        for folder, positions in self.folders.items():
            if len(positions) < 2:
                continue
            self.missing[folder] = len(positions)
            self.indexes[folder] = TitleIndex(len(positions))
            for number, position in enumerate(positions):
                cached = self.cache.identity(self.digests[position]) if position in self.digests else None
                if cached is not None:
                    self._known(folder, number, cached[0])
                else:
                    yield _Task(position, "identify", self.files[position], number=number)

    def _identified(self, task: _Task, value: object) -> Iterator[tuple[int, FileOutcome | None]]:
        position = task.position
        identity = value if isinstance(value, tuple) else None
        if isinstance(value, Stopped):
            if value.timed_out:  # reading its title alone took the whole budget: not checked again
                self.stopped.add(position)
                yield self._finished(position, _stopped(task.path, value, self.job.budget))
        elif position in self.digests:
            self.cache.store_identity(self.digests[position], identity)
        self._known(str(task.path.parent), task.number, identity)

    def _known(self, folder: str, number: int, identity: tuple[str, int] | None) -> None:
        """Report `number` of `folder` states `identity`; once all of the folder's are known,
        its checks are ready, each with its pair."""
        index = self.indexes[folder]
        index.add(number, identity)
        self.missing[folder] -= 1
        if not self.missing[folder]:
            del self.indexes[folder]
            self.ready.append(self._paired(self.folders[folder], index))

    @staticmethod
    def _paired(positions: array[int], index: TitleIndex) -> Iterator[tuple[int, int | None]]:
        """Each report of a folder with the position of its pair, if any."""
        for number, position in enumerate(positions):
            found = index.previous(number)
            yield position, None if found is None else positions[found]

    def _start(
        self, position: int, previous: int | None, pool: WorkerPool[_Task] | LocalPool[_Task]
    ) -> Iterator[tuple[int, FileOutcome | None]]:
        path = self.files[position]
        if position in self.stopped:
            return
        digest = self.digests.get(position)
        if digest is not None:
            last = self._pair_key(previous)
            found = self.cache.outcome(digest, last, source_name(path)) if last is not None else None
            if found is not None:
                yield self._finished(position, found[0])
                return
        before = None if previous is None else self.files[previous]
        pool.submit(_Task(position, "check", path, before, previous))

    def _pair_key(self, previous: int | None) -> str | None:
        """What besides a file's bytes its cached outcome depends on: last year's report's
        bytes, whether non-reports are skipped, the limits and today (None: unknown, so not cached)."""
        skip = ("skip" if self.job.skip_non_reports else "all") + self.bounds + f"@{self.day}"
        if self.job.previous is not None:  # `--previous`: the same report for every file
            return f"{self.given}|{skip}"
        if previous is None:
            return f"-|{skip}"
        digest = self.digests.get(previous)
        return None if digest is None else f"{digest}|{skip}"

    def _checked(self, task: _Task, value: object) -> FileOutcome | None:
        if isinstance(value, Stopped):
            return _stopped(task.path, value, self.job.budget)
        assert isinstance(value, Checked)
        digest = self.digests.get(task.position)
        if digest is not None and value.cacheable:
            last = self._pair_key(task.previous_at)
            if last is not None:
                self.cache.store_outcome(digest, last, value.outcome)
            if value.identity is not None:
                self.cache.store_identity(digest, value.identity[1:])
        return value.outcome

    def _finished(self, position: int, outcome: FileOutcome | None) -> tuple[int, FileOutcome | None]:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.files))
        return position, outcome


def _digest(path: Path, limits: Limits) -> str | None:
    """The content hash of a regular file of a report's size; None for anything else (pipes,
    devices, unreadable or huge files are never read here: the check reads them once, bounded)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > limits.file_mb * 2**20:
            return None
        return content_hash(path.read_bytes())
    except OSError:  # unreadable: the check says why
        return None


def _stopped(path: Path, stopped: Stopped, budget: float | None) -> FileOutcome:
    """The one line of a file whose worker was stopped: over the time budget, or died."""
    name = source_name(path)
    if stopped.timed_out:
        limit = f"{budget:g}"
        return FileOutcome(name, None, *pair("files.over_time_budget", limit=limit))
    code, code_en = pair("files.exit_code", code=stopped.exitcode) if stopped.exitcode is not None else ("", "")
    return FileOutcome(
        name,
        None,
        say("files.worker_died", "zh", code=code),
        say("files.worker_died", "en", code=code_en),
    )


def _join(messages: Iterable[str], lang: str = "zh") -> str:
    items = list(messages)
    separator = "；" if lang == "zh" else "; "
    shown = separator.join(items[:_MAX_NAMES])
    if len(items) <= _MAX_NAMES:
        return shown
    return shown + say("files.in_all", lang, count=len(items))
