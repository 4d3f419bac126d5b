"""`giocheck compare`: per agency, findings new, fixed and persisting across two runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ci_support import BROKEN_T3, BROKEN_T4, run
from tests.conftest import HUAIAN, QU


def _year(folder: Path, *changes: tuple[str, str]) -> Path:
    folder.mkdir()
    text = HUAIAN.read_text(encoding="utf-8")
    for old, new in changes:
        text = text.replace(old, new)
    (folder / "huaian.txt").write_text(text, encoding="utf-8")
    (folder / "qu.txt").write_bytes(QU.read_bytes())
    return folder


def test_json_results_compared_per_agency(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before = _year(tmp_path / "2024", BROKEN_T3)
    after = _year(tmp_path / "2025", BROKEN_T4, ("（七）总计 2932", "（七）总计 2931"))
    for folder in (before, after):
        code, out, _ = run(capsys, "check", str(folder), "--format", "json", "-j", "1")
        (tmp_path / f"{folder.name}.json").write_text(out, encoding="utf-8")
    code, out, err = run(
        capsys, "compare", str(tmp_path / "2024.json"), str(tmp_path / "2025.json"), "--format", "json"
    )
    assert code == 0, err
    document = json.loads(out)
    huaian = next(a for a in document["agencies"] if a["agency"] == "淮安市人民政府")
    # The T3 total is still wrong (the same cells, another gap): persisting; the T4 cell is new.
    assert {f["rule"] for f in huaian["persisting"]} == {"T3_BALANCE", "T3_RESULT_SUM", "T3_ROW_TOTAL"}
    assert [f["rule"] for f in huaian["new"]] == ["T4_SUM_RV"] and huaian["fixed"] == []
    qu = next(a for a in document["agencies"] if a["agency"] == "渠县信访局")
    assert qu["new"] == [] and qu["fixed"] == []
    assert document["totals"]["new"] == 1
    # Fixed: compared the other way round.
    _, out, _ = run(capsys, "compare", str(tmp_path / "2025.json"), str(tmp_path / "2024.json"))
    assert "淮安市人民政府：新增 0，已改正 1，仍存在 3" in out and "  - T4_SUM_RV" in out


def test_folders_are_checked_and_compared(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before = _year(tmp_path / "before", BROKEN_T3)
    after = _year(tmp_path / "after")
    code, out, _ = run(capsys, "compare", str(before), str(after), "--lang", "en")
    assert code == 0
    assert "“淮安市人民政府”: 0 new, 3 fixed," in out and "“渠县信访局”: 0 new, 0 fixed," in out


def test_what_cannot_be_compared_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"files": [{"path": 1}], "summary": {}}', encoding="utf-8")
    for name in ("bad.json", "other.json", "none"):
        code, _, err = run(capsys, "compare", str(tmp_path / name), str(QU))
        assert code == 2 and err.count("\n") == 1 and name in err
