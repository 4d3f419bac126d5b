"""`check --summary`: one row per agency and year, worst first — a rich table on a terminal,
aligned plain text elsewhere, or JSON with `--format json`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from giocheck.checkjson import DuplicateJSON
from giocheck.outcome import FileOutcome
from giocheck.render.office import AgencyRow, agency_rows, status_word
from giocheck.render.statistics import _width
from giocheck.words import say

_HEADERS = ("agency", "year", "status", "errors_count", "warnings_count", "rules_broken")
_STYLE = {"unreadable": "bold magenta", "errors": "bold red", "clean": "green"}


def _cells(row: AgencyRow, lang: str) -> tuple[str, ...]:
    rules = " ".join(f"{rule}×{row.rules[rule]}" if row.rules[rule] > 1 else rule for rule in row.failed)
    # An agency's name is report text, quoted in English as on the file lines; a file's path is not.
    agency = f"“{row.agency}”" if lang == "en" and row.agency not in row.files else row.agency
    return (agency, str(row.year or "—"), status_word(row.status, lang), str(row.errors), str(row.warnings), rules)


def extra_lines(duplicates: Sequence[DuplicateJSON], missing: Sequence[str], lang: str = "zh") -> list[str]:
    """Duplicate reports and the manifest's agencies without a report, one line each."""
    lines = [item.message for item in duplicates]
    lines += [say("office.missing", lang, agency=agency) for agency in missing]
    return lines


def summary_lines(rows: Sequence[AgencyRow], lang: str = "zh") -> list[str]:
    """The table as aligned plain text (CJK characters two columns wide)."""
    header = tuple(say(f"office.{name}", lang) for name in _HEADERS)
    table = [header, *(_cells(row, lang) for row in rows)]
    widths = [max(_width(line[i]) for line in table) for i in range(len(header))]
    return [
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip() for line in table
    ]


def render_summary(
    out: TextIO,
    outcomes: Sequence[FileOutcome],
    lang: str = "zh",
    rich: bool = False,
    extra: Sequence[str] = (),
) -> None:
    """The per-agency table, then `extra` lines (duplicates, missing agencies)."""
    rows = agency_rows(outcomes)
    if not rich:
        out.write("\n".join([*summary_lines(rows, lang), *extra]) + "\n")
        return
    from giocheck.render.console import make_console

    console: Console = make_console(out)
    table = Table(header_style="bold", show_lines=False)
    for index, heading in enumerate(tuple(say(f"office.{name}", lang) for name in _HEADERS)):
        table.add_column(heading, justify="right" if index in (3, 4) else "left", overflow="fold")
    for row in rows:
        cells = _cells(row, lang)
        table.add_row(cells[0], cells[1], f"[{_STYLE[row.status]}]{cells[2]}[/]", *cells[3:])
    console.print(table)
    for line in extra:
        console.print(line, markup=False)


def summary_json(
    outcomes: Sequence[FileOutcome],
    version: tuple[str, str],
    duplicates: Sequence[DuplicateJSON] = (),
    missing: Sequence[str] = (),
    lang: str = "zh",
) -> dict[str, Any]:
    """`--summary --format json`: versions (giocheck, rules), the agencies worst first, duplicates, missing."""
    return {
        "giocheck_version": version[0],
        "rules_version": version[1],
        "agencies": [
            {
                "agency": row.agency,
                "year": row.year,
                "files": list(row.files),
                "status": row.status,
                "status_text": status_word(row.status, lang),
                "errors": row.errors,
                "warnings": row.warnings,
                "rules": {rule: row.rules[rule] for rule in row.failed},
            }
            for row in agency_rows(outcomes)
        ],
        "duplicates": [item.model_dump(mode="json") for item in duplicates],
        "missing": list(missing),
    }
