"""Reading real report text cell-exact, and every layout quirk of spec §6–§7."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from giocheck.document import Line
from giocheck.errors import ReadError
from giocheck.extract.tokens import parse_number
from tests.conftest import HUAIAN, QU
from tests.support import expected_values, read, values


@pytest.mark.parametrize("path", [QU, HUAIAN], ids=["qu-county", "huaian"])
def test_sample_is_read_cell_exact(path: Path) -> None:
    report = read(path.read_text(encoding="utf-8"), path.name)
    expected_path = path.with_name(path.name.removesuffix(".txt") + ".expected.json")
    assert report.problems == []
    assert values(report) == expected_values(expected_path)


def test_sample_metadata_and_sections(qu_text: str, huaian_text: str) -> None:
    qu = read(qu_text)
    assert (qu.metadata.agency, qu.metadata.year, qu.metadata.format) == ("渠县信访局", 2025, "2021")
    assert [s.key for s in qu.sections] == ["OVERVIEW", "PROACTIVE", "APPLICATIONS", "REVIEW", "PROBLEMS", "OTHER"]
    assert qu.section("PROBLEMS") is not None
    huaian = read(huaian_text)
    assert (huaian.metadata.agency, huaian.metadata.year) == ("淮安市人民政府", 2024)
    assert "3940" in (huaian.section("OTHER") or pytest.fail("no section 六")).text


def test_cells_know_their_line(huaian_text: str) -> None:
    report = read(huaian_text)
    cell = report.cell("T3", "R_TOTAL", "TOT")
    assert cell is not None and cell.value == 3050 and cell.raw == "3050"
    assert cell.location is not None and cell.location.line is not None
    assert "（七）总计" in huaian_text.splitlines()[cell.location.line - 1]


def test_quirks_seen_in_the_seed_are_handled(qu_text: str) -> None:
    report = read(qu_text)
    rows = report.tables["T3"].rows
    # `（三）不予公开` is missing from the seed: its items are still placed by their labels.
    assert rows["R_DENY_1"].source == "label"
    # The group label is flattened onto its first item's line.
    assert "无法提供" in rows["R_UNABLE_1"].label


def test_runs_of_spaces_separate_cells_like_tabs(qu_text: str) -> None:
    spaced = qu_text.replace("\t", "   ")
    assert values(read(spaced)) == values(read(qu_text))


def test_full_width_digits_and_other_footers(huaian_text: str) -> None:
    wide = huaian_text.replace("1.属于国家秘密", "１．属于国家秘密").replace("- 5 -", "第 5 页 共 6 页")
    report = read(wide)
    assert report.problems == []
    assert values(report) == values(read(huaian_text))


def test_a_row_without_label_is_placed_by_official_order(qu_text: str) -> None:
    without = qu_text.replace("3. 危及“三安全一稳定”", "")
    report = read(without)
    assert report.problems == []
    assert report.tables["T3"].rows["R_DENY_3"].source == "order"


def test_a_label_with_no_numbers_is_a_blank_row(qu_text: str) -> None:
    blank = re.sub(r"(3\. 要求提供公开出版物)(\t0)+", r"\1", qu_text)
    report = read(blank)
    row = report.tables["T3"].rows["R_NOPROC_3"]
    assert row.source == "blank"
    assert all(cell.value is None for cell in row.cells.values())
    assert report.tables["T3"].rows["R_NOPROC_4"].cells["NP"].value == 0


def test_placeholders_are_kept_distinct_from_zero(qu_text: str) -> None:
    text = qu_text.replace("规章\t0\t0\t0", "规章\t/\t—\t无")
    cells = read(text).tables["T2"].rows["REG"].cells
    assert [(c.value, c.raw) for c in cells.values()] == [(None, "/"), (None, "—"), (None, "无")]


def test_numbers_that_cannot_be_placed_are_reported_not_guessed(huaian_text: str) -> None:
    # pypdf drops blank cells: a T3 row with 6 numbers cannot be placed in 7 columns.
    damaged = huaian_text.replace("2.重复申请 25 0 0 0 0 0 25", "2.重复申请 25 0 0 0 0 25")
    report = read(damaged)
    assert any("重复申请" in p.message_zh and "7" in p.message_zh for p in report.problems)
    assert report.tables["T3"].rows["R_NOPROC_2"].source == "absent"


def test_a_report_cut_off_in_table_3_says_so(huaian_text: str) -> None:
    cut = huaian_text[: huaian_text.index("2.重复申请")]
    report = read(cut)
    messages = " ".join(p.message_zh for p in report.problems)
    assert "表三" in messages and "缺少" in messages
    assert "未找到表四" in messages


def test_a_text_that_is_not_a_report_is_refused() -> None:
    with pytest.raises(ReadError, match="不是政府信息公开工作年度报告"):
        read("会议纪要\n今天讨论了食堂的菜单。\n下周继续。\n")


def test_a_pre_2019_report_is_legacy_without_table_problems() -> None:
    legacy = "某县文广新局2013年政府信息公开工作年度报告\n一、概述\n本局认真贯彻《条例》。\n二、主动公开政府信息情况\n全年主动公开信息120条。\n"
    report = read(legacy)
    assert report.metadata.format == "legacy"
    assert (report.metadata.year, report.tables, report.problems) == (2013, {}, [])


@pytest.mark.parametrize(
    ("text", "money", "expected"),
    [
        ("3,001", False, 3001),
        ("96171.6", True, "96171.6"),
        ("-3", False, -3),
        ("2.5", False, "2.5"),
        ("/", False, None),
    ],
)
def test_number_parsing(text: str, money: bool, expected: object) -> None:
    value = parse_number(text, money)
    assert (str(value) if expected is not None and isinstance(expected, str) else value) == expected


REAL = sorted((HUAIAN.parent / "real").glob("*-excerpt.txt"))


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_excerpts_read_every_row_they_have(path: Path) -> None:
    """Partial real reports: every row they print is read exactly; what they lack is said: rows
    left out between rows read (a finding), or a table cut off (a read problem)."""
    report = read(path.read_text(encoding="utf-8"), path.name)
    expected = expected_values(path.with_name(path.stem + ".expected.json"))
    got = values(report)
    for table, rows in expected.items():
        for key, row_values in rows.items():
            assert got[table][key] == row_values, (table, key)
    assert any("缺少" in p.message_zh for p in report.problems) or any(n.kind == "rows_missing" for n in report.notes)


def _with_2019_other_row(huaian_text: str, numbers: str = "181 5 0 0 1 0 187") -> str:
    """The 淮安 sample with its three （六） items printed as the 2019 format's single row."""
    start, end = huaian_text.index("（六）其"), huaian_text.index("（七）总计")
    return huaian_text[:start] + f"（六）其他处理 {numbers}\n" + huaian_text[end:]


