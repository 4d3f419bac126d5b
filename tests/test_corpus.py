"""The real corpus (`tests/data/real`): every cell of every report against its hand-read tables.

A file marked `exact` must read every cell right (and, unless an excerpt, without read problems).
A file marked `partial` may read cells wrong, but never silently: each wrong cell must sit in a
table that has a read problem, or the whole file must be refused as unreadable.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from giocheck.api import load
from giocheck.cli import main
from giocheck.formats import formats
from giocheck.readers.ocr import tesseract_program
from tests.corpus import REAL, Fixture, fixtures, read_fixture

FIXTURES = fixtures()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.path.name for f in FIXTURES])
def test_every_cell_reads_as_expected_or_is_said_to_be_unread(fixture: Fixture) -> None:
    if fixture.path.name.endswith(".scan.pdf") and tesseract_program() is None:
        pytest.skip("a scan needs tesseract with chi_sim: apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    reading = read_fixture(fixture)
    if fixture.mode == "exact":
        assert reading.unreadable is None, reading.unreadable
        assert reading.wrong == (), "\n".join(reading.wrong)
        if not fixture.excerpt:
            assert reading.problems == (), "\n".join(reading.problems)
    else:
        assert fixture.why, f"{fixture.expected.name}: a partial read needs a why"
        assert reading.uncovered == (), "wrong cells without a read problem:\n" + "\n".join(reading.uncovered)
        # A file that now reads exactly is marked so, so that a regression on it fails.
        assert reading.verdict != "exact", f"{fixture.path.name} reads exactly: mark it exact"


def test_the_share_read_exactly_does_not_fall() -> None:
    """Issue 8 asks for 90 %. Six crawled 平潭 pages keep a table-two run ambiguous (no relation
    cuts its digits and the text states too few of its numbers; 2022's text states two and
    decides it) and the scanned copy needs OCR, so the corpus stands at 39 of 46 — this keeps
    it from falling."""
    exact = sum(1 for fixture in FIXTURES if fixture.mode == "exact")
    assert exact / len(FIXTURES) >= 0.84


def test_the_agencys_own_broken_sum_in_a_crawled_page_is_a_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """平潭 2020 as crawled: its result rows add up to 26 自然人 / 27 总计, its （七）总计 says 20 / 21.
    No cut of the glued digits makes that sum hold, so each row is cut by its own total, table
    three is read in full, and the broken sum is an error on the tables, not a reading failure."""
    path = REAL / "fujian-pingtan-zone-2020.txt"
    reading = read_fixture(next(fixture for fixture in FIXTURES if fixture.path == path))
    assert not [cell for cell in reading.wrong if not cell.startswith("T2.")]
    assert all("表二" in problem for problem in reading.problems)
    main(["check", "--format", "text", str(path)])
    out = capsys.readouterr().out
    assert "T3_RESULT_SUM" in out and "办理结果总计为 21，各项办理结果之和为 27" in out


def test_a_crawled_page_whose_text_states_the_numbers_is_cut_by_them() -> None:
    """平潭 2022 as crawled: 行政规范性文件 `8855698` fits 8/855/698, 88/55/698 and 885/5/698; its
    text states 现行有效698件 and 制发88件, so one cut is left, and the note quotes the sentence."""
    report = load(REAL / "fujian-pingtan-zone-2022.txt")
    assert [cell.value for cell in report.tables["T2"].rows["NORM"].cells.values()] == [88, 55, 698]
    [note] = [note for note in report.notes if note.kind == "recovered" and note.table == "T2"]
    assert "“行政规范性文件”行的拆分由正文所述数字确定：「设立规范性文件库，集中公开现行有效行政规范性文件698件" in (
        note.message_zh
    )
    # 2023 states 制发77件 (four cuts fit) and 现行有效393件 (none does: its table says 470): open.
    later = load(REAL / "fujian-pingtan-zone-2023.txt")
    [problem] = later.problems
    assert "「77132470」" in problem.message_zh and "ambiguous" in problem.message_zh


def test_the_corpus_holds_every_file_kind() -> None:
    kinds = Counter(fixture.kind for fixture in FIXTURES)
    assert len(FIXTURES) >= 20
    assert {"txt", "html", "md", "docx", "pdf", "json"} <= set(kinds)


EXPECTED = sorted(REAL.glob("*.expected.json"))


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name for p in EXPECTED])
def test_expected_tables_use_the_rows_and_columns_of_their_format(expected: Path) -> None:
    data = json.loads(expected.read_text(encoding="utf-8"))
    assert any(fixture.expected == expected for fixture in FIXTURES), "no report file uses this expected file"
    spec = formats()[data["format"]]
    assert {"agency", "year", "source_url", "notes"} <= set(data)
    for table_key, table in data["tables"].items():
        table_spec = spec.table(table_key)
        for row in table["rows"]:
            assert table_spec.has_row(row["key"]), (table_key, row["key"])
            assert len(row["values"]) == len(table_spec.row_columns(row["key"])), (table_key, row["key"])
