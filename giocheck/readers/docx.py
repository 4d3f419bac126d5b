"""Reader for Word `.docx` files (also as saved by WPS).

The body is walked in order: paragraphs, tables, content controls and text boxes. A table
row's `w:tc` elements are its cells: `gridSpan` says how many grid columns a cell covers, and
a `vMerge` continuation is an empty cell (python-docx's `row.cells` would repeat the text of
merged cells instead). Runs are joined, so a number split over several runs reads whole.
Drawings are stored twice (`mc:Choice` and a `mc:Fallback` for old Word); only the first counts.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import TYPE_CHECKING

from giocheck.document import Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.limits import current_limits, over_limit
from giocheck.model import Location
from giocheck.readers.cells import GridCell, cell_text, grid_lines, span
from giocheck.words import pair

if TYPE_CHECKING:
    from lxml.etree import _Element

_MB = 1024 * 1024
_CHUNK = 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Deleted text, field codes and the like are not what the reader sees.
_HIDDEN = frozenset({f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}rPrChange", _FALLBACK})


def is_docx(data: bytes) -> bool:
    """Whether a ZIP archive is a Word document (it has `word/document.xml`). An archive whose
    directory cannot be read (names that are no UTF-8, an unknown zip version) counts as one, so
    that reading it says the file is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    except (ValueError, NotImplementedError, RuntimeError, EOFError, OSError):
        return True


def read_docx(data: bytes, source: str) -> Document:
    """Turn a .docx file into lines: paragraphs and table rows, text boxes included."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    check_archive(data, source)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise _damaged(source, error) from None
    except Exception as error:  # python-docx on a package it does not expect: still the file's fault
        raise _damaged(source, error) from None
    walker = _Walker()
    walker.container(body)
    return Document(source=source, lines=tuple(walker.lines))


def _damaged(source: str, error: Exception) -> ReadError:
    detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return ReadError(source, *pair("read.docx_damaged", detail=detail))


def check_archive(data: bytes, source: str) -> None:
    """Inflate every part once, counting, before python-docx sees the file: raise `ReadError` for
    a part or a whole over the limits (stopped while inflating, never after), or for damaged,
    encrypted or unknown compressed data."""
    limits = current_limits()
    member_limit, total_limit = limits.zip_member_mb * _MB, limits.zip_total_mb * _MB
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.zip_members:
                raise over_limit(source, "zip_members", *pair("read.zip_members", count=len(members)))
            for member in members:
                size = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > member_limit:
                            raise over_limit(
                                source, "zip_member_mb", *pair("read.zip_member_over", member=member.filename)
                            )
                        if total > total_limit:
                            raise over_limit(source, "zip_total_mb", *pair("read.zip_total_over"))
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, ValueError) as error:
        raise _damaged(source, error) from None


def _texts(element: _Element, stop: frozenset[str]) -> list[str]:
    """Text of runs in document order: tabs as `\\t`, breaks as `\\n`; `stop` subtrees skipped."""
    parts: list[str] = []
    for node in element.iterchildren():
        tag = node.tag
        if not isinstance(tag, str) or tag in _HIDDEN or tag in stop:
            continue
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        else:
            parts.extend(_texts(node, stop))
    return parts


def _boxes(element: _Element) -> list[_Element]:
    """The outermost text boxes inside a paragraph, skipping the fallback copies."""
    found: list[_Element] = []
    for node in element.iterchildren():
        if not isinstance(node.tag, str) or node.tag == _FALLBACK:
            continue
        if node.tag == f"{_W}txbxContent":
            found.append(node)
        else:
            found.extend(_boxes(node))
    return found


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.paragraphs = 0
        self.tables = 0

    def container(self, element: _Element) -> None:
        for node in element.iterchildren():
            if node.tag == f"{_W}p":
                self.paragraph(node)
            elif node.tag == f"{_W}tbl":
                self.table(node)
            elif node.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}txbxContent"):
                self.container(node)

    def paragraph(self, paragraph: _Element) -> None:
        self.paragraphs += 1
        text = "".join(_texts(paragraph, frozenset({f"{_W}txbxContent"})))
        for part in text.split("\n"):
            cells = [cell.strip() for cell in part.split("\t")]
            if any(cells):
                location = Location(line=self.paragraphs)
                fragments = tuple(
                    Fragment(cell, Location(line=self.paragraphs, column=index + 1 if len(cells) > 1 else None))
                    for index, cell in enumerate(cells)
                )
                self.lines.append(Line(fragments, location))
        for box in _boxes(paragraph):
            self.container(box)

    def table(self, table: _Element) -> None:
        rows = list(table.iterchildren(f"{_W}tr"))
        if any(cell.find(f".//{_W}tbl") is not None for row in rows for cell in row.iterchildren(f"{_W}tc")):
            for row in rows:  # a layout table: its cells hold the real tables
                for cell in row.iterchildren(f"{_W}tc"):
                    self.container(cell)
            return
        self.tables += 1
        grid: list[list[GridCell]] = []
        for row in rows:
            before = row.find(f"{_W}trPr/{_W}gridBefore")
            # Columns a row leaves out at its start are no cells: keep the rest in place.
            cells = [GridCell("", columns=span(before.get(f"{_W}val")))] if before is not None else []
            for cell in row.iterchildren(f"{_W}tc"):
                properties = cell.find(f"{_W}tcPr")
                width = properties.find(f"{_W}gridSpan") if properties is not None else None
                merge = properties.find(f"{_W}vMerge") if properties is not None else None
                continued = merge is not None and merge.get(f"{_W}val", "continue") != "restart"
                text = "" if continued else _cell(cell)
                cells.append(GridCell(text, columns=span(width.get(f"{_W}val") if width is not None else None)))
            grid.append(cells)
        self.lines.extend(grid_lines(grid, table=self.tables))


def _cell(cell: _Element) -> str:
    paragraphs = cell.iterchildren(f"{_W}p")
    return cell_text(["".join(_texts(p, frozenset())).replace("\t", " ") for p in paragraphs])
