"""The JSON contract other tools rely on (documented in docs/json.md).

`show --json` → one report's tables in official order; `check --format json` → findings per
file plus a summary (the pydantic model in giocheck/checkjson.py). Values are integers, decimal strings for money, or null for blanks.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from giocheck.checkjson import DuplicateJSON, check_document
from giocheck.engine.findings import Number
from giocheck.engine.rulefile import RuleSet
from giocheck.formats import report_format, table_specs
from giocheck.model import AnnualReport, Location, Row, Signature
from giocheck.profile import profile_of
from giocheck.runner import FileOutcome, Summary

JSONValue = Any


def number(value: Number | None) -> int | str | None:
    """An integer as is, a Decimal as its string, a blank as None."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def location(where: Location | None) -> dict[str, int | str] | None:
    """Only the fields that are set (`read_by: "ocr"` for a cell recognised from a scan)."""
    if where is None:
        return None
    return {k: v for k, v in where.model_dump().items() if v is not None}


def report_json(report: AnnualReport) -> dict[str, JSONValue]:
    """The `show --json` document."""
    meta = report.metadata
    spec = report_format(report)
    tables: dict[str, JSONValue] = {}
    if spec is not None:
        for table_spec in table_specs(report):
            table = report.tables.get(table_spec.key)
            if table is None:
                continue
            rows = []
            for row_spec in table_spec.rows:
                # Values follow the format's columns, whatever order the report's cells are in;
                # a row the report lacks is `absent`.
                row = table.rows.get(row_spec.key)
                entry_row: dict[str, JSONValue] = {
                    "key": row_spec.key,
                    "label": row_spec.label,
                    "printed": row.label if row is not None else "",
                    "source": row.source if row is not None else "absent",
                    "values": _values(row, table_spec.row_columns(row_spec.key)),
                }
                if row is not None and any(cell.recovered for cell in row.cells.values()):
                    entry_row["recovered"] = True  # digits printed without separators, cut by the relations
                rows.append(entry_row)
            entry: dict[str, JSONValue] = {"rows": rows}
            if table.substitutes:
                every_column = [c.key for c in table_spec.columns]
                entry["substitutes"] = [
                    {
                        "key": substitute.key,
                        "label": table.substitutes[substitute.key].label,
                        "replaces": substitute.replaces,
                        "values": _values(table.substitutes[substitute.key], every_column),
                    }
                    for substitute in table_spec.substitutes
                    if substitute.key in table.substitutes
                ]
            if not table_spec.sub_tables:
                entry["columns"] = [c.key for c in table_spec.columns]
            if table.format is not None:
                entry["format"] = table.format
            if table.missing_columns:
                entry["missing_columns"] = list(table.missing_columns)
            tables[table_spec.key] = entry
    return {
        "path": meta.source,
        "format": meta.format,
        "agency": meta.agency,
        "year": meta.year,
        "tables": tables,
        "problems": [p.message_zh for p in report.problems],
        "notes": [note.model_dump(mode="json", exclude_defaults=True) for note in report.notes],
        "profile": profile_json(report),
        "published": meta.published.isoformat() if meta.published is not None else None,
        "published_source": meta.published_source,
        "read_by": meta.read_by,
        "signature": signature_json(meta.signature),
    }


def signature_json(signature: Signature | None) -> JSONValue:
    """The signature block at the end: agency and date as signed, or null when none was found."""
    if signature is None:
        return None
    return {
        "agency": signature.agency,
        "date": signature.dated.isoformat() if signature.dated is not None else None,
    }


def _values(row: Row | None, columns: list[str]) -> list[int | str | None]:
    """A row's values in the format's column order; a cell the row lacks is null."""
    cells = row.cells if row is not None else {}
    return [number(cells[column].value) if column in cells else None for column in columns]


def profile_json(report: AnnualReport) -> dict[str, JSONValue]:
    """Who reports: kind and level, and whether each was given or inferred from the name."""
    profile = profile_of(report.metadata)
    return {
        "kind": profile.kind,
        "level": profile.level,
        "kind_source": profile.kind_source,
        "level_source": profile.level_source,
        "place": profile.place or None,
    }


def check_json(
    outcomes: Sequence[FileOutcome],
    summary: Summary | None = None,
    notes: Sequence[tuple[str, str]] = (),
    lang: str = "zh",
    rules: RuleSet | None = None,
    duplicates: Sequence[DuplicateJSON] = (),
    missing: Sequence[str] = (),
) -> dict[str, JSONValue]:
    """The `check --format json` document (the model `giocheck.checkjson.CheckDocument`): each
    file with its accepted findings, the summary (of `outcomes`: `summary` is what the caller
    counted, the same), `notes` — (file, message) pairs of unused baseline entries — as
    `baseline_unused`, duplicate reports and the manifest's agencies without a report."""
    document = check_document(outcomes, rules, notes, lang, duplicates, missing)
    assert summary is None or document.summary.files == summary.files
    return document.model_dump(mode="json")
