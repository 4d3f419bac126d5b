"""Report files for the CI-integration tests: clean copies and copies with one wrong number."""

from __future__ import annotations

from pathlib import Path

from giocheck.cli import main
from tests.conftest import HUAIAN, QU

# 淮安 2024 with the T3 grand total of results off by one: T3_BALANCE, T3_RESULT_SUM and T3_ROW_TOTAL fail.
BROKEN_T3 = ("（七）总计 2932", "（七）总计 2933")
# The same report with a T4 cell off by one: T4_SUM_RV fails.
BROKEN_T4 = ("72 64 178", "72 64 179")


def clean_copy(folder: Path, name: str = "clean.txt") -> Path:
    """A clean report (渠县信访局 2025) under `name`."""
    path = folder / name
    path.write_bytes(QU.read_bytes())
    return path


def broken_copy(folder: Path, name: str = "broken.txt", change: tuple[str, str] = BROKEN_T3) -> Path:
    """淮安市人民政府 2024 with one number changed."""
    text = HUAIAN.read_text(encoding="utf-8")
    assert change[0] in text
    path = folder / name
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    return path


def fixed_copy(folder: Path, name: str = "broken.txt") -> Path:
    """The unchanged 淮安 report, written over `name` (the broken copy fixed)."""
    path = folder / name
    path.write_bytes(HUAIAN.read_bytes())
    return path


def broken_docx(folder: Path, name: str = "broken.docx", change: tuple[str, str] = BROKEN_T4) -> Path:
    """A broken copy written as a Word file (`giocheck render`): its cells have table/row/column, no line."""
    text = broken_copy(folder, "source.txt", change)
    path = folder / name
    assert main(["render", str(text), "-o", str(path)]) == 0
    text.unlink()
    return path


# The table rules only: rules added later (text claims, deadlines …) must not change these tests' counts.
TABLE_RULES = "T2,T3,T4"


def run(capsys: object, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr). `check` gets `--select T2,T3,T4` unless given one."""
    args = list(argv)
    if args[:1] == ["check"] and "--select" not in args:
        args += ["--select", TABLE_RULES]
    code = main(args)
    out, err = capsys.readouterr()  # type: ignore[attr-defined]
    return code, out, err
