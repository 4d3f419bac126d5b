"""Extraction: a neutral `Document` → an `AnnualReport`, driven by the format data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import attrs

from giocheck.document import Document, Line
from giocheck.errors import NotAReportError
from giocheck.extract.glued import GluedRow, recover
from giocheck.extract.headers import printed_headers, row_places
from giocheck.extract.overlong import with_long_numbers
from giocheck.extract.reflow import reflow
from giocheck.extract.structure import Heading, detect_format, find_headings, read_title
from giocheck.extract.tables import TableRead, read_table
from giocheck.extract.tokens import is_noise
from giocheck.extract.wrapper import read_signature
from giocheck.formats import FormatSpec, TableSpec, format_for_year, formats, latest_format
from giocheck.labels import normalize
from giocheck.model import (
    AnnualReport,
    Metadata,
    PublishedSource,
    ReadNote,
    ReadProblem,
    Section,
    Signature,
    Table,
    trusted,
)


def extract_report(document: Document) -> AnnualReport:
    """Find the title, sections and tables of `document`; raise `ReadError` if it is no report."""
    report = with_long_numbers(_extract(document))
    if not document.notes:
        return report
    return report.model_copy(update={"notes": [*document.notes, *report.notes]})


def _extract(document: Document) -> AnnualReport:
    lines = reflow(document.lines)
    first = latest_format()
    outline = find_headings(lines, first)
    title = read_title(lines, outline[0].index if outline else 0)
    signature = read_signature(lines)
    agency = title.agency or (signature.agency if signature else None) or title.unit
    published, published_source = _published(document, signature)
    about = {"agency": agency, "year": title.year, "source": document.source, "signature": signature}
    spec = detect_format(lines, title.year)
    if spec is None:
        # Before 2019 there were no national tables: nothing to place, nothing to miss.
        return trusted(
            AnnualReport,
            metadata=trusted(
                Metadata,
                **about,
                format="legacy",
                published=published,
                published_source=published_source,
                read_by=document.read_by,
            ),
        )
    headings = _same_outline(outline, spec) if _outline(spec) == _outline(first) else find_headings(lines, spec)
    tables: dict[str, Table] = {}
    problems: list[ReadProblem] = []
    notes: list[ReadNote] = []
    absent: list[TableSpec] = []
    truncated = False
    glued: list[GluedRow] = []
    after = 0
    for position, table_spec in enumerate(spec.tables):
        region = _region(lines, headings, table_spec, after, spec.tables[position + 1 :])
        if region is None:
            absent.append(table_spec)
            continue
        start, end = region
        after = start
        followed = _text_after(lines, end)
        truncated = not followed
        read = _read_in_layout(spec, table_spec, lines[start:end], followed=followed)
        if read.empty and followed and not _names_rows(table_spec, lines[start:end]):
            absent.append(table_spec)  # a heading or caption, and no table under it
            continue
        problems.extend(read.problems)
        notes.extend(read.notes)
        glued.extend(read.glued)
        if read.table is not None:
            headers = printed_headers(lines[start:end], row_places(read.table))
            tables[table_spec.key] = read.table.model_copy(update={"headers": headers}) if headers else read.table
    spec, tables, notes = _due_layout(spec, title.year, tables, notes)
    for table_spec in absent:
        # A table not found between parts that were read was left out (or printed as a
        # picture); one not found after a table the document ends in was cut off.
        later = any(t.key in tables for t in spec.tables[spec.tables.index(table_spec) + 1 :])
        if tables and (later or not truncated):
            notes.append(ReadNote(kind="table_missing", table=table_spec.key, names=[table_spec.label]))
        else:
            problems.append(_missing(table_spec))
    if title.year is None and len(headings) < 2 and not tables:
        raise NotAReportError(
            document.source,
            "不是政府信息公开工作年度报告：没有找到报告标题、章节标题或统计表",
            "not a government information disclosure annual report: no title, section headings or tables found",
        )
    end = closing_start(lines, headings[-1].index + 1 if headings else len(lines))
    # Built from what the reader and the extractor made (`trusted`): a text check builds no validator.
    report = trusted(
        AnnualReport,
        metadata=trusted(
            Metadata,
            **about,
            format=spec.key,
            published=published,
            published_source=published_source,
            read_by=document.read_by,
        ),
        preamble="\n".join(line.text for line in lines[: headings[0].index]) if headings else "",
        preamble_lines=[line.location for line in lines[: headings[0].index]] if headings else [],
        sections=_sections(lines[:end], headings),
        closing="\n".join(line.text for line in lines[end:] if not is_noise(line)),
        tables=tables,
        problems=problems,
        notes=notes,
    )
    return recover(report, glued)


def _read_in_layout(spec: FormatSpec, table_spec: TableSpec, lines: Sequence[Line], followed: bool) -> TableRead:
    """Read a table in its format's layout, or, when that leaves problems or gaps, in another
    format's layout of the same table if that reads it cleanly (a 2025 report printing the 2019
    table two); the table then says which layout it follows and a note says so."""
    read = read_table(table_spec, lines, followed)
    if not read.problems and not read.notes:
        return read
    for other in formats().values():
        if other.key == spec.key or not other.has_table(table_spec.key):
            continue
        layout = other.table(table_spec.key)
        if _same_layout(layout, table_spec):
            continue
        alternative = read_table(layout, lines, followed)
        if alternative.table is None or alternative.problems or alternative.notes:
            continue
        if read.table is not None and not read.problems and _placed(read) > _placed(alternative):
            continue  # the own layout, with something to say, still places more rows
        note = ReadNote(kind="layout", table=table_spec.key, printed=other.key, expected=spec.key)
        table = alternative.table.model_copy(update={"format": other.key})
        return TableRead(table, (), (note,))
    return read


def _due_layout(
    spec: FormatSpec, year: int | None, tables: dict[str, Table], notes: list[ReadNote]
) -> tuple[FormatSpec, dict[str, Table], list[ReadNote]]:
    """A report whose tables mix layouts, one of them the format due for its year, is a report
    in that format with some tables in another layout (said per table); a report wholly in
    another format stays so (F_VERSION says it for the whole report)."""
    due = None if year is None else format_for_year(year)
    if due is None or due.key == spec.key or not any(t.format == due.key for t in tables.values()):
        return spec, tables, notes
    kept = [note for note in notes if note.kind != "layout"]
    mixed: dict[str, Table] = {}
    for key, table in tables.items():
        if table.format == due.key or _same_layout(spec.table(key), due.table(key)):
            mixed[key] = table.model_copy(update={"format": None})
        else:
            mixed[key] = table.model_copy(update={"format": spec.key})
            kept.append(ReadNote(kind="layout", table=key, printed=spec.key, expected=due.key))
    return due, mixed, kept


def _names_rows(spec: TableSpec, lines: Sequence[Line]) -> bool:
    """Whether the lines print the labels of several of the table's rows: a table is there,
    even if its numbers could not be read (e.g. glued to the labels on one line)."""
    text = normalize("".join(line.text for line in lines))
    return sum(1 for row in spec.rows if any(p.search(text) for p in row.patterns)) >= min(2, len(spec.rows))


def _same_layout(first: TableSpec, second: TableSpec) -> bool:
    """Two formats print this table alike (the same rows and columns)."""
    return first.rows == second.rows and first.columns == second.columns


def _placed(read: TableRead) -> int:
    """How many rows a read placed by their printed labels."""
    return 0 if read.table is None else sum(1 for row in read.table.rows.values() if row.source == "label")


def _text_after(lines: Sequence[Line], end: int) -> bool:
    """Whether the document goes on after line `end` (more than page footers and rules)."""
    return any(not is_noise(line) and line.text.strip() for line in lines[end:])


def _published(document: Document, signature: Signature | None) -> tuple[date | None, PublishedSource | None]:
    """The publication date and where it comes from: the page's own date, else the signing date."""
    if document.published is not None:
        return document.published, "page"
    if signature is not None and signature.dated is not None:
        return signature.dated, "signature"
    return None, None


