"""The real-report corpus under `tests/data/real`: each report file, its hand-read tables, how it reads.

Every `<stem>.<suffix>` report with a `<stem>.expected.json` next to it is one fixture; several
files may share a stem (the published text and its office-suite conversions, `<stem>.scan.pdf` for
a scanned copy). The expected file says how the file must read today (`"read"`: `"exact"` or
`"partial"`, or an object giving one of them per variant — `txt`, `pdf`, `scan.pdf` … — with a
`"why"` for the partial ones). Used by `tests/test_corpus.py` and
`benchmarks/corpus_table.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from giocheck.api import load
from giocheck.errors import ReadError
from tests.support import expected_values, values

REAL = Path(__file__).parent / "data" / "real"
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".md", ".docx", ".doc", ".wps", ".pdf", ".json")
EXPECTED_SUFFIX = ".expected.json"

Mode = Literal["exact", "partial"]
Verdict = Literal["exact", "partly", "not"]


@attrs.frozen
class Fixture:
    """One report file of the corpus and the hand-read expectation it shares with its stem."""

    path: Path
    expected: Path
    mode: Mode
    why: str | None

    @property
    def excerpt(self) -> bool:
        """An excerpt lists only the rows it prints; its missing rows are read problems by design."""
        return "-excerpt" in self.path.name

    @property
    def kind(self) -> str:
        """The file kind, as the corpus table names it (the suffix without its dot)."""
        return self.path.suffix.lower().lstrip(".")


@attrs.frozen
class Reading:
    """How one fixture reads: counted cells, wrong cells no read problem covers, the verdict."""

    fixture: Fixture
    unreadable: str | None
    cells: int
    right: int
    wrong: tuple[str, ...]
    uncovered: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def verdict(self) -> Verdict:
        """`exact`: every cell right and, unless an excerpt, no read problem; `not`: unreadable or no cell right."""
        if self.unreadable is not None or self.right == 0:
            return "not"
        if self.right == self.cells and (self.fixture.excerpt or not self.problems):
            return "exact"
        return "partly"


def _mode(data: dict[str, Any], variant: str, key: str) -> Any:
    value = data.get(key)
    return value.get(variant) if isinstance(value, dict) else value


def fixtures(folder: Path = REAL) -> list[Fixture]:
    """Every report file in `folder` that has an expected file, in name order."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(EXPECTED_SUFFIX) or path.suffix.lower() not in REPORT_SUFFIXES:
            continue
        stem, _, variant = path.name.partition(".")
        expected = path.with_name(stem + EXPECTED_SUFFIX)
        if not expected.is_file():
            continue
        data = json.loads(expected.read_text(encoding="utf-8"))
        variant = variant.lower()
        mode = _mode(data, variant, "read") or "exact"
        if mode not in ("exact", "partial"):
            raise ValueError(f"{expected.name}: read must be exact or partial, not {mode!r}")
        found.append(Fixture(path, expected, "exact" if mode == "exact" else "partial", _mode(data, variant, "why")))
    return found


def _cells(fixture: Fixture) -> Iterator[tuple[str, str, int, Any]]:
    for table, rows in expected_values(fixture.expected).items():
        for row, row_values in rows.items():
            for index, value in enumerate(row_values):
                yield table, row, index, value


def read_fixture(fixture: Fixture) -> Reading:
    """Read a fixture with `giocheck.load` and compare every expected cell."""
    try:
        report = load(fixture.path)
    except ReadError as error:
        cells = sum(1 for _ in _cells(fixture))
        return Reading(fixture, str(error), cells, 0, (), (), ())
    got = values(report)
    troubled = {problem.table for problem in report.problems}
    cells = right = 0
    wrong: list[str] = []
    uncovered: list[str] = []
    for table, row, index, value in _cells(fixture):
        cells += 1
        row_values = got.get(table, {}).get(row, [])
        actual = row_values[index] if index < len(row_values) else None
        if actual == value:
            right += 1
            continue
        cell = f"{table}.{row}[{index + 1}]: expected {value!r}, read {actual!r}"
        wrong.append(cell)
        if table not in troubled:
            uncovered.append(cell)
    problems = tuple(problem.message_zh for problem in report.problems)
    return Reading(fixture, None, cells, right, tuple(wrong), tuple(uncovered), problems)
