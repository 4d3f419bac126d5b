"""Printed column headers (`giocheck/extract/headers.py`) and F_LABEL_WORDING's claims about
them (`headers` in rules/checks/reading.toml, `giocheck/engine/labelling.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from giocheck import check, load
from giocheck.engine.crosscheck import cross_check
from giocheck.engine.findings import Finding
from giocheck.engine.ruledata import Claim
from giocheck.engine.rulefile import default_rules
from giocheck.engine.schema import LabelsRule
from giocheck.render.json import report_json
from tests.support import read

_QU_HEADER = "\t\t\t商业企业\t科研机构\t社会组织\t法律服务\t其他机构\t"
_OFFICIAL = "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"


def _headers(text: str) -> list[Finding]:
    return [f for f in check(read(text)).findings if f.rule == "F_LABEL_WORDING" and "栏目" in f.message_zh]


def test_the_qu_sample_prints_three_applicant_columns_otherwise(qu_text: str) -> None:
    found = _headers(qu_text)
    assert [(f.scope, f.severity) for f in found] == [("T3.SW", "warning"), ("T3.LS", "info"), ("T3.OT", "info")]
    social, legal, other = found
    assert "表三的栏目名称「社会组织」与统一格式的「社会公益组织」不同" in social.message_zh
    assert "wider than the format's" in social.message_en and "“社会组织”" in social.message_en
    assert "「法律服务机构」" in legal.message_zh and "「其他」" in other.message_zh
    assert social.where is not None and social.where.line == 48 and social.where.column == 6


def test_official_headers_are_no_finding(qu_text: str) -> None:
    assert _QU_HEADER in qu_text
    assert _headers(qu_text.replace(_QU_HEADER, _OFFICIAL)) == []


def test_a_header_cell_printed_over_two_lines_is_one_header(qu_text: str) -> None:
    two_lines = "\t\t\t商业\t科研\t社会公益\t法律服务\t其他\t\n\t\t\t企业\t机构\t组织\t机构\t\t"
    report = read(qu_text.replace(_QU_HEADER, two_lines))
    assert {"社会公益组织", "法律服务机构", "其他"} <= {h.text for h in report.tables["T3"].headers}
    assert _headers(qu_text.replace(_QU_HEADER, two_lines)) == []


def test_a_fee_header_without_its_unit(qu_text: str) -> None:
    assert not [f for f in _headers(qu_text) if f.scope.startswith(("T2.", "T4."))]  # 其他 over 结果: 其他结果
    without = qu_text.replace("本年收费金额（单位：万元）", "本年收费金额")
    (found,) = [f for f in _headers(without) if f.scope.startswith("T2.")]
    assert found.scope == "T2.AMOUNT" and found.severity == "info"
    assert "「本年收费金额（单位：万元）」" in found.message_zh and "10,000 yuan" in found.message_en


def test_a_table_four_column_printed_as_other_alone(qu_text: str) -> None:
    # The sample prints 其他 over 结果 (one header, 其他结果); printed as 其他 alone it is info.
    lines = qu_text.split("\n")
    (first,) = [i for i, line in enumerate(lines) if line.startswith("结果\t结果\t其他\t")]
    lines[first] = lines[first].replace("其他", "", 1)
    lines[first + 2] = lines[first + 2].replace("维持\t纠正\t结果\t", "维持\t纠正\t其他\t", 1)
    (found,) = [f for f in _headers("\n".join(lines)) if f.scope.startswith("T4.")]
    assert found.scope == "T4.RV_OTHER" and found.severity == "info" and "「其他结果」" in found.message_zh


def test_lines_without_cells_give_no_headers(huaian_text: str) -> None:
    # Text in reading order (a PDF's text layer): which words form a cell cannot be told.
    report = read(huaian_text)
    assert all(table.headers == [] for table in report.tables.values())


def test_a_report_read_from_json_has_no_printed_headers(tmp_path: Path, qu_text: str) -> None:
    report = read(qu_text)
    assert report.tables["T3"].headers
    path = tmp_path / "qu.json"
    path.write_text(json.dumps(report_json(report), ensure_ascii=False), encoding="utf-8")
    from_json = load(path)
    assert from_json.tables["T3"].rows and all(table.headers == [] for table in from_json.tables.values())
    assert not [f for f in check(from_json).findings if "栏目" in f.message_zh]


def test_a_header_claim_names_one_column_and_compiles() -> None:
    (rule,) = [r for r in default_rules().rules if r.id == "F_LABEL_WORDING"]
    assert isinstance(rule, LabelsRule) and rule.headers
    assert cross_check(rule) is None
    two = rule.model_copy(update={"headers": [Claim(pattern="社会组织", cells=["T3.NEW.SW", "T3.NEW.LS"])]})
    assert cross_check(two) == ("headers[0].cells", "name the one column the header is of, e.g. T3.NEW.SW")
    broken = rule.model_copy(update={"headers": [Claim(pattern="社会(组织", cells=["T3.NEW.SW"])]})
    problem = cross_check(broken)
    assert problem is not None and problem[0] == "headers[0].pattern"
    unknown = rule.model_copy(update={"headers": [Claim(pattern="x", cells=["T3.NEW.XX"])]})
    problem = cross_check(unknown)
    assert problem is not None and problem[0] == "headers[0].cells"


def test_rows_printed_with_blank_cells_are_no_headers() -> None:
    # 上海市人民政府办公厅 2019 prints zeros as blanks: rows such as （六）其他处理 carry no number,
    # yet they are rows of the table, not a header block between two runs of rows.
    real = Path(__file__).parent / "data" / "real"
    for name in ("shanghai-city-government-office-2019.html", "shanghai-city-government-office-2019.docx"):
        table = load(real / name).tables["T3"]
        texts = [header.text for header in table.headers]
        assert "社会公益组织" in texts and "总计" in texts, name
        assert not any(text.startswith(("（六）", "2.", "7.", "3.")) for text in texts), (name, texts)
