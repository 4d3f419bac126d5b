"""Glued digits the format's relations leave open, decided by the numbers the report's text states.

Table two's three-number rows (本年制发 / 本年废止 / 现行有效) have no relation: `8855698` is
8/855/698, 88/55/698 or 885/5/698. When the text says 「现行有效行政规范性文件698件」 and
「制发的规范性文件88件」, only one of them agrees; it is taken, and the note on the table quotes the
sentence. Text that agrees with several cuts, or with none, leaves the run ambiguous. Text that
contradicts the table may choose a wrong cut — never silently: the note says the text decided it
and quotes the sentence.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck.engine.findings import CellRef
from giocheck.extract.splits import Run, splits
from giocheck.model import AnnualReport
from giocheck.strategies import reports
from tests.test_glued import _rendered_glued, read_text_report

_NORM = ("MADE", "REPEALED", "VALID")
_SAID = {
    "MADE": "本年度制发的行政规范性文件{}件。",
    "REPEALED": "废止行政规范性文件{}件。",
    "VALID": "集中公开现行有效行政规范性文件{}件。",
}
_DECIDED = "的拆分由正文所述数字确定"
_EXAMPLES = 40
_TABLE_TWO = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t000
行政规范性文件\t8855698
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t10690
"""


def _with_text(report: AnnualReport, numbers: dict[str, int]) -> AnnualReport:
    """`report` whose overview states the table-two numbers `numbers` (column → value)."""
    said = "".join(_SAID[column].format(value) for column, value in numbers.items())
    sections = [s.model_copy(update={"text": said + s.text}) if s.key == "OVERVIEW" else s for s in report.sections]
    return report.model_copy(update={"sections": sections})


def _norm(report: AnnualReport) -> list[int | None]:
    return [cell.value for cell in report.tables["T2"].rows["NORM"].cells.values()]  # type: ignore[misc]


def _cuts(values: list[int | None]) -> list[tuple[int | None, ...]]:
    """Every cut of the row's digits as printed glued (no relation: every canonical cut)."""
    cells = tuple(CellRef("T2", "NORM", column) for column in _NORM)
    return splits(Run(cells, ("".join(str(v) for v in values),)), [])


def _overview(prefix: str, figures: str) -> str:
    return f"平潭测试区2023年度政府信息公开工作年度报告\n一、总体情况\n{prefix}\n{figures}"


def test_the_text_decides_a_cut_and_the_note_quotes_it() -> None:
    text = _overview(
        "设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。", _TABLE_TWO
    )
    report = read_text_report(text)
    # (The fragment has no table three or four: those are read problems of their own.)
    assert _norm(report) == [88, 55, 698] and not [p for p in report.problems if "ambiguous" in p.message_zh]
    assert all(cell.recovered for cell in report.tables["T2"].rows["NORM"].cells.values())
    [note] = [note for note in report.notes if note.kind == "recovered"]
    assert "“行政规范性文件”行的拆分由正文所述数字确定：「设立规范性文件库，集中公开现行有效行政规范性文件698件" in (
        note.message_zh
    )
    assert "the cut of “Administrative normative documents” was decided by the numbers the text states" in (
        note.message_en
    )


def test_text_that_leaves_several_cuts_or_none_keeps_the_run_ambiguous() -> None:
    for sentence in ("本年度制发行政规范性文件88件。", "现行有效行政规范性文件393件。制发的规范性文件88件。"):
        report = read_text_report(_overview(sentence, _TABLE_TWO))
        assert _norm(report) == [None, None, None]
        [problem] = [p for p in report.problems if "「8855698」" in p.message_zh]
        assert problem.table == "T2" and "ambiguous" in problem.message_zh
        assert not any(_DECIDED in note.message_zh for note in report.notes)


