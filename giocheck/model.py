"""The annual report as data: pydantic models, so `giocheck schema` can print their JSON Schema.

Every cell keeps the value it was read as, the raw text it came from and where it came from.
A blank or placeholder cell (empty, `/`, `—`, `-`, `无`) has `value = None`: it is not 0.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Protocol, TypeVar, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from giocheck.choices import AgencyKind as AgencyKind  # re-exported: the model's fields use them
from giocheck.choices import AgencyLevel as AgencyLevel
from giocheck.formats import LEGACY, formats
from giocheck.words import say


def _format_key(key: str) -> str:
    if key != LEGACY and key not in formats():
        raise ValueError(f"no such format {key!r}; known: {', '.join([*formats(), LEGACY])}")
    return key


def _table_key(key: str) -> str:
    known = sorted({table.key for spec in formats().values() for table in spec.tables})
    if key not in known:
        raise ValueError(f"no such table {key!r}; known: {', '.join(known)}")
    return key


ReportFormat = Annotated[str, AfterValidator(_format_key)]
"""A format's key (`rules/formats/*.toml`), or `legacy` for a report before 2019 (no tables)."""
TableKey = Annotated[str, AfterValidator(_table_key)]
"""A table's key in some format (`T3` …)."""
ReadBy = Literal["ocr"]
RowSource = Literal["label", "similar", "order", "blank", "absent", "replaced"]
NoteKind = Literal[
    "label", "layout", "rows_missing", "columns_missing", "table_missing", "recovered", "bad_bytes", "long_number"
]
PublishedSource = Literal["page", "given", "signature"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


_M = TypeVar("_M", bound=_Model)
_B = TypeVar("_B", bound=BaseModel)
# Per model: its fields' defaults in declaration order, and the fields whose default is made anew.
_DEFAULTS: dict[type[BaseModel], tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]] = {}


def trusted(model: type[_B], /, **fields: Any) -> _B:
    """A `model` built without validation from values giocheck made itself, already of the
    field types (the readers' locations, the extractor's cells and rows): what
    `model.model_construct` does, at a fraction of its cost, since reading builds hundreds of
    them per report. What users hand in is validated (`model.model_validate`).

    Any of giocheck's frozen models whose defaults are immutable or made by a factory (no
    private attributes, no `model_post_init`): the plan cache builds rules and formats so."""
    found = _DEFAULTS.get(model)
    if found is None:
        found = _DEFAULTS[model] = _defaults(model)
    defaults, made = found
    values = defaults.copy()  # declaration order, as a validated model has it
    values.update(fields)
    for name, factory in made:
        if name not in fields:
            values[name] = factory()
    built = _new(model)
    _set_dict(built, values)
    _set_fields_set(built, set(fields))
    _set_extra(built, None)
    _set_private(built, None)
    return built


def read_cell(value: int | Decimal | None, raw: str, location: Location | None) -> Cell:
    """A cell as the extractor read it (`trusted`, for the model built most often: each
    number of each table)."""
    built = _new(Cell)
    _set_dict(built, {"value": value, "raw": raw, "location": location, "recovered": False})
    _set_fields_set(built, {"value", "raw", "location"})
    _set_extra(built, None)
    _set_private(built, None)
    return built


def from_json(model: type[_M], data: dict[str, Any]) -> _M:
    """A `model` from what `model_dump(mode="json")` of a validated one wrote (giocheck's own
    caches), built as `trusted` builds: dates, `Decimal`s and nested models are decoded by the
    fields' types, nothing is validated again, so no validator is built for it."""
    return _decoder(model)(data)  # type: ignore[no-any-return]


_Decode = Callable[[Any], Any]
_DECODERS: dict[object, _Decode] = {}


def _decoder(annotation: object) -> _Decode:
    """How to decode a JSON value of type `annotation` (cached: a report decodes many cells)."""
    found = _DECODERS.get(annotation)
    if found is None:
        found = _DECODERS[annotation] = _make_decoder(annotation)
    return found


