"""Rule files (`rules/checks/*.toml` and `--rules PATH`): validated with pydantic at load time.

A broken rule file fails here with the file, the rule and the field named — never later,
in the middle of checking a report.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, cast

import attrs
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from giocheck.engine import kindset
from giocheck.engine.crosscheck import cross_check, data_fields, default_formats
from giocheck.engine.instances import Instance, expand
from giocheck.engine.plancache import construct, load_cached, store_cached
from giocheck.engine.registry import KINDS
from giocheck.engine.schema import RuleSpec, TableRule
from giocheck.errors import ConfigError, RuleFileError
from giocheck.filekind import special_kind, special_words
from giocheck.formats import FormatSpec, formats
from giocheck.resources import rules_dir
from giocheck.tomlfile import read_toml

__all__ = ["RuleSet", "RuleSpec", "default_rules", "load_rule_file", "load_rules", "rule_file_adapter"]
assert kindset.MODULES  # every kind is registered before a rule file is read
R = TypeVar("R", bound=RuleSpec)
T = TypeVar("T")


@cache
def rule_file_adapter() -> TypeAdapter[Any]:
    """The rule file's schema: `rule` a list discriminated on `kind`, each kind its own schema.

    Built the first time a rule file misses the plan cache (`giocheck.engine.plancache`): a
    cold start with cached rules builds no pydantic validator.
    """
    tagged = tuple(
        create_model(f"{kind.schema.__name__}_{name}", __base__=kind.schema, kind=(Literal[name], ...))  # type: ignore[arg-type]
        for name, kind in KINDS.items()
    )
    rule: Any = Annotated[Union[tagged], Field(discriminator="kind")]  # noqa: UP007

    class RuleFile(BaseModel):
        model_config = ConfigDict(extra="forbid")

        version: int = 1
        rule: list[rule]

    return TypeAdapter(RuleFile)


@attrs.frozen
class Plan:
    """A rule set compiled for one format: the instances a report in it is checked with.

    `tables`: every binding of every table rule, cells resolved, in rule order; `report`: one
    instance per rule about the whole report that lists the format; `bases`: each such rule's
    short basis (Chinese, English) by rule id, as every finding of a report in the format shows it.
    """

    key: str
    tables: tuple[Instance[TableRule], ...]
    report: tuple[Instance[RuleSpec], ...]
    bases: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)


@attrs.frozen
class RuleSet:
    """The rules in force, in the order they are checked."""

    rules: tuple[RuleSpec, ...]
    sources: tuple[Path, ...]

    def get(self, rule_id: str) -> list[RuleSpec]:
        """Every rule with this id (one per set of formats)."""
        return [r for r in self.rules if r.id == rule_id]

    def instances(self, spec: FormatSpec) -> tuple[Instance[TableRule], ...]:
        """Every instance of the table rules in format `spec`, in rule order (expanded once per set)."""
        return self.plan(spec.key).tables

    def plan(self, key: str) -> Plan:
        """The rules compiled for format `key` (`legacy`: the report rules that list it)."""
        found = self._plans.get(key)
        if found is None:
            found = self._plans[key] = self._compile(key)
        return found

    @cached_property
    def _plans(self) -> dict[str, Plan]:
        return {}

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` gives, worked out the first time `key` is asked for with these rules
        (what many reports share: the table rules that apply to a report's tables and agency)."""
        store = self._memo
        if key in store:
            return cast(T, store[key])
        found = store[key] = make()
        return found

    @cached_property
    def _memo(self) -> dict[Hashable, object]:
        return {}

    def _compile(self, key: str) -> Plan:
        spec = formats().get(key)
        tables = tuple(
            _compiled(instance)
            for rule in self.rules
            if spec is not None and KINDS[rule.kind].per_cells and key in rule.formats and isinstance(rule, TableRule)
            for instance in expand(rule, spec)
        )
        report = tuple(
            _compiled(Instance(rule)) for rule in self.rules if not KINDS[rule.kind].per_cells and key in rule.formats
        )
        bases = {rule.id: (rule.basis_short_zh, rule.basis_short_en) for rule in self.rules if key in rule.formats}
        return Plan(key, tables, report, bases)


def _compiled(instance: Instance[R]) -> Instance[R]:
    """The instance with what its kind works out once for it (`Kind.compile`)."""
    compile_instance = KINDS[instance.rule.kind].compile
    return instance if compile_instance is None else attrs.evolve(instance, compiled=compile_instance(instance))


def load_rule_file(path: Path) -> list[RuleSpec]:
    """Read, validate and cross-check one rule file (from the plan cache when unchanged)."""
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    cached = None if raw is None else load_cached(raw)
    if cached is not None:
        return [construct(KINDS[item["kind"]].schema, item) for item in cached]
    rules = _validated(path)
    if raw is not None:
        store_cached(raw, [rule.model_dump(mode="json") for rule in rules])
    return rules


