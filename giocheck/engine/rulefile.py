"""Rule files (`rules/checks/*.toml` and `--rules PATH`): validated with pydantic at load time.

A broken rule file fails here with the file, the rule and the field named — never later,
in the middle of checking a report.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from giocheck.engine.findings import Severity
from giocheck.engine.ruledata import Aspect, Claim, Deadline
from giocheck.errors import ConfigError, RuleFileError
from giocheck.formats import FormatSpec, formats
from giocheck.model import AgencyKind, AgencyLevel, NoteKind
from giocheck.resources import rules_dir
from giocheck.tomlfile import read_toml

if TYPE_CHECKING:
    from giocheck.engine.instances import Instance

_ID = r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"
_NAME = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class RuleSpec(BaseModel):
    """One declarative rule: which cells, which relation (its `kind`), and what to say."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID, description="stable ASCII code users select and ignore by")
    name: str = Field(pattern=_NAME, description="readable kebab-case name")
    kind: str = Field(description="a registered rule kind: balance, sum, at_least, non_negative …")
    severity: Severity
    formats: list[Literal["2019", "2021", "legacy"]] = Field(
        min_length=1, description="national formats; `legacy` (before 2019, no tables) for kinds that read no table"
    )
    table: Literal["T2", "T3", "T4"] | None = Field(None, description="the table the cells are in, if any")
    for_each: dict[Literal["row", "column"], str | list[str]] = Field(default_factory=dict)
    lhs: list[str] = Field(default_factory=list)
    rhs: list[str] = Field(default_factory=list)
    cells: list[str] = Field(default_factory=list)
    previous: list[str] = Field(default_factory=list, description="cells of last year's report (across years)")
    agency_kinds: list[AgencyKind] = Field(default_factory=list, description="only for these agencies (empty: all)")
    agency_levels: list[AgencyLevel] = Field(default_factory=list, description="only at these levels (empty: all)")
    sections: list[str] = Field(default_factory=list, description="the parts whose text is read (PREAMBLE, OVERVIEW …)")
    claims: list[Claim] = Field(default_factory=list)
    aspects: list[Aspect] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    threshold: int | None = Field(
        None, ge=0, description="a number the kind compares with: a percentage (similarity), 万元 (fee_unit)"
    )
    min_length: int | None = Field(None, ge=1, description="the shortest run of characters the kind counts")
    notes: list[NoteKind] = Field(default_factory=list, description="the kinds of read notes the rule reports")
    rows_for_rule_makers: list[str] = Field(
        default_factory=list,
        description="filled: rows only agencies that make 规章 can fill; blank there is info for the others",
    )
    severity_all_missing: Severity | None = Field(
        None, description="required_content: the severity when none of the aspects is there (else `severity`)"
    )
    title_zh: str
    title_en: str
    basis_zh: str
    basis_en: str
    message_zh: str
    message_en: str


class _RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    rule: list[RuleSpec]


@attrs.frozen
class RuleSet:
    """The rules in force, in the order they are checked."""

    rules: tuple[RuleSpec, ...]
    sources: tuple[Path, ...]

    def get(self, rule_id: str) -> list[RuleSpec]:
        """Every rule with this id (one per set of formats)."""
        return [r for r in self.rules if r.id == rule_id]

    def instances(self, spec: FormatSpec) -> tuple[Instance, ...]:
        """Every instance of the table rules in format `spec`, in rule order (expanded once per set)."""
        return self._expanded[spec.key]

    @cached_property
    def _expanded(self) -> dict[str, tuple[Instance, ...]]:
        from giocheck.engine.instances import expand
        from giocheck.engine.kinds import KINDS

        return {
            key: tuple(i for r in self.rules if r.kind in KINDS and key in r.formats for i in expand(r, spec))
            for key, spec in formats().items()
        }


