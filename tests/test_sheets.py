"""`check --format xlsx -o FILE` and `--format csv` from the command line; the workbook read back
with openpyxl and converted by LibreOffice headless (a stand-in for Excel and WPS)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from giocheck.render.office import agency_rows
from giocheck.render.sheets import xlsx_bytes
from tests.ci_support import broken_copy, clean_copy, run
from tests.office_support import city_export


def _folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    clean_copy(reports, "qu.txt")
    broken_copy(reports, "huaian.txt")
    (reports / "empty.txt").write_text("", encoding="utf-8")
    return reports


def test_the_cli_writes_a_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    reports = _folder(tmp_path)
    out = tmp_path / "results.xlsx"
    code, printed, err = run(capsys, "check", str(reports), "--format", "xlsx", "-o", str(out), "-j", "1")
    assert code == 2 and printed == "" and err == ""
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单", "无法读取"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    # Worst first: the file that could not be read, then the report with errors.
    assert summary[1][:3] == (str(reports / "empty.txt"), None, "无法读取")
    assert summary[2][:5] == ("淮安市人民政府", 2024, "有错误", 3, 0)
    assert {row[0] for row in summary[1:]} == {"淮安市人民政府", "渠县信访局", str(reports / "empty.txt")}
    rules = {row[3] for row in book["问题清单"].iter_rows(min_row=2, values_only=True)}
    assert rules == {"T3_BALANCE", "T3_RESULT_SUM", "T3_ROW_TOTAL"}
    assert [row[0] for row in book["无法读取"].iter_rows(min_row=2, values_only=True)] == [str(reports / "empty.txt")]
    assert book.properties.creator.startswith("giocheck ")


def test_the_cli_writes_csv_to_standard_output_or_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    reports = _folder(tmp_path)
    code, printed, _ = run(capsys, "check", str(reports), "--format", "csv", "-j", "1")
    rows = list(csv.reader(printed.lstrip("\ufeff").splitlines()))
    assert code == 2 and rows[0][3] == "规则" and len(rows) == 1 + 3 + 1
    out = tmp_path / "results.csv"
    run(capsys, "check", str(reports), "--format", "csv", "-o", str(out), "-j", "1", "--lang", "en")
    assert out.read_bytes().startswith(b"\xef\xbb\xbffile,agency,year,rule")


def test_statistics_and_summary_refuse_the_file_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(_folder(tmp_path)), "--format", "xlsx", "--statistics")
    assert code == 2 and "--statistics" in err
    code, _, err = run(capsys, "check", str(tmp_path), "--format", "html", "--summary")
    assert code == 2 and "--summary" in err


def test_a_file_that_cannot_be_written_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "check", str(_folder(tmp_path)), "--format", "xlsx", "-o", str(tmp_path / "no" / "x.xlsx")
    )
    assert code == 2 and err.count("\n") == 1 and "x.xlsx" in err


def _soffice(source: Path, folder: Path, target: str) -> subprocess.CompletedProcess[bytes]:
    profile = folder / "profile"
    return subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(folder / "out"), str(source)],
        check=False, capture_output=True, timeout=180,
    )  # fmt: skip


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed: tests/setup-system.sh"
)
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    control = tmp_path / "control.csv"
    control.write_text("a,b\n1,2\n", encoding="utf-8")
    if not (_soffice(control, tmp_path, "xlsx") and (tmp_path / "out" / "control.xlsx").exists()):
        pytest.skip("LibreOffice Calc not installed (libreoffice-calc-nogui: tests/setup-system.sh)")
    export = city_export(12)
    book = tmp_path / "results.xlsx"
    book.write_bytes(xlsx_bytes(export))
    # UTF-8 (76), comma-separated: the first sheet, 汇总.
    done = _soffice(book, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    converted = tmp_path / "out" / "results.csv"
    assert converted.exists(), done.stderr.decode(errors="replace")
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:5] == ["机关", "年度", "状态", "错误", "警告"]
    assert {row[0] for row in rows[1:]} == {row.agency for row in agency_rows(export.outcomes)}
    errors = {row[0]: int(row[3]) for row in rows[1:]}
    assert errors == {row.agency: row.errors for row in agency_rows(export.outcomes) if row.agency in errors}
