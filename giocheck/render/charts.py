"""Charts for the HTML report as inline SVG drawn here (no script, no network): a bar chart of
failure rates per rule and the agency × rule heat map. Sizes are integers; rates are exact."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from giocheck.render.office import AgencyRow, RuleRate
from giocheck.words import say

_FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif" font-size="12"'
_BAR = 360  # width of a 100% bar
_CELL = 22  # heat map cell side


def percent(part: int, whole: int) -> str:
    """`12.5%`: one decimal, rounded down, exact integer arithmetic."""
    if whole == 0:
        return "—"
    tenths = 1000 * part // whole
    return f"{tenths // 10}.{tenths % 10}%"


def rate_bars(rates: Sequence[RuleRate], lang: str = "zh") -> str:
    """Horizontal bars: per rule, the share of readable reports that broke it."""
    if not rates:
        return f'<p class="none">{say("office.none_broken", lang)}</p>'
    label_width, row = 170, 24
    height = row * len(rates) + 8
    width = label_width + _BAR + 130
    parts = [
        f'<svg class="chart bars" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" {_FONT}>',
        f"<title>{say('office.chart_rates', lang)}</title>",
    ]
    for index, rate in enumerate(rates):
        y = 4 + index * row
        length = max(1, _BAR * rate.reports // rate.of) if rate.of else 1
        text = say("office.chart_share", lang, percent=percent(rate.reports, rate.of), n=rate.reports, of=rate.of)
        parts += [
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(rate.rule)}</text>',
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length}" height="{row - 8}" fill="#c62828">'
            f"<title>{escape(rate.rule)}: {text}</title></rect>",
            f'<text x="{label_width + length + 6}" y="{y + 16}">{text}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def heat_map(rows: Sequence[AgencyRow], rules: Sequence[str], lang: str = "zh") -> str:
    """Agency (and year) × rule: the darker, the more violations; the count in the cell."""
    if not rows or not rules:
        return f'<p class="none">{say("office.none_broken", lang)}</p>'
    left, top = 260, 130
    width = left + _CELL * len(rules) + 90  # room for the last rotated rule id
    height = top + _CELL * len(rows) + 10
    most = max((row.rules[rule] for row in rows for rule in rules), default=1) or 1
    parts = [
        f'<svg class="chart heat" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" {_FONT}>',
        f"<title>{say('office.chart_matrix', lang)}</title>",
    ]
    for column, rule in enumerate(rules):
        x = left + column * _CELL + _CELL // 2
        parts.append(f'<text transform="translate({x},{top - 6}) rotate(-60)">{escape(rule)}</text>')
    for line, row in enumerate(rows):
        y = top + line * _CELL
        agency = row.agency if lang == "zh" else f"“{row.agency}”"  # English quotes the report's words
        name = f"{agency} {row.year or ''}".strip()
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>')
        for column, rule in enumerate(rules):
            count = row.rules[rule]
            x = left + column * _CELL
            shade = 235 - 190 * count // most if count else 250
            fill = f"rgb(255,{shade},{shade})" if count else "#f5f5f5"
            parts.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{_CELL - 2}" height="{_CELL - 2}" fill="{fill}">'
                f"<title>{escape(name)} · {escape(rule)}: {count}</title></rect>"
            )
            if count:
                parts.append(f'<text x="{x + 10}" y="{y + 15}" text-anchor="middle" font-size="10">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)
