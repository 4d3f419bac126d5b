"""The response models of the JSON API, named in its OpenAPI schema (`/openapi.json`).

`CheckDocument` is the model of what `giocheck check --format json` prints (`giocheck.checkjson`,
docs/json.md): the API sends that document exactly as the CLI builds it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from giocheck.checkjson import CheckDocument

__all__ = ["CheckDocument", "ErrorBody", "GridCell", "GridTable", "Health", "RuleInfo", "ViewDocument"]


class ErrorBody(BaseModel):
    """Every error answer: one line in Chinese, the same in English, and the request id that
    finds the full account in the server log."""

    error: str = Field(description="the one line, in Chinese")
    error_en: str = Field(description="the same line in English")
    request_id: str = Field(description="also in the X-Request-ID header and the server log")


class GridCell(BaseModel):
    """One cell of an official grid as printed (merged over `rows` × `columns`); `ref` is the
    cell address (`T3.NEW.NP`) of a value, null for a label."""

    text: str
    rows: int = 1
    columns: int = 1
    header: bool = False
    ref: str | None = None


class GridTable(BaseModel):
    """One table of the report drawn as the official grid (T2, T3, T4)."""

    key: str
    title: str
    width: int
    rows: list[list[GridCell]]


class RuleInfo(BaseModel):
    """A rule as `giocheck explain` describes it."""

    id: str
    name: str
    severity: str
    kind: str
    formats: list[str]
    title_zh: str
    title_en: str
    basis_zh: str
    basis_en: str
    agency_kinds: list[str]
    agency_levels: list[str]


class ViewDocument(BaseModel):
    """What the page shows: the check document, the tables as official grids, the rules that
    found something (their basis), and the formats results can be downloaded in."""

    request_id: str
    check: CheckDocument
    grids: list[GridTable]
    rules: dict[str, RuleInfo]
    downloads: list[str]


class Health(BaseModel):
    """`GET /healthz`."""

    status: str
    version: str
    workers: int
    admitted: int = Field(description="requests being checked or waiting for a worker")
    queue: int = Field(description="places in the queue beyond the workers")
