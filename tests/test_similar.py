"""Label similarity (giocheck/extract/similar.py) and its character data (rules/characters.toml)."""

from __future__ import annotations

import tomllib

import pytest

from giocheck.extract.similar import common_length, core, dice, fold, similarity
from giocheck.formats import formats
from giocheck.resources import rules_dir


def _label_characters() -> set[str]:
    """Every character of every string in the format files (labels, variants, patterns, titles)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (rules_dir() / "formats").glob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


def test_every_traditional_entry_is_a_label_character() -> None:
    data = tomllib.loads((rules_dir() / "characters.toml").read_text(encoding="utf-8"))
    stale = sorted(set(data["traditional"]) - _label_characters())
    assert not stale, f"rules/characters.toml lists characters no label has: {stale}"
    assert all(len(group) >= 2 for group in data["confusable"]["groups"])


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("保護第三方合法權益", "保护第三方合法权益"),
        ("确认或重新出具己获取信息", "确认或重新出具已获取信息"),
        ("末能", "未能"),
    ],
)
def test_fold_makes_traditional_and_confused_characters_alike(printed: str, expected: str) -> None:
    assert fold(printed) == fold(expected)


def test_core_drops_numbering_and_marks() -> None:
    assert core("（三）4.保护第三方合法权益") == "保护第三方合法权益"
    assert core(fold("2、“三安全一稳定”")) == "三安全一稳定"


def test_dice_counts_a_dropped_character_wherever_it_is() -> None:
    assert common_length("保护第三方合法权益", "保护第三方合权益") == 8
    assert dice("abcd", "abd") == dice("abcd", "bcd") == pytest.approx(6 / 7)
    assert dice("", "") == 0.0


def test_the_list_number_speaks_for_or_against_a_row() -> None:
    table = formats()["2021"].table("T3")
    own = similarity(table, table.row("R_DENY_4"), ["4.保护第三方合权益"])
    other = similarity(table, table.row("R_DENY_4"), ["5.保护第三方合权益"])
    assert own > other
    assert similarity(table, table.row("R_UNABLE_1"), ["（四）无法提"]) > 0.8  # the group's first row
    assert similarity(table, table.row("R_UNABLE_2"), ["（四）无法提"]) < 0.5
