"""The rule engine on the real samples, on broken rule files, and on user rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from giocheck import check
from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance
from giocheck.engine.rulefile import load_rule_file, load_rules
from giocheck.engine.schema import TableRule
from giocheck.errors import RuleFileError
from giocheck.formats import FormatSpec
from tests.support import read


def _tables(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings of the table rules (the text rules have their own tests: tests/test_report_rules.py)."""
    return [f for f in findings if f.rule.startswith(("T2_", "T3_", "T4_"))]


def _fails(text: str) -> set[tuple[str, str]]:
    """(rule, scope) of every violation of a table rule."""
    return {(f.rule, f.scope) for f in _tables(check(read(text)).failures)}


def test_both_samples_check_clean(qu_text: str, huaian_text: str) -> None:
    for text in (qu_text, huaian_text):
        result = check(read(text))
        # The table rules; what the text says is checked in tests/test_report_rules.py.
        assert _tables(result.findings) == []
        assert "T3_BALANCE" in result.rules_run and "T4_SUM_LA" in result.rules_run


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "（七）总计 2932 53",
            "（七）总计 2933 53",
            {
                ("T3_BALANCE", "table 3 column NP"),
                ("T3_RESULT_SUM", "table 3 column NP"),
                ("T3_ROW_TOTAL", "table 3 row R_TOTAL"),
            },
        ),
        (
            "2.其他法律行政法规禁止公开 30 1 0",
            "2.其他法律行政法规禁止公开 30 2 0",
            {("T3_RESULT_SUM", "table 3 column BE"), ("T3_ROW_TOTAL", "table 3 row R_DENY_2")},
        ),
        (
            "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119",
            "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3120",
            {("T3_BALANCE", "table 3 column TOT"), ("T3_ROW_TOTAL", "table 3 row NEW")},
        ),
        ("72 64 178 37 351", "72 65 178 37 351", {("T4_SUM_RV", "table 4")}),
        ("13 4 8 1 26 12 1 1 6 20", "13 4 8 1 26 12 1 1 6 21", {("T4_SUM_LA", "table 4")}),
    ],
)
def test_one_changed_number_names_the_right_rules(
    huaian_text: str, before: str, after: str, expected: set[tuple[str, str]]
) -> None:
    assert before in huaian_text
    assert _fails(huaian_text.replace(before, after)) == expected


def test_a_violation_names_cells_sides_and_gap(huaian_text: str) -> None:
    result = check(read(huaian_text.replace("（七）总计 2932 53", "（七）总计 2933 53")))
    balance = next(f for f in result.failures if f.rule == "T3_BALANCE")
    assert [c.ref.row for c in balance.lhs] == ["NEW", "CARRY_IN"]
    assert [c.ref.row for c in balance.rhs] == ["R_TOTAL", "CARRY_OUT"]
    assert (balance.lhs_total, balance.rhs_total, balance.difference) == (3035, 3036, -1)
    assert "表三“自然人”列" in balance.message_zh and "相差 -1" in balance.message_zh
    # In the table note's own words, with both sides.
    assert "表三注“第一项加第二项之和，等于第三项加第四项之和”不成立" in balance.message_zh
    assert "= 3035" in balance.message_zh and "= 3036" in balance.message_zh
    assert balance.rhs[0].label == "表三“办理结果总计”行“自然人”栏"
    assert balance.rhs[0].location is not None


def test_a_blank_operand_is_not_assessable_not_a_violation(qu_text: str) -> None:
    text = qu_text.replace("一、本年新收政府信息公开申请数量\t\t0", "一、本年新收政府信息公开申请数量\t\t/")
    result = check(read(text))
    # No relation is violated; the blank itself is a warning (T3_BLANK: the format asks for 0).
    assert [f.rule for f in _tables(result.failures)] == ["T3_BLANK"]
    blank = {(f.rule, f.scope) for f in result.findings if f.status == "not_assessable"}
    assert blank == {
        ("T3_BALANCE", "table 3 column NP"),
        ("T3_ROW_TOTAL", "table 3 row NEW"),
        ("T3_CARRY_OUT_NEW", "table 3 column NP"),
    }
    assert all(f.severity == "info" for f in _tables(result.findings) if f.status == "not_assessable")


