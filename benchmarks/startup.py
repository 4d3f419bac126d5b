"""Start-up and check time of the CLI, next to the cost of importing pydantic, rich and attrs.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Each command runs in a fresh interpreter; the table shows the median and the best wall-clock
time of the runs, the median CPU time (user + system, the command's processes together: less
disturbed than wall time by other jobs on the machine) and the ratio of each median to the
floor's, all measured in the same run so machine load affects all rows alike.

The commands run as an installed package does: with its bytecode cached (`__pycache__`, written
by the warm-up run). An environment with `PYTHONDONTWRITEBYTECODE` set would compile giocheck's
sources again on every start; that setting is removed for the commands measured here.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
HUAIAN = ROOT / "tests" / "data" / "huaian-city-government-2024.pypdf.txt"
FLOOR = 'python -c "import pydantic, rich, attrs"'

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    FLOOR: [sys.executable, "-c", "import pydantic, rich, attrs"],
    "python -c 'import giocheck'": [sys.executable, "-c", "import giocheck"],
    "giocheck --help": [sys.executable, "-m", "giocheck", "--help"],
    "giocheck check <渠县 sample>": [sys.executable, "-m", "giocheck", "check", str(SAMPLE)],
    "giocheck check --no-cache <渠县 sample>": [sys.executable, "-m", "giocheck", "check", "--no-cache", str(SAMPLE)],
    "giocheck check <淮安 sample>": [sys.executable, "-m", "giocheck", "check", str(HUAIAN)],
    "giocheck check --format json <淮安>": [sys.executable, "-m", "giocheck", "check", "--format", "json", str(HUAIAN)],
}


def measure(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of `runs` runs after one warm-up."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=environment)
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=environment)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'command':<42} {'median ms':>10} {'best ms':>9} {'CPU ms':>8} {'× floor':>8} {'CPU × floor':>12}")
    floor: tuple[float, float] | None = None
    for name, command in COMMANDS.items():
        wall, cpu = measure(command, args.runs)
        median, cpu_median = statistics.median(wall), statistics.median(cpu)
        if name == FLOOR:
            floor = (median, cpu_median)
        ratio = f"{median / floor[0]:.1f}×" if floor else ""
        cpu_ratio = f"{cpu_median / floor[1]:.1f}×" if floor else ""
        print(
            f"{name:<42} {median * 1000:>10.0f} {min(wall) * 1000:>9.0f} {cpu_median * 1000:>8.0f}"
            f" {ratio:>8} {cpu_ratio:>12}"
        )


if __name__ == "__main__":
    main()
