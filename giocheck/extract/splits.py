"""Split runs of digits whose cell separators were lost, so that the format's equations hold.

A `Run` is the printed value part of one row: pieces that are digit runs (one or more cells
each) or single cells (a placeholder, a number with a comma). Each digit run is cut into
canonical numbers — `0`, or no leading zero, at most `MAX_DIGITS` digits — so that the row gets
exactly its number of cells. The rows' splits are searched jointly under linear equations:

1. each row's splits are enumerated from the right (totals are printed after their parts),
   pruned by the equations that involve only that row and known cells (row totals, table 4 sums);
2. equations across rows (column balances, result sums) narrow each row's splits by bounds;
3. a backtracking search, fewest splits first, finds every combination that satisfies them all,
   or stops after `MAX_SOLUTIONS` / `MAX_NODES` and says the search was incomplete.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from giocheck.engine.findings import CellRef

MAX_DIGITS = 7
MAX_SOLUTIONS = 64
MAX_NODES = 200_000

Split = tuple[int | None, ...]
# A term of an equation across runs: (run, cell within the run) and its weight.
_Term = tuple[tuple[int, int], int]


@attrs.frozen
class Run:
    """A row's value pieces: `digits` runs to cut into cells, or one cell each (`values`)."""

    cells: tuple[CellRef, ...]
    pieces: tuple[str, ...]
    # The value of each piece that is one cell (None: blank); digit runs are absent from it.
    fixed: tuple[tuple[int, int | None], ...] = ()

    def is_digits(self, piece: int) -> bool:
        """Whether piece `piece` is a run of digits to cut (not a single fixed cell)."""
        return all(index != piece for index, _ in self.fixed)


@attrs.frozen
class Linear:
    """Σ weight × cell + constant = 0 over unknown cells (known cells folded into `constant`)."""

    terms: tuple[tuple[CellRef, int], ...]
    constant: int


@attrs.frozen
class Search:
    """Every combination of splits found (one split per run, in run order), and whether all were found."""

    solutions: tuple[tuple[Split, ...], ...]
    complete: bool


def splits(run: Run, local: Sequence[Linear]) -> list[Split]:
    """Every split of `run` into its cells that satisfies the equations `local` (over its cells only)."""
    position = {ref: index for index, ref in enumerate(run.cells)}
    equations = [([(position[ref], weight) for ref, weight in eq.terms], eq.constant) for eq in local]
    fixed = dict(run.fixed)
    # Partial splits are pruned only when every piece is digits; otherwise equations are judged at the end.
    prune = [_Prune.of(terms, constant, len(run.cells)) for terms, constant in equations] if not fixed else []
    before = [sum(int(text) for text in run.pieces[:index]) if not fixed else 0 for index in range(len(run.pieces))]
    values: list[int | None] = [None] * len(run.cells)
    found: list[Split] = []

    def feasible(cell: int, most: int, digits: int) -> bool:
        # Cells 0..cell are open; their sum is at most `most` (cutting digits never adds) and at
        # least `least`: a part of m digits is ≥ 10^(m-1), least when the widths are even.
        count = cell + 1
        least = 0
        if count > 0:
            width, wider = divmod(digits, count)
            least = wider * 10**width + ((count - wider) * 10 ** (width - 1) if width > 1 else 0)
        return all(p.possible(cell, least, most, digits) for p in prune)

    def walk(piece: int, text: str, cell: int, left: int) -> None:
        if not text:
            if piece == 0:
                if cell == -1 and _all_hold(equations, values):
                    found.append(tuple(values))
                return
            piece -= 1
            text = run.pieces[piece]
        if cell < 0 or cell + 1 < piece + 1 or cell + 1 > left:
            return  # too few cells for the pieces left, or too few digits for the cells left
        if piece in fixed:
            values[cell] = fixed[piece]
            walk(piece, "", cell - 1, left - 1)
            return
        for length in range(1, min(MAX_DIGITS, len(text)) + 1):
            part = text[-length:]
            if length > 1 and part[0] == "0":
                continue
            value = values[cell] = int(part)
            rest = text[:-length]
            for p in prune:
                p.partial += p.weights[cell] * value
            if feasible(cell - 1, before[piece] + int(rest or 0), left - length):
                walk(piece, rest, cell - 1, left - length)
            for p in prune:
                p.partial -= p.weights[cell] * value
        values[cell] = None

    total = sum(len(text) if run.is_digits(i) else 1 for i, text in enumerate(run.pieces))
    last = len(run.pieces) - 1
    walk(last, run.pieces[last], len(run.cells) - 1, total)
    return found


