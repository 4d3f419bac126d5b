"""Numbers as reports write them in prose."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giocheck.textnum import parse_number, parse_year, to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("109", 109),
        ("3,119", 3119),
        ("0", 0),
        ("一百零九", 109),
        ("两千零五", 2005),
        ("三万二千", 32000),
        ("十二", 12),
        ("二十", 20),
        ("一十五", 15),
        ("十万", 100000),
        ("一亿二千万", 120_000_000),
        ("两", 2),
        ("零", 0),
        ("1.5万", 15000),
        ("2亿", 200_000_000),
        ("44.5", Decimal("44.5")),
        ("1.25万", 12500),
    ],
)
def test_numbers_in_prose(text: str, value: int | Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["廿", "廿一", "一二百", "三万二千万", "百百", "abc", "", "万"])
def test_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def test_years_in_digits_and_chinese() -> None:
    assert parse_year("2025") == 2025
    assert parse_year("二〇二五") == 2025
    assert parse_year("二零二四") == 2024


def test_chinese_numerals_as_written() -> None:
    assert to_chinese(109) == "一百零九"
    assert to_chinese(2005) == "二千零五"
    assert to_chinese(32000) == "三万二千"
    assert to_chinese(12) == "十二"
    assert to_chinese(100_010) == "十万零一十"


@given(st.integers(0, 10**12 - 1))
def test_integer_to_chinese_and_back(value: int) -> None:
    assert parse_number(to_chinese(value)) == value


@given(st.integers(0, 10**9))
def test_arabic_with_thousands_separators(value: int) -> None:
    assert parse_number(f"{value:,}") == value
