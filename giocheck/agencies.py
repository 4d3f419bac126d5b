"""The agency-kind table and the list of prefecture-level divisions, as data.

`rules/agencies.toml` says how a name shows the kind of agency (人民政府, its 办公室, a 行署 or
街道办事处, a department) and what 条例 and 立法法 ask of each kind at each level (deadline,
规章, the items of 第五十条第四项); `rules/divisions.toml` lists the 设区的市, 自治州, 地区 and 盟
with its source and version, so that a 县级市 (宁国市) is told from a 设区的市 (淮安市).
Both are validated when first read; `giocheck.profile` reads names with them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from giocheck.errors import RuleFileError
from giocheck.model import AgencyKind, AgencyLevel
from giocheck.resources import rules_dir
from giocheck.tomlfile import read_toml

_M = TypeVar("_M", bound=BaseModel)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class KindEntry(_Data):
    """How a name shows a kind of agency: the endings of its last place, the body after it."""

    key: AgencyKind
    name_zh: str
    name_en: str
    bodies: list[str] = Field(min_length=1, description="regular expressions the whole body must match")
    places: list[str] = Field(default_factory=list, description="endings of the last place (empty: any)")
    level: AgencyLevel | None = None

    def fits(self, last_place: str, body: str) -> bool:
        """Whether a name with this last place and body is of this kind."""
        if self.places and not last_place.endswith(tuple(self.places)):
            return False
        return any(re.fullmatch(pattern, body) for pattern in self.bodies)


class Duty(_Data):
    """What the law asks of some kinds of agency at some levels."""

    name_zh: str
    kinds: list[AgencyKind] = Field(min_length=1)
    levels: list[AgencyLevel] = Field(min_length=1)
    example: str
    deadline: str = Field(pattern=r"^(?:\d{1,2}-\d{1,2})?$", description="M-D of the next year; empty: none set")
    may_make_rules: bool
    accountability: bool


class _AgencyFile(_Data):
    version: Literal[1]
    kind: list[KindEntry] = Field(min_length=1)
    duty: list[Duty] = Field(min_length=1)


class Divisions(_Data):
    """The prefecture-level divisions: `"code name"` entries, their source and version."""

    source_zh: str
    source_en: str
    version: str
    counts: dict[str, int]
    divisions: list[str] = Field(min_length=1)

    def names(self) -> frozenset[str]:
        """Every division's name (`淮安市`, `兴安盟`)."""
        return frozenset(entry.split(" ", 1)[1] for entry in self.divisions)


def _load(model: type[_M], name: str) -> _M:
    """The data file `name`, validated the first time and then kept in the plan cache."""
    from giocheck.engine.plancache import kept  # the engine imports this module

    path = rules_dir() / name
    return kept(model, path, lambda: _validated(model, path))


def _validated(model: type[_M], path: Path) -> _M:
    try:
        return model.model_validate(read_toml(path))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(f"{path}: field {where}: {first['msg']}") from None


@cache
def agency_table() -> _AgencyFile:
    """The agency kinds and duties of `rules/agencies.toml`."""
    return _load(_AgencyFile, "agencies.toml")


@cache
def divisions() -> Divisions:
    """The list of prefecture-level divisions of `rules/divisions.toml`."""
    return _load(Divisions, "divisions.toml")


@cache
def _prefecture_names() -> frozenset[str]:
    return divisions().names()


def is_prefecture_city(place: str) -> bool:
    """Whether `place` (`淮安市`, `延边朝鲜族自治州`) is on the list of prefecture-level divisions."""
    return place in _prefecture_names()


def kind_of(last_place: str, body: str) -> KindEntry | None:
    """The first kind of the table whose place ending and body fit the name."""
    return next((entry for entry in agency_table().kind if entry.fits(last_place, body)), None)


def duty_of(kind: AgencyKind | None, level: AgencyLevel | None) -> Duty | None:
    """What the table says the law asks of this kind at this level (None: not in the table)."""
    return next((d for d in agency_table().duty if kind in d.kinds and level in d.levels), None)
