"""The downloadable outputs of a run by name — `check --format xlsx|csv|html` and the download
endpoint of `giocheck serve` look them up here: suffix, media type and the function that draws
the bytes from an `Export` (giocheck/render/sheets.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from giocheck.render.sheets import Export


@attrs.frozen
class ExportFormat:
    """One downloadable output."""

    suffix: str
    media_type: str
    binary: bool
    render: Callable[[Export], bytes]


def _xlsx(export: Export) -> bytes:
    from giocheck.render.sheets import xlsx_bytes

    return xlsx_bytes(export)


def _csv(export: Export) -> bytes:
    from giocheck.render.sheets import csv_text

    return csv_text(export).encode("utf-8")


def _html(export: Export) -> bytes:
    from giocheck.render.html import html_text

    return html_text(export).encode("utf-8")


EXPORTS: dict[str, ExportFormat] = {
    "xlsx": ExportFormat(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True, _xlsx),
    "csv": ExportFormat(".csv", "text/csv; charset=utf-8", False, _csv),
    "html": ExportFormat(".html", "text/html; charset=utf-8", False, _html),
}
