"""Hypothesis strategies: valid reports by construction, and single-fault mutants.

Built from the rules themselves, so a rule file is at once a validator and a generator:
the leaf cells are drawn, every `sum` total is computed from its parts, each `balance` is
met by splitting its known side among its open cells, and each `at_least` gets a slack.
Nothing is filtered. Needs the `strategies` extra (`pip install giocheck[strategies]`).

    from giocheck.strategies import reports, mutants
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from giocheck.clock import today
from giocheck.engine import applicable_instances
from giocheck.engine.findings import CellRef, Number
from giocheck.engine.instances import Instance, expand
from giocheck.engine.kinds import KINDS
from giocheck.engine.report import applies_to
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.engine.schema import TableRule
from giocheck.formats import FormatSpec, formats, latest_format
from giocheck.model import AnnualReport, Cell, Metadata, Row, Section, Table
from giocheck.profile import profile_of

_AGENCIES = ("渠县信访局", "淮安市人民政府", "某市统计局", "某区人民政府办公室", "某县司法局", "某街道办事处")
_PROSE = (
    "本机关认真贯彻落实政府信息公开条例",
    "进一步规范依申请公开办理流程",
    "加强政府网站建设",
    "严格落实保密审查制度",
)
# Prose that meets the content rules (S_OVERVIEW_ASPECTS, S_FEE_STATEMENT, S_GOV_ACCOUNTABILITY)
# and states no number, so no text claim can disagree with the drawn tables.
_OVERVIEW = "本机关做好主动公开、依申请公开、政府信息管理、政府信息公开平台建设和监督保障工作。"
_GOVERNMENT = "按要求开展工作考核、社会评议，本年度未发生责任追究情况。"
_FEES = "本机关按规定办理信息处理费事项。"
_PROBLEMS = "存在的问题是公开内容还不够全面，下一步将持续改进。"
_PLACEHOLDERS = ("", "/", "—", "-", "无")


_EQUALITIES = ("sum", "balance")


@attrs.frozen
class Expected:
    """An error finding a mutant must get: its rule, its binding, and the cell for rules about
    single cells (`non_negative`, `zero`; "" for a relation)."""

    rule: str
    binding: tuple[tuple[str, str], ...]
    cell: str = ""


@attrs.frozen
class Mutant:
    """A valid report with exactly one cell changed, so that at least one error rule must fire.

    `expected` are the error findings the change must give and no others, derived from the
    rules alone; `expected_rules` their rule ids.
    """

    report: AnnualReport
    original: AnnualReport
    cell: CellRef
    before: Number | None
    after: Number
    expected: frozenset[Expected] = frozenset()

    @property
    def expected_rules(self) -> frozenset[str]:
        """The ids of the error rules the changed cell must make fire."""
        return frozenset(e.rule for e in self.expected)


def _weight(instance: Instance[TableRule], ref: CellRef) -> int:
    """How many times a relation counts the cell, sides signed (0: not at all, or cancelled out)."""
    return sum(t.weight for t in (*instance.lhs, *instance.rhs) if t.ref == ref)


def _equalities(report: AnnualReport, rules: RuleSet) -> list[Instance[TableRule]]:
    return [i for i in applicable_instances(report, rules) if i.rule.severity == "error" and i.rule.kind in _EQUALITIES]


def checked_cells(report: AnnualReport, rules: RuleSet | None = None) -> list[CellRef]:
    """The cells, in official order, that an error-level equality (sum, balance) applying to this
    report's format and agency reads: a change to any of them must be an error."""
    read = {t.ref for i in _equalities(report, rules or default_rules()) for t in (*i.lhs, *i.rhs) if _weight(i, t.ref)}
    spec = formats()[report.metadata.format]
    return [ref for ref in _all_cells(spec) if ref in read]


def expected_errors(
    report: AnnualReport, cell: CellRef, after: Number, rules: RuleSet | None = None
) -> frozenset[Expected]:
    """From the rules alone, the error findings `report` gets when `cell` (valid before) becomes
    `after`: the equalities that read it, the non-negative rule when it went below zero in a
    column that must not, and the `zero` rules (for this agency) when they keep it at 0."""
    expected: set[Expected] = set()
    column_type = formats()[report.metadata.format].table(cell.table).column(cell.column).type
    for instance in applicable_instances(report, rules or default_rules()):
        kind = instance.rule.kind
        if instance.rule.severity != "error":
            continue
        if kind in _EQUALITIES:
            if _weight(instance, cell) != 0:
                expected.add(Expected(instance.rule.id, instance.binding))
            continue
        # e.g. P_REG_AUTHORITY: a county-level agency reporting 规章 (the generator leaves them 0)
        broken = (
            after != 0 if kind == "zero" else kind == "non_negative" and after < 0 and column_type != "signed_count"
        )
        if cell in instance.cells and broken:
            expected.add(Expected(instance.rule.id, instance.binding, str(cell)))
    return frozenset(expected)


