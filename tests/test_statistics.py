"""`--statistics`: counts per rule, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ci_support import BROKEN_T4, broken_copy, clean_copy, run


def test_statistics_count_findings_and_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    broken_copy(tmp_path, "a.txt")
    broken_copy(tmp_path, "b.txt")
    broken_copy(tmp_path, "c.txt", BROKEN_T4)
    code, out, _ = run(capsys, "check", str(tmp_path), "--statistics", "--format", "json")
    counts = {c["rule"]: (c["count"], c["reports"]) for c in json.loads(out)}
    assert code == 1
    assert counts == {"T3_BALANCE": (2, 2), "T3_RESULT_SUM": (2, 2), "T3_ROW_TOTAL": (2, 2), "T4_SUM_RV": (1, 1)}
    code, out, _ = run(capsys, "check", str(tmp_path), "--statistics", "--lang", "en")
    lines = out.splitlines()
    assert lines[0].split() == ["count", "reports", "rule", "name", "level"]
    assert lines[-2].split()[:3] == ["1", "1", "T4_SUM_RV"]
    assert lines[-1].startswith("4 files checked: 1 clean, 3 with errors, 0 unreadable;")


def test_no_findings_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    code, out, _ = run(capsys, "check", str(tmp_path), "--statistics")
    assert code == 0 and out.splitlines()[0] == "没有违反任何规则"
    assert out.splitlines()[1].startswith("共检查 1 个文件：1 个无错误")


def test_unreadable_files_are_named_not_hidden(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    empty, blank = tmp_path / "empty.txt", tmp_path / "z-empty.txt"
    empty.write_bytes(b"")
    blank.write_bytes(b"")
    code, out, _ = run(capsys, "check", str(tmp_path), "--statistics")
    lines = out.splitlines()
    assert code == 2
    assert lines[:2] == [f"{empty}: ✗ 无法读取：文件为空", f"{blank}: ✗ 无法读取：文件为空"]
    assert lines[2] == "没有违反任何规则"
    assert lines[-1].startswith("共检查 3 个文件：1 个无错误，0 个有错误，2 个无法读取")
    code, out, err = run(capsys, "check", str(empty), "--statistics", "--format", "json")
    assert code == 2 and json.loads(out) == []  # the JSON stays the documented list
    assert err == f"giocheck: {empty}: ✗ 无法读取：文件为空\n"


@pytest.mark.parametrize("output", ["sarif", "github", "junit"])
def test_statistics_in_a_format_it_has_no_form_in_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    report = clean_copy(tmp_path)
    code, out, err = run(capsys, "check", str(report), "--statistics", "--format", output)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--statistics" in err and output in err
