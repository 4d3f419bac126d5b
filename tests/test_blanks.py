"""The table kind `filled` (`giocheck/engine/blanks.py`): blank or "/" cells are findings."""

from __future__ import annotations

from giocheck import check
from giocheck.engine.findings import CellRef
from giocheck.engine.kinds import table_cell_label
from giocheck.formats import formats
from tests.support import read

_CARRY_IN = "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34"


def test_a_row_with_slashes_is_a_warning_naming_its_cells(huaian_text: str) -> None:
    result = check(read(huaian_text.replace(_CARRY_IN, "二、上年结转政府信息公开申请数量 34 / / / / / 34")))
    (blank,) = [f for f in result.failures if f.rule == "T3_BLANK"]
    assert blank.severity == "warning" and blank.scope == "T3.CARRY_IN"
    first = table_cell_label(formats()["2021"].table("T3"), CellRef("T3", "CARRY_IN", "BE"))
    assert blank.message_zh.startswith(first) and "等 5 栏" in blank.message_zh and "填 0" in blank.message_zh
    assert [v.ref.column for v in blank.lhs] == ["BE", "RI", "SW", "LS", "OT"]
    # Filled in with 0, nothing is said.
    assert not [f for f in check(read(huaian_text)).findings if f.rule.endswith("_BLANK")]


def test_a_blank_review_cell_is_a_warning(qu_text: str) -> None:
    row = next(line for line in qu_text.splitlines() if line.startswith("0\t0\t0\t0\t0"))
    edited = qu_text.replace(row, "/" + row[1:], 1)
    assert [(f.rule, f.severity) for f in check(read(edited)).failures if f.rule.endswith("_BLANK")] == [
        ("T4_BLANK", "warning")
    ]


def test_rules_left_blank_is_info_for_an_agency_that_makes_none(qu_text: str, huaian_text: str) -> None:
    county = check(read(qu_text.replace("规章\t0\t0\t0", "规章\t/\t/\t/"))).findings
    assert [(f.rule, f.severity) for f in county if f.rule == "T2_BLANK"] == [("T2_BLANK", "info")]
    city = check(read(huaian_text.replace("规章 1 0 11", "规章 1 / 11"))).findings
    assert [(f.rule, f.severity) for f in city if f.rule == "T2_BLANK"] == [("T2_BLANK", "warning")]
