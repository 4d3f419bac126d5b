"""Reader for report data in the model's own schema: JSON or YAML, as `giocheck schema` prints it.

Data needs no extraction: it is validated into an `AnnualReport` directly. A validation error
becomes one line that names the file and the first field at fault.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from giocheck.errors import ReadError
from giocheck.formats import formats
from giocheck.model import AnnualReport

DATA_SUFFIXES = (".json", ".yaml", ".yml")


def looks_like_json(text: str) -> bool:
    """Whether decoded text is a JSON object."""
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def read_data(text: str, source: str, yaml: bool) -> AnnualReport:
    """Parse JSON (or YAML when `yaml`) and validate it as an `AnnualReport`."""
    content = _parse(text, source, yaml)
    if not isinstance(content, dict):
        raise ReadError(
            source, "报告数据应是一个对象（metadata、tables …）", "report data must be an object (metadata, tables …)"
        )
    try:
        report = AnnualReport.model_validate(content)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "（顶层）"
        count = error.error_count()
        more_zh = f"（共 {count} 处错误）" if count > 1 else ""
        more_en = f" ({count} errors)" if count > 1 else ""
        raise ReadError(
            source,
            f"报告数据字段 {field} 无效：{first['msg']}{more_zh}",
            f"report data field {field} is invalid: {first['msg']}{more_en}",
        ) from None
    report = _money_as_decimal(report)
    if report.metadata.source is None:
        report = report.model_copy(update={"metadata": report.metadata.model_copy(update={"source": source})})
    return report


def _parse(text: str, source: str, yaml: bool) -> Any:
    if yaml:
        import yaml as pyyaml

        try:
            return pyyaml.safe_load(text)
        except pyyaml.YAMLError as error:
            problem = str(error).splitlines()[0]
            raise ReadError(source, f"不是有效的 YAML：{problem}", f"not valid YAML: {problem}") from None
    try:
        return json.loads(text)
    except ValueError as error:  # json.JSONDecodeError
        raise ReadError(source, f"不是有效的 JSON：{error}", f"not valid JSON: {error}") from None


def _money_as_decimal(report: AnnualReport) -> AnnualReport:
    """Money cells as `Decimal`: JSON cannot tell `"5"` (money) from `5` (a count)."""
    spec = formats().get(report.metadata.format)
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
