"""Label normalisation: the one place that decides when two printed labels are the same.

Real reports print the same label with full- or half-width punctuation, stray spaces from
PDF extraction, curly or straight quotes and different list markers (spec §6–§7).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIST_MARK = re.compile(r"(?<=\d)[、．。﹒]")


def normalize(text: str) -> str:
    """Return `text` in the form label patterns are written against.

    NFKC (full-width letters, digits and brackets become ASCII), no white space, no quotes,
    and `、`/`．` after a list number folded to `.`. Section numerals keep their `、`.
    """
    return _normalized(text) if len(text) <= _LABEL_LENGTH else _normalize(text)


# Extraction asks for the same short labels (and single characters) over and over, per report;
# longer texts (a line of prose, a whole page) are each asked for once. The cache is bounded
# small, so a worker that checks 10,000 reports does not keep every report's title lines.
_LABEL_LENGTH = 64


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    folded = _nfkc(text)
    for quote in _QUOTE_MARKS:
        if quote in folded:
            folded = folded.replace(quote, "")
    folded = "".join(folded.split())  # every white space character, as `\\s` in a pattern
    # Only fold a mark that follows an Arabic list number: "1、申请人" but not "一、总体情况".
    return _LIST_MARK.sub(".", folded) if _AFTER_NUMBER.search(folded) else folded


# NFKC of a whole page is slow (a quarter of a microsecond a character); in a Chinese report the
# characters it changes are almost always the full-width forms of ASCII (`，` `（` `：`) and the
# ideographic space, each of which decomposes to exactly one ASCII character. Those are mapped
# first; when what is left is already in NFKC, it *is* the NFKC of the text (both have the same
# compatibility decomposition), else the text takes the full way.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_QUOTE_MARKS = "“”‘’\"'「」『』"
_AFTER_NUMBER = re.compile(r"\d[、．。﹒]")


def _nfkc(text: str) -> str:
    if text.isascii():
        return text
    mapped = text
    for char in set(_FULL_WIDTH.findall(text)):
        mapped = mapped.replace(char, _HALF_WIDTH[char])
    return mapped if unicodedata.is_normalized("NFKC", mapped) else unicodedata.normalize("NFKC", text)


def has_letters(text: str) -> bool:
    """True when `text` holds any CJK or Latin letter, i.e. is more than numbering."""
    return any(ch.isalpha() for ch in text)
