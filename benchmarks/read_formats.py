"""Time reading a typical report (淮安市人民政府 2024, the real PDF) in each file kind.

    .venv/bin/python benchmarks/read_formats.py [--repeat N]

The PDF is the published one; the other kinds are written from what it reads as, by the
project's own writers. Each figure is the median of N full `giocheck.load` calls (read +
extract). A second table compares the two PDF libraries: time, and how many table cells
come out right, on the real PDF and on one whose zero cells are left empty, as many agencies
print them (which is why the PDF reader reads ruled cells, not plain text; see readers/pdf.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.api import load  # noqa: E402
from giocheck.extract import extract_report  # noqa: E402
from giocheck.model import AnnualReport, Cell  # noqa: E402
from giocheck.readers.text import read_text  # noqa: E402
from giocheck.writers.output import render_bytes  # noqa: E402
from tests.support import Values, expected_values, values  # noqa: E402

PDF = ROOT / "tests" / "data" / "huaian-city-government-2024.pdf"
EXPECTED = ROOT / "tests" / "data" / "huaian-city-government-2024.pypdf.expected.json"


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm up: lazy imports and caches are not what is measured
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _right_cells(report: AnnualReport, expected: Values) -> str:
    got = values(report)
    cells = [
        (table, row, index, cell)
        for table, rows in expected.items()
        for row, row_cells in rows.items()
        for index, cell in enumerate(row_cells)
    ]
    right = sum(1 for t, r, i, cell in cells if i < len(got.get(t, {}).get(r, [])) and got[t][r][i] == cell)
    return f"{right}/{len(cells)}"


def _zeros_left_blank(report: AnnualReport) -> AnnualReport:
    """The report as many agencies print it: zero cells of table 3 left empty."""
    table = report.tables["T3"]
    rows = {
        key: row.model_copy(
            update={"cells": {c: Cell(value=None) if cell.value == 0 else cell for c, cell in row.cells.items()}}
        )
        for key, row in table.rows.items()
    }
    return report.model_copy(update={"tables": {**report.tables, "T3": table.model_copy(update={"rows": rows})}})


def _pdf_reader(path: Path) -> AnnualReport:
    return load(path)


def _pypdfium2_text(path: Path) -> AnnualReport:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return extract_report(read_text(text, str(path)))


def main() -> None:
    """Print the two tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    report = load(PDF)
    with tempfile.TemporaryDirectory() as folder:
        files = {".pdf": PDF}
        for suffix in (".txt", ".html", ".docx", ".json"):
            files[suffix] = Path(folder) / f"huaian{suffix}"
            files[suffix].write_bytes(render_bytes(report, suffix))
        print(f"{'kind':<6} {'size KiB':>9} {'read ms':>9} {'cells right':>12}")
        for suffix in (".txt", ".html", ".docx", ".pdf", ".json"):
            path = files[suffix]
            elapsed = _median_ms(lambda path=path: load(path), args.repeat)
            right = _right_cells(load(path), expected_values(EXPECTED))
            print(f"{suffix[1:]:<6} {path.stat().st_size / 1024:>9.1f} {elapsed:>9.1f} {right:>12}")
        blank = _zeros_left_blank(report)
        blank_pdf = Path(folder) / "blank-zeros.pdf"
        blank_pdf.write_bytes(render_bytes(blank, ".pdf"))
        print()
        print(f"{'PDF route':<30} {'PDF':<22} {'read ms':>9} {'cells right':>12}")
        cases = [("淮安 as published", PDF, expected_values(EXPECTED)), ("zeros left blank", blank_pdf, values(blank))]
        for name, route in (
            ("giocheck PDF reader (cells)", _pdf_reader),
            ("pypdfium2 text + text reader", _pypdfium2_text),
        ):
            for case, path, expected in cases:
                elapsed = _median_ms(lambda route=route, path=path: route(path), args.repeat)
                right = _right_cells(route(path), expected)
                print(f"{name:<30} {case:<22} {elapsed:>9.1f} {right:>12}")


if __name__ == "__main__":
    main()
