"""Write an `AnnualReport` as an HTML page in the standard layout (official grids, merged cells)."""

from __future__ import annotations

from html import escape

from giocheck.model import AnnualReport
from giocheck.writers.layout import Grid, Paragraph, blocks

_STYLE = (
    "body{font-family:'SimSun','Songti SC',serif;max-width:60em;margin:2em auto;line-height:1.6}"
    "h1{font-size:1.4em;text-align:center}.agency{text-align:center}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #000;padding:2px 6px;text-align:center}"
    "td.label{text-align:left}.signature{text-align:right}"
)


def write_html(report: AnnualReport) -> str:
    """The report as a complete UTF-8 HTML page."""
    parts: list[str] = []
    for block in blocks(report):
        if isinstance(block, Grid):
            parts.append(_table(block))
        else:
            parts.append(_paragraph(block))
    title = escape(f"{report.metadata.agency or ''}{report.metadata.year or ''}年政府信息公开工作年度报告")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _paragraph(block: Paragraph) -> str:
    text = escape(block.text)
    if block.kind == "title":
        return f"<h1>{text}</h1>"
    if block.kind == "heading":
        return f"<h2>{text}</h2>"
    if block.kind in ("agency", "signature"):
        return f'<p class="{block.kind}">{text}</p>'
    return f"<p>{text}</p>"


def _table(grid: Grid) -> str:
    lines = [f'<table data-table="{grid.key}">']
    for row in grid.rows:
        cells = []
        for span in row:
            tag = "th" if span.header else "td"
            merged = (f' rowspan="{span.rows}"' if span.rows > 1 else "") + (
                f' colspan="{span.columns}"' if span.columns > 1 else ""
            )
            cells.append(f"<{tag}{merged}>{escape(span.text)}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)
