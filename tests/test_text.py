"""Plain text output: the default off a terminal, no colour, one self-contained line per finding."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from giocheck.engine.findings import CellRef, Change
from giocheck.render.text import culprit_text, finding_panel
from giocheck.runner import check_file
from tests.ci_support import BROKEN_T4, broken_copy, broken_docx, clean_copy, run


def test_text_is_the_default_off_a_terminal_and_has_no_colour(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    clean = clean_copy(tmp_path)
    broken = broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1 and "\x1b[" not in out
    lines = out.splitlines()
    assert any(line.startswith(f"{broken}:") and "错误 T4_SUM_RV" in line and "相差 -1" in line for line in lines)
    assert f"{clean}: ✓ 未发现错误" in out and "渠县信访局" in out
    assert lines[-1].startswith("共检查 2 个文件")
    assert run(capsys, "check", str(tmp_path), "--format", "text")[1] == out


def test_quiet_prints_only_errors_and_the_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    code, out, _ = run(capsys, "check", str(tmp_path), "--quiet")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert "T4_SUM_RV" in lines[0] and lines[1].startswith("共检查")
    code, out, _ = run(capsys, "check", str(tmp_path), "--quiet", "--format", "rich")
    assert "未发现错误" not in out and "T4_SUM_RV" in out


def test_exit_zero_only_forgives_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path)
    assert run(capsys, "check", str(report), "--exit-zero")[0] == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(capsys, "check", str(tmp_path), "--exit-zero")[0] == 2


def test_the_panel_shows_rule_cells_both_sides_and_the_gap(tmp_path: Path) -> None:
    outcome = check_file(broken_copy(tmp_path, change=BROKEN_T4))
    assert outcome.result is not None
    panel = finding_panel(outcome.result.errors[0], "en")
    assert panel.splitlines()[0].startswith("T4_SUM_RV (")
    assert "left: " in panel and "right: " in panel and "difference: -1" in panel
    assert "[T4.DATA.RV_TOT] 351" in panel


def test_the_plain_words_need_no_rich_and_match_the_console(tmp_path: Path) -> None:
    script = (
        "import io, sys\n"
        "from giocheck.runner import check_paths, summarise\n"
        "from giocheck.render.text import render_text\n"
        f"outcomes = check_paths([__import__('pathlib').Path({str(tmp_path)!r})])\n"
        "render_text(io.StringIO(), outcomes, summarise(outcomes))\n"
        "assert 'rich' not in sys.modules, 'plain text imported rich'\n"
    )
    clean_copy(tmp_path)
    broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_rich_and_text_say_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    for lang in ("zh", "en"):
        _code, text, _ = run(capsys, "check", str(tmp_path), "--format", "text", "--lang", lang)
        _code, rich, _ = run(capsys, "check", str(tmp_path), "--format", "rich", "--lang", lang)
        *files, summary = text.splitlines()
        assert rich.splitlines()[-1] == summary
        # "path: ✓ 未发现错误（n 条规则） 渠县信访局 · 2025 · 2021" → the status without the report's details
        statuses = [re.split(" “?渠县信访局", line.split(": ", 1)[1])[0] for line in files]  # quoted in English
        assert len(statuses) == 2 and all(status in rich for status in statuses)


def test_a_cell_of_a_word_table_is_located_like_the_rich_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = broken_docx(tmp_path)
    code, out, _ = run(capsys, "check", str(report), "--format", "text")
    line = next(line for line in out.splitlines() if "T4_SUM_RV" in line)
    assert code == 1 and line.startswith(f"{report} (表格3第4行第5列): 错误 T4_SUM_RV ")
    _code, rich, _ = run(capsys, "check", str(report), "--format", "rich")
    assert "表格3第4行第5列" in rich
    _code, out, _ = run(capsys, "check", str(report), "--format", "text", "--lang", "en")
    assert f"{report} (table 3, row 4, column 5): error T4_SUM_RV " in out


def test_a_line_of_text_keeps_the_grep_friendly_prefix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    _code, out, _ = run(capsys, "check", str(report), "--format", "text")
    line = next(line for line in out.splitlines() if "T4_SUM_RV" in line)
    assert line.startswith(f"{report}:") and line.split(":")[1].isdigit() and "(" not in line.split(": ")[0]


def _rule(line: str) -> str:
    """The rule id of a finding line (`path:54 (第3列): 错误 T3_RESULT_SUM …`), else ""."""
    found = re.search(r": (?:错误|警告) ([A-Z0-9_]+) ", line)
    return found[1] if found else ""


def _granted_to_a_person(tmp_path: Path) -> Path:
    """The issue's case: 予以公开·自然人 changed from 0 to 2 in the 渠县 sample."""
    from tests.conftest import QU

    text = QU.read_text(encoding="utf-8")
    edited = tmp_path / "granted.txt"
    edited.write_text(text.replace("(一) 予以公开\t0\t0", "(一) 予以公开\t2\t0"), encoding="utf-8")
    return edited


