"""Reader for scanned PDFs (pages that are only images), through tesseract OCR with `chi_sim`.

Each page is rendered with pypdfium2, its ruling lines are painted out (tesseract reads table
borders as `|`, `[` or stray characters and splits rows on them), and tesseract's TSV gives
every word with its box. Words become lines as tesseract grouped them; within a line, words
close together form one fragment (a label, a number) and a wide gap starts the next, as the
PDF reader does with positioned words. Every location says it was read by OCR, so a cell's
finding can say 「OCR 识别」, and the document says so for the report's one note.

The work is bounded: at most `MAX_PAGES` pages, each rendered to at most `MAX_PIXELS` pixels,
each OCR call ended after `PAGE_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from giocheck.document import Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.model import Location
from giocheck.words import pair

if TYPE_CHECKING:
    from PIL.Image import Image

LANGUAGE = "chi_sim"
MAX_PAGES = 40
DPI = 300
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi has 8.7 million; larger pages are rendered smaller
PAGE_TIMEOUT_SECONDS = 120
# tesseract page segmentation: 6, one uniform block of text, keeps a table row on one line.
PAGE_SEGMENTATION = "6"
# A dark run this long (in pixels at 300 dpi, about 1 cm) is a ruling line, not a stroke of a character.
_RULE_LENGTH = 120
_RULE_GREY = 224  # grey levels below this count towards a ruling line (its anti-aliased edges too)
_NOISE = re.compile(r"[｜_]+")
# Characters OCR gives for a digit in a table cell (`39837S8`, `]` for a lone 1).
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "]": "1", "[": "1", "|": "1", "S": "5", "B": "8"})
_NUMBERISH = re.compile(r"[0-9OolI\[\]|SB.,]+")
_DIGITS = re.compile(r"[0-9][0-9.,]*")

NO_TEXT_LAYER = pair("read.no_text_layer")


@attrs.frozen
class Word:
    """One word tesseract read, with its box in pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """The box's right edge."""
        return self.left + self.width


def tesseract_program() -> str | None:
    """The `tesseract` program on PATH when it has the languages OCR uses, else None."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    installed = set(listed.stdout.split())
    return program if all(language in installed for language in LANGUAGE.split("+")) else None


def read_scanned(data: bytes, source: str) -> Document:
    """OCR every page of an image-only PDF into lines whose locations are marked as OCR'd."""
    program = tesseract_program()
    if program is None:
        raise ReadError(source, *NO_TEXT_LAYER)
    import pypdfium2  # type: ignore[import-untyped]

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ReadError(source, *pair("read.pdf_not_rendered", error=error)) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise ReadError(source, *pair("read.ocr_pages", pages=len(pdf), limit=MAX_PAGES))
        lines: list[Line] = []
        with tempfile.TemporaryDirectory(prefix="giocheck-ocr-") as work:
            for index in range(len(pdf)):
                image = page_image(pdf[index])
                cleaned, rules = without_rules(image)
                words = _ocr(program, cleaned, Path(work), source, index + 1)
                lines.extend(_lines(words, rules, index + 1))
    finally:
        pdf.close()
    if not lines:
        raise ReadError(source, *pair("read.ocr_no_text"))
    return Document(source=source, lines=tuple(lines), read_by="ocr")


