"""Plain text output of `giocheck check` (the default when stdout is not a terminal).

No colour and no tables: every line stands alone and starts with the file name, as flake8's
do, so CI logs can be grepped. Also the plain failure panel the pytest plugin shows, and the
words of every `check` output: the rich console (render/console.py) only adds styles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

from giocheck.engine.findings import CellView, Change, Finding, Number, Result
from giocheck.runner import Accepted, FileOutcome, Summary
from giocheck.words import section

# A side with more cells than this shows the first few and the count (the total is exact).
_MAX_CELLS = 6

# The words of every `check` output, by language (giocheck/words/check.py).
WORDS = section("check")


def render_text(
    stream: TextIO,
    outcomes: Sequence[FileOutcome],
    summary: Summary,
    lang: str = "zh",
    quiet: bool = False,
    notes: Sequence[str] = (),
) -> None:
    """Print one line per finding, then `notes` (warnings about the run) and the summary line."""
    for outcome in outcomes:
        for line in file_lines(outcome, lang, quiet):
            stream.write(line + "\n")
    for note in notes:
        stream.write(note + "\n")
    hint = None if quiet else explain_hint(outcomes, lang)
    if hint:
        stream.write(hint + "\n")
    stream.write(summary_text(summary, lang, sum(len(o.accepted) for o in outcomes)) + "\n")


def counted(n: int, noun: str, lang: str = "zh") -> str:
    """A count for the words above: the bare number in Chinese (the template has the measure
    word), `1 file` / `2 files` in English."""
    if lang == "zh":
        return str(n)
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def unreadable_line(outcome: FileOutcome, lang: str = "zh") -> str | None:
    """`path: ✗ 无法读取：…` for a file that could not be (fully) read, else None."""
    error = outcome.error(lang)
    return f"{outcome.path}: {WORDS[lang]['unreadable'].format(error=error)}" if error else None


def file_lines(outcome: FileOutcome, lang: str = "zh", quiet: bool = False) -> list[str]:
    """The lines of one file: unreadable, findings, accepted findings, or clean."""
    words = WORDS[lang]
    path = outcome.path
    error = outcome.error(lang)
    unreadable = unreadable_line(outcome, lang)
    lines: list[str] = [unreadable] if unreadable else []
    result = outcome.result
    if result is None:
        return lines
    if result.report.metadata.format == "legacy":
        return lines if quiet else [*lines, f"{path}: {words['legacy']}"]
    failures = [f for f in result.failures if not quiet or f.severity == "error"]
    # --quiet keeps one line per error; the culprit is said in the full output.
    culprits = {} if quiet else culprit_lines(failures, lang)
    for index, finding in enumerate(failures):
        lines.append(
            f"{_where(path, finding, lang)}: {words[finding.severity]} {finding.rule} {finding_text(finding, lang)}"
        )
        lines += [f"{path}: {culprit}" for culprit in culprits.get(index, [])]
    if quiet:
        return lines
    blanks: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.status == "not_assessable":
            blanks.setdefault(finding.rule, []).append(finding)
    for same in blanks.values():
        more = words["more"].format(n=len(same) - 1) if len(same) > 1 else ""
        lines.append(
            f"{_where(path, same[0], lang)}: {words['not_assessable']} {same[0].rule} {same[0].message(lang)}{more}"
        )
    lines += [
        f"{_where(path, a.finding, lang)}: {words['accepted']} {a.finding.rule} {accepted_text(a, lang)}"
        for a in outcome.accepted
    ]
    if not error:
        # One status line per file, as the summary counts it: clean means no error-level finding.
        meta = result.report.metadata
        ocr = (WORDS[lang]["ocr"] if meta.read_by == "ocr" else None,)
        agency = meta.agency and (f"“{meta.agency}”" if lang == "en" else meta.agency)  # report text, quoted
        detail = " · ".join(str(x) for x in (agency, meta.year, meta.format, *ocr) if x)
        lines.append(f"{path}: {status_text(result, lang)} {detail}".rstrip())
    return lines


def finding_text(finding: Finding, lang: str = "zh") -> str:
    """A finding's message with its rule's short basis: `…，相差 -2（依据：表三注 勾稽关系）`."""
    basis = finding.basis(lang)
    return finding.message(lang) + (WORDS[lang]["basis"].format(basis=basis) if basis else "")


def culprit_lines(findings: Sequence[Finding], lang: str = "zh") -> dict[int, list[str]]:
    """The likely culprit of each table, said once: keyed by the index of the last finding in
    `findings` that carries that table's suggestions."""
    last: dict[str, int] = {}
    for index, finding in enumerate(findings):
        if finding.suggestions is not None and finding.cells:
            last[finding.cells[0].ref.table] = index
    return {index: [culprit_text(findings[index].suggestions or (), lang)] for index in last.values()}


def culprit_text(repairs: Sequence[Sequence[Change]], lang: str = "zh") -> str:
    """`最可能的错误：表三…栏填 2，按其他各格应为 0`: the repairs the solver found, in words."""
    words = WORDS[lang]
    if not repairs:
        return words["culprit_none"]

    def slots(repair: Sequence[Change]) -> dict[str, object]:
        names = [(change.label if lang == "zh" else change.label_en) or str(change.cell) for change in repair]
        found: dict[str, object] = {"cell": names[0], "current": repair[0].current, "proposed": repair[0].proposed}
        if len(repair) > 1:
            found |= {"cell2": names[1], "current2": repair[1].current, "proposed2": repair[1].proposed}
        return found

    pair = len(repairs[0]) > 1
    if len(repairs) == 1:
        return words["culprit_pair" if pair else "culprit_one"].format_map(slots(repairs[0]))
    each = words["culprit_pair_change" if pair else "culprit_change"]
    changes = words["or"].join(each.format_map(slots(repair)) for repair in repairs)
    return words["culprit_pairs" if pair else "culprit_any"].format(changes=changes)