def _instances(spec: FormatSpec, rules: RuleSet) -> list[Instance[TableRule]]:
    """Instances of the table rules that relate cells (report rules and `zero` are met otherwise)."""
    return [
        i
        for rule in rules.rules
        if spec.key in rule.formats
        and isinstance(rule, TableRule)
        and KINDS[rule.kind].per_cells
        and rule.kind != "zero"
        for i in expand(rule, spec)
    ]


def zero_cells(spec: FormatSpec, agency: str, rules: RuleSet | None = None) -> frozenset[CellRef]:
    """Cells this agency must leave at 0 (the `zero` rules that apply to it, e.g. 规章 below city level)."""
    profile = profile_of(Metadata(agency=agency, format=spec.key))
    return frozenset(
        ref
        for rule in (rules or default_rules()).rules
        if rule.kind == "zero"
        and isinstance(rule, TableRule)
        and spec.key in rule.formats
        and applies_to(rule, profile)
        for instance in expand(rule, spec)
        for ref in instance.cells
    )


def _all_cells(spec: FormatSpec) -> list[CellRef]:
    return [
        CellRef(table.key, row.key, column)
        for table in spec.tables
        for row in table.rows
        for column in table.row_columns(row.key)
    ]


def _leaf(spec: FormatSpec, ref: CellRef) -> st.SearchStrategy[Number]:
    kind = spec.table(ref.table).column(ref.column).type
    if kind == "money":
        return st.decimals(min_value=0, max_value=100000, places=1, allow_nan=False, allow_infinity=False)
    if kind == "signed_count":
        return st.integers(-500, 500)
    return st.one_of(st.just(0), st.integers(0, 40), st.integers(0, 5000))


@st.composite
def table_values(
    draw: st.DrawFn, spec: FormatSpec, rules: RuleSet | None = None, zero: frozenset[CellRef] = frozenset()
) -> dict[CellRef, Number]:
    """Values for every table cell of `spec` that satisfy every constructible rule; `zero` cells are 0."""
    instances = _instances(spec, rules or default_rules())
    totals: dict[CellRef, Instance[TableRule]] = {}
    for instance in instances:
        if instance.rule.kind in ("sum", "at_least") and len(instance.lhs) == 1 and instance.lhs[0].ref not in zero:
            totals.setdefault(instance.lhs[0].ref, instance)
    balances = [i for i in instances if i.rule.kind == "balance"]
    split = {t.ref for i in balances for t in i.lhs if t.ref not in totals}
    values: dict[CellRef, Number] = {
        ref: 0 if ref in zero else draw(_leaf(spec, ref))
        for ref in _all_cells(spec)
        if ref not in totals and ref not in split
    }
    while True:
        progress = False
        for ref, instance in totals.items():
            if ref not in values and all(t.ref in values for t in instance.rhs):
                parts = sum((t.weight * values[t.ref] for t in instance.rhs), start=0)
                slack = draw(st.integers(0, 20)) if instance.rule.kind == "at_least" else 0
                values[ref] = max(parts, 0) + slack if instance.rule.kind == "at_least" else parts
                progress = True
        for instance in balances:
            open_cells = [t.ref for t in instance.lhs if t.ref in split and t.ref not in values]
            if open_cells and all(t.ref in values for t in instance.rhs):
                known = sum((values[t.ref] for t in instance.lhs if t.ref not in split), start=0)
                _split(draw, open_cells, sum((values[t.ref] for t in instance.rhs), start=0) - known, values)
                progress = True
        if not progress:
            break
    missing = [str(ref) for ref in _all_cells(spec) if ref not in values]
    if missing:
        raise ValueError(f"the rules leave cells undetermined: {', '.join(missing[:5])}")
    return values


def _split(draw: st.DrawFn, cells: list[CellRef], total: Number, values: dict[CellRef, Number]) -> None:
    """Stars and bars: sorted cut points split `total` among `cells`."""
    whole = int(total)
    cuts = sorted(draw(st.integers(0, whole)) for _ in cells[1:])
    bounds = [0, *cuts, whole]
    for ref, low, high in zip(cells, bounds, bounds[1:], strict=False):
        values[ref] = high - low