def page_image(page: object) -> Image:
    """The page rendered in grey at `DPI`, or smaller when that would exceed `MAX_PIXELS`."""
    width, height = page.get_size()  # type: ignore[attr-defined]
    # pdfium rounds the pixel size up: 1 % below the limit keeps the page within it.
    scale = min(DPI / 72, 0.99 * (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    image: Image = page.render(scale=scale, grayscale=True).to_pil()  # type: ignore[attr-defined]
    return image.convert("L")


@attrs.frozen
class Rule:
    """A vertical ruling line painted out of the page: its column and its vertical extent."""

    x: int
    top: int
    bottom: int


def without_rules(image: Image) -> tuple[Image, tuple[Rule, ...]]:
    """The image with its long horizontal and vertical dark runs (table borders) painted white,
    and where the vertical ones were: two words on either side of one are in different cells."""
    from PIL import Image as Images

    width = image.width
    turned, runs = _paint_runs(image.transpose(Images.Transpose.ROTATE_90))
    # Turned a quarter left, row r of the image is column width-1-r of the page; a run's span is its y extent.
    rules = tuple(Rule(width - 1 - row, start, end) for row, start, end in runs)
    cleaned, _runs = _paint_runs(turned.transpose(Images.Transpose.ROTATE_270))
    return cleaned, rules


def _paint_runs(image: Image) -> tuple[Image, list[tuple[int, int, int]]]:
    """Paint every horizontal run of at least `_RULE_LENGTH` grey pixels white (a scan's border
    has lighter edges than its ink); returns the image and the runs as (row, start, end)."""
    from PIL import Image as Images

    width, height = image.size
    pixels = bytearray(image.tobytes())
    run = re.compile(rb"[\x00-%c]{%d,}" % (_RULE_GREY - 1, _RULE_LENGTH))
    runs: list[tuple[int, int, int]] = []
    for y in range(height):
        start = y * width
        for found in run.finditer(pixels, start, start + width):
            pixels[found.start() : found.end()] = b"\xff" * (found.end() - found.start())
            runs.append((y, found.start() - start, found.end() - start))
    return Images.frombytes("L", (width, height), bytes(pixels)), runs


def _ocr(program: str, image: Image, work: Path, source: str, page: int) -> list[list[Word]]:
    """tesseract's words on one page, grouped into its lines."""
    picture = work / f"page-{page}.png"
    image.save(picture)
    command = [program, str(picture), "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=PAGE_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
            check=False,
            # tesseract's OpenMP threads slow it down three times on a busy machine: one page, one thread.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise ReadError(source, *pair("read.ocr_timeout", page=page, seconds=PAGE_TIMEOUT_SECONDS)) from None
    finally:
        picture.unlink(missing_ok=True)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise ReadError(source, *pair("read.ocr_failed", page=page, detail=detail[0]))
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[list[Word]]:
    """tesseract's TSV as lines of words (level 5 rows, grouped by block, paragraph and line)."""
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        text = _NOISE.sub("", fields[11]).strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(value) for value in fields[6:10])
        except ValueError:
            continue
        lines.setdefault((fields[2], fields[3], fields[4]), []).append(Word(text, left, top, width, height))
    return list(lines.values())


def _lines(lines: Sequence[Sequence[Word]], rules: Sequence[Rule], page: int) -> Iterator[Line]:
    """Document lines: each line's words split into fragments at wide gaps."""
    # Only the page, as the PDF reader says for positioned words: a `line` would read as the file's line.
    location = Location(page=page, read_by="ocr")
    for words in lines:
        fragments = tuple(Fragment(text, location) for text in cell_texts(fragment_texts(words, rules)) if text)
        if fragments:
            yield Line(fragments, location)


def fragment_texts(words: Sequence[Word], rules: Sequence[Rule] = ()) -> list[str]:
    """Words left to right, joined while the gap between two is under the line's character
    height (the letters of a label, the digits of a number) and no ruling line stood between
    them; a wider gap or a border is a new cell."""
    ordered = sorted(words, key=lambda word: word.left)
    if not ordered:
        return []
    heights = sorted(word.height for word in ordered)
    gap = heights[len(heights) // 2]
    texts = [ordered[0].text]
    for before, word in pairwise(ordered):
        # Between the words' centres: OCR boxes may reach over the border they stand next to.
        left, right, middle = before.left + before.width // 2, word.left + word.width // 2, word.top + word.height // 2
        bordered = any(left < rule.x < right and rule.top <= middle <= rule.bottom for rule in rules)
        if word.left - before.right < gap and not bordered:
            texts[-1] += word.text
        else:
            texts.append(word.text)
    return texts


def cell_texts(texts: Sequence[str]) -> list[str]:
    """A line's fragments with digit look-alikes read as digits where they stand for a number:
    in a fragment that also has digits, or alone on a line that has numbers. A lone `|` on a
    line without numbers is what is left of a ruling line, and is dropped."""
    numbers = any(_DIGITS.fullmatch(text) for text in texts)
    found: list[str] = []
    for text in texts:
        if _NUMBERISH.fullmatch(text) and not _DIGITS.fullmatch(text):
            if any(c.isdigit() for c in text) or numbers:
                text = text.translate(_LOOKALIKES)
            elif set(text) <= {"|"}:
                continue
        found.append(text)
    return found
