"""The plan cache: validated rules kept as JSON between runs, keyed by content and version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import giocheck
from giocheck import check
from giocheck.engine import plancache, rulefile
from giocheck.engine.rulefile import RuleSet, default_rules, load_rule_file
from giocheck.engine.schema import RelationRule
from tests.support import read

_RULE = """
[[rule]]
id = "X_GRANT_WITHIN_NEW"
name = "grant-within-new"
kind = "at_least"
severity = "warning"
table = "T3"
lhs = ["NEW/TOT", "CARRY_IN/TOT"]
rhs = ["R_GRANT/TOT"]
title_zh = "予以公开不多于收到的申请"
title_en = "granted at most received"
basis_zh = "示例"
basis_en = "example"
message_zh = "{scope}：{lhs} < {rhs}"
message_en = "{scope}: {lhs} < {rhs}"

[[rule]]
id = "N_MY_CLAIM"
name = "my-claim"
kind = "text_claim"
severity = "warning"
sections = ["OVERVIEW"]
title_zh = "申请数"
title_en = "applications"
basis_zh = "示例"
basis_en = "example"
message_zh = "{section}：{stated} ≠ {table}"
message_en = "{section}: {stated} != {table}"

[[rule.claims]]
pattern = "收到申请(?P<n>{number})件"
cells = ["T3.NEW.TOT"]
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GIOCHECK_CACHE_DIR", str(folder))
    return folder


def _rules(tmp_path: Path, body: str = _RULE) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("validated although the plan was cached")

    monkeypatch.setattr(rulefile, "rule_file_adapter", refuse)


def test_a_cache_hit_gives_the_same_rules_and_findings(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, huaian_text: str
) -> None:
    shipped = default_rules().rules
    kept = set(cache.glob("*.json"))
    path = _rules(tmp_path)
    validated = load_rule_file(path)
    assert len(set(cache.glob("*.json")) - kept) == 1
    report = read(huaian_text.replace("（一）予以公开 1288 21 0 0 50 3 1362", "（一）予以公开 1288 21 0 0 50 3 4000"))
    before = check(report, rules=RuleSet((*shipped, *validated), (path,)))
    _no_validation(monkeypatch)
    cached = load_rule_file(path)
    assert cached == validated and [type(rule) for rule in cached] == [type(rule) for rule in validated]
    assert isinstance(cached[0], RelationRule)
    assert cached[1].claims[0].cells == ["T3.NEW.TOT"]  # type: ignore[attr-defined]
    after = check(report, rules=RuleSet((*shipped, *cached), (path,)))
    assert after.findings == before.findings and "X_GRANT_WITHIN_NEW" in {f.rule for f in after.failures}


def test_left_out_formats_are_every_format_with_the_cells(tmp_path: Path, cache: Path) -> None:
    rules = load_rule_file(_rules(tmp_path))
    # 2019's table three has the same rows and columns for these cells; `legacy` has no tables.
    assert rules[0].formats == ["2019", "2021"] and rules[1].formats == ["2019", "2021"]


def test_a_changed_rule_file_misses_the_cache(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rules(tmp_path)
    load_rule_file(path)
    path.write_text(_RULE.replace('severity = "warning"', 'severity = "error"', 1), encoding="utf-8")
    assert load_rule_file(path)[0].severity == "error"
    assert len(list(cache.glob("*.json"))) == 2
    _no_validation(monkeypatch)
    path.write_text(_RULE.replace('severity = "warning"', 'severity = "info"', 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="validated"):
        load_rule_file(path)


def test_an_unwritable_cache_is_no_cache_and_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GIOCHECK_CACHE_DIR", str(blocker / "plans"))
    path = _rules(tmp_path)
    assert [rule.id for rule in load_rule_file(path)] == ["X_GRANT_WITHIN_NEW", "N_MY_CLAIM"]
    assert load_rule_file(path)[0].kind == "at_least"


def test_a_damaged_entry_is_validated_again(tmp_path: Path, cache: Path) -> None:
    path = _rules(tmp_path)
    load_rule_file(path)
    (entry,) = cache.glob("*.json")
    for damage in ("{not json", json.dumps({"rule": 1}), json.dumps([{"id": "X"}])):
        entry.write_text(damage, encoding="utf-8")
        assert [rule.id for rule in load_rule_file(path)] == ["X_GRANT_WITHIN_NEW", "N_MY_CLAIM"]


def test_the_cache_folder_follows_the_platform_convention(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIOCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert plancache.cache_dir() == tmp_path / "giocheck" / "plans"
    monkeypatch.setenv("GIOCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert plancache.cache_dir() == tmp_path / "mine"


def test_the_key_follows_the_package_version() -> None:
    assert giocheck.__version__ == plancache._VERSION


def _formats_and_data() -> tuple[dict[str, Any], Any, Any]:
    """The formats, the agency table and the divisions, read afresh (the `@cache`s cleared, and
    cleared again after, so that later tests read them from the cache folder they set)."""
    from giocheck import agencies, formats

    for cached in (formats.formats, agencies.agency_table, agencies.divisions):
        cached.cache_clear()
    found = (formats.formats(), agencies.agency_table(), agencies.divisions())
    for cached in (formats.formats, agencies.agency_table, agencies.divisions):
        cached.cache_clear()
    return found


def test_formats_and_agency_tables_from_the_cache_equal_the_validated_ones(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated = _formats_and_data()
    assert len(list(cache.glob("*.json"))) == 3  # the formats, agencies.toml, divisions.toml

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated although it was cached")

    from giocheck import agencies, formats

    monkeypatch.setattr(formats, "load_format", refuse)
    monkeypatch.setattr(agencies, "_validated", refuse)
    kept = _formats_and_data()
    assert kept == validated and repr(kept) == repr(validated)
    for key, spec in validated[0].items():
        for table, again in zip(spec.tables, kept[0][key].tables, strict=True):
            assert table.model_fields_set == again.model_fields_set
            for row, row_again in zip(table.rows, again.rows, strict=True):
                assert row.model_fields_set == row_again.model_fields_set and row.patterns == row_again.patterns


def test_a_damaged_formats_entry_is_validated_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validated = _formats_and_data()
    for entry in cache.glob("*.json"):
        entry.write_text('{"not": "a list"}', encoding="utf-8")
    assert _formats_and_data() == validated
