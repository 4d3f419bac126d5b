"""Rich output of `giocheck check`: one block per file, one line per finding, a summary.

The words come from render/text.py (one place for both outputs); this module adds styles and tables.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from giocheck.engine.findings import Finding
from giocheck.render.text import (
    WORDS,
    accepted_text,
    culprit_lines,
    explain_hint,
    file_lines,
    finding_text,
    status_text,
    summary_text,
)
from giocheck.runner import FileOutcome, Summary

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "not_assessable": "dim", "accepted": "green"}


def make_console(file: TextIO | None = None) -> Console:
    """A console that never crops Chinese text to 80 columns in CI or pipes."""
    stream = file or sys.stdout
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(file=stream, width=width, height=None if width is None else 100, highlight=False, soft_wrap=False)


def render_outcomes(
    console: Console,
    outcomes: list[FileOutcome],
    summary: Summary,
    lang: str = "zh",
    quiet: bool = False,
    notes: Sequence[str] = (),
) -> None:
    """Print every file's findings, then `notes` (run warnings) and the summary line.

    `quiet`: only error-level findings, unreadable files and the summary.
    """
    for outcome in outcomes:
        render_outcome(console, outcome, lang, quiet)
    for note in notes:
        console.print(Text(note, style="yellow"), soft_wrap=True)
    hint = None if quiet else explain_hint(outcomes, lang)
    if hint:
        console.print(Text(hint, style="dim"), soft_wrap=True)
    console.print(summary_line(summary, lang, sum(len(o.accepted) for o in outcomes)))


def render_outcome(console: Console, outcome: FileOutcome, lang: str = "zh", quiet: bool = False) -> None:
    """Print one file's block (as `render_outcomes` does for each): streamed as files finish."""
    if quiet:
        _quiet_block(console, outcome, lang)
    else:
        _file_block(console, outcome, WORDS[lang], lang)


def _quiet_block(console: Console, outcome: FileOutcome, lang: str) -> None:
    for text in file_lines(outcome, lang, quiet=True):
        console.print(Text(text, style="bold red"), soft_wrap=True)


def _file_block(console: Console, outcome: FileOutcome, words: Mapping[str, str], lang: str) -> None:
    header = Text(outcome.path, style="bold")
    result = outcome.result
    if result is not None:
        meta = result.report.metadata
        agency = meta.agency and (f"“{meta.agency}”" if lang == "en" else meta.agency)  # report text, quoted
        detail = " · ".join(str(x) for x in (agency, f"{meta.year}" if meta.year else None, meta.format) if x)
        header.append(f"  {detail}", style="dim")
    console.print(header)
    error = outcome.error(lang)
    if error:
        # soft_wrap: one logical line, never broken by rich, so scripts can grep it.
        console.print(Text(f"  {words['unreadable'].format(error=error)}", style="bold red"), soft_wrap=True)
    if result is None:
        return
    if result.report.metadata.format == "legacy":
        console.print(Text(f"  {words['legacy']}", style="cyan"))
        return
    failures = [f for f in result.findings if f.status == "fail"]
    blanks = [f for f in result.findings if f.status == "not_assessable"]
    if not failures and not blanks and not outcome.accepted:
        if not error:
            console.print(Text(f"  {status_text(result, lang)}", style="green"))
        return
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
    table.add_column(words["level"], no_wrap=True)
    table.add_column(words["rule"], no_wrap=True)
    table.add_column(words["message"], overflow="fold")
    table.add_column(words["where"], no_wrap=True, style="dim")
    culprits = culprit_lines(failures, lang)
    for index, finding in enumerate(failures):
        table.add_row(*_row(finding, words, lang))
        for culprit in culprits.get(index, []):
            table.add_row(Text(""), Text(""), Text(culprit, style="bold magenta"), Text(""))
    for rule_findings in _by_rule(blanks).values():
        first = rule_findings[0]
        cells = _row(first, words, lang)
        if len(rule_findings) > 1:
            cells[2].append(words["more"].format(n=len(rule_findings) - 1), style="dim")
        table.add_row(*cells)
    for accepted in outcome.accepted:
        cells = _row(accepted.finding, words, lang)
        cells[0] = Text(words["accepted"], style=_STYLE["accepted"])
        cells[2] = Text(accepted_text(accepted, lang), style="dim")
        table.add_row(*cells)
    console.print(table)


def _row(finding: Finding, words: Mapping[str, str], lang: str) -> list[Text]:
    level = finding.status if finding.status == "not_assessable" else finding.severity
    where = finding.location.describe(lang) if finding.location else ""
    return [
        Text(words[level], style=_STYLE[level]),
        Text(finding.rule, style="bold"),
        Text(finding_text(finding, lang)),
        Text(where),
    ]


def _by_rule(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.rule].append(finding)
    return grouped


def summary_line(summary: Summary, lang: str = "zh", accepted: int = 0) -> Text:
    """`共检查 3 个文件：…` — the last line of a run, red when the exit code is not 0."""
    style = "bold red" if summary.exit_code else "bold green"
    return Text(summary_text(summary, lang, accepted), style=style)
