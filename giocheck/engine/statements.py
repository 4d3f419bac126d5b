"""Every number the text states, with the cells it was compared with (`show` lists them).

The `text_claim` rules find these statements; `statements` runs their search for all of them,
agreeing or not, so a reader can see what the text was compared with.
"""

from __future__ import annotations

import attrs

from giocheck.engine import applicable_instances, sum_parts
from giocheck.engine.claims import claim_sentences, number_span
from giocheck.engine.findings import CellView, Number
from giocheck.engine.report import applies_to, quote
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.engine.schema import ClaimsRule
from giocheck.engine.subject import Subject
from giocheck.formats import formats
from giocheck.model import AnnualReport, Location
from giocheck.naming import cell_name
from giocheck.profile import profile_of


@attrs.frozen
class Statement:
    """A number a sentence of the text states, and the table cells it was compared with."""

    rule: str
    subject_zh: str
    subject_en: str
    section: str
    sentence: str
    stated: Number
    cells: tuple[CellView, ...]
    cells_en: tuple[str, ...]
    table: Number
    where: Location | None

    @property
    def agrees(self) -> bool:
        """Whether the text and the table say the same number."""
        return self.stated == self.table


def statements(report: AnnualReport, rules: RuleSet | None = None) -> list[Statement]:
    """Every number the text states that a `text_claim` rule of `rules` (the shipped rules by
    default) compares with the tables, agreeing or not, in rule and text order."""
    ruleset = rules or default_rules()
    parts = sum_parts(list(applicable_instances(report, ruleset)))
    subject = Subject(report, None, profile_of(report.metadata), parts)
    spec = formats()[report.metadata.format]
    found = []
    for instance in ruleset.plan(report.metadata.format).report:
        rule = instance.rule
        if rule.kind != "text_claim" or not applies_to(rule, subject.profile):
            continue
        assert isinstance(rule, ClaimsRule)  # text_claim's schema
        for said in claim_sentences(rule, subject):
            text = said.passage.text
            views = tuple(v for c in said.cells for v in (c.view, *c.parts))
            for match, stated in said.stated:
                found.append(
                    Statement(
                        rule=rule.id,
                        subject_zh=said.claim.subject_zh,
                        subject_en=said.claim.subject_en,
                        section=said.passage.name,
                        sentence=quote(text[said.begin : said.end], keep=number_span(match, said.begin)),
                        stated=stated,
                        cells=views,
                        cells_en=tuple(cell_name(spec.table(v.ref.table), v.ref, "en") for v in views),
                        table=said.table,
                        where=said.passage.where(match.start()),
                    )
                )
    return found
