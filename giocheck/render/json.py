"""The JSON contract other tools rely on (documented in docs/json.md).

`show --json` → one report's tables in official order; `check --format json` → findings per
file plus a summary. Values are integers, decimal strings for money, or null for blanks.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from giocheck.engine.findings import CellView, Finding, Number, Result
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


def _cell(view: CellView, side: str) -> dict[str, JSONValue]:
    return {
        "ref": str(view.ref),
        "table": view.ref.table,
        "row": view.ref.row,
        "column": view.ref.column,
        "label": view.label,
        "value": number(view.value),
        "raw": view.raw,
        "side": side,
        "weight": view.weight,
        "location": location(view.location),
    }


def finding_json(finding: Finding, lang: str = "zh") -> dict[str, JSONValue]:
    """One finding as JSON."""
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "status": finding.status,
        "message": finding.message(lang),
        "cells": [_cell(v, "lhs") for v in finding.lhs] + [_cell(v, "rhs") for v in finding.rhs],
        "lhs": number(finding.lhs_total),
        "rhs": number(finding.rhs_total),
        "difference": number(finding.difference),
        "location": location(finding.location),
        "fingerprint": finding.fingerprint,
        "basis": finding.basis(lang),
        "suggestions": suggestions_json(finding),
    }


def suggestions_json(finding: Finding) -> list[dict[str, JSONValue]] | None:
    """The likely culprit, flat: each changed cell with `repair`, the number (from 1) of the
    alternative it belongs to — cells with the same number change together. None when not
    worked out (no failing equality of the table), [] when no change of one or two cells fits."""
    if finding.suggestions is None:
        return None
    return [
        {
            "repair": number,
            "cell": str(change.cell),
            "label": change.label,
            "label_en": change.label_en,
            "current": change.current,
            "proposed": change.proposed,
        }
        for number, repair in enumerate(finding.suggestions, start=1)
        for change in repair
    ]


def file_json(path: str, result: Result | None, error: str | None, lang: str = "zh") -> dict[str, JSONValue]:
    """One file's entry in `check --format json`."""
    if result is None:
        return {
            "path": path,
            "format": None,
            "agency": None,
            "year": None,
            "findings": [],
            "problems": [],
            "error": error,
            "read_by": None,
        }
    meta = result.report.metadata
    return {
        "path": path,
        "format": meta.format,
        "agency": meta.agency,
        "year": meta.year,
        "findings": [finding_json(f, lang) for f in result.findings],
        "problems": [p.message(lang) for p in result.report.problems],
        "error": error,
        "read_by": meta.read_by,
    }


def check_json(
    outcomes: Sequence[FileOutcome],
    summary: Summary,
    notes: Sequence[tuple[str, str]] = (),
    lang: str = "zh",
) -> dict[str, JSONValue]:
    """The `check --format json` document: each file with its accepted findings, the summary, and
    `notes` — (file, message) pairs of unused baseline entries — as `baseline_unused`."""
    return {
        "files": [
            {
                **file_json(o.path, o.result, o.error(lang), lang),
                "accepted": [
                    {
                        **finding_json(a.finding, lang),
                        "reason": a.reason,
                        "expires": a.expires and a.expires.isoformat(),
                    }
                    for a in o.accepted
                ],
            }
            for o in outcomes
        ],
        "summary": {
            "files": summary.files,
            "clean": summary.clean,
            "with_errors": summary.with_errors,
            "structural": summary.structural,
            "unreadable": summary.unreadable,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "not_assessable": summary.not_assessable,
            "exit_code": summary.exit_code,
        },
        "baseline_unused": [{"file": path, "message": note} for path, note in notes],
    }
