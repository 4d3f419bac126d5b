"""`check --format html -o report.html`: one self-contained page to circulate, Chinese first.

Inline CSS, charts as inline SVG (giocheck/render/charts.py), no script and nothing fetched:
overview figures; failure rate per rule; the agency × rule heat map; per agency its files, the
T3/T4 grids as printed with the cells named by a finding highlighted and the messages beside
them; text findings with the quoted sentence; duplicates, missing and unreadable reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from giocheck.engine.findings import Finding
from giocheck.formats import TableSpec, table_specs
from giocheck.model import AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.render.charts import heat_map, percent, rate_bars
from giocheck.render.office import (
    agency_rows,
    file_status,
    matrix_rules,
    rule_rates,
    status_word,
    unreadable_rows,
)
from giocheck.render.sheets import Export
from giocheck.runner import summarise
from giocheck.words import say

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #c62828;padding-bottom:4px;margin-top:32px}
h3{font-size:16px;margin:20px 0 6px}.meta{color:#666;font-size:12px}
.figures{display:flex;gap:12px;flex-wrap:wrap}.figure{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
.figure b{display:block;font-size:24px}.status-errors{color:#c62828}.status-unreadable{color:#6a1b9a}.status-clean{color:#2e7d32}
.agency{border:1px solid #ddd;border-radius:6px;padding:8px 14px;margin:12px 0}
.pair{display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap}
table.grid{border-collapse:collapse;font-size:12px}table.grid td,table.grid th{border:1px solid #999;padding:2px 5px}
table.grid td.num{text-align:right;min-width:34px}table.grid td.fail{background:#ffcdd2;outline:2px solid #c62828;font-weight:bold}
table.grid th{background:#f3f3f3;font-weight:normal}
ol.findings{font-size:13px;max-width:560px;flex:1 1 300px;margin:0;padding-left:22px}
table.grid tbody th{text-align:left}table.grid th.group{max-width:90px;color:#555}ol.findings li{margin-bottom:4px}
.sev-error{color:#c62828}.sev-warning{color:#e65100}.sev-info{color:#546e7a}
.none{color:#2e7d32}ul.plain{font-size:13px}
"""


def html_text(export: Export) -> str:
    """The whole page."""
    outcomes = export.outcomes
    summary = summarise(outcomes)
    rows = agency_rows(outcomes)
    lang = export.lang

    def word(key: str) -> str:
        return say(f"office.html_{key}", lang)

    title = word("title")
    figures = [
        (word("reports"), summary.files, ""),
        (status_word("clean", export.lang), summary.clean, "status-clean"),
        (status_word("errors", export.lang), summary.with_errors, "status-errors"),
        (status_word("unreadable", export.lang), summary.unreadable, "status-unreadable"),
        (word("errors"), summary.errors, "status-errors"),
        (word("warnings"), summary.warnings, ""),
    ]
    parts = [
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">giocheck {escape(export.versions[0])} · {word("rules_version")} {escape(export.versions[1])}</p>',
        '<section id="overview"><h2>' + word("overview") + '</h2><div class="figures">',
        *(f'<div class="figure"><b class="{css}">{value}</b>{escape(label)}</div>' for label, value, css in figures),
        "</div>",
        f"<p>{word('with_errors')}{percent(summary.with_errors, summary.files)}</p></section>",
        '<section id="rates"><h2>' + word("rates") + "</h2>",
        rate_bars(rule_rates(outcomes), export.lang),
        "</section>",
        '<section id="matrix"><h2>' + word("matrix") + "</h2>",
        heat_map(rows, matrix_rules(rows), export.lang),
        "</section>",
        *_others(export),
        '<section id="agencies"><h2>' + word("agencies") + "</h2>",
    ]
    by_path = {o.path: o for o in outcomes}
    for row in rows:
        agency = row.agency if export.lang == "zh" else f"“{row.agency}”"  # English quotes the report's words
        heading = f"{agency} {row.year or ''}".strip()
        parts.append(
            f'<div class="agency"><h3>{escape(heading)} · <span class="status-{row.status}">'
            f"{status_word(row.status, export.lang)}</span></h3>"
        )
        for path in row.files:
            parts += _file(by_path[path], export.lang)
        parts.append("</div>")
    parts.append("</section></body></html>")
    return "\n".join(parts) + "\n"


