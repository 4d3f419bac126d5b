"""`check --summary`: one row per agency and year, worst first; rich, plain or JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from giocheck.render.summary import render_summary
from giocheck.runner import check_paths
from tests.ci_support import broken_copy, clean_copy, run


def _folder(tmp_path: Path) -> Path:
    tmp_path.mkdir(exist_ok=True)
    clean_copy(tmp_path, "qu.txt")
    broken_copy(tmp_path, "huaian.txt")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_plain_text_off_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(_folder(tmp_path)), "--summary", "-j", "1")
    lines = out.splitlines()
    assert code == 2
    assert lines[0].split() == ["机关", "年度", "状态", "错误", "警告", "违反的规则"]
    assert lines[1].split()[1:] == ["—", "无法读取", "0", "0"]
    assert lines[2].split() == [
        "淮安市人民政府",
        "2024",
        "有错误",
        "3",
        "0",
        "T3_BALANCE",
        "T3_RESULT_SUM",
        "T3_ROW_TOTAL",
    ]
    assert lines[3].split() == ["渠县信访局", "2025", "无错误", "0", "0"]


def test_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "check", str(_folder(tmp_path)), "--summary", "--format", "json", "--lang", "en", "-j", "1")
    document = json.loads(out)
    assert document["giocheck_version"] and document["rules_version"]
    assert [(a["agency"], a["status"], a["status_text"]) for a in document["agencies"]][1:] == [
        ("淮安市人民政府", "errors", "errors"),
        ("渠县信访局", "clean", "no errors"),
    ]
    assert document["agencies"][1]["rules"] == {"T3_BALANCE": 1, "T3_RESULT_SUM": 1, "T3_ROW_TOTAL": 1}


def test_a_rich_table_for_a_terminal(tmp_path: Path) -> None:
    out = io.StringIO()
    render_summary(out, check_paths([_folder(tmp_path)]), rich=True, extra=["附注"])
    text = out.getvalue()
    assert "┃ 机关" in text and "淮安市人民政府" in text and text.rstrip().endswith("附注")


def test_summary_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "summary.txt"
    code, out, _ = run(capsys, "check", str(_folder(tmp_path / "r")), "--summary", "-o", str(target), "-j", "1")
    assert code == 2 and out == "" and "淮安市人民政府" in target.read_text(encoding="utf-8")
