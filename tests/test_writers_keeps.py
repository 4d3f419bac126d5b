"""`giocheck render` keeps everything it read: the opening text (统计期限, contacts), the
sections and tables, rows as printed (absent rows stay absent, an older format's row stays),
and the signature; checking the rendered file finds what checking the original finds."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from giocheck.api import check, load
from giocheck.engine.findings import Finding
from giocheck.extract import extract_report
from giocheck.model import AnnualReport
from giocheck.readers import read_document
from giocheck.readers.text import read_text
from giocheck.writers.layout import opening_lines
from giocheck.writers.output import render_bytes
from tests.conftest import DATA, HUAIAN, QU
from tests.corpus import fixtures
from tests.support import read, without_column

WRITERS = (".txt", ".html", ".docx", ".pdf")
# Every sample `giocheck render` accepts: render refuses a half-read report, so the real
# text and HTML files of the corpus that read exactly (not the excerpts, which lack rows).
SAMPLES = sorted(
    [
        QU,
        HUAIAN,
        DATA / "huaian-city-government-2024.pdf",
        *(
            fixture.path
            for fixture in fixtures()
            if fixture.path.suffix in (".txt", ".html") and fixture.mode == "exact" and not fixture.excerpt
        ),
    ]
)
# Findings about how the original was printed, which its rendering no longer has.
# How labels were worded: a rendered file prints the format's own labels and headings.
PRINTING_RULES = frozenset({"F_ROW_LABEL", "F_GLUED_DIGITS", "F_LABEL_WORDING"})
SIGNATURE = "\n\n渠县信访局\n2026年1月20日\n"
FindingKey = tuple[str, str, tuple[tuple[str, object], ...]]


def _key(finding: Finding) -> FindingKey:
    """What a finding says, without where it was printed: rule, status, cells and their values."""
    cells = tuple((str(view.ref), view.value) for view in (*finding.lhs, *finding.rhs))
    return finding.rule, finding.status, cells


def _squeezed(text: str) -> str:
    """Text without whitespace: writers wrap lines where the page ends."""
    return re.sub(r"\s+", "", text)


@functools.cache
def _original(path: Path) -> AnnualReport:
    return load(path)


def _rendered(report: AnnualReport, suffix: str, folder: Path) -> AnnualReport:
    path = folder / f"rendered{suffix}"
    path.write_bytes(render_bytes(report, suffix))
    return extract_report(read_document(path))


@pytest.mark.parametrize("suffix", WRITERS)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_checking_the_rendered_file_finds_what_checking_the_original_finds(
    tmp_path: Path, sample: Path, suffix: str
) -> None:
    original = _original(sample)
    assert original.problems == []
    rendered = _rendered(original, suffix, tmp_path)
    assert rendered.problems == []
    # (A rendered file prints the format's row labels but the headings as read: label wording on neither side.)
    assert sorted(_key(f) for f in check(rendered).findings if f.rule != "F_LABEL_WORDING") == sorted(
        _key(f) for f in check(original).findings if f.rule not in PRINTING_RULES
    )
    assert _squeezed(rendered.preamble).endswith(_squeezed("\n".join(opening_lines(original))))


@pytest.mark.parametrize("suffix", WRITERS)
def test_the_opening_text_and_the_signature_are_kept(tmp_path: Path, suffix: str) -> None:
    original = read(QU.read_text(encoding="utf-8") + SIGNATURE)
    assert original.closing == "渠县信访局\n2026年1月20日"
    rendered = _rendered(original, suffix, tmp_path)
    assert rendered.closing == original.closing
    assert rendered.sections[-1].text.replace(" ", "") == original.sections[-1].text.replace(" ", "")
    opening = [line for line in original.preamble.splitlines() if "统计" in line or "联系" in line]
    assert opening, "the sample's opening names its period and contacts"
    assert all(_squeezed(line) in _squeezed(rendered.preamble) for line in opening)
    assert rendered.metadata.agency == original.metadata.agency and rendered.metadata.year == original.metadata.year


def test_the_written_text_holds_the_opening_and_the_signature() -> None:
    huaian = read(HUAIAN.read_text(encoding="utf-8") + "\n淮安市人民政府办公室\n二〇二五年一月二十日\n")
    text = render_bytes(huaian, ".txt").decode("utf-8")
    assert "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日" in text
    assert "电话：0517-83605210" in text
    assert text.rstrip().endswith("淮安市人民政府办公室\n二〇二五年一月二十日")
    # The title is written once, from the metadata, not again from the opening text.
    assert text.count("政府信息公开工作年度报告") == 1


@pytest.mark.parametrize(
    ("ending", "closing"),
    [
        ("\n渠县信访局\n2026年1月20日\n- 6 -\n", "渠县信访局\n2026年1月20日"),
        ("\n四川省渠县信访局\n二〇二六年一月二十日\n", "四川省渠县信访局\n二〇二六年一月二十日"),
        ("\n2026-01-20\n", "2026-01-20"),
        ("\n无\n2026年1月20日\n", "2026年1月20日"),  # 「无」 is the section's text, not a signature
        ("\n渠县信访局\n", ""),  # no date: a short last line is no signature
        ("\n全年未收取费用，特此说明。\n2026年1月20日\n", "2026年1月20日"),
    ],
)
def test_the_signature_block_is_the_last_lines_with_a_date(ending: str, closing: str) -> None:
    report = extract_report(read_text(QU.read_text(encoding="utf-8") + ending, "signed.txt"))
    assert report.closing == closing
    last = report.sections[-1].text.splitlines()
    assert all(line not in last for line in closing.splitlines())


def test_absent_rows_stay_absent_and_an_older_row_stays_as_printed(tmp_path: Path, huaian_text: str) -> None:
    start, end = huaian_text.index("（六）其"), huaian_text.index("（七）总计")
    original = read(huaian_text[:start] + "（六）其他处理 181 5 0 0 1 0 187\n" + huaian_text[end:])
    assert "R_OTHER" in original.tables["T3"].substitutes
    for suffix in WRITERS:
        rendered = _rendered(original, suffix, tmp_path)
        table = rendered.tables["T3"]
        assert [c.value for c in table.substitutes["R_OTHER"].cells.values()] == [181, 5, 0, 0, 1, 0, 187]
        assert table.rows["R_OTHER_1"].source == "replaced"
        # (A rendered file prints the format's row labels but the headings as read: label wording on neither side.)
    assert sorted(_key(f) for f in check(rendered).findings if f.rule != "F_LABEL_WORDING") == sorted(
        map(_key, check(original).findings)
    )


@pytest.mark.parametrize("suffix", WRITERS)
def test_a_row_the_report_lacks_is_not_written_blank(tmp_path: Path, huaian_text: str, suffix: str) -> None:
    line = next(line for line in huaian_text.splitlines() if line.startswith("2.重复申请"))
    original = read(huaian_text.replace(line + "\n", ""))
    assert original.tables["T3"].rows["R_NOPROC_2"].source == "absent"
    rendered = _rendered(original, suffix, tmp_path)
    assert rendered.tables["T3"].rows["R_NOPROC_2"].source == "absent"
    assert rendered.problems == original.problems == []
    assert [(n.kind, n.table) for n in rendered.notes] == [(n.kind, n.table) for n in original.notes]
    assert [(n.kind, n.table) for n in original.notes] == [("rows_missing", "T3")]
    # (A rendered file prints the format's row labels but the headings as read: label wording on neither side.)
    assert sorted(_key(f) for f in check(rendered).findings if f.rule != "F_LABEL_WORDING") == sorted(
        map(_key, check(original).findings)
    )


@pytest.mark.parametrize("suffix", WRITERS)
def test_a_column_the_report_lacks_is_not_written_blank(tmp_path: Path, huaian_text: str, suffix: str) -> None:
    original = read(without_column(huaian_text, "其他", -2))
    assert original.tables["T3"].missing_columns == ["OT"]
    rendered = _rendered(original, suffix, tmp_path)
    assert rendered.tables["T3"].missing_columns == ["OT"]
    # (A rendered file prints the format's row labels but the headings as read: label wording on neither side.)
    assert sorted(_key(f) for f in check(rendered).findings if f.rule != "F_LABEL_WORDING") == sorted(
        map(_key, check(original).findings)
    )
    assert "S_TABLE_COLUMNS" in {f.rule for f in check(rendered).findings}
