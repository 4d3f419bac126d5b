"""One registry of rule kinds, a schema per kind, and an engine without hidden import cycles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from giocheck.engine import kindset
from giocheck.engine.registry import KINDS
from giocheck.engine.rulefile import default_rules, load_rule_file
from giocheck.engine.schema import RuleSpec, TableRule
from giocheck.errors import RuleFileError
from giocheck.formats import formats

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "giocheck"

_SUM = """
[[rule]]
id = "T3_MY_SUM"
name = "my-sum"
kind = "sum"
severity = "error"
table = "T3"
lhs = ["NEW/TOT"]
rhs = ["NEW/@APPLICANTS"]
title_zh = "合计"
title_en = "total"
basis_zh = "示例"
basis_en = "example"
message_zh = "{scope}：{lhs} ≠ {rhs}"
message_en = "{scope}: {lhs} != {rhs}"
"""


def test_every_shipped_rule_is_its_kinds_schema() -> None:
    for rule in default_rules().rules:
        assert isinstance(rule, KINDS[rule.kind].schema), rule.id
        assert type(rule).__module__ == "giocheck.engine.schema"


def test_the_kind_modules_are_listed_once_and_every_kind_has_a_schema() -> None:
    assert {module.__name__.rsplit(".", 1)[1] for module in kindset.MODULES} == {
        "kinds",
        "blanks",
        "claims",
        "content",
        "dates",
        "labelling",
        "reading",
        "units",
        "years",
    }
    for name, kind in KINDS.items():
        assert issubclass(kind.schema, RuleSpec) and kind.name == name
        assert kind.check.__doc__, f"kind {name} has no docstring"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('table = "T3"', 'table = "T3"\nsections = ["OVERVIEW"]'), "field sections: kind 'sum' takes no sections"),
        (('rhs = ["NEW/@APPLICANTS"]', ""), "field rhs: kind 'sum' needs rhs"),
        (('table = "T3"', 'table = "T9"'), "field table: no table T9 in format"),
        (('kind = "sum"', 'kind = "sum"\nformats = ["2027"]'), "field formats: unknown format '2027'"),
        (('lhs = ["NEW/TOT"]', 'lhs = ["NEW/TOT", "NEW/NP"]'), "field lhs: kind 'sum' takes exactly one"),
    ],
)
def test_a_field_wrong_for_the_kind_names_file_rule_and_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert change[0] in _SUM
    path = tmp_path / "mine.toml"
    path.write_text(_SUM.replace(*change), encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_rule_file(path)
    assert str(raised.value).startswith(f"{path}: rule T3_MY_SUM: ") and message in str(raised.value)


def test_a_0_1_rule_with_empty_fields_of_other_kinds_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_SUM.replace('table = "T3"', 'table = "T3"\nsections = []\nclaims = []'), encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert rule.kind == "sum" and not hasattr(rule, "sections")


def test_a_rule_without_formats_gets_every_format_with_its_cells(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_SUM, encoding="utf-8")
    (rule,) = load_rule_file(path)
    assert isinstance(rule, TableRule) and rule.formats == sorted(formats())


def _local_imports(path: Path) -> list[str]:
    """`from giocheck… import` statements inside functions (not under `if TYPE_CHECKING:`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("giocheck"):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_the_engine_breaks_no_import_cycle_inside_a_function() -> None:
    found = [where for module in sorted((PACKAGE / "engine").glob("*.py")) for where in _local_imports(module)]
    assert not found, f"imports inside functions: {found}"


# Where a format or table key may still be written in code, and why.
_ALLOWED = {
    "giocheck/formats.py": "the format loader",
    "giocheck/strategies.py": "examples in docstrings",
    "giocheck/config.py": "selectors such as T3 are rule-id prefixes users type, not table keys",
    "giocheck/pytest_plugin.py": "a usage example in a docstring",
}
_KEY = re.compile(r"""(?<!["'])(["'])(?:T\d|20[12]\d)\1""")


def test_no_format_or_table_key_in_code_outside_the_format_loader() -> None:
    found = [
        f"{module.relative_to(ROOT)}:{number}: {line.strip()}"
        for module in sorted(PACKAGE.rglob("*.py"))
        if module.relative_to(ROOT).as_posix() not in _ALLOWED
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1)
        if _KEY.search(line)
    ]
    assert not found, "format or table keys in code:\n" + "\n".join(found)


def test_a_kind_works_out_once_per_instance_what_depends_on_the_rule_alone() -> None:
    """`register(..., compile=…)`: the plan keeps what it gives as `Instance.compiled`."""
    compiling = {name for name, kind in KINDS.items() if kind.compile is not None}
    assert "non_negative" in compiling
    rules = default_rules()
    for key in formats():
        plan = rules.plan(key)
        for instance in (*plan.tables, *plan.report):
            compile_instance = KINDS[instance.rule.kind].compile
            expected = None if compile_instance is None else compile_instance(instance)
            assert instance.compiled == expected
        assert plan.bases == {
            rule.id: (rule.basis_short_zh, rule.basis_short_en) for rule in rules.rules if key in rule.formats
        }
