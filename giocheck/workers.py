"""Worker processes that can be stopped: one task at a time each, a time budget per task.

`concurrent.futures` cannot stop one task that runs too long (a reader stuck in C code cannot be
interrupted in its own process), nor say which task killed a worker that died. Here each worker
is a forked process with a pipe; the parent sends it one task, waits on every busy worker's pipe
up to the nearest deadline, and kills (then replaces) a worker whose task outlives the budget or
that dies. Either way only that task's file is affected. `LocalPool` runs the same tasks in this
process, for runs with one job and no time budget.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
Handler = Callable[[T], Any]

# fork starts workers with the rules already loaded; elsewhere the handler's state is pickled.
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


@attrs.frozen
class Stopped:
    """A task that did not finish: its worker ran past the time budget, or died."""

    timed_out: bool
    exitcode: int | None = None


@attrs.define
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Any = None
    deadline: float | None = None


def _serve(conn: Connection, handler: Handler[Any], siblings: Sequence[Connection] = ()) -> None:
    """A worker's loop: take a task, send back what the handler made of it, until told to stop
    or until the parent is gone (its end of the pipe closed).

    A forked worker first closes the parent's ends of its own and its siblings' pipes (`siblings`),
    which it inherited: held open here, they would keep a worker waiting for tasks after the parent died.
    Ctrl-C is the parent's to handle (it stops the workers): a worker does not print a trace."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in siblings:
        other.close()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            conn.send(handler(task))
        except OSError:  # the parent is gone: nobody waits for the answer
            return


class WorkerPool(Generic[T]):
    """Up to `size` worker processes running `handler(task)`; tasks past `budget` seconds are stopped."""

    def __init__(self, size: int, handler: Handler[T], budget: float | None = None) -> None:
        self.size = max(1, size)
        self.handler = handler
        self.budget = budget
        self.queue: deque[T] = deque()
        self.later: deque[T] = deque()  # run when `queue` is empty
        self.idle: list[_Worker] = []
        self.busy: list[_Worker] = []

    def submit(self, task: T, later: bool = False) -> None:
        """Queue a task; it starts as soon as a worker is free (`later`: after every other task)."""
        (self.later if later else self.queue).append(task)

    @property
    def pending(self) -> int:
        """Tasks queued or running."""
        return len(self.queue) + len(self.later) + len(self.busy)

    def start(self) -> None:
        """Start every worker now (else each starts with its first task)."""
        while len(self.idle) + len(self.busy) < self.size:
            self.idle.append(self._start())

    def _start(self) -> _Worker:
        # multiprocessing is imported by the first worker started: a run whose files all come
        # from the result cache starts none.
        from multiprocessing import get_context

        context = get_context(_START_METHOD)
        mine, theirs = context.Pipe()
        # A forked worker inherits every open pipe end; a spawned one inherits none.
        # (its own parent end `mine` among them: left open, the worker would never see the pipe close).
        siblings = [mine, *(w.conn for w in (*self.idle, *self.busy))] if _START_METHOD == "fork" else []
        process = context.Process(target=_serve, args=(theirs, self.handler, siblings), daemon=True)  # type: ignore[attr-defined]
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def _dispatch(self) -> None:
        while (self.queue or self.later) and (self.idle or len(self.busy) < self.size):
            worker = self.idle.pop() if self.idle else self._start()
            task = self.queue.popleft() if self.queue else self.later.popleft()
            worker.task = task
            worker.deadline = None if self.budget is None else time.monotonic() + self.budget
            try:
                worker.conn.send(task)
            except (OSError, ValueError):
                # It died between tasks: give the task to a fresh worker.
                self._discard(worker)
                self.queue.appendleft(task)
                continue
            self.busy.append(worker)

    def next_done(self) -> tuple[T, Any]:
        """The next finished task and its result (a `Stopped` when its worker was stopped)."""
        while True:
            self._dispatch()
            if not self.busy:
                raise LookupError("no task is pending")
            deadlines = [w.deadline for w in self.busy if w.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = _wait([w.conn for w in self.busy], timeout)
            for worker in self.busy:
                if worker.conn in ready:
                    return self._finish(worker)
            now = time.monotonic()
            for worker in self.busy:
                if worker.deadline is not None and worker.deadline <= now:
                    self.busy.remove(worker)
                    self._discard(worker)
                    return worker.task, Stopped(timed_out=True)

    def _finish(self, worker: _Worker) -> tuple[T, Any]:
        self.busy.remove(worker)
        task = worker.task
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            self._discard(worker)
            return task, Stopped(timed_out=False, exitcode=code)
        worker.task = None
        self.idle.append(worker)
        return task, result

    def _discard(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self) -> None:
        """Stop every worker: idle ones are told to end, busy ones are killed."""
        for worker in self.idle:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.idle:
            worker.process.join(5)
            self._discard(worker)
        for worker in self.busy:
            self._discard(worker)
        self.idle, self.busy = [], []
        self.queue.clear()
        self.later.clear()

    def __enter__(self) -> WorkerPool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalPool(Generic[T]):
    """The same interface in this process: each task runs when its result is asked for."""

    def __init__(self, handler: Handler[T]) -> None:
        self.handler = handler
        self.queue: deque[T] = deque()
        self.later: deque[T] = deque()

    def submit(self, task: T, later: bool = False) -> None:
        """Queue a task (`later`: after every other task)."""
        (self.later if later else self.queue).append(task)

    @property
    def pending(self) -> int:
        """Tasks queued."""
        return len(self.queue) + len(self.later)

    def next_done(self) -> tuple[T, Any]:
        """Run the oldest task here and return it with its result."""
        task = self.queue.popleft() if self.queue else self.later.popleft()
        return task, self.handler(task)

    def close(self) -> None:
        """Drop what is left."""
        self.queue.clear()
        self.later.clear()

    def __enter__(self) -> LocalPool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _wait(connections: list[Connection], timeout: float | None) -> Sequence[object]:
    """The connections that are ready (`multiprocessing.connection.wait`)."""
    from multiprocessing.connection import wait

    return wait(connections, timeout)
