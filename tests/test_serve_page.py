"""The `giocheck serve` page in a real headless Chromium: pick the bundled sample, read the
verdict, the warning and the grids, with no console error; a screenshot is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from tests.browser import console_errors
from tests.serving import SAMPLE, running_server


def test_the_page_checks_the_bundled_sample(chromium: Any, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with running_server("--workers", "1") as served:
        chromium.get(f"{served.base}/")
        assert "政府信息公开工作年度报告检查" in chromium.title
        chromium.find_element(By.ID, "file").send_keys(str(SAMPLE))
        WebDriverWait(chromium, 60).until(lambda driver: driver.find_element(By.ID, "result").is_displayed())
        verdict = chromium.find_element(By.ID, "verdict").text
        # The sample's warnings: 109 ≠ 18 + 75 + 6, a row label and a column header printed unlike the format's.
        assert "无错误" in verdict and "警告 3 条" in verdict and "渠县信访局" in verdict
        warnings = [li.text for li in chromium.find_elements(By.CSS_SELECTOR, "#findings li.warning")]
        (finding,) = [text for text in warnings if "N_TOTAL_BREAKDOWN" in text]
        assert "总数写 109" in finding and "18 + 75 + 6" in finding
        assert "依据" in finding and "N_TOTAL_BREAKDOWN" in finding
        tables = chromium.find_elements(By.CSS_SELECTOR, "#grids table.grid")
        assert [t.get_attribute("data-table") for t in tables] == ["T2", "T3", "T4"]
        assert chromium.find_elements(By.CSS_SELECTOR, 'td[data-ref="T3.NEW.TOT"]')
        buttons = [b.get_attribute("data-format") for b in chromium.find_elements(By.CSS_SELECTOR, "#downloads button")]
        assert "json" in buttons
        shot = screenshots / "serve-page-sample.png"
        assert chromium.save_screenshot(str(shot)) and shot.stat().st_size > 0
        assert console_errors(chromium) == []


def test_the_page_marks_failing_cells_and_says_why_a_file_is_refused(
    chromium: Any, screenshots: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    t4 = next(i for i, line in enumerate(lines) if line.split("\t") == ["0"] * 15)
    lines[t4] = "\t".join(["1"] + ["0"] * 14)
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 not a document")
    with running_server("--workers", "1") as served:
        chromium.get(f"{served.base}/")
        chromium.find_element(By.ID, "file").send_keys(str(broken))
        WebDriverWait(chromium, 60).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "td.fail-error"))
        marked = {c.get_attribute("data-ref") for c in chromium.find_elements(By.CSS_SELECTOR, "td.fail-error")}
        assert "T4.DATA.RV_KEEP" in marked and "T4.DATA.RV_TOT" in marked
        assert "有错误" in chromium.find_element(By.ID, "verdict").text
        chromium.execute_script("document.querySelector('table[data-table=T4]').scrollIntoView()")
        chromium.save_screenshot(str(screenshots / "serve-page-failing-cells.png"))
        chromium.find_element(By.ID, "file").send_keys(str(corrupt))
        WebDriverWait(chromium, 60).until(lambda driver: "请求编号" in driver.find_element(By.ID, "status").text)
        status = chromium.find_element(By.ID, "status").text
        assert status.startswith("corrupt.docx: ") and "\n" not in status
        errors = console_errors(chromium)
        # The refused upload's 422 is logged by Chromium as a failed resource load; nothing else may be.
        assert all("422" in message for message in errors), errors