_DATE = re.compile(
    r"(\d{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
    r"|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
)
_SENTENCE = re.compile(r"[。，；：！？,;:!?、（）()“”\d]")
_MAX_SIGNATURE = 4


def closing_start(lines: Sequence[Line], after: int) -> int:
    """Where the signature block at the end of the document starts (`len(lines)` when there is
    none): after `after`, up to four last lines of agency names and a date, one of them a date,
    as a report is signed (「淮安市人民政府办公室」「2025年1月20日」). Not parsed here."""
    kept = [index for index in range(after, len(lines)) if not is_noise(lines[index])]
    start = len(lines)
    dated = False
    for index in reversed(kept[-_MAX_SIGNATURE:]):
        text = re.sub(r"\s+", "", lines[index].text)
        if _DATE.fullmatch(text):
            dated = True
        elif not 4 <= len(text) <= 40 or _SENTENCE.search(text) or lines[index].location.table is not None:
            break
        start = index
    return start if dated else len(lines)


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
        message_en=f"table {spec.key[1]} not found: missing, or not readable as text (an image?)",
    )


def _sections(lines: Sequence[Line], headings: list[Heading]) -> list[Section]:
    """Each part's heading and text; page footers (`- 2 -`) and ruling lines are no part of the text."""
    sections = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        body = [line for line in lines[heading.index + 1 : end] if not is_noise(line)]
        sections.append(
            trusted(
                Section,
                key=heading.section.key,
                heading=heading.text,
                text="\n".join(line.text for line in body),
                location=lines[heading.index].location,
                lines=[line.location for line in body],
            )
        )
    return sections
