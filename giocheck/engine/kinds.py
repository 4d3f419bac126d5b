"""Rule kinds: one small function per kind, registered by name.

A kind knows how to judge one `Instance` (cells already bound) against a report and yields
findings. Which cells, which sides, which words: all of that is data in the rule file.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from giocheck.engine.findings import CellRef, CellView, Finding, Number
from giocheck.engine.instances import Instance, Term
from giocheck.engine.registry import KINDS, register
from giocheck.engine.schema import CellsRule, RelationRule, RuleSpec
from giocheck.formats import TableSpec
from giocheck.model import AnnualReport
from giocheck.naming import cell_name, column_phrase, row_phrase, table_name

if TYPE_CHECKING:
    from giocheck.engine.subject import Subject
    from giocheck.engine.tablegrid import Grid

__all__ = ["KINDS", "cell_label", "cell_view", "relation_finding", "table_cell_label", "table_cell_view"]

_RELATION_SLOTS = frozenset({"scope", "lhs", "rhs", "lhs_terms", "rhs_terms", "diff"})
_CELL_SLOTS = frozenset({"scope", "cell", "value", "problem"})


# ------------------------------------------------------------------ relations


def _quiet_relation(holds: Callable[[Number, Number], bool]) -> Callable[[Instance[RuleSpec], Grid], bool]:
    """A relation's test for nothing to say, from the grid alone: every cell there and filled
    and the relation holding, or a row not found (a read problem says so once, not once per rule).
    A table that prints an older format's row in place of official ones is left to the kind."""

    def quiet(instance: Instance[RuleSpec], grid: Grid) -> bool:
        if grid.substituted:
            return False
        gaps, values = grid.gaps, grid.values
        if gaps and not (gaps.isdisjoint(instance.lhs_at) and gaps.isdisjoint(instance.rhs_at)):
            return True
        if instance.compiled is _UNWEIGHTED:
            # Plain sums; a blank cell (None) cannot be added (TypeError) and is left to the kind.
            cell = cast("Callable[[int], Number]", values.__getitem__)
            try:
                left: Number = sum(map(cell, instance.lhs_at))
                right: Number = sum(map(cell, instance.rhs_at))
            except TypeError:
                return False
            return holds(left, right)
        left_sum = _weighted(values, instance.lhs, instance.lhs_at)
        right_sum = _weighted(values, instance.rhs, instance.rhs_at)
        return left_sum is not None and right_sum is not None and holds(left_sum, right_sum)

    return quiet


_EQUAL, _AT_LEAST = _quiet_relation(operator.eq), _quiet_relation(operator.ge)
_UNWEIGHTED = "unweighted"


def _weights(instance: Instance[RuleSpec]) -> str | None:
    """`_UNWEIGHTED` when every term of the relation counts once (no subtraction): its sides
    are then plain sums (worked out once per instance)."""
    return _UNWEIGHTED if all(term.weight == 1 for term in (*instance.lhs, *instance.rhs)) else None


@register("balance", RelationRule, _RELATION_SLOTS, quiet=_EQUAL, compile=_weights)
def balance(instance: Instance[RuleSpec], subject: Subject) -> Iterator[Finding]:
    """Σ left side equals Σ right side (e.g. new + carried in = handled + carried over)."""
    return _relation(instance, subject, operator.eq, _EQUAL)


@register("sum", RelationRule, _RELATION_SLOTS, single_lhs=True, quiet=_EQUAL, compile=_weights)
def total(instance: Instance[RuleSpec], subject: Subject) -> Iterator[Finding]:
    """A total cell equals the sum of its parts."""
    return _relation(instance, subject, operator.eq, _EQUAL)


@register("at_least", RelationRule, _RELATION_SLOTS, quiet=_AT_LEAST, compile=_weights)
def at_least(instance: Instance[RuleSpec], subject: Subject) -> Iterator[Finding]:
    """Σ left side is at least Σ right side."""
    return _relation(instance, subject, operator.ge, _AT_LEAST)


def _column_types(instance: Instance[RuleSpec]) -> tuple[str, ...]:
    """The type of each cell's column (`count`, `signed_count` …), worked out once per instance."""
    return tuple(instance.layout.column(ref.column).type for ref in instance.cells)


