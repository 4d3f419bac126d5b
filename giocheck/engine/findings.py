"""What checking produces: frozen values that renderers turn into text, JSON, SARIF …"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from giocheck.model import AnnualReport, Location, ReadProblem

if TYPE_CHECKING:
    from giocheck.engine.rulefile import RuleSet

Severity = Literal["error", "warning", "info"]
Status = Literal["fail", "not_assessable"]
Number = int | Decimal


@attrs.frozen
class CellRef:
    """A cell address in the format: table, row key, column key."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"


@attrs.frozen
class CellView:
    """A cell as a finding shows it: address, Chinese label, value, raw text, origin."""

    ref: CellRef
    label: str
    value: Number | None
    raw: str
    location: Location | None
    weight: int = 1


@attrs.frozen
class Finding:
    """One rule instance that failed, or could not be assessed because a cell was blank."""

    rule: str
    name: str
    severity: Severity
    status: Status
    message_zh: str
    message_en: str
    lhs: tuple[CellView, ...] = ()
    rhs: tuple[CellView, ...] = ()
    lhs_total: Number | None = None
    rhs_total: Number | None = None
    scope: str = ""
    binding: tuple[tuple[str, str], ...] = ()
    where: Location | None = None

    @property
    def difference(self) -> Number | None:
        """Left side minus right side, when both are known."""
        if self.lhs_total is None or self.rhs_total is None:
            return None
        return self.lhs_total - self.rhs_total

    @property
    def cells(self) -> tuple[CellView, ...]:
        """Every cell the finding is about, left side first."""
        return self.lhs + self.rhs

    @property
    def location(self) -> Location | None:
        """Where the finding points in the source file: its text, else the first located cell."""
        if self.where is not None:
            return self.where
        return next((c.location for c in self.cells if c.location is not None), None)

    @property
    def fingerprint(self) -> str:
        """Stable identity: rule id, the addresses of its cells and what is wrong, not line numbers.

        What is wrong is the difference of a relation, else the cells' values: a baseline entry
        that accepts a gap of −1 does not also accept a later gap of +1 in the same cells.
        """
        cells = ",".join(sorted(str(c.ref) for c in self.cells))
        difference = self.difference
        if difference is not None:
            wrong = _plain(difference)
        else:
            wrong = ",".join(_plain(c.value) for c in sorted(self.cells, key=lambda c: str(c.ref)))
        key = f"{self.rule}|{cells}|{self.scope}|{wrong}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def message(self, lang: str = "zh") -> str:
        """The message in `zh` or `en`."""
        return self.message_zh if lang == "zh" else self.message_en


def _plain(value: Number | None) -> str:
    """A number as the fingerprint writes it: `3`, `1.5` — the same for `Decimal("3.0")` and 3."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value.normalize()) if isinstance(value, Decimal) else str(value)


@attrs.frozen
class Result:
    """The outcome of checking one report."""

    report: AnnualReport
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]

    @property
    def failures(self) -> tuple[Finding, ...]:
        """Findings that are violations (not the not-assessable ones)."""
        return tuple(f for f in self.findings if f.status == "fail")

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error-level violations: these make `giocheck check` exit 1."""
        return tuple(f for f in self.failures if f.severity == "error")

    @property
    def problems(self) -> tuple[ReadProblem, ...]:
        """What could not be read of the report (a table not found or cut off): `giocheck check` exits 2."""
        return tuple(self.report.problems)

    @property
    def ok(self) -> bool:
        """No error-level violation and the report fully read: what `giocheck check` exits 0 for."""
        return not self.errors and not self.problems

    def count(self, severity: Severity) -> int:
        """How many violations of this severity."""
        return sum(1 for f in self.failures if f.severity == severity)

    def to_json(self, lang: str = "zh", rules: RuleSet | None = None) -> dict[str, Any]:
        """The `check --format json` document of a run over this one report (giocheck/checkjson.py);
        `rules`: the rule set it was checked with, for the document's `rules_version`."""
        from giocheck.checkjson import result_document

        return result_document(self, rules, lang).model_dump(mode="json")