def test_the_likely_culprit_is_said_once_per_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from giocheck.engine.kinds import table_cell_label
    from giocheck.formats import formats

    edited = _granted_to_a_person(tmp_path)
    code, out, _ = run(capsys, "check", str(edited))
    label = table_cell_label(formats()["2021"].table("T3"), CellRef("T3", "R_GRANT", "NP"))
    culprit = f"{edited}: 最可能的错误：{label}填 2，按其他各格应为 0"
    assert code == 1 and out.splitlines().count(culprit) == 1
    # Two relations fail (the results total, the row total); the culprit follows them, then the hint.
    lines = out.splitlines()
    assert [_rule(line) for line in lines[: lines.index(culprit)]] == ["T3_RESULT_SUM", "T3_ROW_TOTAL"]
    assert "giocheck explain T3_RESULT_SUM" in lines[-2]
    code, out, _ = run(capsys, "check", str(edited), "--lang", "en")
    assert (
        f"{edited}: most likely wrong: Table 3, row “(1) Disclosed”, column “Natural persons” is 2; the other cells say it should be 0"
        in out
    )
    assert "giocheck explain T3_RESULT_SUM" in out
    monkeypatch.setenv("COLUMNS", "400")  # the rich table folds long messages to its width
    code, out, _ = run(capsys, "check", str(edited), "--format", "rich")
    assert f"最可能的错误：{label}填 2，按其他各格应为 0" in out


def test_each_finding_line_shows_its_rules_short_basis(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from giocheck.engine.rulefile import default_rules

    edited = _granted_to_a_person(tmp_path)
    out = run(capsys, "check", str(edited))[1]
    short = {rule.id: rule.basis_short_zh for rule in default_rules().rules}
    findings = [line for line in out.splitlines() if _rule(line)]
    assert len(findings) == 2 and all(line.endswith(f"（依据：{short[_rule(line)]}）") for line in findings)
    out = run(capsys, "check", str(edited), "--lang", "en")[1]
    assert "(basis: table 3, 'total' column)" in out


def test_the_panel_names_the_culprit(tmp_path: Path) -> None:
    outcome = check_file(_granted_to_a_person(tmp_path))
    assert outcome.result is not None
    panel = finding_panel(outcome.result.errors[0], "en")
    assert (
        "most likely wrong: Table 3, row “(1) Disclosed”, column “Natural persons” is 2" in panel
        and "(basis: " in panel
    )


def test_the_culprit_in_words() -> None:
    a, b = CellRef("T3", "NEW", "NP"), CellRef("T3", "NEW", "TOT")
    one, other = Change(a, 2, 0, "甲"), Change(b, 5, 3, "乙")
    assert culprit_text([(one,), (other,)]) == (
        "最可能的错误（改其中任一格即可使本表各项关系成立）：甲填 2，应为 0；或 乙填 5，应为 3"
    )
    assert culprit_text([(one, other)]) == "最可能的错误：甲填 2、乙填 5，按其他各格应分别为 0、3"
    assert culprit_text([(one, other)], "en") == (
        "most likely wrong: T3.NEW.NP is 2 and T3.NEW.TOT is 5; the other cells say they should be 0 and 3"
    )
    assert culprit_text([]).startswith("无法确定哪一格有误")
    assert culprit_text([(one, other), (other, one)], "en").startswith("most likely wrong (changing both cells")
