"""Helpers the tests share: reading fixtures and comparing table values."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from giocheck.extract import extract_report
from giocheck.model import AnnualReport
from giocheck.readers.text import read_text

Values = dict[str, dict[str, list[Any]]]


def values(report: AnnualReport) -> Values:
    """Table → row key → cell values in column order, money as strings (as in the JSON)."""
    return {
        key: {
            row.key: [str(c.value) if isinstance(c.value, Decimal) else c.value for c in row.cells.values()]
            for row in table.rows.values()
        }
        for key, table in report.tables.items()
    }


def expected_values(path: Path) -> Values:
    """The hand-written expected values next to a fixture."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: {row["key"]: row["values"] for row in table["rows"]} for key, table in data["tables"].items()}


def read(text: str, name: str = "report.txt") -> AnnualReport:
    """Extract a report from text in memory."""
    return extract_report(read_text(text, name))


def without_column(text: str, header: str, position: int) -> str:
    """The text with one T3 column deleted: its header line and the `position`-th number of
    every T3 row (counted from the end, the 总计 column being -1)."""
    start, end = text.index("三、收到和处理政府信息公开申请情况"), text.index("四、政府信息公开行政复议")
    lines = text[start:end].splitlines()
    lines.remove(header)
    kept = []
    for line in lines:
        words = line.split(" ")
        numbers = [i for i, word in enumerate(words) if word.isdigit()]
        if len(numbers) == 7:
            del words[numbers[position]]
        kept.append(" ".join(words))
    return text[:start] + "\n".join(kept) + "\n" + text[end:]
