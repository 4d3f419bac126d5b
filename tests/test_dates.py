"""Dates inside the report (`giocheck/engine/dates.py`, `giocheck/clock.py`) and which part
disagrees on the year (`stated_year` in `giocheck/engine/content.py`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from giocheck import check, check_many
from giocheck.clock import as_of, today
from giocheck.errors import UsageError
from giocheck.runner import check_paths
from tests.support import read


def _signed(qu_text: str, date_line: str) -> str:
    return qu_text + "\n\n渠县信访局\n" + date_line + "\n"


def _rules(text: str) -> list[tuple[str, str]]:
    # The Qu sample's own findings (its 109 ≠ 99 breakdown, its label wordings) are not about dates.
    return [
        (f.rule, f.severity)
        for f in check(read(text)).failures
        if f.rule not in {"N_TOTAL_BREAKDOWN", "F_LABEL_WORDING"}
    ]


def test_a_department_signing_in_march_is_late_without_a_publication_date(qu_text: str) -> None:
    result = check(read(_signed(qu_text, "2026年3月5日")))
    (late,) = [f for f in result.failures if f.rule == "Y_DEADLINE"]
    assert "2026-01-31" in late.message_zh and "落款" in late.message_zh
    assert _rules(_signed(qu_text, "2026年1月20日")) == []


def test_signed_before_the_year_ends_is_wrong(qu_text: str) -> None:
    assert _rules(_signed(qu_text, "2025年11月5日")) == [("Y_SIGNED_DATE", "error")]
    assert _rules(_signed(qu_text, "2025年12月31日")) == []


def test_a_year_not_yet_ended_against_the_clock(qu_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIOCHECK_TODAY", "2025-12-01")
    (found,) = [f for f in check(read(qu_text)).failures if f.rule == "Y_YEAR_ENDED"]
    assert "2025-12-01" in found.message_zh
    monkeypatch.setenv("GIOCHECK_TODAY", "2026-01-01")
    assert not [f for f in check(read(qu_text)).failures if f.rule == "Y_YEAR_ENDED"]


def test_a_given_today_is_used_instead_of_the_clock(
    qu_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The API's `today` wins over GIOCHECK_TODAY and the machine's date, and holds only for that check.
    monkeypatch.setenv("GIOCHECK_TODAY", "2027-01-01")
    (found,) = [f for f in check(read(qu_text), today=date(2025, 6, 30)).failures if f.rule == "Y_YEAR_ENDED"]
    assert "2025-06-30" in found.message_zh
    assert today() == date(2027, 1, 1)
    assert not [f for f in check(read(qu_text)).failures if f.rule == "Y_YEAR_ENDED"]
    path = tmp_path / "qu.txt"
    path.write_text(qu_text, encoding="utf-8")
    for jobs in (1, 2):  # in this process and in worker processes
        (outcome,) = check_many([path], jobs=jobs, budget=60, today=date(2025, 6, 30))
        assert outcome.result is not None
        assert [f.rule for f in outcome.result.failures if f.rule == "Y_YEAR_ENDED"] == ["Y_YEAR_ENDED"]
    (later,) = check_many([path], today=date(2026, 2, 1))
    assert later.result is not None and not [f for f in later.result.failures if f.rule == "Y_YEAR_ENDED"]
    (listed,) = check_paths([path], today=date(2025, 6, 30))
    assert listed.result is not None and "Y_YEAR_ENDED" in {f.rule for f in listed.result.failures}


def test_as_of_sets_today_only_inside() -> None:
    with as_of(date(2020, 2, 29)):
        assert today() == date(2020, 2, 29)
        with as_of(None):
            assert today() == date(2020, 2, 29)
    assert today() != date(2020, 2, 29) or date.today() == date(2020, 2, 29)


def test_a_clock_that_is_no_date_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIOCHECK_TODAY", "tomorrow")
    with pytest.raises(UsageError, match="GIOCHECK_TODAY"):
        today()


def test_the_title_is_blamed_when_period_and_body_agree(huaian_text: str) -> None:
    retitled = huaian_text.replace("2024 年政府信息公开工作年度报告", "2025 年政府信息公开工作年度报告", 1)
    (period,) = [f for f in check(read(retitled)).failures if f.rule == "Y_PERIOD"]
    assert "标题中的年度写错" in period.message_zh and "title" in period.message_en
    # A wrong period alone: the period is blamed, not the title.
    wrong_period = huaian_text.replace(
        "自 2024 年 1 月 1 日至 2024 年 12 月 31 日", "自 2023 年 1 月 1 日至 2023 年 12 月 31 日"
    )
    (alone,) = [f for f in check(read(wrong_period)).failures if f.rule == "Y_PERIOD"]
    assert "标题中的年度写错" not in alone.message_zh
