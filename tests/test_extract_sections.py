"""The parts' text as extraction keeps it: prose, without the page furniture between pages."""

from __future__ import annotations

from giocheck.writers.text import write_text
from tests.support import read


def test_page_footers_are_no_part_of_a_sections_text(qu_text: str) -> None:
    anchor = "（五）监督保障。"
    paged = qu_text.replace(anchor, "- 2 -\n第 3 页 共 9 页\n4/9\n——————\n" + anchor)
    report = read(paged)
    overview = report.section("OVERVIEW")
    assert overview is not None and anchor in overview.text
    for noise in ("- 2 -", "第 3 页", "4/9", "——————"):
        assert noise not in overview.text
        assert noise not in write_text(report)  # so `giocheck render` writes no footer paragraphs
    unpaged = read(qu_text).section("OVERVIEW")
    assert unpaged is not None and overview.text == unpaged.text
