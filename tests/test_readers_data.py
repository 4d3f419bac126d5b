"""Report data (JSON/YAML in the model's own schema): read as is, errors name the file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from giocheck.api import load
from giocheck.errors import ReadError
from giocheck.readers import read_document
from giocheck.writers.output import render_bytes
from tests.conftest import QU
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
