"""Ruling lines → tables of cells: the geometry of the PDF reader, with no PDF library in it.

A PDF has no tables, only strokes. Ruled tables are found as pdfplumber's "lines" strategy
finds them, which is what the reader used before and what agencies' Word, WPS and LibreOffice
exports draw: rules whose positions lie within a few points are snapped to one line, pieces of
one line are joined, their crossings are the corners, and each corner's smallest rectangle
closed by rules is a cell. Cells that share a corner are one table; a lone box around text is
not a table. Each table is then laid on the grid of its cells' edges, so a merged cell knows
how many grid rows and columns it covers, and any grid place no cell covers (a rule missing
from the drawing) becomes an empty cell, so no value moves into the wrong column.

Coordinates are PDF points with `y` growing downwards (as on a printed page).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import attrs

SNAP = 3.0  # points: rules closer than this are one rule (pdfplumber's default)
JOIN = 3.0  # points: pieces of one rule with a gap no wider than this are one rule
MIN_LENGTH = 3.0  # points: shorter strokes are not rules


class Rule(NamedTuple):
    """A horizontal (`across`) or vertical ruling line: its position and the span it covers.

    The plain tuple order sorts rules of one direction by position, then start.
    """

    across: bool
    position: float
    start: float
    end: float


@attrs.frozen
class GridBox:
    """One cell of a table: its box and the grid rows and columns it covers (0-based)."""

    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@attrs.frozen
class TableGrid:
    """A ruled table: the grid lines (`xs` left to right, `ys` top to bottom) and its cells.

    `cells` cover the whole grid, row by row and left to right within a row.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridBox, ...]
    owners: dict[tuple[int, int], int]  # (row, column) of each grid place → index in `cells`

    def cell_at(self, x: float, y: float) -> int:
        """The index in `cells` of the cell that holds a point inside the table."""
        column = bisect_right(self.xs, x, 1, len(self.xs) - 1) - 1
        row = bisect_right(self.ys, y, 1, len(self.ys) - 1) - 1
        return self.owners[(row, column)]


def find_tables(rules: Iterable[Rule]) -> list[TableGrid]:
    """The ruled tables the rules draw, top to bottom (then left to right)."""
    across, down = _edges([r for r in rules if r.across]), _edges([r for r in rules if not r.across])
    corners = _corners(across, down)
    boxes = _cells(corners)
    tables = [_grid(group) for group in _groups(boxes) if len(group) > 1]
    return sorted(tables, key=lambda t: (t.ys[0], t.xs[0]))


def _edges(rules: list[Rule]) -> list[Rule]:
    """Rules snapped to shared positions, collinear pieces joined, short strokes dropped."""
    ordered = sorted(rules)
    snapped: list[Rule] = []
    first = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index].position - ordered[index - 1].position > SNAP:
            cluster = ordered[first:index]
            middle = sum(r.position for r in cluster) / len(cluster)
            snapped.extend(Rule(r.across, middle, r.start, r.end) for r in cluster)
            first = index
    joined: list[Rule] = []
    for rule in sorted(snapped):
        last = joined[-1] if joined else None
        if last is not None and last.position == rule.position and rule.start <= last.end + JOIN:
            if rule.end > last.end:
                joined[-1] = Rule(last.across, last.position, last.start, rule.end)
        else:
            joined.append(rule)
    return [rule for rule in joined if rule.end - rule.start >= MIN_LENGTH]


_Point = tuple[float, float]


@attrs.frozen
class _Corners:
    """Where horizontal and vertical rules cross, and which rules run through each crossing."""

    across: dict[_Point, frozenset[int]]  # the horizontal rules through the point
    down: dict[_Point, frozenset[int]]  # the vertical rules through the point
    below: dict[float, list[float]]  # x → the ys of the corners on that vertical, ascending
    right: dict[float, list[float]]  # y → the xs of the corners on that horizontal, ascending


