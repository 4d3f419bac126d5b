"""How fast and how well the OCR reader reads scans: CPU seconds per page and cells right.

    .venv/bin/python benchmarks/ocr_pages.py [SCAN.pdf ...]

Each scan is read once with `giocheck.load` (OCR and extraction). CPU is this process's and
its children's (tesseract's) user + system time, so a busy machine changes the wall time but
not the figure. Cells are compared with the scan's hand-read expected file where there is one
(the corpus scans `tests/data/real/*.scan.pdf` and the 淮安 scan in `tests/data/converted/`):
`right` every expected cell read so, `named` cells the report names as unreadable (a read
problem on their table), `silent` wrong cells in a table without one (what must stay 0).
Without arguments, those three scans. Needs tesseract with chi_sim (tests/setup-system.sh).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.readers.ocr import tesseract_program  # noqa: E402
from tests.corpus import Fixture, fixtures, read_fixture  # noqa: E402

HUAIAN = ROOT / "tests" / "data" / "converted" / "huaian-city-government-2024-scanned.pdf"
HUAIAN_EXPECTED = ROOT / "tests" / "data" / "huaian-city-government-2024.pypdf.expected.json"


def _scans() -> list[Fixture]:
    found = [fixture for fixture in fixtures() if fixture.path.name.endswith(".scan.pdf")]
    return [*found, Fixture(HUAIAN, HUAIAN_EXPECTED, "partial", "six cells OCR cannot read")]


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _pages(path: Path) -> int:
    import pypdfium2  # type: ignore[import-untyped]

    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    """Read each scan once and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scans", nargs="*", type=Path, help="scanned PDFs (default: the test scans)")
    arguments = parser.parse_args()
    if tesseract_program() is None:
        sys.exit("benchmarks/ocr_pages.py: tesseract with chi_sim is not installed (tests/setup-system.sh)")
    chosen = _scans()
    if arguments.scans:
        known = {fixture.path.resolve(): fixture for fixture in chosen}
        chosen = [known.get(path.resolve(), Fixture(path, path, "partial", None)) for path in arguments.scans]
    print("scan  pages  cpu s  cpu s/page  wall s  right  named  silent")
    for fixture in chosen:
        pages = _pages(fixture.path)
        cpu, wall = _cpu(), time.perf_counter()
        if fixture.expected == fixture.path:  # no expected file: time the read alone
            from giocheck.api import load

            load(fixture.path)
            right = named = silent = "-"
        else:
            reading = read_fixture(fixture)
            right = f"{reading.right}/{reading.cells}"
            named, silent = str(len(reading.wrong) - len(reading.uncovered)), str(len(reading.uncovered))
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        print(f"{fixture.path.name}  {pages}  {cpu:.1f}  {cpu / pages:.2f}  {wall:.1f}  {right}  {named}  {silent}")


if __name__ == "__main__":
    main()
