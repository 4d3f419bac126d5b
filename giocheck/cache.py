"""The result cache: a file's outcome under the rules it was checked with, so that a re-run over
an unchanged folder reads no report again. Shared by `giocheck check` and the pytest plugin.

Entries are keyed by the file's content hash, last year's report's content hash (the X_ rules
compare with it) and a rules version (giocheck's version, the bytes of every rule and format
file, the selection and the options that change results). They are JSON files — never pickle,
so nothing in the cache can run code — in the user cache directory (`$GIOCHECK_CACHE_DIR`, else
`$XDG_CACHE_HOME/giocheck`, else `~/.cache/giocheck`; `%LOCALAPPDATA%` on Windows). Where that
directory cannot be written the cache is simply off: no error, every file is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from giocheck.api import CheckResult
from giocheck.engine.findings import CellRef, CellView, Change, Finding, Number
from giocheck.engine.rulefile import RuleSet
from giocheck.model import AnnualReport, Location, from_json
from giocheck.outcome import FileOutcome

# Bump when the entry layout changes: older entries are then misses, never misread.
_LAYOUT = "1"
Identity = tuple[str, int]  # agency, year: what pairing needs of a file


def cache_dir() -> Path:
    """Where the cache lives: `$GIOCHECK_CACHE_DIR`, else the user cache directory."""
    configured = os.environ.get("GIOCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "giocheck" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "giocheck"


def rules_version(rules: RuleSet, settings: str = "", extra: bytes = b"") -> str:
    """A hash of everything besides the report that decides its result: giocheck's version, the
    rule and format files, the rules' ids, severities and formats, and `settings` (the options)."""
    from giocheck import __version__
    from giocheck.resources import rules_dir

    digest = hashlib.sha256(f"{__version__}|{_LAYOUT}|{settings}".encode())
    for path in sorted({*rules.sources, *(rules_dir() / "formats").glob("*.toml")}):
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    digest.update(repr(sorted((r.id, r.severity, tuple(r.formats)) for r in rules.rules)).encode())
    digest.update(extra)
    return digest.hexdigest()[:16]


def content_hash(data: bytes) -> str:
    """The content hash a file is cached under."""
    return hashlib.sha256(data).hexdigest()


