"""JUnit XML output of `giocheck check --format junit`: one testcase per report file.

A report with error-level violations is a `<failure>` listing them; an unreadable one is an
`<error>`; warnings and accepted findings go to `<system-out>`, so CI test viewers show them
without failing the case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from giocheck.engine.rulefile import RuleSet
from giocheck.render.text import accepted_text, finding_panel
from giocheck.runner import FileOutcome
from giocheck.words import say


def junit_xml(outcomes: Sequence[FileOutcome], lang: str = "zh", rules: RuleSet | None = None) -> str:
    """The JUnit document as text (UTF-8 declaration included); the suite's `<properties>` name
    the giocheck version and the version of `rules` (default: the shipped rules)."""
    from giocheck import __version__
    from giocheck.checkjson import rules_version

    suite = ET.Element("testsuite", name="giocheck")
    properties = ET.SubElement(suite, "properties")
    for key, text in (("giocheck_version", __version__), ("rules_version", rules_version(rules))):
        ET.SubElement(properties, "property", name=key, value=text)
    failures = errors = 0
    for outcome in outcomes:
        case = ET.SubElement(suite, "testcase", classname="giocheck", name=outcome.path, file=outcome.path)
        error = outcome.error(lang)
        result = outcome.result
        if error:
            errors += 1
            ET.SubElement(case, "error", message=error, type="unreadable").text = error
        if result is not None and result.errors:
            failures += 1
            broken = sorted({f.rule for f in result.errors})
            message = say("office.junit_errors", lang, n=len(result.errors), rules=", ".join(broken))
            element = ET.SubElement(case, "failure", message=message, type=broken[0])
            element.text = "\n\n".join(finding_panel(f, lang) for f in result.errors)
        other = [] if result is None else [finding_panel(f, lang) for f in result.findings if f not in result.errors]
        other += [f"{a.finding.rule} {accepted_text(a, lang)}" for a in outcome.accepted]
        if other:
            ET.SubElement(case, "system-out").text = "\n\n".join(other)
    for key, value in (("tests", len(outcomes)), ("failures", failures), ("errors", errors), ("skipped", 0)):
        suite.set(key, str(value))
    root = ET.Element(
        "testsuites", name="giocheck", tests=str(len(outcomes)), failures=str(failures), errors=str(errors)
    )
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
