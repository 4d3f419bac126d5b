"""Format files as deltas (giocheck/formatdelta.py): 2019 is stated as what differs from 2021."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from giocheck.errors import RuleFileError
from giocheck.formatdelta import resolve
from giocheck.formats import formats, load_format
from giocheck.resources import rules_dir

FORMATS = rules_dir() / "formats"


def _raw() -> dict[Path, dict[str, object]]:
    return {path: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(FORMATS.glob("*.toml"))}


def test_2019_states_only_what_differs_and_inherits_the_rest() -> None:
    old, new = formats()["2019"], formats()["2021"]
    assert tomllib.loads((FORMATS / "2019.toml").read_text(encoding="utf-8"))["extends"] == "2021"
    assert old.table("T4") == new.table("T4")
    assert [s.key for s in old.sections] == [s.key for s in new.sections]
    assert old.sections[0] == new.sections[0]
    t3_old, t3_new = old.table("T3"), new.table("T3")
    assert [r.key for r in t3_old.rows] == [
        "R_OTHER" if r.key == "R_OTHER_1" else r.key for r in t3_new.rows if r.key not in ("R_OTHER_2", "R_OTHER_3")
    ]
    results = next(g for g in t3_old.groups if g.key == "RESULTS")
    assert results.rows is not None and results.rows[-1] == "R_OTHER"
    assert t3_old.substitutes == []  # the 2021 substitute for （六）其他处理 has nothing to stand for here
    assert old.table("T2").groups == new.table("T2").groups


def test_a_new_format_is_one_small_file() -> None:
    raw = _raw()
    path = FORMATS / "2027.toml"
    raw[path] = {"extends": "2021", "key": "2027", "first_year": 2027, "title_zh": "二〇二七年格式"}
    spec = load_format(path, resolve(raw)[path])
    base = formats()["2021"]
    assert (spec.key, spec.first_year, spec.title_zh) == ("2027", 2027, "二〇二七年格式")
    assert spec.tables == base.tables and spec.sections == base.sections


@pytest.mark.parametrize(
    ("delta", "message"),
    [
        ({"extends": "1999", "key": "x"}, "no format has that key"),
        ({"extends": "2021", "key": "x", "tables": [{"key": "T9"}]}, "not in the format it extends"),
        ({"extends": "2021", "key": "x", "sections": [{"key": "NOPE", "label": "?"}]}, "not in the format"),
        (
            {
                "extends": "2021",
                "key": "x",
                "tables": [{"key": "T3", "replace_rows": [{"replaces": ["NEW", "R_GRANT"], "rows": []}]}],
            },
            "a run of rows in order",
        ),
        (
            {
                "extends": "2021",
                "key": "x",
                "tables": [{"key": "T3", "replace_rows": [{"replaces": ["GONE"], "rows": []}]}],
            },
            "does not have",
        ),
    ],
)
def test_a_broken_delta_fails_at_load_naming_its_file(delta: dict[str, object], message: str) -> None:
    raw = _raw()
    path = FORMATS / "broken.toml"
    raw[path] = delta
    with pytest.raises(RuleFileError, match=message) as raised:
        resolve(raw)
    assert str(path) in str(raised.value)


def test_formats_that_extend_each_other_are_refused() -> None:
    one, two = Path("one.toml"), Path("two.toml")
    with pytest.raises(RuleFileError, match="extends it in turn"):
        resolve({one: {"key": "a", "extends": "b"}, two: {"key": "b", "extends": "a"}})


def test_a_delta_that_leaves_a_reference_dangling_fails_validation() -> None:
    raw = _raw()
    path = FORMATS / "dangling.toml"
    # Table two's DOCUMENTS group names rows REG and NORM; rows without them break it.
    raw[path] = {"extends": "2021", "key": "x", "tables": [{"key": "T2", "rows": [{"key": "ONLY", "label": "只一行"}]}]}
    with pytest.raises(RuleFileError, match=r"dangling\.toml"):
        load_format(path, resolve(raw)[path])


def test_code_asks_the_data_which_format_is_current_and_which_table_has_sub_tables() -> None:
    from giocheck.formats import latest_format

    assert latest_format() is max(formats().values(), key=lambda spec: spec.first_year)
    for spec in formats().values():
        assert [t.key for t in spec.tables if t.sub_tables] == ["T2"]
