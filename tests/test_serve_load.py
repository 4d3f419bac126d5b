"""`giocheck serve` started as a user starts it, on a loopback port: 200 uploads at once all
answered, and no private folder left behind."""

from __future__ import annotations

import asyncio
import time

import pytest

pytest.importorskip("fastapi")

import httpx

from tests.serving import SAMPLE, running_server

UPLOADS = 200


async def _upload_all(base: str) -> list[httpx.Response]:
    data = SAMPLE.read_bytes()
    limits = httpx.Limits(max_connections=UPLOADS, max_keepalive_connections=UPLOADS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        return await asyncio.gather(
            *(client.post("/api/check", files={"file": (f"{index}.txt", data)}) for index in range(UPLOADS))
        )


def test_200_concurrent_uploads_are_all_checked_and_nothing_is_left() -> None:
    with running_server("--workers", "2", "--queue", str(UPLOADS)) as served:
        base, temp = served.base, served.temp
        started = time.monotonic()
        answers = asyncio.run(_upload_all(base))
        elapsed = time.monotonic() - started
        assert [a.status_code for a in answers] == [200] * UPLOADS, served.log_text()[-3000:]
        for index, answer in enumerate(answers):
            entry = answer.json()["files"][0]
            assert entry["path"] == f"{index}.txt"
            assert sorted({f["rule"] for f in entry["findings"]}) == ["F_LABEL_WORDING", "N_TOTAL_BREAKDOWN"]
        assert len({a.headers["x-request-id"] for a in answers}) == UPLOADS
        assert list(temp.glob("giocheck-serve-*")) == []  # every request's folder deleted
        assert httpx.get(f"{base}/healthz").json()["admitted"] == 0
    assert elapsed < 120


def test_the_server_refuses_an_oversize_upload_with_413() -> None:
    with running_server("--workers", "1", "--max-upload-mb", "1") as served:
        base = served.base
        answer = httpx.post(f"{base}/api/check", files={"file": ("big.txt", b"x" * (2 * 1024 * 1024))}, timeout=60)
        assert answer.status_code == 413
        assert "1 MB" in answer.json()["error"]
        assert httpx.post(f"{base}/api/check", files={"file": ("ok.txt", SAMPLE.read_bytes())}).status_code == 200
