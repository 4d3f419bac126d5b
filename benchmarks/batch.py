"""A folder run on one core and on every core, side by side with merely reading the same files.

    .venv/bin/python benchmarks/batch.py [--files N] [--jobs J]

Makes N copies of the bundled text sample (渠县信访局 2025) with the agency name varied, in a
temporary folder, then in one run times: the reading floor (decode + split lines + find the
numbers of every file), `check_paths(jobs=1)` and `check_paths(jobs=J)` (default: every core).
Prints files per second and the ratios giocheck/floor and jobs=1/jobs=J. Absolute times on a
shared machine are noise; the ratios are the figures. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.execution import default_jobs  # noqa: E402
from giocheck.runner import check_paths  # noqa: E402

SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
_NUMBER = re.compile(r"\d+")


def _floor(files: list[Path]) -> int:
    """What merely reading costs: decode, split into lines, find every number."""
    found = 0
    for path in files:
        for line in path.read_bytes().decode("utf-8").splitlines():
            found += len(_NUMBER.findall(line))
    return found


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number in range(args.files):
            path = Path(folder) / f"report-{number:05d}.txt"
            path.write_text(text.replace("渠县信访局", f"渠县第{number}局"), encoding="utf-8")
            files.append(path)
        floor = _timed(lambda: _floor(files))
        one = _timed(lambda: check_paths([Path(folder)], jobs=1))
        many = _timed(lambda: check_paths([Path(folder)], jobs=args.jobs))
    count = args.files
    print(f"{count} text reports, {args.jobs} jobs")
    print(f"{'':<24}{'files/s':>10}{'vs floor':>10}")
    print(f"{'reading floor':<24}{count / floor:>10.0f}{1:>10.1f}")
    print(f"{'giocheck --jobs 1':<24}{count / one:>10.1f}{one / floor:>10.1f}")
    print(f"{f'giocheck --jobs {args.jobs}':<24}{count / many:>10.1f}{many / floor:>10.1f}")
    print(f"jobs=1 / jobs={args.jobs}: {one / many:.2f}×")


if __name__ == "__main__":
    main()
