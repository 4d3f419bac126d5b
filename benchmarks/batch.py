"""A folder run on one core and on every core, side by side with merely reading the same files.

    .venv/bin/python benchmarks/batch.py [--files N] [--jobs J]

Makes N copies of the bundled text sample (渠县信访局 2025) with the agency name varied, in a
temporary folder, then in one run times: the reading floor (decode + split lines + find the
numbers of every file); the run with one job in this process (no time budget); with one job in
one worker process (the CLI's default, with the 60 s budget); with J jobs (default: every core);
the moment the first outcome is out, as a fraction of the J-job run; and a re-run over the
unchanged folder with the result cache (in a temporary cache folder). Prints files per second
and the ratios. Absolute times on a shared machine are noise; the ratios are the figures. No
timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.cache import ResultCache, rules_version  # noqa: E402
from giocheck.engine.rulefile import default_rules  # noqa: E402
from giocheck.execution import DEFAULT_BUDGET, default_jobs  # noqa: E402
from giocheck.pairing import ReportOptions  # noqa: E402
from giocheck.runner import iter_paths  # noqa: E402

SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
_NUMBER = re.compile(r"\d+")


def make_reports(folder: Path, count: int) -> list[Path]:
    """`count` variants of the sample: agency names and (every fifth) years differ."""
    text = SAMPLE.read_text(encoding="utf-8")
    files = []
    for number in range(count):
        path = folder / f"report-{number:05d}.txt"
        variant = text.replace("渠县信访局", f"渠县第{number}局")
        if number % 5 == 4:  # last year's report of the agency before it: pairs are found and compared
            variant = text.replace("渠县信访局", f"渠县第{number - 1}局").replace("2025", "2024")
        path.write_text(variant, encoding="utf-8")
        files.append(path)
    return files


def _floor(files: list[Path]) -> int:
    """What merely reading costs: decode, split into lines, find every number."""
    found = 0
    for path in files:
        for line in path.read_bytes().decode("utf-8").splitlines():
            found += len(_NUMBER.findall(line))
    return found


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _cpu(action: Callable[[], object]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of this process and of the worker processes (reaped at the end)."""
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed(action)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)

    def used(after: resource.struct_rusage, before: resource.struct_rusage) -> float:
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    return wall, used(self_after, self_before), used(children_after, children_before)


def _first(folder: Path, jobs: int) -> tuple[float, float]:
    """Seconds until the first outcome is out, and until the last."""
    start = time.perf_counter()
    first = None
    for _outcome in iter_paths([folder], default_rules(), jobs=jobs, budget=DEFAULT_BUDGET):
        first = first or time.perf_counter() - start
    return first or 0.0, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    rules = default_rules()
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as store:
        files = make_reports(Path(folder), args.files)
        root = Path(folder)

        def run(jobs: int, budget: float | None, cache: ResultCache | None = None) -> None:
            for _outcome in iter_paths([root], rules, jobs=jobs, budget=budget, cache=cache):
                pass

        floor = _timed(lambda: _floor(files))
        local = _timed(lambda: run(1, None))
        one, one_main, one_workers = _cpu(lambda: run(1, DEFAULT_BUDGET))
        many, many_main, many_workers = _cpu(lambda: run(args.jobs, DEFAULT_BUDGET))
        first, whole = _first(root, args.jobs)
        os.environ["GIOCHECK_CACHE_DIR"] = store
        cache = ResultCache.open(rules_version(rules, repr(ReportOptions())))
        cold = _timed(lambda: run(args.jobs, DEFAULT_BUDGET, cache))
        warm = _timed(lambda: run(args.jobs, DEFAULT_BUDGET, cache))
    count = args.files
    print(f"{count} text reports (every fifth is last year's report of another), {args.jobs} jobs")
    print(f"{'':<34}{'files/s':>10}{'vs floor':>10}")
    print(f"{'reading floor':<34}{count / floor:>10.0f}{1:>10.1f}")
    print(f"{'--jobs 1, in this process':<34}{count / local:>10.1f}{local / floor:>10.1f}")
    print(f"{'--jobs 1, one worker (budget)':<34}{count / one:>10.1f}{one / floor:>10.1f}")
    print(f"{f'--jobs {args.jobs}':<34}{count / many:>10.1f}{many / floor:>10.1f}")
    print(f"{'re-run, all from the cache':<34}{count / warm:>10.1f}{warm / floor:>10.1f}  (first: {cold:.1f} s)")
    print(f"jobs=1 / jobs={args.jobs}: {one / many:.2f}×  (in-process jobs=1 / jobs={args.jobs}: {local / many:.2f}×)")
    # On idle cores a run takes about the CPU time of its busiest core: with one worker, the worker
    # and the main process each have a core; with J workers, J + 1 processes share J cores.
    alone = max(one_main, one_workers)
    shared = max(many_main, many_workers / args.jobs, (many_main + many_workers) / args.jobs)
    print(
        f"CPU seconds, main + workers: jobs=1 {one_main:.1f} + {one_workers:.1f}, "
        f"jobs={args.jobs} {many_main:.1f} + {many_workers:.1f}; "
        f"on {args.jobs} idle cores jobs=1 / jobs={args.jobs} ≈ {alone / shared:.2f}×"
    )
    print(f"first result after {first:.2f} s of {whole:.2f} s: {first / whole:.0%} of the run")


if __name__ == "__main__":
    main()
