"""Each rule's passing and failing example and how to fix it (`rules/examples.toml`), for the docs.

An example is a few edits to a bundled sample report of the rule's format: the 2021 format's is
examples/qu-county-petition-bureau-2025.txt (a clean county department's report whose tables are
all 0), the 2019 trial format's examples/sample-county-petition-bureau-2020.txt (the same report in
that format, of a made-up agency). The edits: cells set to a value, text replaced, a byte that is no
UTF-8 written after a text, options given (publication date, agency kind or level) and, for the `X_`
rules, last year's report made from the sample the same way. `giocheck rules --markdown` shows them
in docs/rules.md; `tests/test_examples.py` checks that every rule of every format has one, and that
each really fails or passes.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from giocheck.engine.findings import CellRef, Result
from giocheck.errors import RuleFileError
from giocheck.formats import FormatSpec, formats, latest_format
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport, Cell
from giocheck.naming import cell_name
from giocheck.resources import rules_dir
from giocheck.tomlfile import read_toml
from giocheck.words import say


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Edits(_Strict):
    """Changes to the sample: text replaced before reading, then cells set (`T3.NEW.NP = 2`)."""

    replace: list[tuple[str, str]] = Field(default_factory=list)
    cells: dict[str, int] = Field(default_factory=dict)
    # After each of these texts, one byte that is no UTF-8 (0xFF), as a damaged file has.
    invalid_after: list[str] = Field(default_factory=list)

    def refs(self) -> list[tuple[CellRef, int]]:
        """The cells as references, with their values."""
        found = []
        for key, value in self.cells.items():
            table, row, column = key.split(".")
            found.append((CellRef(table, row, column), value))
        return found


class Side(Edits):
    """One example: edits, the options it is checked with, last year's report for `X_` rules."""

    published: date | None = None
    agency_kind: AgencyKind | None = None
    agency_level: AgencyLevel | None = None
    previous: Edits | None = None


class RuleExample(_Strict):
    """A rule's passing and failing example and how to fix a failure; `format`: the format whose
    sample the edits apply to (default the latest)."""

    fix_zh: str
    fix_en: str
    format: str = Field(default_factory=lambda: latest_format().key)
    passing: Side = Field(alias="pass")
    failing: Side = Field(alias="fail")

    @property
    def spec(self) -> FormatSpec:
        """The format of the example's sample."""
        return formats()[self.format]


@cache
def sample_path(format_key: str) -> Path:
    """The bundled sample report of a format, which the examples edit: the report in examples/ (next
    to rules/ in a checkout) read as that format (KeyError when there is none)."""
    from giocheck.api import load

    for path in sorted((rules_dir().parent / "examples").glob("*.txt")):
        if load(path).metadata.format == format_key:
            return path
    raise KeyError(f"no sample report of the {format_key} format in examples/")


@cache
def rule_examples() -> dict[str, RuleExample]:
    """The examples by rule id (`rules/examples.toml`), validated."""
    path = rules_dir() / "examples.toml"
    data = read_toml(path)
    try:
        return {rule: RuleExample.model_validate(value) for rule, value in data.items()}
    except ValidationError as error:
        first = error.errors()[0]
        raise RuleFileError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


_YEAR = re.compile(r"(?:19|20)\d\d")  # an edit that only changes a year


def apply(edits: Edits, sample: str) -> AnnualReport:
    """The sample text with `edits` applied, read as a report."""
    from giocheck.api import load

    text = sample
    for old, new in edits.replace:
        if old not in text:
            raise ValueError(f"the sample has no {old!r}")
        text = text.replace(old, new)
    data = text.encode("utf-8")
    for before in edits.invalid_after:
        at = data.find(before.encode("utf-8"))
        if at < 0:
            raise ValueError(f"the sample has no {before!r}")
        at += len(before.encode("utf-8"))
        data = data[:at] + b"\xff" + data[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "example.txt"
        path.write_bytes(data)
        report = load(path)
    for ref, value in edits.refs():
        table = report.tables[ref.table]
        row = table.rows[ref.row]
        cells = {**row.cells, ref.column: Cell(value=value, raw=str(value))}
        rows = {**table.rows, ref.row: row.model_copy(update={"cells": cells})}
        report = report.model_copy(
            update={"tables": {**report.tables, ref.table: table.model_copy(update={"rows": rows})}}
        )
    return report


def run_example(side: Side, sample: str) -> Result:
    """`side` checked with every shipped rule."""
    from giocheck.api import check

    previous = None if side.previous is None else apply(side.previous, sample)
    return check(
        apply(side, sample),
        previous=previous,
        published=side.published,
        agency_kind=side.agency_kind,
        agency_level=side.agency_level,
    )


def describe_side(side: Side, lang: str = "zh", spec: FormatSpec | None = None) -> list[str]:
    """The example's edits as Markdown: each cell by its name and value, each text change as a diff;
    `spec`: the format of the sample edited (default the latest)."""
    spec = spec or latest_format()

    def word(key: str, **slots: object) -> str:
        return say(f"rules.{key}", lang, **slots)

    def cell(ref: CellRef, value: int) -> str:
        return word("set_cell", cell=cell_name(spec.table(ref.table), ref, lang), value=value)

    items = [cell(ref, value) for ref, value in side.refs()]
    if side.published:
        items.append(word("published_on", date=side.published))
    if side.agency_kind or side.agency_level:
        items.append(word("agency_is", agency=" ".join(x for x in (side.agency_kind, side.agency_level) if x)))
    if side.previous is not None:
        earlier = "".join(word("last_year_cell", change=cell(ref, value)) for ref, value in side.previous.refs())
        items.append(word("last_year") + earlier)
    items += [word("invalid_byte", text=before) for before in side.invalid_after]
    lines = [f"- {item}" for item in items]
    for old, new in side.replace:
        if _YEAR.fullmatch(old) and _YEAR.fullmatch(new):
            lines.append(f"- {word('year_changed', old=old, new=new)}")
            continue
        lines += ["```diff", *_diff_lines("-", old), *_diff_lines("+", new), "```", ""]
    return lines or [f"- {word('sample_as_is')}"]


def _diff_lines(sign: str, text: str) -> list[str]:
    return [f"{sign} {line.replace(chr(9), '  ')}".rstrip() for line in text.strip("\n").split("\n") if line.strip()]