def load_rule_file(path: Path) -> list[RuleSpec]:
    """Read, validate and cross-check one rule file."""
    try:
        data = read_toml(path)
    except ConfigError as error:
        # Unreadable, not UTF-8 or not TOML: the same one line as for configuration files.
        raise RuleFileError(error.message("en")) from None
    try:
        parsed = _RuleFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        which = _rule_id(data, loc)
        field = ".".join(str(part) for part in loc[2:] or loc)
        raise RuleFileError(f"{path}: rule {which}: field {field}: {first['msg']}") from None
    for rule in parsed.rule:
        _cross_check(path, rule)
    return parsed.rule


def _rule_id(data: object, loc: list[int | str]) -> str:
    if len(loc) >= 2 and loc[0] == "rule" and isinstance(loc[1], int) and isinstance(data, dict):
        rules = data.get("rule", [])
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            return str(rules[loc[1]].get("id", f"#{loc[1] + 1}"))
        return f"#{loc[1] + 1}"
    return "(file)"


def _cross_check(path: Path, rule: RuleSpec) -> None:
    # Imported here to keep the kinds registry free of import cycles with this module.
    from giocheck.engine.instances import expand
    from giocheck.engine.kinds import KINDS

    def fail(field: str, message: str) -> RuleFileError:
        return RuleFileError(f"{path}: rule {rule.id}: field {field}: {message}")

    from giocheck.engine.report import check_report_rule, report_kinds

    kind = KINDS.get(rule.kind) or report_kinds().get(rule.kind)
    if kind is None:
        known = sorted({*KINDS, *report_kinds()})
        raise fail("kind", f"unknown kind {rule.kind!r}; known kinds: {', '.join(known)}")
    for field in _DATA_FIELDS:
        wanted = field in kind.fields
        value = getattr(rule, field)
        given = value is not None and value != []
        if wanted != given:
            raise fail(field, f"kind {rule.kind!r} {'needs' if wanted else 'takes no'} {field}")
    needs_table = "table" in kind.fields or rule.kind in KINDS
    if needs_table != (rule.table is not None):
        raise fail("table", f"kind {rule.kind!r} {'needs' if needs_table else 'takes no'} table")
    if "legacy" in rule.formats and (rule.kind in KINDS or not report_kinds()[rule.kind].legacy):
        raise fail("formats", f"kind {rule.kind!r} reads tables: reports before 2019 (legacy) have none")
    if rule.kind not in KINDS:
        problem = check_report_rule(rule)
        if problem is not None:
            raise fail(*problem)
    if rule.rows_for_rule_makers and rule.kind != "filled":
        raise fail("rows_for_rule_makers", f"kind {rule.kind!r} takes no rows_for_rule_makers")
    if rule.kind in KINDS and KINDS[rule.kind].single_lhs and len(rule.lhs) != 1:
        raise fail("lhs", f"kind {rule.kind!r} takes exactly one total cell on the left")
    for field in ("message_zh", "message_en"):
        try:
            slots = set(_template_slots(getattr(rule, field)))
        except ValueError as error:
            raise fail(field, str(error)) from None
        unknown = slots - kind.slots
        if unknown:
            raise fail(field, f"unknown slot {{{sorted(unknown)[0]}}}; allowed: {', '.join(sorted(kind.slots))}")
    for key in rule.formats if rule.table is not None else ():
        try:
            instances = expand(rule, formats()[key])
        except KeyError as error:
            raise fail(
                "lhs/rhs/cells/for_each", f"unknown row, column or group {error} in {rule.table} of format {key}"
            ) from None
        if not instances:
            raise fail("for_each", f"expands to no cells in format {key}")


_DATA_FIELDS = (
    "lhs",
    "rhs",
    "cells",
    "previous",
    "sections",
    "claims",
    "aspects",
    "deadlines",
    "keywords",
    "threshold",
    "min_length",
    "notes",
)


def _template_slots(template: str) -> Iterable[str]:
    for _text, field, _spec, _conversion in string.Formatter().parse(template):
        if field is not None:
            if not field.isidentifier():
                raise ValueError(f"message slot {{{field}}} must be a plain name")
            yield field


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