def test_negative_and_fractional_counts(qu_text: str) -> None:
    text = qu_text.replace("行政许可\t0", "行政许可\t-2").replace("行政事业性收费\t0", "行政事业性收费\t1.5")
    result = check(read(text))
    assert [(f.rule, f.lhs[0].ref.row) for f in _tables(result.failures)] == [("T2_NONNEG", "LICENSE")]
    text = qu_text.replace(
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0.5"
    )
    assert ("T4_NONNEG_INT", "T4.DATA.LA_TOT") in _fails(text)


def test_valid_documents_lower_bound_is_a_warning(huaian_text: str) -> None:
    result = check(read(huaian_text.replace("行政规范性文件 8 26 66", "行政规范性文件 80 6 66")))
    assert [(f.rule, f.severity) for f in _tables(result.failures)] == [("T2_VALID_LOWER", "warning")]
    assert result.errors == ()


def _rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


_GOOD = """
[[rule]]
id = "X_GRANT_WITHIN_NEW"
name = "grant-within-new"
kind = "at_least"
severity = "warning"
formats = ["2021"]
table = "T3"
lhs = ["NEW/TOT", "CARRY_IN/TOT"]
rhs = ["R_GRANT/TOT"]
title_zh = "予以公开不多于收到的申请"
title_en = "granted at most received"
basis_zh = "示例"
basis_en = "example"
message_zh = "{scope}：{lhs} < {rhs}"
message_en = "{scope}: {lhs} < {rhs}"
"""


def test_users_add_their_own_rules(tmp_path: Path, huaian_text: str) -> None:
    path = _rule_file(tmp_path, _GOOD)
    report = read(huaian_text.replace("（一）予以公开 1288 21 0 0 50 3 1362", "（一）予以公开 1288 21 0 0 50 3 4000"))
    result = check(report, rules=[path])
    assert "X_GRANT_WITHIN_NEW" in {f.rule for f in result.failures}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('kind = "at_least"', 'kind = "ratio"'), "field kind: unknown kind 'ratio'"),
        (('lhs = ["NEW/TOT", "CARRY_IN/TOT"]', 'lhs = ["NEWW/TOT"]'), "field lhs/rhs/cells/for_each: unknown row"),
        (
            ('message_zh = "{scope}：{lhs} < {rhs}"', 'message_zh = "{scope}：{total}"'),
            "field message_zh: unknown slot {total}",
        ),
        (('severity = "warning"', 'severity = "fatal"'), "field severity"),
        (('title_zh = "予以公开不多于收到的申请"', ""), "field title_zh: Field required"),
        (('id = "X_GRANT_WITHIN_NEW"', 'id = "x-lower"'), "field id"),
        (('lhs = ["NEW/TOT", "CARRY_IN/TOT"]', 'lhs = ["NEW/TOT"]\ncolour = "red"'), "field colour: Extra inputs"),
        (('message_en = "{scope}: {lhs} < {rhs}"', 'message_en = "{lhs.__class__}"'), "must be a plain name"),
        (('formats = ["2021"]', 'formats = ["legacy"]'), "field formats: kind 'at_least' reads tables"),
    ],
)
def test_a_broken_rule_file_names_file_rule_and_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    assert change[0] in _GOOD
    path = _rule_file(tmp_path, _GOOD.replace(*change))
    with pytest.raises(RuleFileError) as raised:
        load_rule_file(path)
    message = str(raised.value)
    assert str(path) in message and field in message


def test_a_rule_file_that_is_not_toml(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="not valid TOML"):
        load_rule_file(_rule_file(tmp_path, "[[rule]\nid ="))


def test_duplicate_rule_ids_are_refused(tmp_path: Path) -> None:
    path = _rule_file(tmp_path, _GOOD.replace("X_GRANT_WITHIN_NEW", "T3_BALANCE"))
    with pytest.raises(RuleFileError, match="T3_BALANCE: id already defined for format 2021"):
        load_rules([path])


