"""Peak memory of a folder run for 1,000 and 10,000 text reports: the main process and each worker.

    .venv/bin/python benchmarks/memory.py [--counts 1000 10000] [--jobs 2] [--format text]

Generates the reports (variants of the bundled sample with other agency names, every fifth one
last year's report of the agency before it) in a temporary folder, runs `giocheck check FOLDER
--no-cache` in a child process, and polls /proc every 50 ms for the peak resident memory
(VmHWM) of that process and of every worker it starts. Linux only. Prints the peaks in MB and
the growth from the smallest count to the largest. No figure is asserted anywhere.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.batch import make_reports  # noqa: E402


def _status(pid: int, field: str) -> int | None:
    """A kB figure of /proc/PID/status, or None once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def measure(folder: Path, jobs: int, output: str) -> tuple[float, float, int, float]:
    """Peak RSS (MB) of the main process, the largest of any worker, workers seen, seconds."""
    command = [sys.executable, "-m", "giocheck", "check", str(folder), "--no-cache", "--jobs", str(jobs)]
    command += ["--format", output]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    main_peak = 0
    workers: dict[int, int] = {}
    while process.poll() is None:
        main_peak = max(main_peak, _status(process.pid, "VmHWM") or 0)
        for child in _children(process.pid):
            workers[child] = max(workers.get(child, 0), _status(child, "VmHWM") or 0)
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    return main_peak / 1024, max(workers.values(), default=0) / 1024, len(workers), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="text", choices=["text", "json", "sarif", "junit", "github"])
    args = parser.parse_args()
    print(f"giocheck check FOLDER --no-cache --jobs {args.jobs} --format {args.format}")
    print(f"{'reports':>8}{'main MB':>10}{'worker MB':>11}{'workers':>9}{'seconds':>9}")
    rows = []
    for count in args.counts:
        with tempfile.TemporaryDirectory() as folder:
            make_reports(Path(folder), count)
            rows.append((count, *measure(Path(folder), args.jobs, args.format)))
        count, main_mb, worker_mb, workers, seconds = rows[-1]
        print(f"{count:>8}{main_mb:>10.1f}{worker_mb:>11.1f}{workers:>9}{seconds:>9.1f}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"growth {first[0]} → {last[0]} files: main {last[1] / first[1] - 1:+.1%}, "
            f"worker {last[2] / first[2] - 1:+.1%}"
        )


if __name__ == "__main__":
    main()