def test_a_2019_row_in_a_2021_table_is_read_apart(huaian_text: str) -> None:
    report = read(_with_2019_other_row(huaian_text))
    table = report.tables["T3"]
    assert report.problems == []
    assert [c.value for c in table.substitutes["R_OTHER"].cells.values()] == [181, 5, 0, 0, 1, 0, 187]
    assert {key: table.rows[key].source for key in ("R_OTHER_1", "R_OTHER_2", "R_OTHER_3")} == dict.fromkeys(
        ("R_OTHER_1", "R_OTHER_2", "R_OTHER_3"), "replaced"
    )
    assert table.rows["R_TOTAL"].cells["TOT"].value == 3050


def test_headings_are_searched_once_when_the_formats_share_them(monkeypatch: pytest.MonkeyPatch) -> None:
    import giocheck.extract
    from giocheck import load
    from giocheck.extract.structure import Heading, find_headings
    from giocheck.formats import FormatSpec, formats

    searched: list[str] = []

    def counting(lines: Sequence[Line], spec: FormatSpec) -> list[Heading]:
        searched.append(spec.key)
        return find_headings(lines, spec)

    monkeypatch.setattr(giocheck.extract, "find_headings", counting)
    shanghai = load(Path(__file__).parent / "data" / "real" / "shanghai-city-government-office-2019.html")
    # A 2019-format report: the 2021 headings' search serves, with the 2019 format's parts.
    assert searched == ["2021"] and shanghai.metadata.format == "2019"
    assert [s.key for s in shanghai.sections] == [s.key for s in formats()["2019"].sections]
    assert shanghai.section("PROBLEMS") is not None


def _swapped(text: str, first: str, second: str) -> str:
    """`text` with the lines that hold `first` and `second` printed in each other's place."""
    lines = text.split("\n")
    a = next(i for i, line in enumerate(lines) if first in line)
    b = next(i for i, line in enumerate(lines) if second in line)
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def _numbered(text: str, labels: Sequence[str]) -> str:
    """`text` with the seven zeros of each labelled T3 line replaced by numbers no other row has."""
    zeros = "\t0" * 7
    for offset, label in enumerate(labels):
        line = next(line for line in text.split("\n") if label in line and line.endswith(zeros))
        numbers = "".join(f"\t{10 * (offset + 1) + column}" for column in range(7))
        text = text.replace(line, line.removesuffix(zeros) + numbers)
    return text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1. 属于国家秘密", "2. 其他法律法规规章禁止公开"),
        ("一、本年新收", "二、上年结转"),
        ("(一) 予以公开", "(二) 部分公开"),
    ],
    ids=["deny", "new", "grant"],
)
def test_rows_printed_out_of_order_are_placed_by_label(qu_text: str, first: str, second: str) -> None:
    numbered = _numbered(qu_text, [first, second])
    report = read(_swapped(numbered, first, second))
    assert report.problems == []
    assert values(report) == values(read(numbered))  # each row's numbers in its own row
    assert all(row.source == "label" for row in report.tables["T3"].rows.values())


