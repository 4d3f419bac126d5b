"""What the user says about reports besides the files: publication date, the agency's name, kind
and level; and pairing this year's report with last year's in one folder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs

from giocheck.manifest import Manifest
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport
from giocheck.profile import with_profile


@attrs.frozen
class ReportOptions:
    """`--published`, `--agency-kind`, `--agency-level` and the configuration's agency name."""

    published: date | None = None
    agency_kind: AgencyKind | None = None
    agency_level: AgencyLevel | None = None
    agency_name: str | None = None
    manifest: Manifest | None = None  # `--manifest`: per-file date, agency, kind and level win

    def apply(self, report: AnnualReport) -> AnnualReport:
        """The report with the given agency name, kind/level and publication date set on its metadata."""
        entry = self.manifest.entry(report.metadata.source) if self.manifest is not None else None
        if entry is not None:
            own = ReportOptions(
                entry.published or self.published,
                entry.kind or self.agency_kind,
                entry.level or self.agency_level,
                entry.agency,
            )
            return own.apply(report)
        if self.agency_name is not None:
            metadata = report.metadata.model_copy(update={"agency": self.agency_name})
            report = report.model_copy(update={"metadata": metadata})
        return with_profile(report, self.agency_kind, self.agency_level, self.published)


def pair_previous(reports: Sequence[tuple[Path, AnnualReport]]) -> dict[Path, AnnualReport]:
    """For each report, last year's report of the same agency found in the same folder."""
    index = {
        (path.parent, report.metadata.agency, report.metadata.year): report
        for path, report in reports
        if report.metadata.agency and report.metadata.year
    }
    pairs: dict[Path, AnnualReport] = {}
    for path, report in reports:
        year = report.metadata.year
        found = index.get((path.parent, report.metadata.agency, year - 1)) if year and report.metadata.agency else None
        if found is not None:
            pairs[path] = found
    return pairs
