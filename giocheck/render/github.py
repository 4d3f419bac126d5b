"""GitHub Actions workflow commands: `::error file=…,line=…,title=T3_BALANCE::message`.

Escaping follows the workflow-command rules (as in `@actions/core`): in the message `%`, CR and
LF are percent-encoded; in property values `:` and `,` are encoded as well.
"""

from __future__ import annotations

from collections.abc import Sequence

from giocheck.engine.findings import Finding
from giocheck.render.text import place
from giocheck.runner import FileOutcome

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message (the part after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (`file=`, `title=` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, file: str, line: int | None = None, title: str | None = None) -> str:
    """One workflow command line."""
    properties = [f"file={escape_property(file)}"]
    if line is not None:
        properties.append(f"line={line}")
    if title is not None:
        properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"


def github_lines(
    outcomes: Sequence[FileOutcome],
    lang: str = "zh",
    quiet: bool = False,
    notes: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """One annotation per violation (warnings and notes too unless `quiet`); unreadable files are errors.

    `notes` are (file, message) pairs shown as warnings (unused baseline entries).
    """
    lines: list[str] = []
    for outcome in outcomes:
        error = outcome.error(lang)
        if error:
            lines.append(command("error", error, outcome.path, title="giocheck"))
        if outcome.result is None:
            continue
        for finding in outcome.result.failures:
            if quiet and finding.severity != "error":
                continue
            lines.append(_finding(finding, outcome.path, lang))
    if not quiet:
        lines += [command("warning", message, path, title="BASELINE_UNUSED") for path, message in notes]
    return lines


def _finding(finding: Finding, path: str, lang: str) -> str:
    where = finding.location
    line = where.line if where is not None else None
    # A cell of a PDF/DOCX/HTML table has no line an annotation could point at: name it in the message.
    cell = place(finding, lang)
    message = f"{finding.message(lang)} ({cell})" if cell else finding.message(lang)
    return command(_COMMAND[finding.severity], message, path, line, finding.rule)