@attrs.define
class ResultCache:
    """Outcomes and identities by content hash under one rules version; `folder` None: off."""

    folder: Path | None
    version: str
    hits: int = 0

    @classmethod
    def open(cls, version: str, folder: Path | None = None) -> ResultCache:
        """The cache in `folder` (default `cache_dir()`), off when it cannot be made."""
        where = (folder or cache_dir()) / "results"
        try:
            where.mkdir(parents=True, exist_ok=True)
            if not os.access(where, os.W_OK):
                return cls(None, version)
        except OSError:
            return cls(None, version)
        return cls(where, version)

    @property
    def enabled(self) -> bool:
        """Whether entries are read and written at all."""
        return self.folder is not None

    def _path(self, kind: str, key: str) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(f"{kind}|{key}|{self.version}".encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def _read(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(exist_ok=True)
            # Written whole, then renamed: a reader never sees half an entry (several processes share it).
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as file:
                json.dump(value, file, ensure_ascii=False, separators=(",", ":"))
            os.replace(file.name, path)
        except (OSError, TypeError, ValueError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(file.name)

    def identity(self, digest: str) -> tuple[Identity | None] | None:
        """(agency and year, or None when the file states none) if known; None when not cached."""
        value = self._read("identity", digest)
        if not isinstance(value, dict) or "identity" not in value:
            return None
        found = value["identity"]
        if isinstance(found, list) and len(found) == 2 and isinstance(found[0], str) and isinstance(found[1], int):
            return ((found[0], found[1]),)
        return (None,)

    def store_identity(self, digest: str, identity: Identity | None) -> None:
        """Remember a file's agency and year."""
        self._write("identity", digest, {"identity": list(identity) if identity else None})

    def outcome(self, digest: str, previous: str, path: str) -> tuple[FileOutcome | None] | None:
        """The cached outcome of these bytes (with last year's `previous` hash), named `path`;
        (None,) for a file skipped as no report; None when not cached."""
        value = self._read("outcome", f"{digest}|{previous}")
        if not isinstance(value, dict) or "outcome" not in value:
            return None
        try:
            found = value["outcome"]
            outcome = None if found is None else outcome_from_json(found, path)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        self.hits += 1
        return (outcome,)

    def store_outcome(self, digest: str, previous: str, outcome: FileOutcome | None) -> None:
        """Remember a file's outcome (None: skipped as no report)."""
        self._write("outcome", f"{digest}|{previous}", {"outcome": None if outcome is None else outcome_json(outcome)})


def _number(value: Number | None) -> Any:
    return {"d": str(value)} if isinstance(value, Decimal) else value


def _from_number(value: Any) -> Number | None:
    return Decimal(value["d"]) if isinstance(value, dict) else value


def _location(value: Location | None) -> Any:
    return None if value is None else value.model_dump(mode="json", exclude_defaults=True)


def _from_location(value: Any) -> Location | None:
    return None if value is None else from_json(Location, value)


def _cell(view: CellView) -> dict[str, Any]:
    ref = view.ref
    return {
        "ref": [ref.table, ref.row, ref.column],
        "label": view.label,
        "value": _number(view.value),
        "raw": view.raw,
        "location": _location(view.location),
        "weight": view.weight,
    }


def _from_cell(value: dict[str, Any]) -> CellView:
    return CellView(
        ref=CellRef(*value["ref"]),
        label=value["label"],
        value=_from_number(value["value"]),
        raw=value["raw"],
        location=_from_location(value["location"]),
        weight=value["weight"],
    )


def _finding(finding: Finding) -> dict[str, Any]:
    encoded: dict[str, Any] = {}
    for field in attrs.fields(Finding):
        value = getattr(finding, field.name)
        if field.name in ("lhs", "rhs"):
            encoded[field.name] = [_cell(v) for v in value]
        elif field.name in ("lhs_total", "rhs_total"):
            encoded[field.name] = _number(value)
        elif isinstance(value, Location):
            encoded[field.name] = _location(value)
        elif field.name == "binding":
            encoded[field.name] = [list(pair) for pair in value]
        elif field.name == "suggestions":
            encoded[field.name] = None if value is None else [[_change(c) for c in repair] for repair in value]
        else:
            encoded[field.name] = value
    return encoded


def _from_finding(value: dict[str, Any]) -> Finding:
    fields = dict(value)
    fields["lhs"] = tuple(_from_cell(v) for v in value["lhs"])
    fields["rhs"] = tuple(_from_cell(v) for v in value["rhs"])
    fields["lhs_total"] = _from_number(value["lhs_total"])
    fields["rhs_total"] = _from_number(value["rhs_total"])
    fields["binding"] = tuple((a, b) for a, b in value["binding"])
    fields["where"] = _from_location(value["where"])
    if value.get("suggestions") is not None:
        fields["suggestions"] = tuple(tuple(_from_change(c) for c in repair) for repair in value["suggestions"])
    return Finding(**fields)


def _change(change: Change) -> dict[str, Any]:
    return {
        "cell": str(change.cell),
        "current": change.current,
        "proposed": change.proposed,
        "label": change.label,
        "label_en": change.label_en,
    }


def _from_change(value: dict[str, Any]) -> Change:
    table, row, column = value["cell"].split(".")
    return Change(CellRef(table, row, column), value["current"], value["proposed"], value["label"], value["label_en"])


def outcome_json(outcome: FileOutcome) -> dict[str, Any]:
    """A file's outcome as JSON data (the report only as far as renderers use it: metadata,
    problems and notes); accepted findings are a baseline's business and are not kept."""
    result = outcome.result
    encoded: dict[str, Any] = {"error": [outcome.error_zh, outcome.error_en], "result": None}
    if result is not None:
        report = result.report
        encoded["result"] = {
            # A whole report (`Job.keep_reports`) is kept whole; a slim one as far as it goes.
            "report": report.model_dump(mode="json") if report.tables or report.sections else None,
            "metadata": report.metadata.model_dump(mode="json"),
            "problems": [p.model_dump(mode="json") for p in report.problems],
            "notes": [n.model_dump(mode="json") for n in report.notes],
            "findings": [_finding(f) for f in result.findings],
            "rules_run": list(result.rules_run),
        }
    return encoded


def outcome_from_json(value: dict[str, Any], path: str) -> FileOutcome:
    """The outcome `outcome_json` wrote, for the file now named `path`."""
    error_zh, error_en = value["error"]
    found = value["result"]
    result = None
    if found is not None:
        # Built from the JSON this cache wrote of validated reports, without validating again.
        if found.get("report") is not None:
            report = from_json(AnnualReport, found["report"])
        else:
            report = from_json(
                AnnualReport, {"metadata": found["metadata"], "problems": found["problems"], "notes": found["notes"]}
            )
        result = CheckResult(report, tuple(_from_finding(f) for f in found["findings"]), tuple(found["rules_run"]))
    return FileOutcome(path, result, error_zh, error_en)
