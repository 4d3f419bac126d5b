"""The data fields of rules that read the report's text rather than one table.

Patterns are regular expressions written in rule files; `{number}`, `{year}` and `{percent}`
stand for the numerals of `giocheck.textnum`. Every pattern is compiled when the rule file is
loaded (`compile_pattern`), so a broken one fails there, naming the rule and the field.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from giocheck.engine.literals import prefilter
from giocheck.model import AgencyKind, AgencyLevel
from giocheck.textnum import NUMBER, PERCENT, YEAR

PREAMBLE = "PREAMBLE"
"""Section key for the title block and the text before part 一."""

_PLACEHOLDERS = {"number": NUMBER, "year": YEAR, "percent": PERCENT}


class _Data(BaseModel):
    # Built when a rule file is first validated: a run whose rules come from the plan cache never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Alternative(_Data):
    """Another combination of cells a stated number may have been taken from, and what that
    suggests (`收到申请12件` equal to new + carried in: the carried-in applications were counted)."""

    cells: list[str] = Field(min_length=1)
    cause_zh: str
    cause_en: str


class Claim(_Data):
    """A statement the text may make, and the table cells (`T3.NEW.TOT`) it speaks about.

    `pattern` finds the statement; its group `n` is the number stated (no group `n`: the
    statement says "none", i.e. 0), and the `cells` are added up. For stated totals, `part`
    finds each item of the breakdown in `window` (the same sentence, or up to the end of the
    next one); with `at_most` a partial breakdown (其中 …) may add up to less than the total.
    For stated shares, a pattern without a group `whole` takes the whole from `cells`: each is
    one possible whole, and the share passes if it fits any of them. The groups each kind needs
    are checked when the rule file is loaded. `alternatives` name the likely cause when a stated
    number that disagrees with `cells` equals another combination of cells.
    """

    pattern: str
    cells: list[str] = Field(default_factory=list)
    part: str | None = None
    window: Literal["sentence", "next_sentence"] = "sentence"
    at_most: bool = False
    subject_zh: str = ""
    subject_en: str = ""
    offsets: list[int] = Field(default_factory=lambda: [0])
    alternatives: list[Alternative] = Field(default_factory=list)
    severity: Literal["error", "warning", "info"] | None = Field(
        None, description="this claim's severity, where it differs from the rule's"
    )


class Aspect(_Data):
    """Content a part must cover: its name and the words any one of which shows it is there."""

    name_zh: str
    name_en: str
    keywords: list[str] = Field(min_length=1)


class Deadline(_Data):
    """When reports of some agencies are due: `month`/`day` of the year after the report year."""

    agency_kinds: list[AgencyKind] = Field(default_factory=list)
    agency_levels: list[AgencyLevel] = Field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    text_zh: str
    text_en: str

    @model_validator(mode="after")
    def _a_real_day(self) -> Deadline:
        # 2000 is a leap year: 2月29日 is allowed (moved to 2月28日 in a common year), 2月30日 is not.
        try:
            date(2000, self.month, self.day)
        except ValueError:
            raise ValueError(f"no such day: {self.month}月{self.day}日") from None
        return self


def expand_placeholders(pattern: str) -> str:
    """`{number}` → the numeral pattern, and so on; other braces are left to the regex."""
    return re.sub(r"\{(number|year|percent)\}", lambda m: _PLACEHOLDERS[m[1]], pattern)


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The compiled pattern (`re.error` when it is not a valid regular expression)."""
    return re.compile(expand_placeholders(pattern))


def may_match(pattern: str, text: str) -> bool:
    """False only when `text` cannot hold a match of `pattern`: it lacks every word of one of
    the clauses `giocheck.engine.literals.prefilter` reads off the pattern. A cheap test before
    running a pattern that the regex engine would otherwise try at every position."""
    clauses = _clauses(pattern)
    return not clauses or all(any(word in text for word in clause) for clause in clauses)


@cache
def _clauses(pattern: str) -> tuple[tuple[str, ...], ...]:
    return prefilter(expand_placeholders(pattern))
