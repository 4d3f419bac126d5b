"""Start-up and check time of the CLI, next to the cost of importing pydantic and rich.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Each command runs in a fresh interpreter; the table shows the median and the best of the
runs, measured in the same run so machine load affects all rows alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
HUAIAN = ROOT / "tests" / "data" / "huaian-city-government-2024.pypdf.txt"

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import pydantic, rich"': [sys.executable, "-c", "import pydantic, rich"],
    "python -c 'import giocheck'": [sys.executable, "-c", "import giocheck"],
    "giocheck check <渠县 sample>": [sys.executable, "-m", "giocheck", "check", str(SAMPLE)],
    "giocheck check <淮安 sample>": [sys.executable, "-m", "giocheck", "check", str(HUAIAN)],
    "giocheck check --format json <淮安>": [sys.executable, "-m", "giocheck", "check", "--format", "json", str(HUAIAN)],
}


def measure(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` runs after one warm-up."""
    subprocess.run(command, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'command':<42} {'median ms':>10} {'best ms':>9}")
    for name, command in COMMANDS.items():
        times = measure(command, args.runs)
        print(f"{name:<42} {statistics.median(times) * 1000:>10.0f} {min(times) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
