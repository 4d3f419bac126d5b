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
    assert lines[-1].split()[:3] == ["1", "1", "T4_SUM_RV"]


def test_no_findings_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    code, out, _ = run(capsys, "check", str(tmp_path), "--statistics")
    assert code == 0 and out.strip() == "没有违反任何规则"
