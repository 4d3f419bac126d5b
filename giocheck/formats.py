"""The national report formats as data: sections, tables, rows and columns (`rules/formats/`).

Each format file is validated here with pydantic; the extractor and the rule engine read the
resulting `FormatSpec` and never spell a label themselves.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from giocheck.errors import RuleFileError
from giocheck.formatdelta import resolve
from giocheck.labels import normalize
from giocheck.resources import rules_dir

if TYPE_CHECKING:
    from giocheck.model import AnnualReport

CellType = Literal["count", "signed_count", "money"]
TableKey = Literal["T2", "T3", "T4"]
TABLE_NAMES_ZH: dict[str, str] = {"T2": "表二", "T3": "表三", "T4": "表四"}


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ColumnSpec(_Spec):
    """One column: stable key, the label the format prints, and how its cells are typed."""

    key: str
    label: str
    label_en: str | None = None
    short: str | None = None
    short_en: str | None = None
    group: str | None = None
    group_en: str | None = None
    variants: list[str] = Field(default_factory=list)
    type: CellType = "count"

    @property
    def name(self) -> str:
        """The label with its group, e.g. `行政复议·总计`, for messages."""
        return f"{self.group}·{self.label}" if self.group and self.key != "TOT" else self.label

    @property
    def name_en(self) -> str:
        """The English label with its group, e.g. `Administrative reconsideration · Total`."""
        label = self.label_en or self.key
        return f"{self.group_en} · {label}" if self.group_en and self.key != "TOT" else label


class RowSpec(_Spec):
    """One data row of a table, with the patterns that recognise its printed label."""

    key: str
    label: str
    label_en: str | None = None
    short: str | None = None
    short_en: str | None = None
    group: str | None = None
    group_en: str | None = None
    variants: list[str] = Field(default_factory=list)
    columns: list[str] | None = None
    match: list[str] = Field(default_factory=list)

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The `match` expressions, then the label and its variants as exact (normalised) text."""
        exact = [re.escape(normalize(text)) + "$" for text in (self.label, *self.variants)]
        return tuple(re.compile(p) for p in (*self.match, *exact))

    @property
    def name(self) -> str:
        """A short label for messages."""
        return self.short or self.label

    @property
    def name_en(self) -> str:
        """A short English label for messages."""
        return self.short_en or self.label_en or self.key


class GroupSpec(_Spec):
    """A named set of rows or columns that rules refer to as `@KEY`."""

    key: str
    rows: list[str] | None = None
    columns: list[str] | None = None


class SubstituteSpec(_Spec):
    """A row some reports print instead of several official rows (an older format's row).

    E.g. 2021-format reports that keep the 2019 single row `（六）其他处理` in place of its
    three items. Extraction keeps its numbers apart; sums over the replaced rows use them.
    """

    key: str
    label: str
    label_en: str | None = None
    match: list[str]
    replaces: list[str] = Field(min_length=1)

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The compiled `match` expressions."""
        return tuple(re.compile(p) for p in self.match)

    @property
    def name(self) -> str:
        """The label, for messages."""
        return self.label

    @property
    def name_en(self) -> str:
        """The English label, for messages."""
        return self.label_en or self.key


class SectionSpec(_Spec):
    """One of the six numbered parts of a report."""

    key: str
    label: str
    label_en: str | None = None
    variants: list[str] = Field(default_factory=list)
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled heading pattern."""
        return re.compile(self.pattern)


