"""Text laid out from a PDF (`pdftotext -layout`): row labels wrapped around their numbers and
interleaved with the lines of the merged group cell beside them.

A wrapped label may go on below its numbers (「（六）其 1.申请人无正当理由逾期不 1 0 0 0 0 0 1」, then
「他处理 补正、行政机关」, 「不再处理其政府信息公开申请」): the whole label places the row. The group
cell's lines (「（四）无」 / 「法提供」) land among the row label's lines: a label that is its row's
with a stretch of the group label set in is printed right, and no label note is made.
"""

from __future__ import annotations

from pathlib import Path

from giocheck.api import check, load
from giocheck.extract.similar import group_interleaved
from giocheck.formats import formats
from giocheck.model import AnnualReport
from tests.test_glued import CRAWLED, read_text_report

_OTHER_1 = """（六）其
他处理
1、申请人无正当理由逾期不补
正、行政机关不再处理其政府信
息公开申请
67 3 0 0 1 0 71
"""
_UNABLE = """（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769
- 5 -
法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11
"""


def _row(report: AnnualReport, key: str) -> list[object]:
    return [cell.value for cell in report.tables["T3"].rows[key].cells.values()]


def test_a_label_that_goes_on_below_its_numbers_places_its_row(huaian_text: str) -> None:
    text = huaian_text.replace(
        _OTHER_1,
        "（六）其 1、申请人无正当理由逾期不 67 3 0 0 1 0 71\n他处理 补正、行政机关\n\f不再处理其政府信息公开申\n请\n",
    )
    report = read_text_report(text)
    assert not report.problems
    assert _row(report, "R_OTHER_1") == [67, 3, 0, 0, 1, 0, 71]
    assert report.tables["T3"].rows["R_OTHER_2"].cells["TOT"].value == 6
    assert not [note for note in report.notes if note.row == "R_OTHER_1"]


def test_lines_below_that_name_the_next_row_are_not_taken_in(huaian_text: str) -> None:
    # The numbered line's label alone names no row, and the line below is the next item: the
    # line stays unplaced (said), the next row keeps its own label.
    text = huaian_text.replace(_OTHER_1, "（六）其 1、申请人无正当 67 3 0 0 1 0 71\n")
    report = read_text_report(text)
    assert report.tables["T3"].rows["R_OTHER_2"].cells["TOT"].value == 6
    assert any(problem.table == "T3" for problem in report.problems)


def test_a_group_cells_lines_inside_a_label_make_no_label_note(huaian_text: str) -> None:
    text = huaian_text.replace(
        _UNABLE,
        "（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769\n2.没有现成信息需要另行制\n法提供 11 0 0 0 0 0 11\n作\n",
    )
    report = read_text_report(text)
    assert not report.problems
    assert _row(report, "R_UNABLE_2") == [11, 0, 0, 0, 0, 0, 11]
    assert not [note for note in report.notes if note.row == "R_UNABLE_2"]


def test_group_pieces_are_told_from_misprinted_labels() -> None:
    spec = formats()["2021"].table("T3")
    unable, other = spec.row("R_UNABLE_2"), spec.row("R_OTHER_1")
    assert group_interleaved(spec, unable, "2.没有现成信息需要另行制法提供作")
    assert group_interleaved(spec, unable, "2.没有现成信息需要另行制法作")
    assert group_interleaved(
        spec, other, "（六）其1.申请人无正当理由逾期不他处理补正、行政机关不再处理其政府信息公开申请"
    )
    # Not the group's own characters in its order, or a character of the label dropped: misprinted.
    assert not group_interleaved(spec, unable, "2.没有现成信息需要另行制提法供作")
    assert not group_interleaved(spec, unable, "2.没有现成信息需要另行法提供作")
    assert not group_interleaved(spec, spec.row("R_GRANT"), "（一）予以公开法提供")


def test_a_misprinted_heading_in_a_run_together_page_ends_before_its_table(tmp_path: Path) -> None:
    """A crawled page on one line whose part four heading has a word changed (「行政法复议」, as
    平潭 2022 prints it): the heading is found by its part's pattern and ends at its 「情况」, so
    the part is there and table four is read after it — no missing-part error."""
    text = " ".join(CRAWLED.read_text(encoding="utf-8").split("\n"))
    path = tmp_path / "crawled.txt"
    path.write_text(text.replace("四、政府信息公开行政复议、", "四、政府信息公开行政法复议、"), encoding="utf-8")
    report = load(path)
    assert "REVIEW" in [section.key for section in report.sections] and not report.problems
    assert [cell.value for cell in report.tables["T4"].rows["DATA"].cells.values()] == [1, 0, 0, 1, 2] + [0] * 10
    assert "S_PARTS" not in {finding.rule for finding in check(report).findings}
