"""Reader for scanned PDFs (pages that are only images), through tesseract OCR with `chi_sim`.

Each page is rendered with pypdfium2 and its ruled tables are found in the bitmap itself
(`ocrgrid.py`: long dark runs become ruling lines, the PDF reader's geometry turns them into
cells). Every cell with ink is cut out and read in one strip per page, so one tesseract call
reads all of a page's cells and each word goes back to its cell by where it stands; cells that
hold no Chinese are read again among digits only. The cells then become table rows as the PDF
reader's do (`cells.grid_lines`): blank cells stay in place, merged cells keep their columns.
A cell OCR cannot read as a number with confidence is marked `UNREADABLE` (U+FFFD, the mark of
a character that could not be read), so extraction names it as a cell that is no number and
never takes a guess for a value. The text around the tables, rules painted out, is read as
lines: within a line, words close together form one fragment and a wide gap starts the next,
as the PDF reader does with positioned words. Every location says it was read by OCR, so a
cell's finding can say 「OCR 识别」, and the document says so for the report's one note.

The work is bounded: at most `MAX_PAGES` pages, each rendered to at most `ocrgrid.MAX_PIXELS` pixels,
two or three OCR calls a page, each ended after `PAGE_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from giocheck.document import UNREADABLE, Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.model import Location
from giocheck.readers.cells import GridCell, cell_text, grid_lines
from giocheck.readers.ocrgrid import Scanned, Strip, blank_tables, ink, page_image, page_tables, pixel_box, strips
from giocheck.words import pair

if TYPE_CHECKING:
    from PIL.Image import Image

LANGUAGE = "chi_sim"
# Number cells are read with tesseract's English model too when it is installed (Debian's
# tesseract-ocr brings it), and a number is taken when both models read it alike: each misreads
# digits the other reads right (淮安 2024: chi_sim 20, 60, 3983738 for 26, 66, 3985758; 平潭
# 2025: eng 946 for 546).
DIGIT_LANGUAGE = "eng"
MAX_PAGES = 40
PAGE_TIMEOUT_SECONDS = 120
# tesseract page segmentation: 6, one uniform block of text, keeps a table row on one line.
PAGE_SEGMENTATION = "6"
# What a number cell may hold when read among digits only: a number, a blank's mark.
NUMBER_CHARACTERS = "0123456789.,-/"
# tesseract's confidence (0-100) below which a number read among digits only is not trusted alone.
CONFIDENT = 60
# tesseract refuses images over 32767 pixels high: a page's cells go in strips of at most this.
MAX_STRIP_HEIGHT = 30_000
MAX_DOUBTFUL = 12  # cells a page reads alone when the strips left them in doubt; the rest stay unreadable
_SHORT_LABEL = 2  # Chinese this short in a number column may be a misread digit
_CELL_VALUE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-/]")
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff（）【】、，。：；]")
_NOISE = re.compile(r"[｜_]+")
# Characters OCR gives for a digit in a table cell (`39837S8`, `]` for a lone 1).
_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "]": "1", "[": "1", "|": "1", "S": "5", "B": "8"})
_NUMBERISH = re.compile(r"[0-9OolI\[\]|SB.,]+")
_DIGITS = re.compile(r"[0-9][0-9.,]*")

NO_TEXT_LAYER = pair("read.no_text_layer")


@attrs.frozen
class Word:
    """One word tesseract read, with its box in pixels and how sure tesseract is of it (0-100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: int = 100

    @property
    def right(self) -> int:
        """The box's right edge."""
        return self.left + self.width


def tesseract_program() -> str | None:
    """The `tesseract` program on PATH when it has the languages OCR uses, else None."""
    found = tesseract_setup()
    return None if found is None else found[0]


def tesseract_setup() -> tuple[str, frozenset[str]] | None:
    """The `tesseract` program and its installed languages, when it has `LANGUAGE`."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    installed = frozenset(listed.stdout.split())
    return (program, installed) if all(language in installed for language in LANGUAGE.split("+")) else None


def read_scanned(data: bytes, source: str) -> Document:
    """OCR every page of an image-only PDF into lines whose locations are marked as OCR'd:
    each ruled table found in the bitmap row by row with its cells in place, the text around
    the tables as lines."""
    found = tesseract_setup()
    if found is None:
        raise ReadError(source, *NO_TEXT_LAYER)
    program, installed = found
    import pypdfium2  # type: ignore[import-untyped]

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ReadError(source, *pair("read.pdf_not_rendered", error=error)) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise ReadError(source, *pair("read.ocr_pages", pages=len(pdf), limit=MAX_PAGES))
        lines: list[Line] = []
        tables = 0
        with tempfile.TemporaryDirectory(prefix="giocheck-ocr-") as work:
            digits = (DIGIT_LANGUAGE, LANGUAGE) if DIGIT_LANGUAGE in installed else (LANGUAGE,)
            tesseract = Tesseract(program, Path(work), source, digits)
            for index in range(len(pdf)):
                page = pdf[index]
                image = page_image(page)
                scanned = page_tables(image, image.width / max(page.get_size()[0], 1.0))
                page_lines, tables = _page_lines(tesseract, scanned, index + 1, tables)
                lines.extend(page_lines)
    finally:
        pdf.close()
    if not lines:
        raise ReadError(source, *pair("read.ocr_no_text"))
    return Document(source=source, lines=tuple(lines), read_by="ocr")


def _page_lines(tesseract: Tesseract, scanned: Scanned, page: int, tables: int) -> tuple[list[Line], int]:
    """The page's table rows and text lines, top to bottom; returns the new table count."""
    location = Location(page=page, read_by="ocr")
    placed: list[tuple[float, Line]] = []
    texts = read_cells(tesseract, scanned, page)
    for grid, cells in zip(scanned.tables, texts, strict=True):
        tables += 1
        rows: list[list[GridCell]] = [[] for _ in grid.ys[:-1]]
        for box, text in zip(grid.cells, cells, strict=True):
            rows[box.row].append(GridCell(text, rows=box.rows, columns=box.columns))
        for line in grid_lines(rows, table=tables, page=page):
            placed.append((grid.ys[(line.location.row or 1) - 1], _by_ocr(line)))
    around = blank_tables(scanned.cleaned, scanned.tables, scanned.scale)
    if ink(around, (0, 0, around.width, around.height), scanned.scale) is not None:
        for words in tesseract.words(around, page, "page"):
            fragments = tuple(Fragment(text, location) for text in cell_texts(fragment_texts(words)) if text)
            if fragments:
                placed.append((min(word.top for word in words) / scanned.scale, Line(fragments, location)))
    placed.sort(key=lambda item: item[0])
    return [line for _top, line in placed], tables


def _by_ocr(line: Line) -> Line:
    """A table row with every location marked as read by OCR."""
    fragments = tuple(
        Fragment(fragment.text, fragment.location.model_copy(update={"read_by": "ocr"})) for fragment in line.fragments
    )
    return Line(fragments, line.location.model_copy(update={"read_by": "ocr"}))


@attrs.frozen
class Tesseract:
    """The tesseract program, run on images saved in a private folder, its errors one line of `source`."""

    program: str
    work: Path
    source: str
    digit_languages: tuple[str, ...] = (LANGUAGE,)

    def words(
        self, image: Image, page: int, name: str, language: str = LANGUAGE, digits: bool = False
    ) -> list[list[Word]]:
        """tesseract's words in `image` grouped into its lines; `digits`: only digits and the
        marks of a number or a blank cell may be read."""
        picture = self.work / f"page-{page}-{name}.png"
        image.save(picture)
        command = [self.program, str(picture), "stdout", "-l", language, "--psm", PAGE_SEGMENTATION]
        if digits:
            command += ["-c", f"tessedit_char_whitelist={NUMBER_CHARACTERS}"]
        try:
            done = subprocess.run(
                [*command, "tsv"],
                capture_output=True,
                timeout=PAGE_TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
                check=False,
                # tesseract's OpenMP threads slow it down three times on a busy machine: one page, one thread.
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except subprocess.TimeoutExpired:
            raise ReadError(self.source, *pair("read.ocr_timeout", page=page, seconds=PAGE_TIMEOUT_SECONDS)) from None
        finally:
            picture.unlink(missing_ok=True)
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise ReadError(self.source, *pair("read.ocr_failed", page=page, detail=detail[0]))
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
            confidence = max(0, min(100, int(float(fields[10]))))
        except ValueError:
            continue
        word = Word(text, left, top, width, height, confidence)
        lines.setdefault((fields[2], fields[3], fields[4]), []).append(word)
    return list(lines.values())


def read_cells(tesseract: Tesseract, scanned: Scanned, page: int) -> list[list[str]]:
    """The text of every cell of the page's tables, in the order of each table's `cells`.

    All cells with ink are read in one strip; those that read as no more than a number are read
    again in a strip where only digits and a number's marks may be recognised, once with each
    of `digit_languages`, and a cell the strips leave in doubt is read alone. A blank
    cell is empty text; a cell OCR cannot read as a number with confidence keeps what was seen
    with `UNREADABLE` after it, so that it is never taken for a number."""
    boxes = [(t, c) for t, grid in enumerate(scanned.tables) for c in range(len(grid.cells))]
    texts = [["" for _ in grid.cells] for grid in scanned.tables]
    crops: list[Image] = []
    inked: list[tuple[int, int]] = []
    for table, cell in boxes:
        found = ink(scanned.cleaned, pixel_box(scanned.tables[table].cells[cell], scanned.scale), scanned.scale)
        if found is not None:
            crops.append(found)
            inked.append((table, cell))
    if not crops:
        return texts
    labels = _read(tesseract, crops, page, "cells", LANGUAGE, digits=False)
    numeric = _number_cells(scanned, inked, labels)
    numbers = [crops[index] for index in numeric]
    readings = [
        _read(tesseract, numbers, page, f"numbers-{language}", language, digits=True)
        for language in tesseract.digit_languages
        if numbers
    ]
    for index, words in enumerate(labels):
        table, cell = inked[index]
        texts[table][cell] = _joined(words)
    doubtful = 0
    for place, index in enumerate(numeric):
        table, cell = inked[index]
        read = [reading[place] for reading in readings]
        text = number_text(labels[index], read)
        if text is None and doubtful < MAX_DOUBTFUL:
            # Read alone, a cell is often read as it is where a strip of others misled tesseract.
            doubtful += 1
            read = [
                _read(tesseract, [crops[index]], page, f"cell-{doubtful}-{language}", language, digits=True)[0]
                for language in tesseract.digit_languages
            ]
            text = number_text(labels[index], read)
        texts[table][cell] = unreadable(labels[index], read) if text is None else text
    return texts


def _number_cells(scanned: Scanned, inked: Sequence[tuple[int, int]], labels: Sequence[Sequence[Word]]) -> list[int]:
    """The cells (indexes into `inked`) to read again among digits: those with no Chinese, and
    a character or two of Chinese in a column that holds numbers (a `3` read as `纪`)."""
    columns: set[tuple[int, int]] = set()
    for (table, cell), words in zip(inked, labels, strict=True):
        if words and not _CHINESE.search(_joined(words)):
            columns.add((table, scanned.tables[table].cells[cell].column))
    return [
        index
        for index, ((table, cell), words) in enumerate(zip(inked, labels, strict=True))
        if not _CHINESE.search(text := _joined(words))
        or (len(text) <= _SHORT_LABEL and (table, scanned.tables[table].cells[cell].column) in columns)
    ]


def _read(
    tesseract: Tesseract, crops: Sequence[Image], page: int, name: str, language: str, digits: bool
) -> list[list[Word]]:
    """The words read in each crop, through as few strips as tesseract takes."""
    found: list[list[Word]] = []
    for number, strip in enumerate(strips(crops, MAX_STRIP_HEIGHT)):
        found += _by_band(tesseract, strip, page, f"{name}-{number}", language, digits)
    return found


def _by_band(tesseract: Tesseract, strip: Strip, page: int, name: str, language: str, digits: bool) -> list[list[Word]]:
    """The words read in each band of a strip, in reading order."""
    found: list[list[Word]] = [[] for _ in strip.bands]
    for line in tesseract.words(strip.image, page, name, language, digits):
        for word in sorted(line, key=lambda word: word.left):
            band = strip.band_of(word.top, word.height)
            if band is not None:
                found[band].append(word)
    return found


def _joined(words: Sequence[Word]) -> str:
    """A cell's words as one text: lines of a wrapped label run on, as `cell_text` joins them."""
    return cell_text(word.text for word in words)


def number_text(seen: Sequence[Word], readings: Sequence[Sequence[Word]]) -> str | None:
    """What a cell that holds no Chinese (or a character or two in a number column) says, or
    None when in doubt. `seen` is the cell read as any text, `readings` its readings among
    digits only, one per language: a number (or blank mark) when they all agree — two models
    seldom misread a digit alike —, or with one language when tesseract is sure of it. Chinese
    read with confidence stays, unless it is one character the digit readings agree is a
    number (`2` read as `了`)."""
    number = _number(readings)
    as_seen = _joined(seen)
    if not _CHINESE.search(as_seen):
        return number
    if number is not None and (len(as_seen) == 1 or min(word.confidence for word in seen) < CONFIDENT):
        return number
    return as_seen if not readings[0] or min(word.confidence for word in seen) >= CONFIDENT else None


def _number(readings: Sequence[Sequence[Word]]) -> str | None:
    """The number the digit readings give: all alike, or the one reading tesseract is sure of."""
    texts = ["".join(word.text for word in words) for words in readings]
    first = texts[0]
    if _CELL_VALUE.fullmatch(first) is None:
        return None
    if len(texts) > 1:
        return first if all(text == first for text in texts) else None
    return first if min(word.confidence for word in readings[0]) >= CONFIDENT else None


def unreadable(seen: Sequence[Word], readings: Sequence[Sequence[Word]]) -> str:
    """A cell OCR could not read with confidence: what it saw, marked `UNREADABLE`."""
    texts = ["".join(word.text for word in words) for words in readings]
    text = next((text for text in texts if text), _joined(seen).translate(_LOOKALIKES))
    return text + UNREADABLE


def fragment_texts(words: Sequence[Word]) -> list[str]:
    """Words left to right, joined while the gap between two is under the line's character
    height (the letters of a label, the digits of a number); a wider gap is a new fragment."""
    ordered = sorted(words, key=lambda word: word.left)
    if not ordered:
        return []
    heights = sorted(word.height for word in ordered)
    gap = heights[len(heights) // 2]
    texts = [ordered[0].text]
    for before, word in pairwise(ordered):
        if word.left - before.right < gap:
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
