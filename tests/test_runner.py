"""Many files: the summary puts each file in exactly one bucket."""

from __future__ import annotations

from pathlib import Path

import attrs

from giocheck.runner import FileOutcome, check_file, summarise
from tests.ci_support import broken_copy, clean_copy


def test_each_file_is_in_exactly_one_bucket_and_unreadable_wins(tmp_path: Path) -> None:
    broken = check_file(broken_copy(tmp_path))
    assert broken.result is not None and broken.result.errors
    # A partly read file: its tables could not all be placed, yet the part read has error findings.
    partly = attrs.evolve(broken, path="partly.txt", error_zh="表三缺少 9 行", error_en="T3 lacks 9 rows")
    outcomes = [check_file(clean_copy(tmp_path)), broken, partly, FileOutcome("empty.txt", None, "文件为空", "empty")]
    summary = summarise(outcomes)
    assert (summary.files, summary.clean, summary.with_errors, summary.unreadable) == (4, 1, 1, 2)
    assert summary.errors == 2 * len(broken.result.errors)
    assert summary.exit_code == 2
    assert summarise([partly]).with_errors == 0
