"""Table placement as named strategies tried in order, over a table's format compiled once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from giocheck.extract.compiled import compiled, last_match_end
from giocheck.extract.placement import (
    STRATEGIES,
    Placement,
    Substitution,
    View,
    as_substitute,
    by_earlier_label,
    by_label,
    by_similarity,
    mistyped_row,
    named_labels,
    place,
)
from giocheck.extract.tokens import TableLine, split_line
from giocheck.formats import formats
from giocheck.labels import normalize
from giocheck.readers.text import read_text

T3 = formats()["2021"].table("T3")
KEYS = [row.key for row in T3.rows]
SEVEN = "\t".join(["1"] * 7)


def lines(*texts: str) -> list[TableLine]:
    """Table lines as the text reader and the splitter make them."""
    return [split_line(line) for line in read_text("\n".join(texts), "t.txt").lines]


def view(table_lines: list[TableLine], position: int = 0, last: int = -1, placed: frozenset[str] = frozenset()) -> View:
    return View(compiled(T3), table_lines, position, last, placed, frozenset(), named_labels(table_lines))


def answer(table_lines: list[TableLine], position: int = 0, **state: object) -> object:
    line = table_lines[position]
    return place(view(table_lines, position, **state), line, normalize(line.label), [])  # type: ignore[arg-type]


def test_strategies_are_named_and_tried_in_declared_order() -> None:
    assert [strategy.__name__ for strategy in STRATEGIES] == [
        "by_label",
        "by_order",
        "as_substitute",
        "by_earlier_label",
        "by_similarity",
    ]


def test_a_label_names_a_later_row() -> None:
    table_lines = lines(f"（一）予以公开\t{SEVEN}")
    found = by_label(view(table_lines), table_lines[0], normalize(table_lines[0].label), [])
    assert found == Placement(KEYS.index("R_GRANT"), "label")


def test_a_note_in_the_first_rows_label_naming_a_row_ahead_does_not_move_it() -> None:
    # The row the label names before the next line's row is the first row, index 0: still an answer.
    table_lines = lines(
        f"一、本年新收政府信息公开申请数量（不含部分公开）\t{SEVEN}", f"二、上年结转政府信息公开申请数量\t{SEVEN}"
    )
    found = by_label(view(table_lines), table_lines[0], normalize(table_lines[0].label), [])
    assert found == Placement(KEYS.index("NEW"), "label")


def test_a_line_without_a_label_takes_the_next_row_in_order() -> None:
    table_lines = lines(SEVEN)
    assert by_label(view(table_lines, last=3), table_lines[0], "", []) is None
    assert answer(table_lines, last=3) == Placement(4, "order")


def test_a_row_printed_out_of_order_is_placed_once() -> None:
    table_lines = lines(f"上年结转政府信息公开申请数量\t{SEVEN}")
    line = table_lines[0]
    assert by_label(view(table_lines, last=5), line, normalize(line.label), []) is None
    assert answer(table_lines, last=5) == Placement(KEYS.index("CARRY_IN"), "label")
    again = view(table_lines, last=5, placed=frozenset({"CARRY_IN"}))
    assert by_earlier_label(again, line, normalize(line.label), []) is None


def test_an_older_formats_row_is_a_substitute_for_the_rows_it_replaces() -> None:
    table_lines = lines(f"（六）其他处理\t{SEVEN}")
    line = table_lines[0]
    found = as_substitute(view(table_lines, last=19), line, normalize(line.label), [])
    assert isinstance(found, Substitution) and found.substitute.key == "R_OTHER"
    assert [KEYS[index] for index in found.replaced] == ["R_OTHER_1", "R_OTHER_2", "R_OTHER_3"]
    # Past the rows it replaces, it is no substitute any more.
    assert as_substitute(view(table_lines, last=21), line, normalize(line.label), []) is None


def test_a_label_with_a_dropped_character_is_placed_by_similarity() -> None:
    table_lines = lines(f"4.保护第三方合权益\t{SEVEN}")
    line = table_lines[0]
    assert by_label(view(table_lines, last=6), line, normalize(line.label), []) is None
    found = by_similarity(view(table_lines, last=6), line, normalize(line.label), [])
    assert found == Placement(KEYS.index("R_DENY_4"), "similar")


def test_a_value_run_broken_by_a_mistyped_number_is_read_with_it() -> None:
    table_lines = lines("（一）予以公开 66x 1 1 1 1 1 1")
    found = mistyped_row(view(table_lines), [], table_lines[0])
    assert found is not None and found.index == KEYS.index("R_GRANT")
    assert [token.text for token in found.cells] == ["66x", *["1"] * 6]


def test_nothing_answers_for_a_label_of_no_row() -> None:
    table_lines = lines(f"与本表无关的文字\t{SEVEN}")
    assert answer(table_lines, last=3) is None


def test_a_table_is_compiled_once() -> None:
    table = compiled(T3)
    assert compiled(T3) is table
    assert table.count(0) == 7 and table.keys == tuple(KEYS)


@given(st.lists(st.sampled_from([*(row.label for row in T3.rows), "其他", "总计", "部分公开", "申请"]), max_size=3))
def test_remembered_matches_are_what_matching_gives(parts: list[str]) -> None:
    label = normalize("".join(parts))
    assert compiled(T3).ends(label) == tuple(last_match_end(row, label) for row in T3.rows)
    assert compiled(T3).ends(label) == tuple(last_match_end(row, label) for row in T3.rows)
