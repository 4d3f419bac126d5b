"""Configuration: `[tool.giocheck]` in `pyproject.toml`, or a `giocheck.toml`, found upward from a folder.

Rule selection follows flake8's DecisionEngine and ruff: `select` / `extend-select` / `ignore` take
rule ids or prefixes (`T3`, `T3_BALANCE`, `ALL`); the longest matching prefix decides, and on a
tie `ignore` wins. `severity` maps ids or prefixes to a level, again longest prefix first.
Unknown keys are errors that name the key; command-line flags override the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from giocheck.engine.findings import Severity
from giocheck.engine.rulefile import RuleSet, RuleSpec
from giocheck.errors import ConfigError, invalid_value
from giocheck.filekind import refuse_special
from giocheck.limits import Limits, default_limits
from giocheck.model import AgencyKind, AgencyLevel
from giocheck.tomlfile import find_config as find_config  # re-exported: it was defined here
from giocheck.tomlfile import read_toml
from giocheck.words import pair, say

_ALL = "ALL"
_SELECTOR = re.compile(r"^[A-Z][A-Z0-9_]*$")
# A giocheck.toml with more than a `[tool.giocheck]` table under `tool`.
_TOOL_HINT = pair("setup.tool_hint")
# Where `with_overrides`' selectors come from, for naming them in errors: the command line's flags.
FLAGS = {"select": "--select", "ignore": "--ignore", "extend_select": "--extend-select"}


class AgencyConfig(BaseModel):
    """Who publishes the reports checked here: `name` replaces the name the reports state,
    `kind`/`level` what the name suggests (giocheck/profile.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str | None = Field(default=None, min_length=1)
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None


def _selector(value: str) -> str:
    upper = value.strip().upper()
    if not _SELECTOR.match(upper):
        raise ValueError(f"not a rule id or prefix: {value!r}")
    return upper


class Config(BaseModel):
    """The `[tool.giocheck]` table. Paths are relative to the file they are written in."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: list[Path] = Field(default_factory=list)
    lang: Literal["zh", "en"] | None = None
    agency: AgencyConfig = Field(default_factory=AgencyConfig)
    published: date | None = Field(default=None, description="publication date of the report(s) here (Y_DEADLINE)")
    baseline: Path | None = None
    time_budget: float | None = Field(
        default=None, alias="time-budget", ge=0, description="seconds one file may take (0: no limit)"
    )
    limits: Limits = Field(default_factory=Limits, description="how much of one file is read (giocheck/limits.py)")
    source: Path | None = Field(default=None, exclude=True)
    # Selector → the flag (or ini option) it was given with, so an error blames that and not the file.
    given: dict[str, str] = Field(default_factory=dict, exclude=True)

    @field_validator("select", "extend_select", "ignore", mode="before")
    @classmethod
    def _selectors(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            return [_selector(v) if isinstance(v, str) else v for v in value]
        return value

    @field_validator("severity", mode="before")
    @classmethod
    def _severity_keys(cls, value: object) -> object:
        if isinstance(value, dict):
            return {_selector(k) if isinstance(k, str) else k: v for k, v in value.items()}
        return value


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; `ConfigError` names the file and the key.

    A `giocheck.toml` holds the keys at its top level, or (as pyproject.toml) only a `[tool.giocheck]` table.
    """
    data = read_toml(path)
    tool = data.get("tool", {})
    nested = path.name == "pyproject.toml" or (
        list(data) == ["tool"] and isinstance(tool, dict) and list(tool) == ["giocheck"]
    )
    table: object = (tool.get("giocheck", {}) if isinstance(tool, dict) else {}) if nested else data
    prefix = "tool.giocheck." if nested else ""
    try:
        config = Config.model_validate(table)
    except ValidationError as error:
        first = error.errors()[0]
        key = prefix + ".".join(str(part) for part in first["loc"])
        if first["type"] == "extra_forbidden":
            zh, en = _TOOL_HINT if key == "tool" else ("", "")
            raise ConfigError(
                str(path),
                say("setup.unknown_key", "zh", key=key, hint=zh),
                say("setup.unknown_key", "en", key=key, hint=en),
            ) from None
        raise ConfigError(
            str(path),
            say("setup.bad_value", "zh", key=key, problem=invalid_value(first, "zh")),
            say("setup.bad_value", "en", key=key, problem=invalid_value(first, "en")),
        ) from None
    base = path.parent
    return config.model_copy(
        update={
            "rules": [base / p for p in config.rules],
            "baseline": base / config.baseline if config.baseline is not None else None,
            "source": path,
        }
    )


def resolve_config(explicit: Path | None, start: Path) -> Config:
    """`--config PATH` if given, else the nearest configuration file, else the defaults."""
    if explicit is not None:
        refuse_special(explicit, ConfigError)
        if not explicit.is_file():
            raise ConfigError(str(explicit), *pair("setup.no_config"))
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found is not None else default_config()


def default_config() -> Config:
    """The configuration without a file: equal to `Config()`, built without building the
    models' validators (which a command without a configuration file does not need)."""
    return Config.model_construct(_fields_set=set(), agency=AgencyConfig.model_construct(), limits=default_limits())


def with_overrides(
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    lang: str | None = None,
    flags: Mapping[str, str] = FLAGS,
) -> Config:
    """Command-line flags over the file: `select`/`ignore` replace, `extend-select` adds.

    `flags` names where each kind of selector came from (the pytest plugin: its ini options).
    """
    update: dict[str, object] = {}
    given = {
        _selector(s): flags.get(kind, FLAGS[kind])
        for kind, selectors in (("select", select or ()), ("ignore", ignore or ()), ("extend_select", extend_select))
        for s in selectors
        if _SELECTOR.match(s.strip().upper())
    }
    update["given"] = {**config.given, **given}
    try:
        if select is not None:
            update["select"] = [_selector(s) for s in select]
        if ignore is not None:
            update["ignore"] = [_selector(s) for s in ignore]
        if extend_select:
            update["extend_select"] = [*config.extend_select, *(_selector(s) for s in extend_select)]
    except ValueError as error:
        raise ConfigError("command line", *pair("setup.bad_selection", error=error)) from None
    if lang is not None:
        update["lang"] = lang
    return config.model_copy(update=update)


def split_selectors(values: Iterable[str]) -> list[str]:
    """`["T3,T4", "X"]` → `["T3", "T4", "X"]` (flags may repeat or use commas)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@attrs.frozen
class Selection:
    """Which rules run and at what level, decided by longest matching prefix."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, Severity], ...]

    @classmethod
    def from_config(cls, config: Config) -> Selection:
        """The selection a configuration describes (no `select` means every rule)."""
        chosen = config.select if config.select is not None else [_ALL]
        return cls(
            select=tuple(chosen) + tuple(config.extend_select),
            ignore=tuple(config.ignore),
            severity=tuple(sorted(config.severity.items())),
        )

    def selected(self, rule_id: str) -> bool:
        """True when the longest matching `select` prefix is longer than the longest `ignore` one."""
        chosen = _longest(self.select, rule_id)
        if chosen is None:
            return False
        dropped = _longest(self.ignore, rule_id)
        return dropped is None or chosen > dropped

    def level(self, rule: RuleSpec) -> Severity:
        """The rule's severity, or the override with the longest matching prefix."""
        best: tuple[int, Severity] | None = None
        for prefix, level in self.severity:
            length = _longest((prefix,), rule.id)
            if length is not None and (best is None or length > best[0]):
                best = (length, level)
        return rule.severity if best is None else best[1]

    def apply(self, rules: RuleSet, where: str = "configuration", given: Mapping[str, str] | None = None) -> RuleSet:
        """The rules left after selection, at their configured levels; unknown selectors are errors,
        blamed on `where` (the file), or on the flag `given` names for a selector from the command line."""
        ids = {rule.id for rule in rules.rules}
        for kind, selectors in (("select", self.select), ("ignore", self.ignore), ("severity", self.severity)):
            for selector in selectors:
                prefix = selector if isinstance(selector, str) else selector[0]
                if prefix != _ALL and not any(i.startswith(prefix) for i in ids):
                    flag = (given or {}).get(prefix) if kind != "severity" else None
                    if flag is not None:
                        raise ConfigError(flag, *pair("setup.no_such_rule", prefix=prefix))
                    raise ConfigError(where, *pair("setup.no_such_rule_in", kind=kind, prefix=prefix))
        kept = tuple(
            rule.model_copy(update={"severity": self.level(rule)}) for rule in rules.rules if self.selected(rule.id)
        )
        return RuleSet(rules=kept, sources=rules.sources)


def _longest(prefixes: Iterable[str], rule_id: str) -> int | None:
    lengths = [0 if p == _ALL else len(p) for p in prefixes if p == _ALL or rule_id.startswith(p)]
    return max(lengths) if lengths else None


def configured_rules(config: Config, extra_rules: Sequence[Path] = ()) -> RuleSet:
    """The shipped rules plus the configured and extra rule files, selected and levelled."""
    from giocheck.engine.rulefile import default_rules, load_rules

    extra = [*config.rules, *extra_rules]
    rules = load_rules(extra) if extra else default_rules()
    where = str(config.source) if config.source is not None else "command line"
    return Selection.from_config(config).apply(rules, where, config.given)
