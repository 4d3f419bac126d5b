"""How the report was printed (rules/checks/reading.toml): what reading got through but the
agency should fix — a row label printed with characters dropped or misread, a table in another
format's layout, rows or a table left out. Extraction records each as a `ReadNote`; a rule of
kind `read_notes` names the note kinds it reports."""

from __future__ import annotations

from collections.abc import Iterator

from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding
from giocheck.engine.schema import NotesRule
from giocheck.formats import RowSpec, SubstituteSpec, TableSpec, formats
from giocheck.model import ReadNote


@register("read_notes", NotesRule, {"table", "printed", "expected", "names", "count", "year", "detail", "verdict"})
def read_notes(instance: Instance[NotesRule], subject: Subject) -> Iterator[Finding]:
    """One finding per read note of the kinds the rule names."""
    rule = instance.rule
    report = subject.report
    for note in report.notes:
        if note.kind not in rule.notes:
            continue
        zh, en = _slots(note, report.metadata.format, report.metadata.year)
        yield finding(rule, zh, en, scope=_scope(note), where=note.location)


def _slots(note: ReadNote, own: str, year: int | None) -> tuple[dict[str, str], dict[str, str]]:
    table = None if note.table is None else formats()[own].table(note.table)
    printed, expected = note.printed, note.expected
    if note.kind == "layout":
        printed, expected = _format_name(note.printed), _format_name(note.expected)
    zh = {
        "table": "" if table is None else table.name_zh,
        "printed": printed,
        "expected": expected,
        "names": "、".join(f"「{name}」" for name in note.names),
        "count": str(len(note.names)),
        "year": "" if year is None else str(year),
        "detail": note.message("zh"),
        "verdict": _verdict(note, "zh"),
    }
    en = {
        **zh,
        "table": "" if table is None else table.name_en,
        "printed": f"“{printed}”" if note.kind == "label" else printed,
        "expected": f"“{expected}”" if note.kind == "label" else expected,
        "names": ", ".join(f"“{_english_row(table, name)}”" for name in note.names),
        "detail": note.message("en"),
        "verdict": _verdict(note, "en"),
    }
    if note.kind == "layout":
        en["printed"], en["expected"] = _format_name(note.printed, "en"), _format_name(note.expected, "en")
    return zh, en


def _english_row(table: TableSpec | None, label: str) -> str:
    """The English label of the row, column or table the format prints as `label` (else `label` itself)."""
    if table is not None and label == table.label and table.label_en:
        return table.label_en
    rows: list[RowSpec | SubstituteSpec] = [] if table is None else [*table.rows, *table.substitutes]
    found = next((row.label_en for row in rows if row.label == label and row.label_en), None)
    columns = [] if table is None else table.columns
    return found or next((c.name_en for c in columns if label in (c.name, c.label)), label)


def _verdict(note: ReadNote, lang: str) -> str:
    """For a table in another format's layout: an older one is 未按新格式; a newer one, ahead of its year."""
    if note.kind != "layout" or note.printed not in formats() or note.expected not in formats():
        return ""
    older = formats()[note.printed].first_year < formats()[note.expected].first_year
    if lang == "zh":
        return "未按新格式" if older else "用了该年度尚未施行的格式"
    return "not in the new format" if older else "in a format not yet in force for that year"


def _format_name(key: str, lang: str = "zh") -> str:
    spec = formats().get(key)
    if spec is None:
        return key
    return f"{spec.title_zh}（{key}）" if lang == "zh" else f"the {key} format ({spec.title_en})"


def _scope(note: ReadNote) -> str:
    """What the finding is about, for its fingerprint: never a line number."""
    parts = [note.kind, note.table or "", note.row or "", note.printed, *note.names]
    return ":".join(part for part in parts if part)
