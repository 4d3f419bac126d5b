"""Ruling lines → tables: merged cells, missing rules, pieces and jitter, lone boxes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from giocheck.readers.pdfgrid import Rule, TableGrid, find_tables

Box = tuple[int, int, int, int]  # row, column, rows, columns


def _box_rules(xs: list[float], ys: list[float], box: Box, jitter: float = 0.0) -> list[Rule]:
    """The four sides of one cell, as an office suite draws each cell's own border."""
    row, column, rows, columns = box
    x0, x1, top, bottom = xs[column], xs[column + columns], ys[row], ys[row + rows]
    return [
        Rule(True, top + jitter, x0, x1),
        Rule(True, bottom - jitter, x0, x1),
        Rule(False, x0 - jitter, top, bottom),
        Rule(False, x1 + jitter, top, bottom),
    ]


def _cells(table: TableGrid) -> set[Box]:
    return {(c.row, c.column, c.rows, c.columns) for c in table.cells}


XS = [50.0, 120.0, 200.0, 260.0]
YS = [100.0, 120.0, 140.0, 160.0]


def test_a_merged_cell_spans_grid_rows_and_columns() -> None:
    boxes = [(0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)]
    [table] = find_tables([r for box in boxes for r in _box_rules(XS, YS, box)])
    assert _cells(table) == set(boxes)
    assert table.xs == tuple(XS) and table.ys == tuple(YS)
    assert table.cells[table.cell_at(100.0, 135.0)].rows == 2  # a point in the merged cell's lower half


def test_a_grid_drawn_as_long_lines_in_pieces() -> None:
    """Whole-table lines broken into pieces (as Word draws them) join up; a 0.6 pt offset snaps."""
    rules = [Rule(True, y, x, x + 35.0) for y in YS for x in (50.0, 85.0, 120.0, 155.0, 190.0, 225.0)]
    rules += [Rule(False, x + 0.6, YS[0], YS[-1]) for x in XS]
    [table] = find_tables(rules)
    assert _cells(table) == {(r, c, 1, 1) for r in range(3) for c in range(3)}


def test_a_place_no_cell_covers_becomes_an_empty_cell() -> None:
    """A rule missing from the drawing must not move later cells into its column."""
    boxes = [(0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 1, 1), (1, 2, 1, 1)]
    rules = [r for box in boxes for r in _box_rules(XS, YS, box)]
    [table] = find_tables(rules)
    assert (1, 1, 1, 1) in _cells(table)
    assert [c.column for c in table.cells if c.row == 1] == [0, 1, 2]


def test_a_lone_box_around_text_is_no_table() -> None:
    assert find_tables(_box_rules(XS, YS, (0, 0, 3, 3))) == []
    assert find_tables([Rule(True, 100.0, 50.0, 300.0)]) == []  # an underline


def test_two_tables_come_top_to_bottom() -> None:
    lower = [r for box in [(0, 0, 1, 1), (0, 1, 1, 1)] for r in _box_rules(XS, [400.0, 420.0], box)]
    upper = [r for box in [(0, 0, 1, 1), (1, 0, 1, 1)] for r in _box_rules(XS, YS, box)]
    tables = find_tables(lower + upper)
    assert [t.ys[0] for t in tables] == [100.0, 400.0]


@st.composite
def merged_grids(draw: st.DrawFn) -> tuple[list[float], list[float], list[Box]]:
    """A grid of 1-6 × 1-8 places tiled by cells, some merged across rows and columns."""
    columns = draw(st.integers(1, 8))
    rows = draw(st.integers(1, 6))
    widths = draw(st.lists(st.integers(12, 80), min_size=columns, max_size=columns))
    heights = draw(st.lists(st.integers(10, 40), min_size=rows, max_size=rows))
    xs = [40.0 + sum(widths[:i]) for i in range(columns + 1)]
    ys = [60.0 + sum(heights[:i]) for i in range(rows + 1)]
    taken: set[tuple[int, int]] = set()
    boxes: list[Box] = []
    for row in range(rows):
        for column in range(columns):
            if (row, column) in taken:
                continue
            across = 1
            while column + across < columns and (row, column + across) not in taken and across < 3:
                across += 1
            span_columns = draw(st.integers(1, across))
            span_rows = draw(st.integers(1, min(3, rows - row)))
            boxes.append((row, column, span_rows, span_columns))
            taken |= {(row + d, column + r) for d in range(span_rows) for r in range(span_columns)}
    return xs, ys, boxes


@given(merged_grids(), st.sampled_from([0.0, 0.4, 1.2]))
def test_any_tiling_of_merged_cells_is_found_as_drawn(
    grid: tuple[list[float], list[float], list[Box]], jitter: float
) -> None:
    xs, ys, boxes = grid
    rules = [r for box in boxes for r in _box_rules(xs, ys, box, jitter)]
    tables = find_tables(rules)
    if len(boxes) == 1:
        assert tables == []
        return
    [table] = tables
    assert _cells(table) == _as_drawn(xs, ys, boxes)


def _as_drawn(xs: list[float], ys: list[float], boxes: list[Box]) -> set[Box]:
    """The boxes on the grid of the edges that are drawn: a grid line no cell edge uses is invisible."""
    used_x = sorted({xs[c] for _r, c, _h, _w in boxes} | {xs[c + w] for _r, c, _h, w in boxes})
    used_y = sorted({ys[r] for r, _c, _h, _w in boxes} | {ys[r + h] for r, _c, h, _w in boxes})
    drawn: set[Box] = set()
    for row, column, rows, columns in boxes:
        top, left = used_y.index(ys[row]), used_x.index(xs[column])
        drawn.add((top, left, used_y.index(ys[row + rows]) - top, used_x.index(xs[column + columns]) - left))
    return drawn
