"""Checking uploads for `giocheck serve`: a private folder per request, a bounded queue, a pool
of worker processes, a time budget per file.

No web framework here: the app (giocheck/serve/app.py) hands in the uploaded bytes and gets a
`FileOutcome` back. Each file is checked by `giocheck.execution.check_one` — the same guarded
step as `giocheck check` — in a worker process. Python-level work past the budget is stopped
inside the worker (a timer signal); a worker stuck in native code past the budget and a grace
period is killed with its pool, and the requests it shared the pool with are run again once.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import tempfile
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import FrameType

import attrs

from giocheck.api import load
from giocheck.engine.rulefile import RuleSet
from giocheck.errors import ReadError
from giocheck.execution import Checked, Job, check_one, default_jobs
from giocheck.limits import Limits, use_limits
from giocheck.outcome import FileOutcome
from giocheck.pairing import ReportOptions
from giocheck.words import pair

MEGABYTE = 1024 * 1024
_GRACE = 5.0  # seconds a worker has past the budget to stop by itself before its pool is killed
_NAME_LIMIT = 120


@attrs.frozen
class Settings:
    """How `giocheck serve` runs (`--host`, `--port`, `--max-upload-mb`, `--workers`, `--timeout`,
    `--queue`, `--keep`, `--limit`)."""

    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_bytes: int = 20 * MEGABYTE
    workers: int = attrs.field(factory=default_jobs)
    timeout: float = 60.0  # seconds of checking one upload
    queue: int = 32  # requests that may wait for a worker; more are answered 503
    keep: Path | None = None  # store each upload and its result here (nothing is stored without it)
    rules: RuleSet | None = None  # None: the shipped rules
    temp_root: Path | None = None  # where the private per-request folders go (None: the system's)
    limits: Limits = attrs.field(factory=Limits)  # `--limit`: the bounds on each upload (giocheck/limits.py)


@attrs.frozen
class Upload:
    """One uploaded file: the name the client gave (for messages only) and its bytes."""

    name: str
    data: bytes


class Busy(Exception):
    """Every worker is busy and the queue is full (503)."""


class OverBudget(Exception):
    """Checking took longer than the time budget (504)."""


def display_name(filename: str | None, fallback: str = "upload") -> str:
    """The client's file name safe to show: its last part only (either kind of slash), no
    control characters, at most 120 characters."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name
    cleaned = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if cleaned in ("", ".", ".."):
        return fallback
    return cleaned[:_NAME_LIMIT]


def stored_name(stem: str, name: str) -> str:
    """The name a file gets in the private folder: a fixed stem and the client's suffix when it is
    a plain one (readers of YAML and Markdown go by the suffix)."""
    suffix = PurePosixPath(name).suffix.lower()
    return stem + (suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else "")


# One upload in a worker process: (file, last year's file, options, shown name, budget) → outcome.
Task = Callable[[Path, Path | None, ReportOptions, str, float], Checked]


