"""What the page shows besides the check document: the tables as the official grids (cells
carrying their addresses, so the page marks the failing ones), and the rules as `explain` has them."""

from __future__ import annotations

from giocheck.engine.rulefile import RuleSpec
from giocheck.formats import report_format, table_specs
from giocheck.model import AnnualReport
from giocheck.serve.models import GridCell, GridTable, RuleInfo
from giocheck.writers.layout import grid


def grids(report: AnnualReport) -> list[GridTable]:
    """Each table the report has, in official order, as the grid the writers print."""
    if report_format(report) is None:
        return []
    found = []
    for spec in table_specs(report):
        table = report.tables.get(spec.key)
        if table is None:
            continue
        drawn = grid(spec, table)
        found.append(
            GridTable(
                key=drawn.key,
                title=f"{spec.name_zh}　{spec.label}",
                width=drawn.width,
                rows=[
                    [GridCell(text=s.text, rows=s.rows, columns=s.columns, header=s.header, ref=s.ref) for s in row]
                    for row in drawn.rows
                ],
            )
        )
    return found


def rule_info(rule: RuleSpec) -> RuleInfo:
    """A rule's id, words and basis."""
    return RuleInfo(
        id=rule.id,
        name=rule.name,
        severity=rule.severity,
        kind=rule.kind,
        formats=list(rule.formats),
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        basis_zh=rule.basis_zh,
        basis_en=rule.basis_en,
        agency_kinds=list(rule.agency_kinds),
        agency_levels=list(rule.agency_levels),
    )
