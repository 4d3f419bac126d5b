"""The public entry points: `load` a report, `check` it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from giocheck.engine import RuleSet, run_rules
from giocheck.engine.findings import Result
from giocheck.engine.rulefile import default_rules, load_rules
from giocheck.extract import extract_report
from giocheck.model import AnnualReport
from giocheck.readers import read_document


def load(path: str | Path) -> AnnualReport:
    """Read a report file into an `AnnualReport`.

    Raises `giocheck.ReadError` (one line: the file and what is wrong) when the file is empty,
    binary, not a report, or in a format no reader knows. Tables that could not be read with
    confidence do not raise: they are listed in `report.problems`.
    """
    return extract_report(read_document(Path(path)))


def check(report_or_path: AnnualReport | str | Path, rules: RuleSet | Sequence[str | Path] | None = None) -> Result:
    """Check a report (or a report file) against the shipped rules, or against `rules`.

    `rules` may be a `RuleSet` or a list of extra rule files/folders added to the shipped ones.
    """
    report = report_or_path if isinstance(report_or_path, AnnualReport) else load(report_or_path)
    if rules is None:
        ruleset = default_rules()
    elif isinstance(rules, RuleSet):
        ruleset = rules
    else:
        ruleset = load_rules([Path(p) for p in rules])
    return run_rules(report, ruleset)
