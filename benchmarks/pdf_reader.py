"""The PDF reader against the pdfplumber reader it replaced and against the cost of reading.

    .venv/bin/python benchmarks/pdf_reader.py [--repeat N] [PDF ...]

Three ways through each PDF, timed in the same run (median of N, after one warm-up call):

- **pdfplumber**: the reader giocheck had before (ruled tables through pdfplumber's
  `find_tables`/`extract`, other words through `extract_words`), kept here verbatim as the
  reference; it needs pdfplumber, which the test extra installs;
- **pypdfium2**: giocheck's reader (`giocheck.readers.pdf.read_pdf`);
- **floor**: PDFium's plain text of every page (`get_textpage().get_text_range()`), the least
  any reader built on PDFium pays.

Each column is bytes → `Document` (no extraction). The last columns compare what the two
readers make of the file once extracted: the same cells (blanks included) and the same
findings (rule, fingerprint, message). Without arguments the PDFs are the real 淮安 PDF, the
office-suite exports in `tests/data/pdf/`, and the project's own PDF writer's output for the
two samples (once with zero cells left blank).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.api import load  # noqa: E402
from giocheck.document import Document, Fragment, Line  # noqa: E402
from giocheck.engine import run_rules  # noqa: E402
from giocheck.engine.rulefile import default_rules  # noqa: E402
from giocheck.extract import extract_report  # noqa: E402
from giocheck.model import AnnualReport, Cell, Location  # noqa: E402
from giocheck.readers.cells import GridCell, cell_text, grid_lines  # noqa: E402
from giocheck.readers.pdf import read_pdf  # noqa: E402
from giocheck.writers.pdf import write_pdf  # noqa: E402
from tests.support import values  # noqa: E402

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

DATA = ROOT / "tests" / "data"


# --- the pdfplumber reader as it was (giocheck/readers/pdf.py before pypdfium2), errors left out ---

_LINE_TOLERANCE = 3.0
_SPAN_TOLERANCE = 1.0


def pdfplumber_read(data: bytes, source: str) -> Document:
    """The old reader: pdfplumber's ruled tables as cells, other words as lines by position."""
    import pdfplumber

    lines: list[Line] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = 0
        for number, page in enumerate(pdf.pages, start=1):
            page_lines, tables = _page_lines(page, number, tables)
            lines.extend(page_lines)
    return Document(source=source, lines=tuple(lines))


def _page_lines(page: Page, number: int, tables: int) -> tuple[list[Line], int]:
    placed: list[tuple[float, list[Line]]] = []
    found = page.find_tables()
    for table in found:
        tables += 1
        tops = [row.bbox[1] for row in table.rows]
        for line in grid_lines(_grid(table), table=tables, page=number):
            placed.append((tops[(line.location.row or 1) - 1], [line]))
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    words = outside.extract_words(keep_blank_chars=False, use_text_flow=False)
    for top, group in _word_lines(words):
        location = Location(page=number)
        fragments = tuple(Fragment(str(word["text"]), location) for word in group)
        placed.append((top, [Line(fragments, location)]))
    placed.sort(key=lambda item: item[0])
    return [line for _top, group in placed for line in group], tables


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (float(obj["x0"]) + float(obj["x1"])) / 2
    middle_y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _word_lines(words: Sequence[dict[str, Any]]) -> list[tuple[float, list[dict[str, Any]]]]:
    groups: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        top = float(word["top"])
        if groups and abs(groups[-1][0] - top) < _LINE_TOLERANCE:
            groups[-1][1].append(word)
        else:
            groups.append((top, [word]))
    return [(top, sorted(group, key=lambda w: float(w["x0"]))) for top, group in groups]


def _grid(table: Table) -> list[list[GridCell]]:
    texts = table.extract()
    edges = [column.bbox[0] if column.bbox else None for column in table.columns]
    grid: list[list[GridCell]] = []
    for row, boxes in zip(texts, (r.cells for r in table.rows), strict=True):
        cells: list[GridCell] = []
        right: float | None = None
        for text, box, edge in zip(row, boxes, edges, strict=True):
            if text is None and cells and right is not None and edge is not None and right > edge + _SPAN_TOLERANCE:
                cells[-1] = GridCell(cells[-1].text, columns=cells[-1].columns + 1)
                continue
            cells.append(GridCell(cell_text((text or "").splitlines())))
            right = float(box[2]) if box is not None else None
        grid.append(cells)
    return grid