def _others(export: Export) -> list[str]:
    unreadable = unreadable_rows(export.outcomes, export.lang)
    colon = "：" if export.lang == "zh" else ": "
    items = [item.message for item in export.duplicates]
    items += [say("office.missing", export.lang, agency=a) for a in export.missing]
    parts = []
    if items:
        parts.append('<section id="duplicates"><h2>' + say("office.html_duplicates", export.lang) + "</h2>")
        parts.append('<ul class="plain">' + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul></section>")
    if unreadable:
        parts.append('<section id="unreadable"><h2>' + say("office.html_unreadable", export.lang) + "</h2>")
        parts.append(
            '<ul class="plain">'
            + "".join(f"<li>{escape(p)}{colon}{escape(reason)}</li>" for p, reason in unreadable)
            + "</ul></section>"
        )
    return parts


def _file(outcome: FileOutcome, lang: str) -> list[str]:
    status = file_status(outcome)
    parts = [
        f'<p class="file">{escape(outcome.path)} · <span class="status-{status}">{status_word(status, lang)}</span></p>'
    ]
    if outcome.error(lang):
        parts.append(f'<p class="status-unreadable">{escape(outcome.error(lang) or "")}</p>')
    result = outcome.result
    if result is None:
        return parts
    findings = list(result.findings)
    number = {id(f): i for i, f in enumerate(findings, start=1)}
    for spec in table_specs(result.report):
        if spec.key not in result.report.tables:  # every table with a finding on its cells, as printed
            continue
        about = [f for f in findings if any(c.ref.table == spec.key for c in f.cells)]
        if not about:
            continue
        parts.append('<div class="pair">')
        parts.append(_grid(result.report, spec, [f for f in about if f.status == "fail"], number, lang))
        parts.append(_list(about, number, lang))
        parts.append("</div>")
    drawn = {spec.key for spec in table_specs(result.report) if spec.key in result.report.tables}
    rest = [f for f in findings if not any(c.ref.table in drawn for c in f.cells)]
    if rest:
        parts.append(_list(rest, number, lang))
    if not findings:
        parts.append(f'<p class="none">{say("office.html_no_findings", lang)}</p>')
    return parts


def _list(findings: Sequence[Finding], number: dict[int, int], lang: str) -> str:
    items = []
    for finding in findings:
        severity = say(f"office.{finding.severity}", lang)
        items.append(
            f'<li value="{number[id(finding)]}" data-rule="{escape(finding.rule)}">'
            f'<span class="sev-{finding.severity}">{severity}</span> <code>{escape(finding.rule)}</code> '
            f"{escape(finding.message(lang))}</li>"
        )
    return '<ol class="findings">' + "".join(items) + "</ol>"


def _grid(report: AnnualReport, spec: TableSpec, failing: Sequence[Finding], number: dict[int, int], lang: str) -> str:
    """The table as printed in the format, each cell a failing finding names highlighted and numbered."""
    marks: dict[str, list[Finding]] = {}
    for finding in failing:
        for cell in finding.cells:
            if cell.ref.table == spec.key:
                marks.setdefault(f"{cell.ref.row}.{cell.ref.column}", []).append(finding)
    table = report.tables[spec.key]

    def value_cell(row: str, column: str) -> str:
        found = table.rows.get(row)
        value = found.cells.get(column) if found is not None else None
        shown = "?" if value is None else (str(value.value) if value.value is not None else (value.raw or "·"))
        named = marks.get(f"{row}.{column}")
        if not named:
            return f'<td class="num">{escape(shown)}</td>'
        refs = ",".join(str(number[id(f)]) for f in dict.fromkeys(named))
        tip = ("；" if lang == "zh" else "; ").join(f.message(lang) for f in dict.fromkeys(named))
        return f'<td class="num fail" data-cell="{spec.key}.{row}.{column}" title="{escape(tip)}">{escape(shown)}<sup>{refs}</sup></td>'

    en = lang == "en"  # the English labels of the format data
    title = f"{spec.name_en}  {spec.label_en or spec.key}" if en else f"{spec.name_zh}　{spec.label}"
    caption = f"<caption>{escape(title)}</caption>"
    groups = [c.group or "" for c in spec.columns]
    group_names = {c.group: c.group_en or "" for c in spec.columns if c.group}
    head_top = ['<tr><th rowspan="2" colspan="2"></th>']
    position = 0
    while position < len(groups):
        span = 1
        while position + span < len(groups) and groups[position + span] == groups[position] and groups[position]:
            span += 1
        group = group_names.get(groups[position], "") if en else groups[position]
        head_top.append(f'<th colspan="{span}">{escape(group)}</th>')
        position += span
    head = (
        "".join(head_top)
        + "</tr><tr>"
        + "".join(f"<th>{escape((c.label_en or c.key) if en else (c.short or c.label))}</th>" for c in spec.columns)
        + "</tr>"
    )
    shown = [r for r in spec.rows if (found := table.rows.get(r.key)) is None or found.source != "replaced"]
    body = []
    for index, row_spec in enumerate(shown):
        columns = spec.row_columns(row_spec.key)
        cells = "".join(value_cell(row_spec.key, c.key) if c.key in columns else "<td></td>" for c in spec.columns)
        label = (row_spec.label_en or row_spec.key) if en else row_spec.label
        if len(spec.rows) == 1 and spec.single_row:
            label = say("office.html_data_row", lang)
        group = ""  # the row's group (（三）不予公开 …) once, spanning its rows
        if index == 0 or shown[index - 1].group != row_spec.group:
            span = 1
            while index + span < len(shown) and shown[index + span].group == row_spec.group:
                span += 1
            named_group = (row_spec.group_en if en else row_spec.group) or ""
            group = f'<th class="group" rowspan="{span}">{escape(named_group)}</th>'
        body.append(f"<tr>{group}<th>{escape(label)}</th>{cells}</tr>")
    return f'<table class="grid" data-table="{spec.key}">{caption}<thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
