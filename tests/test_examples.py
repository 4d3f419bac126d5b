"""Every rule's documented examples (rules/examples.toml): the failing one fails it, the passing one passes."""

from __future__ import annotations

import re

import pytest

from giocheck.engine.rulefile import default_rules
from giocheck.examples import RuleExample, describe_side, rule_examples, run_example, sample_path
from giocheck.formats import formats
from tests.test_lang import CJK, _outside_quotes

# Every rule of every format; each example edits the bundled sample of its format.
RULES = sorted({rule.id for rule in default_rules().rules})


def _sample(example: RuleExample) -> str:
    return sample_path(example.format).read_text(encoding="utf-8")


KEYS = {
    key
    for spec in formats().values()
    for table in spec.tables
    for key in [*(r.key for r in table.rows), *(c.key for c in table.columns), *(s.key for s in table.substitutes)]
} | {section.key for spec in formats().values() for section in spec.sections}


def test_every_rule_has_an_example_and_every_example_a_rule() -> None:
    examples = rule_examples()
    assert sorted(set(RULES) - set(examples)) == [], "add the rule's examples to rules/examples.toml"
    assert sorted(set(examples) - set(RULES)) == []


@pytest.mark.parametrize("rule", RULES)
def test_the_failing_example_fails_the_rule_and_the_passing_one_does_not(rule: str) -> None:
    example: RuleExample = rule_examples()[rule]
    assert rule in {r.id for r in default_rules().rules if example.format in r.formats}, (
        "the sample is not of its format"
    )
    failing = run_example(example.failing, _sample(example))
    assert failing.report.problems == []
    assert [f for f in failing.findings if f.rule == rule and f.status == "fail"], f"{rule}: the failing example passes"
    passing = run_example(example.passing, _sample(example))
    assert passing.report.problems == []
    # Not even "not assessable": the passing example shows the rule satisfied.
    assert not [f for f in passing.findings if f.rule == rule], f"{rule}: the passing example does not pass"


def test_an_example_names_cells_as_messages_do() -> None:
    lines = describe_side(rule_examples()["T3_BALANCE"].failing)
    assert "- 表三“本年新收申请”行“自然人”栏填 3" in lines
    english = describe_side(rule_examples()["T3_BALANCE"].failing, "en")
    assert "- Table 3, row “New applications”, column “Natural persons” = 3" in english


def test_a_text_change_is_shown_as_a_diff() -> None:
    lines = describe_side(rule_examples()["Y_PERIOD"].failing)
    assert (
        lines[0] == "```diff" and lines[1].startswith("- 统计期限为 2025") and lines[2].startswith("+ 统计期限为 2024")
    )


def test_an_edit_the_sample_does_not_have_is_refused() -> None:
    from giocheck.examples import Side

    with pytest.raises(ValueError, match="the sample has no"):
        run_example(Side(replace=[("no such text", "x")]), sample_path("2021").read_text(encoding="utf-8"))


@pytest.mark.parametrize("rule", RULES)
def test_each_failing_examples_messages_are_complete_in_both_languages(rule: str) -> None:
    example = rule_examples()[rule]
    found = [f for f in run_example(example.failing, _sample(example)).findings if f.rule == rule]
    for finding in found:
        english = _outside_quotes(finding.message_en)
        assert not CJK.search(english), finding.message_en
        assert not set(re.findall(r"\b[A-Z][A-Z0-9_]+\b", english)) & KEYS, finding.message_en
        assert not set(re.findall(r"\b[A-Z][A-Z0-9_]+\b", finding.message_zh)) & KEYS, finding.message_zh


def test_every_format_has_a_sample_of_its_own_format() -> None:
    from giocheck.api import load

    for key in formats():
        report = load(sample_path(key))
        assert report.metadata.format == key and report.problems == []
    assert sample_path("2021").name == "qu-county-petition-bureau-2025.txt"


def test_an_invalid_byte_is_written_and_shown() -> None:
    lines = describe_side(rule_examples()["F_BAD_BYTES"].failing)
    assert lines == ["- 在“未收取信息处理费”之后写入一个无效字节 0xFF"]
    example = rule_examples()["X_T2_2019_ITEMS"]
    english = describe_side(example.failing, "en", example.spec)
    assert "- Table 2, row “Administrative licensing”, column “Items last year” = 3" in english
