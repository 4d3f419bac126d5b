"""Text against tables (`giocheck/engine/claims.py`): the ways reports state their counts, blank
totals compared as the sum of their parts, and where a finding points and what it quotes.

Every sentence is put into the 淮安 sample (whose text agrees with its tables) right after
`均在法定期限内予以答复。`; its one true finding (S_GOV_ACCOUNTABILITY) is always there.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck import check
from giocheck.engine.findings import Finding
from giocheck.engine.report import Passage, quote
from giocheck.engine.statements import statements
from giocheck.model import AnnualReport, Cell
from giocheck.strategies import reports
from tests.support import read

_AFTER = "均在法定期限内予以答复。"
_ALWAYS = "S_GOV_ACCOUNTABILITY"


def _failures(text: str) -> list[Finding]:
    # A blank cell is its own warning (T3_BLANK, T4_BLANK: tests/test_blanks.py); here only the text.
    return [f for f in check(read(text)).failures if f.rule != _ALWAYS and not f.rule.endswith("_BLANK")]


def _with(huaian_text: str, sentence: str) -> str:
    assert _AFTER in huaian_text
    return huaian_text.replace(_AFTER, _AFTER + sentence, 1)


# (rule, a sentence whose number disagrees with the table, the same sentence agreeing).
# 淮安 2024: new 3119, answered 3050, granted 1362, partly 454, cannot provide 769+11+1, reviews 351.
_PHRASINGS = [
    ("N_APPLICATIONS", "全年收到申请3120件。", "全年收到申请3119件。"),
    ("N_APPLICATIONS", "共收到市民提交的信息公开申请3100件。", "共收到市民提交的信息公开申请3119件。"),
    ("N_APPLICATIONS", "受理依申请公开事项3000宗。", "受理依申请公开事项3119宗。"),
    ("N_APPLICATIONS", "接到政府信息公开申请总计3118个。", "接到政府信息公开申请总计3119个。"),
    ("N_APPLICATIONS", "办结申请合计3000宗。", "办结申请合计3050宗。"),
    ("N_APPLICATIONS", "其中予以公开1300件。", "其中予以公开1362件。"),
    ("N_APPLICATIONS", "部分公开450件。", "部分公开454件。"),
    ("N_APPLICATIONS", "予以公开及部分公开1800件。", "予以公开及部分公开1816件。"),
    ("N_APPLICATIONS", "予以公开、部分公开共1800件。", "予以公开、部分公开共1816件。"),
    ("N_APPLICATIONS", "无法提供780件。", "无法提供781件。"),
    ("N_APPLICATIONS", "其中不予公开170件。", "其中不予公开178件。"),
    ("N_APPLICATIONS", "不予处理80件。", "不予处理88件。"),
    ("N_APPLICATIONS", "上年结转30件。", "上年结转34件。"),
    ("N_APPLICATIONS", "另有100件结转下年度办理。", "另有103件结转下年度办理。"),
    ("N_APPLICATIONS", "结转下年度继续办理的申请100件。", "结转下年度继续办理的申请103件。"),
    ("N_REVIEW_LIT", "被申请行政复议350起。", "被申请行政复议351起。"),
    # （六）其他处理 = 71 逾期不补正 + 6 逾期未缴费 + 110 其他.
    ("N_OTHER_RESULTS", "其他处理180件。", "其他处理187件。"),
    (
        "N_OTHER_RESULTS",
        "其他处理（申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请）70件。",
        "其他处理（申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请）71件。",
    ),
    ("N_OTHER_RESULTS", "申请人逾期未按收费通知要求缴纳费用的5件。", "申请人逾期未按收费通知要求缴纳费用的6件。"),
    ("N_REVIEW_LIT", "行政复议的案件总计350宗。", "行政复议的案件总计351宗。"),
]


@pytest.mark.parametrize(("rule", "wrong", "right"), _PHRASINGS, ids=[p[1] for p in _PHRASINGS])
def test_a_phrasing_is_found(huaian_text: str, rule: str, wrong: str, right: str) -> None:
    found = _failures(_with(huaian_text, wrong))
    assert [f.rule for f in found] == [rule]
    number = "".join(ch for ch in wrong if ch.isdigit())
    assert f" {number} " in found[0].message_zh  # the stated number, said
    assert number in found[0].message_zh.split("「")[-1]  # and inside the quote
    assert _failures(_with(huaian_text, right)) == []


def test_a_list_of_outcomes_is_read_item_by_item(huaian_text: str) -> None:
    assert _failures(_with(huaian_text, "予以公开1362件、部分公开454件。")) == []
    found = _failures(_with(huaian_text, "予以公开1300件、部分公开454件。"))
    assert [f.rule for f in found] == ["N_APPLICATIONS"]
    assert "予以公开 1300 件" in found[0].message_zh


# 淮安 2024 table 4: reviews 351 (other results 178, pending 37); suits 26 direct (other 8) + 20 after review (other 1).
@pytest.mark.parametrize(
    ("sentence", "stated", "cause"),
    [
        ("其他处理110件。", "110", "“3.其他”一项"),
        ("逾期不补正的申请187件。", "187", "三项之和"),
        ("政府信息公开行政复议351件，其他结果37件。", "37", "尚未审结"),
        ("政府信息公开行政诉讼46件，其他结果8件。", "8", "漏了“复议后起诉”"),
    ],
)
def test_other_results_equal_to_another_cell_name_the_likely_cause(
    huaian_text: str, sentence: str, stated: str, cause: str
) -> None:
    (found,) = _failures(_with(huaian_text, sentence))
    assert f" {stated} " in found.message_zh and cause in found.message_zh
    assert "(the number equals" in found.message_en


def test_other_results_of_table_4_agreeing_are_no_finding(huaian_text: str) -> None:
    said = "政府信息公开行政复议351件，其中结果维持72件、其他结果178件；行政诉讼46件，其他结果9件。"
    assert _failures(_with(huaian_text, said)) == []
    found = _failures(_with(huaian_text, said.replace("其他结果178件", "其他结果170件")))
    assert [(f.rule, "其他结果 170 件" in f.message_zh) for f in found] == [("N_REVIEW_LIT", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "受理申请15个工作日内答复。",  # a time limit, not a count
        "收到申请后20个工作日内予以答复。",
        "因无法提供所需信息3件次的，已告知申请人。",
        "予以公开及部分公开的比例较上年提高5个百分点。",
    ],
)
def test_look_alikes_are_no_claims(huaian_text: str, sentence: str) -> None:
    assert _failures(_with(huaian_text, sentence)) == []


# ------------------------------------------------------------------ blank totals

_NEW_ROW = "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"
_T4_ROW = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"


def test_a_blank_total_is_compared_as_the_sum_of_its_parts(huaian_text: str) -> None:
    blank = huaian_text.replace(_NEW_ROW, _NEW_ROW.removesuffix("3119") + "—")
    assert _failures(blank) == []  # 3001+53+0+0+61+4 = 3119, as the text says
    wrong = blank.replace("申请 3119 件", "申请 3219 件")
    found = [f for f in _failures(wrong) if f.rule == "N_APPLICATIONS"]
    assert len(found) == 1
    message = found[0].message_zh
    assert "表三“本年新收申请”行“总计”栏（空白，按其分项" in message and "推算）为 3119" in message
    assert "derived from its parts" in found[0].message_en


def test_a_blank_review_total_is_derived_from_table_4(huaian_text: str) -> None:
    blank = huaian_text.replace(_T4_ROW, _T4_ROW.replace(" 351 ", " / "))
    assert _failures(blank) == []  # 72+64+178+37 = 351
    found = _failures(_with(blank, "被申请行政复议350起。"))
    assert [f.rule for f in found] == ["N_REVIEW_LIT"] and "推算）为 351" in found[0].message_zh


def test_a_blank_total_among_several_cells_shows_its_derived_value(huaian_text: str) -> None:
    # 行政诉讼 = 未经复议直接起诉 26 (blank here: 13+4+8+1) + 复议后起诉 20.
    blank = huaian_text.replace(_T4_ROW, _T4_ROW.replace(" 1 26 ", " 1 — "))
    assert _failures(blank) == []
    found = _failures(blank.replace("政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼 47 件"))
    assert [f.rule for f in found] == ["N_REVIEW_LIT"]
    assert "推算） 26 ＋ 表四“行政诉讼·复议后起诉·总计”栏 20 合计为 46" in found[0].message_zh


def test_a_blank_total_with_a_blank_part_is_not_compared(huaian_text: str) -> None:
    blank = huaian_text.replace(_NEW_ROW, "一、本年新收政府信息公开申请数量 3001 53 0 — 61 4 —")
    assert not [f for f in _failures(blank.replace("申请 3119 件", "申请 3219 件")) if f.rule == "N_APPLICATIONS"]


# ------------------------------------------------------------------ where and what


def test_a_finding_points_at_the_line_of_its_statement(huaian_text: str) -> None:
    text = huaian_text.replace("申请 3119 件", "申请 3219 件")
    found = next(f for f in _failures(text) if f.rule == "N_APPLICATIONS")
    line = next(i for i, row in enumerate(text.split("\n"), start=1) if "申请 3219 件" in row)
    assert found.where is not None and found.where.line == line
    heading = next(i for i, row in enumerate(text.split("\n"), start=1) if row.startswith("一、总体情况"))
    assert line != heading


def test_a_long_sentence_is_quoted_around_its_number(huaian_text: str) -> None:
    long = "全市各级行政机关认真贯彻落实条例规定，" * 4 + "受理申请3000件，" + "进一步规范办理流程，" * 6 + "取得实效。"
    found = _failures(_with(huaian_text, long))
    assert [f.rule for f in found] == ["N_APPLICATIONS"]
    assert "3000" in found[0].message_zh.split("：", 1)[1]


def test_quote_keeps_what_it_is_about() -> None:
    text = "甲" * 60 + "受理申请3000件" + "乙" * 60
    start = text.index("3000")
    shown = quote(text, keep=(start, start + 4))
    assert "3000" in shown and shown.startswith("……") and shown.endswith("……")
    assert len(shown) <= 80 + 4
    assert quote(text) == text[:40] + "……" + text[-40:]  # no number to keep: cut in the middle
    assert quote("短句。", keep=(0, 1)) == "短句。"


def test_a_passage_maps_offsets_to_lines() -> None:
    from giocheck.model import Location

    passage = Passage(
        "OVERVIEW", "一、总体情况", "第一行。第二行。", None, (0, 4), (Location(line=3), Location(line=4))
    )
    assert passage.where(0) == Location(line=3) and passage.where(5) == Location(line=4)
    unknown = Passage("OVERVIEW", "一、总体情况", "第一行。", Location(line=2))
    assert unknown.where(1) == Location(line=2)


# ------------------------------------------------------------------ any report

# (rule, sentence with {n}, the cells it states the sum of)
_TEMPLATES = [
    ("N_APPLICATIONS", "全年收到申请{n}件。", ("NEW",)),
    ("N_APPLICATIONS", "本年度共收到群众提交的政府信息公开申请{n}件。", ("NEW",)),
    ("N_APPLICATIONS", "办结申请合计{n}宗。", ("R_TOTAL",)),
    ("N_APPLICATIONS", "其中予以公开{n}件。", ("R_GRANT",)),
    ("N_APPLICATIONS", "予以公开及部分公开{n}件。", ("R_GRANT", "R_PARTIAL")),
    ("N_APPLICATIONS", "无法提供{n}件。", ("R_UNABLE_1", "R_UNABLE_2", "R_UNABLE_3")),
]


@settings(max_examples=30)
@given(
    report=reports(format="2021"),
    template=st.sampled_from(_TEMPLATES),
    off=st.integers(1, 50),
    line=st.integers(0, 3),
    blank=st.booleans(),
)
def test_any_report_stating_its_own_numbers_passes_and_a_wrong_one_is_found(
    report: AnnualReport, template: tuple[str, str, tuple[str, ...]], off: int, line: int, blank: bool
) -> None:
    rule, sentence, rows = template
    table = report.tables["T3"]
    total = sum(int(table.rows[row].cells["TOT"].value or 0) for row in rows)
    if blank:  # the first row's total left blank: compared as the sum of its parts
        row = table.rows[rows[0]]
        cells = {**row.cells, "TOT": Cell(value=None, raw="—")}
        rows_now = {**table.rows, row.key: row.model_copy(update={"cells": cells})}
        tables = {**report.tables, "T3": table.model_copy(update={"rows": rows_now})}
        report = report.model_copy(update={"tables": tables})

    def stating(number: int) -> AnnualReport:
        sections = [
            s.model_copy(update={"text": s.text + "\n" * line + sentence.format(n=number)})
            if s.key == "OVERVIEW"
            else s
            for s in report.sections
        ]
        return report.model_copy(update={"sections": sections})

    assert not [f for f in check(stating(total)).failures if f.rule.startswith("N_")]
    found = [f for f in check(stating(total + off)).failures if f.rule.startswith("N_")]
    assert [f.rule for f in found] == [rule]
    assert str(total + off) in found[0].message_zh.split("「")[-1]
    assert ("推算" in found[0].message_zh) is blank


def test_statements_list_every_number_compared_agreeing_or_not(huaian_text: str) -> None:
    report = read(_with(huaian_text, "全年收到申请3120件。"))
    found = statements(report)
    wrong = [s for s in found if not s.agrees]
    # The one disagreement is the one finding of the text rules; the sample's own numbers agree.
    assert [(s.rule, s.stated, s.table) for s in wrong] == [("N_APPLICATIONS", 3120, 3119)]
    assert "3120件" in wrong[0].sentence and [str(v.ref) for v in wrong[0].cells] == ["T3.NEW.TOT"]
    assert [f.rule for f in _failures(_with(huaian_text, "全年收到申请3120件。"))] == ["N_APPLICATIONS"]
    assert len([s for s in found if s.agrees]) >= 10
    assert all(s.where is not None for s in found)


# ------------------------------------------------------------------ the whole clause: who, which outcome, what is included
_NO_CORRECTION = ("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20", "136 0 178 37 351 17 0 8 1 26 13 0 1 6 20")


def test_no_applications_from_legal_persons_is_about_their_columns(huaian_text: str) -> None:
    (found,) = _failures(_with(huaian_text, "未收到法人或其他组织提交的政府信息公开申请。"))
    assert found.rule == "N_ZERO_CLAIMS"
    assert {c.ref.column for c in found.lhs} == {"BE", "RI", "SW", "LS", "OT"}
    assert "118" in found.message_zh and "3119" not in found.message_zh  # 53 + 61 + 4, not the total
    assert _failures(_with(huaian_text, "未收到科研机构、社会公益组织提交的申请。")) == []
    (natural,) = _failures(_with(huaian_text, "未收到自然人提交的政府信息公开申请。"))
    assert [c.ref.column for c in natural.lhs] == ["NP"]


def test_no_corrected_review_is_not_no_review(huaian_text: str) -> None:
    (found,) = _failures(_with(huaian_text, "未发生行政复议被纠错案件。"))
    assert [c.ref.column for c in found.lhs] == ["RV_CORR"] and " 64" in found.message_zh
    none_corrected = huaian_text.replace(*_NO_CORRECTION)
    # (The text's own 纠正64件 now disagrees with the edited table: only the "none" claims matter here.)
    assert [
        f for f in _failures(_with(none_corrected, "未发生行政复议被纠错案件。")) if f.rule == "N_ZERO_CLAIMS"
    ] == []


def test_no_lost_lawsuit_is_not_no_lawsuit(huaian_text: str) -> None:
    (found,) = _failures(_with(huaian_text, "未出现行政诉讼败诉情况。"))
    assert {c.ref.column for c in found.lhs} == {"LD_CORR", "LA_CORR"}
    none_lost = huaian_text.replace(*_NO_CORRECTION)
    assert [f for f in _failures(_with(none_lost, "未出现行政诉讼败诉情况。")) if f.rule == "N_ZERO_CLAIMS"] == []


def test_received_with_carried_in_included_is_new_plus_carried_in(huaian_text: str) -> None:
    assert _failures(_with(huaian_text, "全年共收到申请3153件（含上年结转34件）。")) == []
    (wrong,) = _failures(_with(huaian_text, "全年共收到申请3150件（含上年结转34件）。"))
    assert wrong.rule == "N_APPLICATIONS" and "3153" in wrong.message_zh
    # The same number without the note: the message names the likely cause.
    (found,) = _failures(_with(huaian_text, "全年共收到申请3153件。"))
    assert "3119" in found.message_zh and "上年结转" in found.message_zh.split("」")[-1]
    assert "carried in" in found.message_en
