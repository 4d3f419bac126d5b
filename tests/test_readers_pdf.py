"""The PDF reader: real and office-suite PDFs cell-exact, blanks in place, rows split by a page end,
split and unruled tables, bad PDFs in one line and nothing on stderr."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from giocheck.api import check, load
from giocheck.document import Line
from giocheck.errors import ReadError
from giocheck.readers import read_document
from giocheck.readers.pdf import read_pdf
from giocheck.writers.layout import Grid, Paragraph, blocks, positions
from giocheck.writers.pdf import write_pdf
from tests.conftest import DATA, QU
from tests.support import expected_values, values

HUAIAN_PDF = DATA / "huaian-city-government-2024.pdf"
OFFICE = DATA / "pdf"  # real reports exported to PDF by LibreOffice Writer (see its README)
REAL = DATA / "real"
SHANGHAI_PDF = OFFICE / "shanghai-city-government-office-2019.writer.pdf"
ROW_SPLIT_PDF = OFFICE / "test-city-government-2025.row-across-pages.pdf"
LABEL_SPLIT_PDF = OFFICE / "test-city-government-2025.group-label-across-pages.pdf"


def test_the_real_huaian_pdf_reads_cell_exact() -> None:
    report = load(HUAIAN_PDF)
    assert report.problems == []
    assert (report.metadata.agency, report.metadata.year, report.metadata.format) == ("淮安市人民政府", 2024, "2021")
    assert values(report) == expected_values(DATA / "huaian-city-government-2024.pypdf.expected.json")


def test_vertical_labels_and_the_page_break_inside_table_3() -> None:
    report = load(HUAIAN_PDF)
    grant = report.tables["T3"].rows["R_GRANT"]
    assert grant.source == "label"
    pages = {c.location.page for r in report.tables["T3"].rows.values() for c in r.cells.values() if c.location}
    assert pages == {4, 5}  # the table runs over a page break with a `- 5 -` footer
    cell = report.cell("T3", "R_UNABLE_2", "TOT")
    assert cell is not None and cell.value == 11 and cell.location is not None and cell.location.page == 5


@pytest.mark.parametrize("prose_lines", [8, 41])
def test_a_rendered_table_split_over_two_pages_reads_back(tmp_path: Path, prose_lines: int) -> None:
    report = load(QU)
    prose = report.sections[2].model_copy(update={"text": "依申请公开工作情况。\n" * prose_lines})
    report = report.model_copy(update={"sections": [*report.sections[:2], prose, *report.sections[3:]]})
    path = tmp_path / "split.pdf"
    path.write_bytes(write_pdf(report))
    back = load(path)
    pages = {c.location.page for r in back.tables["T3"].rows.values() for c in r.cells.values() if c.location}
    assert len(pages) == 2  # the `- N -` footer sits between the two parts
    assert back.problems == []
    assert values(back) == values(report)


def _cid_canvas(buffer: io.BytesIO, **options: object) -> Canvas:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(buffer, pagesize=A4, **options)  # type: ignore[arg-type]
    canvas.setFont("STSong-Light", 6)
    return canvas


def test_a_table_without_ruling_lines(tmp_path: Path) -> None:
    """The official grids drawn without lines: words become cells by their position."""
    report = load(QU)
    buffer = io.BytesIO()
    canvas = _cid_canvas(buffer)
    y = 800.0
    for block in blocks(report):
        rows = [[(0, block.text[:60])]] if isinstance(block, Paragraph) else _unruled_rows(block)
        for row in rows:
            for x, text in row:
                canvas.drawString(30 + x, y, text)
            y -= 10
            if y < 40:
                canvas.showPage()
                canvas.setFont("STSong-Light", 6)
                y = 800.0
    canvas.save()
    path = tmp_path / "unruled.pdf"
    path.write_bytes(buffer.getvalue())
    back = load(path)
    assert back.problems == []
    assert values(back) == values(report)


def _unruled_rows(grid: Grid) -> list[list[tuple[float, str]]]:
    """Each span's text (wide labels cut, as a narrow column wraps them) at its column's x."""
    rows: list[list[tuple[float, str]]] = [[] for _ in grid.rows]
    for row, column, span in positions(grid.rows):
        if span.text:
            if grid.label_columns == 1:
                x, text = column * 110.0, span.text[:16]
            elif column < grid.label_columns:
                x, text = column * 60.0, span.text[:24] if column == 2 else span.text[:9]
            else:
                x, text = 150 + 44.0 * column, span.text[:7]
            rows[row].append((x, text))
    return rows


def _bad_pdf(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "corrupt":
        return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    canvas = (
        _cid_canvas(buffer, encrypt=StandardEncryption("secret", "owner"))
        if kind == "encrypted"
        else _cid_canvas(buffer)
    )
    if kind == "scan":
        canvas.rect(40, 400, 500, 300, fill=1)  # a picture of a page, no text
    else:
        canvas.drawString(40, 800, "2024年政府信息公开工作年度报告")
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "message"),
    [("scan", "没有文字层"), ("encrypted", "已加密"), ("corrupt", "已损坏")],
)
def test_bad_pdfs_get_one_line(tmp_path: Path, kind: str, message: str) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_bad_pdf(kind))
    with pytest.raises(ReadError) as raised:
        read_document(path)
    text = str(raised.value)
    assert message in text and str(path) in text and "\n" not in text
    assert raised.value.en and "OCR" in raised.value.message("en") if kind == "scan" else True


@pytest.mark.parametrize(
    ("pdf", "original"),
    [
        (SHANGHAI_PDF, "shanghai-city-government-office-2019"),
        (ROW_SPLIT_PDF, "test-city-government-2025"),
        (LABEL_SPLIT_PDF, "test-city-government-2025"),
    ],
    ids=["shanghai-2019", "row-across-pages", "group-label-across-pages"],
)
def test_office_suite_pdfs_read_cell_exact(pdf: Path, original: str) -> None:
    report = load(pdf)
    assert report.problems == []
    assert [note for note in report.notes if note.kind == "label"] == []  # a label split by a page is no misprint
    assert values(report) == expected_values(REAL / f"{original}.expected.json")


def test_an_office_pdf_gets_the_findings_of_its_original() -> None:
    """Same cells, blanks included, and the same prose: the same findings as the web page."""
    pdf, html = check(SHANGHAI_PDF), check(REAL / "shanghai-city-government-office-2019.html")
    assert {(f.rule, f.fingerprint) for f in pdf.findings} == {(f.rule, f.fingerprint) for f in html.findings}
    assert pdf.findings  # the page's own mistakes (blank 总计 cells) are found in the PDF too


def _table_line(lines: tuple[Line, ...], start: str) -> int:
    return next(
        i
        for i, line in enumerate(lines)
        if line.location.table and len(line.fragments) > 1 and line.fragments[1].text.startswith(start)
    )


def test_blank_cells_stay_in_their_columns() -> None:
    """Zeros printed as empty cells: each blank is a fragment of its own column, never skipped."""
    lines = read_document(SHANGHAI_PDF).lines
    new = next(line for line in lines if line.fragments[0].text == "一、本年新收政府信息公开申请数量")
    assert [(f.text, f.location.column) for f in new.fragments] == [
        ("一、本年新收政府信息公开申请数量", 1),
        ("821", 4),
        ("35", 5),
        ("", 6),
        ("", 7),
        ("2", 8),
        ("1", 9),
        ("859", 10),
    ]
    report = load(SHANGHAI_PDF)
    blank = report.cell("T3", "NEW", "RI")
    assert blank is not None and blank.value is None and blank.location is not None and blank.location.page == 5


@pytest.mark.parametrize(
    ("pdf", "foot", "top"),
    [
        (
            ROW_SPLIT_PDF,
            ["（六）其他处", "1.申请人无正当理由逾期不补正、行政机关不再处理其政"],
            ["理", "府信息公开申请"],
        ),
        (
            LABEL_SPLIT_PDF,
            ["（六", "1.申请人无正当理由"],
            ["）其他处理", "逾期不补正、行政机关不再处理其政府信息公开申请"],
        ),
    ],
    ids=["row-across-pages", "group-label-across-pages"],
)
def test_a_row_split_by_a_page_end_gives_two_lines_in_order(pdf: Path, foot: list[str], top: list[str]) -> None:
    """The part at the foot of page 2 with the numbers, the footer, then the rest at the top of page 3."""
    lines = read_document(pdf).lines
    first = _table_line(lines, foot[0])
    upper, footer, lower = lines[first], lines[first + 1], lines[first + 2]
    assert [f.text for f in upper.fragments[1:3]] == foot
    assert [f.text for f in upper.fragments[3:]] == ["315", "3", "0", "0", "0", "0", "318"]
    assert (footer.text, footer.location.page, footer.location.table) == ("- 2 -", 2, None)
    assert [f.text for f in lower.fragments[1:3]] == top
    assert [f.text for f in lower.fragments[3:]] == [""] * 7  # the continuation's number cells, blank
    assert [f.location.column for f in lower.fragments] == [f.location.column for f in upper.fragments]
    assert (upper.location.page, lower.location.page) == (2, 3)
    assert lower.location.table == (upper.location.table or 0) + 1 and lower.location.row == 1


@pytest.mark.parametrize("pdf", [HUAIAN_PDF, SHANGHAI_PDF, "scan", "encrypted", "corrupt"])
def test_nothing_on_stderr(tmp_path: Path, capfd: pytest.CaptureFixture[str], pdf: Path | str) -> None:
    """PDFium's own messages never reach the user: a bad PDF is one ReadError line, a good one silent."""
    if isinstance(pdf, str):
        path = tmp_path / "report.pdf"
        path.write_bytes(_bad_pdf(pdf))
        with pytest.raises(ReadError):
            read_document(path)
    else:
        read_document(pdf)
    assert capfd.readouterr().err == ""


