"""The command line: exit codes, one-line errors, the JSON contract, show/rules/explain/schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from giocheck.cli import main
from tests.conftest import DATA, HUAIAN, QU
from tests.support import expected_values


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_a_clean_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(QU))
    assert code == 0
    # Its three warnings (N_TOTAL_BREAKDOWN, F_LABEL_WORDING for a row label and a column header) are
    # named on the status line, so the ✓ is not read as "nothing".
    assert "渠县信访局" in out and f"{QU}: ✓ 无错误，3 条警告" in out and "未发现错误" not in out
    code, out, _ = run(capsys, "check", str(QU), "--lang", "en")
    assert f"{QU}: ✓ no errors, 3 warnings" in out
    code, out, _ = run(capsys, "check", str(QU), "--select", "T3")
    assert f"{QU}: ✓ 未发现错误（" in out
    assert out.strip().splitlines()[-1].startswith("共检查 1 个文件")


def test_check_a_broken_report_exits_1_and_names_the_cells(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(
        HUAIAN.read_text(encoding="utf-8").replace("（七）总计 2932", "（七）总计 2933"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", str(broken))
    assert code == 1
    assert "T3_BALANCE" in out and "办理结果总计 2933" in out and "相差 -1" in out
    code, out, _ = run(capsys, "check", str(broken), "--lang", "en")
    # One file, one warning: English says so in the singular.
    assert "difference -1" in out and "1 file checked" in out and "3 errors, 1 warning\n" in out


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "文件为空"),
        ("junk.txt", bytes(range(256)) * 16, "不是文本文件"),
        ("minutes.txt", "会议纪要\n今天讨论了食堂的菜单。\n".encode(), "不是政府信息公开工作年度报告"),
        ("cut.txt", HUAIAN.read_bytes()[: HUAIAN.read_bytes().index("2.重复申请".encode())], "表三"),
    ],
)
def test_bad_inputs_get_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    path = _write(tmp_path, name, content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    *per_file, summary = out.splitlines()
    assert len(per_file) == 1 and per_file[0].startswith(f"{path}: ✗ 无法读取：") and needle in per_file[0]
    assert summary.startswith("共检查 1 个文件：0 个无错误，0 个有错误，1 个无法读取；")
    assert "Traceback" not in out + err


def test_a_folder_without_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 2 and "文件夹中没有报告文件" in out


def test_a_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path / "nope.txt"))
    assert code == 2 and "文件不存在" in out


def test_a_gbk_copy_reads_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gbk = _write(tmp_path, "gbk.txt", QU.read_text(encoding="utf-8").encode("gbk"))
    code, out, _ = run(capsys, "show", str(gbk), "--json")
    assert code == 0
    _code_utf8, out_utf8, _ = run(capsys, "show", str(QU), "--json")
    assert json.loads(out)["tables"] == json.loads(out_utf8)["tables"]
    assert run(capsys, "check", str(gbk))[0] == 0


def test_a_folder_of_reports_is_checked_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(QU.read_bytes())
    (tmp_path / "b.txt").write_text(
        HUAIAN.read_text(encoding="utf-8").replace("72 64 178", "72 64 179"), encoding="utf-8"
    )
    (tmp_path / "c.txt").write_bytes(b"")
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "json")
    document = json.loads(out)
    assert code == 2
    assert [Path(f["path"]).name for f in document["files"]] == ["a.txt", "b.txt", "c.txt"]
    assert document["summary"] == {
        "files": 3,
        "clean": 1,
        "with_errors": 1,
        "structural": 0,
        "unreadable": 1,
        "errors": 1,
        # a.txt: 109 ≠ 18 + 75 + 6 (N_TOTAL_BREAKDOWN), 「法律法规规章禁止公开」 and the column 「社会组织」
        # (F_LABEL_WORDING); b.txt: S_GOV_ACCOUNTABILITY, and its text's 其他结果 178 against the 179 put
        # into table 4 (N_REVIEW_LIT)
        "warnings": 5,
        "not_assessable": 0,
        "exit_code": 2,
    }
    finding = document["files"][1]["findings"][0]
    assert finding["rule"] == "T4_SUM_RV" and finding["severity"] == "error"
    assert (finding["lhs"], finding["rhs"], finding["difference"]) == (351, 352, -1)
    assert {c["row"] + "." + c["column"] for c in finding["cells"]} >= {"DATA.RV_TOT", "DATA.RV_OTHER"}
    assert document["files"][2]["error"] == "文件为空"


def test_show_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(HUAIAN), "--json")
    document = json.loads(out)
    assert code == 0
    assert (document["format"], document["agency"], document["year"]) == ("2021", "淮安市人民政府", 2024)
    t2, t3, t4 = (document["tables"][key] for key in ("T2", "T3", "T4"))
    assert [r["key"] for r in t2["rows"]] == ["REG", "NORM", "LICENSE", "PENALTY", "COERCION", "FEES"]
    assert sum(len(r["values"]) for r in t2["rows"]) == 10
    assert t2["rows"][-1]["values"] == ["96171.6"]
    assert len(t3["columns"]) == 7 and len(t3["rows"]) == 25
    assert all(len(r["values"]) == 7 for r in t3["rows"])
    assert len(t4["columns"]) == 15 and len(t4["rows"]) == 1 and len(t4["rows"][0]["values"]) == 15


def test_show_draws_the_grids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(HUAIAN))
    assert code == 0
    assert "淮安市人民政府" in out and "3985758" in out and "（七）总计" in out and "复议后起诉" in out


@pytest.mark.parametrize("columns", ["60", "80"])
def test_show_on_a_narrow_terminal_hides_no_number(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(capsys, "show", str(HUAIAN))
    assert code == 0
    # Every T3 row's seven numbers, whole and in order, on one printed line (labels may fold, numbers not).
    printed = {tuple(t for t in line.split() if t.isdigit()) for line in out.splitlines()}
    for key, numbers in expected_values(DATA / "huaian-city-government-2024.pypdf.expected.json")["T3"].items():
        assert tuple(str(v) for v in numbers) in printed, key
    # The grids, not the quotes of the text's numbers listed after them, are never cut.
    grids = out.split("正文所述数字")[0]
    assert "其他" in grids and "总计" in grids and "行政复议" in grids and "…" not in grids
    assert out.count(f"终端宽 {columns} 列，窄于表格") == 1


def test_show_on_a_wide_terminal_says_nothing_about_width(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    _code, out, _ = run(capsys, "show", str(HUAIAN))
    assert "窄于表格" not in out and max(len(line) for line in out.splitlines()) <= 200


def test_show_draws_placeholders_as_printed_and_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = _write(
        tmp_path, "r.txt", HUAIAN.read_text(encoding="utf-8").replace("规章 1 0 11", "规章 1 / 11").encode()
    )
    _code, out, _ = run(capsys, "show", str(report))
    rule_row = next(line for line in out.splitlines() if "规章" in line and "│" in line)
    # Printed as it is, marked ! for the T2_BLANK warning about it.
    assert rule_row.split("│")[3].strip() == "/!"
    assert "占位符（/、—、无 等）照原样显示" in out


def test_skip_non_reports_passes_over_files_that_are_no_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    requirements = _write(tmp_path, "requirements.txt", b"pytest>=8\nrich>=13\n")
    code, out, _ = run(capsys, "check", str(requirements), str(QU), "--skip-non-reports")
    assert code == 0 and "requirements.txt" not in out
    assert out.splitlines()[-1].startswith("共检查 1 个文件：1 个无错误")
    # Only "no report": an empty file is still trouble, and without the flag so is requirements.txt.
    empty = _write(tmp_path, "empty.txt", b"")
    assert run(capsys, "check", str(empty), "--skip-non-reports")[0] == 2
    code, out, _ = run(capsys, "check", str(requirements))
    assert code == 2 and "不是政府信息公开工作年度报告" in out


def test_rules_explain_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "T3_BALANCE" in out and "T2_VALID_LOWER" in out
    code, out, _ = run(capsys, "explain", "t3_balance")
    assert code == 0 and "国办公开办函〔2021〕30号" in out and "本年新收" in out
    code, _, err = run(capsys, "explain", "NOPE")
    assert code == 2 and "T3_BALANCE" in err
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "AnnualReport"


def test_a_broken_rule_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rules = _write(tmp_path, "bad.toml", b"[[rule]]\nid = 1\n")
    code, _out, err = run(capsys, "check", str(QU), "--rules", str(rules))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "bad.toml" in err


def test_the_console_script_starts_without_a_traceback(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    done = subprocess.run(
        [sys.executable, "-m", "giocheck", "check", str(empty)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "文件为空" in done.stdout


def test_an_unreadable_previous_report_is_named_and_stops_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    code, out, err = run(capsys, "check", str(QU), "--previous", str(empty))
    assert code == 2 and out == ""
    assert err == f"giocheck: {empty}: 上年报告无法读取：文件为空\n"
    code, _out, err = run(capsys, "check", str(QU), "--previous", str(tmp_path / "none.txt"), "--lang", "en")
    assert (
        code == 2 and err == f"giocheck: {tmp_path / 'none.txt'}: last year's report could not be read: no such file\n"
    )
    code, _out, err = run(capsys, "check", str(QU), "--previous", str(tmp_path))
    assert code == 2 and err == f"giocheck: {tmp_path}: 上年报告应是一个文件，不是文件夹\n"


def test_the_previous_report_is_read_once_for_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import giocheck.api
    import giocheck.execution

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(QU.read_bytes())
    last = _write(tmp_path, "last.txt", HUAIAN.read_bytes())
    reads: list[Path] = []

    def counting(path: str | Path) -> object:
        reads.append(Path(path))
        return load(path)

    load = giocheck.api.load
    monkeypatch.setattr(giocheck.api, "load", counting)
    monkeypatch.setattr(giocheck.execution, "load", counting)
    # In this process (one job, no time budget), so that the reads are counted here.
    code, out, _ = run(
        capsys, "check", str(folder), "--previous", str(last), "--format", "json", "--jobs", "1", "--time-budget", "0"
    )
    assert code in (0, 1) and len(json.loads(out)["files"]) == 3
    assert reads.count(last) == 1


def test_explain_takes_an_id_or_a_name_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    for token in ("T3_BALANCE", "t3_balance", "t3-balance", "t3-application-balance", "T3-APPLICATION-BALANCE"):
        code, out, _ = run(capsys, "explain", token)
        assert code == 0 and "T3_BALANCE (t3-application-balance)" in out, token
    code, _, err = run(capsys, "explain", "t3-aplication-balance")
    assert code == 2 and "t3-application-balance" in err and "是否要找" in err


@pytest.mark.parametrize("rule", ["T3_BALANCE", "X_CARRY", "T3_BLANK"])
def test_explain_in_english_names_the_cells_in_english(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The example relation too: no Chinese outside “…” (the format's labels in English, quoted).
    code, out, _ = run(capsys, "explain", rule, "--lang", "en")
    assert code == 0 and "Table 3, row “" in out
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", out))


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "t4-review-total", "--json")
    (rule,) = json.loads(out)
    assert code == 0 and rule["id"] == "T4_SUM_RV" and rule["kind"] == "sum"
    assert rule["basis_short_zh"] and rule["basis_short_en"] and "表四" in rule["example"]


def test_check_json_carries_the_likely_culprit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    edited = tmp_path / "granted.txt"
    edited.write_text(
        QU.read_text(encoding="utf-8").replace("(一) 予以公开\t0\t0", "(一) 予以公开\t2\t0"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", str(edited), "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert code == 1 and len(errors) == 2
    for finding in errors:
        assert finding["basis"]
        (suggestion,) = finding["suggestions"]
        assert suggestion | {"label": "", "label_en": ""} == {
            "repair": 1,
            "cell": "T3.R_GRANT.NP",
            "label": "",
            "label_en": "",
            "current": 2,
            "proposed": 0,
        }
    # A finding whose table's equations all hold (or that is no equation) has none worked out.
    assert all(f["suggestions"] is None for f in findings if f["severity"] != "error")
