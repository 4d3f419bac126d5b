"""The `check --format json` model: its published schema, versions in every machine output,
`Result.to_json()`, and the documented fields kept (docs/json.md: fields are only added)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import giocheck
from giocheck.checkjson import CheckDocument, rules_version
from giocheck.engine.rulefile import default_rules, load_rules
from giocheck.runner import collect
from tests.ci_support import broken_copy, run
from tests.conftest import QU

ROOT = Path(__file__).parent.parent
# Every report file of the test data and the examples, as `giocheck check FOLDER` finds them.
FIXTURES = sorted(collect([ROOT / "tests" / "data", ROOT / "examples"])[0])
# The keys docs/json.md promised before this model: a tool written against them keeps working.
FILE_KEYS = {"path", "format", "agency", "year", "findings", "problems", "error", "read_by", "accepted"}
FINDING_KEYS = {"rule", "name", "severity", "status", "message", "cells", "lhs", "rhs", "difference", "location"}
SUMMARY_KEYS = {"files", "clean", "with_errors", "structural", "unreadable", "errors", "warnings", "not_assessable"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from giocheck.checkjson import check_schema

    document = check_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def test_the_schema_command_prints_the_model_schema(capsys: pytest.CaptureFixture[str], schema: dict[str, Any]) -> None:
    code, out, _ = run(capsys, "schema", "--output", "check")
    assert code == 0 and json.loads(out) == schema
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "AnnualReport"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.relative_to(ROOT).as_posix() for p in FIXTURES])
def test_every_fixture_validates(capsys: pytest.CaptureFixture[str], schema: dict[str, Any], path: Path) -> None:
    code, out, err = run(capsys, "check", str(path), "--format", "json", "--select", "ALL", "-j", "1")
    assert code in (0, 1, 2), err
    document = json.loads(out)
    jsonschema.validate(document, schema)
    assert CheckDocument.model_validate(document).model_dump(mode="json") == document
    assert document["giocheck_version"] == giocheck.__version__
    assert document["rules_version"] == rules_version(default_rules())
    assert set(document["summary"]) >= SUMMARY_KEYS
    for file in document["files"]:
        assert set(file) >= FILE_KEYS
        for finding in file["findings"]:
            assert set(finding) >= FINDING_KEYS


def test_result_to_json_is_the_same_document(tmp_path: Path, schema: dict[str, Any]) -> None:
    path = broken_copy(tmp_path)
    result = giocheck.check(path)
    document = result.to_json()
    jsonschema.validate(document, schema)
    assert [f["rule"] for f in document["files"][0]["findings"]] == [f.rule for f in result.findings]
    assert document["summary"]["with_errors"] == 1 and document["files"][0]["path"] == str(path)
    assert result.to_json("en")["files"][0]["findings"][0]["message"] == result.findings[0].message_en


def test_the_rules_version_follows_the_rule_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(
        """
[[rule]]
id = "T3_EXTRA"
name = "extra"
kind = "non_negative"
severity = "warning"
formats = ["2021"]
table = "T3"
cells = ["NEW/TOT"]
title_zh = "额外"
title_en = "extra"
basis_zh = "测试"
basis_en = "test"
message_zh = "{cell} 填 {value}：{problem}"
message_en = "{cell} is {value}: {problem}"
""",
        encoding="utf-8",
    )
    shipped = rules_version(default_rules())
    assert rules_version(default_rules()) == shipped
    assert rules_version(load_rules([extra])) != shipped


def test_sarif_and_junit_name_both_versions(capsys: pytest.CaptureFixture[str]) -> None:
    version = rules_version(default_rules())
    _, out, _ = run(capsys, "check", str(QU), "--format", "sarif", "--select", "ALL")
    sarif = json.loads(out)["runs"][0]
    assert sarif["tool"]["driver"]["version"] == giocheck.__version__
    assert sarif["properties"] == {"giocheckVersion": giocheck.__version__, "rulesVersion": version}
    _, out, _ = run(capsys, "check", str(QU), "--format", "junit", "--select", "ALL")
    properties = ET.fromstring(out.split("\n", 1)[1]).find("testsuite/properties")
    assert properties is not None
    named = {p.get("name"): p.get("value") for p in properties}
    assert named == {"giocheck_version": giocheck.__version__, "rules_version": version}
