"""Markdown pipe tables as converters really write them → document lines.

A pipe table cannot say that a cell is merged, so PDF/Word → Markdown converters and OCR or
LLM pipelines each write merges their own way, and add rows of their own. What is theirs, not
the report's, is taken out here (the file format's artefacts), so that extraction sees the
same cell rows as from HTML or DOCX:

- the header row a pipe table must have gets generic names when the source had none
  (`Col1`, `Column2`, `数据3`, `列4`, pandas' `Unnamed: 0`): those cells are blank;
- a merged cell repeated in every grid cell it covers (pymupdf4llm): a run of the same text
  in one row is one cell across those columns, and a run of the same number is one cell
  only when the last header row above has one repeated text over exactly those columns;
- a text-only row printed again further down the same table (the header repeated after a
  page break) and delimiter rows in the body (two tables glued together) are dropped;
- `<br>` inside a cell (a wrapped label) joins its pieces as `cells.py` does;
- a pandas DataFrame written with `to_markdown()` (tabulate): its index column (`0`, `1`, … under
  an empty header cell) is dropped, the lines of a multi-line cell (rows with no index) are
  joined into their row, column numbers as the header are blank, and `nan`/`None` cells empty.

Cells a converter leaves empty stay empty fragments: blank is not zero.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from giocheck.document import Fragment, Line
from giocheck.model import Location
from giocheck.readers.cells import GridCell, cell_text, grid_lines

# Generic column names that converters and data tools put in a header row the source lacked.
GENERIC_HEADER = re.compile(
    r"(?:col(?:umn)?|field|数据|列|字段)\s*[_-]?\s*\d{1,3}|unnamed\s*:\s*\d{1,3}(?:_level_\d+)?", re.I
)
# What pandas writes for a missing value.
_MISSING = frozenset({"nan", "NaN", "None", "<NA>", "NaT"})
# In a table's body only `---` and longer: a lone `-` is a placeholder cell.
_DELIMITER_CELL = re.compile(r"\s*:?-{3,}:?\s*")
# A cell of numbers only (`13`, `3001 53` when a converter put two cells in one): never merged
# with its neighbour on text alone, and it makes its row a data row.
_NUMBERS = re.compile(r"[+-]?[\d,]+(?:\.\d+)?(?:\s+[+-]?[\d,]+(?:\.\d+)?)*")


@attrs.frozen
class PipeRow:
    """One source line of a pipe table: its 1-based line number and its cells' plain text."""

    line: int
    cells: tuple[str, ...]


def split_row(source: str) -> list[str]:
    """The raw cells of one pipe-table line: split at `|` that is not escaped (`\\|`) nor
    inside a code span; the outer pipes are optional. Cells keep their inline markup."""
    cells: list[str] = []
    current: list[str] = []
    in_code = False
    index = 0
    text = source.strip()
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return cells


def is_delimiter_row(cells: Sequence[str]) -> bool:
    """Whether a row is a pipe table's `|---|:--:|` delimiter row."""
    return bool(cells) and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def table_lines(rows: Sequence[PipeRow], table: int) -> list[Line]:
    """The lines of one pipe table (its first row is the Markdown header row)."""
    lines: list[Line] = []
    rows = _without_data_frame(rows)
    seen_text_rows: set[tuple[str, ...]] = set()
    header: tuple[str, ...] = ()  # the last row of column headings: where a merged value cell shows its span
    for position, row in enumerate(rows):
        cells = tuple("" if position == 0 and GENERIC_HEADER.fullmatch(cell) else cell for cell in row.cells)
        if is_delimiter_row(cells) or not any(cells):
            continue
        text_only = not any(_NUMBERS.fullmatch(cell) for cell in cells)
        if text_only and sum(1 for cell in cells if _is_words(cell)) >= 2:
            header = cells  # column headings, not a label whose numbers are all blank
        if text_only:
            if cells in seen_text_rows:
                continue  # a header printed again after a page break
            seen_text_rows.add(cells)
        grid = _merged(cells, header)
        for line in grid_lines([grid], table=table, first_row=position + 1):
            lines.append(_at_line(line, row.line))
    return lines


