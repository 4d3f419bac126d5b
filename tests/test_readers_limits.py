"""Files that are no file to read, or far too big: one line and exit 2, never a hang or unbounded memory."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import giocheck.readers
from giocheck.errors import ReadError
from giocheck.readers import STDIN, read_source
from tests.conftest import QU


def _check(*argv: str) -> subprocess.CompletedProcess[str]:
    # In a child process with a time limit: if a pipe were read, this fails instead of hanging.
    return subprocess.run(
        [sys.executable, "-m", "giocheck", "check", *argv], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    done = _check(str(pipe))
    assert done.returncode == 2
    assert "不是普通文件" in done.stdout and "Traceback" not in done.stdout + done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused() -> None:
    done = _check("/dev/zero", "--previous", str(QU))
    assert done.returncode == 2 and "不是普通文件" in done.stdout


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(giocheck.readers, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(QU.read_bytes())
    with pytest.raises(ReadError, match="文件过大") as raised:
        read_source(big)
    assert "\n" not in str(raised.value)


def test_standard_input_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(giocheck.readers, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * 5000)))
    with pytest.raises(ReadError, match="文件过大"):
        read_source(STDIN)