@st.composite
def _stated(draw: st.DrawFn, truthful: bool) -> tuple[AnnualReport, dict[str, int]]:
    """A valid 2021-format report and the table-two numbers its text states: the table's own
    (`truthful`), or a cut of the same digits that is not the table's, or any number."""
    original = draw(reports(format="2021"))
    values = _norm(original)
    columns = draw(st.sets(st.sampled_from(_NORM), min_size=1))
    told: dict[str, int | None]
    others = [cut for cut in _cuts(values) if list(cut) != values]
    if truthful:
        told = dict(zip(_NORM, values, strict=True))
    elif draw(st.booleans()) and others:
        told = dict(zip(_NORM, draw(st.sampled_from(others)), strict=True))
    else:
        told = {column: draw(st.integers(0, 9999)) for column in _NORM}
    return original, {column: value for column, value in told.items() if column in columns and value is not None}


def _wrong_rows(original: AnnualReport, read: AnnualReport) -> list[tuple[str, str]]:
    """Rows read with values other than the original's and not said to be unread (blank with a
    read problem on their table)."""
    wrong = []
    for key, table in original.tables.items():
        for row_key, row in table.rows.items():
            expected = [cell.value for cell in row.cells.values()]
            got = [cell.value for cell in read.tables[key].rows[row_key].cells.values()]
            said = got == [None] * len(got) and any(p.table == key for p in read.problems)
            if got != expected and not said:
                wrong.append((key, row_key))
    return wrong


def test_text_stating_the_tables_numbers_decides_table_two_and_never_cuts_wrong() -> None:
    """Text that states the table's own numbers: every row exact or said ambiguous, never wrong;
    with 本年制发 and 现行有效 both stated, table two's row is exact every time (the digits between
    them are 本年废止), and a cut the text chose is noted with its sentence."""
    decided: list[bool] = []

    @settings(max_examples=_EXAMPLES)
    @given(_stated(truthful=True))
    def stated_back(case: tuple[AnnualReport, dict[str, int]]) -> None:
        original, told = case
        read = _rendered_glued(_with_text(original, told), stuck=False)
        assert _wrong_rows(original, read) == []
        if {"MADE", "VALID"} <= set(told):
            assert _norm(read) == _norm(original)
            decided.append(len(_cuts(_norm(original))) > 1)
        if len(_cuts(_norm(original))) > 1 and _norm(read) == _norm(original):
            # No relation cuts the row: the text chose, and the note says so with the sentence.
            [note] = [note for note in read.notes if note.table == "T2"]
            quoted = [_SAID[column].format(value)[:-1] for column, value in told.items()]
            assert _DECIDED in note.message_zh and any(sentence in note.message_zh for sentence in quoted)

    stated_back()
    assert decided and any(decided)  # some of those rows had several cuts: the text chose


def test_text_contradicting_the_table_never_makes_a_wrong_cut_silently() -> None:
    """Text stating numbers the table does not hold (another cut of its digits, or any number):
    a row read wrong is only ever table two's, cut as the text says, with a note on table two
    that says the text decided it and quotes the sentence; a number no cut has leaves it ambiguous."""

    outcomes: list[str] = []

    @settings(max_examples=_EXAMPLES)
    @given(_stated(truthful=False))
    def contradicted(case: tuple[AnnualReport, dict[str, int]]) -> None:
        original, told = case
        read = _rendered_glued(_with_text(original, told), stuck=False)
        wrong = _wrong_rows(original, read)
        assert set(wrong) <= {("T2", "NORM")}
        outcomes.append("wrong" if wrong else "right" if _norm(read) == _norm(original) else "ambiguous")
        if wrong:
            got = dict(zip(_NORM, _norm(read), strict=True))
            assert all(got[column] == value for column, value in told.items())
            [note] = [note for note in read.notes if note.table == "T2"]
            quoted = [_SAID[column].format(value)[:-1] for column, value in told.items()]
            assert _DECIDED in note.message_zh and any(sentence in note.message_zh for sentence in quoted)
            assert all(cell.recovered for cell in read.tables["T2"].rows["NORM"].cells.values())

    contradicted()
    assert {"wrong", "ambiguous"} <= set(outcomes), outcomes  # both ways of contradicting were met
