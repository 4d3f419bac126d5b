"""The rules that read text, content, years and agencies: one fault per fixture, no false alarm.

Each fault is made by editing a real sample in memory; removing the rule it names from
`rules/` makes its test fail.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from giocheck import check
from giocheck.engine.findings import Finding, Result
from giocheck.engine.report import passages
from giocheck.engine.rulefile import default_rules
from giocheck.model import AnnualReport, Metadata, Section
from giocheck.resources import rules_dir
from tests.support import read

_OWN_FILES = ("content.toml", "text.toml", "years.toml")


# The Qu sample prints 「其他法律法规规章禁止公开」 and 「改进措施」: its own true findings, tested
# in test_the_qu_sample_gets_exactly_its_true_findings; left out of the single-fault comparisons.
_LABELS = "F_LABEL_WORDING"


def _rules_fired(text: str, **options: object) -> dict[str, list[str]]:
    result = check(read(text), **options)  # type: ignore[arg-type]
    fired: dict[str, list[str]] = {}
    for finding in (f for f in result.failures if f.rule != _LABELS):
        fired.setdefault(finding.rule, []).append(finding.message_zh)
    return fired


def _last_year(huaian: str) -> str:
    return huaian.replace("2024 年政府信息公开工作年度报告", "2023 年政府信息公开工作年度报告").replace(
        "2024 年 1 月 1 日至 2024 年 12 月 31 日", "2023 年 1 月 1 日至 2023 年 12 月 31 日"
    )


# ------------------------------------------------------------------ the samples


def test_the_qu_sample_gets_exactly_its_true_findings(qu_text: str) -> None:
    result = check(read(qu_text))
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("F_LABEL_WORDING", "warning"),  # 规章 is no ground to refuse (条例第十四条)
        ("F_LABEL_WORDING", "info"),  # 改进措施 for 改进情况
        ("F_LABEL_WORDING", "warning"),  # column 社会组织, wider than 社会公益组织
        ("F_LABEL_WORDING", "info"),  # column 法律服务 for 法律服务机构
        ("F_LABEL_WORDING", "info"),  # column 其他机构 for 其他
        ("N_TOTAL_BREAKDOWN", "warning"),
    ]
    assert "「2.其他法律行政法规禁止公开」" in result.findings[0].message_zh
    fixed = (
        qu_text.replace("其他法律法规规章禁止公开", "其他法律行政法规禁止公开")
        .replace("及改进措施", "及改进情况")
        .replace("社会组织\t法律服务\t其他机构", "社会公益组织\t法律服务机构\t其他")
    )
    assert "F_LABEL_WORDING" not in {f.rule for f in check(read(fixed)).findings}
    message = result.findings[-1].message_zh
    assert message.endswith("可能只列举了一部分；如是，请写明“其中”或补全分项）")  # 发布内容涵盖…
    assert "109" in message and "18 + 75 + 6 = 99" in message and "相差 +10" in message
    assert "一、总体情况" in message


def test_the_huaian_sample_text_agrees_with_its_tables(huaian_text: str) -> None:
    result = check(read(huaian_text))
    assert {"N_APPLICATIONS", "N_REVIEW_LIT", "N_ZERO_CLAIMS", "N_REG_TEXT"} <= set(result.rules_run)
    # The one finding is true: the report of a 人民政府 never mentions 社会评议 or 责任追究 (条例第五十条第四项).
    assert [f.rule for f in result.findings] == ["S_GOV_ACCOUNTABILITY"]
    assert "社会评议、责任追究" in result.findings[0].message_zh


def test_the_huaian_claims_are_read_from_the_text(huaian_text: str) -> None:
    # Every number the prose states about applications and cases is compared (and agrees).
    fired = _rules_fired(
        huaian_text.replace("申请 3119 件", "申请 3118 件")
        .replace("答\n复 3050 件", "答\n复 3051 件")
        .replace("结转申请 34 件", "结转申请 35 件")
        .replace("另有 103 件", "另有 104 件")
    )
    assert len(fired["N_APPLICATIONS"]) == 4


# ------------------------------------------------------------------ one fault each

_FAULTS_QU = [
    ("N_ZERO_CLAIMS", "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "0\t0\t1\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
    ("N_REG_TEXT", "行政规范性文件\t0\t0\t0", "行政规范性文件\t2\t0\t2"),
    ("P_REG_AUTHORITY", "规章\t0\t0\t0", "规章\t1\t0\t1"),
    (
        "Y_PERIOD",
        "统计期限为 2025 年 1 月 1 日至 2025 年 12 月 31 日",
        "统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日",
    ),
    ("Y_STALE_YEAR", "(三)政府信息管理。2025 年，我局", "(三)政府信息管理。2024 年，我局"),
    ("F_VERSION", "2025 年政府信息公开工作年度报告", "2020 年政府信息公开工作年度报告"),
    ("S_PARTS", "六、其他需要报告的事项", "其他需要报告的事项"),
    ("S_OVERVIEW_ASPECTS", "(四)政府信息公开平台建设。", "(四)其他。"),
    ("S_FEE_STATEMENT", "渠县信访局 2025 年未发出政府信息处理费收费通知，未收取信息处理费。", "无。"),
    ("X_OTHER_PLACE", "编制渠县信访局 2025 年", "编制达川区信访局 2025 年"),
]


@pytest.mark.parametrize(("rule", "before", "after"), _FAULTS_QU, ids=[f[0] for f in _FAULTS_QU])
def test_one_fault_in_the_qu_sample(qu_text: str, rule: str, before: str, after: str) -> None:
    assert before in qu_text
    fired = _rules_fired(qu_text.replace(before, after))
    assert rule in fired
    # A report said to be for 2020 also has its 2025 statistics period and statements flagged.
    also = {"Y_PERIOD", "Y_STALE_YEAR"} if rule == "F_VERSION" else set()
    assert set(fired) <= {rule, "N_TOTAL_BREAKDOWN", *also}


_FAULTS_HUAIAN = [
    ("N_APPLICATIONS", "申请 3119 件", "申请 3219 件"),
    ("N_REVIEW_LIT", "行政复议 351\n件，其中结果维持 72 件", "行政复议 351\n件，其中结果维持 70 件"),
    ("N_OTHER_RESULTS", "均在法定期限内予以答复。", "均在法定期限内予以答复。其他处理190件。"),
    ("N_FEE_NOTICE", "全年收取政府信息公开信息处理费 3940 元。", "未发出收费通知。"),
    ("N_SHARE", "均在法定期限内予以答复。", "均在法定期限内予以答复。抽查 200 件，其中 45 件，占 45%。"),
]


@pytest.mark.parametrize(("rule", "before", "after"), _FAULTS_HUAIAN, ids=[f[0] for f in _FAULTS_HUAIAN])
def test_one_fault_in_the_huaian_sample(huaian_text: str, rule: str, before: str, after: str) -> None:
    assert before in huaian_text
    fired = _rules_fired(huaian_text.replace(before, after))
    assert set(fired) == {rule, "S_GOV_ACCOUNTABILITY"}


def test_a_correct_percentage_and_a_consistent_total_pass(huaian_text: str, qu_text: str) -> None:
    fine = huaian_text.replace("均在法定期限内予以答复。", "均在法定期限内予以答复。抽查 200 件，其中 90 件，占 45%。")
    assert set(_rules_fired(fine)) == {"S_GOV_ACCOUNTABILITY"}
    assert _rules_fired(qu_text.replace("政府信息 109 条", "政府信息 99 条")) == {}
    assert _rules_fired(qu_text.replace("政府信息 109 条", "政府信息一百零九条")).keys() == {"N_TOTAL_BREAKDOWN"}


def test_an_empty_part_is_named(qu_text: str) -> None:
    emptied = re.sub(r"(五、存在的主要问题及改进措施\n).*?(\n六、)", r"\1\2", qu_text, flags=re.DOTALL)
    assert "该部分没有内容" in _rules_fired(emptied)["S_PARTS"][0]


def test_a_government_that_covers_accountability(huaian_text: str) -> None:
    covered = huaian_text.replace("全年收取", "开展工作考核和社会评议，未发生责任追究情况。全年收取")
    assert _rules_fired(covered) == {}


def test_a_given_level_lets_a_city_department_report_rules_as_a_warning(qu_text: str) -> None:
    text = qu_text.replace("规章\t0\t0\t0", "规章\t1\t0\t1")
    fired = _rules_fired(text, agency_level="city")
    assert "P_REG_AUTHORITY" not in fired and "P_REG_DEPARTMENT" in fired
    assert "P_REG_DEPARTMENT" not in _rules_fired(text, agency_level="city", agency_kind="government")


def test_2019_tables_in_a_2022_report() -> None:
    sections = [Section(key="OVERVIEW", heading="一、总体情况", text="主动公开。")]
    report = AnnualReport(metadata=Metadata(agency="某县司法局", year=2022, format="2019"), sections=sections)
    assert "F_VERSION" in {f.rule for f in check(report).failures}


@pytest.mark.parametrize(
    ("sample", "published", "late"),
    [
        ("qu", date(2026, 1, 31), False),
        ("qu", date(2026, 2, 1), True),
        ("huaian", date(2025, 3, 31), False),
        ("huaian", date(2025, 4, 1), True),
    ],
)
def test_deadlines(qu_text: str, huaian_text: str, sample: str, published: date, late: bool) -> None:
    fired = _rules_fired(qu_text if sample == "qu" else huaian_text, published=published)
    assert ("Y_DEADLINE" in fired) == late


@pytest.mark.parametrize(("published", "late"), [(date(2018, 3, 20), False), (date(2018, 5, 1), True)])
def test_a_report_before_2019_is_due_by_31_march(published: date, late: bool) -> None:
    # No national tables before 2019 (format `legacy`), but the 2007 regulation's deadline.
    report = AnnualReport(metadata=Metadata(agency="某县司法局", year=2017, format="legacy", published=published))
    result = check(report)
    assert [f.rule for f in result.failures] == (["Y_DEADLINE"] if late else [])
    assert "Y_DEADLINE" in result.rules_run
    if late:
        assert "晚于 2018-03-31" in result.failures[0].message_zh


def test_a_2018_report_had_until_31_march(qu_text: str) -> None:
    report = read(qu_text)
    old = report.model_copy(update={"metadata": report.metadata.model_copy(update={"year": 2018})})
    assert "Y_DEADLINE" not in {f.rule for f in check(old, published=date(2019, 3, 30)).failures}
    assert "Y_DEADLINE" in {f.rule for f in check(old, published=date(2019, 4, 2)).failures}


# ------------------------------------------------------------------ across years


def test_carried_in_must_be_last_years_carried_over(huaian_text: str) -> None:
    result = check(read(huaian_text), previous=read(_last_year(huaian_text)))
    carry = [f for f in result.failures if f.rule == "X_CARRY"]
    assert {f.binding for f in carry} == {(("column", "NP"),), (("column", "TOT"),)}
    assert "103" in carry[0].message_zh and "34" in carry[0].message_zh
    assert "其中一份可能有误" in carry[0].message_zh  # either report may be the wrong one
    consistent = _last_year(huaian_text).replace(
        "四、结转下年度继续办理 103 0 0 0 0 0 103", "四、结转下年度继续办理 34 0 0 0 0 0 34"
    )
    assert "X_CARRY" not in {f.rule for f in check(read(huaian_text), previous=read(consistent)).failures}


def test_documents_in_force_continue(huaian_text: str) -> None:
    result = check(read(huaian_text), previous=read(_last_year(huaian_text)))
    assert {f.binding for f in result.failures if f.rule == "X_T2_CONTINUITY"} == {
        (("row", "REG"),),
        (("row", "NORM"),),
    }
    message = next(f for f in result.failures if f.rule == "X_T2_CONTINUITY").message_zh
    assert "而上年（" not in message and "两年的报告接不上" in message
    continued = (
        _last_year(huaian_text)
        .replace("规章 1 0 11", "规章 1 0 10")
        .replace("行政规范性文件 8 26 66", "行政规范性文件 8 26 84")
    )
    assert "X_T2_CONTINUITY" not in {f.rule for f in check(read(huaian_text), previous=read(continued)).failures}


def test_text_repeated_from_last_year(huaian_text: str, qu_text: str) -> None:
    result = check(read(huaian_text), previous=read(_last_year(huaian_text)))
    similar = [f for f in result.failures if f.rule == "X_SIMILAR"]
    assert len(similar) == 1 and "100%" in similar[0].message_zh and "字）" in similar[0].message_zh
    other = check(read(qu_text), previous=read(huaian_text))
    assert "X_SIMILAR" not in {f.rule for f in other.failures}


def _x_findings(result: Result) -> list[tuple[str, str, str]]:
    return [(f.rule, f.status, f.message_zh) for f in result.findings if f.rule.startswith("X_")]


def test_a_previous_report_of_the_same_year_is_not_compared(huaian_text: str) -> None:
    # Not even X_SIMILAR: the same text is no sign of copying when it is the same year's report.
    result = check(read(huaian_text), previous=read(huaian_text))
    assert _x_findings(result) == [
        (
            "X_CARRY",
            "not_assessable",
            "上年报告是淮安市人民政府2024年度报告，与本报告（淮安市人民政府2024年度报告）年度不相接，未作跨年比对",
        )
    ]
    assert result.findings[-1].severity == "info"


def test_a_previous_report_of_another_agency_is_not_compared(huaian_text: str) -> None:
    other = _last_year(huaian_text).replace("淮安市人民政府\n2023", "宿迁市人民政府\n2023", 1)
    assert read(other).metadata.agency == "宿迁市人民政府"
    result = check(read(huaian_text), previous=read(other))
    assert _x_findings(result) == [
        (
            "X_CARRY",
            "not_assessable",
            "上年报告是宿迁市人民政府2023年度报告，与本报告（淮安市人民政府2024年度报告）机关不同，未作跨年比对",
        )
    ]


@pytest.mark.parametrize(
    ("this", "last"),
    [
        ("淮安市人民政府", "淮安市人民政府办公室"),
        ("淮安市 人民政府", "淮安市人民政府"),
        ("淮安市政府", "淮安市人民政府办公厅"),
    ],
)
def test_a_government_and_its_office_are_one_agency(huaian_text: str, this: str, last: str) -> None:
    report = read(huaian_text)
    previous = read(_last_year(huaian_text))
    result = check(
        report.model_copy(update={"metadata": report.metadata.model_copy(update={"agency": this})}),
        previous=previous.model_copy(update={"metadata": previous.metadata.model_copy(update={"agency": last})}),
    )
    assert "X_CARRY" in {f.rule for f in result.failures}


def test_previous_given_for_several_files_is_used_only_where_it_fits(tmp_path: Path, huaian_text: str) -> None:
    from giocheck.runner import check_paths

    (tmp_path / "2024.txt").write_text(huaian_text, encoding="utf-8")
    (tmp_path / "2023.txt").write_text(_last_year(huaian_text), encoding="utf-8")
    outcomes = {Path(o.path).name: o.result for o in check_paths([tmp_path], previous=read(_last_year(huaian_text)))}
    this, last = outcomes["2024.txt"], outcomes["2023.txt"]
    assert this is not None and "X_CARRY" in {f.rule for f in this.failures}
    # Last year's report is not compared with itself ("正文有 100% 与2023年度报告相同").
    assert last is not None and [(rule, status) for rule, status, _ in _x_findings(last)] == [
        ("X_CARRY", "not_assessable")
    ]


def test_two_years_in_one_folder_are_paired(tmp_path: Path, huaian_text: str) -> None:
    from giocheck.runner import check_paths

    (tmp_path / "2024.txt").write_text(huaian_text, encoding="utf-8")
    (tmp_path / "2023.txt").write_text(_last_year(huaian_text), encoding="utf-8")
    outcomes = {Path(o.path).name: o for o in check_paths([tmp_path])}
    this = outcomes["2024.txt"].result
    assert this is not None and "X_CARRY" in {f.rule for f in this.failures}
    last = outcomes["2023.txt"].result
    assert last is not None and "X_CARRY" not in last.rules_run


def test_the_cli_options(tmp_path: Path, huaian_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    from giocheck.cli import main

    this, last = tmp_path / "this.txt", tmp_path / "last.txt"
    this.write_text(huaian_text, encoding="utf-8")
    last.write_text(_last_year(huaian_text), encoding="utf-8")
    assert main(["check", str(this), "--previous", str(last), "--published", "2025-04-02", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"X_CARRY"' in out and '"Y_DEADLINE"' in out
    assert main(["check", str(this), "--agency-kind", "department", "--format", "json"]) == 0
    assert '"S_GOV_ACCOUNTABILITY"' not in capsys.readouterr().out
    with pytest.raises(SystemExit) as raised:
        main(["check", str(this), "--published", "2025-13-01"])
    assert raised.value.code == 2


# ------------------------------------------------------------------ coverage of the rule files


def test_every_new_rule_has_a_fault_test() -> None:
    ids = {
        r.id for r in default_rules().rules if any(r.id in (rules_dir() / "checks" / f).read_text() for f in _OWN_FILES)
    }
    tested = Path(__file__).read_text(encoding="utf-8")
    assert ids and all(f'"{rule_id}"' in tested for rule_id in ids), sorted(i for i in ids if f'"{i}"' not in tested)


_TEXT_RULE = """
[[rule]]
id = "N_MINE"
name = "n-mine"
kind = "text_claim"
severity = "warning"
formats = ["2021"]
sections = ["OVERVIEW"]
title_zh = "t"
title_en = "t"
basis_zh = "b"
basis_en = "b"
message_zh = "{section}：{stated} ≠ {table}"
message_en = "{section}: {stated} != {table}"