def _quiet_non_negative(_instance: Instance[RuleSpec], grid: Grid) -> bool:
    """No cell of the table is negative or a fraction: no cell of the instance can be."""
    return grid.plain


@register("non_negative", CellsRule, _CELL_SLOTS, compile=_column_types, quiet=_quiet_non_negative)
def non_negative(instance: Instance[RuleSpec], subject: Subject) -> Iterator[Finding]:
    """Every cell is ≥ 0, and a count is a whole number; signed columns are exempt."""
    types = instance.compiled if isinstance(instance.compiled, tuple) else _column_types(instance)
    values = subject.grid(instance).values
    for at, kind, ref in zip(instance.cells_at, types, instance.cells, strict=True):
        value = values[at]
        if value is None or kind == "signed_count":
            continue
        problem = _cell_problem(value, whole=kind == "count")
        if problem[0]:
            yield _cell_finding(instance, subject.report, ref, problem)


def _quiet_zero(instance: Instance[RuleSpec], grid: Grid) -> bool:
    """Every cell of the instance is 0 or blank."""
    values = grid.values
    return not any(values[at] for at in instance.cells_at)


@register("zero", CellsRule, _CELL_SLOTS, quiet=_quiet_zero)
def zero(instance: Instance[RuleSpec], subject: Subject) -> Iterator[Finding]:
    """Every cell is 0 or blank: the agency may not have what the row counts (e.g. 规章, 立法法)."""
    values = subject.grid(instance).values
    for at, ref in zip(instance.cells_at, instance.cells, strict=True):
        value = values[at]
        if value is not None and value != 0:
            yield _cell_finding(instance, subject.report, ref, ("应为 0", "should be 0"))


def _cell_finding(
    instance: Instance[RuleSpec], report: AnnualReport, ref: CellRef, problem: tuple[str, str]
) -> Finding:
    """The finding about one non-blank cell, for a (zh, en) reason."""
    problem_zh, problem_en = problem
    view = cell_view(instance, report, Term(ref))
    slots = {"scope": _scope(instance, "zh"), "cell": view.label, "value": view.raw, "problem": problem_zh}
    slots_en = {**slots, "scope": _scope(instance, "en"), "cell": cell_name(instance.layout, ref, "en")}
    slots_en["problem"] = problem_en
    return Finding(
        rule=instance.rule.id,
        name=instance.rule.name,
        severity=instance.rule.severity,
        status="fail",
        message_zh=instance.rule.message_zh.format_map(slots),
        message_en=instance.rule.message_en.format_map(slots_en),
        lhs=(view,),
        scope=str(ref),
    )


def _cell_problem(value: Number, whole: bool) -> tuple[str, str]:
    if value < 0:
        return "不能为负数", "must not be negative"
    if whole and (isinstance(value, Decimal)):
        return "应为整数", "must be a whole number"
    return "", ""


def _relation(
    instance: Instance[RuleSpec],
    subject: Subject,
    holds: Callable[[Number, Number], bool],
    quiet: Callable[[Instance[RuleSpec], Grid], bool],
) -> Iterator[Finding]:
    """The relation's findings; decided from the report's grid alone (`quiet`) in the common
    case that every cell is there and filled and the relation holds (nothing to say)."""
    if quiet(instance, subject.grid(instance)):
        return iter(())
    return _relation_findings(instance, subject.report, holds)


def _weighted(values: tuple[Number | None, ...], terms: tuple[Term, ...], slots: tuple[int, ...]) -> Number | None:
    """Σ weight × value of the terms' cells read from a grid, or None when one is blank."""
    total: Number = 0
    for term, at in zip(terms, slots, strict=True):
        value = values[at]
        if value is None:
            return None
        total += term.weight * value
    return total


