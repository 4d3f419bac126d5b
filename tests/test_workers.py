"""The worker pool: workers end with their parent, however it ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from giocheck.workers import WorkerPool

ROOT = Path(__file__).resolve().parent.parent

# A parent that starts three workers, runs a task on each, prints their process ids and dies
# without closing its pool (as when it is killed): its workers must not wait for tasks forever.
_ORPHANING_PARENT = """
import os, sys
from giocheck.workers import WorkerPool
pool = WorkerPool(3, abs)
pool.start()
for number in range(3):
    pool.submit(-number)
for _ in range(3):
    pool.next_done()
print(" ".join(str(w.process.pid) for w in pool.idle + pool.busy), flush=True)
os._exit(0)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child of init that has exited but is not yet reaped still answers signal 0.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers: Linux")
def test_workers_end_when_their_parent_dies_without_closing_the_pool() -> None:
    parent = subprocess.Popen([sys.executable, "-c", _ORPHANING_PARENT], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert parent.stdout is not None
    line = parent.stdout.readline()  # not to the end: a surviving worker would hold the pipe open
    parent.wait(timeout=120)
    pids = [int(pid) for pid in line.split()]
    assert len(pids) == 3
    waited = 0.0
    while any(_alive(pid) for pid in pids) and waited < 60:  # an event awaited, not a timing
        time.sleep(0.1)
        waited += 0.1
    assert not any(_alive(pid) for pid in pids), "a worker outlived its parent"


def test_a_pool_runs_tasks_and_stops_its_workers() -> None:
    with WorkerPool(2, abs) as pool:
        for number in range(5):
            pool.submit(-number)
        results = sorted(pool.next_done()[1] for _ in range(5))
        workers = [w.process for w in pool.idle + pool.busy]
    assert results == [0, 1, 2, 3, 4]
    assert all(not process.is_alive() for process in workers)
