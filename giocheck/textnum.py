"""Numbers as reports write them in prose: `109`, `3,119`, `一百零九`, `两千零五`, `1.5万`, `二〇二五`.

`NUMBER` is the regular expression rule files use through the `{number}` placeholder;
`parse_number` turns what it matched into an exact value (`int`, or `Decimal` for `1.5万`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from giocheck.limits import current_limits

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN = "零〇○一二两三四五六七八九十百千万亿"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

NUMBER = rf"(?:(?<!\d)(?:{_ARABIC})[万亿]?|(?<![{_CN}])[{_CN}]+)"
"""A number in prose: Arabic (with thousands commas, decimals, a 万/亿 unit) or Chinese numerals.

It starts where its digits start, never inside them: a pattern that begins with a number is
then tried once per run of digits, not once per digit (a long run would take quadratic time).
"""

YEAR = r"(?:(?:19|20)\d{2}|[零〇○一二三四五六七八九]{4})"
"""A four-digit year, in Arabic or Chinese digits (`二〇二五`)."""

PERCENT = r"(?:\d+(?:\.\d+)?)\s*[%％]"
"""A percentage: `45%`, `44.7％`."""

_ARABIC_FULL = re.compile(rf"(?P<value>{_ARABIC})(?P<unit>[万亿]?)")


def parse_number(text: str) -> int | Decimal:
    """The value of a number as written in prose; `ValueError` if it is not one.

    `一百零九` → 109, `两千零五` → 2005, `三万二千` → 32000, `十二` → 12, `1.5万` → 15000,
    `3,119` → 3119. A fractional result stays a `Decimal`.
    """
    text = text.strip()
    if len(text) > current_limits().number_digits + 8:
        # Never an int of thousands of digits: Python refuses to print one, and makes it slowly.
        raise ValueError(f"too long to be a number: {len(text)} characters")
    match = _ARABIC_FULL.fullmatch(text)
    if match:
        try:
            value = Decimal(match["value"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            raise ValueError(f"not a number: {text!r}") from None
        value *= _BIG_UNITS.get(match["unit"], 1)
        return int(value) if value == value.to_integral_value() else value
    if text and all(char in _CN for char in text):
        return _parse_chinese(text)
    raise ValueError(f"not a number: {text!r}")


def _parse_chinese(text: str) -> int:
    if all(char in _DIGITS for char in text) and len(text) > 1:
        # Digit by digit, as in years: 二〇二五.
        return int("".join(str(_DIGITS[char]) for char in text))
    total = 0  # finished 亿/万 sections
    section = 0  # the part below the current big unit
    digit: int | None = None
    last_unit = 10**12
    for char in text:
        if char in _DIGITS:
            if digit is not None and _DIGITS[char] != 0:
                raise ValueError(f"not a number: {text!r}")
            digit = _DIGITS[char] if _DIGITS[char] else digit
        elif char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            if unit >= last_unit:
                raise ValueError(f"not a number: {text!r}")
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            big = _BIG_UNITS[char]
            value = section + (digit or 0)
            if value == 0 or (total and big >= _largest_unit(total)):
                raise ValueError(f"not a number: {text!r}")
            total += value * big
            section, digit, last_unit = 0, None, 10**12
    return total + section + (digit or 0)


def _largest_unit(total: int) -> int:
    return 100_000_000 if total >= 100_000_000 else 10_000


def parse_year(text: str) -> int:
    """A year written `2025` or `二〇二五`."""
    value = parse_number(text.strip())
    if not isinstance(value, int):
        raise ValueError(f"not a year: {text!r}")
    return value


def to_chinese(value: int) -> str:
    """The usual Chinese numeral for a non-negative integer (`109` → `一百零九`); used by tests."""
    if value < 0:
        raise ValueError("negative")
    if value == 0:
        return "零"
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    for big, name in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        chunk, value = divmod(value, big)
        if chunk == 0:
            if parts and value and not parts[-1].endswith("零"):
                parts.append("零")
            continue
        if parts and chunk < 1000 and not parts[-1].endswith("零"):
            parts.append("零")
        parts.append(_below_10000(chunk, digits) + name)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def _below_10000(value: int, digits: str) -> str:
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero and out:
                out += "零"
            out += digits[digit] + name
            zero = False
        else:
            zero = True
    return out