def _keep(value: Any) -> Any:
    return value


def _make_decoder(annotation: object) -> _Decode:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _decoder(args[0])
    if origin in (Union, UnionType):
        kinds = [arg for arg in args if arg is not NoneType]
        if Decimal in kinds:  # a number: JSON keeps an int as such and writes a Decimal as a string
            return lambda value: Decimal(value) if isinstance(value, str) else value
        inner = _decoder(kinds[0]) if len(kinds) == 1 else _keep
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _decoder(args[0])
        return _keep if item is _keep else lambda value: [item(v) for v in value]
    if origin is dict:
        item = _decoder(args[1])
        return _keep if item is _keep else lambda value: {k: item(v) for k, v in value.items()}
    if annotation is date:
        return date.fromisoformat
    if annotation is Decimal:
        return Decimal
    if isinstance(annotation, type) and issubclass(annotation, _Model):
        return _model_decoder(annotation)
    return _keep


def _model_decoder(model: type[_Model]) -> _Decode:
    fields = {name: _decoder(info.annotation) for name, info in model.model_fields.items()}
    required = {name for name, info in model.model_fields.items() if info.is_required()}

    def decode(value: dict[str, Any]) -> _Model:
        # What validation would refuse (a field it does not know, or one left out that it
        # needs: data from another version) is a KeyError here.
        if not required <= value.keys():
            raise KeyError(sorted(required - value.keys()))
        return trusted(model, **{name: fields[name](v) for name, v in value.items()})

    return decode


# A model's slots, set directly: `object.__setattr__` by name costs a lookup each time.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _defaults(model: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    fields = model.model_fields
    defaults = {name: None if info.is_required() else info.default for name, info in fields.items()}
    made = tuple((name, info.default_factory) for name, info in fields.items() if info.default_factory is not None)
    return defaults, made  # type: ignore[return-value]  # the models' factories take no argument