[[rule.claims]]
pattern = "收到申请(?P<n>{number})件"
cells = ["T3.NEW.TOT"]
"""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            ('pattern = "收到申请(?P<n>{number})件"', 'pattern = "收到申请(?P<n>{number}件"'),
            "claims[0].pattern: not a valid",
        ),
        (('cells = ["T3.NEW.TOT"]', 'cells = ["T3.NEWW.TOT"]'), "claims[0].cells: 'T3.NEWW.TOT': no such cell"),
        (('cells = ["T3.NEW.TOT"]', 'cells = ["NEW/TOT"]'), "write TABLE.ROW.COLUMN"),
        (('sections = ["OVERVIEW"]', 'sections = ["OVERVEIW"]'), "field sections: unknown section"),
        (
            ('sections = ["OVERVIEW"]', 'sections = ["OVERVIEW"]\ntable = "T3"'),
            "field table: kind 'text_claim' takes no table",
        ),
        (('sections = ["OVERVIEW"]', "sections = []"), "field sections: kind 'text_claim' needs sections"),
        (
            ('message_zh = "{section}：{stated} ≠ {table}"', 'message_zh = "{lhs}"'),
            "field message_zh: unknown slot {lhs}",
        ),
        (('kind = "text_claim"', 'kind = "sum"'), "field lhs: kind 'sum' needs lhs"),
        (
            ('formats = ["2021"]', 'formats = ["2021", "legacy"]'),
            "field formats: kind 'text_claim' reads tables: reports before 2019 (legacy) have none",
        ),
    ],
)
def test_a_broken_text_rule_names_the_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    from giocheck.engine.rulefile import load_rule_file
    from giocheck.errors import RuleFileError

    assert change[0] in _TEXT_RULE
    path = tmp_path / "mine.toml"
    path.write_text(_TEXT_RULE.replace(*change), encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_rule_file(path)
    assert str(path) in str(raised.value) and field in str(raised.value)


def test_a_users_text_rule_runs(tmp_path: Path, huaian_text: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_TEXT_RULE.replace("收到申请", "受理政府信息公开申请"), encoding="utf-8")
    result = check(read(huaian_text.replace("申请 3119 件", "申请 3000 件")), rules=[path])
    assert "一、总体情况：3000 ≠ 3119" in [f.message_zh for f in result.failures if f.rule == "N_MINE"]


def test_sums_use_an_older_formats_row_and_say_how_the_table_deviates(huaian_text: str) -> None:
    start, end = huaian_text.index("（六）其"), huaian_text.index("（七）总计")
    mixed = huaian_text[:start] + "（六）其他处理 181 5 0 0 1 0 187\n" + huaian_text[end:]
    result = check(read(mixed))
    assert sorted((f.rule, f.severity) for f in result.failures) == [
        ("F_SUBSTITUTED_ROWS", "error"),
        ("S_GOV_ACCOUNTABILITY", "warning"),
    ]
    assert not [f for f in result.findings if f.status == "not_assessable"]
    wrong = check(read(mixed.replace("（六）其他处理 181", "（六）其他处理 182")))
    fired = {(f.rule, f.scope) for f in wrong.errors}
    assert fired == {("T3_RESULT_SUM", "table 3 column NP"), ("F_SUBSTITUTED_ROWS", "T3.R_OTHER")}
    finding = next(f for f in wrong.errors if f.rule == "T3_RESULT_SUM")
    assert "R_OTHER" in {c.ref.row for c in finding.rhs}


# ------------------------------------------------------------------ rule files that would crash while checking


_SHARE_RULE = """
[[rule]]
id = "N_MY_SHARE"
name = "n-my-share"
kind = "stated_share"
severity = "warning"
formats = ["2021"]
sections = ["OVERVIEW"]
title_zh = "t"
title_en = "t"
basis_zh = "b"
basis_en = "b"
message_zh = "{part}/{whole} ≠ {stated}"
message_en = "{part}/{whole} != {stated}"

