"""The model: a cell's raw text and its value say the same number."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from giocheck.api import check, load
from giocheck.errors import ReadError
from giocheck.model import Cell, Location, Row, Table, read_cell, trusted
from giocheck.writers.output import render_bytes
from tests.conftest import QU


def _with_cell(tmp_path: Path, cell: dict[str, Any]) -> Path:
    """The 渠县 sample as JSON data, with T3 本年新收申请 × 自然人 replaced by `cell`."""
    data = json.loads(render_bytes(load(QU), ".json"))
    data["tables"]["T3"]["rows"]["NEW"]["cells"]["NP"] = cell
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_cell_given_without_raw_text_shows_its_value() -> None:
    assert Cell(value=3000).raw == "3000"
    assert Cell.model_validate({"value": 3000, "raw": "3,000"}).raw == "3,000"
    assert Cell(value=None).raw == ""


def test_messages_quote_a_value_given_without_raw_text(tmp_path: Path) -> None:
    result = check(load(_with_cell(tmp_path, {"value": 3000})))
    row_total = next(f for f in result.errors if f.rule == "T3_ROW_TOTAL")
    assert "自然人 3000 + 商业企业 0" in row_total.message_zh
    assert [c.raw for c in row_total.rhs if c.ref.column == "NP"] == ["3000"]


@pytest.mark.parametrize(
    "cell",
    [{"value": 3000, "raw": "53"}, {"value": None, "raw": "53"}, {"value": 3000, "raw": "3,001"}],
)
def test_data_whose_raw_text_is_another_number_is_refused(tmp_path: Path, cell: dict[str, Any]) -> None:
    path = _with_cell(tmp_path, cell)
    with pytest.raises(ReadError) as raised:
        load(path)
    message = str(raised.value)
    assert "tables.T3.rows.NEW.cells.NP" in message and f"「{cell['raw']}」" in message
    assert "\n" not in message


@pytest.mark.parametrize("cell", [{"value": 3000, "raw": "3,000"}, {"value": 3000, "raw": "3000件"}])
def test_raw_text_that_reads_as_the_value_is_accepted(tmp_path: Path, cell: dict[str, Any]) -> None:
    report = load(_with_cell(tmp_path, cell))
    found = report.cell("T3", "NEW", "NP")
    assert found is not None and found.value == 3000 and found.raw == cell["raw"]


def test_models_built_unvalidated_are_the_validated_models() -> None:
    where = Location(line=3, column=2)
    assert trusted(Location, line=3, column=2) == where
    assert read_cell(Decimal("1.5"), "1.5", where) == Cell(value=Decimal("1.5"), raw="1.5", location=where)
    assert trusted(Cell, value=None) == Cell(value=None)
    row = Row(key="NEW", label="新收", cells={"NP": Cell(value=1, raw="1")}, source="order")
    built = trusted(Row, key="NEW", label="新收", cells={"NP": read_cell(1, "1", None)}, source="order")
    assert built == row and built.model_dump_json() == row.model_dump_json() and repr(built) == repr(row)
    first, second = trusted(Table, key="T3", rows={}), trusted(Table, key="T3", rows={})
    assert first == Table(key="T3", rows={}) and first.model_dump() == Table(key="T3", rows={}).model_dump()
    assert first.substitutes is not second.substitutes  # defaults made anew, as validation makes them


def test_from_json_builds_the_report_validation_would_without_validating() -> None:
    from giocheck.model import AnnualReport, from_json

    data_folder = Path(__file__).parent / "data"
    examples = Path(__file__).parent.parent / "examples"
    for path in (
        data_folder / "qu-county-petition-bureau-2025.txt",
        data_folder / "huaian-city-government-2024.pypdf.txt",
        examples / "sample-county-petition-bureau-2020.txt",
    ):
        report = load(path)
        data = report.model_dump(mode="json")
        built = from_json(AnnualReport, data)
        # The same values of the same types as the report read (a money cell stays a Decimal).
        assert built == report and repr(built) == repr(report)
        assert built.model_fields_set == AnnualReport.model_validate(data).model_fields_set
        assert built.model_dump() == report.model_dump()


def test_from_json_decodes_numbers_as_the_json_wrote_them() -> None:
    from giocheck.model import from_json

    money = from_json(Cell, Cell(value=Decimal("1.50"), raw="1.50").model_dump(mode="json"))
    count = from_json(Cell, Cell(value=3, raw="3").model_dump(mode="json"))
    assert money.value == Decimal("1.50") and isinstance(money.value, Decimal) and str(money.value) == "1.50"
    assert count.value == 3 and type(count.value) is int
    assert from_json(Cell, {"value": None, "raw": "/", "location": None, "recovered": False}).blank


def test_from_json_refuses_what_validation_would() -> None:
    from giocheck.model import Metadata, from_json

    with pytest.raises(KeyError):
        from_json(Location, {"line": 3, "colour": "red"})
    with pytest.raises(KeyError):
        from_json(Metadata, {"agency": "渠县信访局"})  # no format
