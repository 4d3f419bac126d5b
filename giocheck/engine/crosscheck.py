"""What a rule's schema cannot say alone: its data against its kind and the format data.

Run once per rule when its file is loaded (after pydantic validated it against its kind's
schema): the formats it lists, the cells, rows, columns and groups it names, the parts it
reads, the regex groups its claims need, its message slots. A problem is (field, message).
A rule that leaves `formats` out gets every format that has what it reads (`default_formats`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

from giocheck.engine.instances import expand
from giocheck.engine.registry import KINDS, Kind
from giocheck.engine.ruledata import PREAMBLE, Claim, compile_pattern
from giocheck.engine.schema import ClaimsRule, LabelsRule, PreviousRule, RuleSpec, SectionsRule, TableRule
from giocheck.formats import LEGACY, FormatSpec, formats, latest_format

Problem = tuple[str, str]


def known_formats() -> list[str]:
    """Every key a rule's `formats` may list: the format data files' and `legacy`."""
    return [*formats(), LEGACY]


def default_formats(rule: RuleSpec) -> list[str]:
    """Every format that has what the rule reads (`legacy` too for a kind that reads no table)."""
    kind = KINDS[rule.kind]
    found = sorted(spec.key for spec in formats().values() if _reads_in(rule, spec) is None)
    return [*found, LEGACY] if kind.legacy else found


def cross_check(rule: RuleSpec) -> Problem | None:
    """(field, problem) for a rule whose data does not fit its kind or the formats, else None."""
    kind = KINDS[rule.kind]
    if not rule.formats:  # left out, and no format has what the rule reads: say what the latest lacks
        return _reads_in(rule, latest_format()) or ("formats", "no format has what the rule reads")
    for key in rule.formats:
        if key not in known_formats():
            return "formats", f"unknown format {key!r}; known: {', '.join(known_formats())}"
    if LEGACY in rule.formats and not kind.legacy:
        return "formats", f"kind {rule.kind!r} reads tables: reports before 2019 (legacy) have none"
    if kind.single_lhs and isinstance(rule, TableRule) and len(rule.lhs) != 1:
        return "lhs", f"kind {rule.kind!r} takes exactly one total cell on the left"
    problem = _slots(rule, kind) or _text(rule, kind) or _label_patterns(rule)
    if problem is not None:
        return problem
    for key in rule.formats:
        if key != LEGACY:
            problem = _reads_in(rule, formats()[key])
            if problem is not None:
                return problem
    return None


def _slots(rule: RuleSpec, kind: Kind) -> Problem | None:
    for field in ("message_zh", "message_en"):
        try:
            slots = set(_template_slots(getattr(rule, field)))
        except ValueError as error:
            return field, str(error)
        unknown = slots - kind.slots
        if unknown:
            return field, f"unknown slot {{{sorted(unknown)[0]}}}; allowed: {', '.join(sorted(kind.slots))}"
    return None


def _template_slots(template: str) -> Iterable[str]:
    for _text, field, _spec, _conversion in string.Formatter().parse(template):
        if field is not None:
            if not field.isidentifier():
                raise ValueError(f"message slot {{{field}}} must be a plain name")
            yield field


def _text(rule: RuleSpec, kind: Kind) -> Problem | None:
    """The parts a rule reads exist, and its claims' patterns compile with the groups it needs."""
    if isinstance(rule, SectionsRule):
        keys = {s.key for spec in formats().values() for s in spec.sections} | {PREAMBLE}
        for section in rule.sections:
            if section not in keys:
                return "sections", f"unknown section {section!r}; known: {', '.join(sorted(keys))}"
    for index, claim in enumerate(rule.claims if isinstance(rule, ClaimsRule) else []):
        for name, pattern in (("pattern", claim.pattern), ("part", claim.part)):
            if pattern is None:
                if name in kind.groups:
                    return f"claims[{index}].{name}", f"kind {rule.kind!r} needs a {name} pattern"
                continue
            try:
                regex = compile_pattern(pattern)
            except re.error as error:
                return f"claims[{index}].{name}", f"not a valid regular expression: {error}"
            missing = kind.groups.get(name, frozenset()) - regex.groupindex.keys()
            if claim.cells:
                missing -= {kind.cells_for}
            if missing:
                groups = ", ".join(f"(?P<{group}>…)" for group in sorted(missing))
                return f"claims[{index}].{name}", f"kind {rule.kind!r} needs the named group(s) {groups}"
    return None


def _reads_in(rule: RuleSpec, spec: FormatSpec) -> Problem | None:
    """Whether format `spec` has every table, cell and group the rule reads (None: it has)."""
    if isinstance(rule, TableRule):
        if not spec.has_table(rule.table):
            return "table", f"no table {rule.table} in format {spec.key}"
        try:
            instances = expand(rule, spec)
            if isinstance(rule, PreviousRule):
                expand(rule.model_copy(update={"lhs": rule.previous, "rhs": []}), spec)
        except KeyError as error:
            field = "previous" if isinstance(rule, PreviousRule) else "lhs/rhs/cells/for_each"
            return field, f"unknown row, column or group {error} in {rule.table} of format {spec.key}"
        if not instances:
            return "for_each", f"expands to no cells in format {spec.key}"
    for index, claim in enumerate(rule.claims if isinstance(rule, ClaimsRule) else []):
        for ref in claim.cells:
            problem = _cell_problem(ref, spec)
            if problem:
                return f"claims[{index}].cells", problem
    return None


def _label_claims(rule: RuleSpec) -> list[tuple[str, Sequence[Claim]]]:
    """A labels rule's claims about row labels and headings, and about column headers."""
    return [("claims", rule.claims), ("headers", rule.headers)] if isinstance(rule, LabelsRule) else []


def _label_patterns(rule: RuleSpec) -> Problem | None:
    """A labels rule's patterns compile, each column-header claim names one column, and each
    cell named is in one of the rule's formats at least (a claim about a column one format
    lacks is about the others)."""
    specs = [formats()[key] for key in rule.formats if key != LEGACY]
    for field, claims in _label_claims(rule):
        for index, claim in enumerate(claims):
            try:
                compile_pattern(claim.pattern)
            except re.error as error:
                return f"{field}[{index}].pattern", f"not a valid regular expression: {error}"
            if field == "headers" and len(claim.cells) != 1:
                return f"headers[{index}].cells", "name the one column the header is of, e.g. T3.NEW.SW"
            for ref in claim.cells:
                problems = [_cell_problem(ref, spec) for spec in specs]
                if specs and all(problems):
                    return f"{field}[{index}].cells", problems[-1] or ""
    return None


def _cell_problem(ref: str, spec: FormatSpec) -> str | None:
    parts = ref.split(".")
    if len(parts) != 3:
        return f"{ref!r}: write TABLE.ROW.COLUMN, e.g. T3.NEW.TOT"
    table_key, row, column = parts
    if not spec.has_table(table_key):
        return f"{ref!r}: no table {table_key} in format {spec.key}"
    table = spec.table(table_key)
    if not table.has_row(row) or column not in table.row_columns(row):
        return f"{ref!r}: no such cell in format {spec.key}"
    return None


def data_fields() -> Sequence[str]:
    """Every field some kind's schema adds to the common ones, in the order problems are named."""
    common = set(RuleSpec.model_fields)
    order = ["lhs", "rhs", "cells", "previous", "sections", "claims", "aspects", "deadlines"]
    extra = {name for kind in KINDS.values() for name in kind.schema.model_fields} - common
    return [*[n for n in order if n in extra], *sorted(extra - set(order))]
