"""Reader for report data in the model's own schema: JSON or YAML, as `giocheck schema` prints it.

Data needs no extraction: it is validated into an `AnnualReport` directly, then against the
format `metadata.format` names. A validation error, or a table, row or column the format does
not have, becomes one line that names the file and the first field at fault. A table, row or
cell the format has but the data lacks is a read problem, as when a document's table cannot be
read; rows and cells come back in official order whatever order the file lists them in.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from giocheck.errors import ReadError
from giocheck.formats import FormatSpec, TableSpec, formats, report_format
from giocheck.model import AnnualReport, Cell, ReadProblem, Row, Table
from giocheck.readers.datavalues import check_one_line, check_raw, check_values, check_year
from giocheck.readers.encoding import NotText, decode
from giocheck.words import pair, say

DATA_SUFFIXES = (".json", ".yaml", ".yml")
_SNIFF_BYTES = 65_536  # what a folder search reads of a data file to tell report data
_YAML_METADATA = re.compile(r"""^(?:\{\s*)?["']?metadata["']?\s*:""", re.MULTILINE)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')


def has_metadata(path: Path) -> bool:
    """Whether a JSON/YAML file's top-level object has a `metadata` key, as report data does.

    Lets a folder search pass over the other data files a repository holds. Decided from the
    file's first bytes, never by parsing it (a folder search must not be slowed or stopped by
    any file): report data names `metadata` first, as `giocheck schema` orders it. A broken
    report still counts, so that it gets its error.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        text, _encoding = decode(head)
    except (OSError, NotText, UnicodeDecodeError):
        return False
    if path.suffix.lower() in (".yaml", ".yml"):
        return _YAML_METADATA.search(text) is not None
    return _json_top_level_key(text, "metadata")


def _json_top_level_key(text: str, key: str) -> bool:
    """Whether the JSON object `text` begins has `key` as a key of its own (not of a nested
    object), judged from the tokens of what `text` holds of it."""
    if not looks_like_json(text):
        return False
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "{[":
            depth += 1
        elif mark in "}]":
            depth -= 1
            if depth <= 0:
                return False
        elif depth == 1 and mark[1:-1] == key and text[token.end() :].lstrip().startswith(":"):
            return True
    return False


def looks_like_json(text: str) -> bool:
    """Whether decoded text is a JSON object."""
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def read_data(text: str, source: str, yaml: bool) -> AnnualReport:
    """Parse JSON (or YAML when `yaml`) and validate it as an `AnnualReport`."""
    content = _parse(text, source, yaml)
    if not isinstance(content, dict):
        raise ReadError(source, *pair("read.data_not_object"))
    if is_show_json(content):
        content = from_show_json(content, source)
    try:
        report = AnnualReport.model_validate(content)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or say("read.data_top_level", "zh")
        count = error.error_count()
        more_zh, more_en = pair("read.data_more_errors", count=count) if count > 1 else ("", "")
        raise ReadError(
            source,
            say("read.data_invalid", "zh", field=field, msg=first["msg"], more=more_zh),
            say("read.data_invalid", "en", field=field, msg=first["msg"], more=more_en),
        ) from None
    check_year(report, source)
    check_one_line(report, source)
    check_values(report, source)
    report = _money_as_decimal(_fitted(report, source))
    check_raw(report, source)
    if report.metadata.source is None:
        report = report.model_copy(update={"metadata": report.metadata.model_copy(update={"source": source})})
    return report


def is_show_json(content: dict[str, Any]) -> bool:
    """Whether parsed data is a `giocheck show --json` document (docs/json.md) rather than the
    model's own shape: the keys every such document has, tables of row lists, no `metadata`."""
    tables = content.get("tables")
    return (
        "metadata" not in content
        and {"path", "format", "problems", "notes"} <= content.keys()
        and isinstance(content["problems"], list)
        and isinstance(content["notes"], list)
        and isinstance(tables, dict)
        and all(isinstance(t, dict) and isinstance(t.get("rows"), list) for t in tables.values())
    )


def from_show_json(content: dict[str, Any], source: str) -> dict[str, Any]:
    """A `show --json` document in the model's shape: each row's `values` given their columns
    from the format data, `null` as a blank cell, the rest of the fields as metadata.

    The document holds no text, so the rules about the report's parts have nothing to read.
    """
    key = content.get("format")
    spec = formats().get(key) if isinstance(key, str) else None
    if spec is None and content["tables"]:
        known = ", ".join(formats())
        raise ReadError(source, *pair("read.show_json_format", known=known))
    tables: dict[str, Any] = {}
    for table_key, entry in content["tables"].items():
        own = entry.get("format")  # not a string: refused when the table is validated
        layout = formats().get(own if isinstance(own, str) and own else key or "", spec)
        if layout is None or not layout.has_table(table_key):
            raise _unknown(source, f"tables.{table_key}", pair("read.no_table_of_format", format=key))
        table_spec = layout.table(table_key)
        rows = {}
        for row in entry["rows"]:
            row_key = _key_text(row.get("key", "") if isinstance(row, dict) else "")
            if not table_spec.has_row(row_key):
                what = (
                    say("read.no_row_of_table", "zh", table=say("read.this_table", "zh")),
                    say("read.no_row_of_table", "en", table=table_key),
                )
                raise _unknown(source, f"tables.{table_key}.rows.{row_key}", what)
            rows[row_key] = _shown_row(row, table_spec.row_columns(row_key), source, f"tables.{table_key}.rows")
        every_column = [c.key for c in table_spec.columns]
        substitutes = {
            row["key"]: _shown_row(row, every_column, source, f"tables.{table_key}.substitutes")
            for row in entry.get("substitutes", [])
            if isinstance(row, dict) and isinstance(row.get("key"), str)
        }
        tables[table_key] = {
            "key": table_key,
            "format": entry.get("format"),
            "rows": rows,
            "substitutes": substitutes,
            "missing_columns": entry.get("missing_columns", []),
        }
    signature = content.get("signature")
    return {
        "metadata": {
            "agency": content.get("agency"),
            "year": content.get("year"),
            "format": key,
            "source": None,  # the data file itself, as for any report data
            "published": content.get("published"),
            "published_source": content.get("published_source"),
            "read_by": content.get("read_by"),
            "signature": {"agency": signature.get("agency"), "dated": signature.get("date")}
            if isinstance(signature, dict)
            else None,
        },
        "tables": tables,
        "notes": content.get("notes", []),
        # Recorded in Chinese only (docs/json.md); said as such in English.
        "problems": [
            {"message_zh": problem, "message_en": f"a read problem recorded with the data: {problem}"}
            for problem in content.get("problems", [])
        ],
    }


def _key_text(key: object) -> str:
    """A row key as written, or `<list>` (the type's name) for one that is no string."""
    return key if isinstance(key, str) else f"<{type(key).__name__}>"


def _shown_row(row: dict[str, Any], columns: list[str], source: str, field: str) -> dict[str, Any]:
    """One row of `show --json` as the model's row: its values on their columns."""
    values = row.get("values", [])
    if not isinstance(values, list) or len(values) != len(columns):
        count = len(values) if isinstance(values, list) else 0
        raise _unknown(
            source,
            f"{field}.{row['key']}.values",
            pair("read.value_count", count=count, columns=len(columns)),
        )
    cells = {column: {"value": value} for column, value in zip(columns, values, strict=True)}
    return {"key": row["key"], "label": row.get("printed", ""), "cells": cells, "source": row.get("source", "label")}


def _parse(text: str, source: str, yaml: bool) -> Any:
    from giocheck.readers.datatree import load_json, load_yaml

    if yaml:
        import yaml as pyyaml

        try:
            return load_yaml(text)
        except pyyaml.YAMLError as error:
            problem = str(error).splitlines()[0]
            raise ReadError(source, *pair("read.not_yaml", problem=problem)) from None
        except (ValueError, OverflowError, RecursionError) as error:
            # Values the YAML loader builds and Python refuses: a date like 2025-02-30, a huge number.
            problem = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ReadError(source, *pair("read.yaml_value", problem=problem)) from None
    try:
        return load_json(text)
    except ValueError as error:  # json.JSONDecodeError
        raise ReadError(source, *pair("read.not_json", problem=error)) from None


def _fitted(report: AnnualReport, source: str) -> AnnualReport:
    """The tables checked against the report's format, rows and cells in official order."""
    spec = report_format(report)
    for key, given in report.tables.items():
        _check_keys(spec, key, given, source)
    if spec is None:
        return report
    tables: dict[str, Table] = {}
    problems = list(report.problems)
    for table_spec in spec.tables:
        table = report.tables.get(table_spec.key)
        if table is None:
            problems.append(
                ReadProblem(
                    table=table_spec.key,
                    message_zh=say("read.data_no_table", "zh", table=table_spec.name_zh, label=table_spec.label),
                    message_en=say("read.data_no_table", "en", table=table_spec.key[1], label=table_spec.label),
                )
            )
            continue
        tables[table_spec.key], missing = _in_order(table_spec, table)
        if missing:
            more_zh, more_en = pair("read.and_more") if len(missing) > 3 else ("", "")
            problems.append(
                ReadProblem(
                    table=table_spec.key,
                    message_zh=say(
                        "read.data_lacks",
                        "zh",
                        table=table_spec.name_zh,
                        count=len(missing),
                        shown="、".join(missing[:3]) + more_zh,
                    ),
                    message_en=say(
                        "read.data_lacks",
                        "en",
                        table=table_spec.key[1],
                        count=len(missing),
                        shown=", ".join(missing[:3]) + more_en,
                    ),
                )
            )
    return report.model_copy(update={"tables": tables, "problems": problems})


def _check_keys(spec: FormatSpec | None, key: str, table: Table, source: str) -> None:
    """Raise `ReadError` for a table, row or column key the format does not have."""
    name = spec.key if spec is not None else "legacy"
    table_spec = next((t for t in spec.tables if t.key == key), None) if spec is not None else None
    if table_spec is None:
        raise _unknown(source, f"tables.{key}", pair("read.no_table_of_format", format=name))
    _check_key(source, f"tables.{key}", table.key, key)
    substitutes = {s.key for s in table_spec.substitutes}
    all_columns = [c.key for c in table_spec.columns]
    for part, rows in (("rows", table.rows), ("substitutes", table.substitutes)):
        for row_key, row in rows.items():
            field = f"tables.{key}.{part}.{row_key}"
            known = table_spec.has_row(row_key) if part == "rows" else row_key in substitutes
            if not known:
                zh, en = pair("read.row" if part == "rows" else "read.substitute_row")
                where = say("read.format_table", "zh", format=name, table=table_spec.name_zh)
                what = (
                    say("read.no_part_of_table", "zh", table=where, part=zh),
                    say("read.no_part_of_table", "en", table=key, part=en),
                )
                raise _unknown(source, field, what)
            _check_key(source, field, row.key, row_key)
            columns = table_spec.row_columns(row_key) if part == "rows" else all_columns
            unknown = next((column for column in row.cells if column not in columns), None)
            if unknown is not None:
                what = (
                    say("read.no_column_of_row", "zh", columns="、".join(columns)),
                    say("read.no_column_of_row", "en", columns=row_key),
                )
                raise _unknown(source, f"{field}.cells.{unknown}", what)


def _check_key(source: str, field: str, stated: str, key: str) -> None:
    if stated != key:
        raise _unknown(source, field, pair("read.key_differs", stated=stated, key=key))


def _unknown(source: str, field: str, what: tuple[str, str]) -> ReadError:
    """ "report data field `field` …": `what` is wrong with it, in Chinese and in English."""
    zh, en = what
    return ReadError(
        source, say("read.data_field", "zh", field=field, what=zh), say("read.data_field", "en", field=field, what=en)
    )


def _in_order(spec: TableSpec, table: Table) -> tuple[Table, list[str]]:
    """The table with every official row and cell in official order, and what was missing.

    A missing row becomes `absent` with blank cells, as extraction leaves a row it cannot find.
    """
    missing: list[str] = []
    rows: dict[str, Row] = {}
    for row_spec in spec.rows:
        row = table.rows.get(row_spec.key)
        if row is None:
            missing.append(row_spec.key)
            row = Row(key=row_spec.key, label="", cells={}, source="absent")
        rows[row_spec.key] = _cells_in_order(row, spec.row_columns(row_spec.key), missing)
    every_column = [c.key for c in spec.columns]
    substitutes = {key: _cells_in_order(row, every_column, missing) for key, row in table.substitutes.items()}
    return table.model_copy(update={"rows": rows, "substitutes": substitutes}), missing


def _cells_in_order(row: Row, columns: list[str], missing: list[str]) -> Row:
    if row.source != "absent":
        missing.extend(f"{row.key}.{column}" for column in columns if column not in row.cells)
    cells = {column: row.cells.get(column) or Cell(value=None) for column in columns}
    return row.model_copy(update={"cells": cells})


def _money_as_decimal(report: AnnualReport) -> AnnualReport:
    """Money cells as `Decimal`: JSON cannot tell `"5"` (money) from `5` (a count)."""
    spec = report_format(report)
    if spec is None:
        return report
    tables = dict(report.tables)
    money_columns: dict[str, set[str]] = {t.key: {c.key for c in t.columns if c.type == "money"} for t in spec.tables}
    for key, table in report.tables.items():
        money = money_columns.get(key, set())
        rows = {
            row_key: row.model_copy(
                update={
                    "cells": {
                        column: cell.model_copy(update={"value": Decimal(cell.value)})
                        if column in money and isinstance(cell.value, int)
                        else cell
                        for column, cell in row.cells.items()
                    }
                }
            )
            for row_key, row in table.rows.items()
        }
        tables[key] = table.model_copy(update={"rows": rows})
    return report.model_copy(update={"tables": tables})
