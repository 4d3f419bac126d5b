"""One PDF page as PDFium sees it: its characters with their boxes, and its ruling lines.

Only what the reader needs is asked of PDFium, through its C API (`pypdfium2.raw`), with as
few calls per character as possible: the page's text once, then one box per character.
Characters PDFium adds itself (spaces between words it guesses, line breaks) are left out;
words are split by the gaps between boxes, as pdfplumber did. Ruling lines come from the
page's path objects (inside form XObjects too): a thin path is one line along its length,
any other path gives the straight axis-parallel segments it is drawn with. Paths drawn in
white or not drawn at all (white page backgrounds, clipping) rule nothing.
"""

from __future__ import annotations

import ctypes
from operator import attrgetter
from typing import Any, NamedTuple

import attrs
import pypdfium2.raw as pdfium  # type: ignore[import-untyped]

from giocheck.readers.pdfgrid import SNAP, Rule

_GAP = 3.0  # points: characters further apart than this are separate words (pdfplumber's x_tolerance)
_THIN = 3.0  # points: a path no thicker than this is one ruling line
_FLAT = 1.0  # points: a segment whose ends differ less than this across is axis-parallel
_WHITE = 250  # a colour channel at least this bright is (near) white
_MAX_SEGMENTS = 4000  # paths drawn with more segments are pictures, not tables
_MAX_DEPTH = 8  # form XObjects nested deeper than this are not looked into

_LEFT = attrgetter("x0")

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_DRAWN = frozenset({pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM})


class Char(NamedTuple):
    """One character and its box in points, `top` measured from the top of the page.

    The fields' order makes the plain tuple order the reading order: top to bottom, then
    left to right.
    """

    top: float
    x0: float
    bottom: float
    x1: float
    text: str


@attrs.frozen
class PageContent:
    """What the reader uses of a page: its characters and its ruling lines."""

    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]


class TooManyChars(Exception):
    """A page draws more characters than the reader may still take (`page_content`'s `most`)."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} characters")
        self.count = count


def page_content(document: Any, index: int, most: int | None = None) -> PageContent:
    """The characters and ruling lines of page `index` (0-based) of a `pypdfium2.PdfDocument`.

    Raises `TooManyChars` before reading them when the page has more than `most` characters."""
    page = document[index]
    try:
        height = float(page.get_height())
        textpage = page.get_textpage()
        try:
            count = int(pdfium.FPDFText_CountChars(textpage.raw))
            if most is not None and count > most:
                raise TooManyChars(count)
            chars = _chars(textpage.raw, height)
        finally:
            textpage.close()
        rules = _rules(page.raw, height)
    finally:
        page.close()
    return PageContent(tuple(chars), tuple(rules))


def text_lines(chars: list[Char]) -> list[tuple[float, list[str]]]:
    """Characters as lines (top to bottom, each with its top) of words (left to right).

    A character belongs to the line above while its middle is inside that line's height:
    characters of one line in different fonts (a bold heading run, Latin digits) have
    different boxes but share the line, and a vertical label's characters stay apart.
    """
    if len(chars) <= 1:  # most table cells: one number, or blank
        return [(char.top, [] if char.text == " " else [char.text]) for char in chars]
    lines: list[tuple[float, list[str]]] = []
    line: list[Char] = []
    bottom = 0.0
    for char in [*sorted(chars), None]:
        if line and (char is None or (char.top + char.bottom) / 2 > bottom):
            lines.append((line[0].top, _words(line)))
            line = []
        if char is not None:
            bottom = max(bottom, char.bottom) if line else char.bottom
            line.append(char)
    return lines


def _words(line: list[Char]) -> list[str]:
    if len(line) == 1:
        return [] if line[0].text == " " else [line[0].text]
    words: list[str] = []
    word: list[str] = []
    right: float | None = None
    for char in sorted(line, key=_LEFT):
        if word and (char.text == " " or (right is not None and char.x0 > right + _GAP)):
            words.append("".join(word))
            word = []
        if char.text != " ":
            word.append(char.text)
        right = char.x1
    if word:
        words.append("".join(word))
    return words


def _chars(textpage: Any, height: float) -> list[Char]:
    count = int(pdfium.FPDFText_CountChars(textpage))
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = int(pdfium.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: ask one by one
        text = "".join(chr(int(pdfium.FPDFText_GetUnicode(textpage, i)) or 0xFFFD) for i in range(count))
    box = pdfium.FS_RECTF()
    pointer = ctypes.byref(box)
    loose_box = pdfium.FPDFText_GetLooseCharBox
    generated = pdfium.FPDFText_IsGenerated
    make = tuple.__new__  # a NamedTuple built as a plain tuple: a third of the cost, once per character
    chars: list[Char] = []
    for index, char in enumerate(text):
        if char <= " " and (char != " " or generated(textpage, index)):
            continue  # line breaks and control codes, and the spaces PDFium guessed
        if not loose_box(textpage, index, pointer):
            continue
        chars.append(make(Char, (height - box.top, box.left, height - box.bottom, box.right, char)))
    return chars


def _rules(page: Any, height: float) -> list[Rule]:
    rules: list[Rule] = []
    out = _Out()
    get_object, get_type = pdfium.FPDFPage_GetObject, pdfium.FPDFPageObj_GetType
    for index in range(int(pdfium.FPDFPage_CountObjects(page))):
        obj = get_object(page, index)
        if get_type(obj) in _DRAWN:  # most objects of a page are text: skip them fast
            _object_rules(obj, None, height, rules, out, 0)
    return rules


class _Out:
    """PDFium's out-parameters, made once per page rather than once per path."""

    def __init__(self) -> None:
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.float_refs = [ctypes.byref(value) for value in self.floats]
        self.ints = [ctypes.c_int() for _ in range(2)]
        self.int_refs = [ctypes.byref(value) for value in self.ints]
        self.colour = [ctypes.c_uint() for _ in range(4)]
        self.colour_refs = [ctypes.byref(value) for value in self.colour]


