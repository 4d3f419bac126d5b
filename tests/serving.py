"""A real `giocheck serve` on a free loopback port, for the load and browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import httpx

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "qu-county-petition-bureau-2025.txt"


@attrs.frozen
class Served:
    """A running server: its base URL, its temporary folder (`TMPDIR`) and its log."""

    base: str
    temp: Path
    log: Path

    def log_text(self) -> str:
        """What the server logged so far (for a failing assertion's message)."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(*arguments: str) -> Iterator[Served]:
    """`giocheck serve` in a child process, with a temporary folder (`TMPDIR`) of its own, so
    that what it leaves there can be seen; yields once `/healthz` answers, stops the server and
    removes the folder afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="giocheck-test-"))
    temp = folder / "t"
    temp.mkdir()
    log = folder / "serve.log"
    port = free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "giocheck", "serve", "--port", str(port), *arguments],
            env={**os.environ, "TMPDIR": str(temp)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        served = Served(f"http://127.0.0.1:{port}", temp, log)
        try:
            _wait_until_up(server, served)
            yield served
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(server: subprocess.Popen[bytes], served: Served) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{served.base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"giocheck serve did not start:\n{served.log_text()}")
        time.sleep(0.2)
