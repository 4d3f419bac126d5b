"""`giocheck show`: the numbers the text states, each with its sentence and the cells it was
compared with — what the text rules read, agreeing or not."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from giocheck.engine.statements import Statement, statements
from giocheck.model import AnnualReport

_WORDS = {
    "zh": {
        "heading": "正文所述数字（与表格对照）",
        "none": "正文中没有找到与表格对照的数字",
        "agrees": "✓",
        "differs": "✗",
        "line": "{mark} {section}：{subject} 正文 {stated}，表格 {table}（{cells}）：{sentence}",
        "join": " ＋ ",
    },
    "en": {
        "heading": "numbers the text states (compared with the tables)",
        "none": "the text states no number compared with the tables",
        "agrees": "✓",
        "differs": "✗",
        "line": "{mark} {section}: {subject}: text {stated}, tables {table} ({cells}): {sentence}",
        "join": " + ",
    },
}


def claim_line(statement: Statement, lang: str = "zh") -> str:
    """`✓ 一、总体情况：申请数 正文 3119，表格 3119（表三…）：「…」`."""
    words = _WORDS[lang]
    cells = words["join"].join(statement.cells_en if lang == "en" else (view.label for view in statement.cells))
    return words["line"].format(
        mark=words["agrees" if statement.agrees else "differs"],
        section=statement.section if lang == "zh" else f"“{statement.section}”",
        subject=statement.subject_zh if lang == "zh" else statement.subject_en,
        stated=statement.stated,
        table=statement.table,
        cells=cells,
        sentence=f"「{statement.sentence}」" if lang == "zh" else f"“{statement.sentence}”",
    )


def render_claims(console: Console, report: AnnualReport, lang: str = "zh") -> None:
    """The heading, then one line per number stated (green when it agrees, red when not)."""
    words = _WORDS[lang]
    found = statements(report)
    console.print(Text(words["heading"], style="bold"))
    if not found:
        console.print(Text(words["none"], style="dim"))
    for statement in found:
        console.print(
            Text(claim_line(statement, lang), style="green" if statement.agrees else "bold red"), soft_wrap=True
        )