def _relation_findings(
    instance: Instance[RuleSpec], report: AnnualReport, holds: Callable[[Number, Number], bool]
) -> Iterator[Finding]:
    """What a relation that does not plainly hold says, its cells looked up one by one (with
    substitute rows swapped in)."""
    left, right = _substituted(instance, report, instance.lhs), _substituted(instance, report, instance.rhs)
    if any(_absent(report, t.ref) for t in left + right):
        return  # the row was not found: a read problem says so once, not once per rule
    left_sum, right_sum = _sides(report, left), _sides(report, right)
    if left_sum is not None and right_sum is not None and holds(left_sum, right_sum):
        return  # holds: no cell needs naming
    lhs = tuple(cell_view(instance, report, t) for t in left)
    rhs = tuple(cell_view(instance, report, t) for t in right)
    blank = [v for v in lhs + rhs if v.value is None]
    if blank:
        yield Finding(
            rule=instance.rule.id,
            name=instance.rule.name,
            severity="info",
            status="not_assessable",
            message_zh=f"{_scope(instance, 'zh')}：{_names(instance, blank, 'zh')}为空，无法判断「{instance.rule.title_zh}」",
            message_en=f"{_scope(instance, 'en')}: {_names(instance, blank, 'en')} blank; cannot assess {instance.rule.id}",
            lhs=lhs,
            rhs=rhs,
            scope=_scope_key(instance),
            binding=instance.binding,
        )
        return
    if not holds(weighted_sum(lhs), weighted_sum(rhs)):
        yield relation_finding(instance, lhs, rhs)


def _sides(report: AnnualReport, terms: tuple[Term, ...]) -> Number | None:
    """Σ weight × value of the terms' cells, or None when one is blank."""
    total: Number = 0
    for term in terms:
        cell = report.maybe_cell(term.ref.table, term.ref.row, term.ref.column)
        if cell is None or cell.value is None:
            return None
        total += term.weight * cell.value
    return total


def relation_finding(
    instance: Instance[RuleSpec],
    lhs: tuple[CellView, ...],
    rhs: tuple[CellView, ...],
    *,
    extra: dict[str, str] | None = None,
    extra_en: dict[str, str] | None = None,
    scope: str | None = None,
) -> Finding:
    """The violation of a relation between two sides of filled cells, its messages filled in.

    Terms are named by row or column as the binding leaves them open; `extra` adds slots such
    as `previous_year` (`extra_en`: their English words, where they differ).
    """
    left, right = weighted_sum(lhs), weighted_sum(rhs)
    slots = {"lhs": str(left), "rhs": str(right), "diff": signed(left - right), **(extra or {})}

    def message(template: str, lang: str) -> str:
        def name(view: CellView) -> str:
            return _term_name(instance, view.ref, lang)

        return template.format_map(
            {
                **slots,
                **((extra_en or {}) if lang == "en" else {}),
                "scope": _scope(instance, lang),
                "lhs_terms": written_terms(lhs, name),
                "rhs_terms": written_terms(rhs, name),
            }
        )

    return Finding(
        rule=instance.rule.id,
        name=instance.rule.name,
        severity=instance.rule.severity,
        status="fail",
        message_zh=message(instance.rule.message_zh, "zh"),
        message_en=message(instance.rule.message_en, "en"),
        lhs=lhs,
        rhs=rhs,
        lhs_total=left,
        rhs_total=right,
        scope=_scope_key(instance) if scope is None else scope,
        binding=instance.binding,
    )


def _absent(report: AnnualReport, ref: CellRef) -> bool:
    table = report.tables.get(ref.table)
    row = None if table is None else table.rows.get(ref.row) or table.substitutes.get(ref.row)
    return row is None or row.source in ("absent", "replaced")


