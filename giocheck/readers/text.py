"""Reader for plain text extracted from PDF or Word (`.txt`).

Cells are separated by tabs or runs of spaces (or `|` in a Markdown table row); a line with
single spaces stays one fragment and the extractor splits it further. Line numbers are 1-based, as an editor shows them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from giocheck.document import Document, Fragment, Line
from giocheck.model import Location, trusted

_CELL_BREAK = re.compile(r"\t| {2,}|\u3000+")


def read_text(text: str, source: str) -> Document:
    """Split decoded text into lines of fragments."""
    lines = (text_line(raw, number) for number, raw in enumerate(text.splitlines(), start=1))
    return Document(source=source, lines=tuple(line for line in lines if line is not None))


def text_line(raw: str, number: int) -> Line | None:
    """One line of plain text as fragments (None when it is blank); `number` is its line."""
    stripped = raw.strip()
    if not stripped:
        return None
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        parts = stripped[1:-1].split("|")  # a Markdown table row
    else:
        parts = _CELL_BREAK.split(raw.rstrip("\r\n"))
    if len(parts) == 1:
        return Line((Fragment(parts[0].strip(), place(number)),), place(number))
    places = _places(number, len(parts)) if len(parts) <= _FEW else [place(number, c) for c in range(1, len(parts) + 1)]
    return Line(
        tuple([Fragment(part.strip(), where) for part, where in zip(parts, places, strict=True)]), place(number)
    )


# Every report has its line 12, column 3: the same few locations serve a whole batch.
@lru_cache(maxsize=1 << 14)
def place(line: int, column: int | None = None) -> Location:
    """The location of a line of text, or of its `column`th cell (both 1-based)."""
    return trusted(Location, line=line) if column is None else trusted(Location, line=line, column=column)


# A table line's locations, as one tuple for lines of up to `_FEW` cells (longer ones are rare).
_FEW = 32


@lru_cache(maxsize=1 << 12)
def _places(line: int, columns: int) -> tuple[Location, ...]:
    """The locations of the `columns` cells of a line of text."""
    return tuple(place(line, column) for column in range(1, columns + 1))
