"""Inputs that once crashed giocheck (issue 12's campaign and the fuzzers), kept inline: each must
now be read and checked, or refused in one line — `tests.fuzzing.keeps_contract`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from giocheck.api import load
from giocheck.errors import ReadError
from giocheck.readers import read_source
from giocheck.render.json import report_json
from tests.conftest import DATA, QU
from tests.fuzzing import keeps_contract, seeds
from tests.hostile import docx_bytes


def _data(replace: bytes, by: bytes, suffix: str = ".json") -> bytes:
    seed = seeds()[suffix]
    assert replace in seed
    return seed.replace(replace, by, 1)


CRASHERS: dict[str, tuple[bytes, str]] = {
    # UnicodeError: Python's "undefined" codec refuses everything.
    "charset-undefined": ('<meta charset="undefined"><p>一、总体情况</p>'.encode(), ".html"),
    # ValueError: a date YAML builds and Python refuses.
    "yaml-no-such-date": (b"metadata:\n  published: 2025-02-30\n", ".yaml"),
    # RecursionError: YAML nested a thousand deep.
    "yaml-deep": (b"metadata: " + b"[" * 1000 + b"]" * 1000, ".yaml"),
    # ValueError: an int of more than 4,300 digits in YAML.
    "yaml-huge-int": (b"metadata:\n  year: " + b"9" * 5000 + b"\n", ".yaml"),
    # ValueError (int-to-str limit): a number of 5,000 digits in prose, then printed in a finding.
    "prose-huge-number": ("一、总体情况\n本年共收到申请".encode() + b"7" * 5000 + "件。\n".encode(), ".txt"),
    # An exponent no count has, and values that are no numbers at all.
    "json-float-overflow": (b'{"metadata": {"year": 1e400, "format": "2021"}}', ".json"),
    "json-nan": (b'{"metadata": {"year": NaN, "format": "2021"}}', ".json"),
    "json-lone-surrogate": (b'{"metadata": {"agency": "\\ud800", "year": 2025, "format": "2021"}}', ".json"),
    # zlib.error and NotImplementedError from a Word file's damaged or unknown compression.
    "docx-not-a-zip-inside": (b"PK\x03\x04" + b"\x00" * 200, ".docx"),
    # ValueError (int-to-str limit): a pipe table's first column of numbers looked at as a
    # pandas index, one cell of 5,000 digits (benchmarks/fuzz.py).
    "markdown-index-huge-number": (
        "一、总体情况\n\n|  | 自然人 |\n|---|---|\n| 0 | 1 |\n| ".encode() + b"9" * 5000 + b" | 2 |\n",
        ".md",
    ),
    # A PDF that ends in its header.
    "pdf-header-only": (b"%PDF-1.7\n", ".pdf"),
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_a_former_crasher_keeps_the_contract(name: str) -> None:
    data, suffix = CRASHERS[name]
    keeps_contract(data, suffix)


def test_a_json_cell_of_huge_exponent_keeps_the_contract() -> None:
    keeps_contract(_data(b'"value": 0', b'"value": "1E+1000000"'), ".json")


@pytest.mark.parametrize("year", [0, -1, 9999, 10_000, 2**63])
def test_report_data_with_a_year_no_calendar_holds_is_one_line(year: int, tmp_path: Path) -> None:
    # ValueError / OverflowError from date(year + 1, 1, 1) in Y_YEAR_ENDED (benchmarks/fuzz_data.py).
    for suffix, written in ((".json", b'"year": %d'), (".yaml", b"year: %d")):
        data = _data(written % 2025, written % year, suffix)
        with pytest.raises(ReadError, match=r"metadata\.year"):
            read_source(_written(tmp_path, data, suffix))
        keeps_contract(data, suffix)


def test_report_data_of_the_last_year_a_calendar_holds_is_checked() -> None:
    keeps_contract(_data(b'"year": 2025', b'"year": 9998'), ".json")


@pytest.mark.parametrize(
    ("field", "edit"),
    [
        ("metadata.agency", lambda data: data["metadata"].update(agency="渠县\n信访局")),
        ("tables.T3.rows.NEW.cells.NP.raw", lambda data: _cell(data).update(value=5, raw="1\n2")),
        ("tables.T3.rows.NEW.label", lambda data: data["tables"]["T3"]["rows"]["NEW"].update(label="一、\r本年新收")),
        ("sections.0.heading", lambda data: data["sections"][0].update(heading="一、总体情况\u2028")),
    ],
)
def test_report_data_with_a_line_break_where_a_report_has_one_line_is_one_line(
    field: str, edit: Callable[[dict[str, Any]], None], tmp_path: Path
) -> None:
    # Findings and the summary quote names, labels and cell text: `"raw": "1\n2"` split a finding of
    # `check --format text` over two lines (benchmarks/fuzz_data.py's unicode texts).
    data = json.loads(seeds()[".json"])
    edit(data)
    with pytest.raises(ReadError, match=field.replace(".", r"\.")):
        read_source(_written(tmp_path, json.dumps(data, ensure_ascii=False).encode(), ".json"))


def _cell(data: dict[str, Any]) -> dict[str, Any]:
    cell: dict[str, Any] = data["tables"]["T3"]["rows"]["NEW"]["cells"]["NP"]
    return cell


def test_a_title_year_in_chinese_digits_beyond_any_date_is_no_year(tmp_path: Path) -> None:
    # ValueError (year 10000 is out of range) in Y_YEAR_ENDED: 九九九九 was read as the year, where
    # Arabic years are 19xx or 20xx only. Now it is no title year, and the report is checked.
    text = QU.read_text(encoding="utf-8").replace("2025 年政府信息公开", "九九九九年政府信息公开", 1)
    keeps_contract(text.encode(), ".txt")
    assert load(_written(tmp_path, text.encode(), ".txt")).metadata.year != 9999


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # TypeError (unhashable type: 'list' / 'dict'): a row key that is no string.
        (lambda shown: shown["tables"]["T3"]["rows"][0].update(key=[1]), r"rows\.<list> "),
        (lambda shown: shown["tables"]["T2"]["rows"][0].update(key={"k": 1}), r"rows\.<dict> "),
        # The same from a table's own format, and from a substitute row's key.
        (lambda shown: shown["tables"]["T3"].update(format=["2021"]), r"tables\.T3\.format"),
        (
            lambda shown: shown["tables"]["T3"].update(substitutes=[{**shown["tables"]["T3"]["rows"][0], "key": [1]}]),
            None,
        ),
    ],
)
def test_show_json_with_keys_of_another_type_is_one_line(
    change: Callable[[dict[str, Any]], None], message: str | None, tmp_path: Path
) -> None:
    shown = report_json(load(QU))
    change(shown)
    data = json.dumps(shown, ensure_ascii=False).encode()
    keeps_contract(data, ".json")
    if message is not None:
        with pytest.raises(ReadError, match=message):
            read_source(_written(tmp_path, data, ".json"))


def test_table_rows_whose_labels_are_5000_digit_numbers_are_read_in_well_under_a_second() -> None:
    # Slow (6 s of CPU, the main campaign of benchmarks/fuzz.py): 23 pipe-table rows holding a
    # 5,000-digit number each (`@` in the template, a Markdown file once expanded) made labels that long; comparing them with every
    # row's forms and matching them against the mistyped-number pattern cost their length squared.
    template = (DATA / "fuzz" / "markdown-long-number-labels.template").read_bytes()
    started = time.process_time()
    keeps_contract(template.replace(b"@", b"9" * 5000), ".md")
    assert time.process_time() - started < 3


def _with_central_record(data: bytes, *, flags: int = 0, version: int | None = None, bad_name: bool = False) -> bytes:
    """`data` (a ZIP) with its first central directory record changed: general-purpose flag bits
    set, the "version needed" field, or a name byte that is no UTF-8."""
    out = bytearray(data)
    at = out.index(b"PK\x01\x02")
    out[at + 8 : at + 10] = (int.from_bytes(out[at + 8 : at + 10], "little") | flags).to_bytes(2, "little")
    if version is not None:
        out[at + 6 : at + 8] = version.to_bytes(2, "little")
    if bad_name:
        out[at + 46] = 0xFF
    return bytes(out)


@pytest.mark.parametrize(
    "changes",
    [
        # UnicodeDecodeError (the benchmarks/fuzz.py campaign): a name flagged UTF-8 that is not.
        {"flags": 0x800, "bad_name": True},
        # NotImplementedError: "zip file version 25.5" needed to extract.
        {"version": 255},
    ],
)
def test_a_word_file_with_a_broken_zip_directory_is_one_line(changes: dict[str, Any], tmp_path: Path) -> None:
    data = _with_central_record(docx_bytes(["一、总体情况"]), **changes)
    with pytest.raises(ReadError, match="Word 文件已损坏"):
        read_source(_written(tmp_path, data, ".docx"))


def test_yaml_nested_in_flow_a_hundred_thousand_deep_is_refused_at_once(tmp_path: Path) -> None:
    # PyYAML's scanner looks through every open `[` at each token: 2,000 took seconds (the
    # campaign), 100,000 would take hours; the depth limit now stops it at the limit.
    started = time.perf_counter()
    with pytest.raises(ReadError, match="data_depth"):
        read_source(_written(tmp_path, b"metadata: " + b"[" * 100_000, ".yaml"))
    assert time.perf_counter() - started < 5


def _written(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"report{suffix}"
    path.write_bytes(data)
    return path
