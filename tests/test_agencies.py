"""The agency-kind table and the list of prefecture-level divisions, and the rules that use them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from giocheck.agencies import agency_table, divisions, duty_of, is_prefecture_city
from giocheck.engine.report import applies_to
from giocheck.engine.rulefile import default_rules
from giocheck.engine.schema import DeadlinesRule
from giocheck.model import Metadata
from giocheck.profile import profile_of


def test_the_division_list_is_the_official_count() -> None:
    listed = divisions()
    suffixes = Counter(
        "autonomous_prefecture"
        if name.endswith("自治州")
        else "prefecture"
        if name.endswith("地区")
        else "league"
        if name.endswith("盟")
        else "city"
        for name in listed.names()
    )
    assert dict(suffixes) == listed.counts
    assert len(listed.divisions) == len(listed.names()) == sum(listed.counts.values())
    codes = [entry.split(" ")[0] for entry in listed.divisions]
    assert all(len(code) == 6 and code.isdigit() and code.endswith("00") for code in codes)
    assert listed.version and listed.source_zh.startswith("民政部")


# Prefecture-level divisions per province-level division in the 民政部 list as of 31 December
# 2025 (the version rules/divisions.toml names), by the first two digits of the code; the four
# municipalities, Taiwan, Hong Kong and Macao have none.
_PER_PROVINCE_2025 = {
    "13": 11, "14": 11, "15": 12, "21": 14, "22": 9, "23": 13, "32": 13, "33": 11, "34": 16,
    "35": 9, "36": 11, "37": 16, "41": 17, "42": 13, "43": 14, "44": 21, "45": 14, "46": 4,
    "51": 21, "52": 9, "53": 16, "54": 7, "61": 10, "62": 14, "63": 8, "64": 5, "65": 14,
}  # fmt: skip


def test_the_division_list_has_the_official_count_per_province() -> None:
    listed = divisions()
    assert listed.version == "2025" and "2025年12月31日" in listed.source_zh
    per_province = Counter(entry[:2] for entry in listed.divisions)
    assert dict(per_province) == _PER_PROVINCE_2025
    assert sum(_PER_PROVINCE_2025.values()) == 333
    codes = [entry.split(" ")[0] for entry in listed.divisions]
    assert codes == sorted(set(codes))  # in code order, each once


@pytest.mark.parametrize(
    ("place", "prefecture"), [("淮安市", True), ("宁国市", False), ("莱芜市", False), ("儋州市", True)]
)
def test_a_county_level_city_is_not_on_the_list(place: str, prefecture: bool) -> None:
    assert is_prefecture_city(place) is prefecture


def _deadline(kind: str | None, level: str | None) -> str:
    """The deadline Y_DEADLINE applies to a 2025 report of this kind and level ("" none)."""
    (rule,) = default_rules().get("Y_DEADLINE")
    assert isinstance(rule, DeadlinesRule)
    for due in rule.deadlines:
        if due.first_year is not None and due.first_year > 2025:
            continue
        if due.last_year is not None and due.last_year < 2025:
            continue
        if (not due.agency_kinds or kind in due.agency_kinds) and (not due.agency_levels or level in due.agency_levels):
            return f"{due.month}-{due.day}"
    return ""


@pytest.mark.parametrize("duty", agency_table().duty, ids=lambda duty: duty.name_zh)
def test_the_rules_do_what_the_agency_table_says(duty: object) -> None:
    from giocheck.agencies import Duty

    assert isinstance(duty, Duty)
    profile = profile_of(Metadata(agency=duty.example, format="2021"))
    assert profile.kind in duty.kinds and profile.level in duty.levels, duty.example
    assert duty_of(profile.kind, profile.level) == duty
    rules = default_rules()
    reg = [r for r in rules.rules if r.id in {"P_REG_AUTHORITY", "P_REG_DEPARTMENT"} and applies_to(r, profile)]
    assert bool(reg) is not duty.may_make_rules
    (accountability,) = rules.get("S_GOV_ACCOUNTABILITY")
    assert applies_to(accountability, profile) is duty.accountability
    assert _deadline(profile.kind, profile.level) == duty.deadline


def test_every_kind_and_level_has_a_duty_or_none_by_design() -> None:
    kinds = {entry.key for entry in agency_table().kind}
    covered = {(k, lv) for d in agency_table().duty for k in d.kinds for lv in d.levels}
    assert {k for k, _ in covered} == kinds


def _office(huaian: str) -> str:
    """The Huaian sample retitled as the report of the government's office."""
    return huaian.replace("淮安市人民政府\n2024 年政府", "淮安市人民政府办公室\n2024 年政府")


def test_an_office_reports_as_a_department_by_31_january(huaian_text: str) -> None:
    from datetime import date

    from giocheck import check
    from tests.support import read

    late = check(read(_office(huaian_text)), published=date(2025, 2, 20))
    assert [(f.rule, f.severity) for f in late.failures] == [("Y_DEADLINE", "error")]
    assert "2025-01-31" in late.failures[0].message_zh
    # The government's own report, published the same day, is on time and owes 第五十条第四项.
    government = check(read(huaian_text), published=date(2025, 2, 20))
    assert [f.rule for f in government.failures] == ["S_GOV_ACCOUNTABILITY"]


def test_accountability_wholly_absent_is_an_error(huaian_text: str) -> None:
    from giocheck import check
    from tests.support import read

    some = check(read(huaian_text)).failures
    assert [(f.rule, f.severity) for f in some] == [("S_GOV_ACCOUNTABILITY", "warning")]
    text = re.sub("考核|考评|测评|评估|评议|满意度|追究|问责|追责", "", huaian_text)
    none = check(read(text)).failures
    assert [(f.rule, f.severity) for f in none] == [("S_GOV_ACCOUNTABILITY", "error")]


def test_a_prefecture_reporting_rules_is_told_it_cannot_make_them(qu_text: str) -> None:
    from giocheck import check
    from tests.support import read

    renamed = qu_text.replace("渠县信访局", "兴安盟行政公署")
    report = read(renamed)
    table = report.tables["T2"]
    cell = table.rows["REG"].cells["MADE"]
    edited = table.model_copy(
        update={
            "rows": {
                **table.rows,
                "REG": table.rows["REG"].model_copy(
                    update={
                        "cells": {**table.rows["REG"].cells, "MADE": cell.model_copy(update={"value": 2, "raw": "2"})}
                    }
                ),
            }
        }
    )
    result = check(report.model_copy(update={"tables": {**report.tables, "T2": edited}}))
    assert ("P_REG_AUTHORITY", "error") in [(f.rule, f.severity) for f in result.failures]
    assert all("--" not in f.message_zh for f in result.failures)
