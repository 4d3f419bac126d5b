"""The public API: `giocheck.load` and `giocheck.check`, and what a `Result` says."""

from __future__ import annotations

from pathlib import Path

import pytest

import giocheck
from giocheck.errors import NotAReportError, ReadError
from tests.conftest import HUAIAN, QU


def _cut_off(tmp_path: Path) -> Path:
    """淮安 2024 cut off in the middle of table 3: the CLI exits 2 on it."""
    data = HUAIAN.read_bytes()
    path = tmp_path / "cut-off-report.txt"
    path.write_bytes(data[: data.index("2.重复申请".encode())])
    return path


def test_a_report_whose_table_could_not_be_read_is_not_ok(tmp_path: Path) -> None:
    result = giocheck.check(_cut_off(tmp_path))
    # No rule is broken by what was read — which is why `errors` alone must not be the test.
    assert result.errors == ()
    assert [p.table for p in result.problems] == ["T3", "T4"]
    assert result.problems == tuple(result.report.problems)
    assert not result.ok


def test_ok_means_fully_read_and_no_error(tmp_path: Path) -> None:
    clean = giocheck.check(QU)
    assert clean.ok and clean.count("warning") == 3  # warnings do not spoil it, as the CLI's exit 0
    broken = tmp_path / "broken.txt"
    broken.write_text(HUAIAN.read_text(encoding="utf-8").replace("72 64 178", "72 64 179"), encoding="utf-8")
    assert not giocheck.check(broken).ok


def test_a_file_that_is_no_report_is_its_own_read_error(tmp_path: Path) -> None:
    minutes = tmp_path / "requirements.txt"
    minutes.write_text("pytest>=8\nrich>=13\n", encoding="utf-8")
    with pytest.raises(NotAReportError, match="不是政府信息公开工作年度报告") as raised:
        giocheck.load(minutes)
    assert isinstance(raised.value, ReadError)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as unreadable:
        giocheck.load(empty)
    assert not isinstance(unreadable.value, NotAReportError)


def test_a_cell_key_the_format_lacks_is_a_key_error_naming_the_valid_ones() -> None:
    report = giocheck.load(QU)
    assert report.cell("T3", "NEW", "TOT").value == report.cell("T3.NEW.TOT").value
    assert report.cell(giocheck.CellRef("T3", "NEW", "TOT")) == report.cell("T3.NEW.TOT")
    with pytest.raises(KeyError, match=r"no column 'TOTAL' in T3 row NEW; columns: NP, BE, RI, SW, LS, OT, TOT"):
        report.cell("T3", "NEW", "TOTAL")
    with pytest.raises(KeyError, match=r"no row 'NEWW' in T3 \(format 2021\); rows: NEW, CARRY_IN, "):
        report.cell("T3", "NEWW", "TOT")
    with pytest.raises(KeyError, match=r"no table 'T5'; tables: T2, T3, T4"):
        report.cell("T5.NEW.TOT")
    with pytest.raises(KeyError, match=r"TABLE.ROW.COLUMN"):
        report.cell("T3.NEW")
    # Optional access: None when the report has no such cell.
    assert report.maybe_cell("T3", "NEWW", "TOT") is None
    assert report.maybe_cell("T3.NEW.TOT") == report.cell("T3.NEW.TOT")


def test_a_cell_the_report_left_out_is_a_key_error_saying_so(tmp_path: Path) -> None:
    report = giocheck.load(_cut_off(tmp_path))
    assert report.maybe_cell("T4", "DATA", "RV_TOT") is None
    with pytest.raises(KeyError, match="the report has no such cell"):
        report.cell("T4", "DATA", "RV_TOT")


def test_cells_lists_every_cell_of_a_format_from_the_format_data() -> None:
    from giocheck.formats import formats

    for key, spec in formats().items():
        refs = giocheck.cells(key)
        assert len(refs) == len(set(refs)) == sum(len(t.row_columns(r.key)) for t in spec.tables for r in t.rows)
    assert giocheck.cells() == giocheck.cells("2021")
    report = giocheck.load(QU)
    assert all(report.cell(ref) is not None for ref in giocheck.cells(report.metadata.format))
    with pytest.raises(KeyError, match="no such format; formats: 2021, 2019"):
        giocheck.cells("2030")


def test_warnings_are_the_warning_level_violations() -> None:
    result = giocheck.check(QU)
    # The sample prints 「其他法律法规规章禁止公开」 for the format's 「其他法律行政法规禁止公开」 and a column
    # 「社会组织」 for 「社会公益组织」, and adds up a list led by 涵盖.
    assert [f.rule for f in result.warnings] == ["F_LABEL_WORDING", "F_LABEL_WORDING", "N_TOTAL_BREAKDOWN"]
    assert result.warnings == tuple(f for f in result.failures if f.severity == "warning")
    assert result.count("warning") == len(result.warnings)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_to_json_is_the_clis_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> None:
    import json

    from giocheck.cli import main

    edited = tmp_path / "granted.txt"
    edited.write_text(
        QU.read_text(encoding="utf-8").replace("(一) 予以公开\t0\t0", "(一) 予以公开\t2\t0"), encoding="utf-8"
    )
    for path in (edited, _cut_off(tmp_path)):
        main(["check", str(path), "--format", "json", "--lang", lang, "--jobs", "1"])
        assert giocheck.check(path).to_json(lang) == json.loads(capsys.readouterr().out)


def test_load_reads_show_json_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from giocheck.cli import main
    from tests.support import values

    for source in (QU, HUAIAN):
        main(["show", str(source), "--json"])
        shown = tmp_path / f"{source.stem}.json"
        shown.write_text(capsys.readouterr().out, encoding="utf-8")
        original, back = giocheck.load(source), giocheck.load(shown)
        assert values(back) == values(original)
        assert back.metadata.agency == original.metadata.agency and back.metadata.year == original.metadata.year
        assert back.metadata.source == str(shown)
        table_rules = [f for f in giocheck.check(back).findings if f.rule.startswith(("T2_", "T3_", "T4_"))]
        assert table_rules == [f for f in giocheck.check(original).findings if f.rule.startswith(("T2_", "T3_", "T4_"))]


def test_show_json_with_a_wrong_row_is_one_line_naming_the_field(tmp_path: Path) -> None:
    import json

    from giocheck.render.json import report_json

    document = report_json(giocheck.load(QU))
    document["tables"]["T3"]["rows"][0]["values"] = [1, 2]
    path = tmp_path / "short.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError, match=r"tables\.T3\.rows\.NEW\.values .*2 values for 7 columns|有 2 个值"):
        giocheck.load(path)


def test_the_license_file_is_the_one_pyproject_names() -> None:
    import tomllib

    root = Path(__file__).parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    text = (root / "LICENSE").read_text(encoding="utf-8")
    assert declared == "MIT" and text.startswith("MIT License") and "Permission is hereby granted" in text
    assert (root / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