class TableSpec(_Spec):
    """One table of the format, rows in official order."""

    key: TableKey
    section: str
    label: str
    label_en: str | None = None
    anchors: list[str] = Field(default_factory=list)
    note: str | None = None
    note_en: str | None = None
    single_row: bool = False
    columns: list[ColumnSpec]
    rows: list[RowSpec]
    groups: list[GroupSpec] = Field(default_factory=list)
    substitutes: list[SubstituteSpec] = Field(default_factory=list)

    @property
    def sub_tables(self) -> bool:
        """Whether rows have their own columns (table two: sub-tables under one heading each)."""
        return any(row.columns is not None for row in self.rows)

    @model_validator(mode="after")
    def _references_exist(self) -> TableSpec:
        columns = {c.key for c in self.columns}
        rows = {r.key for r in self.rows}
        for substitute in self.substitutes:
            if set(substitute.replaces) - rows or substitute.key in rows:
                raise ValueError(f"substitute {substitute.key}: replaces rows not in {self.key}, or reuses a row key")
        for row in self.rows:
            unknown = set(row.columns or ()) - columns
            if unknown:
                raise ValueError(f"row {row.key}: unknown columns {sorted(unknown)}")
            for pattern in row.match:
                re.compile(pattern)
        for group in self.groups:
            if set(group.rows or ()) - rows or set(group.columns or ()) - columns:
                raise ValueError(f"group {group.key}: refers to rows or columns not in {self.key}")
        return self

    @property
    def name_zh(self) -> str:
        """`表三` and so on."""
        return TABLE_NAMES_ZH[self.key]

    @property
    def name_en(self) -> str:
        """`Table 3` and so on."""
        return f"Table {self.key[1:]}"

    def row(self, key: str) -> RowSpec:
        """The row with this key (KeyError if the format has none)."""
        return self._rows[key]

    def column(self, key: str) -> ColumnSpec:
        """The column with this key (KeyError if the format has none)."""
        return self._columns[key]

    def row_name(self, key: str, lang: str = "zh") -> str:
        """The short name of an official row or of a substitute row (`lang`: zh or en)."""
        row: RowSpec | SubstituteSpec = (
            self._rows[key] if key in self._rows else next(s for s in self.substitutes if s.key == key)
        )
        return row.name_en if lang == "en" else row.name

    def has_row(self, key: str) -> bool:
        """Whether the format has this row."""
        return key in self._rows

    def row_columns(self, row: str) -> list[str]:
        """The column keys a row has cells in (all columns unless the row says otherwise)."""
        own = self._rows[row].columns
        return list(own) if own is not None else [c.key for c in self.columns]

    def expand_rows(self, token: str) -> list[str]:
        """`@ALL`, `@GROUP` or a single row key, as row keys (KeyError if unknown)."""
        if token == "@ALL":
            return [r.key for r in self.rows]
        if token.startswith("@"):
            group = self._groups[token[1:]]
            if group.rows is None:
                raise KeyError(token)
            return list(group.rows)
        self._rows[token]
        return [token]

    def expand_columns(self, token: str, row: str | None = None) -> list[str]:
        """`@ALL` (the row's own columns), `@GROUP` or one column key."""
        if token == "@ALL":
            return self.row_columns(row) if row else [c.key for c in self.columns]
        if token.startswith("@"):
            group = self._groups[token[1:]]
            if group.columns is None:
                raise KeyError(token)
            return list(group.columns)
        self._columns[token]
        return [token]

    @cached_property
    def _rows(self) -> dict[str, RowSpec]:
        return {r.key: r for r in self.rows}

    @cached_property
    def cell_labels(self) -> dict[object, str]:
        """Labels of this table's cells as findings name them, filled as the engine names them
        (`giocheck.engine.kinds.table_cell_view`): a report's rules name the same cells often."""
        return {}

    @cached_property
    def _columns(self) -> dict[str, ColumnSpec]:
        return {c.key: c for c in self.columns}

    @cached_property
    def _groups(self) -> dict[str, GroupSpec]:
        return {g.key: g for g in self.groups}


class FormatSpec(_Spec):
    """A national format: which report years it applies to, its sections and tables."""

    key: str
    title_zh: str
    title_en: str
    first_year: int
    last_year: int | None = None
    markers: list[str]
    sections: list[SectionSpec]
    tables: list[TableSpec]

    def table(self, key: str) -> TableSpec:
        """The table with this key (KeyError if the format has none)."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def has_table(self, key: str) -> bool:
        """Whether the format has a table with this key."""
        return any(table.key == key for table in self.tables)

    def covers(self, year: int) -> bool:
        """Whether reports for `year` are due in this format."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def load_format(path: Path, data: dict[str, Any] | None = None) -> FormatSpec:
    """Validate one format file (`data`: its contents with `extends` applied, else read it); a
    broken file raises `RuleFileError` naming it."""
    try:
        if data is None:
            data = _read(path)
        return FormatSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(f"{path}: field {where}: {first['msg']}") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleFileError(f"{path}: not valid TOML: {error}") from None


LEGACY = "legacy"
"""The format key of a report before 2019: no national tables, so no format data file."""


@cache
def formats() -> dict[str, FormatSpec]:
    """Every format shipped under `rules/formats/`, by key; a file that `extends` another
    states only what differs from it (giocheck/formatdelta.py).

    Validated once and kept in the plan cache (`giocheck.engine.plancache`, keyed by the format
    files' bytes and giocheck's version): a later start builds the specs from that JSON without
    parsing TOML or building the models' validators."""
    from giocheck.engine.plancache import construct, load_formats, store_formats  # the engine imports this module

    cached = load_formats()
    if cached is not None:
        found = [construct(FormatSpec, data) for data in cached]
    else:
        raw = {path: _read(path) for path in sorted((rules_dir() / "formats").glob("*.toml"))}
        found = [load_format(path, data) for path, data in resolve(raw).items()]
        store_formats([spec.model_dump(mode="json", exclude_unset=True) for spec in found])
    return {spec.key: spec for spec in found}


def latest_format() -> FormatSpec:
    """The format in force now: the one whose first report year is latest."""
    return max(formats().values(), key=lambda spec: spec.first_year)


def format_for_year(year: int) -> FormatSpec | None:
    """The format due for a report year; None before 2019 (legacy reports)."""
    for spec in formats().values():
        if spec.covers(year):
            return spec
    return None


def report_format(report: AnnualReport) -> FormatSpec | None:
    """The format spec a report was read in (None for legacy reports)."""
    return formats().get(report.metadata.format)


def table_specs(report: AnnualReport) -> list[TableSpec]:
    """The specs of the report format's tables, in official order, each in the format whose
    layout the report's table follows (`Table.format`: a 2025 report may print a 2019 table)."""
    spec = report_format(report)
    if spec is None:
        return []
    found = []
    for table_spec in spec.tables:
        table = report.tables.get(table_spec.key)
        layout = None if table is None or table.format is None else formats().get(table.format)
        own = layout is None or not layout.has_table(table_spec.key)
        found.append(table_spec if own or layout is None else layout.table(table_spec.key))
    return found


def table_spec(report: AnnualReport, key: str) -> TableSpec:
    """The spec of the report's table `key`, in the format its layout follows."""
    return next(spec for spec in table_specs(report) if spec.key == key)
