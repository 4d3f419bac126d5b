"""Report kinds about the dates a report gives itself, against its year and the calendar.

- `year_ended`: the report year is over (a report for a year not yet ended cannot be complete);
- `signed_after_year`: the date under the signature (成文日期) is not before 12月31日 of the report year.

Today is `giocheck.clock.today()` (`GIOCHECK_TODAY` sets it). The publication deadline against
the signature date is Y_DEADLINE's (`content.py`), which falls back on that date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from giocheck.clock import today
from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding
from giocheck.engine.schema import PlainRule


@register("year_ended", PlainRule, {"year", "today"}, legacy=True)
def year_ended(instance: Instance[PlainRule], subject: Subject) -> Iterator[Finding]:
    """The report year has ended by today."""
    rule = instance.rule
    year, now = subject.report.metadata.year, today()
    if year is not None and now < date(year + 1, 1, 1):
        yield finding(rule, {"year": str(year), "today": now.isoformat()}, scope=str(year))


@register("signed_after_year", PlainRule, {"year", "signed", "year_end"}, legacy=True)
def signed_after_year(instance: Instance[PlainRule], subject: Subject) -> Iterator[Finding]:
    """The signature's date is not before the last day of the report year."""
    rule = instance.rule
    meta = subject.report.metadata
    signed = meta.signature.dated if meta.signature else None
    if meta.year is None or signed is None:
        return
    year_end = date(meta.year, 12, 31)
    if signed < year_end:
        yield finding(
            rule,
            {"year": str(meta.year), "signed": signed.isoformat(), "year_end": year_end.isoformat()},
            scope=signed.isoformat(),
            where=meta.signature.location if meta.signature else None,
        )
