"""Scanned PDFs through tesseract OCR: a real report scanned as a scanner does, read mostly
cell-exact with every cell marked as OCR'd; one line (exit 2) when OCR is missing or fails."""

from __future__ import annotations

import stat
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from PIL import Image, ImageDraw

from giocheck.api import check
from giocheck.cli import main
from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.extract import extract_report
from giocheck.model import AnnualReport
from giocheck.readers import ocr, read_document
from giocheck.readers.ocr import Rule, Word, cell_texts, fragment_texts, parse_tsv, without_rules
from tests.conftest import DATA
from tests.support import expected_values, values

# 淮安市人民政府 2024 (tests/data/huaian-city-government-2024.pdf), pages 1, 3, 4 and 5 (title,
# T2, T3, T4) rasterised at 300 dpi in black and white as an image-only PDF (CCITT G4, as
# scanners save); pages 2 and 6 (prose only) were left out. tests/data/converted/README.md.
SCAN = DATA / "converted" / "huaian-city-government-2024-scanned.pdf"
EXPECTED = DATA / "huaian-city-government-2024.pypdf.expected.json"
# Measured with tesseract 5.3 (Debian 12) and chi_sim: 194 of the 200 cells exact.
LEAST_EXACT = 190

needs_tesseract = pytest.mark.skipif(
    ocr.tesseract_program() is None,
    reason="tesseract with chi_sim is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim",
)


@pytest.fixture(scope="module")
def scanned_document() -> Document:
    """The scan read once for the module: OCR of four pages takes some seconds."""
    return read_document(SCAN)


@pytest.fixture
def scanned(scanned_document: Document, monkeypatch: pytest.MonkeyPatch) -> AnnualReport:
    """The scan's report; the CLI, when a test runs it, reuses the module's OCR."""
    monkeypatch.setattr(ocr, "read_scanned", lambda data, source: attrs.evolve(scanned_document, source=source))
    return extract_report(scanned_document)


def _cells(report: AnnualReport) -> list[tuple[str, str, int, object]]:
    found: list[tuple[str, str, int, object]] = []
    for key, rows in values(report).items():
        for row, cells in rows.items():
            found.extend((key, row, index, value) for index, value in enumerate(cells))
    return found


@needs_tesseract
def test_a_scanned_report_is_read_mostly_cell_exact(scanned: AnnualReport) -> None:
    assert scanned.problems == []
    assert scanned.metadata.agency == "淮安市人民政府" and scanned.metadata.year == 2024
    assert scanned.metadata.format == "2021" and scanned.metadata.read_by == "ocr"
    expected = expected_values(EXPECTED)
    read = {(table, row, index): value for table, row, index, value in _cells(scanned)}
    wanted = {
        (table, row, index): value
        for table, rows in expected.items()
        for row, cells in rows.items()
        for index, value in enumerate(cells)
    }
    exact = sum(1 for where, value in wanted.items() if read.get(where) == value)
    assert len(wanted) == 200 and exact >= LEAST_EXACT
    fee = scanned.cell("T2", "FEES", "AMOUNT")
    assert fee is not None and fee.value == Decimal("96171.6")


@needs_tesseract
def test_every_cell_read_by_ocr_says_so(scanned: AnnualReport) -> None:
    cells = [cell for table in scanned.tables.values() for row in table.rows.values() for cell in row.cells.values()]
    assert len(cells) == 200
    assert all(cell.location is not None and cell.location.read_by == "ocr" for cell in cells)
    located = scanned.cell("T3", "NEW", "TOT")
    assert located is not None and located.location is not None
    assert "OCR 识别" in located.location.describe() and "OCR" in located.location.describe("en")


@needs_tesseract
def test_misread_cells_break_relations_and_the_file_says_it_was_ocrd(
    scanned: AnnualReport, capsys: pytest.CaptureFixture[str]
) -> None:
    # OCR misreads some T4 digits: the sums that no longer hold are error findings on OCR'd cells.
    result = check(scanned)
    failing = [f for f in result.failures if f.severity == "error"]
    assert any(f.rule.startswith("T4_SUM") for f in failing)
    assert all(view.location is not None and view.location.read_by == "ocr" for f in failing for view in f.lhs)
    main(["check", str(SCAN)])
    # The file's status line, before the run's hint (giocheck explain) and summary.
    status = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{SCAN}: ●"))
    assert "OCR 识别" in status
    assert main(["show", "--json", str(SCAN)]) == 0
    assert '"read_by": "ocr"' in capsys.readouterr().out


def _fake_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: str, work: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "tesseract"
    program.write_text(
        f'#!/bin/sh\nif [ "$1" = --list-langs ]; then printf "List of languages:\\n{languages}\\n"; exit 0; fi\n{work}\n',
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))


