"""`giocheck show`: the grids with the cells of each error and warning highlighted, the likely
culprit, and the numbers the text states."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from giocheck.api import load
from giocheck.cli import main
from giocheck.engine import run_rules
from giocheck.engine.findings import CellRef, CellView, Change, Finding, Severity
from giocheck.engine.kinds import table_cell_label
from giocheck.errors import GiocheckError
from giocheck.formats import formats
from giocheck.model import AnnualReport
from giocheck.naming import cell_name
from giocheck.render.grid import Marks, render_report
from giocheck.render.json import report_json
from tests.conftest import HUAIAN, QU
from tests.test_lang import _fixtures


def _granted(tmp_path: Path) -> Path:
    edited = tmp_path / "granted.txt"
    text = QU.read_text(encoding="utf-8").replace("(一) 予以公开\t0\t0", "(一) 予以公开\t2\t0")
    edited.write_text(text, encoding="utf-8")
    return edited


def test_show_marks_the_cells_of_each_error_in_plain_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["show", str(_granted(tmp_path))]) == 0
    out = capsys.readouterr().out
    granted = next(line for line in out.splitlines() if "（一）予以公开" in line)
    # The row total fails: every cell of the row is an error's; 予以公开·自然人 is the likely culprit.
    assert "2◆" in granted and granted.count("✗") == 6 and granted.count("◆") == 1
    new = next(line for line in out.splitlines() if "本年新收" in line)
    assert "✗" not in new and "◆" not in new
    assert "✗ 标出错误所涉的单元格" in out and "◆ 标出最可能填错的单元格" in out
    label = table_cell_label(formats()["2021"].table("T3"), CellRef("T3", "R_GRANT", "NP"))
    assert f"最可能的错误：{label}填 2，按其他各格应为 0" in out
    assert main(["show", str(_granted(tmp_path)), "--lang", "en"]) == 0
    english = cell_name(formats()["2021"].table("T3"), CellRef("T3", "R_GRANT", "NP"), "en")
    assert f"most likely wrong: {english} is 2" in capsys.readouterr().out


def test_show_without_findings_marks_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(HUAIAN)]) == 0
    out = capsys.readouterr().out
    assert "标出错误所涉" not in out and "✗" not in out.split("正文所述数字")[0]


def test_on_a_terminal_the_cells_are_coloured_not_marked(tmp_path: Path) -> None:
    report = load(_granted(tmp_path))
    findings = run_rules(report).findings
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="truecolor", width=200)
    render_report(console, report, "zh", findings)
    out = stream.getvalue()
    assert "2◆" not in out and "红底为错误所涉的单元格" in out and "\x1b[" in out
    marks = Marks.of(findings, plain=False)
    assert marks.severity[CellRef("T3", "R_GRANT", "NP")] == "culprit"
    assert marks.severity[CellRef("T3", "R_GRANT", "TOT")] == "error"
    assert CellRef("T3", "NEW", "NP") not in marks.severity


def test_the_gravest_finding_decides_a_cells_mark() -> None:
    a, b, c = (CellRef("T3", "NEW", column) for column in ("NP", "BE", "TOT"))

    def finding(
        severity: Severity, *refs: CellRef, suggestions: tuple[tuple[Change, ...], ...] | None = None
    ) -> Finding:
        views = tuple(CellView(ref, str(ref), 1, "1", None) for ref in refs)
        return Finding("R", "r", severity, "fail", "", "", lhs=views, suggestions=suggestions)

    marks = Marks.of(
        [
            finding("warning", a, b),
            finding("error", b, c, suggestions=((Change(c, 1, 2),),)),
            finding("info", a),
        ],
        plain=True,
    )
    assert marks.severity == {a: "warning", b: "error", c: "culprit"}
    assert marks.apply(Text("1"), a).plain == "1!" and marks.apply(Text("1"), CellRef("T3", "X", "Y")).plain == "1"


def test_show_lists_the_numbers_the_text_states(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(HUAIAN)]) == 0
    out = capsys.readouterr().out
    assert "正文所述数字（与表格对照）" in out
    line = next(line for line in out.splitlines() if "行政复议 正文 351" in line)
    assert line.startswith("✓") and "表格 351" in line and "表四“行政复议·总计”栏" in line and "351件" in line


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_NUMBER = re.compile(r"-?\d[\d.,]*")
# Fixtures read without an outside program (LibreOffice, tesseract): those are slow, and read the same grids.
_QUICK = [path for path in _fixtures() if path.suffix != ".doc" and "scan" not in path.name]


def _drawn(report: AnnualReport, lang: str, width: int, colour: bool, findings: Sequence[Finding] | None = None) -> str:
    """What `show` draws of `report`'s grids on a terminal `width` columns wide, colours taken out."""
    stream = io.StringIO()
    console = Console(
        file=stream, width=width, force_terminal=colour, color_system="truecolor" if colour else None, record=False
    )
    render_report(console, report, lang, run_rules(report).findings if findings is None else findings)
    return _ANSI.sub("", stream.getvalue())


@pytest.mark.parametrize("path", _QUICK, ids=lambda p: p.name)
def test_no_number_is_cropped_in_either_language_at_80_and_120_columns(path: Path) -> None:
    try:
        report = load(path)
    except GiocheckError:
        return  # no report (MARKDOWN.md, an expected-values file): nothing is drawn
    values = Counter(
        str(value)
        for table in report_json(report)["tables"].values()
        for row in table["rows"]
        for value in row["values"]
        if value is not None
    )
    findings = run_rules(report).findings
    for lang in ("zh", "en"):
        for width in (80, 120):
            for colour in (False, True):
                drawn = _drawn(report, lang, width, colour, findings)
                # The grids: from the first table's title to the legend (problems above may quote with …).
                start = re.search(r"^(表[二三四]　|Table \d  )", drawn, re.MULTILINE)
                grids = (
                    drawn[start.start() if start else 0 :].split("blank cells show as")[0].split("空白单元格显示为")[0]
                )
                assert "…" not in grids, (lang, width, colour)
                shown = Counter(_NUMBER.findall(grids))
                missing = values - shown
                assert not missing, (lang, width, colour, missing)


def test_english_grids_use_short_headings_and_say_the_full_labels_under_the_grid() -> None:
    drawn = _drawn(load(HUAIAN), "en", 80, colour=False)
    heading = next(line for line in drawn.splitlines() if "Natural" in line and "Total" in line)
    assert heading.split() == ["Natural", "Business", "Research", "Welfare", "Legal", "svc", "Other", "Total"]
    assert "Legal svc = Legal service institutions" in drawn
    assert "Business, Research, Welfare, Legal svc, Other: Legal persons or other organisations" in drawn
    assert "I. New applications" in drawn and "Table 3  Applications received and handled" in drawn
    assert "3001" in next(line for line in drawn.splitlines() if "I. New applications" in line)


def test_an_english_grid_quotes_a_row_label_the_report_prints_otherwise(tmp_path: Path) -> None:
    edited = tmp_path / "edited.txt"
    edited.write_text(QU.read_text(encoding="utf-8").replace("2. 重复申请", "2. 重复的申请"), encoding="utf-8")
    drawn = _drawn(load(edited), "en", 120, colour=False)
    assert "2. Repeated application ~" in drawn
    assert "~ row “2. Repeated application” printed as “2.重复的申请”" in drawn
    # The official wording, also with spacing of its own or a group before it, is not repeated.
    assert "printed as" not in _drawn(load(QU), "en", 120, colour=False)
