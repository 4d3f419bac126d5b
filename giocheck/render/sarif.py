"""SARIF 2.1.0 output of `giocheck check --format sarif` (GitHub code scanning and other viewers).

Rules come from the rule files (`tool.driver.rules`: id, name, title, basis, default level);
the driver's and the run's `properties` name the rules' version (giocheck/checkjson.py);
each violation is a result with its level, message, fingerprint and, when the cell came from a
line of text, a region. Accepted findings carry an external suppression with the baseline's
reason; unreadable files and unused baseline entries are tool execution notifications.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from giocheck.engine.findings import Finding
from giocheck.engine.rulefile import RuleSet, RuleSpec
from giocheck.engine.schema import TableRule
from giocheck.render.json import location
from giocheck.runner import FileOutcome

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

JSONObject = dict[str, Any]


def sarif_log(
    outcomes: Sequence[FileOutcome],
    rules: RuleSet,
    lang: str = "zh",
    notes: Sequence[tuple[str, str]] = (),
) -> JSONObject:
    """The SARIF log: one run, the rules in force and one result per finding.

    `notes` are (file, message) pairs reported as warning-level notifications (unused baseline entries).
    """
    from giocheck import __version__
    from giocheck.checkjson import rules_version

    specs = _unique(rules.rules)
    index = {spec.id: i for i, spec in enumerate(specs)}
    results: list[JSONObject] = []
    notifications: list[JSONObject] = []
    for outcome in outcomes:
        error = outcome.error(lang)
        if error:
            notifications.append(_notification("error", error, outcome.path))
        if outcome.result is None:
            continue
        results += [_result(f, outcome.path, index, lang) for f in outcome.result.findings]
        for accepted in outcome.accepted:
            result = _result(accepted.finding, outcome.path, index, lang)
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": accepted.reason}]
            results.append(result)
    notifications += [_notification("warning", message, path) for path, message in notes]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "giocheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/giocheck/",
                        "rules": [_rule(spec, lang) for spec in specs],
                        "properties": {"rulesVersion": rules_version(rules)},
                    }
                },
                "properties": {"giocheckVersion": __version__, "rulesVersion": rules_version(rules)},
                "invocations": [
                    {
                        "executionSuccessful": not any(o.error_zh for o in outcomes),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }


def _unique(specs: Sequence[RuleSpec]) -> list[RuleSpec]:
    # A rule id may be defined once per format (2019, 2021); SARIF wants each id once.
    seen: dict[str, RuleSpec] = {}
    for spec in specs:
        seen.setdefault(spec.id, spec)
    return list(seen.values())


def _rule(spec: RuleSpec, lang: str) -> JSONObject:
    zh = lang == "zh"
    return {
        "id": spec.id,
        "name": spec.name,
        "shortDescription": {"text": spec.title_zh if zh else spec.title_en},
        "fullDescription": {"text": spec.basis_zh if zh else spec.basis_en},
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": {
            "kind": spec.kind,
            "table": spec.table if isinstance(spec, TableRule) else None,
            "formats": list(spec.formats),
        },
    }


def _result(finding: Finding, path: str, index: dict[str, int], lang: str) -> JSONObject:
    assessable = finding.status == "fail"
    result: JSONObject = {
        "ruleId": finding.rule,
        # SARIF: a result whose kind is not "fail" has level "none".
        "kind": "fail" if assessable else "review",
        "level": _LEVEL[finding.severity] if assessable else "none",
        "message": {"text": finding.message(lang)},
        "locations": [_location(path, finding)],
        "partialFingerprints": {"giocheckFingerprint/v1": finding.fingerprint},
        "properties": {"cells": [str(c.ref) for c in finding.cells]},
    }
    where = finding.location
    if where is not None and (where.page, where.table, where.row, where.column) != (None, None, None, None):
        # A cell of a PDF/DOCX/HTML table: SARIF regions are lines and columns of text, so say it here.
        result["properties"]["location"] = location(where)
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def _location(path: str, finding: Finding | None) -> JSONObject:
    physical: JSONObject = {"artifactLocation": {"uri": artifact_uri(path)}}
    where = finding.location if finding is not None else None
    if where is not None and where.line is not None:
        physical["region"] = {"startLine": where.line}
    return {"physicalLocation": physical}


def _notification(level: str, message: str, path: str) -> JSONObject:
    return {"level": level, "message": {"text": message}, "locations": [_location(path, None)]}


def artifact_uri(path: str) -> str:
    """A relative POSIX URI under the current folder (what code scanning expects), else a file URI."""
    target = Path(path)
    try:
        return quote(target.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return target.resolve().as_uri()