@pytest.mark.parametrize("languages", [None, "eng\\nosd"])
def test_without_tesseract_or_chinese_a_scan_gets_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], languages: str | None
) -> None:
    if languages is None:
        monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    else:
        _fake_tesseract(tmp_path, monkeypatch, languages, "exit 1")
    with pytest.raises(ReadError) as raised:
        read_document(SCAN)
    line = str(raised.value)
    assert line.startswith(f"{SCAN}: ") and "\n" not in line
    assert "没有文字层" in line and "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in line
    assert "OCR" in raised.value.message("en")
    assert main(["check", str(SCAN)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_failing_and_hanging_ocr_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tesseract(tmp_path, monkeypatch, "chi_sim", "echo 'Error opening data file' >&2; exit 1")
    with pytest.raises(ReadError, match="OCR 识别第 1 页失败（Error opening data file）"):
        read_document(SCAN)
    (tmp_path / "bin" / "tesseract").unlink()
    (tmp_path / "bin").rmdir()
    _fake_tesseract(tmp_path, monkeypatch, "chi_sim", "exec /bin/sleep 60")
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT_SECONDS", 1)
    with pytest.raises(ReadError, match="超过 1 秒") as raised:
        read_document(SCAN)
    assert "\n" not in str(raised.value)


def test_too_many_pages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_program", lambda: "/bin/false")
    monkeypatch.setattr(ocr, "MAX_PAGES", 3)
    with pytest.raises(ReadError, match="共 4 页，超过 OCR 识别的上限 3 页"):
        read_document(SCAN)


def test_ruling_lines_are_painted_out_and_characters_kept() -> None:
    image = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(10, 100), (590, 100)], fill=0, width=3)  # a table border
    draw.line([(300, 10), (300, 390)], fill=0, width=2)
    draw.rectangle([(50, 200), (90, 240)], fill=0)  # a stroke-sized blot, as a character
    draw.line([(450, 10), (450, 390)], fill=200, width=1)  # a scan's faint, anti-aliased border
    cleaned, rules = without_rules(image)
    assert cleaned.getpixel((200, 100)) == 255 and cleaned.getpixel((300, 300)) == 255
    assert cleaned.getpixel((450, 300)) == 255
    assert cleaned.getpixel((70, 220)) == 0
    # Where the vertical borders stood (each pixel column of them), from top to bottom.
    assert {rule.x for rule in rules} == {300, 301, 450}
    assert all(rule.top <= 20 and rule.bottom >= 380 for rule in rules)


def test_tsv_words_become_fragments_at_wide_gaps() -> None:
    tsv = "\n".join(
        [
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2000\t3000\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t50\t40\t40\t96\t行政",
            "5\t1\t1\t1\t1\t2\t145\t50\t40\t40\t95\t处罚",
            "5\t1\t1\t1\t1\t3\t900\t50\t30\t40\t80\t39837S8",
            "5\t1\t1\t1\t2\t1\t100\t120\t40\t40\t96\t｜",
            "5\t1\t1\t1\t3\t1\t100\t190\t40\t40\t96\t规章",
            "5\t1\t1\t1\t3\t2\t600\t190\t10\t40\t60\t]",
            "5\t1\t1\t1\t3\t3\t900\t190\t20\t40\t90\t0",
        ]
    )
    lines = parse_tsv(tsv)
    assert [[word.text for word in line] for line in lines] == [["行政", "处罚", "39837S8"], ["规章", "]", "0"]]
    assert fragment_texts(lines[0]) == ["行政处罚", "39837S8"]
    assert cell_texts(fragment_texts(lines[0])) == ["行政处罚", "3983758"]
    assert cell_texts(fragment_texts(lines[1])) == ["规章", "1", "0"]
    assert cell_texts(["|", "一、总体情况"]) == ["一、总体情况"]  # a border's remains, no number
    assert cell_texts(["Ilo", "一、总体情况"]) == ["Ilo", "一、总体情况"]  # letters on a line without numbers stay
    assert fragment_texts([Word("7", 900, 0, 20, 40), Word("2", 925, 0, 20, 40)]) == ["72"]
    # Digits of neighbouring narrow cells: close together, but a border stood between their centres.
    border = Rule(x=922, top=0, bottom=100)
    assert fragment_texts([Word("7", 900, 0, 20, 40), Word("2", 918, 0, 20, 40)], [border]) == ["7", "2"]
    assert fragment_texts([Word("7", 900, 0, 20, 40), Word("2", 918, 0, 20, 40)], [Rule(922, 60, 100)]) == ["72"]


def test_large_pages_are_rendered_smaller(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2  # type: ignore[import-untyped]

    monkeypatch.setattr(ocr, "MAX_PIXELS", 1_000_000)
    pdf = pypdfium2.PdfDocument(SCAN.read_bytes())
    try:
        width, height = ocr.page_image(pdf[0]).size
    finally:
        pdf.close()
    assert width * height <= 1_000_000 and width > 500
