"""Label normalisation: the fast way gives exactly what NFKC, quote and space removal and the
list-mark fold give, on any text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from giocheck.labels import _normalize, normalize

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_SPACE = re.compile(r"\s+")
_LIST_MARK = re.compile(r"(?<=\d)[、．。﹒]")


def reference(text: str) -> str:
    """The definition: NFKC, no quotes, no white space, `、`/`．` after an Arabic number as `.`."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    return _LIST_MARK.sub(".", folded)


# Characters where the fast way could go wrong: full-width forms and their neighbours, combining
# marks (which compose with a full-width letter once it is ASCII), compatibility characters that
# decompose to spaces or quotes, Hangul jamo, CJK compatibility ideographs, digits of other scripts.
_TRICKY = (
    "ＡＢａｚ０９，（）：；！？＂＇　\uff5f\uff60\u0301\u0308\u00a8\u00a0\u2002\u2033"
    "\u1100\u1161\u11a8\uf900\u2460㈠\u0663١、．。﹒“”‘’「」『』\"' \t\n一二三年度报告1.2"
)
_TEXTS = st.text(st.sampled_from(_TRICKY) | st.characters(), max_size=80)


@given(_TEXTS)
def test_normalize_is_nfkc_without_quotes_and_spaces(text: str) -> None:
    assert _normalize(text) == reference(text)
    assert normalize(text) == reference(text)


def test_a_report_line_folds_full_width_marks_and_list_numbers() -> None:
    assert normalize("（一）　主动公开：“规章”　1、ＡＢ") == "(一)主动公开:规章1.AB"
    assert normalize("Ａ\u0301") == "Á"  # composes once the letter is ASCII
    assert normalize("一、总体情况") == "一、总体情况"
