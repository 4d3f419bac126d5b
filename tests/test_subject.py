"""What the kinds look at (`giocheck/engine/subject.py`): prose form, line starts, the memo."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from giocheck.document import PAGE_FOOTER
from giocheck.engine.subject import Subject, _passage, prose_form
from giocheck.profile import profile_of
from tests.support import read

# What the prose form was first written as: one regular expression after another.
_FOOTER = re.compile(rf"^[^\S\n]*{PAGE_FOOTER.pattern}[^\S\n]*$", re.MULTILINE)
_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})


def _prose_as_written(text: str) -> str:
    text = re.sub(r"\s+", "", _FOOTER.sub("", text))
    text = re.sub(r"(?<=\d),(?=\d{3})", "\0", text).translate(_WIDTH)
    return text.replace("\0", ",")


def _starts_as_written(text: str) -> list[int]:
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(re.sub(r"\s+", "", _FOOTER.sub("", line)))
    return starts


# Digits, commas, brackets, page footers, every kind of white space, a NUL, Chinese.
_SINGLE = ["3", "119", ",", "，", "(", ")", ":", ";", "!", "?", " ", "\t", "\n", "\u3000", "\xa0", "\x0b", "\x1c", "\0"]
_PIECES = st.sampled_from(
    [*_SINGLE, "- 3 -", "—12—", "第 2 页", "第2页共5页", "3/7", "共", "申请", "件。", "结转", "2,5", "1,234,567"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@given(_TEXTS)
def test_the_prose_form_is_what_the_regular_expressions_made(text: str) -> None:
    assert prose_form(text) == _prose_as_written(text)


@given(_TEXTS)
def test_each_line_starts_where_the_prose_form_has_it(text: str) -> None:
    passage = _passage("OVERVIEW", "一、总体情况", text, None, [None] * len(text.split("\n")))
    assert list(passage.starts) == _starts_as_written(text)
    assert passage.text == _prose_as_written(text)


def test_what_a_subject_works_out_is_worked_out_once(qu_text: str) -> None:
    report = read(qu_text)
    subject = Subject(report, None, profile_of(report.metadata))
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        return len(calls)

    assert subject.memo("key", work) == 1
    assert subject.memo("key", work) == 1
    assert calls == [1]
    assert subject.texts is subject.texts
    assert [p.key for p in subject.passages(["OTHER", "OVERVIEW", "NOPE"])] == ["OTHER", "OVERVIEW"]
