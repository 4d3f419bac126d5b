"""The report kind `fee_unit`: table two's 行政事业性收费 amount is in 万元, as the format prints it.

Its claims (rule data) are of two sorts, told apart by their groups: a pattern with a group
`unit` finds the unit the report printed in the column header (`本年收费金额（单位：元）`); a
pattern with a group `n` and `cells` finds an amount the text states in 元 for the same fees.
A printed 元, an amount equal to a 元 figure of the text, or an amount above `threshold` 万元
suggests the amount was written in 元; each claim may set its own severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from giocheck.engine.findings import CellView, Finding, Number, Severity
from giocheck.engine.instances import Instance
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding, parse_ref, view
from giocheck.engine.ruledata import compile_pattern
from giocheck.engine.schema import FeeUnitRule, RuleSpec
from giocheck.formats import latest_format
from giocheck.naming import cell_name
from giocheck.textnum import parse_number


@register("fee_unit", FeeUnitRule, {"cell", "amount", "reason"})
def fee_unit(instance: Instance[FeeUnitRule], subject: Subject) -> Iterator[Finding]:
    """The amount is in 万元: no 元 header, no 元 figure of the text, not above the threshold."""
    rule = instance.rule
    texts = subject.passages(rule.sections)
    for claim in rule.claims:
        regex = compile_pattern(claim.pattern)
        severity = claim.severity or rule.severity
        if "unit" in regex.groupindex:
            for passage in texts:
                for match in regex.finditer(passage.text):
                    if match["unit"] == "元":
                        cell = _amount(subject, rule)
                        yield _found(rule, cell, "表头单位印作“元”", "the header gives the unit as yuan", severity)
            continue
        cell = _amount(subject, rule, claim.cells)
        if cell is None or cell.value is None or cell.value == 0:
            continue
        stated = [_yuan(m["n"]) for passage in texts for m in regex.finditer(passage.text)]
        if cell.value in stated:
            zh = f"与正文所写的 {cell.raw} 元相同"
            yield _found(rule, cell, zh, f"it equals the {cell.raw} yuan the text states", severity)
    cell = _amount(subject, rule)
    if cell is not None and cell.value is not None and rule.threshold is not None and cell.value > rule.threshold:
        zh = f"超过 {rule.threshold} 万元"
        yield _found(rule, cell, zh, f"it is above {rule.threshold} (10,000 yuan)", rule.severity)


def _amount(subject: Subject, rule: FeeUnitRule, cells: list[str] | None = None) -> CellView | None:
    """The amount cell: the claim's, else the first a claim of the rule names."""
    refs = cells or next((c.cells for c in rule.claims if c.cells), [])
    return view(subject.report, parse_ref(refs[0])) if refs else None


def _yuan(text: str) -> Number | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _found(rule: RuleSpec, cell: CellView | None, zh: str, en: str, severity: Severity) -> Finding:
    return finding(
        rule,
        {"cell": cell.label if cell else "", "amount": cell.raw if cell else "", "reason": zh},
        {"cell": _english(cell), "reason": en},
        cells=(cell,) if cell else (),
        scope=zh,
        severity=severity,
    )


def _english(cell: CellView | None) -> str:
    """The cell's English name (`giocheck.naming.cell_name`)."""
    if cell is None:
        return ""
    return cell_name(latest_format().table(cell.ref.table), cell.ref, "en")
