"""Hostile files through the command line, each in a child process with a memory cap and a kill
timeout: a file that is no report ends as one line and exit 2, a readable report with odd
bytes, names or numbers is checked (exit 0/1) — never a traceback, a hang or gigabytes.

The files are built at test time by `tests/hostile.py` (nothing big is kept in git). The caps
here are generous bounds against runaway; the figures measured are in docs/guarantees.md.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from giocheck.pairing import identify
from tests.conftest import QU
from tests.hostile import BUILDERS, damaged_deflate_docx, pdf_bytes, unknown_method_docx

_MEMORY_CAP = 2 * 1024**3  # address space, not resident memory: Python and its libraries map much more
_KILL_AFTER = 120  # seconds; a hang fails the test instead of stalling the suite

# Readable reports: checked, exit 0 or 1; every other hostile file is one line and exit 2.
_READABLE = {
    "html-undefined-charset": "",
    "huge-number-cell": "F_LONG_NUMBER",
    "huge-number-prose": "",
    "few-bad-bytes": "F_BAD_BYTES",
    "odd-name": "",
}


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))


def _giocheck(*argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "giocheck", *argv],
        capture_output=True,
        timeout=_KILL_AFTER,
        preexec_fn=_capped,
        check=False,
    )


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_a_hostile_file_is_one_line_or_a_check(kind: str, tmp_path: Path) -> None:
    path = BUILDERS[kind](tmp_path)
    done = _giocheck("check", "--jobs", "1", "--format", "text", os.fsencode(path))
    out = done.stdout.decode("utf-8")  # valid UTF-8 whatever the file's name
    assert done.stderr == b"", done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out and "内部错误" not in out
    lines = out.splitlines()
    if kind in _READABLE:
        assert done.returncode in (0, 1), out
        assert _READABLE[kind] in out
    else:
        assert done.returncode == 2, out
        assert len(lines) == 2 and "无法读取" in lines[0], out  # the file's one line, then the summary


def test_a_folder_run_reports_every_good_report_beside_hostile_files(tmp_path: Path) -> None:
    kinds = (
        "zip-bomb-docx",
        "pdf-flate-bomb",
        "pdf-million-chars",
        "yaml-billion-laughs",
        "json-nested",
        "html-span-table",
    )
    for kind in kinds:
        BUILDERS[kind](tmp_path)
    (tmp_path / "broken.yaml").write_text("metadata: [unclosed\n", encoding="utf-8")
    good = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in good:
        path.write_bytes(QU.read_bytes())
    done = _giocheck("check", "--jobs", "2", "--format", "json", str(tmp_path))
    assert done.returncode == 2 and done.stderr == b""
    files = {entry["path"]: entry for entry in json.loads(done.stdout)["files"]}
    assert all(files[str(path)]["error"] is None and files[str(path)]["agency"] for path in good)
    assert sum(1 for entry in files.values() if entry["error"] is not None) == 7


def test_a_folder_run_pairs_reports_without_letting_pdfium_inflate_a_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder run reads each PDF's first and last pages to pair it with last year's report: that
    # went to PDFium straight, which inflated the 1 GiB stream whole (2 GB peak; benchmarks/hostile.py).
    import pypdfium2  # type: ignore[import-untyped]

    opened: list[object] = []
    monkeypatch.setattr(pypdfium2, "PdfDocument", lambda *args, **kwargs: opened.append(args))
    assert identify(BUILDERS["pdf-flate-bomb"](tmp_path)) is None
    assert opened == []


@pytest.mark.parametrize("output", ["rich", "text", "json", "sarif", "github", "junit", "csv", "html", "xlsx"])
def test_odd_names_are_escaped_in_every_output(output: str, tmp_path: Path) -> None:
    BUILDERS["odd-name"](tmp_path)
    written = tmp_path.parent / f"{tmp_path.name}.xlsx"
    to_file = ["-o", str(written)] if output == "xlsx" else []
    done = _giocheck("check", "--jobs", "1", "--format", output, *to_file, str(tmp_path))
    text = done.stdout.decode("utf-8")
    if output == "xlsx":
        from openpyxl import load_workbook

        sheets = load_workbook(written, read_only=True)
        text = "\n".join(str(cell) for sheet in sheets for row in sheet.iter_rows(values_only=True) for cell in row)
    if output == "rich":  # laid out to the width of a terminal, 80 columns in a pipe: the name wraps
        text = text.replace("\n", "")
    shown = "bad%5Cnname-%5Cxff%5Cxfe.txt" if output == "sarif" else "bad\\nname-\\xff\\xfe.txt"  # SARIF: a URI
    assert done.returncode == 0 and shown in text.replace("\\\\", "\\")
    if output in ("json", "sarif"):
        json.loads(text)
    if output in ("text", "github", "csv", "html", "xlsx"):
        assert all("name-" not in line or "bad\\n" in line for line in text.splitlines())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_as_last_years_report_is_one_line(tmp_path: Path) -> None:
    pipe = tmp_path / "last.txt"
    os.mkfifo(pipe)
    done = _giocheck("check", str(QU), "--previous", str(pipe))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1


def test_damaged_files_say_nothing_on_standard_error(tmp_path: Path) -> None:
    damaged = [damaged_deflate_docx(tmp_path), unknown_method_docx(tmp_path)]
    whole = pdf_bytes([b"BT /F1 12 Tf 1 0 0 1 50 800 Tm (Annual report) Tj ET"] * 3)
    for number, cut in enumerate((len(whole) // 3, len(whole) // 2, len(whole) - 40)):
        path = tmp_path / f"cut-{number}.pdf"
        path.write_bytes(whole[:cut])
        damaged.append(path)
    for path in damaged:
        done = _giocheck("check", "--jobs", "1", "--format", "text", str(path))
        assert done.returncode == 2 and done.stderr == b"", done.stderr


def test_a_limit_is_raised_from_the_command_line(tmp_path: Path) -> None:
    path = BUILDERS["pdf-many-pages"](tmp_path)
    refused = _giocheck("check", "--jobs", "1", "--format", "text", "--lang", "en", str(path))
    assert b"--limit pdf_pages=" in refused.stdout
    wrong = _giocheck("check", "--limit", "pdf_pages=lots", str(path))
    assert wrong.returncode == 2 and len(wrong.stderr.splitlines()) == 1