def _substituted(instance: Instance[RuleSpec], report: AnnualReport, terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """Terms with every full set of replaced rows swapped for the substitute row the report printed.

    Σ（六）1–3 becomes the single 2019-style （六）其他处理 when that is what the report has.
    """
    table = report.tables.get(instance.layout.key)
    if table is None or not table.substitutes:
        return terms
    for spec in instance.layout.substitutes:
        if spec.key not in table.substitutes:
            continue
        for column in {t.ref.column for t in terms}:
            group = [t for t in terms if t.ref.column == column and t.ref.row in spec.replaces]
            if {t.ref.row for t in group} == set(spec.replaces) and len({t.weight for t in group}) == 1:
                first = terms.index(group[0])
                kept = [t for t in terms if t not in group]
                kept.insert(first, Term(CellRef(instance.layout.key, spec.key, column), group[0].weight))
                terms = tuple(kept)
    return terms


def weighted_sum(views: tuple[CellView, ...]) -> Number:
    """Σ weight × value of cells that are all filled."""
    result: Number = 0
    for view in views:
        assert view.value is not None
        result += view.weight * view.value
    return result


# ------------------------------------------------------------------ wording


def cell_view(instance: Instance[RuleSpec], report: AnnualReport, term: Term) -> CellView:
    """The cell a term points at, as a finding shows it (None value if blank or absent)."""
    return table_cell_view(instance.layout, report, term.ref, term.weight)


def table_cell_view(table: TableSpec, report: AnnualReport, ref: CellRef, weight: int = 1) -> CellView:
    """A cell of `table` in `report`, as a finding shows it (None value if blank or absent)."""
    cell = report.maybe_cell(ref.table, ref.row, ref.column)
    label = table.cell_labels.get(ref)
    if label is None:
        label = table.cell_labels[ref] = table_cell_label(table, ref)
    return CellView(
        ref=ref,
        label=label,
        value=None if cell is None else cell.value,
        raw="" if cell is None else cell.raw,
        location=None if cell is None else cell.location,
        weight=weight,
    )


def cell_label(instance: Instance[RuleSpec], ref: CellRef) -> str:
    """表三“（七）总计”行“总计”栏: the table, row and column as the format prints them."""
    return table_cell_label(instance.layout, ref)


def table_cell_label(table: TableSpec, ref: CellRef) -> str:
    """表三“（七）总计”行“总计”栏 for a cell of `table`: `giocheck.naming.cell_name` in Chinese."""
    return cell_name(table, ref)


def _scope(instance: Instance[RuleSpec], lang: str) -> str:
    table = instance.layout
    column = instance.bound("column")
    row = instance.bound("row")
    if column:
        return column_phrase(table, column, lang)
    if row:
        return row_phrase(table, row, lang)
    return table_name(table, lang)


def _scope_key(instance: Instance[RuleSpec]) -> str:
    """The scope as keys (`table 3 column NP`): part of a finding's fingerprint, so never reworded."""
    column = instance.bound("column")
    row = instance.bound("row")
    where = f" column {column}" if column else f" row {row}" if row else ""
    return f"table {instance.layout.key[1]}{where}"


def _term_name(instance: Instance[RuleSpec], ref: CellRef, lang: str) -> str:
    table = instance.layout
    en = lang == "en"
    column = table.column(ref.column)
    column_label = (column.label_en or column.key) if en else column.label
    if instance.bound("row") or table.single_row:
        return f"“{column_label}”" if en else column_label
    if instance.bound("column"):
        return f"“{table.row_name(ref.row, lang)}”" if en else table.row_name(ref.row)
    if en:
        return f"“{table.row_name(ref.row, lang)} · {column_label}”"
    return f"{table.row_name(ref.row)}·{column_label}"


def written_terms(views: tuple[CellView, ...], name: Callable[[CellView], str]) -> str:
    """`a 3 + b 4 − c 1`: each cell named by `name`, with its raw text and sign."""
    text = ""
    for index, view in enumerate(views):
        sign = ("− " if view.weight < 0 else "+ ") if index else ("−" if view.weight < 0 else "")
        spacer = " " if index else ""
        text += f"{spacer}{sign}{name(view)} {view.raw}"
    return text


def _names(instance: Instance[RuleSpec], views: list[CellView], lang: str, shown: int = 3) -> str:
    more = len(views) - shown
    if lang == "en":
        named = "; ".join(cell_name(instance.layout, v.ref, "en") for v in views[:shown])
        return named + (f" and {more} more" if more > 0 else "")
    return "、".join(v.label for v in views[:shown]) + (f"等 {len(views)} 格" if more > 0 else "")


def signed(value: Number) -> str:
    """A difference as messages show it: `+10`, `-1`, `0`."""
    return f"+{value}" if value > 0 else str(value)


# Kinds kept in their own modules register on import (after everything above is defined).