def _validated(path: Path) -> list[RuleSpec]:
    try:
        data = read_toml(path)
    except ConfigError as error:
        # Unreadable, not UTF-8 or not TOML: the same one line as for configuration files.
        raise RuleFileError(error.message("en")) from None
    data = _known_kinds(path, data)
    try:
        parsed = rule_file_adapter().validate_python(data)
    except ValidationError as error:
        raise RuleFileError(_first_error(path, data, error)) from None
    rules = []
    for tagged in parsed.rule:
        # As its kind's own schema (not the tagged copy made for the union): the same class
        # whether the rule comes from its file or from the plan cache.
        rule = construct(KINDS[tagged.kind].schema, tagged.model_dump())
        if not rule.formats:
            rule = rule.model_copy(update={"formats": default_formats(rule)})
        problem = cross_check(rule)
        if problem is not None:
            raise RuleFileError(f"{path}: rule {rule.id}: field {problem[0]}: {problem[1]}")
        rules.append(rule)
    return rules


# Giocheck 0.1 read every rule into one record with all kinds' fields, so a rule could write a
# field its kind does not use as empty (`lhs = []`, `for_each = {}`); such a rule still loads.
_FLAT_FIELDS = frozenset(
    {"for_each", "lhs", "rhs", "cells", "previous", "sections", "claims", "aspects", "deadlines", "keywords", "notes"}
)


def _known_kinds(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """`data` with every rule's kind known (else one line naming it) and 0.1's empty fields dropped."""
    rules = data.get("rule")
    if not isinstance(rules, list):
        return data
    kept: list[object] = []
    for index, item in enumerate(rules):
        kind = item.get("kind") if isinstance(item, dict) else None
        if isinstance(kind, str) and kind not in KINDS:
            which = _rule_id(data, ["rule", index])
            known = ", ".join(sorted(KINDS))
            raise RuleFileError(f"{path}: rule {which}: field kind: unknown kind {kind!r}; known kinds: {known}")
        if isinstance(item, dict) and isinstance(kind, str):
            own = KINDS[kind].schema.model_fields
            item = {k: v for k, v in item.items() if k in own or k not in _FLAT_FIELDS or v not in ([], {})}
        kept.append(item)
    return {**data, "rule": kept}


def _first_error(path: Path, data: dict[str, Any], error: ValidationError) -> str:
    """The one line for a rule file pydantic refused: the first problem, a kind's own field first."""
    order = {name: index for index, name in enumerate(["table", *data_fields()])}
    common = set(RuleSpec.model_fields)

    def field_of(loc: tuple[int | str, ...]) -> str:
        # ("rule", 3, "sum", "lhs", …): the rule's index, its kind (the union's tag), the field.
        return str(loc[3]) if len(loc) > 3 and loc[0] == "rule" else ""

    def rank(item: Any) -> tuple[int, int]:
        name = field_of(tuple(item["loc"]))
        if name in common or name not in order:
            return (0, 0)
        return (1, order[name] if name != "table" else len(order))

    first = min(error.errors(), key=rank)
    loc = list(first["loc"])
    which = _rule_id(data, loc)
    name = field_of(tuple(loc))
    if len(loc) == 4 and name and name not in common and name in order:
        kind = str(loc[2])
        wanted = first["type"] != "extra_forbidden"
        return f"{path}: rule {which}: field {name}: kind {kind!r} {'needs' if wanted else 'takes no'} {name}"
    where = loc[3:] if len(loc) > 3 and loc[0] == "rule" else loc[2:] or loc
    field = ".".join(str(part) for part in where)
    return f"{path}: rule {which}: field {field}: {first['msg']}"


def _rule_id(data: object, loc: list[int | str]) -> str:
    if len(loc) >= 2 and loc[0] == "rule" and isinstance(loc[1], int) and isinstance(data, dict):
        rules = data.get("rule", [])
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            return str(rules[loc[1]].get("id", f"#{loc[1] + 1}"))
        return f"#{loc[1] + 1}"
    return "(file)"


def load_rules(extra: Sequence[Path] = (), include_default: bool = True) -> RuleSet:
    """The shipped rules plus any extra rule files or folders given with `--rules`."""
    paths: list[Path] = list(_default_rule_files()) if include_default else []
    for item in extra:
        if item.is_dir():
            paths.extend(sorted(item.glob("*.toml")))
        elif item.exists():
            paths.append(item)
        else:
            raise RuleFileError(f"{item}: 规则文件不存在 (rule file not found)")
    rules: list[RuleSpec] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in paths:
        special = special_kind(path)  # a FIFO would block the read: refused unopened
        if special is not None:
            zh, en = special_words(special)
            raise RuleFileError(f"{path}: {zh} ({en})")
        for rule in _cached_file(path.resolve()):
            for key in rule.formats:
                if (rule.id, key) in seen:
                    raise RuleFileError(
                        f"{path}: rule {rule.id}: id already defined for format {key} in {seen[rule.id, key]}"
                    )
                seen[rule.id, key] = path
            rules.append(rule)
    return RuleSet(rules=tuple(rules), sources=tuple(paths))


def _default_rule_files() -> list[Path]:
    return sorted((rules_dir() / "checks").glob("*.toml"))


@cache
def _cached_file(path: Path) -> tuple[RuleSpec, ...]:
    return tuple(load_rule_file(path))


@cache
def default_rules() -> RuleSet:
    """The rules shipped with giocheck."""
    return load_rules()
