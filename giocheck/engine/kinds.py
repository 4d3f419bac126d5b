"""Rule kinds: one small function per kind, registered by name.

A kind knows how to judge one `Instance` (cells already bound) against a report and yields
findings. Which cells, which sides, which words: all of that is data in the rule file.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Number
from giocheck.engine.instances import Instance, Term
from giocheck.formats import TableSpec
from giocheck.model import AnnualReport

Check = Callable[[Instance, AnnualReport], Iterator[Finding]]
_RELATION_SLOTS = frozenset({"scope", "lhs", "rhs", "lhs_terms", "rhs_terms", "diff"})
_CELL_SLOTS = frozenset({"scope", "cell", "value", "problem"})


@attrs.frozen
class Kind:
    """A registered kind: its function, the rule fields it needs and its message slots."""

    check: Check
    fields: frozenset[str]
    slots: frozenset[str]
    single_lhs: bool = False


KINDS: dict[str, Kind] = {}


def register(name: str, fields: set[str], slots: frozenset[str], single_lhs: bool = False) -> Callable[[Check], Check]:
    """Register `function` as rule kind `name`."""

    def add(function: Check) -> Check:
        KINDS[name] = Kind(function, frozenset(fields), slots, single_lhs)
        return function

    return add


# ------------------------------------------------------------------ relations


@register("balance", {"lhs", "rhs"}, _RELATION_SLOTS)
def balance(instance: Instance, report: AnnualReport) -> Iterator[Finding]:
    """Σ left side equals Σ right side (e.g. new + carried in = handled + carried over)."""
    yield from _relation(instance, report, operator.eq)


@register("sum", {"lhs", "rhs"}, _RELATION_SLOTS, single_lhs=True)
def total(instance: Instance, report: AnnualReport) -> Iterator[Finding]:
    """A total cell equals the sum of its parts."""
    yield from _relation(instance, report, operator.eq)


@register("at_least", {"lhs", "rhs"}, _RELATION_SLOTS)
def at_least(instance: Instance, report: AnnualReport) -> Iterator[Finding]:
    """Σ left side is at least Σ right side."""
    yield from _relation(instance, report, operator.ge)


@register("non_negative", {"cells"}, _CELL_SLOTS)
def non_negative(instance: Instance, report: AnnualReport) -> Iterator[Finding]:
    """Every cell is ≥ 0, and a count is a whole number; signed columns are exempt."""

    def problem(ref: CellRef, value: Number) -> tuple[str, str]:
        column = instance.table.column(ref.column)
        if column.type == "signed_count":
            return "", ""
        return _cell_problem(value, whole=column.type == "count")

    yield from _cell_findings(instance, report, problem)


@register("zero", {"cells"}, _CELL_SLOTS)
def zero(instance: Instance, report: AnnualReport) -> Iterator[Finding]:
    """Every cell is 0 or blank: the agency may not have what the row counts (e.g. 规章, 立法法)."""
    yield from _cell_findings(
        instance, report, lambda _ref, value: ("应为 0", "should be 0") if value != 0 else ("", "")
    )


def _cell_findings(
    instance: Instance, report: AnnualReport, problem: Callable[[CellRef, Number], tuple[str, str]]
) -> Iterator[Finding]:
    """One finding per non-blank cell for which `problem` gives a (zh, en) reason."""
    for ref in instance.cells:
        view = cell_view(instance, report, Term(ref))
        if view.value is None:
            continue
        problem_zh, problem_en = problem(ref, view.value)
        if not problem_zh:
            continue
        slots = {"scope": _scope(instance, "zh"), "cell": view.label, "value": view.raw, "problem": problem_zh}
        slots_en = {**slots, "scope": _scope(instance, "en"), "cell": str(ref), "problem": problem_en}
        yield Finding(
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


def _relation(instance: Instance, report: AnnualReport, holds: Callable[[Number, Number], bool]) -> Iterator[Finding]:
    lhs = tuple(cell_view(instance, report, t) for t in _substituted(instance, report, instance.lhs))
    rhs = tuple(cell_view(instance, report, t) for t in _substituted(instance, report, instance.rhs))
    if any(_absent(report, v.ref) for v in lhs + rhs):
        return  # the row was not found: a read problem says so once, not once per rule
    blank = [v for v in lhs + rhs if v.value is None]
    if blank:
        yield Finding(
            rule=instance.rule.id,
            name=instance.rule.name,
            severity="info",
            status="not_assessable",
            message_zh=f"{_scope(instance, 'zh')}：{_names(blank, 'zh')}为空，无法判断「{instance.rule.title_zh}」",
            message_en=f"{_scope(instance, 'en')}: {_names(blank, 'en')} blank; cannot assess {instance.rule.id}",
            lhs=lhs,
            rhs=rhs,
            scope=_scope(instance, "en"),
            binding=instance.binding,
        )
        return
    if not holds(weighted_sum(lhs), weighted_sum(rhs)):
        yield relation_finding(instance, lhs, rhs)


def relation_finding(
    instance: Instance,
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
        scope=_scope(instance, "en") if scope is None else scope,
        binding=instance.binding,
    )


def _absent(report: AnnualReport, ref: CellRef) -> bool:
    table = report.tables.get(ref.table)
    row = None if table is None else table.rows.get(ref.row) or table.substitutes.get(ref.row)
    return row is None or row.source in ("absent", "replaced")


def _substituted(instance: Instance, report: AnnualReport, terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """Terms with every full set of replaced rows swapped for the substitute row the report printed.

    Σ（六）1–3 becomes the single 2019-style （六）其他处理 when that is what the report has.
    """
    table = report.tables.get(instance.table.key)
    if table is None or not table.substitutes:
        return terms
    for spec in instance.table.substitutes:
        if spec.key not in table.substitutes:
            continue
        for column in {t.ref.column for t in terms}:
            group = [t for t in terms if t.ref.column == column and t.ref.row in spec.replaces]
            if {t.ref.row for t in group} == set(spec.replaces) and len({t.weight for t in group}) == 1:
                first = terms.index(group[0])
                kept = [t for t in terms if t not in group]
                kept.insert(first, Term(CellRef(instance.table.key, spec.key, column), group[0].weight))
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


def cell_view(instance: Instance, report: AnnualReport, term: Term) -> CellView:
    """The cell a term points at, as a finding shows it (None value if blank or absent)."""
    return table_cell_view(instance.table, report, term.ref, term.weight)


def table_cell_view(table: TableSpec, report: AnnualReport, ref: CellRef, weight: int = 1) -> CellView:
    """A cell of `table` in `report`, as a finding shows it (None value if blank or absent)."""
    cell = report.cell(ref.table, ref.row, ref.column)
    return CellView(
        ref=ref,
        label=table_cell_label(table, ref),
        value=None if cell is None else cell.value,
        raw="" if cell is None else cell.raw,
        location=None if cell is None else cell.location,
        weight=weight,
    )


def cell_label(instance: Instance, ref: CellRef) -> str:
    """`表三「（七）总计」×「总计」`: the table, row and column as the format prints them."""
    return table_cell_label(instance.table, ref)


def table_cell_label(table: TableSpec, ref: CellRef) -> str:
    """`表三「（七）总计」×「总计」` for a cell of `table` (no rule instance needed)."""
    column = table.column(ref.column).name
    if table.single_row:
        return f"{table.name_zh}「{column}」"
    return f"{table.name_zh}「{table.row_name(ref.row)}」×「{column}」"


def _scope(instance: Instance, lang: str) -> str:
    table = instance.table
    column = instance.bound("column")
    row = instance.bound("row")
    if lang == "en":
        where = f" column {column}" if column else f" row {row}" if row else ""
        return f"table {table.key[1]}{where}"
    if column:
        return f"{table.name_zh}「{table.column(column).name}」列"
    if row:
        return f"{table.name_zh}「{table.row(row).name}」行"
    return table.name_zh


def _term_name(instance: Instance, ref: CellRef, lang: str) -> str:
    if lang == "en":
        return (
            ref.column
            if instance.bound("row") or instance.table.single_row
            else ref.row
            if instance.bound("column")
            else f"{ref.row}.{ref.column}"
        )
    table = instance.table
    if instance.bound("row") or table.single_row:
        return table.column(ref.column).label
    if instance.bound("column"):
        return table.row_name(ref.row)
    return f"{table.row_name(ref.row)}·{table.column(ref.column).label}"


def written_terms(views: tuple[CellView, ...], name: Callable[[CellView], str]) -> str:
    """`a 3 + b 4 − c 1`: each cell named by `name`, with its raw text and sign."""
    text = ""
    for index, view in enumerate(views):
        sign = ("− " if view.weight < 0 else "+ ") if index else ("−" if view.weight < 0 else "")
        spacer = " " if index else ""
        text += f"{spacer}{sign}{name(view)} {view.raw}"
    return text


def _names(views: list[CellView], lang: str, shown: int = 3) -> str:
    more = len(views) - shown
    if lang == "en":
        return ", ".join(str(v.ref) for v in views[:shown]) + (f" and {more} more" if more > 0 else "")
    return "、".join(v.label for v in views[:shown]) + (f"等 {len(views)} 格" if more > 0 else "")


def signed(value: Number) -> str:
    """A difference as messages show it: `+10`, `-1`, `0`."""
    return f"+{value}" if value > 0 else str(value)


# Kinds kept in their own modules register on import (after everything above is defined).
from giocheck.engine import blanks  # noqa: E402, F401
