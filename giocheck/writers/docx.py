"""Write an `AnnualReport` as a Word `.docx` in the standard layout, with real merged cells."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from giocheck.model import AnnualReport
from giocheck.writers.layout import Grid, Paragraph, blocks, positions

if TYPE_CHECKING:
    from docx.document import Document

_FONT = "宋体"


def write_docx(report: AnnualReport) -> bytes:
    """The report as the bytes of a .docx file."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    # Word picks the font for Chinese text from the East Asian slot, not from `name`.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)
    for block in blocks(report):
        if isinstance(block, Grid):
            _table(document, block)
        else:
            _paragraph(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph(document: Document, block: Paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if block.kind == "heading":
        document.add_heading(block.text, level=2)
        return
    paragraph = document.add_paragraph(block.text)
    if block.kind in ("agency", "title"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.kind == "signature":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document: Document, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    for row, column, span in positions(grid.rows):
        cell = table.cell(row, column)
        if span.rows > 1 or span.columns > 1:
            cell = cell.merge(table.cell(row + span.rows - 1, column + span.columns - 1))
        cell.text = span.text
        if span.header:
            for run in cell.paragraphs[0].runs:
                run.bold = True
