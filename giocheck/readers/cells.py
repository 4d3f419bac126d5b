"""Cell grids → document lines, shared by the HTML, DOCX and PDF readers.

One table row becomes one `Line` whose fragments are its cells. A merged cell gives its text
once, at its first grid column; a cell merged down from the row above gives an empty
fragment at its column, so the row keeps its shape. A cell merged across columns gives one
fragment only: real reports merge value cells differently in header and data rows (the
values then align by order, not by position), and an empty fragment between two numbers
would break that order. Each fragment's location still names its true grid column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs

from giocheck.document import Fragment, Line
from giocheck.limits import LimitExceeded, current_limits
from giocheck.model import Location, trusted

_MAX_SPAN = 200


@attrs.frozen
class GridCell:
    """One cell as a file states it: its text and how many rows and columns it covers."""

    text: str
    rows: int = 1
    columns: int = 1


def cell_text(parts: Iterable[str]) -> str:
    """The text of a cell from its pieces (lines, paragraphs): whitespace folded, lines joined.

    Pieces are joined without a space, as a wrapped Chinese label reads (`本年新` + `制作数量`).
    """
    # `" ".join(part.split())` is `re.sub(r"\s+", " ", part).strip()`: both split at what
    # `str.isspace` calls white space; each piece comes out stripped, so their join is too.
    return "".join([" ".join(part.split()) for part in parts])


def span(value: str | None) -> int:
    """A rowspan/colspan attribute as a count: missing, malformed or silly values count as 1."""
    if value is None:
        return 1
    try:
        number = int(value.strip() or "1")
    except ValueError:
        return 1
    return min(max(number, 1), _MAX_SPAN)


def grid_lines(
    rows: Sequence[Sequence[GridCell]], table: int, page: int | None = None, first_row: int = 1
) -> list[Line]:
    """Lay the rows out on a grid (expanding rowspans) and return one line per non-empty row.

    Raises `LimitExceeded` when the cells and their spans cover more than `table_cells` places."""
    places = sum(cell.rows * cell.columns for cells in rows for cell in cells)
    if places > current_limits().table_cells:
        found = f"{places:,}"
        raise LimitExceeded("table_cells", f"一个表格占 {found} 格", f"a table covering {found} places")
    covered: dict[int, dict[int, int]] = {}  # row → column → columns the merged cell above covers
    lines: list[Line] = []
    for row_index, cells in enumerate(rows):
        number = first_row + row_index
        placed: dict[int, Fragment] = {}
        above = covered.pop(row_index, {})
        column = 0
        for cell in cells:
            while column in above:
                column += above[column]
            placed[column] = Fragment(cell.text, _place(page, table, number, column + 1))
            for down in range(row_index + 1, row_index + cell.rows):
                covered.setdefault(down, {})[column] = cell.columns
            column += cell.columns
        for covered_column in above:
            if covered_column not in placed:
                placed[covered_column] = Fragment("", _place(page, table, number, covered_column + 1))
        fragments = tuple(placed[key] for key in sorted(placed))
        if any(fragment.text for fragment in fragments):
            lines.append(Line(fragments, _place(page, table, number)))
    return lines


# Every report has its table 2, row 5, column 3: the same few locations serve a whole batch.
@lru_cache(maxsize=1 << 14)
def _place(page: int | None, table: int, row: int, column: int | None = None) -> Location:
    return trusted(Location, page=page, table=table, row=row, column=column)
