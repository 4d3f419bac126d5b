"""A page crawled with its tags stripped, run together on one line (giocheck/extract/reflow.py)."""

from __future__ import annotations

import pytest

from giocheck.api import load
from giocheck.document import Fragment, Line
from giocheck.extract.reflow import reflow
from giocheck.model import Location
from tests.conftest import DATA
from tests.support import expected_values, values

PINGTAN = DATA / "real"


def _line(text: str) -> Line:
    where = Location(line=1)
    return Line((Fragment(text, where),), where)


def test_a_short_line_is_left_as_it_is() -> None:
    line = _line("一、总体情况 二、主动公开政府信息情况")
    assert reflow([line]) == (line,)


def test_a_run_together_page_is_cut_at_its_headings_and_tables() -> None:
    prose = "本机关认真贯彻落实条例。" * 30
    page = (
        f"某局2024年政府信息公开工作年度报告一、总体情况{prose}二、主动公开政府信息情况第二十条第（一）项信息内容"
        f"规章000三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为…）一、本年新收政府信息公开申请数量1000001"
        f"四、政府信息公开行政法复议、行政诉讼情况行政复议 0 0 五、存在的主要问题及改进情况{prose}"
    )
    texts = [line.text for line in reflow([_line(page)])]
    assert "一、总体情况" in texts and "二、主动公开政府信息情况" in texts
    assert "三、收到和处理政府信息公开申请情况" in texts and "五、存在的主要问题及改进情况" in texts
    assert any(text.startswith("第二十条第（一）项") for text in texts)
    assert any(text.startswith("一、本年新收政府信息公开申请数量1000001") for text in texts)
    # A heading with a word changed is still where a part starts.
    assert any(text.startswith("四、政府信息公开行政法复议") for text in texts)


@pytest.mark.parametrize("year", [2022, 2024, 2025])
def test_crawled_pages_read_their_tables_three_and_four_exactly(year: int) -> None:
    path = PINGTAN / f"fujian-pingtan-zone-{year}.txt"
    report = load(path)
    expected = expected_values(path.with_name(f"fujian-pingtan-zone-{year}.expected.json"))
    got = values(report)
    assert got["T3"] == expected["T3"] and got["T4"] == expected["T4"]
    # Table two has no relation to cut its digits by: said ambiguous, never guessed.
    assert {problem.table for problem in report.problems} <= {"T2"}