def _without_data_frame(rows: Sequence[PipeRow]) -> Sequence[PipeRow]:
    """The rows without what pandas' `to_markdown()` adds: missing values, column numbers, the
    index column and the split lines of multi-line cells (see the module docstring)."""
    rows = [PipeRow(row.line, tuple("" if cell in _MISSING else cell for cell in row.cells)) for row in rows]
    if not rows or not rows[0].cells:
        return rows
    header = rows[0].cells
    has_index = header[0] == "" and _is_index([row.cells[0] for row in rows[1:] if row.cells], least=2)
    names = header[1:] if has_index else header
    if _is_index(list(names), least=2):
        header = ("",) * len(header)
    rows[0] = PipeRow(rows[0].line, header)
    if not has_index:
        return rows
    joined: list[PipeRow] = [PipeRow(rows[0].line, header[1:])]
    for row in rows[1:]:
        cells = row.cells[1:]
        if row.cells and row.cells[0] == "" and len(joined) > 1:
            above = joined[-1].cells
            width = max(len(above), len(cells))
            padded = [(above + ("",) * width)[:width], (cells + ("",) * width)[:width]]
            joined[-1] = PipeRow(joined[-1].line, tuple(cell_text(pair) for pair in zip(*padded, strict=True)))
        else:
            joined.append(PipeRow(row.line, cells))
    return joined


def _is_index(cells: Sequence[str], least: int) -> bool:
    """Whether cells are a DataFrame's row or column numbers: 0, 1, 2, …, blanks between them
    (a multi-line cell's further lines), at least `least` of them."""
    numbers = [cell for cell in cells if cell]
    # An index has fewer digits than any int conversion limit: a cell of 5,000 digits is no index.
    if len(numbers) < least or not all(cell.isascii() and cell.isdigit() and len(cell) <= 9 for cell in numbers):
        return False
    return [int(cell) for cell in numbers] == list(range(len(numbers)))


def _merged(cells: tuple[str, ...], header: tuple[str, ...]) -> list[GridCell]:
    """One grid cell per run of repeated text (a merged cell written into each column it covers)."""
    grid: list[GridCell] = []
    start = 0
    while start < len(cells):
        end = _run_end(cells, start)
        if not _is_words(cells[start]) and not _same_run(header, start, end):
            end = start + 1  # numbers repeat as one cell only under a header cell merged alike
        grid.append(GridCell(cells[start], columns=end - start))
        start = end
    return grid


def _run_end(cells: Sequence[str], start: int) -> int:
    """The column after the run of cells equal to the non-empty cell at `start` (`start + 1` if none)."""
    end = start + 1
    if start >= len(cells) or not cells[start]:
        return end
    while end < len(cells) and cells[end] == cells[start]:
        end += 1
    return end


def _same_run(header: Sequence[str], start: int, end: int) -> bool:
    """Whether the header has one cell over exactly the columns `start`…`end - 1`."""
    begins = start == 0 or start >= len(header) or header[start - 1] != header[start]
    return begins and _run_end(header, start) == end


def _is_words(text: str) -> bool:
    """Label text: repeated, it is one merged cell. Numbers and one-character placeholders
    (`/`, `无`) repeat as separate cells (`0 | 0`) unless a header says otherwise."""
    return len(text) > 1 and any(char.isalpha() for char in text) and not _NUMBERS.fullmatch(text)


def _at_line(line: Line, number: int) -> Line:
    """A grid line with the source line number added to its locations."""

    def located(location: Location) -> Location:
        return location.model_copy(update={"line": number})

    return Line(
        tuple(Fragment(fragment.text, located(fragment.location)) for fragment in line.fragments),
        located(line.location),
    )


def plain_cells(raw_cells: Sequence[str], inline_text: Callable[[str], list[str]]) -> tuple[str, ...]:
    """Each raw cell as plain text: inline markup rendered by `inline_text` (pieces split at
    `<br>`), the pieces joined as a wrapped label reads."""
    return tuple(cell_text(inline_text(cell)) for cell in raw_cells)