def test_a_missing_rule_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="rule file not found"):
        load_rules([tmp_path / "nothing.toml"])


# ------------------------------------------------------------------ work done once


def test_table_rules_are_expanded_once_per_rule_set(monkeypatch: pytest.MonkeyPatch, huaian_text: str) -> None:
    import giocheck.engine
    import giocheck.engine.instances

    rules = load_rules()
    report = read(huaian_text)
    calls: list[str] = []
    real = giocheck.engine.instances.expand

    def counting(rule: TableRule, spec: FormatSpec) -> list[Instance[TableRule]]:
        calls.append(rule.id)
        return real(rule, spec)

    monkeypatch.setattr(giocheck.engine.rulefile, "expand", counting)
    monkeypatch.setattr(giocheck.engine, "expand", counting, raising=False)
    first = check(report, rules=rules)
    expanded = len(calls)
    assert expanded > 0
    second = check(report, rules=rules)
    assert len(calls) == expanded  # the second report reuses the instances
    assert first.findings == second.findings and "T3_BALANCE" in second.rules_run


def test_each_part_is_put_in_prose_form_once_per_report(monkeypatch: pytest.MonkeyPatch, huaian_text: str) -> None:
    import giocheck.engine.subject

    report = read(huaian_text)
    overview = report.section("OVERVIEW")
    assert overview is not None
    real = giocheck.engine.subject.prose_form
    seen: list[str] = []

    def counting(text: str) -> str:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(giocheck.engine.subject, "prose_form", counting, raising=False)
    check(report)
    # Eight rules read part 一; its text is made into prose once.
    assert seen.count(overview.text) == 1


def test_prose_drops_page_footers_as_table_lines_do() -> None:
    from giocheck.document import Fragment, Line
    from giocheck.engine.report import prose_form
    from giocheck.extract.tokens import is_noise
    from giocheck.model import Location

    for footer in ("- 5 -", "第 5 页 共 9 页", "5/9"):
        where = Location(line=1)
        assert is_noise(Line(fragments=(Fragment(footer, where),), location=where))
        assert prose_form(f"共受理申请 31\n{footer}\n19 件。") == "共受理申请3119件。"


def test_a_relation_across_years_reads_like_one_in_a_table(huaian_text: str) -> None:
    last = huaian_text.replace("2024 年政府信息公开工作年度报告", "2023 年政府信息公开工作年度报告").replace(
        "2024 年 1 月 1 日至 2024 年 12 月 31 日", "2023 年 1 月 1 日至 2023 年 12 月 31 日"
    )
    result = check(read(huaian_text), previous=read(last))
    carry = next(f for f in result.failures if f.rule == "X_CARRY" and f.binding == (("column", "NP"),))
    assert carry.message_zh == (
        "表三“自然人”列：本年「上年结转申请」34，而淮安市人民政府2023年度报告「结转下年度继续办理」为 103，相差 -69；两年的报告接不上，其中一份可能有误"
    )
    assert carry.rhs[0].label == "上年报告表三“结转下年度继续办理”行“自然人”栏"
    assert (carry.lhs_total, carry.rhs_total, carry.scope) == (34, 103, "column NP")


# ------------------------------------------------------------------ fingerprints


def test_a_fingerprint_names_the_gap_not_only_the_cells(huaian_text: str) -> None:
    def fingerprints(text: str) -> dict[str, str]:
        return {f"{f.rule} {f.scope}": f.fingerprint for f in check(read(text)).failures}

    below = fingerprints(huaian_text.replace("（七）总计 2932 53", "（七）总计 2931 53"))
    above = fingerprints(huaian_text.replace("（七）总计 2932 53", "（七）总计 2933 53"))
    key = "T3_RESULT_SUM table 3 column NP"
    assert key in below and key in above and below[key] != above[key]
    # The same gap with the report laid out anew (lines moved) keeps its fingerprint.
    moved = fingerprints("\n\n" + huaian_text.replace("（七）总计 2932 53", "（七）总计 2933 53"))
    assert moved[key] == above[key]


