"""A real `giocheck serve` on a free loopback port, for the load and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "qu-county-petition-bureau-2025.txt"


def free_port() -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(temp: Path, *arguments: str) -> Iterator[str]:
    """`giocheck serve` in a child process with its temporary folders under `temp`; yields the
    base URL once `/healthz` answers, and stops the server afterwards."""
    port = free_port()
    temp.mkdir(parents=True, exist_ok=True)
    log = (temp.parent / f"serve-{port}.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "giocheck", "serve", "--port", str(port), *arguments],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"giocheck serve did not start: {(temp.parent / f'serve-{port}.log').read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
