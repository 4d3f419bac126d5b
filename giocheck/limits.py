"""How much giocheck reads of one file: every bound in one place, with defaults that fit real reports.

Real annual reports are under 10 MB, 60 pages and 30 tables; the defaults leave them room
many times over, and stop files that are no report (or are built to hurt) before they cost
gigabytes or minutes. A file over a limit is that file's one line and exit 2, naming the limit
and how to raise it: `--limit NAME=VALUE` on the command line, or `[tool.giocheck.limits]` /
`[limits]` in the configuration. The limits in effect are a context variable, set once per run
(`use_limits`) and read by the readers (`current_limits`); worker processes started by fork
inherit them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from giocheck.errors import ReadError, UsageError
from giocheck.words import pair, say


class Limits(BaseModel):
    """The bounds on one file. Sizes in MB are mebibytes; every field is a positive int."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    file_mb: int = Field(64, gt=0, description="size of a file (or standard input) read, in MB")
    text_chars: int = Field(1_000_000, gt=0, description="characters of a text, Markdown or HTML file")
    line_chars: int = Field(200_000, gt=0, description="characters in one line of a text or Markdown file")
    zip_member_mb: int = Field(32, gt=0, description="inflated size of one part of a .docx, in MB")
    zip_total_mb: int = Field(128, gt=0, description="inflated size of all parts of a .docx, in MB")
    zip_members: int = Field(2_000, gt=0, description="parts in a .docx")
    pdf_pages: int = Field(500, gt=0, description="pages of a PDF")
    pdf_chars: int = Field(300_000, gt=0, description="characters drawn on all pages of a PDF")
    pdf_stream_mb: int = Field(64, gt=0, description="inflated size of one compressed stream of a PDF, in MB")
    pdf_inflated_mb: int = Field(512, gt=0, description="inflated size of all compressed streams of a PDF, in MB")
    table_cells: int = Field(20_000, gt=0, description="grid places of one table: its cells times their spans")
    number_digits: int = Field(24, gt=0, description="digits in one number (a cell, or a number in prose)")
    data_depth: int = Field(64, gt=0, description="nesting depth of JSON/YAML report data")
    data_nodes: int = Field(200_000, gt=0, description="values in JSON/YAML report data, aliases expanded")
    yaml_aliases: int = Field(100, gt=0, description="aliases (*name) in YAML report data")


# The defaults built without validation (they are the fields' defaults): importing and a run with
# the defaults stay free of building the model's validator, which only limits of one's own need.
_DEFAULTS = Limits.model_construct()
_CURRENT: ContextVar[Limits] = ContextVar("giocheck_limits", default=_DEFAULTS)


def default_limits() -> Limits:
    """The default limits (equal to `Limits()`, without building its validator)."""
    return _DEFAULTS


def current_limits() -> Limits:
    """The limits in effect (the defaults unless a run set others)."""
    return _CURRENT.get()


def set_limits(limits: Limits) -> None:
    """Make `limits` the ones in effect from now on in this context (a run, a worker)."""
    _CURRENT.set(limits)


@contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Put `limits` in effect inside the `with` block."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def with_settings(limits: Limits, settings: list[str]) -> Limits:
    """`limits` with `NAME=VALUE` settings (`--limit pdf_pages=1000`) applied; `UsageError` for a bad one."""
    changes: dict[str, str] = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        name = name.strip().replace("-", "_")
        if not equals or name not in Limits.model_fields:
            known = ", ".join(Limits.model_fields)
            raise UsageError(*pair("read.limit_setting", known=known, setting=repr(setting)))
        changes[name] = value.strip()
    if not changes:
        return limits
    try:
        return Limits.model_validate({**limits.model_dump(), **changes})
    except ValidationError as error:
        first = error.errors()[0]
        raise UsageError(*pair("read.limit_value", name=first["loc"][0], value=repr(first["input"]))) from None


class LimitExceeded(Exception):
    """Raised deep in a reader that does not know the file's name; `read_source` turns it into
    the file's one line (`over_limit`)."""

    def __init__(self, name: str, found_zh: str, found_en: str) -> None:
        super().__init__(f"{name}: {found_en}")
        self.name, self.found_zh, self.found_en = name, found_zh, found_en


def over_limit(source: str, name: str, found_zh: str, found_en: str) -> ReadError:
    """The one line for a file over the limit `name`: what was found, the limit, how to raise it."""
    limit = getattr(current_limits(), name)
    field = Limits.model_fields[name]
    return ReadError(
        source,
        say("read.over_limit", "zh", name=name, limit=limit, found=found_zh),
        say("read.over_limit", "en", name=name, limit=limit, found=f"{field.description}; {found_en}"),
    )
