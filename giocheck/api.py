"""The public entry points: `load` a report, `check` it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from giocheck.clock import as_of
from giocheck.engine import RuleSet, run_rules
from giocheck.engine.findings import CellRef, Result
from giocheck.engine.rulefile import default_rules, load_rules
from giocheck.formats import formats, latest_format
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport


@attrs.frozen
class CheckResult(Result):
    """What `check` returns: a `Result` that can also say itself as `giocheck check --format json` does."""

    def to_json(self, lang: str = "zh", path: str | None = None, rules: RuleSet | None = None) -> dict[str, Any]:
        """The `giocheck check FILE --format json` document of this one report (the model
        `giocheck.checkjson.CheckDocument`, as the command makes it); `path` names the file
        (default: the report's source), `rules` the rule set it was checked with (for the
        document's `rules_version`; default the shipped rules)."""
        # Imported on the first call: the runner and the JSON model are not needed to check, and
        # `import giocheck` stays light.
        from giocheck.checkjson import check_document
        from giocheck.execution import result_outcome

        outcome = result_outcome(path or self.report.metadata.source or "-", self)
        return check_document([outcome], rules, lang=lang).model_dump(mode="json")


def cells(format: str | None = None) -> tuple[CellRef, ...]:
    """Every table cell of a national format (the latest by default), in official order: the
    keys `report.cell(ref)` takes, read from the format data (`rules/formats/*.toml`).

    Raises `KeyError` naming the formats there are for an unknown one.
    """
    known = formats()
    if format is not None and format not in known:
        raise KeyError(f"{format!r}: no such format; formats: {', '.join(known)}")
    spec = known[format] if format is not None else latest_format()
    return tuple(
        CellRef(table.key, row.key, column)
        for table in spec.tables
        for row in table.rows
        for column in table.row_columns(row.key)
    )


def load(path: str | Path) -> AnnualReport:
    """Read a report file (`-`: standard input) into an `AnnualReport`.

    Raises `giocheck.ReadError` (one line: the file and what is wrong) when the file is empty,
    binary, not a report, or in a format no reader knows. Tables that could not be read with
    confidence do not raise: they are listed in `report.problems`.
    """
    # The readers and the extractor are imported by the first report read: a run whose
    # outcomes all come from the result cache reads none.
    from giocheck.extract import extract_report
    from giocheck.readers import read_source

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
    today: date | None = None,
) -> CheckResult:
    """Check a report (or a report file) against the shipped rules, or against `rules`.

    `rules` may be a `RuleSet` or a list of extra rule files/folders added to the shipped ones.
    `previous` is last year's report (for the X_ rules); `published` the publication date (for
    Y_DEADLINE); `agency_kind`/`agency_level` override what the agency name suggests; `today`
    the date the calendar rules (Y_YEAR_ENDED) take as today (default: `GIOCHECK_TODAY`, else
    the machine's date).
    """
    report = report_or_path if isinstance(report_or_path, AnnualReport) else load(report_or_path)
    from giocheck.profile import with_profile

    report = with_profile(report, agency_kind, agency_level, published)
    last = previous if isinstance(previous, AnnualReport) or previous is None else load(previous)
    if rules is None:
        ruleset = default_rules()
    elif isinstance(rules, RuleSet):
        ruleset = rules
    else:
        ruleset = load_rules([Path(p) for p in rules])
    with as_of(today):
        result = run_rules(report, ruleset, previous=last)
    return CheckResult(**{field.name: getattr(result, field.name) for field in attrs.fields(Result)})
