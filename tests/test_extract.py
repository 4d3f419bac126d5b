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


REAL = sorted((HUAIAN.parent / "real").glob("*.txt"))


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_excerpts_read_every_row_they_have(path: Path) -> None:
    """Partial real reports: every row they print is read exactly; what they lack is a problem."""
    report = read(path.read_text(encoding="utf-8"), path.name)
    expected = expected_values(path.with_name(path.stem + ".expected.json"))
    got = values(report)
    for table, rows in expected.items():
        for key, row_values in rows.items():
            assert got[table][key] == row_values, (table, key)
    assert any("缺少" in p.message_zh for p in report.problems)


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