# --- the floor and the comparison ---


def floor_read(data: bytes, source: str) -> list[str]:
    """PDFium's plain text of every page: what reading costs at the least."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _findings(report: AnnualReport) -> set[tuple[str, str, str]]:
    result = run_rules(report, default_rules())
    return {(f.rule, f.fingerprint, f.message_zh) for f in result.findings}


def _zeros_left_blank(report: AnnualReport) -> AnnualReport:
    """The report as many agencies print it: zero cells left empty."""
    tables = {}
    for key, table in report.tables.items():
        rows = {
            row_key: row.model_copy(
                update={"cells": {c: Cell(value=None) if cell.value == 0 else cell for c, cell in row.cells.items()}}
            )
            for row_key, row in table.rows.items()
        }
        tables[key] = table.model_copy(update={"rows": rows})
    return report.model_copy(update={"tables": tables})


def _default_files(folder: Path) -> list[Path]:
    files = [DATA / "huaian-city-government-2024.pdf", *sorted((DATA / "pdf").glob("*.pdf"))]
    for name, report in (
        ("rendered-qu.pdf", load(DATA / "qu-county-petition-bureau-2025.txt")),
        ("rendered-huaian.pdf", load(DATA / "huaian-city-government-2024.pdf")),
        ("rendered-huaian-zeros-blank.pdf", _zeros_left_blank(load(DATA / "huaian-city-government-2024.pdf"))),
    ):
        path = folder / name
        path.write_bytes(write_pdf(report))
        files.append(path)
    return files


def main() -> None:
    """Print one row per PDF and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = args.pdfs or _default_files(Path(folder))
        header = f"{'file':<44} {'pages':>5} {'pdfplumber':>10} {'pypdfium2':>10} {'floor':>7} {'old/new':>8} {'new/floor':>9}  same cells · findings"
        print(header)
        print("-" * len(header))
        ratios: dict[str, list[tuple[float, float]]] = {}  # group → (old/new, new/floor) per file
        for path in files:
            data = path.read_bytes()
            old_ms = _median_ms(lambda data=data: pdfplumber_read(data, "x.pdf"), args.repeat)
            new_ms = _median_ms(lambda data=data: read_pdf(data, "x.pdf"), args.repeat)
            floor_ms = _median_ms(lambda data=data: floor_read(data, "x.pdf"), args.repeat)
            old = extract_report(pdfplumber_read(data, str(path)))
            new = extract_report(read_pdf(data, str(path)))
            same_cells = "yes" if values(old) == values(new) and old.problems == new.problems else "NO"
            same_findings = "yes" if _findings(old) == _findings(new) else "NO"
            pages = len({line.location.page for line in read_pdf(data, "x.pdf").lines})
            group = _OWN_WRITER if path.name.startswith("rendered-") else "real and office-suite PDFs"
            ratios.setdefault(group, []).append((old_ms / new_ms, new_ms / floor_ms))
            print(
                f"{path.name[:44]:<44} {pages:>5} {old_ms:>8.1f}ms {new_ms:>8.1f}ms {floor_ms:>5.1f}ms"
                f" {old_ms / new_ms:>7.1f}× {new_ms / floor_ms:>8.2f}×  {same_cells} · {same_findings}"
            )
        print("-" * len(header))
        everything = [pair for group_pairs in ratios.values() for pair in group_pairs]
        for group, pairs in [*ratios.items(), ("all", everything)]:
            old_new = statistics.median(pair[0] for pair in pairs)
            new_floor = statistics.median(pair[1] for pair in pairs)
            label = f"median, {group}"
            print(f"{label[:44]:<44} {'':>5} {'':>10} {'':>10} {'':>7} {old_new:>7.1f}× {new_floor:>8.2f}×")


# reportlab's PDFs name Adobe's STSong-Light without embedding it: PDFium's own loading of that
# font and its CMap makes the floor a quarter of pdfplumber's time, so no PDFium reader is 10× there.
_OWN_WRITER = "giocheck's own PDF writer"


if __name__ == "__main__":
    main()
