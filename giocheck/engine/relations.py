"""The format's exact relations as linear equations over cells, read from the rule files.

A `sum` (total = Σ parts) and a `balance` (Σ left = Σ right) of error severity say the same
thing: Σ weight × cell = 0. Solvers that reason about many cells at once — separating digits
whose cell separators were lost, naming the cell most likely wrong — use these equations and
never the rule kinds' code, so a relation added to a rule file reaches them too.
"""

from __future__ import annotations

import attrs

from giocheck.engine.findings import CellRef
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.formats import FormatSpec

# Rule kinds that state an exact equality between their two sides.
EQUALITY_KINDS = frozenset({"sum", "balance"})


@attrs.frozen
class Equation:
    """Σ weight × cell = 0 over `terms`; `rule` is the id of the rule it comes from."""

    rule: str
    terms: tuple[tuple[CellRef, int], ...]

    @property
    def cells(self) -> frozenset[CellRef]:
        """The cells the equation relates."""
        return frozenset(ref for ref, _ in self.terms)

    def holds(self, values: dict[CellRef, int]) -> bool:
        """Whether the equation holds for `values` (every cell of it must be in `values`)."""
        return sum(weight * values[ref] for ref, weight in self.terms) == 0


def equations(spec: FormatSpec, rules: RuleSet | None = None) -> tuple[Equation, ...]:
    """Every error-level equality of `rules` (the shipped rules by default) that holds for all
    agencies in format `spec`, one equation per rule instance, left side positive.

    Rules limited to some agencies are left out: which agency wrote a report is not known for
    sure while it is being read.
    """
    found = []
    for instance in (rules or default_rules()).instances(spec):
        rule = instance.rule
        if rule.kind not in EQUALITY_KINDS or rule.severity != "error" or rule.agency_kinds or rule.agency_levels:
            continue
        weights: dict[CellRef, int] = {}
        for term in instance.lhs:
            weights[term.ref] = weights.get(term.ref, 0) + term.weight
        for term in instance.rhs:
            weights[term.ref] = weights.get(term.ref, 0) - term.weight
        terms = tuple((ref, weight) for ref, weight in weights.items() if weight)
        if terms:
            found.append(Equation(rule.id, terms))
    return tuple(found)
