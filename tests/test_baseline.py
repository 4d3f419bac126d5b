"""Accepted exceptions: --add-baseline, accepted shown as accepted, expiry, unused entries, bad files."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from giocheck.baseline import Baseline, BaselineEntry, dumps, load_baseline
from tests.ci_support import broken_copy, fixed_copy, run


def _adopt(capsys: pytest.CaptureFixture[str], tmp_path: Path, report: Path) -> Path:
    baseline = tmp_path / "accepted.toml"
    code, _out, err = run(
        capsys, "check", str(report), "--baseline", str(baseline), "--add-baseline", "--reason", "原表如此"
    )
    assert code == 0 and "基线已写入" in err
    return baseline


def test_add_baseline_writes_entries_by_report_identity_and_leaves_the_report_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = broken_copy(tmp_path)
    before = report.read_bytes()
    baseline = _adopt(capsys, tmp_path, report)
    assert report.read_bytes() == before
    data = tomllib.loads(baseline.read_text(encoding="utf-8"))
    entries = data["accepted"]
    assert {e["rule"] for e in entries} == {"T3_BALANCE", "T3_RESULT_SUM", "T3_ROW_TOTAL"}
    assert {e["report"] for e in entries} == {"淮安市人民政府 2024"}
    assert all(e["reason"] == "原表如此" and e["cells"] for e in entries)
    assert "broken.txt" not in baseline.read_text(encoding="utf-8")


def test_accepted_findings_show_as_accepted_and_do_not_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = broken_copy(tmp_path)
    baseline = _adopt(capsys, tmp_path, report)
    renamed = report.rename(tmp_path / "renamed.txt")  # identity is agency + year, not the path
    code, out, _ = run(capsys, "check", str(renamed), "--baseline", str(baseline), "--format", "text")
    assert code == 0
    accepted = [line for line in out.splitlines() if "已接受 T3_" in line]
    assert len(accepted) == 3 and all("理由：原表如此" in line for line in accepted)
    assert "已接受 3 条" in out.splitlines()[-1]
    code, out, _ = run(capsys, "check", str(renamed), "--baseline", str(baseline), "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["summary"]["errors"] == 0
    assert [a["rule"] for a in document["files"][0]["accepted"]] == ["T3_BALANCE", "T3_RESULT_SUM", "T3_ROW_TOTAL"]
    assert document["files"][0]["findings"] == []


def test_a_new_finding_is_not_hidden_by_the_baseline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path)
    baseline = _adopt(capsys, tmp_path, report)
    report.write_text(report.read_text(encoding="utf-8").replace("72 64 178", "72 64 179"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "text")
    assert code == 1 and "错误 T4_SUM_RV" in out and "已接受 T3_BALANCE" in out


def test_an_expired_entry_reports_the_finding_again_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = broken_copy(tmp_path)
    baseline = _adopt(capsys, tmp_path, report)
    text = baseline.read_text(encoding="utf-8").replace(
        'reason = "原表如此"', 'reason = "原表如此"\nexpires = 2000-01-01'
    )
    baseline.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "text")
    assert code == 1
    assert "基线中的接受已于 2000-01-01 过期" in out and "已接受" not in out


def test_unused_entries_are_reported_as_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path)
    baseline = _adopt(capsys, tmp_path, report)
    fixed_copy(tmp_path)
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "text")
    assert code == 0
    assert sum("基线条目未使用" in line for line in out.splitlines()) == 3
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "github")
    assert out.count("::warning file=") == 3 and "title=BASELINE_UNUSED" in out


def test_the_default_baseline_next_to_the_configuration_is_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = broken_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _out, _err = run(capsys, "check", str(report), "--add-baseline")
    assert code == 0 and (tmp_path / "giocheck-baseline.toml").is_file()
    code, out, _ = run(capsys, "check", str(report), "--format", "text")
    assert code == 0 and "已接受 3 条" in out


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("version = 1\n[[accepted]]\nfingerprint = 'xyz'\n", "accepted[0].fingerprint"),
        ("colour = 'red'\n", "colour"),
        ("version = [\n", "TOML"),
    ],
)
def test_a_bad_baseline_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, needle: str) -> None:
    baseline = tmp_path / "accepted.toml"
    baseline.write_text(text, encoding="utf-8")
    code, _out, err = run(capsys, "check", str(broken_copy(tmp_path)), "--baseline", str(baseline))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert str(baseline) in err and needle in err


def test_a_missing_baseline_is_an_error_unless_adding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "check", str(broken_copy(tmp_path)), "--baseline", str(tmp_path / "none.toml"))
    assert code == 2 and "none.toml" in err


def test_the_baseline_may_not_overwrite_a_checked_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # An empty file is valid TOML (an empty baseline), so loading passes and the write protection decides.
    report = tmp_path / "empty.txt"
    report.write_bytes(b"")
    code, _out, err = run(capsys, "check", str(report), "--baseline", str(report), "--add-baseline")
    assert code == 2 and report.read_bytes() == b""
    assert err == f"giocheck: {report}: 基线文件不能是被检查的报告文件\n"


def test_a_baseline_that_is_not_utf8_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    baseline = tmp_path / "accepted.toml"
    baseline.write_bytes("version = 1\n# 已接受的问题\n".encode("gbk"))
    code, _out, err = run(capsys, "check", str(broken_copy(tmp_path)), "--baseline", str(baseline), "--lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith(f"giocheck: {baseline}: not UTF-8") and "Traceback" not in err


def test_dumps_round_trips_awkward_text(tmp_path: Path) -> None:
    entry = BaselineEntry(
        fingerprint="0123456789abcdef",
        rule="T3_BALANCE",
        report='某"局" 2024',
        cells=["T3.NEW.NP"],
        reason="第一行\n第二行 \\ 反斜杠",
        expires=date(2026, 12, 31),
    )
    path = tmp_path / "b.toml"
    path.write_text(dumps(Baseline(path, (entry,))), encoding="utf-8")
    assert load_baseline(path).entries == (entry,)


def test_a_bad_baseline_entry_is_explained_in_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    baseline = tmp_path / "accepted.toml"
    baseline.write_text(
        "[[accepted]]\nfingerprint = '9c1e0b5f2a7d4e31'\nrule = 'T3_BALANCE'\nreport = 'x'\n"
        "reason = 'r'\nexpires = 'soon'\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "check", str(broken_copy(tmp_path)), "--baseline", str(baseline))
    assert code == 2 and "基线条目 accepted[0].expires 有误：应为日期（如 2026-01-20）" in err
    assert "Input should" not in err
