"""Writers: every writer's output reads back through the matching reader to the same cells."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings

from giocheck.api import load
from giocheck.cli import main
from giocheck.model import AnnualReport
from giocheck.strategies import reports
from giocheck.writers.docx import write_docx
from giocheck.writers.html import write_html
from giocheck.writers.pdf import write_pdf
from tests.conftest import DATA, QU
from tests.support import values

HUAIAN_PDF = DATA / "huaian-city-government-2024.pdf"
Writer = Callable[[AnnualReport], bytes]
WRITERS: dict[str, Writer] = {
    ".html": lambda report: write_html(report).encode("utf-8"),
    ".docx": write_docx,
    ".pdf": write_pdf,
}


def _round_trip(report: AnnualReport, suffix: str, folder: Path) -> AnnualReport:
    path = folder / f"report{suffix}"
    path.write_bytes(WRITERS[suffix](report))
    return load(path)


def _same(back: AnnualReport, report: AnnualReport) -> None:
    assert back.problems == []
    assert back.metadata.model_dump(include={"agency", "year", "format"}) == report.metadata.model_dump(
        include={"agency", "year", "format"}
    )
    assert values(back) == values(report)
    assert [s.key for s in back.sections] == [s.key for s in report.sections]


@pytest.mark.parametrize("suffix", WRITERS)
@pytest.mark.parametrize("sample", [QU, HUAIAN_PDF], ids=["qu", "huaian"])
def test_the_samples_render_and_read_back_cell_exact(tmp_path: Path, suffix: str, sample: Path) -> None:
    report = load(sample)
    _same(_round_trip(report, suffix, tmp_path), report)


def _property(suffix: str, report: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> None:
    _same(_round_trip(report, suffix, tmp_path_factory.mktemp("round")), report)


@settings(max_examples=40)
@given(reports(blanks=True))
def test_html_round_trip(tmp_path_factory: pytest.TempPathFactory, report: AnnualReport) -> None:
    _property(".html", report, tmp_path_factory)


@settings(max_examples=15)
@given(reports(blanks=True))
def test_docx_round_trip(tmp_path_factory: pytest.TempPathFactory, report: AnnualReport) -> None:
    _property(".docx", report, tmp_path_factory)


@settings(max_examples=12)
@given(reports(blanks=True))
def test_pdf_round_trip(tmp_path_factory: pytest.TempPathFactory, report: AnnualReport) -> None:
    _property(".pdf", report, tmp_path_factory)


def test_blank_cells_stay_blank_never_zero(tmp_path: Path) -> None:
    report = load(QU)
    t4 = report.tables["T4"]
    row = t4.rows["DATA"]
    cells = {**row.cells, "RV_KEEP": row.cells["RV_KEEP"].model_copy(update={"value": None, "raw": ""})}
    cells["RV_CORR"] = row.cells["RV_CORR"].model_copy(update={"value": None, "raw": "/"})
    tables = {**report.tables, "T4": t4.model_copy(update={"rows": {"DATA": row.model_copy(update={"cells": cells})}})}
    report = report.model_copy(update={"tables": tables})
    for suffix in WRITERS:
        back = _round_trip(report, suffix, tmp_path)
        keep, corrected = back.cell("T4", "DATA", "RV_KEEP"), back.cell("T4", "DATA", "RV_CORR")
        assert keep is not None and (keep.value, keep.raw) == (None, "")
        assert corrected is not None and (corrected.value, corrected.raw) == (None, "/")


def _render(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["render", *argv])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf", ".txt", ".json", ".yaml"])
def test_render_writes_the_kind_the_suffix_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    output = tmp_path / f"report{suffix}"
    code, err = _render(capsys, str(HUAIAN_PDF), "-o", str(output))
    assert (code, err) == (0, "")
    assert values(load(output)) == values(load(HUAIAN_PDF))


@pytest.mark.parametrize("link", ["spelling", "hard link", "symbolic link", "linked folder"])
def test_render_never_overwrites_its_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, link: str) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(QU.read_bytes())
    output = tmp_path / "." / "report.txt"
    if link == "hard link":
        output = tmp_path / "copy.txt"
        os.link(source, output)
    elif link == "symbolic link":
        output = tmp_path / "copy.txt"
        output.symlink_to(source)
    elif link == "linked folder":
        (tmp_path / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
        output = tmp_path / "elsewhere" / "report.txt"
    code, err = _render(capsys, str(source), "-o", str(output))
    assert code == 2 and "不会覆盖" in err and err.count("\n") == 1
    assert source.read_bytes() == QU.read_bytes()


@pytest.mark.parametrize(
    ("make", "output", "message"),
    [
        (lambda folder: folder / "missing.json", "out.docx", "不是文件"),
        (lambda folder: QU, "out.odt", "后缀"),
        (lambda folder: folder / "junk.txt", "out.html", "不是政府信息公开工作年度报告"),
    ],
)
def test_render_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Callable[[Path], Path], output: str, message: str
) -> None:
    (tmp_path / "junk.txt").write_text("hello\n", encoding="utf-8")
    code, err = _render(capsys, str(make(tmp_path)), "-o", str(tmp_path / output))
    assert code == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / output).exists()


def test_render_refuses_a_half_read_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(QU.read_text(encoding="utf-8").replace("行政许可", "某某事项"), encoding="utf-8")
    code, err = _render(capsys, str(broken), "-o", str(tmp_path / "out.html"))
    assert code == 2 and "未能完整读取" in err
    assert not (tmp_path / "out.html").exists()


def test_data_written_from_a_report_carries_no_locations_of_the_old_file(tmp_path: Path) -> None:
    from giocheck import check, load
    from giocheck.writers.output import render_file
    from tests.conftest import HUAIAN

    broken = tmp_path / "broken.txt"
    broken.write_text(
        HUAIAN.read_text(encoding="utf-8").replace("（七）总计 2932", "（七）总计 2933"), encoding="utf-8"
    )
    data = tmp_path / "broken.json"
    render_file(load(broken), broken, data)
    assert '"location"' not in data.read_text(encoding="utf-8")
    result = check(data)
    assert result.errors
    assert all(cell.location is None for finding in result.errors for cell in finding.cells)


def test_a_very_long_paragraph_renders_to_pdf_in_time_and_whole(tmp_path: Path) -> None:
    # reportlab's CJK line breaking is quadratic in a paragraph's length: 150,000 characters took
    # 40 s; the writer sets a long text as paragraphs of at most 1,000 characters.
    lines = QU.read_text(encoding="utf-8").splitlines()
    at = next(number for number, line in enumerate(lines) if "一、总体情况" in line)
    lines.insert(at + 1, "长" * 60_000)
    source = tmp_path / "long.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    data = write_pdf(load(source))
    assert time.perf_counter() - started < 30
    from giocheck.readers.pdf import read_pdf

    text = "".join(fragment.text for line in read_pdf(data, "long.pdf").lines for fragment in line.fragments)
    assert text.count("长") == 60_000
