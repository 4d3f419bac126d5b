"""Label normalisation: the one place that decides when two printed labels are the same.

Real reports print the same label with full- or half-width punctuation, stray spaces from
PDF extraction, curly or straight quotes and different list markers (spec §6–§7).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
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
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    folded = _SPACE.sub("", folded)
    # Only fold a mark that follows an Arabic list number: "1、申请人" but not "一、总体情况".
    return _LIST_MARK.sub(".", folded)


def has_letters(text: str) -> bool:
    """True when `text` holds any CJK or Latin letter, i.e. is more than numbering."""
    return any(ch.isalpha() for ch in text)
