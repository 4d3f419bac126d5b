"""`--lang en`: no Chinese outside the report's own words, which stand inside “…”."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from giocheck.cli import main
from tests.conftest import DATA, HUAIAN

ROOT = Path(__file__).parent.parent
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _fixtures() -> list[Path]:
    found = [*DATA.rglob("*"), *(ROOT / "examples").glob("*")]
    skipped = (".expected.json", "README.md")
    return sorted(p for p in found if p.is_file() and not p.name.endswith(skipped))


def _outside_quotes(line: str) -> str:
    """`line` without what stands inside “…” (the report's own quotes may nest inside)."""
    kept, depth = [], 0
    for char in line:
        if char == "“":
            depth += 1
        elif char == "”" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


def _unquoted_chinese(text: str) -> list[str]:
    """Lines with a Chinese character (or full-width sign) outside “…”."""
    return [line for line in text.splitlines() if CJK.search(_outside_quotes(line))]


def test_quotes_may_nest() -> None:
    assert _outside_quotes("a “b “c” d” e “f”") == "a  e "
    assert _unquoted_chinese("ok “报告”\nnot ok 报告") == ["not ok 报告"]


def _check_en(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["check", "--lang", "en", "--jobs", "2", *args])
    out, err = capsys.readouterr()
    return out + err


def test_english_output_on_every_fixture_quotes_all_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(path) for path in _fixtures()]
    assert len(files) > 40
    text = _check_en(capsys, *files)
    assert "checked" in text
    assert _unquoted_chinese(text) == []


def test_english_text_format_quotes_all_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    # The plain format's words too; converted files (OCR, LibreOffice) only once, above, for time.
    files = [str(path) for path in _fixtures() if path.suffix not in (".pdf", ".doc", ".docx")]
    text = _check_en(capsys, "--format", "text", *files)
    assert "checked" in text
    assert _unquoted_chinese(text) == []


def test_english_messages_of_failing_relations_name_cells_in_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.txt"
    source = HUAIAN.read_text(encoding="utf-8")
    broken.write_text(source.replace("（七）总计 2932", "（七）总计 2933").replace("3001 53", "3001 54"), "utf-8")
    text = _check_en(capsys, "--format", "text", str(broken))
    assert "T3_BALANCE" in text and "row “Total of results”" in text
    assert _unquoted_chinese(text) == []
    for key in ("NEW", "CARRY_IN", "NP", "R_TOTAL", "TOT"):
        assert not re.search(rf"\b{key}\b", text.replace("T3_", "")), key


def test_english_show_on_every_fixture_quotes_all_chinese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wide terminal: a label folded over two lines would cut its quotes (folding is tests/test_grid.py's).
    monkeypatch.setenv("COLUMNS", "400")
    shown = 0
    for path in _fixtures():
        main(["show", "--lang", "en", str(path)])
        out, err = capsys.readouterr()
        shown += "Table 3" in out
        assert _unquoted_chinese(out + err) == [], path
    assert shown > 30


def test_english_html_report_quotes_all_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # The office's page: its words, the grids' labels and the charts; what the report says stands in “…”.
    files = [str(path) for path in _fixtures() if path.suffix not in (".pdf", ".doc", ".docx")]
    page = tmp_path / "report.html"
    _check_en(capsys, "--format", "html", "-o", str(page), *files)
    text = re.sub(r"<style>.*?</style>|<[^>]+>", "\n", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert "Agency × rule" in text
    assert _unquoted_chinese(text) == []
