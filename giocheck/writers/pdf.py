"""Write an `AnnualReport` as a PDF in the standard layout, through reportlab (pure Python).

The text is set in Adobe's standard Chinese font `STSong-Light`, which PDF readers supply
themselves: no font file is needed on the machine and none is embedded. Tables are ruled
grids with merged cells and may run over a page break; every page has a `- N -` footer, as
printed reports do.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from giocheck.model import AnnualReport
from giocheck.writers.layout import Grid, Paragraph, blocks, positions

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable
    from reportlab.platypus.doctemplate import BaseDocTemplate

_FONT = "STSong-Light"
_WIDTH = 480.0  # points of A4 between the margins
_LABEL_WIDTHS = {0: [], 1: [150.0], 3: [42.0, 62.0, 130.0]}


def write_pdf(report: AnnualReport) -> bytes:
    """The report as the bytes of a PDF file."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    buffer = io.BytesIO()
    margin = (A4[0] - _WIDTH) / 2
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, title=_title(report))
    story: list[Flowable] = []
    for block in blocks(report):
        if isinstance(block, Grid):
            story.extend([_table(block), Spacer(1, 8)])
        else:
            story.extend(_paragraph(block, piece) for piece in _pieces(block.text))
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def _title(report: AnnualReport) -> str:
    return f"{report.metadata.agency or ''}{report.metadata.year or ''}年政府信息公开工作年度报告"


def _footer(canvas: Canvas, document: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(_FONT, 9)
    canvas.drawCentredString(document.pagesize[0] / 2, 30, f"- {document.page} -")
    canvas.restoreState()


# reportlab's CJK line breaking costs the square of a paragraph's length (150,000 characters took
# 40 s): a longer text is set as paragraphs of at most this many, cut after a full stop if it can.
_PIECE = 1000


def _pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most `_PIECE` characters, each ending at a 。 where one is."""
    pieces = []
    while len(text) > _PIECE:
        cut = text.rfind("。", 0, _PIECE) + 1 or _PIECE
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _paragraph(block: Paragraph, text: str) -> Flowable:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Text

    size = {"title": 16, "heading": 12}.get(block.kind, 10.5)
    style = ParagraphStyle(
        block.kind,
        fontName=_FONT,
        fontSize=size,
        leading=size * 1.6,
        wordWrap="CJK",
        alignment=TA_CENTER if block.kind in ("agency", "title") else TA_RIGHT if block.kind == "signature" else 0,
        spaceBefore=6 if block.kind == "heading" else 0,
    )
    return Text(escape(text), style)


def _table(grid: Grid) -> Flowable:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Text
    from reportlab.platypus import Table

    style = ParagraphStyle("cell", fontName=_FONT, fontSize=8, leading=10, wordWrap="CJK", alignment=TA_CENTER)
    cells: list[list[Text | str]] = [[""] * grid.width for _ in grid.rows]
    # reportlab's style commands are loosely typed tuples (name, start, end, arguments …).
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), _FONT),
    ]
    for row, column, span in positions(grid.rows):
        cells[row][column] = Text(escape(span.text), style) if span.text else ""
        if span.rows > 1 or span.columns > 1:
            commands.append(("SPAN", (column, row), (column + span.columns - 1, row + span.rows - 1)))
    labels = _LABEL_WIDTHS.get(grid.label_columns, [])
    rest = (_WIDTH - sum(labels)) / (grid.width - len(labels))
    return Table(cells, colWidths=[*labels, *[rest] * (grid.width - len(labels))], style=commands)
