"""`check --format html`: one self-contained page, opened in headless Chromium (tests/browser.py):
no console errors, charts drawn, failing cells highlighted, a screenshot saved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from giocheck.render.html import html_text
from tests.browser import console_errors
from tests.ci_support import broken_copy, clean_copy, run
from tests.office_support import city_export


def test_the_cli_writes_one_self_contained_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    clean_copy(reports, "qu.txt")
    broken_copy(reports, "huaian.txt")
    page = tmp_path / "report.html"
    code, out, _ = run(capsys, "check", str(reports), "--format", "html", "-o", str(page), "-j", "1")
    assert code == 1 and out == ""
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and not re.search(r"(?:src|href)=\"(?!data:)", text)  # nothing fetched
    assert text.index("政府信息公开工作年度报告检查结果") < text.index("淮安市人民政府")
    assert 'data-cell="T3.R_TOTAL.TOT"' in text
    code, out, _ = run(capsys, "check", str(reports), "--format", "html", "--lang", "en", "-j", "1")
    assert "Failure rate per rule" in out


def test_the_page_renders_in_chromium(chromium: Any, screenshots: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html_text(city_export(8)), encoding="utf-8")
    chromium.get(page.as_uri())
    assert console_errors(chromium) == []
    assert chromium.title == "政府信息公开工作年度报告检查结果"
    for chart in ("bars", "heat"):
        svg = chromium.find_element("css selector", f"svg.{chart}")
        assert svg.size["width"] > 100 and svg.size["height"] > 20
        drawn = chromium.execute_script(
            "return Array.from(arguments[0].querySelectorAll('rect')).filter(r => {"
            " const b = r.getBBox(); return b.width > 0 && b.height > 0; }).length",
            svg,
        )
        assert drawn > 0
    failing = chromium.find_elements("css selector", "td.fail")
    assert failing and all(
        cell.value_of_css_property("background-color") == "rgba(255, 205, 210, 1)" for cell in failing
    )
    chromium.set_window_size(1280, 1600)
    shot = screenshots / "office-html-report.png"
    assert chromium.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    # The first agency with a failing cell: its T3 grid and the messages beside it.
    chromium.execute_script("arguments[0].closest('.agency').scrollIntoView()", failing[0])
    grid = screenshots / "office-html-report-grid.png"
    assert chromium.save_screenshot(str(grid)) and grid.stat().st_size > 10_000
