"""Inputs that once crashed giocheck (issue 12's campaign and the fuzzers), kept inline: each must
now be read and checked, or refused in one line — `tests.fuzzing.keeps_contract`."""

from __future__ import annotations

import pytest

from tests.fuzzing import keeps_contract, seeds


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
    # A PDF that ends in its header.
    "pdf-header-only": (b"%PDF-1.7\n", ".pdf"),
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_a_former_crasher_keeps_the_contract(name: str) -> None:
    data, suffix = CRASHERS[name]
    keeps_contract(data, suffix)


def test_a_json_cell_of_huge_exponent_keeps_the_contract() -> None:
    keeps_contract(_data(b'"value": 0', b'"value": "1E+1000000"'), ".json")
