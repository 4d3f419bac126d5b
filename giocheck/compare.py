"""`giocheck compare A B`: year over year, per agency, which findings are new, fixed or persisting.

A and B are `check --format json` documents, or report files/folders (checked here). A finding is
the same in both when its agency, rule and cells are (its message and numbers may differ); only
violations count, not findings that could not be assessed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from pydantic import ValidationError

from giocheck.checkjson import CheckDocument, FindingJSON, check_document
from giocheck.engine.rulefile import RuleSet
from giocheck.errors import ReadError
from giocheck.words import pair, say

Key = tuple[str, tuple[str, ...]]  # rule, cells


@attrs.frozen
class AgencyChange:
    """One agency's findings across the two runs: (rule, cells, message) each."""

    agency: str
    new: tuple[tuple[str, tuple[str, ...], str], ...]
    fixed: tuple[tuple[str, tuple[str, ...], str], ...]
    persisting: tuple[tuple[str, tuple[str, ...], str], ...]


def load_side(path: Path, rules: RuleSet | None = None, lang: str = "zh", jobs: int = 1) -> CheckDocument:
    """A `check --format json` file, or the result of checking a report file or folder."""
    if path.is_file() and path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ReadError(str(path), *pair("files.not_json", error=error)) from None
        if isinstance(data, dict) and "files" in data and "summary" in data:
            data.setdefault("giocheck_version", "unknown")  # written before documents named their version
            data.setdefault("rules_version", "unknown")
            try:
                return CheckDocument.model_validate(data)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise ReadError(str(path), *pair("files.not_check_json", where=where)) from None
    if not path.exists():
        raise ReadError(str(path), *pair("files.no_such"))
    from giocheck.runner import check_paths

    return check_document(check_paths([path], rules, jobs=jobs), rules, lang=lang)


def _findings(document: CheckDocument) -> dict[str, Counter[Key]]:
    by_agency: dict[str, Counter[Key]] = {}
    for file in document.files:
        agency = file.agency or file.path
        counter = by_agency.setdefault(agency, Counter())
        counter.update(_key(f) for f in file.findings if f.status == "fail")
    return by_agency


def _key(finding: FindingJSON) -> Key:
    return finding.rule, tuple(sorted(cell.ref for cell in finding.cells))


def _messages(document: CheckDocument) -> dict[tuple[str, Key], str]:
    return {(file.agency or file.path, _key(f)): f.message for file in document.files for f in file.findings}


def compare(before: CheckDocument, after: CheckDocument) -> list[AgencyChange]:
    """Per agency (of either run, in order of appearance), the findings new in `after`, fixed
    since `before` and present in both (a finding twice in one run counts twice)."""
    old, new = _findings(before), _findings(after)
    said = {**_messages(before), **_messages(after)}
    changes = []
    for agency in dict.fromkeys([*old, *new]):
        a, b = old.get(agency, Counter()), new.get(agency, Counter())

        def items(counter: Counter[Key], agency: str = agency) -> tuple[tuple[str, tuple[str, ...], str], ...]:
            return tuple((rule, cells, said[(agency, (rule, cells))]) for (rule, cells) in sorted(counter.elements()))

        changes.append(AgencyChange(agency, items(b - a), items(a - b), items(a & b)))
    return changes


def compare_json(changes: Sequence[AgencyChange], version: str) -> dict[str, Any]:
    """`compare --format json`."""

    def listed(items: Sequence[tuple[str, tuple[str, ...], str]]) -> list[dict[str, Any]]:
        return [{"rule": rule, "cells": list(cells), "message": message} for rule, cells, message in items]

    return {
        "giocheck_version": version,
        "agencies": [
            {"agency": c.agency, "new": listed(c.new), "fixed": listed(c.fixed), "persisting": listed(c.persisting)}
            for c in changes
        ],
        "totals": {
            "new": sum(len(c.new) for c in changes),
            "fixed": sum(len(c.fixed) for c in changes),
            "persisting": sum(len(c.persisting) for c in changes),
        },
    }


def compare_lines(changes: Sequence[AgencyChange], lang: str = "zh") -> list[str]:
    """Plain text: per agency a heading with the three counts, then each finding marked + − =."""
    lines = []
    for change in changes:
        counts = {"new": len(change.new), "fixed": len(change.fixed), "persisting": len(change.persisting)}
        agency = change.agency if lang == "zh" else f"“{change.agency}”"
        lines.append(say("files.compare_agency", lang, agency=agency, **counts))
        for mark, items in (("+", change.new), ("-", change.fixed), ("=", change.persisting)):
            lines += [f"  {mark} {rule} {message}" for rule, _cells, message in items]
    totals = {part: sum(len(getattr(c, part)) for c in changes) for part in ("new", "fixed", "persisting")}
    lines.append(say("files.compare_total", lang, **totals))
    return lines
