"""Generate the pictures of the docs site: each official table with its keys, `check`/`show`
screenshots and, for a supervising office, `check --summary`, the HTML report and the workbook.

Run `python docs/generate.py` after changing the format data or the output; `tests/test_site.py`
fails when a committed SVG differs from what this script makes. The two photographs (PNG, at most
1000 px wide) need Chromium with chromedriver: the HTML report as a browser shows it, and the
workbook's summary sheet read back with openpyxl and drawn as a spreadsheet program shows it;
`python docs/generate.py --svg` makes the SVGs alone.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console

from giocheck.formats import TableSpec, formats

IMAGES = Path(__file__).parent / "images"
ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
# What an office checks in the pictures: the two bundled samples and three reports of tests/data
# (one with errors, one that cannot be read), paths relative to the checkout as a user types them.
OFFICE_RUN = [
    "examples/",
    "tests/data/huaian-city-government-2024.pypdf.txt",
    "tests/data/real/fujian-pingtan-zone-2024.txt",
    "tests/data/real/test-city-government-2025.html",
]
PHOTO_WIDTH = 1000
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
    found["summary.svg"] = screenshot(
        ["check", "--summary", "--format", "rich", "--jobs", "1", *OFFICE_RUN], "giocheck check --summary"
    )
    return found


def photos(folder: Path) -> dict[str, Path]:
    """The HTML report and the workbook of `OFFICE_RUN`, photographed as PNGs in `folder`
    (run from the checkout's top folder)."""
    from giocheck.cli import main as giocheck

    report, workbook = folder / "report.html", folder / "summary.xlsx"
    for output in (report, workbook):
        giocheck(["check", "--format", output.suffix[1:], "-o", str(output), "--jobs", "1", *OFFICE_RUN])
    return {
        "office-html.png": _optimised(_browser_shot(report), folder / "office-html.png"),
        "office-xlsx.png": _optimised(_browser_shot(_sheet_page(workbook), "sheet"), folder / "office-xlsx.png"),
    }


def _browser_shot(page: Path, element: str | None = None) -> Any:
    """The top of `page` (or its element of that id) in headless Chromium (Selenium, as
    tests/browser.py drives it), as an image."""
    from PIL import Image
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={1280 if element is None else 2400},1500")
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get(page.resolve().as_uri())
        shown = driver.find_element("id", element) if element else driver
        png = shown.screenshot_as_png if element else driver.get_screenshot_as_png()
    finally:
        driver.quit()
    return Image.open(io.BytesIO(png))


def _sheet_page(workbook: Path) -> Path:
    """The workbook's first sheet, read back with openpyxl, as an HTML page that looks like it in a
    spreadsheet program: the cells with their fills and bold header, the sheets' tabs under them."""
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(), start=1):
        cells = []
        for cell in row:
            colour = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
            style = f' style="background:#{str(colour)[-6:]}"' if isinstance(colour, str) else ""
            tag = "th" if cell.font.bold else "td"
            cells.append(f"<{tag}{style}>{escape('' if cell.value is None else str(cell.value))}</{tag}>")
        rows.append(f'<tr><td class="n">{number}</td>{"".join(cells)}</tr>')
    tabs = "".join(f'<span class="{"on" if s is sheet else ""}">{escape(s.title)}</span>' for s in book.worksheets)
    page = workbook.with_suffix(".html")
    page.write_text(
        '<!doctype html><meta charset="utf-8"><style>body{font:14px sans-serif;margin:16px}'
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}"
        "td.n{background:#eee;color:#666}.tabs span{display:inline-block;padding:4px 12px;border:1px solid #ccc;"
        "border-top:0;color:#444}.tabs span.on{background:#fff;font-weight:bold}#sheet{display:inline-block}</style>"
        f'<div id="sheet"><table>{"".join(rows)}</table><div class="tabs">{tabs}</div></div>',
        encoding="utf-8",
    )
    return page


def _optimised(image: Any, path: Path) -> Path:
    """`image` at most `PHOTO_WIDTH` px wide, in a 256-colour palette: a small PNG."""
    from PIL import Image

    if image.width > PHOTO_WIDTH:
        image = image.resize((PHOTO_WIDTH, image.height * PHOTO_WIDTH // image.width), Image.Resampling.LANCZOS)
    image.convert("RGB").quantize(colors=256).save(path, optimize=True)
    return path


def main(argv: list[str]) -> int:
    """Write every picture under docs/images (`--svg`: the SVGs only, no browser or LibreOffice)."""
    IMAGES.mkdir(exist_ok=True)
    for name, svg in pictures().items():
        (IMAGES / name).write_text(svg, encoding="utf-8")
    if "--svg" not in argv:
        with tempfile.TemporaryDirectory() as folder:
            for name, path in photos(Path(folder)).items():
                shutil.copyfile(path, IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
