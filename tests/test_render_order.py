"""Rows are drawn and written in the format's order, cells by column key: never in the order a
report (built by a program, or read from data) happens to list them; a missing row is absent."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console

from giocheck.api import load
from giocheck.model import AnnualReport, Row, Table
from giocheck.render.grid import render_report
from giocheck.render.json import report_json
from giocheck.writers.html import write_html
from giocheck.writers.layout import blocks
from giocheck.writers.text import write_text
from tests.conftest import HUAIAN


def _shuffled(report: AnnualReport) -> AnnualReport:
    """The same report with every table's rows and every row's cells listed back to front."""

    def backwards(row: Row) -> Row:
        return row.model_copy(update={"cells": dict(reversed(row.cells.items()))})

    tables = {
        key: table.model_copy(update={"rows": {k: backwards(r) for k, r in reversed(table.rows.items())}})
        for key, table in report.tables.items()
    }
    return report.model_copy(update={"tables": tables})


def _grid_text(report: AnnualReport) -> str:
    console = Console(file=io.StringIO(), width=200, record=True)
    render_report(console, report)
    return console.export_text()


RENDERERS: dict[str, Callable[[AnnualReport], object]] = {
    "show --json": report_json,
    "show": _grid_text,
    "text writer": write_text,
    "html writer": write_html,
    "layout": blocks,
}


@pytest.fixture(scope="module")
def huaian() -> AnnualReport:
    return load(HUAIAN)


@pytest.mark.parametrize("render", RENDERERS.values(), ids=list(RENDERERS))
def test_the_order_cells_are_listed_in_changes_nothing(huaian: AnnualReport, render: Callable[..., object]) -> None:
    assert next(iter(_shuffled(huaian).tables["T3"].rows["NEW"].cells)) == "TOT"
    assert render(_shuffled(huaian)) == render(huaian)


def test_json_values_follow_the_columns(huaian: AnnualReport) -> None:
    t3 = report_json(_shuffled(huaian))["tables"]["T3"]
    assert t3["columns"][-1] == "TOT"
    assert t3["rows"][0]["values"] == [3001, 53, 0, 0, 61, 4, 3119]


def _without_rows(report: AnnualReport) -> AnnualReport:
    """T3 with only its first row, T4 with no row: as a program might build it."""
    t3, t4 = report.tables["T3"], report.tables["T4"]
    tables: dict[str, Table] = {
        **report.tables,
        "T3": t3.model_copy(update={"rows": {"NEW": t3.rows["NEW"]}}),
        "T4": t4.model_copy(update={"rows": {}}),
    }
    return report.model_copy(update={"tables": tables})


def test_missing_rows_are_drawn_as_absent(huaian: AnnualReport) -> None:
    report = _without_rows(huaian)
    document = report_json(report)
    rows = document["tables"]["T3"]["rows"]
    assert len(rows) == 25 and rows[0]["values"] == [3001, 53, 0, 0, 61, 4, 3119]
    assert all(row["source"] == "absent" and row["values"] == [None] * 7 for row in rows[1:])
    assert document["tables"]["T4"]["rows"][0]["values"] == [None] * 15
    shown = _grid_text(report)
    assert "二、上年结转政府信息公开申请数量 ?" in shown and "3119" in shown
    for write in (write_text, write_html):
        written = write(report)
        assert "3119" in written and "上年结转" in written
