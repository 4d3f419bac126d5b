"""`--format github`: workflow commands of the form `::error file=…,line=…,title=RULE::message`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from giocheck.render.github import command, escape_data, escape_property
from tests.ci_support import BROKEN_T4, broken_copy, broken_docx, clean_copy, run

LINE = re.compile(r"^::(error|warning|notice) file=[^,:\n]+(,line=\d+)?,title=[A-Za-z0-9_%]+::.+$")


def test_github_lines_have_the_workflow_command_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    broken = broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "github")
    lines = out.splitlines()
    assert code == 2
    assert lines and all(LINE.match(line) for line in lines), lines
    t4 = next(line for line in lines if "title=T4_SUM_RV" in line)
    assert t4.startswith(f"::error file={broken},line=")
    assert any(line.startswith("::error file=") and "文件为空" in line for line in lines)


def test_quiet_keeps_only_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path)
    baseline = tmp_path / "b.toml"
    run(capsys, "check", str(report), "--baseline", str(baseline), "--add-baseline")
    # Fix the accepted T3 error (its entries become unused: warnings) and break T4 (an error).
    broken_copy(tmp_path, report.name, BROKEN_T4)
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "github")
    assert code == 1 and "::warning " in out and "::error " in out
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "github", "--quiet")
    assert code == 1 and out.splitlines() and all(line.startswith("::error ") for line in out.splitlines())


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("dir,x:y%.txt") == "dir%2Cx%3Ay%25.txt"
    assert (
        command("warning", "50% done\nnext", "a,b.txt", 3, "T3_X")
        == "::warning file=a%2Cb.txt,line=3,title=T3_X::50%25 done%0Anext"
    )
    assert command("error", "m", "f.txt") == "::error file=f.txt::m"


def test_a_cell_without_a_line_is_named_in_the_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_docx(tmp_path)
    _code, out, _ = run(capsys, "check", str(report), "--format", "github")
    t4 = next(line for line in out.splitlines() if "title=T4_SUM_RV" in line)
    assert LINE.match(t4) and ",line=" not in t4
    assert t4.endswith("相差 -1 (表格3第4行第5列)")
