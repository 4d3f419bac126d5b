"""The words a pattern cannot match without (`giocheck/engine/literals.py`): never a word a match
may lack, so skipping a pattern on a text without them changes no finding."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck.engine.literals import may_match, prefilter, required_words
from giocheck.engine.ruledata import expand_placeholders
from giocheck.engine.ruledata import may_match as rule_may_match
from giocheck.engine.rulefile import default_rules

# Every pattern of the shipped rules that reads text (claims' `pattern` and `part`), expanded.
SHIPPED = sorted(
    {
        expand_placeholders(text)
        for rule in default_rules().rules
        for claim in getattr(rule, "claims", None) or []
        for text in (claim.pattern, claim.part)
        if text
    }
)


def _holds(clauses: tuple[tuple[str, ...], ...], text: str) -> bool:
    return all(any(word in text for word in clause) for clause in clauses)


@pytest.mark.parametrize("pattern", SHIPPED)
def test_every_match_of_a_shipped_pattern_holds_its_words(pattern: str) -> None:
    clauses = required_words(pattern)

    @settings(max_examples=25)
    @given(st.from_regex(pattern))
    def matches(text: str) -> None:
        for match in re.finditer(pattern, text):
            assert _holds(clauses, match[0]), (clauses, match[0])

    matches()


def test_the_expensive_shipped_patterns_get_a_prefilter() -> None:
    # A pattern that begins with a number or a look-behind is tried at every position: these
    # are the ones the words are tested for, and the ones that need no test get none.
    share = expand_placeholders(
        "(?P<whole>{number})(?:件|条|个|次)[^。；]{0,30}?其中[^。；]{0,20}?(?P<part>{number})件"
    )
    assert ("其中",) in prefilter(share)
    assert prefilter(expand_placeholders("(?P<n>{number})件(?:申请)?(?:顺延|结转)(?:到|至)?下一?年度")) == (
        ("年度",),
        ("结转", "顺延"),
    )
    assert prefilter("(?<!公开[及和与、])予以公开(?:的)?(?P<n>\\d+)(?:件|条|宗)")[0] == ("予以公开",)
    assert prefilter("(?:收到|受理)申请(?P<n>\\d+)件") == ()  # the engine scans for 收/受 itself
    assert prefilter("未(?:发生|出现)行政复议") == ()


@pytest.mark.parametrize(
    ("pattern", "clauses"),
    [
        ("予以公开(?:的)?(?:申请)?", (("予以公开",),)),  # 予以公开的 holds 予以公开: one word says it
        ("(?:收到|受理)[^。]{0,5}申请", (("申请",), ("受理", "收到"))),  # fewest words first
        ("a(?=x)b", (("ab",),)),  # a look-ahead consumes nothing: a and b stay adjacent
        ("(?:ab|c*)d", (("d",),)),  # an alternative that needs no word: the branch needs none
        ("(?:ab)+c", (("ab",), ("c",))),  # a repeat is not joined with what follows
        ("(?i)abc", ()),  # case-insensitive: nothing is said
        ("a(?i:b)c", ()),
        ("(a)\\1", (("a",),)),
        ("", ()),
    ],
)
def test_the_words_read_off_a_pattern(pattern: str, clauses: tuple[tuple[str, ...], ...]) -> None:
    assert required_words(pattern) == clauses


def test_a_text_without_a_word_of_a_clause_is_skipped_and_one_with_them_is_not() -> None:
    pattern = "(?<!x)(?P<n>\\d+)件(?:顺延|结转)至下年度"
    assert not may_match(pattern, "共3件，均已办结。")
    assert may_match(pattern, "有3件结转至下年度。")
    assert not rule_may_match("(?P<n>{number})件(?:申请)?(?:顺延|结转)(?:到|至)?下一?年度", "无结转。")


# Random patterns over a small alphabet, and random texts over it: whatever the pattern finds
# in a text holds every clause of its words.
_ALPHABET = "abc。"
_ATOM = st.sampled_from(["a", "b", "c", "ab", "[ab]", "[^a]", ".", "\\d", "(?<!a)", "(?=b)", "(?!c)", "^", "$"])


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda parts: "(?:" + "|".join(parts) + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "??", "*?", "{0,2}"])).map(
                lambda pair: f"(?:{pair[0]}){pair[1]}"
            ),
            inner.map(lambda body: f"({body})"),
        )

    return st.recursive(_ATOM, extend, max_leaves=8)


@settings(max_examples=400)
@given(_patterns(), st.text(alphabet=_ALPHABET + "1", max_size=12))
def test_no_match_of_any_pattern_lacks_its_words(pattern: str, text: str) -> None:
    clauses = required_words(pattern)
    for match in re.finditer(pattern, text):
        assert _holds(clauses, match[0]), (pattern, clauses, match[0])
    if re.search(pattern, text):
        assert may_match(pattern, text)