def explain_hint(outcomes: Sequence[FileOutcome], lang: str = "zh") -> str | None:
    """Once per run: how to read more about a rule, naming one that fired (an error first)."""
    failures = [f for o in outcomes if o.result is not None for f in o.result.failures]
    if not failures:
        return None
    rule = next((f.rule for f in failures if f.severity == "error"), failures[0].rule)
    return WORDS[lang]["explain"].format(rule=rule)


def accepted_text(accepted: Accepted, lang: str = "zh") -> str:
    """An accepted finding's message with the baseline's reason (and expiry)."""
    words = WORDS[lang]
    until = words["until"].format(date=accepted.expires) if accepted.expires else ""
    return accepted.finding.message(lang) + words["reason"].format(reason=accepted.reason, until=until)


def _where(path: str, finding: Finding, lang: str) -> str:
    """`path:line` (as flake8, for editors and grep), then the cell's page/table/row/column if known."""
    location = finding.location
    line = f"{path}:{location.line}" if location is not None and location.line is not None else path
    cell = place(finding, lang)
    return f"{line} ({cell})" if cell else line


def place(finding: Finding, lang: str = "zh") -> str:
    """Where a finding is besides its line of text: `第3页表格3第22行第4列` for a cell of a PDF,
    DOCX or HTML table; "" when the line says it all."""
    location = finding.location
    if location is None:
        return ""
    return location.model_copy(update={"line": None}).describe(lang)


def status_text(result: Result, lang: str = "zh") -> str:
    """A readable file's status, as the summary counts it: clean means no error-level finding
    (its warnings are named, so a ✓ is not read as “nothing to see”)."""
    words = WORDS[lang]
    if result.errors:
        return words["with_errors"].format(errors=counted(len(result.errors), "error", lang))
    warnings = result.count("warning")
    if warnings:
        return words["clean_with_warnings"].format(warnings=counted(warnings, "warning", lang))
    return words["clean"].format(rules=counted(len(result.rules_run), "rule", lang))


def summary_text(summary: Summary, lang: str = "zh", accepted: int = 0) -> str:
    """`共检查 3 个文件：…` — the last line of a run, plain (the rich console only colours it)."""
    words = WORDS[lang]
    text = words["summary"].format(
        files=counted(summary.files, "file", lang),
        clean=summary.clean,
        with_errors=summary.with_errors,
        unreadable=summary.unreadable,
        errors=counted(summary.errors, "error", lang),
        warnings=counted(summary.warnings, "warning", lang),
    )
    if summary.not_assessable:
        text += words["not_assessable_count"].format(n=summary.not_assessable)
    if summary.structural:
        text += words["structural_count"].format(n=summary.structural)
    if accepted:
        text += words["accepted_count"].format(n=accepted)
    return text


def finding_panel(finding: Finding, lang: str = "zh") -> str:
    """A finding as a few plain lines: rule, level, where; the message; both sides and the gap."""
    words = WORDS[lang]
    level = words["not_assessable"] if finding.status == "not_assessable" else words[finding.severity]
    where = finding.location.describe(lang) if finding.location else ""
    lines = [f"{finding.rule} ({finding.name}) {level} {where}".rstrip(), f"  {finding_text(finding, lang)}"]
    if finding.lhs:
        lines.append(f"  {words['lhs']}: {_side(finding.lhs, finding.lhs_total, words)}")
    if finding.rhs:
        lines.append(f"  {words['rhs']}: {_side(finding.rhs, finding.rhs_total, words)}")
    if finding.difference is not None:
        lines.append(f"  {words['gap']}: {finding.difference:+}")
    if finding.suggestions is not None:
        lines.append(f"  {culprit_text(finding.suggestions, lang)}")
    return "\n".join(lines)


def _side(cells: Sequence[CellView], total: Number | None, words: Mapping[str, str]) -> str:
    parts = []
    shown = cells if len(cells) <= _MAX_CELLS else cells[: _MAX_CELLS - 1]
    for index, view in enumerate(shown):
        value = words["blank"] if view.value is None else str(view.value)
        sign = ("− " if view.weight < 0 else "+ ") if index else ("−" if view.weight < 0 else "")
        parts.append(f"{sign}{view.label}[{view.ref}] {value}")
    if len(shown) < len(cells):
        parts.append(words["cells"].format(n=len(cells)))
    text = " ".join(parts)
    return text if total is None or len(cells) == 1 else f"{text} = {total}"


def outcome_panel(outcome: FileOutcome, lang: str = "zh") -> str:
    """What makes one report fail, as the pytest plugin shows it: no traceback, no path (pytest shows it)."""
    blocks: list[str] = []
    error = outcome.error(lang)
    if error:
        blocks.append(WORDS[lang]["unreadable"].format(error=error))
    if outcome.result is not None:
        blocks += [finding_panel(f, lang) for f in outcome.result.errors]
    return "\n\n".join(blocks)
