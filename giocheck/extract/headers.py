"""The column headers a table prints, kept as read: what F_LABEL_WORDING compares with the
format's column labels (`社会组织` printed for `社会公益组织`).

A header block is a run of lines of the table's region that carry no numbers; within a block,
the texts of one column (the reader's column index) are joined from top to bottom, so a header
cell printed over two lines (`法律服务` over `机构`) is one text. Lines read without columns
(plain text in reading order, e.g. a PDF's text layer) give no headers: which words belong to
one cell cannot be told there, and a guess would raise false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from giocheck.document import Fragment, Line
from giocheck.extract.tokens import is_noise, split_line
from giocheck.model import Header

_SPACE = re.compile(r"\s+")


def printed_headers(lines: Sequence[Line]) -> list[Header]:
    """Each printed column header of a table's lines, block by block, column by column."""
    headers: list[Header] = []
    block: dict[int, list[Fragment]] = {}
    for line in lines:
        if is_noise(line):
            continue
        if split_line(line).has_numbers:
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


def _joined(block: dict[int, list[Fragment]]) -> Iterator[Header]:
    for column in sorted(block):
        fragments = block[column]
        text = "".join(_SPACE.sub("", fragment.text) for fragment in fragments)
        yield Header(text=text, location=fragments[0].location)
