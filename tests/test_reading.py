"""How the report was printed: labels read by similarity, rows and tables left out, tables in
another format's layout — agency mistakes told apart from reading failures (issue: reading)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck.api import check
from giocheck.cli import main
from giocheck.formats import formats
from giocheck.model import AnnualReport
from giocheck.strategies import reports
from giocheck.writers.output import render_bytes
from giocheck.writers.text import write_text
from tests.conftest import HUAIAN
from tests.support import read, values, without_column

SHANGHAI_2019 = HUAIAN.parent / "real" / "shanghai-city-government-office-2019.html"


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def _failed(report: AnnualReport) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check(report).findings:
        if finding.status == "fail":
            found.setdefault(finding.rule, []).append(finding.message_zh)
    return found


@pytest.mark.parametrize(
    ("official", "printed", "row"),
    [
        ("4.保护第三方合法权益", "4.保护第三方合权益", "R_DENY_4"),  # a character cropped in a narrow PDF cell
        ("4.保护第三方合法权益", "4.保護第三方合法權益", "R_DENY_4"),  # traditional characters
        ("1.本机关不掌握相关政府信息", "1.本机关不掌捤相关政府信息", "R_UNABLE_1"),  # OCR misread the pattern's word
        ("具已获取信息", "具己获取信息", "R_NOPROC_5"),  # 己 for 已, the pattern still matching
        ("1.本机关不掌握相关政府信息", "1.本機關不掌握相關政府資訊", "R_UNABLE_1"),  # traditional, the pattern matching
    ],
)
def test_a_misprinted_label_is_placed_and_said(huaian_text: str, official: str, printed: str, row: str) -> None:
    assert huaian_text.count(official) == 1
    original = read(huaian_text)
    report = read(huaian_text.replace(official, printed))
    assert report.problems == []
    assert values(report) == values(original)
    failed = _failed(report)
    assert [n.row for n in report.notes] == [row]  # never silently, even where a pattern matched
    (message,) = failed["F_ROW_LABEL"]
    assert printed in message
    assert formats()["2021"].table("T3").row(row).label in message


def test_a_label_that_fits_two_rows_equally_stops_that_table_only(huaian_text: str, tmp_path: Path) -> None:
    # The group label and the words that tell 逾期不补正 from 逾期未缴费 are lost.
    start = huaian_text.index("（六）其\n")
    end = huaian_text.index("67 3 0 0 1 0 71")
    text = huaian_text[:start] + "申请人行政机关不再处理其政府信息公开申请 " + huaian_text[end:]
    report = read(text)
    (problem,) = [p for p in report.problems if p.unchecked]
    assert {p.table for p in report.problems} == {"T3"}
    assert "逾期不补正" in problem.message_zh and "逾期未缴费" in problem.message_zh
    result = check(report)
    assert {f.rule[:2] for f in result.findings} <= {"T2", "T4"}
    assert any(f.rule.startswith("T4") for f in check(read(text.replace("72 64 178", "72 64 179"))).findings)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2


def test_a_label_broken_over_a_page_end_is_joined(huaian_text: str) -> None:
    original = read(huaian_text)
    line = _line(huaian_text, "（四）无 1.本机关不掌握")
    numbers = line.split("政府信息", 1)[1]
    for broken in (
        f"（四）无法提{numbers}\n- 5 -\n供",
        f"（四）无法提 1.本机关不掌握相关{numbers}\n- 5 -\n供 政府信息",
    ):
        report = read(huaian_text.replace(line, broken))
        assert report.problems == [] and report.notes == []
        assert values(report) == values(original)


def test_a_deleted_row_is_an_error_and_the_rest_is_checked(huaian_text: str, tmp_path: Path) -> None:
    text = huaian_text.replace(_line(huaian_text, "2.重复申请") + "\n", "").replace("72 64 178", "72 64 179")
    report = read(text)
    assert report.problems == []
    assert report.tables["T3"].rows["R_NOPROC_2"].source == "absent"
    failed = _failed(report)
    assert "「2.重复申请」" in failed["S_TABLE_ROWS"][0]
    assert any(rule.startswith("T4") for rule in failed)  # the other tables' rules still run
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1


def test_show_json_prints_the_partial_table(
    huaian_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(huaian_text.replace(_line(huaian_text, "2.重复申请") + "\n", ""), encoding="utf-8")
    main(["show", str(path), "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert "T3" in json.dumps(shown, ensure_ascii=False)
    assert "3119" in json.dumps(shown)


def test_a_deleted_table_is_an_error_not_unreadable(huaian_text: str) -> None:
    start, end = huaian_text.index("四、政府信息公开行政复议"), huaian_text.index("五、")
    report = read(huaian_text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n" + huaian_text[end:])
    assert report.problems == []
    assert "表四「政府信息公开行政复议、行政诉讼情况」" in _failed(report)["S_TABLES"][0]


def test_a_report_cut_off_in_a_table_is_still_unreadable(huaian_text: str) -> None:
    report = read(huaian_text[: huaian_text.index("2.重复申请")])
    assert {p.table for p in report.problems} == {"T3", "T4"}
    assert report.notes == []


def _t2_2019() -> str:
    """Table two as the 2019 trial format prints it, from a real 2019 report."""
    from giocheck.api import load

    text = write_text(load(SHANGHAI_2019))
    start = text.index("第二十条第（一）项", text.index("二、主动公开"))
    return text[start : text.index("\n", text.index("政府集中采购", start)) + 1]


def test_a_table_in_the_old_layout_is_read_in_it_and_said(huaian_text: str) -> None:
    start = huaian_text.index("第二十条")
    end = huaian_text.index("三、收到和处理政府信息公开申请情况")
    report = read(huaian_text[:start] + _t2_2019() + huaian_text[end:])
    assert report.problems == []
    assert report.metadata.format == "2021"
    assert report.tables["T2"].format == "2019"
    assert report.tables["T2"].rows["PROCUREMENT"].cells["PROC_ITEMS"].value == 6
    assert report.tables["T3"].format is None
    failed = _failed(report)
    (message,) = failed["F_TABLE_LAYOUT"]
    assert "表二" in message and "2019" in message and "未按新格式" in message
    assert "F_VERSION" not in failed
    assert not any("不是该表的任何一行" in m for ms in failed.values() for m in ms)


_LABELLED = st.sampled_from(
    [
        (table.key, row.key)
        for table in formats()["2021"].tables
        for row in table.rows
        if len(row.label) >= 4 and not table.single_row
    ]
)


@given(reports(format="2021"), _LABELLED, st.data())
def test_any_label_with_one_character_dropped_is_still_placed(
    report: AnnualReport, where: tuple[str, str], data: st.DataObject
) -> None:
    table, row = where
    text = write_text(report)
    label = formats()["2021"].table(table).row(row).label
    lines = text.splitlines()
    # The writer prints a row as tab-separated cells: group cells, the label, the numbers.
    index, field = next(
        (i, fields.index(label)) for i, fields in enumerate(line.split("\t") for line in lines) if label in fields
    )
    drop = data.draw(st.integers(0, len(label) - 1), label="dropped")
    fields = lines[index].split("\t")
    fields[field] = label[:drop] + label[drop + 1 :]
    lines[index] = "\t".join(fields)
    original, damaged = read(text), read("\n".join(lines))
    assert damaged.problems == []
    assert values(damaged)[table][row] == values(original)[table][row]
    assert values(damaged) == values(original)


@settings(max_examples=50)
@given(reports(format="2019"))
def test_a_2019_report_with_the_2021_rows_is_read_in_them_and_said(report: AnnualReport) -> None:
    text = write_text(report)
    old = next(line for line in text.splitlines() if line.strip().startswith("（六）其他处理"))
    numbers = old.split("其他处理", 1)[1]
    zeros = "\t0" * 7
    new = (
        f"\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请{numbers}\n"
        f"\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请{zeros}\n"
        f"\t\t3.其他{zeros}"
    )
    read_back = read(text.replace(old, new))
    assert read_back.problems == []
    assert read_back.metadata.format == "2019"
    assert read_back.tables["T3"].format == "2021"
    table = read_back.tables["T3"]
    assert values(read_back)["T3"]["R_OTHER_1"] == values(read(text))["T3"]["R_OTHER"]
    assert {
        key: values(read_back)["T3"][key]
        for key in table.rows
        if key.startswith("R_") and not key.startswith("R_OTHER")
    } == {
        key: values(read(text))["T3"][key]
        for key in table.rows
        if key.startswith("R_") and not key.startswith("R_OTHER")
    }
    (note,) = read_back.notes
    assert (note.kind, note.table, note.printed, note.expected) == ("layout", "T3", "2021", "2019")
    (message,) = _failed(read_back)["F_TABLE_LAYOUT"]
    assert "尚未施行" in message and "未按新格式" not in message


def test_a_deleted_column_is_an_error_and_the_rest_is_checked(huaian_text: str) -> None:
    report = read(without_column(huaian_text, "其他", -2))
    assert report.problems == []
    assert all(row.cells["OT"].value is None for row in report.tables["T3"].rows.values())
    assert report.tables["T3"].rows["NEW"].cells["TOT"].value == 3119
    failed = _failed(report)
    assert "「法人或其他组织·其他」" in failed["S_TABLE_COLUMNS"][0]
    assert not any(rule.startswith("T3") for rule in failed)  # blank: not assessable, never wrong


def test_a_2019_header_over_2021_rows_is_read_in_the_2021_layout(huaian_text: str) -> None:
    """Only the first sub-table's header in the 2019 wording: the numbers are the 2021 table's,
    and no cell is put in a column of the 2019 layout."""
    text = render_bytes(read(huaian_text), ".txt").decode()  # cells apart by tabs, merged cells leaving blanks
    header = "本年制发件数\t本年废止件数\t现行有效件数"
    assert text.count(header) == 1
    report = read(text.replace(header, "本年新制作数量\t本年新公开数量\t对外公开总数量"))
    assert report.tables["T2"].format is None
    assert values(report)["T2"] == values(read(huaian_text))["T2"]


def test_show_json_names_the_columns_left_out(
    huaian_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(without_column(huaian_text, "其他", -2), encoding="utf-8")
    main(["show", str(path), "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert shown["tables"]["T3"]["missing_columns"] == ["OT"]
    assert "missing_columns" not in shown["tables"]["T4"]
