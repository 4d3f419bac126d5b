"""What the report's text says about glued digits: the numbers it states, against a cut.

Table two's three-number rows have no relation to cut their digits by (`8855698`: 8/855/698,
88/55/698, 885/5/698). The report's text often states some of those numbers
(「现行有效行政规范性文件698件」); `giocheck.extract.glued` keeps only the cuts on which no such
statement (a rule of kind `text_claim`, rules/checks/text.toml) disagrees, and quotes the
statements that chose (`telling`).
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from giocheck.engine.claims import claim_sentences, number_span
from giocheck.engine.findings import CellRef
from giocheck.engine.instances import Instance
from giocheck.engine.report import Subject, applies_to, quote, run_report_rules
from giocheck.engine.rulefile import default_rules
from giocheck.engine.schema import ClaimsRule, RuleSpec
from giocheck.model import AnnualReport
from giocheck.profile import profile_of


def _claims(report: AnnualReport) -> Iterator[Instance[RuleSpec]]:
    return (i for i in default_rules().plan(report.metadata.format).report if i.rule.kind == "text_claim")


def agrees(filled: AnnualReport, cells: Set[CellRef]) -> bool:
    """Whether no number the text of `filled` states disagrees with one of `cells`."""
    disagreeing = (
        finding
        for _rule, findings in run_report_rules(filled, tuple(_claims(filled)), None)
        for finding in findings
        if finding.status == "fail" and any(view.ref in cells for view in finding.cells)
    )
    return next(disagreeing, None) is None


def telling(filled: AnnualReport, cells: Set[CellRef]) -> tuple[str, ...]:
    """The sentences of the text of `filled` that state a number of `cells` and agree with it,
    each quoted around its number: what chose those cells' cut."""
    subject = Subject(filled, None, profile_of(filled.metadata))
    sentences: dict[str, None] = {}
    for instance in _claims(filled):
        rule = instance.rule
        if not isinstance(rule, ClaimsRule) or not applies_to(rule, subject.profile):
            continue
        for said in claim_sentences(rule, subject):
            if not any(compared.view.ref in cells for compared in said.cells):
                continue
            for match, stated in said.stated:
                if stated == said.table:
                    text = said.passage.text[said.begin : said.end]
                    sentences[quote(text, keep=number_span(match, said.begin))] = None
    return tuple(sentences)
