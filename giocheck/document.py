"""The neutral document every reader produces and the extractor consumes.

A reader knows its file format and nothing of the regulation: it turns bytes into lines of
fragments. A line of text is a line; a table row from HTML/DOCX/PDF is a line whose fragments
are its cells. Every fragment says where it came from.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property

import attrs

from giocheck.model import Location, ReadBy, ReadNote

# Page numbers and footers that PDF extraction leaves among the lines: "- 5 -", "第 5 页 共 9 页", "5/9",
# and "- 5" whose closing dash a converter dropped (a spaced dash: "-5" alone may be a value).
# A whole line (stripped) that matches is a footer; extraction and the engine alike drop it.
PAGE_FOOTER = re.compile(
    r"(?:[-—–]\s*\d{1,3}\s*[-—–]|[-—–]\s+\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})"
)
# The mark of a character a reader could not read with confidence (U+FFFD, as a decoder marks a
# bad byte): OCR ends a table cell's text with it (`26\ufffd`), so the cell is never taken for a number.
UNREADABLE = "\ufffd"


@attrs.frozen
class Fragment:
    """A piece of text: a tab- or space-separated part of a line, or one table cell."""

    text: str
    location: Location


@attrs.frozen
class Line:
    """One line of the document, split into fragments."""

    fragments: tuple[Fragment, ...]
    location: Location

    @cached_property  # asked many times of each line while a report is read
    def text(self) -> str:
        """The fragments' text joined by spaces (for prose and headings)."""
        return " ".join(f.text for f in self.fragments if f.text)


@attrs.frozen
class Document:
    """What a reader made of a file: its lines in reading order, and the publication date when
    the file says it outside the report's text (a web page's metadata or its 发布日期 line), and
    `read_by="ocr"` when its text was recognised from scanned images; `notes`: what the reader
    read through but the report should fix (bytes that were no UTF-8), carried to the report."""

    source: str
    lines: tuple[Line, ...]
    published: date | None = None
    read_by: ReadBy | None = None
    notes: tuple[ReadNote, ...] = ()
