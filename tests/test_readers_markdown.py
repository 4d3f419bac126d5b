"""The Markdown reader: real converter output, each converter quirk, folder runs, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck.api import load
from giocheck.cli import main
from giocheck.document import Document, Fragment, Line
from giocheck.errors import NotAReportError
from giocheck.extract.tokens import Token, fit, is_noise
from giocheck.model import AnnualReport, Location
from giocheck.readers import is_report_file, read_document
from giocheck.readers.markdown import has_report_title, looks_like_markdown, read_markdown
from giocheck.runner import check_paths, collect
from giocheck.strategies import reports
from giocheck.writers.layout import Grid, Paragraph, blocks, positions
from tests.conftest import DATA
from tests.support import expected_values, values

REAL = DATA / "real"
QUIRKS = DATA / "markdown"
CONVERTED = [
    "fujian-pingtan-zone-2019.markitdown",
    "fujian-pingtan-zone-2022.markitdown",
    "fujian-pingtan-zone-2023.markitdown",
    "fujian-pingtan-zone-2024.markitdown",
    "fujian-pingtan-zone-2025.markitdown",
    "huaian-city-government-2024.markitdown",
    "huaian-city-government-2024.pymupdf4llm",
    "shanghai-city-government-office-2019.markitdown",
    "test-city-government-2025.markitdown",
]
README = "# giocheck\n\n检查政府信息公开工作年度报告（政府信息公开工作年度报告）。\n\n## 安装\n\n| 命令 | 说明 |\n|---|---|\n| pip install giocheck | 安装 |\n"


def _texts(document: Document) -> list[list[str]]:
    return [[fragment.text for fragment in line.fragments] for line in document.lines]


@pytest.mark.parametrize("name", CONVERTED)
def test_real_reports_through_converters_read_cell_exact(name: str) -> None:
    report = load(REAL / f"{name}.md")
    assert report.problems == []
    assert values(report) == expected_values(REAL / f"{name.split('.')[0]}.expected.json")


@pytest.mark.parametrize(
    "name",
    [
        "generic-headers",
        "repeated-header",
        "page-footers",
        "detached-labels",
        "group-label-shift",
        "empty-cells",
        "html-table",
        "llm-fenced",
        "pandas-to-markdown",
    ],
)
def test_each_converter_quirk_reads_cell_exact(name: str) -> None:
    expected = QUIRKS / ("empty-cells.expected.json" if name == "empty-cells" else "report.expected.json")
    report = load(QUIRKS / f"{name}.md")
    assert report.problems == []
    assert (report.metadata.year, report.metadata.format) == (2025, "2021")
    if name != "llm-fenced":  # the LLM's own first line still joins the agency name (the title's job, not the reader's)
        assert report.metadata.agency == "测试市人民政府"
    assert [section.key for section in report.sections] == [
        "OVERVIEW",
        "PROACTIVE",
        "APPLICATIONS",
        "REVIEW",
        "PROBLEMS",
        "OTHER",
    ]
    assert values(report) == expected_values(expected)


def test_blank_cells_stay_blank_not_zero() -> None:
    report = load(QUIRKS / "empty-cells.md")
    blank = report.cell("T3", "R_DENY_1", "TOT")
    assert blank is not None and blank.value is None and blank.raw == ""


def test_headings_paragraphs_and_list_items_keep_their_printed_text() -> None:
    text = "# 某局2024年政府信息公开\n工作年度报告\n\n## 一、总体情况\n\n第一行 **加粗** [链接](http://x)\n第二行\n\n1. 属于国家秘密\n\n- 5 -\n"
    document = read_markdown(text, "r.md")
    assert [line.text for line in document.lines] == [
        "某局2024年政府信息公开",
        "工作年度报告",
        "一、总体情况",
        "第一行 加粗 链接",
        "第二行",
        "1. 属于国家秘密",
        "- 5 -",
    ]
    assert [line.location.line for line in document.lines] == [1, 2, 4, 6, 7, 9, 11]


def test_the_publication_date_a_converted_page_shows_is_kept() -> None:
    document = read_markdown("[首页](/) > 年报\n\n发布日期：2020-01-31\n\n# 标题\n", "r.md")
    assert document.published is not None and document.published.isoformat() == "2020-01-31"


def test_table_cells_say_line_table_row_and_column() -> None:
    text = "前言\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n\n| a | b |\n|---|---|\n| 行政许可 | 7 |\n"
    document = read_markdown(text, "r.md")
    cell = document.lines[-1].fragments[1]
    assert cell.text == "7"
    assert cell.location.model_dump(exclude_none=True) == {"line": 9, "table": 2, "row": 2, "column": 2}
    assert document.lines[2].fragments[1].location.model_dump(exclude_none=True) == {
        "line": 5,
        "table": 1,
        "row": 2,
        "column": 2,
    }


def test_rows_keep_every_cell_however_wide_the_header() -> None:
    # GFM would cut the row to the header's two cells and drop three numbers.
    document = read_markdown("| 项目 | 数量 |\n|---|---|\n| 行政许可 | 1 | 2 | 3 \\| x | `a|b` |\n", "r.md")
    assert _texts(document)[-1] == ["行政许可", "1", "2", "3 | x", "a|b"]


@pytest.mark.parametrize("header", ["Col1 | Col2 | Col3", "数据1 | 数据2 | 数据3", "Unnamed: 0 | Column1 | 列3"])
def test_generic_column_headers_are_blank(header: str) -> None:
    document = read_markdown(f"| {header} |\n|---|---|---|\n| 数据1 | 0 | 7 |\n", "r.md")
    assert _texts(document) == [["数据1", "0", "7"]]  # the header row is gone; a body cell is kept as written


def test_a_merged_cell_written_into_every_column_is_one_cell() -> None:
    text = (
        "| 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 |\n|---|---|---|\n"
        "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 |\n| 行政许可 | 447228 | 447228 |\n| 行政处罚 | 9 | 9 |\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 |\n| 规章 | 0 | 0 |\n"
    )
    document = read_markdown(text, "r.md")
    assert _texts(document) == [
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "447228"],
        ["行政处罚", "9"],
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "0", "0"],  # two cells: no header merges them
    ]
    assert document.lines[2].fragments[1].location.column == 2


def test_a_header_repeated_mid_table_and_delimiter_rows_are_dropped() -> None:
    text = (
        "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 1 |\n| 信息内容 | 本年制发件数 |\n"
        "|---|---|\n| 行政规范性文件 | 2 |\n| 规章 | 1 |\n"
    )
    assert _texts(read_markdown(text, "r.md")) == [
        ["信息内容", "本年制发件数"],
        ["规章", "1"],
        ["行政规范性文件", "2"],
        ["规章", "1"],  # a data row is never taken for a repeated header
    ]


def test_a_data_frame_loses_its_index_column_numbers_and_nan_and_joins_multi_line_cells() -> None:
    text = (
        "|    | 0        |   1 | 2   |\n|---:|:---------|----:|:----|\n"
        "|  0 | 信息内容 | nan | 本年 |\n|    |          |     | 数量 |\n|  1 | 行政许可 |   7 | None |\n"
    )
    assert _texts(read_markdown(text, "r.md")) == [["信息内容", "", "本年数量"], ["行政许可", "7", ""]]


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("|  |  |  |\n|---|---|---|\n| 0 | 0 | 0 |\n", [["0", "0", "0"]]),  # T4 all zero, markitdown's empty header
        ("|  |  |\n|---|---|\n| 1 | 5 |\n| 3 | 6 |\n", [["1", "5"], ["3", "6"]]),  # numbers that do not count rows
        ("| 1 | 2 |\n|---|---|\n| 3 | 4 |\n", [["1", "2"], ["3", "4"]]),  # a data row taken for the header
        ("|  | 0 |\n|---|---|\n| 0 | 5 |\n", [["", "0"], ["0", "5"]]),  # one row is no index
    ],
)
def test_numbers_are_no_index_unless_they_count_rows(text: str, cells: list[list[str]]) -> None:
    assert _texts(read_markdown(text, "r.md")) == cells


def test_br_in_a_cell_joins_a_wrapped_label() -> None:
    document = read_markdown("| a | b |\n|---|---|\n| （三）不<br>予公开 | 1.属于国家<br/>秘密 |\n", "r.md")
    assert _texts(document)[-1] == ["（三）不予公开", "1.属于国家秘密"]


def test_an_html_table_in_markdown_runs_to_its_closing_tag() -> None:
    text = "| a | b |\n|---|---|\n| x | 1 |\n\n<table>\n<tr><td>规章</td><td>3</td></tr>\n\n<tr><td>行政许可</td><td>4</td></tr>\n</table>\n\n后文\n"
    document = read_markdown(text, "r.md")
    assert _texts(document) == [["a", "b"], ["x", "1"], ["规章", "3"], ["行政许可", "4"], ["后文"]]
    assert [line.location.table for line in document.lines] == [1, 1, 2, 2, None]
    assert document.lines[-1].location.line == 11


def test_fenced_markdown_is_markdown_and_other_code_is_text() -> None:
    text = "说明\n\n```markdown\n## 一、总体情况\n| a | b |\n|---|---|\n| 规章 | 3 |\n```\n\n```\n规章  1  2\n```\n"
    document = read_markdown(text, "r.md")
    assert _texts(document) == [["说明"], ["一、总体情况"], ["a", "b"], ["规章", "3"], ["规章", "1", "2"]]
    assert [line.location.line for line in document.lines] == [1, 4, 5, 7, 11]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", True),
        ("a | b\n:--|--:\n1 | 2\n", True),
        ("## 一、总体情况\n正文\n## 二、主动公开政府信息情况\n", True),
        ("# 只有一个标题\n正文 | 竖线\n", False),
        ("一、总体情况\n规章  1  2  3\n------\n", False),
    ],
)
def test_markdown_is_sniffed_from_the_content(text: str, markdown: bool) -> None:
    assert looks_like_markdown(text) is markdown


def test_a_txt_holding_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    name = "huaian-city-government-2024.pymupdf4llm"
    path = tmp_path / "report.txt"
    path.write_bytes((REAL / f"{name}.md").read_bytes())
    report = load(path)
    assert report.problems == []  # as plain text, its `Col1` header and `- 4` footers misplace rows
    assert values(report) == expected_values(REAL / f"{name.split('.')[0]}.expected.json")


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("# 淮安市人民政府\n# 2024 年政府信息公开工作年度报告\n", True),
        ("**某县2023年度政府信息公开工作年度报告**\n", True),
        ("根据条例编制本报告。\n\n一、总体情况\n", True),
        (README, False),
        ("# 说明\n\n" + "某市2024年政府信息公开工作年度报告的样例放在 tests/data 下，" * 3 + "\n", False),
    ],
)
def test_a_report_title_near_the_top_makes_a_markdown_file_a_report(text: str, report: bool) -> None:
    assert has_report_title(text) is report


def test_a_folder_run_skips_a_readme_but_checks_the_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.markdown").write_text("# 笔记\n\n待办。\n", encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_bytes((QUIRKS / "html-table.md").read_bytes())
    assert collect([tmp_path]) == ([report], [])
    assert not is_report_file(tmp_path / "README.md", tmp_path)
    assert is_report_file(tmp_path / "README.md", tmp_path, named=True)
    outcomes = check_paths([tmp_path])
    assert [outcome.path for outcome in outcomes] == [str(report)]
    # The table rules only: the sample's fictitious 测试市 is no 设区的市 (rules/divisions.toml), and
    # its text leaves out 第五十条第四项 — true findings, but not this test's business.
    assert main(["check", str(tmp_path), "--select", "T"]) == 0
    assert "共检查 1 个文件" in capsys.readouterr().out


def test_a_readme_named_on_the_command_line_says_it_is_no_report(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    with pytest.raises(NotAReportError, match=r"README\.md"):
        load(readme)


def test_the_sample_folders_pick_up_the_markdown_reports_only() -> None:
    files, errors = collect([DATA])
    found = {path.name for path in files if path.suffix == ".md"}
    assert errors == []
    assert found == {f"{name}.md" for name in CONVERTED} | {path.name for path in QUIRKS.glob("*.md")} - {"README.md"}


def test_a_markdown_suffix_is_read_as_markdown_even_when_it_starts_with_html(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("<p>前言</p>\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n", encoding="utf-8")
    assert _texts(read_document(path)) == [["前言"], ["信息内容", "本年制发件数"], ["规章", "3"]]


# A test-side renderer: the official grids as pipe tables, merged cells written out the two ways
# converters do (empty cells: markitdown; the text in every covered cell: pymupdf4llm), under a
# Markdown header row that is the grid's first row or generic names.


def _markdown(report: AnnualReport, repeat_merged: bool, generic_header: bool) -> str:
    parts: list[str] = []
    for block in blocks(report):
        if isinstance(block, Paragraph):
            marker = {"title": "# ", "heading": "## "}.get(block.kind, "")
            parts.append(marker + _escaped(block.text))
            continue
        parts.append(_pipe_table(block, repeat_merged, generic_header))
    return "\n\n".join(parts) + "\n"


def _escaped(text: str) -> str:
    return "".join(f"\\{char}" if char.isascii() and not char.isalnum() and char != " " else char for char in text)


def _pipe_table(grid: Grid, repeat_merged: bool, generic_header: bool) -> str:
    cells = [["" for _ in range(grid.width)] for _ in grid.rows]
    for row, column, span in positions(grid.rows):
        for down in range(span.rows):
            for right in range(span.columns):
                if (down, right) == (0, 0) or repeat_merged:
                    cells[row + down][column + right] = span.text.replace("|", "\\|")
    rows = [["Col" + str(column + 1) for column in range(grid.width)], *cells] if generic_header else cells
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * grid.width, *lines[1:]])


@settings(max_examples=30)
@given(reports(blanks=True), st.booleans(), st.booleans())
def test_markdown_round_trip(
    tmp_path_factory: pytest.TempPathFactory, report: AnnualReport, repeat_merged: bool, generic_header: bool
) -> None:
    path = tmp_path_factory.mktemp("markdown") / "report.md"
    path.write_text(_markdown(report, repeat_merged, generic_header), encoding="utf-8")
    back = load(path)
    assert back.problems == []
    assert (back.metadata.agency, back.metadata.year, back.metadata.format) == (
        report.metadata.agency,
        report.metadata.year,
        report.metadata.format,
    )
    assert values(back) == values(report)
    assert [section.key for section in back.sections] == [section.key for section in report.sections]


_MARKUP_PIECES = [
    "|",
    "|---|---|",
    "\n",
    "\r\n",
    " ",
    "  ",
    "#",
    "## ",
    "- ",
    "1. ",
    "> ",
    "```",
    "```markdown",
    "    ",
]
_HTML_PIECES = ["`", "\\|", "<table>", "</table>", "<tr><td>", "</td>", "<br>", "<!--", "-->", "**", "[a](b)", "&nbsp;"]
_TEXT_PIECES = [
    "\0",
    "\u2028",
    "规章",
    "一、总体情况",
    "2024年政府信息公开工作年度报告",
    "0",
    "13",
    "- 5 -",
    "Col1",
    "数据1",
]
_MARKDOWN_PIECES = st.sampled_from([*_MARKUP_PIECES, *_HTML_PIECES, *_TEXT_PIECES, "Unnamed: 0"])


@settings(max_examples=200)
@given(st.lists(_MARKDOWN_PIECES, max_size=60).map("".join))
def test_any_markdown_reads_without_error(text: str) -> None:
    document = read_markdown(text, "r.md")
    assert all(line.location.line is None or line.location.line >= 1 for line in document.lines)
    assert all(isinstance(fragment.text, str) for line in document.lines for fragment in line.fragments)


def _tokens(*texts: str) -> tuple[Token, ...]:
    return tuple(Token(text, Location(column=index + 1)) for index, text in enumerate(texts))


@pytest.mark.parametrize(
    ("texts", "count", "placed"),
    [
        (("13", "13", "", "524"), 3, ["13", "13", "524"]),  # markitdown's colspan: an empty cell between values
        (("", "5", "", "7"), 3, ["5", "", "7"]),  # a leading blank goes first; the blank value stays
        (("13", "", "", "524"), 3, None),  # which of two empty cells is the blank value? not said
        (("1", "", "2", "3"), 4, ["1", "", "2", "3"]),
    ],
)
def test_empty_cells_between_values_are_dropped_only_when_the_rest_are_exactly_the_values(
    texts: tuple[str, ...], count: int, placed: list[str] | None
) -> None:
    found = fit(_tokens(*texts), count)
    assert (None if found is None else [token.text for token in found]) == placed


@pytest.mark.parametrize(
    ("text", "noise"), [("- 4", True), ("- 4 -", True), ("— 12", True), ("-4", False), ("- 4件", False)]
)
def test_a_page_number_whose_closing_dash_was_lost_is_noise(text: str, noise: bool) -> None:
    location = Location(line=1)
    assert is_noise(Line((Fragment(text, location),), location)) is noise
