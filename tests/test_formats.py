"""The format data under rules/formats: shape, and that every official label reads as its row."""

from __future__ import annotations

import pytest

from giocheck.formats import FormatSpec, RowSpec, formats
from giocheck.labels import normalize

FORMATS = sorted(formats().values(), key=lambda spec: spec.key)


def _cells(spec: FormatSpec, table: str) -> int:
    table_spec = spec.table(table)
    return sum(len(table_spec.row_columns(row.key)) for row in table_spec.rows)


def test_the_tables_have_the_official_shape() -> None:
    new, old = formats()["2021"], formats()["2019"]
    assert (len(new.table("T3").rows), _cells(new, "T3")) == (25, 175)
    assert (len(old.table("T3").rows), _cells(old, "T3")) == (23, 161)
    assert (_cells(new, "T2"), _cells(old, "T2")) == (10, 22)
    assert _cells(new, "T4") == _cells(old, "T4") == 15
    assert [s.key for s in new.sections] == [s.key for s in old.sections]


@pytest.mark.parametrize("spec", FORMATS, ids=[s.key for s in FORMATS])
def test_every_official_label_reads_as_its_own_row(spec: FormatSpec) -> None:
    """A label must match its row, and no later row may claim it (rows are matched in order)."""
    for table in spec.tables:
        if table.single_row:
            continue
        for index, row in enumerate(table.rows):
            label = normalize(row.label)
            own = _end(row, label)
            assert own == len(label), (table.key, row.key)
            for later in table.rows[index + 1 :]:
                assert _end(later, label) < own, (table.key, row.key, later.key)


def _end(row: RowSpec, label: str) -> int:
    return max((m.end() for p in row.patterns for m in p.finditer(label)), default=-1)


def test_variants_are_matched_as_exact_labels() -> None:
    row = RowSpec(key="X", label="甲乙", variants=["丙 丁"])
    assert _end(row, normalize("（一）丙丁")) == 5
    assert _end(row, normalize("丙丁戊")) == -1
