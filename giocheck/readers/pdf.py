"""Reader for PDF files with a text layer, through pdfplumber (pdfminer.six underneath).

Chosen by measurement (`benchmarks/read_formats.py`): on the real 淮安 PDF both pypdfium2's
plain text (through the text reader) and pdfplumber's ruled tables give all 200 cells, pypdfium2
about 15× faster; but once zero cells are left empty, as many agencies print them, the plain
text places 135 of 200 cells and pdfplumber still all 200. A wrong number costs more than time.

Ruled tables become grid rows (a cell's wrapped or vertical one-character label joined up);
all other words become lines by their baseline, one fragment per word, which is how tables
without ruling lines are read. Rows and lines are ordered by their position on the page, so
a table split over two pages continues after the footer the extractor skips.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from giocheck.document import Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.model import Location
from giocheck.readers.cells import GridCell, cell_text, grid_lines

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

_LINE_TOLERANCE = 3.0  # points: words whose tops differ less sit on one line
_SPAN_TOLERANCE = 1.0


def read_pdf(data: bytes, source: str) -> Document:
    """Turn a PDF into lines: ruled table rows and text lines, page by page."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[Line] = []
    characters = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise ReadError(source, "PDF 文件已损坏：没有可读的页面", "the PDF is damaged: no readable pages")
            tables = 0
            for number, page in enumerate(pdf.pages, start=1):
                characters += len(page.chars)
                page_lines, tables = _page_lines(page, number, tables)
                lines.extend(page_lines)
    except (PdfminerException, PDFSyntaxError, PSException) as error:
        cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ReadError(
                source, "PDF 已加密，请提供未加密的文件", "the PDF is encrypted; give an unencrypted copy"
            ) from None
        raise ReadError(
            source, f"PDF 文件已损坏或无法解析（{cause}）", f"the PDF is damaged or unreadable ({cause})"
        ) from None
    if characters == 0:
        from giocheck.readers.ocr import read_scanned

        return read_scanned(data, source)
    return Document(source=source, lines=tuple(lines))


def _page_lines(page: Page, number: int, tables: int) -> tuple[list[Line], int]:
    """The page's table rows and text lines, top to bottom; returns the new table count."""
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
    """Words grouped into lines by their top edge, each line left to right."""
    groups: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        top = float(word["top"])
        if groups and abs(groups[-1][0] - top) < _LINE_TOLERANCE:
            groups[-1][1].append(word)
        else:
            groups.append((top, [word]))
    return [(top, sorted(group, key=lambda w: float(w["x0"]))) for top, group in groups]


def _grid(table: Table) -> list[list[GridCell]]:
    """pdfplumber's table as rows of cells; its `None`s are the parts of merged cells.

    A `None` covered by the cell to its left is the same cell (a column span); any other
    `None` is covered from above (a row span) and stays an empty cell.
    """
    texts = table.extract()
    edges = [column.bbox[0] if column.bbox else None for column in table.columns]
    grid: list[list[GridCell]] = []
    for row, boxes in zip(texts, (r.cells for r in table.rows), strict=True):
        cells: list[GridCell] = []
        right: float | None = None  # right edge of the last cell that has a box
        for text, box, edge in zip(row, boxes, edges, strict=True):
            if text is None and cells and right is not None and edge is not None and right > edge + _SPAN_TOLERANCE:
                cells[-1] = GridCell(cells[-1].text, columns=cells[-1].columns + 1)
                continue
            cells.append(GridCell(cell_text((text or "").splitlines())))
            right = float(box[2]) if box is not None else None
        grid.append(cells)
    return grid
