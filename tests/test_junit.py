"""`--format junit` opens in a JUnit reader: one testcase per report, failures list the findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from junitparser import Error, Failure, JUnitXml

from tests.ci_support import broken_copy, clean_copy, run


def test_junit_has_one_case_per_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = clean_copy(tmp_path)
    broken = broken_copy(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "junit")
    assert code == 2
    path = tmp_path / "junit.xml"
    path.write_text(out, encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.tests, suite.failures, suite.errors) == (3, 1, 1)
    cases = {case.name: case for case in suite}
    assert set(cases) == {str(broken), str(clean), str(empty)}
    assert cases[str(clean)].is_passed
    failure = cases[str(broken)].result[0]
    assert isinstance(failure, Failure)
    assert "T3_BALANCE" in (failure.message or "") and "相差" in (failure.text or "")
    assert "T3.NEW.NP" in (failure.text or "")
    error = cases[str(empty)].result[0]
    assert isinstance(error, Error) and "文件为空" in (error.message or "")
