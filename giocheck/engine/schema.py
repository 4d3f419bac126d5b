"""What a rule file may say: the fields every rule has, and the field sets the kinds build on.

Each kind declares its own schema (`giocheck.engine.registry.register`): one of the models
below, or a model of its own built on `RuleSpec`. A rule file is validated per kind: a `sum`
rule with `claims`, or a `text_claim` without `sections`, fails when the file is loaded,
naming the file, the rule and the field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from giocheck.engine.findings import Severity
from giocheck.engine.ruledata import Aspect, Claim, Deadline
from giocheck.model import AgencyKind, AgencyLevel, NoteKind

_ID = r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"
_NAME = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
_KEY = r"^[A-Za-z0-9_]+$"


class RuleSpec(BaseModel):
    """One declarative rule: its code and name, its `kind`, where it applies, what it says.

    The fields of its kind (cells, sections, claims …) are on the kind's schema, a subclass.
    `formats` left out: every format that has what the rule reads (filled in when loaded).
    """

    # Built when a rule file is first validated: a run whose rules come from the plan cache never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=_ID, description="stable ASCII code users select and ignore by")
    name: str = Field(pattern=_NAME, description="readable kebab-case name")
    kind: str = Field(description="a registered rule kind: balance, sum, at_least, non_negative …")
    severity: Severity
    formats: list[str] = Field(
        default_factory=list,
        description="national formats (keys of rules/formats/*.toml; `legacy`: before 2019, no tables); "
        "left out: every format that has what the rule reads",
    )
    agency_kinds: list[AgencyKind] = Field(default_factory=list, description="only for these agencies (empty: all)")
    agency_levels: list[AgencyLevel] = Field(default_factory=list, description="only at these levels (empty: all)")
    title_zh: str
    title_en: str
    basis_zh: str
    basis_en: str
    basis_short_zh: str = Field("", description="the basis in a few words, shown on every finding (`依据：…`)")
    basis_short_en: str = Field("", description="the short basis in English")
    message_zh: str
    message_en: str


class TableRule(RuleSpec):
    """A rule over cells of one table: `ROW/COLUMN` references, `@GROUP`s, `for_each` bindings."""

    table: str = Field(pattern=_KEY, description="the table the cells are in (a key of the format data)")
    for_each: dict[Literal["row", "column"], str | list[str]] = Field(default_factory=dict)
    lhs: list[str] = Field(default_factory=list)
    rhs: list[str] = Field(default_factory=list)
    cells: list[str] = Field(default_factory=list)


class RelationRule(TableRule):
    """Σ left side against Σ right side (`balance`, `sum`, `at_least`)."""

    lhs: list[str] = Field(min_length=1)
    rhs: list[str] = Field(min_length=1)


class CellsRule(TableRule):
    """A condition on each of some cells (`non_negative`, `zero`)."""

    cells: list[str] = Field(min_length=1)


class PreviousRule(TableRule):
    """This year's cells against last year's `previous` cells (across years)."""

    lhs: list[str] = Field(min_length=1)
    previous: list[str] = Field(min_length=1, description="cells of last year's report (across years)")


class ContinuedRule(PreviousRule):
    """This year's cells = last year's `previous` cells + this year's `rhs` changes."""

    rhs: list[str] = Field(min_length=1)


class PlainRule(RuleSpec):
    """A rule about the whole report that needs no data of its own."""


class SectionsRule(RuleSpec):
    """A rule that reads the text of some parts (`PREAMBLE`, `OVERVIEW` …)."""

    sections: list[str] = Field(min_length=1, description="the parts whose text is read (PREAMBLE, OVERVIEW …)")


class ClaimsRule(SectionsRule):
    """Statements the text may make (`claims`), found in some parts."""

    claims: list[Claim] = Field(min_length=1)


class FilledRule(CellsRule):
    """`filled`: cells of a table row are filled in; `rows_for_rule_makers` are rows only an agency
    that makes 规章 can fill, so a blank there is info for the others."""

    rows_for_rule_makers: list[str] = Field(
        default_factory=list,
        description="rows only agencies that make 规章 can fill; blank there is info for the others",
    )


class LabelsRule(RuleSpec):
    """A rule over printed labels: each claim's pattern finds a row label or part heading that
    differs from the format's; each of `headers` a printed column header (its `cells` name the
    column, `T3.NEW.SW`: the row is not used)."""

    claims: list[Claim] = Field(min_length=1)
    headers: list[Claim] = Field(default_factory=list)


class FeeUnitRule(ClaimsRule):
    """`fee_unit`: the fee amount is in 万元; `threshold` is the 万元 above which it looks like 元."""

    threshold: int = Field(ge=0, description="万元 above which an amount more likely is in 元")


class AspectsRule(SectionsRule):
    """Content the parts must cover (`aspects`)."""

    aspects: list[Aspect] = Field(min_length=1)
    severity_all_missing: Severity | None = Field(
        None, description="required_content: the severity when none of the aspects is there (else `severity`)"
    )


class DeadlinesRule(RuleSpec):
    """When reports are due (`deadlines`)."""

    deadlines: list[Deadline] = Field(min_length=1)


class SimilarityRule(SectionsRule):
    """How much text may repeat (`threshold` %, runs of `min_length` characters)."""

    threshold: int = Field(ge=0, description="a percentage the kind compares with")
    min_length: int = Field(ge=1, description="the shortest run of characters the kind counts")


class NotesRule(RuleSpec):
    """Which kinds of read notes the rule reports."""

    notes: list[NoteKind] = Field(min_length=1, description="the kinds of read notes the rule reports")


def sections_of(rule: RuleSpec) -> list[str]:
    """The parts a rule reads (none for a rule that reads no text)."""
    return rule.sections if isinstance(rule, SectionsRule) else []
