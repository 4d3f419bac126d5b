"""`giocheck show`: the numbers the text states, each with its sentence and the cells it was
compared with — what the text rules read, agreeing or not."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from giocheck.engine.statements import Statement, statements
from giocheck.model import AnnualReport
from giocheck.words import say


def claim_line(statement: Statement, lang: str = "zh") -> str:
    """`✓ 一、总体情况：申请数 正文 3119，表格 3119（表三…）：「…」`."""
    cells = say("show.join", lang).join(
        statement.cells_en if lang == "en" else (view.label for view in statement.cells)
    )
    return say(
        "show.claim",
        lang,
        mark="✓" if statement.agrees else "✗",
        section=statement.section if lang == "zh" else f"“{statement.section}”",
        subject=statement.subject_zh if lang == "zh" else statement.subject_en,
        stated=statement.stated,
        table=statement.table,
        cells=cells,
        sentence=f"「{statement.sentence}」" if lang == "zh" else f"“{statement.sentence}”",
    )


def render_claims(console: Console, report: AnnualReport, lang: str = "zh") -> None:
    """The heading, then one line per number stated (green when it agrees, red when not)."""
    found = statements(report)
    console.print(Text(say("show.claims", lang), style="bold"))
    if not found:
        console.print(Text(say("show.claims_none", lang), style="dim"))
    for statement in found:
        console.print(
            Text(claim_line(statement, lang), style="green" if statement.agrees else "bold red"), soft_wrap=True
        )