def test_a_fingerprint_of_a_single_cell_names_its_value(qu_text: str) -> None:
    def fingerprint(value: str) -> str:
        result = check(read(qu_text.replace("行政许可\t0", f"行政许可\t{value}")))
        return next(f.fingerprint for f in result.failures if f.rule == "T2_NONNEG")

    assert fingerprint("-2") == fingerprint("-2")
    assert fingerprint("-2") != fingerprint("-3")


# ------------------------------------------------------------------ big or odd text in linear time


def test_sentence_ends_are_found_once_per_part(monkeypatch: pytest.MonkeyPatch, qu_text: str) -> None:
    import giocheck.engine.subject

    claims = "本年度共受理政府信息公开申请5件。" * 400
    report = read(qu_text.replace("（五）监督保障。", claims + "（五）监督保障。"))
    real = giocheck.engine.subject.sentence_marks
    scanned: list[int] = []

    def counting(text: str) -> tuple[int, ...]:
        scanned.append(len(text))
        return real(text)

    monkeypatch.setattr(giocheck.engine.subject, "sentence_marks", counting)
    result = check(report)
    # 400 findings, each quoting its own sentence; a part's text was scanned for sentence ends at
    # most once (only the parts a match asked about: the one with the 400 claims among them).
    assert [f.rule for f in result.findings].count("N_APPLICATIONS") == 400
    assert all(
        "「本年度共受理政府信息公开申请5件。」" in f.message_zh for f in result.findings if f.rule == "N_APPLICATIONS"
    )
    assert 1 <= len(scanned) <= len(report.sections) + 1  # the parts and the text before part 一
    assert scanned.count(max(scanned)) == 1


def test_a_number_in_prose_starts_where_its_digits_start() -> None:
    from giocheck.engine.ruledata import compile_pattern

    # Tried once per run of digits, not once per digit: a long run cannot take quadratic time.
    pattern = compile_pattern("(?P<n>{number})件")
    assert pattern.match("12345件", 2) is None
    assert pattern.match("一百零九件", 1) is None
    assert [m["n"] for m in pattern.finditer("共12345件，另有一百零九件，3,119件")] == ["12345", "一百零九", "3,119"]


def test_a_sentence_is_read_no_further_than_its_longest() -> None:
    from giocheck.engine.subject import LONGEST_SENTENCE, Passage, sentence_at

    text = "，".join(["共受理申请5件"] * 2000) + "。"
    passage = Passage("OVERVIEW", "一、总体情况", text, None)
    start = text.index("共", 5000)
    begin, end = sentence_at(passage, start, start + 7, following=1)
    assert (begin, end) == (start - LONGEST_SENTENCE, start + 7 + 2 * LONGEST_SENTENCE)
    short = Passage("OVERVIEW", "一、总体情况", "前一句。共受理申请5件，另有2件。后一句。", None)
    assert sentence_at(short, 4, 11) == (4, 17)
    assert sentence_at(short, 4, 11, following=1) == (4, 21)


def test_a_page_footer_is_found_on_its_own_line() -> None:
    from giocheck.engine.subject import _FOOTER, prose_form

    # Not from an empty line above it: each empty line would otherwise start a scan over all
    # the empty lines after it (20 000 of them took 19 s).
    found = _FOOTER.search("甲。\n\n \n- 5 -\n乙。")
    assert found is not None and found.group() == "- 5 -"
    assert prose_form("甲。" + "\n \n" * 20_000 + "- 5 -\n乙。") == "甲。乙。"


def test_every_shipped_rule_has_a_short_basis_in_both_languages() -> None:
    from giocheck.engine.rulefile import default_rules

    rules = default_rules().rules
    missing = [rule.id for rule in rules if not rule.basis_short_zh.strip() or not rule.basis_short_en.strip()]
    assert not missing, f"rules without basis_short_zh/basis_short_en: {missing}"
    # Short: it is shown on every finding line.
    assert max(len(rule.basis_short_zh) for rule in rules) <= 30