class _Prune:
    """One equation during a run's enumeration: the sum of its assigned terms so far, and for
    each count of open cells the least and greatest weight among them (and whether one weight
    covers them all), so that a bound on the open cells' sum bounds the equation."""

    def __init__(self, weights: list[int], constant: int) -> None:
        self.weights = weights
        self.partial = constant
        self.low: list[int] = []
        self.high: list[int] = []
        self.uniform: list[int | None] = []
        for cell in range(len(weights)):
            open_weights = [w for w in weights[: cell + 1] if w]
            self.low.append(min([0, *open_weights]))
            self.high.append(max([0, *open_weights]))
            whole = len(open_weights) == cell + 1 and len(set(open_weights)) == 1
            self.uniform.append(open_weights[0] if whole else None)

    @classmethod
    def of(cls, terms: list[tuple[int, int]], constant: int, width: int) -> _Prune:
        weights = [0] * width
        for index, weight in terms:
            weights[index] += weight
        return cls(weights, constant)

    def possible(self, cell: int, least: int, most: int, digits: int) -> bool:
        """Whether the equation can hold when cells 0..cell, still open, take `digits` digits
        and sum to least..most."""
        if cell < 0:
            return self.partial == 0
        weight = self.uniform[cell]
        if weight is None:
            return self.partial + self.low[cell] * most <= 0 <= self.partial + self.high[cell] * most
        # The equation covers every open cell with one weight: their sum is fixed, so no cell
        # is wider than that sum, and the digits must fit.
        needed, remainder = divmod(-self.partial, weight)
        if remainder or not least <= needed <= most:
            return False
        return digits <= (cell + 1) * len(str(needed)) if needed else digits == cell + 1


def _all_hold(equations: list[tuple[list[tuple[int, int]], int]], values: list[int | None]) -> bool:
    """Every equation whose cells are all filled holds (one with a blank cell cannot be judged)."""
    for terms, constant in equations:
        judged = all(values[index] is not None for index, _ in terms)
        if judged and constant + sum(weight * (values[index] or 0) for index, weight in terms) != 0:
            return False
    return True


def search(runs: Sequence[Run], candidates: Sequence[list[Split]], across: Sequence[Linear]) -> Search:
    """Every combination of one candidate split per run that satisfies `across` (equations
    over cells of several runs), up to `MAX_SOLUTIONS`."""
    where = {ref: (r, c) for r, run in enumerate(runs) for c, ref in enumerate(run.cells)}
    equations = [[(where[ref], weight) for ref, weight in eq.terms] for eq in across]
    constants = [eq.constant for eq in across]
    if not all(candidates):
        return Search((), True)
    options = _narrow([list(c) for c in candidates], equations, constants)
    if not all(options):
        return Search((), True)
    touching: list[list[int]] = [[] for _ in runs]
    for number, terms in enumerate(equations):
        for r in {r for (r, _), _ in terms}:
            touching[r].append(number)
    chosen: list[Split | None] = [None] * len(runs)
    solutions: list[tuple[Split, ...]] = []
    nodes = 0
    bounds = [_bounds(option, len(run.cells)) for option, run in zip(options, runs, strict=True)]

    def consistent(numbers: list[int]) -> bool:
        return all(_possible(equations[n], constants[n], chosen, bounds) for n in numbers)

    def walk(order: list[int]) -> bool:
        nonlocal nodes
        if not order:
            solutions.append(tuple(split for split in chosen if split is not None))
            return len(solutions) < MAX_SOLUTIONS
        run, rest = order[0], order[1:]
        for split in options[run]:
            nodes += 1
            if nodes > MAX_NODES:
                return False
            chosen[run] = split
            if consistent(touching[run]) and not walk(rest):
                chosen[run] = None
                return False
        chosen[run] = None
        return True

    complete = walk(_order(options, touching, equations))
    return Search(tuple(solutions), complete)