class Location(_Model):
    """Where something was read: a line of text, or a page / table / row / column."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    read_by: ReadBy | None = Field(None, description="ocr: the text was recognised from a scanned image")

    def describe(self, lang: str = "zh") -> str:
        """A short human description, e.g. `第 12 行` or `page 3` (`（OCR 识别）` when OCR'd)."""
        parts: list[str] = []
        for field in _WHERE:
            value = getattr(self, field)
            if value is not None:
                parts.append(say(f"read.where_{field}", lang, n=value))
        where = ("" if lang == "zh" else ", ").join(parts)
        if self.read_by == "ocr":
            where += say("read.by_ocr", lang)
        return where


# The parts of a location, in the order they are said (the catalogue's read.where_page …).
_WHERE = ("page", "line", "table", "row", "column")


class Cell(_Model):
    """One table cell: its value (`int`; `Decimal` for money), raw text and origin.

    Data that gives a value without its raw text (`{"value": 3000}`) gets the value as its raw
    text, so messages, which quote the raw text, show the number the sums use.
    """

    value: int | Decimal | None
    raw: str = Field("", description="the text as printed; defaults to the value when left out")
    location: Location | None = None
    recovered: bool = Field(
        False, description="the value was separated from digits printed without cell separators (see notes)"
    )

    @model_validator(mode="before")
    @classmethod
    def _raw_from_value(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("raw") and data.get("value") is not None:
            return {**data, "raw": str(data["value"])}
        return data

    @property
    def blank(self) -> bool:
        """True for an empty or placeholder cell."""
        return self.value is None


class Row(_Model):
    """A data row in official order; `source` says how its numbers were placed."""

    key: str
    label: str = Field(description="the label as printed in the report (may be empty)")
    cells: dict[str, Cell] = Field(description="cells by column key, in official order")
    source: RowSource = Field(
        "label",
        description="label: matched by its label; order: no label, placed by official order; "
        "blank: label found but no numbers; absent: not found in the report; "
        "replaced: the report printed a substitute row instead (see Table.substitutes)",
    )


class Header(_Model):
    """One printed column header of a table: the text of one column of a header block, its
    header rows joined from top to bottom (`法律服务` over `机构` → `法律服务机构`)."""

    text: str
    location: Location | None = None


class Table(_Model):
    """One of the national tables (T2, T3, T4) with its rows in official order."""

    key: TableKey
    format: ReportFormat | None = Field(
        None, description="the format whose layout this table follows, when it is not the report's own"
    )
    rows: dict[str, Row]
    substitutes: dict[str, Row] = Field(
        default_factory=dict,
        description="rows printed in place of official rows, e.g. a 2019-style （六）其他处理 in a 2021 report",
    )
    missing_columns: list[str] = Field(
        default_factory=list, description="columns the report printed the table without (their cells are blank)"
    )
    headers: list[Header] = Field(
        default_factory=list,
        description="the column headers as printed, where the reader saw them as cells (empty when unknown, "
        "e.g. read from JSON); F_LABEL_WORDING compares them with the format's column labels",
    )

    def cell(self, row: str, column: str) -> Cell | None:
        """The cell at (row, column) of an official or substitute row, or None."""
        found = self.rows.get(row) or self.substitutes.get(row)
        return None if found is None else found.cells.get(column)


class Section(_Model):
    """One of the six numbered parts: its heading as printed and its text."""

    key: str
    heading: str
    text: str
    location: Location | None = None
    lines: list[Location | None] = Field(
        default_factory=list, description="where each line of `text` was read, in order (empty when unknown)"
    )


class ReadProblem(_Model):
    """Something the reader could not do with confidence, said instead of guessing.

    `unchecked`: the table's numbers cannot be trusted at all (e.g. a line that fits two rows
    equally), so none of its rules run; the other tables are still checked.
    """

    table: str | None = None
    unchecked: bool = False
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh") -> str:
        """The message in `zh` or `en`."""
        return self.message_zh if lang == "zh" else self.message_en


class ReadNote(_Model):
    """How the report was printed where it departs from the format without hiding what it
    says: a label with characters dropped or misread, a table in another format's layout, rows
    or a table the agency left out. Rules (rules/checks/reading.toml) turn notes into findings."""

    kind: NoteKind
    table: str | None = None
    row: str | None = None
    printed: str = Field("", description="what the report printed (a label, a layout's format key)")
    expected: str = Field("", description="what the format has there (the official label, the format key)")
    names: list[str] = Field(default_factory=list, description="rows or tables concerned, official labels")
    location: Location | None = None
    message_zh: str = Field("", description="what to tell, when the note says more than its rule's message")
    message_en: str = ""

    def message(self, lang: str = "zh") -> str:
        """The message in `zh` or `en` (empty when the note's rule says it all)."""
        return self.message_zh if lang == "zh" else self.message_en


class Signature(_Model):
    """The signature block at the end of a report: the agency that signs it and the date."""

    agency: str | None = None
    dated: date | None = Field(None, description="the date under the signature")
    location: Location | None = None


class Metadata(_Model):
    """Who reports, for which year, in which national format, read from where."""

    agency: str | None = None
    year: int | None = None
    format: ReportFormat
    source: str | None = None
    published: date | None = Field(None, description="publication date (page metadata, --published or configuration)")
    published_source: PublishedSource | None = Field(
        None,
        description="where `published` comes from: page (the page's metadata or 发布日期 line), "
        "given (--published, configuration, API), signature (the date the report is signed)",
    )
    signature: Signature | None = Field(None, description="the signature block at the end, when found")
    agency_kind: AgencyKind | None = Field(None, description="given by the user; None: inferred (giocheck.profile)")
    agency_level: AgencyLevel | None = Field(None, description="given by the user; None: inferred (giocheck.profile)")
    read_by: ReadBy | None = Field(None, description="ocr: read from a scan by OCR, so any cell may be misread")


class CellKey(Protocol):
    """Anything that names a cell by table, row and column keys (`giocheck.CellRef`)."""

    @property
    def table(self) -> str: ...
    @property
    def row(self) -> str: ...
    @property
    def column(self) -> str: ...


def _cell_key(table: str | CellKey, row: str | None, column: str | None) -> tuple[str, str, str]:
    """(table, row, column) from three keys, one dotted key `"T3.NEW.TOT"` or a `CellRef`."""
    if not isinstance(table, str):
        return table.table, table.row, table.column
    if row is None and column is None:
        parts = table.split(".")
        if len(parts) != 3:
            raise KeyError(f"{table!r}: a cell key is TABLE.ROW.COLUMN, e.g. 'T3.NEW.TOT'")
        return parts[0], parts[1], parts[2]
    if row is None or column is None:
        raise KeyError(f"{table}.{row}.{column}: give table, row and column, or one dotted key")
    return table, row, column


class AnnualReport(_Model):
    """A 政府信息公开工作年度报告 as read: metadata, sections, tables and read problems."""

    metadata: Metadata
    preamble: str = Field("", description="the title block and any text before part 一")
    preamble_lines: list[Location | None] = Field(
        default_factory=list, description="where each line of `preamble` was read, in order (empty when unknown)"
    )
    closing: str = Field(
        "", description="the signature block after the last part as printed (agency, date), one line each; not parsed"
    )
    sections: list[Section] = Field(default_factory=list)
    tables: dict[str, Table] = Field(default_factory=dict)
    problems: list[ReadProblem] = Field(default_factory=list)
    notes: list[ReadNote] = Field(
        default_factory=list, description="departures from the format that were read through (see ReadNote)"
    )

    def cell(self, table: str | CellKey, row: str | None = None, column: str | None = None) -> Cell:
        """The cell at table/row/column (or one dotted key, `"T3.NEW.TOT"`, or a `CellRef`:
        `giocheck.cells()` lists every cell of a format).

        Raises `KeyError` naming the key and the keys there are when the report has no such cell:
        a key the format does not have (a typo) or a cell the report left out. `maybe_cell` is
        the optional access.
        """
        key = _cell_key(table, row, column)
        found = self.maybe_cell(*key)
        if found is None:
            raise KeyError(self._missing(*key))
        return found

    def maybe_cell(self, table: str | CellKey, row: str | None = None, column: str | None = None) -> Cell | None:
        """The cell at table/row/column (or one dotted key), or None when the report has no such cell."""
        table, row, column = _cell_key(table, row, column)
        found = self.tables.get(table)
        return None if found is None else found.cell(row, column)

    def _missing(self, table: str, row: str, column: str) -> str:
        """Why there is no cell `table.row.column`, with the keys there are (the format's)."""
        from giocheck.formats import formats  # the format data is read after the model is defined

        layout = self.tables[table].format if table in self.tables else None
        spec = formats().get(layout or self.metadata.format)
        if spec is None:
            return f"{table}.{row}.{column}: a report in format {self.metadata.format} has no tables"
        tables = [t.key for t in spec.tables]
        if table not in tables:
            return f"{table}.{row}.{column}: no table {table!r}; tables: {', '.join(tables)}"
        table_spec = spec.table(table)
        rows = [r.key for r in table_spec.rows] + [s.key for s in table_spec.substitutes]
        if row not in rows:
            return f"{table}.{row}.{column}: no row {row!r} in {table} (format {spec.key}); rows: {', '.join(rows)}"
        columns = table_spec.row_columns(row) if table_spec.has_row(row) else [c.key for c in table_spec.columns]
        if column not in columns:
            return f"{table}.{row}.{column}: no column {column!r} in {table} row {row}; columns: {', '.join(columns)}"
        return f"{table}.{row}.{column}: the report has no such cell (its table or row was not found)"

    def section(self, key: str) -> Section | None:
        """The section with this key, if the report has it."""
        return next((s for s in self.sections if s.key == key), None)
