"""Generate the pictures of the docs site: each official table with its keys, and `check`/`show` screenshots.

Run `python docs/generate.py` after changing the format data or the output; `tests/test_site.py`
fails when a committed picture differs from what this script makes.
"""

from __future__ import annotations

import io
import sys
from html import escape
from pathlib import Path

from rich.console import Console

from giocheck.formats import TableSpec, formats

IMAGES = Path(__file__).parent / "images"
SAMPLE = Path(__file__).parent.parent / "examples" / "qu-county-petition-bureau-2025.txt"
_LABEL_WIDTH, _CELL_WIDTH, _ROW_HEIGHT, _HEAD_HEIGHT = 300, 96, 34, 58


def table_svg(table: TableSpec) -> str:
    """The table as a grid: each row's label and key, each column's label and key; cells a row lacks grey."""
    width = _LABEL_WIDTH + _CELL_WIDTH * len(table.columns)
    height = _HEAD_HEIGHT + _ROW_HEIGHT * len(table.rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for index, column in enumerate(table.columns):
        x = _LABEL_WIDTH + index * _CELL_WIDTH
        parts.append(f'<rect x="{x}" y="0" width="{_CELL_WIDTH}" height="{_HEAD_HEIGHT}" fill="#eef" stroke="#888"/>')
        parts += _text(x + 4, 16, _clip(column.group or "", 8), "#666")
        parts += _text(x + 4, 32, _clip(column.label, 8), "#000")
        parts += _text(x + 4, 50, column.key, "#a00", mono=True)
    for index, row in enumerate(table.rows):
        y = _HEAD_HEIGHT + index * _ROW_HEIGHT
        parts.append(
            f'<rect x="0" y="{y}" width="{_LABEL_WIDTH}" height="{_ROW_HEIGHT}" fill="#f8f8f8" stroke="#888"/>'
        )
        parts += _text(4, y + 14, _clip(row.label, 24), "#000")
        parts += _text(4, y + 28, row.key, "#a00", mono=True)
        own = set(table.row_columns(row.key))
        for column_index, column in enumerate(table.columns):
            x = _LABEL_WIDTH + column_index * _CELL_WIDTH
            fill = "white" if column.key in own else "#ccc"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{_CELL_WIDTH}" height="{_ROW_HEIGHT}" fill="{fill}" stroke="#888"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _text(x: int, y: int, text: str, colour: str, mono: bool = False) -> list[str]:
    family = ' font-family="monospace"' if mono else ""
    return [f'<text x="{x}" y="{y}" fill="{colour}"{family}>{escape(text)}</text>'] if text else []


def screenshot(argv: list[str], title: str) -> str:
    """The terminal output of `giocheck ARGV` as an SVG (rich's own export)."""
    from giocheck.cli import main
    from giocheck.render import console as console_module

    recorder = Console(record=True, width=110, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    original = console_module.make_console
    console_module.make_console = lambda file=None: recorder  # the command prints through make_console
    try:
        main(argv)
    finally:
        console_module.make_console = original
    return recorder.export_svg(title=title)


def pictures() -> dict[str, str]:
    """Every picture of the site, by file name."""
    found = {}
    for spec in formats().values():
        for table in spec.tables:
            if spec.key == "2021" or table != formats()["2021"].table(table.key):
                found[f"table-{spec.key}-{table.key}.svg"] = table_svg(table)
    sample = str(SAMPLE.relative_to(Path.cwd())) if SAMPLE.is_relative_to(Path.cwd()) else str(SAMPLE)
    found["check.svg"] = screenshot(["check", "--format", "rich", "--jobs", "1", sample], "giocheck check")
    found["show.svg"] = screenshot(["show", sample], "giocheck show")
    return found


def main() -> int:
    """Write every picture under docs/images."""
    IMAGES.mkdir(exist_ok=True)
    for name, svg in pictures().items():
        (IMAGES / name).write_text(svg, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
