"""Every rule's basis cites a source listed in docs/sources.md, with its version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from giocheck.engine.rulefile import RuleSpec, default_rules

_SOURCES = Path(__file__).parents[1] / "docs" / "sources.md"


def _listed() -> list[str]:
    return re.findall(r"^\| `([^`]+)` \|", _SOURCES.read_text(encoding="utf-8"), re.MULTILINE)


def test_the_list_names_its_texts() -> None:
    assert {"条例（2019）", "立法法（2023）", "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号"} <= set(_listed())


@pytest.mark.parametrize("rule", default_rules().rules, ids=lambda rule: rule.id)
def test_every_basis_names_a_listed_source(rule: RuleSpec) -> None:
    listed = _listed()
    basis = rule.basis_zh
    assert any(source in basis for source in listed), f"{rule.id}: {basis}"
    # No document number, regulation or law cited without its listed name (and so its version).
    for number in re.findall(r"[\u4e00-\u9fff]*〔\d{4}〕\d+号", basis):
        assert any(number.endswith(source) or source.endswith(number) for source in listed), number
    assert not re.search(r"(?<![原《])条例(?!（20\d\d）)", basis), f"{rule.id}: 条例 without its year"
    assert not re.search(r"立法法(?!（20\d\d）)", basis), f"{rule.id}: 立法法 without its year"


@pytest.mark.parametrize("rule", default_rules().rules, ids=lambda rule: rule.id)
def test_messages_name_no_command_line_option(rule: RuleSpec) -> None:
    # A civil servant reads findings; options belong to the CLI's footers and error lines.
    assert not re.search(r"--[a-z]", rule.message_zh + rule.message_en + rule.title_zh), rule.id
