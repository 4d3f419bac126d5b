"""Files that are no file to read, or far too big: one line and exit 2, never a hang or unbounded memory."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from giocheck.errors import ReadError
from giocheck.limits import Limits, use_limits
from giocheck.readers import STDIN, read_source
from tests.conftest import DATA, QU
from tests.hostile import pdf_flate_bomb


def _check(*argv: str) -> subprocess.CompletedProcess[str]:
    # In a child process with a time limit: if a pipe were read, this fails instead of hanging.
    return subprocess.run(
        [sys.executable, "-m", "giocheck", "check", *argv], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_nobody_writes_to_is_one_line_not_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    done = _check(str(pipe))  # would time out (and fail) if opening waited for a writer
    assert done.returncode == 2
    assert "命名管道" in done.stdout and "Traceback" not in done.stdout + done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_unread_also_as_last_years_report() -> None:
    done = _check("/dev/zero", "--previous", str(QU))
    assert done.returncode == 2 and "不是普通文件" in done.stdout + done.stderr
    done = _check(str(QU), "--previous", "/dev/zero")
    assert done.returncode == 2 and "不是普通文件" in done.stderr and len(done.stderr.splitlines()) == 1


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(QU.read_bytes() * 200)
    with use_limits(Limits(file_mb=1)), pytest.raises(ReadError, match="file_mb=1") as raised:
        read_source(big)
    assert "\n" not in str(raised.value) and "--limit file_mb=" in str(raised.value)


def test_standard_input_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * (2 * 1024 * 1024))))
    with use_limits(Limits(file_mb=1)), pytest.raises(ReadError, match="file_mb"):
        read_source(STDIN)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_render_never_writes_into_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "out.txt"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "giocheck", "render", str(QU), "-o", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "不是普通文件" in done.stderr and len(done.stderr.splitlines()) == 1


def test_a_pdf_stream_is_refused_while_it_inflates(tmp_path: Path) -> None:
    bomb = pdf_flate_bomb(tmp_path)  # 1 MB that PDFium alone would inflate to 1 GB (2 GB RSS, 28 s)
    started = time.perf_counter()
    with pytest.raises(ReadError, match="pdf_stream_mb=64"):
        read_source(bomb)
    with use_limits(Limits(pdf_stream_mb=2048, pdf_inflated_mb=100)), pytest.raises(ReadError, match="pdf_inflated_mb"):
        read_source(bomb)
    assert time.perf_counter() - started < 30
    read_source(DATA / "real" / "fujian-pingtan-zone-2025.pdf")  # a real PDF is far inside both
