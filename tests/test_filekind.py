"""Only regular files are read or written: a FIFO, socket or device named anywhere — a report,
`--previous`, `-o`, a configuration, a baseline, a manifest, or met in a folder — is one line and
exit 2, and is never opened (opening a FIFO waits for its other end).

Command-line runs are child processes with a kill timeout: a FIFO that were opened would hang
the child, and the timeout fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from giocheck.errors import ConfigError, ReadError
from giocheck.filekind import refuse_special, special_kind
from giocheck.readers import read_source, search_folder
from tests.conftest import QU

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
_KILL_AFTER = 60


def _giocheck(*argv: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "giocheck", *argv],
        capture_output=True,
        input=None if stdin is None else stdin.decode(),
        stdin=None if stdin is not None else subprocess.DEVNULL,
        timeout=_KILL_AFTER,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "report.txt"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        yield path


def test_special_files_are_named_by_kind(fifo: Path, unix_socket: Path, tmp_path: Path) -> None:
    assert special_kind(fifo) == ("命名管道（FIFO）", "a named pipe (FIFO)")
    assert special_kind(unix_socket) == ("套接字", "a socket")
    if Path("/dev/null").exists():
        assert special_kind(Path("/dev/null")) == ("字符设备", "a character device")
    assert special_kind(QU) is None
    assert special_kind(tmp_path) is None
    assert special_kind(tmp_path / "missing.txt") is None
    with pytest.raises(ConfigError, match="命名管道"):
        refuse_special(fifo, ConfigError)
    refuse_special(QU, ConfigError)


def test_a_fifo_with_a_writer_is_refused_without_being_read(fifo: Path) -> None:
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a writer holding data in the pipe
    try:
        os.write(writer, QU.read_bytes()[:1000])
        with pytest.raises(ReadError, match=r"named pipe|命名管道") as raised:
            read_source(fifo)
        assert "\n" not in str(raised.value)
        assert len(os.read(writer, 4096)) == 1000  # nothing was taken out of the pipe
    finally:
        os.close(writer)


def test_a_socket_is_refused(unix_socket: Path) -> None:
    with pytest.raises(ReadError, match="套接字"):
        read_source(unix_socket)


def test_a_fifo_named_on_the_command_line_is_one_line(fifo: Path) -> None:
    done = _giocheck("check", "--format", "text", "--lang", "en", str(fifo))
    assert done.returncode == 2
    assert "is a named pipe (FIFO), not a regular file; not read" in done.stdout


def test_a_pipe_is_read_as_standard_input_instead() -> None:
    done = _giocheck("check", "--format", "text", "-", stdin=QU.read_bytes())
    assert done.returncode == 0, done.stdout


@pytest.mark.skipif(not Path("/dev/fd").exists(), reason="no /dev/fd here")
def test_process_substitution_is_refused_with_the_way_to_pipe() -> None:
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m giocheck check --format text <(cat "{QU}")'],
        capture_output=True,
        text=True,
        timeout=_KILL_AFTER,
        check=False,
    )
    assert done.returncode == 2 and "giocheck check - <" in done.stdout


def test_a_fifo_as_last_years_report(fifo: Path) -> None:
    done = _giocheck("check", str(QU), "--previous", str(fifo))
    assert done.returncode == 2 and "命名管道" in done.stderr and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["check", "--format", "csv"], ["render"]])
def test_a_fifo_as_the_output_is_not_written(command: list[str], fifo: Path) -> None:
    done = _giocheck(*command, str(QU), "-o", str(fifo))
    assert done.returncode == 2 and "不是普通文件" in done.stderr and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("option", ["--config", "--baseline", "--manifest"])
def test_a_fifo_as_a_configuration_baseline_or_manifest(option: str, tmp_path: Path) -> None:
    path = tmp_path / {"--config": "giocheck.toml", "--baseline": "baseline.toml", "--manifest": "files.csv"}[option]
    os.mkfifo(path)
    done = _giocheck("check", str(QU), option, str(path))
    assert done.returncode == 2 and "命名管道" in done.stderr and len(done.stderr.splitlines()) == 1
    assert "giocheck check -" not in done.stderr  # piping is the way for a report, not for these


def test_a_fifo_as_the_baseline_to_write(tmp_path: Path) -> None:
    path = tmp_path / "baseline.toml"
    os.mkfifo(path)
    done = _giocheck("check", str(QU), "--add-baseline", "--baseline", str(path))
    assert done.returncode == 2 and "命名管道" in done.stderr


def test_a_folder_run_reports_special_files_and_checks_the_rest(tmp_path: Path, unix_socket: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "notes.dat")  # no report suffix: not looked at
    good = tmp_path / "good.txt"
    good.write_bytes(QU.read_bytes())
    assert search_folder(tmp_path).files == (good, tmp_path / "pipe.txt", unix_socket)
    done = _giocheck("check", "--jobs", "2", "--format", "json", str(tmp_path))
    assert done.returncode == 2, done.stdout
    files = {Path(entry["path"]).name: entry for entry in json.loads(done.stdout)["files"]}
    assert files["good.txt"]["error"] is None and files["good.txt"]["agency"]
    assert "命名管道" in files["pipe.txt"]["error"] and "套接字" in files["report.txt"]["error"]


def test_a_fifo_as_a_rule_file(fifo: Path) -> None:
    done = _giocheck("check", str(QU), "--rules", str(fifo))
    assert done.returncode == 2 and "命名管道" in done.stderr and len(done.stderr.splitlines()) == 1
    assert "giocheck check -" not in done.stderr
