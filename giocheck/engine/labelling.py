"""The report kind `printed_labels`: labels printed otherwise than the unified format prints them.

Each claim (rule data) is one known deviation: `pattern` is searched in a printed label with
white space removed; `cells` names the row (`T3.R_DENY_2.TOT`: its column is not used), or,
left out, the claim is about the part headings. Each of `headers` is searched in the column
headers the table printed (`Table.headers`, kept by `giocheck/extract/headers.py`; none from
JSON) and names the column (`T3.NEW.SW`: its row is not used). `subject_zh`/`subject_en` say
why it matters, and `severity` whether it is info (wording) or a warning (wording that changes
the meaning). The message gives the official label from the format data.
"""

from __future__ import annotations

from collections.abc import Iterator

from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding, parse_ref
from giocheck.engine.ruledata import Claim, compile_pattern
from giocheck.engine.schema import LabelsRule
from giocheck.formats import FormatSpec, formats
from giocheck.model import Header, Table
from giocheck.naming import table_name


@register("printed_labels", LabelsRule, {"where", "printed", "official", "why"})
def printed_labels(instance: Instance[LabelsRule], subject: Subject) -> Iterator[Finding]:
    """Each row label or part heading a claim's pattern finds, with the official label."""
    rule = instance.rule
    report = subject.report
    spec = formats()[report.metadata.format]
    for claim in rule.claims:
        regex = compile_pattern(claim.pattern)
        severity = claim.severity or rule.severity
        if claim.cells:
            ref = parse_ref(claim.cells[0])
            table = report.tables.get(ref.table)
            row = None if table is None or table.format else table.rows.get(ref.row)
            if row is None or not regex.search(_bare(row.label)):
                continue
            table_spec = spec.table(ref.table)
            location = next((c.location for c in row.cells.values() if c.location is not None), None)
            yield finding(
                rule,
                _slots(claim, f"{table_spec.name_zh}的行标签", row.label, table_spec.row(ref.row).label),
                {"where": f"{table_name(spec.table(ref.table), 'en')} row label", "why": claim.subject_en},
                scope=f"{ref.table}.{ref.row}",
                severity=severity,
                where=location,
            )
            continue
        labels = {s.key: s.label for s in spec.sections}
        for section in report.sections:
            if section.key in labels and regex.search(_bare(section.heading)):
                yield finding(
                    rule,
                    _slots(claim, "部分标题", section.heading, labels[section.key]),
                    {"where": "part heading", "why": claim.subject_en},
                    scope=section.key,
                    severity=severity,
                    where=section.location,
                )
    yield from _headers(rule, subject)


def _headers(rule: LabelsRule, subject: Subject) -> Iterator[Finding]:
    """The first printed column header each header claim's pattern finds, with the column's label."""
    report = subject.report
    spec = formats()[report.metadata.format]
    for claim in rule.headers:
        ref = parse_ref(claim.cells[0])
        table = report.tables.get(ref.table)
        if table is None or table.format or not _has_column(spec, ref.table, ref.column):
            continue  # another layout (its headers are that format's), or a column this format lacks
        regex = compile_pattern(claim.pattern)
        printed = next((header for text, header in _bare_headers(subject, table) if regex.search(text)), None)
        if printed is None:
            continue
        table_spec = spec.table(ref.table)
        yield finding(
            rule,
            _slots(claim, f"{table_spec.name_zh}的栏目名称", printed.text, table_spec.column(ref.column).label),
            {"where": f"{table_name(table_spec, 'en')} column header", "why": claim.subject_en},
            scope=f"{ref.table}.{ref.column}",
            severity=claim.severity or rule.severity,
            where=printed.location,
        )


def _bare_headers(subject: Subject, table: Table) -> tuple[tuple[str, Header], ...]:
    """A table's printed column headers with white space removed, worked out once per report."""
    return subject.memo(("bare headers", table.key), lambda: tuple((_bare(h.text), h) for h in table.headers))


def _has_column(spec: FormatSpec, table: str, column: str) -> bool:
    return spec.has_table(table) and column in {c.key for c in spec.table(table).columns}


def _bare(text: str) -> str:
    # `str.split` and the regex `\s` take the same characters for white space (`str.isspace`).
    return "".join(text.split())


def _slots(claim: Claim, where: str, printed: str, official: str) -> dict[str, str]:
    return {"where": where, "printed": printed, "official": official, "why": claim.subject_zh}