def _order(options: list[list[Split]], touching: list[list[int]], equations: list[list[_Term]]) -> list[int]:
    """Fewest splits first, then the run sharing most equations with those already ordered."""
    order: list[int] = []
    left = set(range(len(options)))
    while left:

        def rank(r: int) -> tuple[int, int]:
            shared = sum(1 for n in touching[r] if any(o in order for (o, _), _ in equations[n]))
            return (-shared, len(options[r])) if order else (0, len(options[r]))

        best = min(sorted(left), key=rank)
        order.append(best)
        left.remove(best)
    return order


def _bounds(options: list[Split], width: int) -> list[tuple[int, int] | None]:
    """Each cell's least and greatest value over the options (None: some option leaves it blank)."""
    result: list[tuple[int, int] | None] = []
    for cell in range(width):
        column = [option[cell] for option in options]
        numbers = [value for value in column if value is not None]
        result.append(None if len(numbers) < len(column) or not numbers else (min(numbers), max(numbers)))
    return result


def _possible(
    terms: list[_Term],
    constant: int,
    chosen: Sequence[Split | None],
    bounds: list[list[tuple[int, int] | None]],
) -> bool:
    """Whether the equation can still hold given the chosen splits and the others' bounds."""
    low = high = constant
    for (run, cell), weight in terms:
        split = chosen[run]
        if split is not None:
            value = split[cell]
            if value is None:
                return True  # a blank cell: the equation cannot be judged
            low, high = low + weight * value, high + weight * value
            continue
        bound = bounds[run][cell]
        if bound is None:
            return True
        low += weight * (bound[0] if weight > 0 else bound[1])
        high += weight * (bound[1] if weight > 0 else bound[0])
    return low <= 0 <= high


def _narrow(options: list[list[Split]], equations: list[list[_Term]], constants: list[int]) -> list[list[Split]]:
    """Drop each run's splits that no choice of the other runs' (bounded) cells can complete."""
    changed = True
    while changed:
        changed = False
        bounds = [_bounds(option, len(option[0]) if option else 0) for option in options]
        for terms, constant in zip(equations, constants, strict=True):
            for run in {r for (r, _), _ in terms}:
                chosen: list[Split | None] = [None] * len(options)
                kept = []
                for split in options[run]:
                    chosen[run] = split
                    if _possible(terms, constant, chosen, bounds):
                        kept.append(split)
                if not kept:
                    return [[] for _ in options]
                if len(kept) < len(options[run]):
                    options[run] = kept
                    bounds[run] = _bounds(kept, len(kept[0]) if kept else 0)
                    changed = True
    return options


def components(runs: Sequence[Run], across: Sequence[Linear]) -> Iterator[tuple[list[int], list[Linear]]]:
    """Groups of runs tied by equations (and the equations of each), to be searched apart."""
    owner = {ref: r for r, run in enumerate(runs) for ref in run.cells}
    parent = list(range(len(runs)))

    def root(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for eq in across:
        tied = [owner[ref] for ref, _ in eq.terms]
        for r in tied[1:]:
            parent[root(r)] = root(tied[0])
    groups: dict[int, list[int]] = {}
    for r in range(len(runs)):
        groups.setdefault(root(r), []).append(r)
    for members in groups.values():
        inside = set(members)
        yield members, [eq for eq in across if owner[eq.terms[0][0]] in inside]