def _report(
    spec: FormatSpec, values: dict[CellRef, Number], blanks: dict[CellRef, str], agency: str, year: int
) -> AnnualReport:
    tables = {}
    for table_spec in spec.tables:
        rows = {}
        for row in table_spec.rows:
            cells = {}
            for column in table_spec.row_columns(row.key):
                ref = CellRef(table_spec.key, row.key, column)
                if ref in blanks:
                    cells[column] = Cell(value=None, raw=blanks[ref])
                else:
                    cells[column] = Cell(value=values[ref], raw=str(values[ref]))
            rows[row.key] = Row(key=row.key, label=row.label, cells=cells)
        tables[table_spec.key] = Table(key=table_spec.key, rows=rows)
    sections = [Section(key=s.key, heading=s.label, text=_prose(s.key, i, agency)) for i, s in enumerate(spec.sections)]
    return AnnualReport(
        metadata=Metadata(agency=agency, year=year, format=spec.key),
        sections=sections,
        tables=tables,
    )


def _prose(key: str, index: int, agency: str) -> str:
    text = _PROSE[index % len(_PROSE)] + "。"
    if key == "OVERVIEW":
        government = profile_of(Metadata(agency=agency, format=latest_format().key)).kind == "government"
        return text + _OVERVIEW + (_GOVERNMENT if government else "")
    if key == "OTHER":
        return text + _FEES
    if key == "PROBLEMS":
        return text + _PROBLEMS
    return text


@st.composite
def reports(
    draw: st.DrawFn,
    format: str | Sequence[str] | None = None,
    rules: RuleSet | None = None,
    blanks: bool = False,
) -> AnnualReport:
    """Reports whose tables satisfy every rule of `rules` (the shipped rules by default), in
    `format` (a key or several; every shipped format by default).

    With `blanks=True` some cells are blank or placeholders (the rules then say "not
    assessable" for them, never "violated").
    """
    keys = list(formats()) if format is None else [format] if isinstance(format, str) else list(format)
    spec = formats()[draw(st.sampled_from(keys))]
    agency = draw(st.sampled_from(_AGENCIES))
    values = draw(table_values(spec, rules, zero_cells(spec, agency, rules)))
    blank_cells: dict[CellRef, str] = {}
    if blanks:
        chosen = draw(st.sets(st.sampled_from(_all_cells(spec)), max_size=12))
        blank_cells = {ref: draw(st.sampled_from(_PLACEHOLDERS)) for ref in chosen}
    last = spec.last_year or today().year - 1  # a report is for a year that has ended (Y_YEAR_ENDED)
    year = draw(st.integers(spec.first_year, last))
    return _report(spec, values, blank_cells, agency, year)


@st.composite
def mutants(draw: st.DrawFn, format: str | Sequence[str] | None = None, rules: RuleSet | None = None) -> Mutant:
    """A valid report with one table cell changed by a non-zero amount (possibly below 0).

    Only a cell that an error-level sum or balance reads for this format and agency is changed
    (`checked_cells`), so the mutant always has an error to spot: `Mutant.expected_rules`.
    """
    original = draw(reports(format, rules))
    spec = formats()[original.metadata.format]
    candidates = checked_cells(original, rules)
    if not candidates:
        raise ValueError(f"no error-level sum or balance reads a cell of format {spec.key}: nothing to mutate")
    ref = draw(st.sampled_from(candidates))
    cell = original.cell(ref.table, ref.row, ref.column)
    assert cell.value is not None
    delta: Number = draw(st.integers(1, 60)) * draw(st.sampled_from((1, -1)))
    if spec.table(ref.table).column(ref.column).type == "money":
        delta = Decimal(delta) / 10
    after = cell.value + delta
    return Mutant(
        report=replace_cell(original, ref, after),
        original=original,
        cell=ref,
        before=cell.value,
        after=after,
        expected=expected_errors(original, ref, after, rules),
    )


def replace_cell(report: AnnualReport, ref: CellRef, value: Number) -> AnnualReport:
    """A copy of `report` with one cell's value (and raw text) replaced."""
    table = report.tables[ref.table]
    row = table.rows[ref.row]
    cells = {**row.cells, ref.column: Cell(value=value, raw=str(value))}
    rows = {**table.rows, ref.row: row.model_copy(update={"cells": cells})}
    tables = {**report.tables, ref.table: table.model_copy(update={"rows": rows})}
    return report.model_copy(update={"tables": tables})
