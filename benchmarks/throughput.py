"""One report's check against the cost of merely reading it, side by side, in one run.

    .venv/bin/python benchmarks/throughput.py [--seconds 3] [--runs 9]

For each input, giocheck's whole path (bytes → `Document` → `AnnualReport` → findings, in one
warm process) is timed next to its *floor*, what any checker must at least pay:

- **text** (the 渠县 sample): decode + split lines + find every number;
- **HTML** (a real page from `tests/data/real`): lxml parse + every table cell's text;
- **PDF** (a real PDF from `tests/data/real`): PDFium's plain text of every page;
- **cold** `giocheck check one.txt` in a fresh interpreter against
  `python -c 'import pydantic, rich, attrs'` (median of `--runs`).

Each row prints both rates and the ratio giocheck / floor (lower is better). The issue's
targets: text ≤ 10×, HTML ≤ 5×, PDF ≤ 4×, cold ≤ 1.5×.

A second table gives reading alone in CPU milliseconds (best of five batches, so other jobs on
the machine weigh less): the floor, `giocheck.load` (bytes → `AnnualReport`), and its two
stages, the reader (bytes → `Document`) and extraction (the rest of `load`).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.api import check  # noqa: E402

TEXT = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
HTML = ROOT / "tests" / "data" / "real" / "fujian-pingtan-zone-2025.html"
PDF = ROOT / "tests" / "data" / "real" / "fujian-pingtan-zone-2025.pdf"
TARGETS = {"text": 10.0, "HTML": 5.0, "PDF": 4.0, "cold": 1.5}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def text_floor(data: bytes) -> None:
    """Decode, split lines, find every number."""
    for line in data.decode("utf-8").splitlines():
        _NUMBER.findall(line)


def html_floor(data: bytes) -> None:
    """lxml parse and every table cell's text."""
    import lxml.html

    root = lxml.html.fromstring(data)
    for cell in root.iter("td", "th"):
        cell.text_content()


def pdf_floor(data: bytes) -> None:
    """PDFium's plain text of every page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for page in document:
            page.get_textpage().get_text_range()
    finally:
        document.close()


def giocheck_path(path: Path) -> Callable[[], object]:
    """The whole check of one file, as `giocheck check` does it in a warm process."""
    return lambda: check(path)


def rate(function: Callable[[], object], seconds: float) -> float:
    """Calls per second: the median of five slices of `seconds` / 5 each, after one warm-up."""
    function()
    rates = []
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while True:
            function()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / 5:
                break
        rates.append(calls / elapsed)
    return statistics.median(rates)


def cpu_ms(function: Callable[[], object], calls: int = 20) -> float:
    """CPU milliseconds per call: the best of five batches of `calls`, after a warm-up batch."""
    for _ in range(calls):
        function()
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(calls):
            function()
        best = min(best, (time.process_time() - start) / calls)
    return best * 1000


def reading(name: str, path: Path, floor: Callable[[bytes], None]) -> str:
    """One row of the reading table: floor, reader, extraction and `giocheck.load`, in CPU ms."""
    from giocheck.api import load
    from giocheck.readers import read_source

    data = path.read_bytes()
    least = cpu_ms(lambda: floor(data))
    reader = cpu_ms(lambda: read_source(path))
    whole = cpu_ms(lambda: load(path))  # extraction gets a new document each time, as in a run
    return f"{name:<8} {least:>8.2f} {reader:>8.2f} {whole - reader:>8.2f} {whole:>8.2f} {whole / least:>6.1f}×"


def cold(command: list[str], runs: int) -> float:
    """Median wall-clock seconds of `runs` fresh interpreters (after one warm-up).

    Bytecode may be written (`PYTHONDONTWRITEBYTECODE` is dropped for these runs), as it is for
    an installed package: otherwise every run compiles giocheck's source again, while the
    floor's libraries come with their bytecode from their installation.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each rate")
    parser.add_argument("--runs", type=int, default=9, help="fresh interpreters for the cold row")
    args = parser.parse_args()
    print(f"{'input':<8} {'giocheck':>14} {'floor':>14} {'ratio':>7} {'target':>7}")
    for name, path, floor in (("text", TEXT, text_floor), ("HTML", HTML, html_floor), ("PDF", PDF, pdf_floor)):
        data = path.read_bytes()
        ours = rate(giocheck_path(path), args.seconds)
        least = rate(lambda data=data, floor=floor: floor(data), args.seconds)  # type: ignore[misc]
        print(f"{name:<8} {ours:>12.1f}/s {least:>12.1f}/s {least / ours:>6.1f}× {TARGETS[name]:>6.1f}×")
    print(f"\n{'CPU ms':<8} {'floor':>8} {'reader':>8} {'extract':>8} {'load':>8} {'ratio':>7}")
    for name, path, floor in (("text", TEXT, text_floor), ("HTML", HTML, html_floor), ("PDF", PDF, pdf_floor)):
        print(reading(name, path, floor))
    print()
    ours_s = cold([sys.executable, "-m", "giocheck", "check", str(TEXT)], args.runs)
    floor_s = cold([sys.executable, "-c", "import pydantic, rich, attrs"], args.runs)
    print(f"{'cold':<8} {ours_s * 1000:>12.0f}ms {floor_s * 1000:>12.0f}ms {ours_s / floor_s:>6.1f}× {1.5:>6.1f}×")


if __name__ == "__main__":
    main()
