"""The tables of a scanned page, found in its bitmap: ruling lines, cells and their ink.

A page is rendered at the resolution it was scanned at (`page_image`).

A scan has no drawing, only pixels. A ruling line is a long run of dark pixels: each run at
least `RULE_LENGTH` long, across or down the page, becomes a `pdfgrid.Rule` in points, and the
PDF reader's own geometry (`pdfgrid.find_tables`) turns them into tables of cells, merged cells
and undrawn places included. Runs are found in the page as scanned in both directions before
any is painted out, so the short border of a narrow cell, cut by the columns' vertical rules,
is still one long run. Pure Python over the bitmap's bytes (one regular expression a pixel row):
no image library beyond Pillow.

Each cell's ink (its text without the borders) is cut out and cells are laid one under another
with white space between them in a `Strip`, so that one OCR call reads a page's cells and each
word it returns is mapped back to its cell by where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from giocheck.readers.pdfgrid import GridBox, Rule, TableGrid, find_tables

if TYPE_CHECKING:
    from PIL.Image import Image

DPI = 300
LEAST_DPI = 150
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi has 8.7 million; larger pages are rendered smaller
# A dark run this long (points: 1 cm) is a ruling line, not a stroke of a character.
RULE_LENGTH = 28.0
RULE_GREY = 224  # grey levels below this count towards a ruling line (its anti-aliased edges too)
INK_GREY = 160  # grey levels below this are ink when a cell's text is looked for
# Pixels kept clear inside a cell's box: what is left of a border after painting stays outside.
INSET = 2
# A cell's ink smaller than this (points, both ways) is a speck of dust, not a character.
SPECK = 1.5
MARGIN = 16  # white pixels around each cell's ink in a strip
GAP = 48  # white pixels between two cells of a strip: tesseract sees them as separate lines


def page_image(page: object) -> Image:
    """The page rendered in grey at the resolution it was scanned at (`scan_density`), at most
    `DPI` and at least `LEAST_DPI`, and smaller when that would exceed `MAX_PIXELS`: a scan
    rendered finer than it was scanned reads worse (`55` read as `99` at 300 dpi from 200)."""
    width, height = page.get_size()  # type: ignore[attr-defined]
    density = scan_density(page)
    wanted = DPI / 72 if density is None else min(max(density, LEAST_DPI / 72), DPI / 72)
    # pdfium rounds the pixel size up: 1 % below the limit keeps the page within it.
    scale = min(wanted, 0.99 * (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    image: Image = page.render(scale=scale, grayscale=True).to_pil()  # type: ignore[attr-defined]
    return image.convert("L")


def scan_density(page: object) -> float | None:
    """Pixels to the point of the page's largest image (the scan), or None when it has none.
    An image turned a quarter on the page is measured along its side that lies across the page."""
    import pypdfium2  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium  # type: ignore[import-untyped]

    best: tuple[float, float] | None = None
    for item in page.get_objects(max_depth=1):  # type: ignore[attr-defined]
        if item.type != pdfium.FPDF_PAGEOBJ_IMAGE:
            continue
        try:
            left, bottom, right, top = item.get_bounds()
            across, down = item.get_px_size()
        except pypdfium2.PdfiumError:
            continue
        width, height = right - left, top - bottom
        pixels = across if (across >= down) == (width >= height) else down  # the image's side along the page's width
        if width > 1 and (best is None or width * height > best[0]):
            best = (width * height, pixels / width)
    return None if best is None else best[1]


@attrs.frozen
class Scanned:
    """A page's tables found in its bitmap: the page with its ruling lines painted out (what
    OCR reads) and the tables in points, `scale` pixels to the point."""

    cleaned: Image
    tables: tuple[TableGrid, ...]
    scale: float


def page_tables(image: Image, scale: float) -> Scanned:
    """The tables a grey page image draws, and the image with every ruling line painted white."""
    from PIL import Image as Images

    width = image.width
    turned = image.transpose(Images.Transpose.ROTATE_90)
    length = max(round(RULE_LENGTH * scale), 2)
    across = dark_runs(image, length)
    down = dark_runs(turned, length)
    # Turned a quarter left, row r of the turned image is column width-1-r of the page.
    rules = [Rule(True, row / scale, start / scale, end / scale) for row, start, end in across]
    rules += [Rule(False, (width - 1 - row) / scale, start / scale, end / scale) for row, start, end in down]
    cleaned = _painted(_painted(turned, down).transpose(Images.Transpose.ROTATE_270), across)
    return Scanned(cleaned, tuple(find_tables(rules)), scale)


def dark_runs(image: Image, length: int) -> list[tuple[int, int, int]]:
    """Every horizontal run of at least `length` grey pixels (a scan's border has lighter
    edges than its ink), as (row, start, end) in pixels."""
    width, height = image.size
    pixels = image.tobytes()
    run = re.compile(rb"[\x00-%c]{%d,}" % (RULE_GREY - 1, length))
    found: list[tuple[int, int, int]] = []
    for y in range(height):
        start = y * width
        found.extend((y, hit.start() - start, hit.end() - start) for hit in run.finditer(pixels, start, start + width))
    return found


def _painted(image: Image, runs: Sequence[tuple[int, int, int]]) -> Image:
    """The image with the given horizontal runs painted white."""
    from PIL import Image as Images

    width = image.width
    pixels = bytearray(image.tobytes())
    for row, start, end in runs:
        pixels[row * width + start : row * width + end] = b"\xff" * (end - start)
    return Images.frombytes("L", image.size, bytes(pixels))


def pixel_box(cell: GridBox, scale: float, inset: int = INSET) -> tuple[int, int, int, int]:
    """A cell's box in pixels, `inset` pixels inside its borders."""
    left, top = round(cell.x0 * scale) + inset, round(cell.top * scale) + inset
    right, bottom = round(cell.x1 * scale) - inset, round(cell.bottom * scale) - inset
    return left, top, max(right, left), max(bottom, top)


