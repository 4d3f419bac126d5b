"""The limits (giocheck/limits.py) and the readers' bounds: one line naming the limit, raised by
`--limit` or the configuration; JSON/YAML parsed within them (readers/datatree.py); long numbers
(extract/overlong.py); a few bad UTF-8 bytes (readers/encoding.py); names made one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giocheck.api import load
from giocheck.config import resolve_config
from giocheck.errors import ReadError, UsageError
from giocheck.limits import LimitExceeded, Limits, current_limits, over_limit, use_limits, with_settings
from giocheck.readers import safe_name
from giocheck.readers.datatree import load_json, load_yaml
from giocheck.readers.encoding import NotText, decode_report
from giocheck.textnum import parse_number
from tests.conftest import QU

_DOCS = Path(__file__).parent.parent / "docs" / "guarantees.md"


def test_the_docs_state_every_limit_with_its_default() -> None:
    table = dict(re.findall(r"^\| `(\w+)` \| (\d+) \|", _DOCS.read_text(encoding="utf-8"), re.MULTILINE))
    assert table == {name: str(field.default) for name, field in Limits.model_fields.items()}


def test_settings_raise_a_limit_and_bad_ones_are_one_line() -> None:
    assert with_settings(Limits(), ["pdf_pages=1000", "pdf-chars = 5"]) == Limits(pdf_pages=1000, pdf_chars=5)
    for bad in ("pdf_pages", "pages=3", "pdf_pages=0", "pdf_pages=many"):
        with pytest.raises(UsageError) as raised:
            with_settings(Limits(), [bad])
        assert "\n" not in str(raised.value)


def test_the_configuration_sets_limits_and_names_an_unknown_one(tmp_path: Path) -> None:
    (tmp_path / "giocheck.toml").write_text("[limits]\npdf_pages = 9\n", encoding="utf-8")
    assert resolve_config(None, tmp_path).limits.pdf_pages == 9
    (tmp_path / "giocheck.toml").write_text("[limits]\npages = 9\n", encoding="utf-8")
    with pytest.raises(Exception, match="pages"):
        resolve_config(None, tmp_path)


def test_an_over_limit_line_names_the_limit_and_how_to_raise_it() -> None:
    with use_limits(Limits(pdf_pages=7)):
        error = over_limit("a.pdf", "pdf_pages", "9 页", "9 pages")
        assert current_limits().pdf_pages == 7
    assert current_limits().pdf_pages == Limits().pdf_pages
    for text in (error.message("zh"), error.message("en")):
        assert "pdf_pages=7" in text and "--limit pdf_pages=" in text and "\n" not in text


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        (
            "a: &a [1, 2]\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}]\n" for p, c in zip("abcdefghijklmno", "bcdefghijklmnop", strict=True)
            ),
            "data_nodes",
        ),
        ("a: " + "[" * 100 + "]" * 100, "data_depth"),
        ("a: " + "9" * 30, "number_digits"),
        ("a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]", "yaml_aliases"),
    ],
)
def test_yaml_is_parsed_within_the_limits(text: str, limit: str) -> None:
    with pytest.raises(LimitExceeded) as raised:
        load_yaml(text)
    assert raised.value.name == limit


def test_json_is_parsed_within_the_limits() -> None:
    for text, limit in (("[" * 100_000 + "]" * 100_000, "data_depth"), ("[" + "9" * 30 + "]", "number_digits")):
        with pytest.raises(LimitExceeded) as raised:
            load_json(text)
        assert raised.value.name == limit
    assert load_json('{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}


def test_a_few_bad_bytes_are_replaced_and_located_more_are_not() -> None:
    data = bytearray(QU.read_bytes())
    at = data.index("一、".encode()) + 1
    data[at] = 0xFF
    decoded = decode_report(bytes(data))
    assert decoded.encoding == "utf-8" and "\ufffd" in decoded.text
    line = decoded.bad_bytes[0][0]
    assert decoded.text.splitlines()[line - 1].count("\ufffd") == 1
    many = bytes(b if index % 40 else 0xFF for index, b in enumerate(QU.read_bytes()))
    with pytest.raises(NotText):  # one broken character in forty bytes: no UTF-8 report
        decode_report(many)


def test_a_report_with_a_bad_byte_is_checked_with_a_note(tmp_path: Path) -> None:
    data = bytearray(QU.read_bytes())
    data[data.index("一、".encode()) + 1] = 0xFF
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(data))
    report = load(path)
    assert [note.kind for note in report.notes if note.kind == "bad_bytes"] == ["bad_bytes"]


def test_numbers_longer_than_the_limit_are_never_made() -> None:
    with pytest.raises(ValueError, match="too long"):
        parse_number("9" * 5000)
    assert parse_number("3,119") == 3119


@given(st.text())
def test_a_safe_name_is_one_printable_line(name: str) -> None:
    shown = safe_name(name)
    assert "\n" not in shown and "\r" not in shown
    shown.encode("utf-8")  # no lone surrogate left
    if name.isprintable():
        assert shown == name


def test_undecodable_bytes_in_a_name_are_shown_as_escapes() -> None:
    assert safe_name(b"a\nb-\xff.txt".decode("utf-8", "surrogateescape")) == "a\\nb-\\xff.txt"


def test_a_cell_of_thousands_of_digits_is_named_not_a_crash(tmp_path: Path) -> None:
    from tests.hostile import huge_number_cell

    report = load(huge_number_cell(tmp_path))
    notes = [note for note in report.notes if note.kind == "long_number"]
    assert len(notes) == 1 and notes[0].table == "T3" and notes[0].row == "NEW"
    with pytest.raises(ReadError), use_limits(Limits(text_chars=100)):
        load(QU)


@pytest.mark.parametrize(
    ("setting", "zh", "en"),
    [
        ("pdf_page=9", "--limit 应写作 NAME=VALUE", "--limit takes NAME=VALUE, NAME one of"),
        ("pdf_pages=-1", "--limit pdf_pages 应是正整数", "--limit pdf_pages must be a positive whole number"),
    ],
)
def test_a_bad_limit_setting_speaks_both_languages(setting: str, zh: str, en: str) -> None:
    with pytest.raises(UsageError) as raised:
        with_settings(Limits(), [setting])
    assert raised.value.message("zh").startswith(zh)
    assert raised.value.message("en").startswith(en) and not re.search(r"[\u4e00-\u9fff]", raised.value.message("en"))
