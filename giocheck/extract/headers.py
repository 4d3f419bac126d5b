"""The column headers a table prints, kept as read: what F_LABEL_WORDING compares with the
format's column labels (`社会组织` printed for `社会公益组织`).

A header block is a run of lines of the table's region that carry no numbers, were not placed
as one of the table's rows and do not start like a row label (一、 （一） 1.: a row printed with
blank cells is no header); within a block, the texts of one column (the reader's column index)
are joined from top to bottom, so a header cell printed over two lines (`法律服务` over `机构`)
is one text. Lines read without columns
(plain text in reading order, e.g. a PDF's text layer) give no headers: which words belong to
one cell cannot be told there, and a guess would raise false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from giocheck.document import Fragment, Line
from giocheck.extract.tokens import is_noise, split_line
from giocheck.model import Header, Location, Table, trusted

Place = tuple[int | None, int | None, int | None, int | None]  # line, page, table, row

_SPACE = re.compile(r"\s+")
# How a row label starts (一、 （一） 1.): a column header never does, a row printed blank does.
_ORDINAL = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")


def row_places(table: Table) -> set[Place]:
    """Where the table's placed rows were printed: the places `printed_headers` passes over."""
    return {_place(cell.location) for row in table.rows.values() for cell in row.cells.values() if cell.location}


def printed_headers(lines: Sequence[Line], rows: Collection[Place] = ()) -> list[Header]:
    """Each printed column header of a table's lines, block by block, column by column; a line
    at one of `rows` (`row_places`: placed as a row of the table, blank cells and all) ends a block."""
    headers: list[Header] = []
    block: dict[int, list[Fragment]] = {}
    for line in lines:
        if is_noise(line):
            continue
        if split_line(line).has_numbers or any(_is_row(fragment, rows) for fragment in line.fragments):
            headers.extend(_joined(block))
            block = {}
            continue
        cells = [f for f in line.fragments if f.location.column is not None]
        if len(cells) < 2:  # not read as a row of cells: no header can be told
            continue
        for fragment in cells:
            if fragment.text.strip() and fragment.location.column is not None:
                block.setdefault(fragment.location.column, []).append(fragment)
    headers.extend(_joined(block))
    return headers


def _is_row(fragment: Fragment, rows: Collection[Place]) -> bool:
    return _place(fragment.location) in rows or bool(_ORDINAL.match(fragment.text.strip()))


def _place(location: Location) -> Place:
    return (location.line, location.page, location.table, location.row)


def _joined(block: dict[int, list[Fragment]]) -> Iterator[Header]:
    for column in sorted(block):
        fragments = block[column]
        text = "".join(_SPACE.sub("", fragment.text) for fragment in fragments)
        yield trusted(Header, text=text, location=fragments[0].location)