class _Stopped(BaseException):
    """Raised by the timer inside a worker; a BaseException so that no guard swallows it."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


_WORKER_RULES: RuleSet | None = None
_WORKER_LIMITS = Limits()


def _start_worker(rules: RuleSet | None, limits: Limits) -> None:
    """A spawned worker's start: the server's rules and limits (it inherits nothing)."""
    global _WORKER_RULES, _WORKER_LIMITS
    _WORKER_RULES, _WORKER_LIMITS = rules, limits


def check_upload(path: Path, previous: Path | None, options: ReportOptions, shown: str, budget: float) -> Checked:
    """Check one stored upload in a worker within `budget` seconds; the outcome names the file as
    the client did, never by the private folder."""
    checked = within_budget(budget, shown, lambda: _checked(path, previous, options))
    return Checked(_renamed(checked.outcome, shown)) if checked.outcome is not None else checked


def _checked(path: Path, previous: Path | None, options: ReportOptions) -> Checked:
    """The upload checked, with last year's report the client sent. Unlike a pair found in a
    folder, that report was given on purpose: when it cannot be read, that is the answer."""
    last = None
    if previous is not None:
        try:
            with use_limits(_WORKER_LIMITS):
                last = load(previous)
        except ReadError as error:
            return Checked(FileOutcome("previous", None, error.zh, error.en))
    job = Job(rules=_WORKER_RULES, options=options, previous=last, keep_reports=True, limits=_WORKER_LIMITS)
    return check_one(path, job)


def within_budget(budget: float, shown: str, work: Callable[[], Checked]) -> Checked:
    """`work()`, stopped by a timer after `budget` seconds (Python code only: native code runs on
    until it returns, and the pool's owner kills a worker stuck past the grace period)."""
    if not hasattr(signal, "setitimer"):  # not on POSIX: only the owner's deadline applies
        return work()
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return work()
    except _Stopped:
        return Checked(_over_budget(shown, budget))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _renamed(outcome: FileOutcome, shown: str) -> FileOutcome:
    result = outcome.result
    if result is not None:
        metadata = result.report.metadata.model_copy(update={"source": shown})
        result = attrs.evolve(result, report=result.report.model_copy(update={"metadata": metadata}))
    return attrs.evolve(outcome, path=shown, result=result)


def _over_budget(shown: str, budget: float) -> FileOutcome:
    return FileOutcome(
        shown,
        None,
        *pair("files.over_budget", budget=f"{budget:g}"),
    )


def is_over_budget(outcome: FileOutcome, budget: float) -> bool:
    """Whether `outcome` is the worker's own "stopped at the time limit" answer."""
    return outcome.result is None and outcome.error_en == _over_budget(outcome.path, budget).error_en


# spawn: workers start as clean processes, not forks of the threaded server (and, unlike
# forkserver, need no socket under TMPDIR, whose path could be too long for one).
_START_METHOD = "spawn"


class Checker:
    """The worker pool and the queue in front of it; one per app."""

    def __init__(self, settings: Settings, task: Task = check_upload) -> None:
        self.settings = settings
        self._task = task
        self._pool: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(settings.workers)
        self.admitted = 0  # requests being checked or waiting for a worker

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.settings.workers,
            mp_context=get_context(_START_METHOD),
            initializer=_start_worker,
            initargs=(self.settings.rules, self.settings.limits),
        )

    def close(self) -> None:
        """Stop the workers (at server shutdown)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def admit(self) -> None:
        """Take a place in the queue, or raise `Busy` when every place is taken."""
        if self.admitted >= self.settings.workers + self.settings.queue:
            raise Busy
        self.admitted += 1

    def leave(self) -> None:
        """Give the place back (always, after `admit`)."""
        self.admitted -= 1

    async def check(self, upload: Upload, previous: Upload | None, options: ReportOptions) -> FileOutcome:
        """Store the upload(s) in a private folder, check in a worker, delete the folder."""
        folder = Path(tempfile.mkdtemp(prefix="giocheck-serve-", dir=self.settings.temp_root))
        try:
            path = folder / stored_name("report", upload.name)
            path.write_bytes(upload.data)
            last = None
            if previous is not None:
                last = folder / stored_name("previous", previous.name)
                last.write_bytes(previous.data)
            async with self._slots:
                return await self._run(path, last, options, upload.name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    async def _run(self, path: Path, last: Path | None, options: ReportOptions, shown: str) -> FileOutcome:
        budget = self.settings.timeout
        for attempt in (1, 2):
            pool = self._pool = self._pool or self._new_pool()
            future = asyncio.get_running_loop().run_in_executor(pool, self._task, path, last, options, shown, budget)
            try:
                checked = await asyncio.wait_for(future, budget + _GRACE)
            except TimeoutError:
                self._kill(pool)
                raise OverBudget from None
            except BrokenProcessPool:
                # Another request's worker was killed (or died) with this pool: once more, in a new one.
                if self._pool is pool:
                    self._pool = None
                if attempt == 2:
                    raise
                continue
            if checked.outcome is None:
                raise RuntimeError("a worker skipped the upload as no report")  # serve never asks it to
            if is_over_budget(checked.outcome, budget):
                raise OverBudget
            return checked.outcome
        raise AssertionError("unreachable")

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        """End a pool whose worker is stuck past the budget (the others in it are run again)."""
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        if self._pool is pool:
            self._pool = None


def keep_copy(keep: Path, request_id: str, uploads: list[Upload], result: bytes) -> None:
    """`--keep DIR`: the uploads (under their shown names) and the JSON answer in DIR/REQUEST_ID/."""
    folder = keep / request_id
    folder.mkdir(parents=True, exist_ok=True)
    for index, upload in enumerate(uploads):
        (folder / f"{index}-{upload.name}").write_bytes(upload.data)
    (folder / "result.json").write_bytes(result)
