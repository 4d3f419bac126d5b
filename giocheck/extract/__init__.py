"""Extraction: a neutral `Document` → an `AnnualReport`, driven by the format data."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from giocheck.document import Document, Line
from giocheck.errors import NotAReportError
from giocheck.extract.glued import GluedRow, recover
from giocheck.extract.structure import Heading, detect_format, find_headings, read_title
from giocheck.extract.tables import read_table
from giocheck.extract.tokens import is_noise
from giocheck.formats import FormatSpec, TableSpec, formats
from giocheck.labels import normalize
from giocheck.model import AnnualReport, Metadata, ReadProblem, Section, Table


def extract_report(document: Document) -> AnnualReport:
    """Find the title, sections and tables of `document`; raise `ReadError` if it is no report."""
    lines = document.lines
    first = formats()["2021"]
    outline = find_headings(lines, first)
    title = read_title(lines, outline[0].index if outline else 0)
    spec = detect_format(lines, title.year)
    if spec is None:
        # Before 2019 there were no national tables: nothing to place, nothing to miss.
        return AnnualReport(
            metadata=Metadata(agency=title.agency, year=title.year, format="legacy", source=document.source)
        )
    headings = _same_outline(outline, spec) if _outline(spec) == _outline(first) else find_headings(lines, spec)
    tables: dict[str, Table] = {}
    problems: list[ReadProblem] = []
    glued: list[GluedRow] = []
    after = 0
    for position, table_spec in enumerate(spec.tables):
        region = _region(lines, headings, table_spec, after, spec.tables[position + 1 :])
        if region is None:
            problems.append(_missing(table_spec))
            continue
        start, end = region
        after = start
        read = read_table(table_spec, lines[start:end])
        problems.extend(read.problems)
        glued.extend(read.glued)
        if read.table is not None:
            tables[table_spec.key] = read.table
    if title.year is None and len(headings) < 2 and not tables:
        raise NotAReportError(
            document.source,
            "不是政府信息公开工作年度报告：没有找到报告标题、章节标题或统计表",
            "not a government information disclosure annual report: no title, section headings or tables found",
        )
    report = AnnualReport(
        metadata=Metadata(
            agency=title.agency, year=title.year, format=spec.key, source=document.source, published=document.published
        ),
        preamble="\n".join(line.text for line in lines[: headings[0].index]) if headings else "",
        sections=_sections(lines, headings),
        tables=tables,
        problems=problems,
    )
    return recover(report, glued)


def _outline(spec: FormatSpec) -> tuple[tuple[str, str], ...]:
    """What heading search depends on: each section's key and pattern, in order."""
    return tuple((section.key, section.pattern) for section in spec.sections)


def _same_outline(headings: list[Heading], spec: FormatSpec) -> list[Heading]:
    """Headings found with another format's identical patterns, re-labelled with `spec`'s sections."""
    sections = {section.key: section for section in spec.sections}
    return [attrs.evolve(heading, section=sections[heading.section.key]) for heading in headings]


def _region(
    lines: Sequence[Line], headings: list[Heading], spec: TableSpec, after: int, following: Sequence[TableSpec]
) -> tuple[int, int] | None:
    """The line range of a table: its section, or from its anchor; up to the next heading, or
    to the anchor of a `following` table whose heading is missing (else that table's rows
    would be read as this table's)."""
    printed = {heading.section.key for heading in headings}
    if spec.section in printed:
        start = next(h.index for h in headings if h.section.key == spec.section) + 1
    else:
        found = _anchor(lines, spec, after, len(lines))
        if found is None:
            return None
        start = found
    end = next((h.index for h in headings if h.index >= start), len(lines))
    for later in following:
        if later.section not in printed:
            found = _anchor(lines, later, start + 1, end)
            end = end if found is None else found
    return start, end


def _anchor(lines: Sequence[Line], spec: TableSpec, start: int, end: int) -> int | None:
    """The first line in `start`..`end` that one of the table's anchors finds."""
    anchors = [re.compile(a) for a in spec.anchors]
    return next((i for i in range(start, end) if any(a.search(normalize(lines[i].text)) for a in anchors)), None)


def _missing(spec: TableSpec) -> ReadProblem:
    return ReadProblem(
        table=spec.key,
        message_zh=f"未找到{spec.name_zh}（{spec.label}）：报告中没有该表或其文字无法读取（如表格为图片）",
        message_en=f"table {spec.key[1]} ({spec.label}) not found: missing, or not readable as text (an image?)",
    )


def _sections(lines: Sequence[Line], headings: list[Heading]) -> list[Section]:
    """Each part's heading and text; page footers (`- 2 -`) and ruling lines are no part of the text."""
    sections = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        body = "\n".join(line.text for line in lines[heading.index + 1 : end] if not is_noise(line))
        sections.append(
            Section(
                key=heading.section.key,
                heading=heading.text,
                text=body,
                location=lines[heading.index].location,
            )
        )
    return sections
