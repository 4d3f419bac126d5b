"""Report data (JSON/YAML in the model's own schema): read as is, errors name the file and field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from giocheck.api import load
from giocheck.cli import main
from giocheck.errors import ReadError
from giocheck.readers import read_document
from giocheck.writers.output import render_bytes
from tests.conftest import HUAIAN, QU
from tests.support import values


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_data_reads_back_as_the_report(tmp_path: Path, suffix: str) -> None:
    report = load(QU)
    path = tmp_path / f"report{suffix}"
    path.write_bytes(render_bytes(report, suffix))
    back = load(path)
    assert values(back) == values(report)
    assert back.metadata.agency == report.metadata.agency
    assert back.metadata.source == str(QU)


def test_json_is_sniffed_without_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(render_bytes(load(QU), ".json"))
    assert load(path).metadata.agency == "渠县信访局"


def test_a_bad_field_is_named(tmp_path: Path) -> None:
    data = json.loads(render_bytes(load(QU), ".json"))
    data["tables"]["T3"]["rows"]["NEW"]["cells"]["NP"]["value"] = "many"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        load(path)
    message = str(raised.value)
    assert str(path) in message and "tables.T3.rows.NEW.cells.NP.value" in message and "\n" not in message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{ not json", "不是有效的 JSON"),
        ("bad.yaml", "metadata: [unclosed", "不是有效的 YAML"),
        ("list.yaml", yaml.safe_dump([1, 2]), "应是一个对象"),
        ("empty-object.json", "{}", "metadata"),
    ],
)
def test_bad_data_gets_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        load(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_data_is_no_document(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(render_bytes(load(QU), ".json"))
    with pytest.raises(ReadError, match="报告数据"):
        read_document(path)


# The report data is checked against the format `metadata.format` names, not only its shape.


def _edited(tmp_path: Path, edit: Callable[[dict[str, Any]], None], name: str = "report.json") -> Path:
    data = json.loads(render_bytes(load(HUAIAN), ".json"))
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _only_unknown_row(data: dict[str, Any]) -> None:
    rows = data["tables"]["T3"]["rows"]
    data["tables"]["T3"]["rows"] = {"X": {**rows["NEW"], "key": "X"}}


def _rename_table(data: dict[str, Any]) -> None:
    data["tables"]["T5"] = data["tables"].pop("T4")


def _unknown_column(data: dict[str, Any]) -> None:
    cells = data["tables"]["T3"]["rows"]["NEW"]["cells"]
    cells["XX"] = cells["NP"]


def _key_mismatch(data: dict[str, Any]) -> None:
    data["tables"]["T3"]["rows"]["NEW"]["key"] = "CARRY_IN"


def _legacy_with_tables(data: dict[str, Any]) -> None:
    data["metadata"]["format"] = "legacy"


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (_only_unknown_row, "tables.T3.rows.X"),
        (_rename_table, "tables.T5"),
        (_unknown_column, "tables.T3.rows.NEW.cells.XX"),
        (_key_mismatch, "tables.T3.rows.NEW"),
        (_legacy_with_tables, "tables.T2"),
    ],
)
def test_keys_the_format_does_not_have_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Callable[[dict[str, Any]], None], field: str
) -> None:
    path = _edited(tmp_path, edit)
    with pytest.raises(ReadError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: 报告数据字段 {field} ") and "\n" not in message
    for command in (["show", str(path)], ["show", "--json", str(path)], ["render", str(path), "-o", "out.html"]):
        assert main(command) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and field in err and "Traceback" not in err
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert f"{path}: ✗ 无法读取：报告数据字段 {field} " in out and "Traceback" not in out + err


def _drop_rows(data: dict[str, Any]) -> None:
    rows = data["tables"]["T3"]["rows"]
    data["tables"]["T3"]["rows"] = {"NEW": rows["NEW"]}


def _drop_cell(data: dict[str, Any]) -> None:
    del data["tables"]["T3"]["rows"]["NEW"]["cells"]["TOT"]


def _drop_table(data: dict[str, Any]) -> None:
    del data["tables"]["T4"]


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (_drop_rows, "表三缺少 24 处行或单元格：CARRY_IN、R_GRANT、R_PARTIAL等"),
        (_drop_cell, "NEW.TOT"),
        (_drop_table, "没有表四"),
    ],
)
def test_missing_rows_cells_and_tables_are_read_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Callable[[dict[str, Any]], None], needle: str
) -> None:
    report = load(_edited(tmp_path, edit))
    assert len(report.problems) == 1 and needle in report.problems[0].message_zh
    if "T3" in report.tables:  # every official row and cell is there, the missing ones blank
        rows = report.tables["T3"].rows
        assert len(rows) == 25 and all(len(row.cells) == 7 for row in rows.values())
    path = tmp_path / "report.json"
    assert main(["show", str(path)]) == 2
    out = capsys.readouterr().out
    assert "Traceback" not in out and needle in out
    assert main(["show", "--json", str(path)]) == 2
    document = json.loads(capsys.readouterr().out)
    assert needle in document["problems"][0]
    assert main(["check", str(path)]) == 2
    assert needle in capsys.readouterr().out


def test_cells_listed_in_any_order_come_back_in_official_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def total_first(data: dict[str, Any]) -> None:
        cells = data["tables"]["T3"]["rows"]["NEW"]["cells"]
        data["tables"]["T3"]["rows"]["NEW"]["cells"] = dict(reversed(cells.items()))
        data["tables"]["T3"]["rows"] = dict(reversed(data["tables"]["T3"]["rows"].items()))

    path = _edited(tmp_path, total_first)
    report = load(path)
    assert report.problems == []
    assert list(report.tables["T3"].rows) == list(load(HUAIAN).tables["T3"].rows)
    assert values(report) == values(load(HUAIAN))
    assert main(["show", "--json", str(path)]) == 0
    t3 = json.loads(capsys.readouterr().out)["tables"]["T3"]
    assert t3["columns"] == ["NP", "BE", "RI", "SW", "LS", "OT", "TOT"]
    assert t3["rows"][0]["values"] == [3001, 53, 0, 0, 61, 4, 3119]