_XS = [60.0, 200.0, 300.0, 400.0]
_YS = [700.0, 680.0, 660.0, 640.0]
_CELLS = [["信息内容", "本年制发件数", "现行有效件数"], ["规章", "", "11"], ["行政规范性文件", "8", ""]]


def _draw_table(canvas: Canvas, borders: str) -> None:
    """A small table of table 2's shape, its borders drawn the way one PDF maker or another does."""
    canvas.setFont("STSong-Light", 9)  # inside the form too: a form XObject carries its own font
    for row, texts in enumerate(_CELLS):
        for column, text in enumerate(texts):
            if text:
                canvas.drawString(_XS[column] + 3, _YS[row + 1] + 6, text)
    if borders == "thin filled rectangles":  # Word and WPS
        for y in _YS:
            canvas.rect(_XS[0], y - 0.25, _XS[-1] - _XS[0], 0.5, stroke=0, fill=1)
        for x in _XS:
            canvas.rect(x - 0.25, _YS[-1], 0.5, _YS[0] - _YS[-1], stroke=0, fill=1)
        return
    if borders == "white boxes":  # a layout grid nobody sees
        canvas.setStrokeColorRGB(1, 1, 1)
    for row in range(3):
        for column in range(3):
            width, height = _XS[column + 1] - _XS[column], _YS[row] - _YS[row + 1]
            canvas.rect(_XS[column], _YS[row + 1], width, height, stroke=1, fill=0)


@pytest.mark.parametrize("borders", ["thin filled rectangles", "stroked cell boxes", "white boxes"])
@pytest.mark.parametrize("in_form", [False, True], ids=["on the page", "in a moved form XObject"])
def test_ruling_lines_however_they_are_drawn(borders: str, in_form: bool) -> None:
    buffer = io.BytesIO()
    canvas = _cid_canvas(buffer)
    if in_form:
        canvas.beginForm("table")
        _draw_table(canvas, borders)
        canvas.endForm()
        canvas.translate(-20, -300)
        canvas.doForm("table")
    else:
        _draw_table(canvas, borders)
    canvas.save()
    lines = read_pdf(buffer.getvalue(), "table.pdf").lines
    cells = [[(f.text, f.location.column) for f in line.fragments] for line in lines]
    if borders == "white boxes":  # no table: words by position, blank cells simply absent
        assert [line.location.table for line in lines] == [None] * 3
        assert [[text for text, _column in row] for row in cells] == [[t for t in r if t] for r in _CELLS]
    else:
        assert cells == [[(text, column) for column, text in enumerate(row, start=1)] for row in _CELLS]