[[rule.claims]]
pattern = "抽查(?P<whole>{number})件，其中(?P<part>{number})件，占(?P<pct>{percent})"
"""

_TOTAL_RULE = """
[[rule]]
id = "N_MY_TOTAL"
name = "n-my-total"
kind = "stated_total"
severity = "warning"
formats = ["2021"]
sections = ["OVERVIEW"]
title_zh = "t"
title_en = "t"
basis_zh = "b"
basis_en = "b"
message_zh = "{total} ≠ {sum}"
message_en = "{total} != {sum}"

[[rule.claims]]
pattern = "共(?P<n>{number})条"
part = "（(?P<n>{number})条）"
"""

_DEADLINE_RULE = """
[[rule]]
id = "Y_MY_DEADLINE"
name = "y-my-deadline"
kind = "deadline"
severity = "error"
formats = ["2021"]
title_zh = "t"
title_en = "t"
basis_zh = "b"
basis_en = "b"
message_zh = "{published} > {due}"
message_en = "{published} > {due}"

[[rule.deadlines]]
month = 2
day = 29
text_zh = "二月底"
text_en = "end of February"
"""


@pytest.mark.parametrize(
    ("body", "change", "field"),
    [
        (
            _SHARE_RULE,
            ("(?P<pct>{percent})", "{percent}"),
            "rule N_MY_SHARE: field claims[0].pattern: kind 'stated_share' needs the named group(s) (?P<pct>…)",
        ),
        (
            _SHARE_RULE,
            ("(?P<whole>{number})", "{number}"),
            "field claims[0].pattern: kind 'stated_share' needs the named group(s) (?P<whole>…)",
        ),
        (
            _TOTAL_RULE,
            ('part = "（(?P<n>{number})条）"\n', ""),
            "field claims[0].part: kind 'stated_total' needs a part",
        ),
        (_TOTAL_RULE, ("共(?P<n>{number})条", "共{number}条"), "field claims[0].pattern: kind 'stated_total' needs"),
        (_TOTAL_RULE, ("（(?P<n>{number})条）", "（{number}条）"), "field claims[0].part: kind 'stated_total' needs"),
        (
            _DEADLINE_RULE,
            ("day = 29", "day = 30"),
            "rule Y_MY_DEADLINE: field deadlines.0: Value error, no such day: 2月30日",
        ),
        (_DEADLINE_RULE, ("month = 2", "month = 4"), ""),  # 4月29日 exists: loads
    ],
)
def test_a_rule_that_would_crash_while_checking_fails_when_loaded(
    tmp_path: Path, body: str, change: tuple[str, str], field: str
) -> None:
    from giocheck.engine.rulefile import load_rule_file
    from giocheck.errors import RuleFileError

    assert change[0] in body
    path = tmp_path / "mine.toml"
    path.write_text(body.replace(*change), encoding="utf-8")
    if not field:
        assert load_rule_file(path)
        return
    with pytest.raises(RuleFileError) as raised:
        load_rule_file(path)
    assert str(raised.value).startswith(f"{path}: ") and field in str(raised.value)


def test_a_share_of_a_table_cell_needs_no_whole_group(tmp_path: Path, huaian_text: str) -> None:
    path = tmp_path / "mine.toml"
    rule = _SHARE_RULE.replace("抽查(?P<whole>{number})件，其中", "其中").replace(
        '占(?P<pct>{percent})"', '占(?P<pct>{percent})"\ncells = ["T3.NEW.TOT"]'
    )
    path.write_text(rule, encoding="utf-8")
    said = huaian_text.replace("均在法定期限内予以答复。", "均在法定期限内予以答复。其中 1362 件，占 50%。")
    fired = [f.message_zh for f in check(read(said), rules=[path]).failures if f.rule == "N_MY_SHARE"]
    assert fired == ["1362/3119 ≠ 50%"]


def test_the_29th_of_february_is_the_28th_in_a_common_year(tmp_path: Path, qu_text: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_DEADLINE_RULE, encoding="utf-8")
    # The qu report is for 2025: due "2026-02-29", i.e. 28 February 2026.
    assert "Y_MY_DEADLINE" not in _rules_fired(qu_text, rules=[path], published=date(2026, 2, 28))
    late = _rules_fired(qu_text, rules=[path], published=date(2026, 3, 1))
    assert late["Y_MY_DEADLINE"] == ["2026-03-01 > 2026-02-28"]


def test_a_rule_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    from giocheck.engine.rulefile import load_rule_file
    from giocheck.errors import RuleFileError

    path = tmp_path / "mine.toml"
    path.write_bytes(_TEXT_RULE.replace('title_zh = "t"', 'title_zh = "收到申请"').encode("gbk"))
    with pytest.raises(RuleFileError) as raised:
        load_rule_file(path)
    assert str(raised.value).startswith(f"{path}: not UTF-8")


# ------------------------------------------------------------------ stable fingerprints, read problems


def test_a_text_findings_fingerprint_survives_an_edit_earlier_in_the_part(qu_text: str) -> None:
    def text_findings(text: str) -> list[Finding]:
        return [f for f in check(read(text)).failures if f.rule != _LABELS]

    [before] = text_findings(qu_text)
    edited = qu_text.replace("（一）主动公开。", "（一）主动公开。本局高度重视政务公开工作，专门召开会议研究部署。")
    [after] = text_findings(edited)
    assert after.rule == before.rule == "N_TOTAL_BREAKDOWN"
    assert after.fingerprint == before.fingerprint
    # A different sentence is a different finding.
    other = qu_text.replace("政府信息 109 条", "政府信息 108 条")
    assert text_findings(other)[0].fingerprint != before.fingerprint


def test_two_wrong_shares_in_one_sentence_are_two_findings(huaian_text: str) -> None:
    said = "予以公开 1362 件，占 40%，部分公开 454 件，占 10%。"
    result = check(read(huaian_text.replace("均在法定期限内予以答复。", "均在法定期限内予以答复。" + said)))
    shares = [f for f in result.failures if f.rule == "N_SHARE"]
    assert len(shares) == 2 and len({f.fingerprint for f in shares}) == 2


def test_a_report_cut_off_in_table_3_says_only_that(huaian_text: str) -> None:
    cut = huaian_text[: huaian_text.index("（四）无 1.本机关不掌握")]
    result = check(read(cut))
    assert {p.table for p in result.report.problems} == {"T3", "T4"}
    # Not also three missing parts (S_PARTS), nor a text the cut-off table cannot confirm.
    assert result.findings == ()


# ------------------------------------------------------------------ what the rule data reads


def test_part_five_may_speak_of_last_year(qu_text: str) -> None:
    problems = "存在的主要问题：一是"
    assert problems in qu_text
    text = qu_text.replace(problems, "2024 年，我局对照上年报告指出的问题逐项整改。" + problems)
    assert _rules_fired(text) == {"N_TOTAL_BREAKDOWN": _rules_fired(qu_text)["N_TOTAL_BREAKDOWN"]}


@pytest.mark.parametrize(
    ("said", "fires"),
    [
        ("予以公开 1362 件，占 44.7%。", False),  # 1362 / 3050 answered
        ("予以公开1362件，占答复总数的44.7%。", False),
        ("予以公开 1362 件，占 43.7%。", False),  # 1362 / 3119 received
        ("予以公开 1362 件，占 46.7%。", True),
        ("不予公开 178 件，占比 5.8%。", False),  # 178 / 3050
        ("不予公开 178 件，占比 7.8%。", True),
    ],
)
def test_a_share_of_the_applications(huaian_text: str, said: str, fires: bool) -> None:
    fired = _rules_fired(huaian_text.replace("均在法定期限内予以答复。", "均在法定期限内予以答复。" + said))
    assert ("N_SHARE" in fired) == fires
    if fires:
        assert fired["N_SHARE"][0].startswith("「一、总体情况」写 ")


def test_the_shanghai_report_states_one_share_its_numbers_do_not_give() -> None:
    from giocheck import load

    report = load(Path(__file__).parent / "data" / "real" / "shanghai-city-government-office-2019.html")
    answered = report.cell("T3", "R_TOTAL", "TOT")
    received = report.cell("T3", "NEW", "TOT")
    assert answered is not None and received is not None and (answered.value, received.value) == (805, 859)
    # 35/805 = 4.35%, 265/805 = 32.9%, 158/805 = 19.6% as written; 258/805 = 32.0% and
    # 258/859 = 30.0%, not the 33.9% the text writes.
    shares = [f.message_zh for f in check(report).failures if f.rule == "N_SHARE"]
    assert shares == ["「一、总体情况」写 258/805 占 33.9%，按数计算为 32.0%：「予以公开及部分公开258件，占33.9%；」"]


# ------------------------------------------------------------------ how messages read


def test_a_text_claim_names_the_cell_and_its_value_once(huaian_text: str) -> None:
    fired = _rules_fired(huaian_text.replace("申请 3119 件", "申请 3219 件"))
    assert fired["N_APPLICATIONS"][0].startswith(
        "「一、总体情况」写收到（受理）申请 3219 件，而表三“本年新收申请”行“总计”栏为 3119："
    )
    fired = _rules_fired(huaian_text.replace("政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼 47 件"))
    assert fired["N_REVIEW_LIT"][0].startswith(
        "「一、总体情况」写行政诉讼 47 件，而表四“行政诉讼·未经复议直接起诉·总计”栏 26 ＋ "
        "表四“行政诉讼·复议后起诉·总计”栏 20 合计为 46："
    )


def test_a_wrong_period_names_its_year_once(qu_text: str) -> None:
    fired = _rules_fired(
        qu_text.replace(
            "统计期限为 2025 年 1 月 1 日至 2025 年 12 月 31 日", "统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日"
        )
    )
    assert fired["Y_PERIOD"][0].startswith("报告开头所写统计期限为 2024年，而标题所写报告年度为 2025 年")


def test_repeated_passages_are_shown_from_clause_to_clause(huaian_text: str) -> None:
    # Last year's report says 2023 where this one says 2024: the repeated runs start right after
    # each year ("年，全市…"); shown, they start and end at a clause.
    last = _last_year(huaian_text).replace("2024", "2023")
    result = check(read(huaian_text), previous=read(last))
    similar = next(f for f in result.failures if f.rule == "X_SIMILAR")
    assert "与淮安市人民政府2023年度报告相同" in similar.message_zh
    shown = re.findall(r"「([^」]*?)」（(\d+) 字）", similar.message_zh.split("：", 1)[1])
    assert len(shown) == 3
    prose = "|".join(p.text for p in passages(read(huaian_text), ["OVERVIEW", "PROBLEMS", "OTHER"]))
    for excerpt, _length in shown:
        head, _, tail = excerpt.partition("……")
        at = prose.index(head)
        assert at == 0 or prose[at - 1] in "。；！？，：、|", excerpt
        assert head[0] not in "0123456789年|" and "|" not in excerpt
        end = prose.index(tail or head, at) + len(tail or head)
        assert end == len(prose) or prose[end - 1] in "。；！？，：、" or prose[end] in "。；！？，：、|", excerpt


def test_another_place_is_named_without_the_words_before_it(huaian_text: str) -> None:
    copied = huaian_text.replace("请与淮安市人民政府办公室联系", "请与宿迁市人民政府办公室联系")
    messages = _rules_fired(copied).get("X_OTHER_PLACE", [])
    assert messages
    assert "「宿迁市人民政府" in messages[0]
    assert "请与" not in messages[0].split("写的是")[-1].split("」")[0]


def test_a_sentence_that_also_states_the_tables_number_is_no_contradiction(qu_text: str) -> None:
    both = qu_text.replace("(二)依申请公开。", "(二)依申请公开。全县共收到政府信息公开申请120件，我局收到0件。")
    assert "N_APPLICATIONS" not in _rules_fired(both)
    two = qu_text.replace("(二)依申请公开。", "(二)依申请公开。各部门收到政府信息公开申请120件，我局受理公开申请0件。")
    assert "N_APPLICATIONS" not in _rules_fired(two)
    wrong = qu_text.replace("(二)依申请公开。", "(二)依申请公开。我局收到政府信息公开申请120件。")
    assert "N_APPLICATIONS" in _rules_fired(wrong)


def test_a_report_signed_by_another_agency(qu_text: str) -> None:
    # More cases (abbreviations, a government's office) in tests/test_metadata.py.
    assert "S_SIGNED_AGENCY" not in _rules_fired(qu_text + "\n渠县信访局\n2026年1月16日\n")
    fired = _rules_fired(qu_text + "\n达州市信访局\n2026年1月16日\n")
    assert fired["S_SIGNED_AGENCY"] == [
        "标题中的机关为「渠县信访局」，落款机关为「达州市信访局」，两者不一致（简称或本级政府办公室代为落款的不在此列）"
    ]


def _t2_2019(report: AnnualReport, row: str, values: dict[str, int]) -> AnnualReport:
    """`report` with some cells of a 2019-format table-two row set to `values`."""
    table = report.tables["T2"]
    cells = {
        **table.rows[row].cells,
        **{k: table.rows[row].cells[k].model_copy(update={"value": v, "raw": str(v)}) for k, v in values.items()},
    }
    rows = {**table.rows, row: table.rows[row].model_copy(update={"cells": cells})}
    return report.model_copy(update={"tables": {**report.tables, "T2": table.model_copy(update={"rows": rows})}})


_SHANGHAI_2019 = Path(__file__).parent / "data" / "real" / "shanghai-city-government-office-2019.json"


def test_2019_items_across_years_and_within_the_year() -> None:
    from giocheck import load

    this = load(_SHANGHAI_2019)
    last = this.model_copy(update={"metadata": this.metadata.model_copy(update={"year": 2018})})
    # Last year: 12 items, 3 more during the year → this year's 上一年项目数量 must be 15.
    last = _t2_2019(last, "LICENSE", {"PREV_ITEMS": 12, "CHANGE": 3})
    wrong = check(_t2_2019(this, "LICENSE", {"PREV_ITEMS": 14, "CHANGE": 0}), previous=last)
    (found,) = [f for f in wrong.failures if f.rule == "X_T2_2019_ITEMS"]
    assert found.binding == (("row", "LICENSE"),) and "相差 -1" in found.message_zh
    right = check(_t2_2019(this, "LICENSE", {"PREV_ITEMS": 15, "CHANGE": 0}), previous=last)
    assert "X_T2_2019_ITEMS" not in {f.rule for f in right.failures}
    # Within the year: no more items can go than there were; no more published this year than in total.
    below = check(_t2_2019(this, "PENALTY", {"PREV_ITEMS": 2, "CHANGE": -3})).failures
    assert [(f.rule, f.severity) for f in below if f.rule == "T2_2019_ITEMS"] == [("T2_2019_ITEMS", "error")]
    over = check(_t2_2019(this, "NORM", {"NEW_PUBLISHED": 400})).failures
    assert [f.binding for f in over if f.rule == "T2_2019_PUBLISHED"] == [(("row", "NORM"),)]
    assert not {"T2_2019_ITEMS", "T2_2019_PUBLISHED"} & {f.rule for f in check(this).failures}


def test_more_carried_over_than_received_is_a_warning(huaian_text: str) -> None:
    more = huaian_text.replace(
        "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34", "二、上年结转政府信息公开申请数量 34 0 2 0 0 0 36"
    ).replace("四、结转下年度继续办理 103 0 0 0 0 0 103", "四、结转下年度继续办理 103 0 2 0 0 0 105")
    found = [f for f in check(read(more)).failures if f.rule == "T3_CARRY_OUT_NEW"]
    assert [(f.binding, f.severity) for f in found] == [((("column", "RI"),), "warning")]
    assert not [f for f in check(read(huaian_text)).failures if f.rule == "T3_CARRY_OUT_NEW"]


_FEE = "行政事业性收费 96171.6"


@pytest.mark.parametrize(
    ("edit", "severity", "reason"),
    [
        (("本年收费金额（单位：万元）", "本年收费金额（单位：元）"), "warning", "表头单位印作“元”"),
        ((_FEE, "行政事业性收费 961716"), "info", "超过 100000 万元"),
    ],
)
def test_a_fee_amount_that_looks_like_yuan(huaian_text: str, edit: tuple[str, str], severity: str, reason: str) -> None:
    found = [f for f in check(read(huaian_text.replace(*edit))).findings if f.rule == "U_FEE_UNIT"]
    assert [(f.severity, reason in f.message_zh) for f in found] == [(severity, True)]
    assert not [f for f in check(read(huaian_text)).findings if f.rule == "U_FEE_UNIT"]


def test_a_fee_amount_equal_to_a_yuan_figure_of_the_text(huaian_text: str) -> None:
    text = huaian_text.replace(_FEE, "行政事业性收费 3940").replace(
        "全年收取政府信息公开信息处理费 3940 元", "全年收取行政事业性收费 3940 元"
    )
    (found,) = [f for f in check(read(text)).findings if f.rule == "U_FEE_UNIT"]
    assert found.severity == "info" and "3940 元" in found.message_zh


def test_part_five_states_problems_and_improvements(qu_text: str) -> None:
    start = qu_text.index("改进措施：一是加强主动公开")
    end = qu_text.index("六、其他需要报告的事项")
    cut = qu_text[:start] + "\n\n" + qu_text[end:]
    fired = _rules_fired(cut)
    assert fired["S_PROBLEMS_BOTH"][0].endswith("未写到：改进情况")
    assert "S_PROBLEMS_BOTH" not in _rules_fired(qu_text)


def test_other_handling_stated_in_a_2019_format_report() -> None:
    # The 2019 format prints （六）其他处理 as one row: the text's 其他处理 is compared with it.
    text = (Path(__file__).parent.parent / "examples" / "sample-county-petition-bureau-2020.txt").read_text(
        encoding="utf-8"
    )
    sentence = "未发生因政府信息公开工作引发的行政复议案件及行政诉讼案件。"
    assert sentence in text
    assert "N_OTHER_RESULTS_2019" in _rules_fired(text.replace(sentence, sentence + "其他处理2件。"))
    assert "N_OTHER_RESULTS_2019" not in _rules_fired(text.replace(sentence, sentence + "其他处理0件。"))
