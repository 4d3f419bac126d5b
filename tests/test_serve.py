"""`giocheck serve`'s JSON API through FastAPI's test client (giocheck/serve/)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from giocheck.api import load
from giocheck.cli import main
from giocheck.execution import Checked
from giocheck.limits import Limits
from giocheck.pairing import ReportOptions
from giocheck.serve.app import create_app
from giocheck.serve.work import MEGABYTE, Settings, Task, check_upload, display_name, stored_name, within_budget
from tests.serving import SAMPLE


def _client(tmp_path: Path, task: Task = check_upload, **settings: Any) -> TestClient:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    options: dict[str, Any] = {"workers": 1, "temp_root": work, **settings}
    return TestClient(create_app(Settings(**options), task), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app with the shipped settings for the tests that need no others (its workers start once)."""
    folder = tmp_path_factory.mktemp("serve")
    with _client(folder) as running:
        yield running
    assert list((folder / "work").iterdir()) == []  # every private folder deleted


def _sample(name: str = SAMPLE.name) -> dict[str, tuple[str, bytes]]:
    return {"file": (name, SAMPLE.read_bytes())}


def test_check_answers_what_check_format_json_prints(
    client: TestClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLE.parent)
    main(["check", SAMPLE.name, "--format", "json", "--jobs", "1"])
    printed = json.loads(capsys.readouterr().out)
    answer = client.post("/api/check", files=_sample())
    assert answer.status_code == 200
    assert answer.json() == printed
    assert answer.headers["x-request-id"]
    messages = [f["message"] for f in answer.json()["files"][0]["findings"] if f["rule"] == "N_TOTAL_BREAKDOWN"]
    assert len(messages) == 1 and "总数写 109" in messages[0] and "18 + 75 + 6" in messages[0]


def test_english_options_and_the_path_never_name_the_private_folder(client: TestClient) -> None:
    answer = client.post("/api/check", files=_sample("C:\\Users\\王\\报告.txt"), data={"lang": "en"})
    assert answer.status_code == 200
    entry = answer.json()["files"][0]
    assert entry["path"] == "报告.txt"
    (total,) = [f["message"] for f in entry["findings"] if f["rule"] == "N_TOTAL_BREAKDOWN"]
    assert "109" in total and "18 + 75 + 6" in total
    assert "giocheck-serve-" not in answer.text


def test_report_data_as_a_json_body_gives_the_same_findings(client: TestClient) -> None:
    uploaded = client.post("/api/check", files=_sample()).json()["files"][0]["findings"]
    body = load(SAMPLE).model_dump_json()
    answer = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 200
    assert [f["fingerprint"] for f in answer.json()["files"][0]["findings"]] == [f["fingerprint"] for f in uploaded]


def test_options_are_passed_and_bad_ones_are_one_line_422(client: TestClient) -> None:
    late = client.post("/api/check", files=_sample(), data={"published": "2026-06-30"})
    assert "Y_DEADLINE" in {f["rule"] for f in late.json()["files"][0]["findings"]}
    for field, value in (("published", "2026-02-30"), ("agency_kind", "ministry"), ("lang", "fr")):
        answer = client.post("/api/check", files=_sample(), data={field: value})
        assert answer.status_code == 422
        assert field in answer.json()["error"] and "\n" not in answer.json()["error"]


def test_last_years_report_may_be_uploaded_too(client: TestClient) -> None:
    files = {**_sample(), "previous": ("2024.txt", SAMPLE.read_bytes())}
    assert client.post("/api/check", files=files).status_code == 200
    broken = {**_sample(), "previous": ("2024.docx", b"PK\x03\x04 broken")}
    answer = client.post("/api/check", files=broken)
    assert answer.status_code == 422


def test_the_servers_limits_reach_its_spawned_workers(tmp_path: Path) -> None:
    # `giocheck serve --limit text_chars=100`: the pool's workers are spawned, and inherit nothing.
    with _client(tmp_path, limits=Limits(text_chars=100)) as strict:
        answer = strict.post("/api/check", files=_sample())
    assert answer.status_code == 422 and "text_chars=100" in answer.json()["error"]