def test_a_row_printed_twice_is_placed_once(huaian_text: str) -> None:
    line = "2.重复申请 25 0 0 0 0 0 25"
    report = read(huaian_text.replace(line, f"{line}\n2.重复申请 99 0 0 0 0 0 99"))
    assert report.tables["T3"].rows["R_NOPROC_2"].cells["TOT"].value == 25
    assert any("「2.重复申请」一行印了两次" in p.message_zh for p in report.problems)


@pytest.mark.parametrize(
    ("printed", "typed", "mistyped", "row", "column"),
    [
        ("行政规范性文件\t0\t0\t0", "行政规范性文件\t66x\t0\t0", "66x", "行政规范性文件", "本年制发件数"),
        ("行政规范性文件\t0\t0\t0", "行政规范性文件\t0\t6x6\t0", "6x6", "行政规范性文件", "本年废止件数"),
        ("行政许可\t0", "行政许可\t1x", "1x", "行政许可", "本年处理决定数量"),  # no number left at all
        (  # table 4: one row
            "\n" + "\t".join(["0"] * 15),
            "\n" + "\t".join(["0", "0", "7z", *["0"] * 12]),
            "7z",
            "行政复议、行政诉讼情况",
            "行政复议·其他结果",
        ),
        (
            "4. 保护第三方合法权益\t0\t0\t0\t0",
            "4. 保护第三方合法权益\t0\t0\t0O\t0",
            "0O",
            "4.保护第三方合法权益",
            "法人或其他组织·科研机构",
        ),
    ],
)
def test_a_mistyped_number_is_named_not_a_missing_row(
    qu_text: str, printed: str, typed: str, mistyped: str, row: str, column: str
) -> None:
    report = read(qu_text.replace(printed, typed, 1))
    [problem] = report.problems
    assert f"「{row}」的「{column}」一格「{mistyped}」不是数字" in problem.message_zh
    assert "缺少" not in problem.message_zh and "不是该表的任何一行" not in problem.message_zh
    assert problem.table is not None
    table = report.tables[problem.table]
    cell = next(cell for found in table.rows.values() for cell in found.cells.values() if cell.raw == mistyped)
    assert cell.value is None and cell.location is not None and cell.location.line is not None


def test_a_mistyped_number_in_a_space_separated_row(huaian_text: str) -> None:
    report = read(huaian_text.replace("2.重复申请 25 0 0 0 0 0 25", "2.重复申请 25 0 0 x0 0 0 25"))
    assert [p.message_zh for p in report.problems] == [
        "表三（收到和处理政府信息公开申请情况）「2.重复申请」的「法人或其他组织·社会公益组织」一格「x0」不是数字"
        "（第122行），请改为数字或留空"
    ]
    assert report.tables["T3"].rows["R_NOPROC_2"].cells["NP"].value == 25


def test_a_number_with_a_chinese_magnitude_is_named_not_a_missing_row(huaian_text: str) -> None:
    report = read(huaian_text.replace("行政许可 447228", "行政许可 44万7228"))
    assert [p.message_zh for p in report.problems] == [
        "表二（主动公开政府信息情况）「行政许可」的「本年处理决定数量」一格「44万7228」不是数字（第68行），请改为数字或留空"
    ]
    assert report.tables["T2"].rows["LICENSE"].cells["DECISIONS"].raw == "44万7228"


def test_a_label_word_is_not_taken_for_a_mistyped_number(huaian_text: str) -> None:
    # A row with a number missing and a word after its label is a count problem, not a typo.
    damaged = huaian_text.replace("2.重复申请 25 0 0 0 0 0 25", "2.重复申请 （注） 25 0 0 0 0 25")
    assert not any("不是数字" in p.message_zh for p in read(damaged).problems)


QU_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进措施",
    "六、其他需要报告的事项",
]


@pytest.mark.parametrize(
    "dropped",
    [QU_HEADINGS, QU_HEADINGS[2:3], QU_HEADINGS[1:3], QU_HEADINGS[2:4]],
    ids=["all", "three", "two-and-three", "three-and-four"],
)
def test_a_table_without_its_heading_ends_where_the_next_table_starts(qu_text: str, dropped: list[str]) -> None:
    text = qu_text
    for heading in dropped:
        assert f"\n{heading}\n" in text
        text = text.replace(f"\n{heading}\n", "\n")
    report = read(text)
    assert report.problems == []
    assert values(report) == values(read(qu_text))
