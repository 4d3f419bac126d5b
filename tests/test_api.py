"""The public API: `giocheck.load` and `giocheck.check`, and what a `Result` says."""

from __future__ import annotations

from pathlib import Path

import pytest

import giocheck
from giocheck.errors import NotAReportError, ReadError
from tests.conftest import HUAIAN, QU


def _cut_off(tmp_path: Path) -> Path:
    """淮安 2024 cut off in the middle of table 3: the CLI exits 2 on it."""
    data = HUAIAN.read_bytes()
    path = tmp_path / "cut-off-report.txt"
    path.write_bytes(data[: data.index("2.重复申请".encode())])
    return path


def test_a_report_whose_table_could_not_be_read_is_not_ok(tmp_path: Path) -> None:
    result = giocheck.check(_cut_off(tmp_path))
    # No rule is broken by what was read — which is why `errors` alone must not be the test.
    assert result.errors == ()
    assert [p.table for p in result.problems] == ["T3", "T4"]
    assert result.problems == tuple(result.report.problems)
    assert not result.ok


def test_ok_means_fully_read_and_no_error(tmp_path: Path) -> None:
    clean = giocheck.check(QU)
    assert clean.ok and clean.count("warning") == 2  # warnings do not spoil it, as the CLI's exit 0
    broken = tmp_path / "broken.txt"
    broken.write_text(HUAIAN.read_text(encoding="utf-8").replace("72 64 178", "72 64 179"), encoding="utf-8")
    assert not giocheck.check(broken).ok


def test_a_file_that_is_no_report_is_its_own_read_error(tmp_path: Path) -> None:
    minutes = tmp_path / "requirements.txt"
    minutes.write_text("pytest>=8\nrich>=13\n", encoding="utf-8")
    with pytest.raises(NotAReportError, match="不是政府信息公开工作年度报告") as raised:
        giocheck.load(minutes)
    assert isinstance(raised.value, ReadError)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as unreadable:
        giocheck.load(empty)
    assert not isinstance(unreadable.value, NotAReportError)
