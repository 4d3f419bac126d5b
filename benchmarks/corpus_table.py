"""Print how the real corpus reads: file → kind → read exact / partly / not, and the rate by kind.

    .venv/bin/python benchmarks/corpus_table.py [--markdown]

Each report in `tests/data/real` with a hand-read `<stem>.expected.json` is read with
`giocheck.load` and every expected cell compared (see `tests/corpus.py`). `exact`: every cell
right and no read problem (excerpts may lack rows); `partly`: some cells right; `not`: refused
as unreadable or no cell right. `silent` counts wrong cells in a table without a read problem —
what must stay 0. `marked` is the mode the expected file sets for today's code.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import Reading, fixtures, read_fixture  # noqa: E402

VERDICTS = ("exact", "partly", "not")


def _rows(readings: list[Reading]) -> list[tuple[str, ...]]:
    return [
        (
            reading.fixture.path.name,
            reading.fixture.kind,
            reading.verdict,
            f"{reading.right}/{reading.cells}",
            str(len(reading.uncovered)),
            reading.fixture.mode,
        )
        for reading in readings
    ]


def _rates(readings: list[Reading]) -> list[tuple[str, ...]]:
    by_kind: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        by_kind[reading.fixture.kind].append(reading)
    by_kind["all"] = readings
    rows = []
    for kind, group in by_kind.items():
        counts = [sum(1 for r in group if r.verdict == verdict) for verdict in VERDICTS]
        rate = f"{100 * counts[0] // len(group)} %"
        rows.append((kind, str(len(group)), *map(str, counts), rate))
    return rows


def _print(header: tuple[str, ...], rows: list[tuple[str, ...]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def main() -> None:
    """Read the corpus and print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    markdown = parser.parse_args().markdown
    readings = [read_fixture(fixture) for fixture in fixtures()]
    _print(("file", "kind", "read", "cells right", "silent", "marked"), _rows(readings), markdown)
    print()
    _print(("kind", "files", *VERDICTS, "exact rate"), _rates(readings), markdown)


if __name__ == "__main__":
    main()