def _corners(across: list[Rule], down: list[Rule]) -> _Corners:
    through_across: dict[_Point, set[int]] = defaultdict(set)
    through_down: dict[_Point, set[int]] = defaultdict(set)
    for v_index, vertical in enumerate(down):
        for h_index, horizontal in enumerate(across):
            if (
                vertical.start - SNAP <= horizontal.position <= vertical.end + SNAP
                and horizontal.start - SNAP <= vertical.position <= horizontal.end + SNAP
            ):
                point = (vertical.position, horizontal.position)
                through_across[point].add(h_index)
                through_down[point].add(v_index)
    below: dict[float, list[float]] = defaultdict(list)
    right: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(through_across):
        below[x].append(y)
        right[y].append(x)
    return _Corners(
        {p: frozenset(s) for p, s in through_across.items()},
        {p: frozenset(s) for p, s in through_down.items()},
        dict(below),
        dict(right),
    )


def _cells(corners: _Corners) -> list[tuple[float, float, float, float]]:
    """Each corner's smallest rectangle whose four sides are drawn: (x0, top, x1, bottom)."""
    boxes: list[tuple[float, float, float, float]] = []
    for point in sorted(corners.across):
        box = _cell_from(point, corners)
        if box is not None:
            boxes.append(box)
    return boxes


def _cell_from(point: _Point, corners: _Corners) -> tuple[float, float, float, float] | None:
    x, y = point
    ys, xs = corners.below[x], corners.right[y]
    across, down = corners.across, corners.down
    own_across, own_down = across[point], down[point]
    for bottom in ys[bisect_right(ys, y) :]:
        if own_down.isdisjoint(down[(x, bottom)]):
            continue
        for right in xs[bisect_right(xs, x) :]:
            if own_across.isdisjoint(across[(right, y)]):
                continue
            far = (right, bottom)
            if (
                far in across
                and not down[far].isdisjoint(down[(right, y)])
                and not across[far].isdisjoint(across[(x, bottom)])
            ):
                return (x, y, right, bottom)
    return None


def _groups(boxes: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells that share a corner, directly or through others, as one group each."""
    at_corner: dict[_Point, list[int]] = defaultdict(list)
    for index, (x0, top, x1, bottom) in enumerate(boxes):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            at_corner[corner].append(index)
    seen = [False] * len(boxes)
    groups: list[list[tuple[float, float, float, float]]] = []
    for start in range(len(boxes)):
        if seen[start]:
            continue
        seen[start] = True
        group, stack = [], [start]
        while stack:
            x0, top, x1, bottom = box = boxes[stack.pop()]
            group.append(box)
            for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
                for other in at_corner[corner]:
                    if not seen[other]:
                        seen[other] = True
                        stack.append(other)
        groups.append(group)
    return groups


def _grid(boxes: list[tuple[float, float, float, float]]) -> TableGrid:
    """Cells on the grid of their own edges; grid places no cell covers become empty cells."""
    xs = tuple(sorted({b[0] for b in boxes} | {b[2] for b in boxes}))
    ys = tuple(sorted({b[1] for b in boxes} | {b[3] for b in boxes}))
    column_of = {x: i for i, x in enumerate(xs)}
    row_of = {y: i for i, y in enumerate(ys)}
    placed: dict[tuple[int, int], GridBox] = {}
    covered: set[tuple[int, int]] = set()
    for x0, top, x1, bottom in boxes:
        row, column = row_of[top], column_of[x0]
        rows, columns = row_of[bottom] - row, column_of[x1] - column
        if rows == columns == 1:
            spots = {(row, column)}
        else:
            spots = {(row + d, column + r) for d in range(rows) for r in range(columns)}
        if not covered.isdisjoint(spots):  # overlapping boxes (a rule through a merged cell): keep the first
            continue
        covered |= spots
        placed[(row, column)] = GridBox(x0, top, x1, bottom, row, column, rows, columns)
    for row in range(len(ys) - 1):
        for column in range(len(xs) - 1):
            if (row, column) not in covered:
                placed[(row, column)] = GridBox(xs[column], ys[row], xs[column + 1], ys[row + 1], row, column)
    cells = tuple(placed[key] for key in sorted(placed))
    owners = {
        (cell.row + down, cell.column + right): index
        for index, cell in enumerate(cells)
        for down in range(cell.rows)
        for right in range(cell.columns)
    }
    return TableGrid(xs, ys, cells, owners)
