"""Legacy `.doc`/`.wps` through LibreOffice: a real Word 97 file read cell-exact, and one line
(exit 2, no traceback) when LibreOffice is missing, fails or hangs."""

from __future__ import annotations

import stat
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from giocheck.api import load
from giocheck.cli import main
from giocheck.errors import ReadError
from giocheck.readers import office, read_document
from tests.conftest import DATA
from tests.support import expected_values, values

# 上海市人民政府办公厅 2019 (tests/data/real/*.html) saved by LibreOffice Writer as "Word 97-2003".
DOC = DATA / "converted" / "shanghai-city-government-office-2019.doc"
EXPECTED = DATA / "real" / "shanghai-city-government-office-2019.expected.json"

needs_office = pytest.mark.skipif(
    office.office_program() is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer"
)


def _copy(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(DOC.read_bytes())
    return path


def _fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A `soffice` on an otherwise empty PATH that runs `script` (a stand-in that fails or hangs)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))


def _private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the temporary folder at one the test can look into afterwards."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


@needs_office
@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_a_word_97_file_reads_cell_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # WPS saves `.wps` in the same OLE container as Word 97; the reader goes by content, not suffix.
    (tmp_path / "in").mkdir()
    path = _copy(tmp_path / "in", name)
    before = path.read_bytes()
    temp = _private_temp(tmp_path, monkeypatch)
    report = load(path)
    assert report.problems == []
    assert values(report) == expected_values(EXPECTED)
    assert report.metadata.agency == "上海市人民政府办公厅" and report.metadata.year == 2019
    assert report.metadata.source == str(path)
    located = report.cell("T3", "NEW", "NP")
    assert located is not None and located.location is not None and located.location.table is not None
    # The input is untouched, nothing was written beside it, and the temporary files are gone.
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [name]
    assert list(temp.iterdir()) == []


@needs_office
def test_check_on_a_doc_names_the_original_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path, "上海2019.doc")
    assert main(["check", str(path)]) == main(
        ["check", str(DATA / "real" / "shanghai-city-government-office-2019.html")]
    )
    out = capsys.readouterr().out
    assert f"{path}: ✓ 无错误" in out and "0 个无法读取" in out


def test_without_libreoffice_the_file_is_refused_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(tmp_path, "report.doc")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(ReadError) as raised:
        read_document(path)
    line = str(raised.value)
    assert line.startswith(f"{path}: ") and "\n" not in line
    assert "apt-get install libreoffice-writer" in line and "另存为 .docx" in line
    assert "LibreOffice" in raised.value.message("en")
    assert main(["check", str(path)]) == 2
    assert "apt-get install libreoffice-writer" in capsys.readouterr().out


def test_a_failing_conversion_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(tmp_path, "report.doc")
    temp = _private_temp(tmp_path, monkeypatch)
    _fake_office(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(ReadError, match="source file could not be loaded") as raised:
        read_document(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)
    assert main(["check", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert list(temp.iterdir()) == []


def test_a_conversion_that_writes_nothing_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # LibreOffice exits 0 for some files it cannot load, and writes no output.
    path = _copy(tmp_path, "report.doc")
    _fake_office(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(ReadError, match="LibreOffice"):
        read_document(path)


def test_a_hanging_conversion_is_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path, "report.doc")
    temp = _private_temp(tmp_path, monkeypatch)
    marker = tmp_path / "child.pid"
    # The stand-in starts a child, as soffice starts soffice.bin: both must be ended.
    _fake_office(tmp_path, monkeypatch, f"/bin/sleep 60 & echo $! > {marker}; wait")
    monkeypatch.setattr(office, "TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(ReadError, match="超过 1 秒") as raised:
        read_document(path)
    assert time.monotonic() - started < 30
    assert "\n" not in str(raised.value)
    assert not _running(int(marker.read_text(encoding="utf-8")))
    assert list(temp.iterdir()) == []


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@needs_office
def test_a_damaged_ole_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ReadError, match="LibreOffice") as raised:
        read_document(path)
    assert "\n" not in str(raised.value)


@needs_office
def test_parallel_conversions_do_not_collide(tmp_path: Path) -> None:
    # Each conversion has its own LibreOffice profile: two at once both finish, both exact.
    paths = [_copy(tmp_path, name) for name in ("a.doc", "b.doc")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(load, paths))
    assert [values(report) for report in reports] == [expected_values(EXPECTED)] * 2
