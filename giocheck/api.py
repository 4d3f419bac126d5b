"""The public entry points: `load` a report, `check` it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from giocheck.engine import RuleSet, run_rules
from giocheck.engine.findings import Result
from giocheck.engine.rulefile import default_rules, load_rules
from giocheck.extract import extract_report
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport
from giocheck.profile import with_profile
from giocheck.readers import read_source


def load(path: str | Path) -> AnnualReport:
    """Read a report file (`-`: standard input) into an `AnnualReport`.

    Raises `giocheck.ReadError` (one line: the file and what is wrong) when the file is empty,
    binary, not a report, or in a format no reader knows. Tables that could not be read with
    confidence do not raise: they are listed in `report.problems`.
    """
    source = read_source(Path(path))
    return source if isinstance(source, AnnualReport) else extract_report(source)


def check(
    report_or_path: AnnualReport | str | Path,
    rules: RuleSet | Sequence[str | Path] | None = None,
    *,
    previous: AnnualReport | str | Path | None = None,
    published: date | None = None,
    agency_kind: AgencyKind | None = None,
    agency_level: AgencyLevel | None = None,
) -> Result:
    """Check a report (or a report file) against the shipped rules, or against `rules`.

    `rules` may be a `RuleSet` or a list of extra rule files/folders added to the shipped ones.
    `previous` is last year's report (for the X_ rules); `published` the publication date (for
    Y_DEADLINE); `agency_kind`/`agency_level` override what the agency name suggests.
    """
    report = report_or_path if isinstance(report_or_path, AnnualReport) else load(report_or_path)
    report = with_profile(report, agency_kind, agency_level, published)
    last = previous if isinstance(previous, AnnualReport) or previous is None else load(previous)
    if rules is None:
        ruleset = default_rules()
    elif isinstance(rules, RuleSet):
        ruleset = rules
    else:
        ruleset = load_rules([Path(p) for p in rules])
    return run_rules(report, ruleset, previous=last)
