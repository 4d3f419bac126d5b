"""`check --format xlsx` and `--format csv`: what an office hands on as a spreadsheet.

The workbook has 汇总 (agency × rule matrix of violation counts, frozen header, filters, column
widths that fit Chinese), 问题清单 (one row per finding, as in `check --format json`), 无法读取
(file, reason) and, when there are any, 重复与缺报 (duplicates, agencies of the manifest without a
report). The CSV is the 问题清单 with the unreadable files as rows of status 无法读取, UTF-8 with
a BOM so that Excel and WPS open the Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import attrs
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from giocheck.checkjson import DuplicateJSON
from giocheck.engine.rulefile import RuleSet
from giocheck.outcome import FileOutcome
from giocheck.render.office import (
    agency_rows,
    finding_headers,
    finding_rows,
    matrix_rules,
    status_word,
    unreadable_rows,
)
from giocheck.render.statistics import _width
from giocheck.words import say

_MAX_WIDTH = 60
_HEAD = Font(bold=True)
_FILL = {"unreadable": "E1BEE7", "errors": "FFCDD2", "clean": "C8E6C9"}


@attrs.frozen
class Export:
    """What an export is drawn from: a run's outcomes and what was found across files."""

    outcomes: Sequence[FileOutcome]
    rules: RuleSet
    lang: str = "zh"
    duplicates: Sequence[DuplicateJSON] = ()
    missing: Sequence[str] = ()
    versions: tuple[str, str] = ("", "")  # giocheck, rules


SHEET_NAMES = {
    lang: tuple(say(f"office.sheet_{name}", lang) for name in ("summary", "findings", "unreadable", "duplicates"))
    for lang in ("zh", "en")
}
SUMMARY_HEADERS = {
    lang: tuple(say(f"office.{name}", lang) for name in ("agency", "year", "status", "errors_count", "warnings_count"))
    for lang in ("zh", "en")
}


def xlsx_bytes(export: Export) -> bytes:
    """The workbook as bytes."""
    lang = "zh" if export.lang == "zh" else "en"
    names = SHEET_NAMES[lang]
    book = Workbook()
    book.properties.creator = f"giocheck {export.versions[0]}"
    book.properties.keywords = f"rules {export.versions[1]}"
    summary = book.active
    assert summary is not None
    summary.title = names[0]
    rows = agency_rows(export.outcomes)
    rules = matrix_rules(rows)
    summary.append([*SUMMARY_HEADERS[lang], *rules])
    for row in rows:
        summary.append(
            [
                row.agency,
                row.year,
                status_word(row.status, lang),
                row.errors,
                row.warnings,
                *(row.rules[r] or None for r in rules),
            ]
        )
        summary.cell(summary.max_row, 3).fill = PatternFill("solid", fgColor=_FILL[row.status])
    _tidy(summary, freeze="B2")
    findings = book.create_sheet(names[1])
    findings.append(list(finding_headers(lang)))
    for item in finding_rows(export.outcomes, export.rules, lang):
        findings.append(list(attrs.astuple(item)))
    _tidy(findings, freeze="A2", wrap=(8, 9, 10))
    unreadable = book.create_sheet(names[2])
    unreadable.append([say("office.file", lang), say("office.reason", lang)])
    for path, reason in unreadable_rows(export.outcomes, lang):
        unreadable.append([path, reason])
    _tidy(unreadable, freeze="A2")
    if export.duplicates or export.missing:
        other = book.create_sheet(names[3])
        other.append([say(f"office.{name}", lang) for name in ("kind", "files", "message")])
        for duplicate in export.duplicates:
            other.append([duplicate.kind, "\n".join(duplicate.files), duplicate.message])
        for agency in export.missing:
            other.append(["missing", "", say("office.missing", lang, agency=agency)])
        _tidy(other, freeze="A2", wrap=(2, 3))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _tidy(sheet: Worksheet, freeze: str, wrap: tuple[int, ...] = ()) -> None:
    """Bold frozen header, a filter over the data, and widths that fit Chinese (two units a character)."""
    for cell in sheet[1]:
        cell.font = _HEAD
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((_width(str(value)) for value in column if value is not None), default=4)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, _MAX_WIDTH)
        if index in wrap:
            for cell in sheet[get_column_letter(index)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def csv_text(export: Export) -> str:
    """The findings as CSV rows (header first), then each unreadable file as a row of status
    无法读取 / unreadable with its reason as the message."""
    lang = "zh" if export.lang == "zh" else "en"
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(finding_headers(lang))
    for item in finding_rows(export.outcomes, export.rules, lang):
        writer.writerow(attrs.astuple(item))
    for path, reason in unreadable_rows(export.outcomes, lang):
        writer.writerow([path, "", "", "", "", "", status_word("unreadable", lang), "", reason, ""])
    return "\ufeff" + stream.getvalue()