@pytest.mark.parametrize(
    ("name", "data"),
    [("report.docx", b"PK\x03\x04 not really a zip"), ("report.pdf", b"%PDF-1.7 broken"), ("empty.txt", b"")],
)
def test_a_corrupt_upload_is_a_one_line_4xx(client: TestClient, name: str, data: bytes) -> None:
    answer = client.post("/api/check", files={"file": (name, data)})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"].startswith(f"{name}: ") and "\n" not in body["error"]
    assert body["error_en"] and body["request_id"] == answer.headers["x-request-id"]
    assert "Traceback" not in answer.text


def test_an_oversize_upload_is_413_by_content_length_and_while_streaming(tmp_path: Path) -> None:
    with _client(tmp_path, max_upload_bytes=MEGABYTE) as small:
        declared = small.post("/api/check", files={"file": ("big.txt", b"x" * (MEGABYTE + 1))})
        assert declared.status_code == 413
        assert "1 MB" in declared.json()["error"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(3):
                yield b"y" * (MEGABYTE // 2)

        streamed = small.post(
            "/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"}
        )
        assert streamed.status_code == 413
        assert "1 MB" in streamed.json()["error"]


def test_wrong_requests_are_one_line(client: TestClient) -> None:
    assert client.post("/api/check", content=b"plain", headers={"content-type": "text/plain"}).status_code == 415
    missing = client.post("/api/check", data={"lang": "zh"})
    assert missing.status_code == 422 and "file" in missing.json()["error"]
    assert client.get("/nowhere").json()["error"] == "没有这个地址：/nowhere"


def _sleep() -> Checked:
    time.sleep(30)
    return Checked(None)


def _slow_python(path: Path, previous: Path | None, options: ReportOptions, shown: str, budget: float) -> Checked:
    return within_budget(budget, shown, _sleep)


def _stuck(path: Path, previous: Path | None, options: ReportOptions, shown: str, budget: float) -> Checked:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as if stuck in native code
    return within_budget(budget, shown, _sleep)


@pytest.mark.parametrize("task", [_slow_python, _stuck])
def test_the_time_budget_answers_504_and_the_next_request_is_checked(tmp_path: Path, task: Task) -> None:
    with _client(tmp_path, task=task, timeout=1.0) as slow:
        started = time.monotonic()
        answer = slow.post("/api/check", files=_sample())
        assert answer.status_code == 504
        assert "1 秒" in answer.json()["error"]
        assert time.monotonic() - started < 20
    with _client(tmp_path) as normal:
        assert normal.post("/api/check", files=_sample()).status_code == 200
    assert list((tmp_path / "work").iterdir()) == []


def _sleepy(path: Path, previous: Path | None, options: ReportOptions, shown: str, budget: float) -> Checked:
    time.sleep(3)
    return check_upload(path, previous, options, shown, budget)


def test_a_full_queue_answers_503(tmp_path: Path) -> None:
    with _client(tmp_path, task=_sleepy, queue=0) as busy, ThreadPoolExecutor(2) as threads:
        first = threads.submit(busy.post, "/api/check", files=_sample())
        deadline = time.monotonic() + 30
        while busy.get("/healthz").json()["admitted"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        second = busy.post("/api/check", files=_sample())
        assert second.status_code == 503
        assert second.headers["retry-after"] and "繁忙" in second.json()["error"]
        assert first.result().status_code == 200


def test_keep_stores_the_upload_and_its_answer(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    with _client(tmp_path, keep=kept) as keeping:
        answer = keeping.post("/api/check", files=_sample())
    folder = kept / answer.headers["x-request-id"]
    assert (folder / f"0-{SAMPLE.name}").read_bytes() == SAMPLE.read_bytes()
    assert json.loads((folder / "result.json").read_text(encoding="utf-8")) == answer.json()


def test_downloads_go_through_the_check_format_renderers(client: TestClient) -> None:
    formats = client.get("/api/formats").json()
    assert "json" in formats and "rich" not in formats
    as_json = client.post("/api/check/json", files=_sample())
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    assert as_json.json() == client.post("/api/check", files=_sample()).json()
    junit = client.post("/api/check/junit", files=_sample())
    assert junit.headers["content-type"].startswith("application/xml") and b"<testsuite" in junit.content
    assert client.post("/api/check/nope", files=_sample()).status_code == 404


def test_view_gives_grids_with_cell_addresses_and_the_rules_basis(client: TestClient) -> None:
    view = client.post("/api/view", files=_sample()).json()
    assert [g["key"] for g in view["grids"]] == ["T2", "T3", "T4"]
    refs = {cell["ref"] for grid in view["grids"] for row in grid["rows"] for cell in row if cell["ref"]}
    assert {"T3.NEW.NP", "T4.DATA.RV_TOT", "T2.NORM.VALID"} <= refs
    assert view["rules"]["N_TOTAL_BREAKDOWN"]["basis_zh"]
    assert view["check"] == client.post("/api/check", files=_sample()).json()


def test_every_cell_a_finding_names_is_a_cell_of_the_grids(client: TestClient) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    t4 = next(i for i, line in enumerate(lines) if line.split("\t") == ["0"] * 15)
    lines[t4] = "\t".join(["1"] + ["0"] * 14)  # 行政复议·结果维持 1, its total 0
    view = client.post("/api/view", files={"file": ("broken.txt", "\n".join(lines).encode())}).json()
    refs = {cell["ref"] for grid in view["grids"] for row in grid["rows"] for cell in row if cell["ref"]}
    named = {c["ref"] for f in view["check"]["files"][0]["findings"] if f["rule"].startswith("T4") for c in f["cells"]}
    assert "T4.DATA.RV_KEEP" in named and named <= refs


def test_rules_health_page_and_openapi(client: TestClient) -> None:
    rules = client.get("/api/rules").json()
    assert any(rule["id"] == "T3_BALANCE" for rule in rules)
    assert client.get("/api/rules/t3_balance").json()[0]["basis_zh"]
    assert client.get("/api/rules/NOPE").status_code == 404
    assert client.get("/healthz").json()["status"] == "ok"
    page = client.get("/")
    assert "政府信息公开工作年度报告检查" in page.text and "http" not in page.text.replace("http-equiv", "")
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load scripts from a CDN
    schema = client.get("/openapi.json").json()
    assert {"CheckDocument", "ErrorBody", "ViewDocument", "RuleInfo", "AnnualReport"} <= set(
        schema["components"]["schemas"]
    )
    check = schema["paths"]["/api/check"]["post"]
    assert check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/CheckDocument")
    assert check["responses"]["413"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def _crash(path: Path, previous: Path | None, options: ReportOptions, shown: str, budget: float) -> Checked:
    raise ValueError("secret internal detail")


def test_an_internal_error_is_one_line_with_the_request_id_and_no_trace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with _client(tmp_path, task=_crash) as crashing:
        answer = crashing.post("/api/check", files=_sample())
    assert answer.status_code == 500
    request_id = answer.headers["x-request-id"]
    assert request_id in answer.json()["error"]
    assert "secret" not in answer.text and "Traceback" not in answer.text
    assert any(request_id in record.getMessage() and record.exc_info for record in caplog.records)


def test_a_long_temporary_folder_path_does_not_stop_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = tmp_path / ("x" * 90)  # too long for a Unix socket path (a forkserver would need one)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    with _client(tmp_path) as client:
        assert client.post("/api/check", files=_sample()).status_code == 200


def test_names_shown_and_stored_are_safe() -> None:
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\a\\b.docx") == "b.docx"
    assert display_name("\x00\n") == "upload"
    assert display_name(None) == "upload"
    assert stored_name("report", "报告.DOCX") == "report.docx"
    assert stored_name("report", "x.tar;rm -rf") == "report"


def test_check_and_import_never_load_the_web_framework() -> None:
    code = (
        "import sys, giocheck, giocheck.cli\n"
        f"giocheck.cli.main(['check', {str(SAMPLE)!r}, '--format', 'json', '--jobs', '1'])\n"
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_serve_without_its_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve"]) == 2
    error = capsys.readouterr().err
    assert "giocheck[serve]" in error and len(error.strip().splitlines()) == 1