def ink(image: Image, box: tuple[int, int, int, int], scale: float) -> Image | None:
    """The part of `image` inside `box` that holds ink, cut to it; None when the box is blank
    or holds only a speck (`scale` pixels to the point)."""
    crop = image.crop(box)
    dark = crop.point(lambda grey: 255 if grey < INK_GREY else 0)
    bounds = dark.getbbox()
    speck = SPECK * scale
    if bounds is None or (bounds[2] - bounds[0] < speck and bounds[3] - bounds[1] < speck):
        return None
    return crop.crop(bounds)


def blank_tables(image: Image, tables: Sequence[TableGrid], scale: float) -> Image:
    """The page with its tables painted white: what is left is the text around them."""
    from PIL import ImageDraw

    page = image.copy()
    draw = ImageDraw.Draw(page)
    for table in tables:
        box = (table.xs[0] * scale, table.ys[0] * scale, table.xs[-1] * scale, table.ys[-1] * scale)
        draw.rectangle(box, fill=255)
    return page


@attrs.frozen
class Strip:
    """Cell images laid one under another: the composed image and each cell's band of rows."""

    image: Image
    bands: tuple[tuple[int, int], ...]

    def band_of(self, top: int, height: int) -> int | None:
        """The index of the cell whose band holds a word's middle, or None (between bands)."""
        middle = top + height // 2
        for index, (start, end) in enumerate(self.bands):
            if start <= middle < end:
                return index
        return None


def compose(crops: Sequence[Image]) -> Strip:
    """The crops left-aligned one under another, `GAP` white pixels apart."""
    from PIL import Image as Images

    width = max(crop.width for crop in crops) + 2 * MARGIN
    height = sum(crop.height + GAP for crop in crops) + GAP
    strip = Images.new("L", (width, height), 255)
    bands: list[tuple[int, int]] = []
    top = GAP // 2
    for crop in crops:
        strip.paste(crop, (MARGIN, top + GAP // 2))
        bands.append((top, top + crop.height + GAP))
        top += crop.height + GAP
    return Strip(strip, tuple(bands))


def strips(crops: Sequence[Image], height: int) -> list[Strip]:
    """The crops composed in order into strips of at most `height` pixels (a taller crop alone)."""
    found: list[Strip] = []
    start = 0
    while start < len(crops):
        end, used = start + 1, crops[start].height + 2 * GAP
        while end < len(crops) and used + crops[end].height + GAP <= height:
            used += crops[end].height + GAP
            end += 1
        found.append(compose(crops[start:end]))
        start = end
    return found