def _object_rules(obj: Any, outer: _Matrix | None, height: float, rules: list[Rule], out: _Out, depth: int) -> None:
    kind = int(pdfium.FPDFPageObj_GetType(obj))
    if kind == pdfium.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
        inner = _compose(_matrix(obj), outer) if outer is not None else _matrix(obj)
        for index in range(int(pdfium.FPDFFormObj_CountObjects(obj))):
            _object_rules(pdfium.FPDFFormObj_GetObject(obj, index), inner, height, rules, out, depth + 1)
    elif kind == pdfium.FPDF_PAGEOBJ_PATH and _visible(obj, out):
        _path_rules(obj, outer, height, rules, out)


def _visible(obj: Any, out: _Out) -> bool:
    """Whether the path is stroked or filled in a colour other than (near) white."""
    if not pdfium.FPDFPath_GetDrawMode(obj, *out.int_refs):
        return False
    fill, stroke = (value.value for value in out.ints)
    if stroke and _coloured(obj, pdfium.FPDFPageObj_GetStrokeColor, out):
        return True
    return bool(fill != pdfium.FPDF_FILLMODE_NONE and _coloured(obj, pdfium.FPDFPageObj_GetFillColor, out))


def _coloured(obj: Any, get_colour: Any, out: _Out) -> bool:
    if not get_colour(obj, *out.colour_refs):
        return True  # a colour PDFium cannot tell (a pattern): count it as drawn
    red, green, blue, alpha = (value.value for value in out.colour)
    return bool(alpha > 0 and min(red, green, blue) < _WHITE)


def _path_rules(obj: Any, outer: _Matrix | None, height: float, rules: list[Rule], out: _Out) -> None:
    if not pdfium.FPDFPageObj_GetBounds(obj, *out.float_refs):
        return
    x0, y0, x1, y1 = (value.value for value in out.floats)
    if outer is not None:
        (x0, y0), (x1, y1) = _apply(outer, x0, y0), _apply(outer, x1, y1)
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    width, tall = x1 - x0, y1 - y0
    if tall <= _THIN and width > tall:
        rules.append(Rule(True, height - (y0 + y1) / 2, x0, x1))
    elif width <= _THIN and tall > width:
        rules.append(Rule(False, (x0 + x1) / 2, height - y1, height - y0))
    elif width > SNAP or tall > SNAP:
        own = _matrix(obj)
        matrix = _compose(own, outer) if outer is not None else own
        rules.extend(_segment_rules(obj, matrix, height))


def _segment_rules(obj: Any, matrix: _Matrix, height: float) -> list[Rule]:
    """The axis-parallel straight segments a path is drawn with (sides of rectangles included)."""
    count = int(pdfium.FPDFPath_CountSegments(obj))
    if count > _MAX_SEGMENTS:
        return []
    rules: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start = current = (0.0, 0.0)
    for index in range(count):
        segment = pdfium.FPDFPath_GetPathSegment(obj, index)
        if not pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = int(pdfium.FPDFPathSegment_GetType(segment))
        if kind == pdfium.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium.FPDF_SEGMENT_LINETO:
            _segment(current, point, height, rules)
        if pdfium.FPDFPathSegment_GetClose(segment):
            _segment(point, start, height, rules)
        current = point
    return rules


def _segment(a: tuple[float, float], b: tuple[float, float], height: float, rules: list[Rule]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < _FLAT and abs(ax - bx) >= _FLAT:
        rules.append(Rule(True, height - (ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) < _FLAT and abs(ay - by) >= _FLAT:
        rules.append(Rule(False, (ax + bx) / 2, height - max(ay, by), height - min(ay, by)))


def _matrix(obj: Any) -> _Matrix:
    matrix = pdfium.FS_MATRIX()
    if not pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix that applies `inner`, then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(matrix: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)
