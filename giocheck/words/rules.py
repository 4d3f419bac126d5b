"""The words of `giocheck rules`, `explain` and the generated rule catalogue (docs/rules.md)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "rule": ("规则", "rule"),
    "title": ("标题", "title"),
    "kind": ("种类", "kind"),
    "severity": ("级别", "severity"),
    "formats": ("适用格式", "formats"),
    "basis": ("依据", "basis"),
    "in_short": ("简称", "in short"),
    "agencies": ("适用机关", "agencies"),
    "reads": ("读取部分", "reads"),
    "instances": ("实例数", "instances"),
    "instance_count": ("{n}（格式 {format}）", "{n} (format {format})"),
    "example": ("例", "example"),
    "previous": ("上年报告", "last year's report"),
    # docs/rules.md prints both languages side by side
    "catalogue_title": ("规则目录", "Rule catalogue"),
    "column_severity": ("级别", "severity"),
    "column_formats": ("格式", "formats"),
    "column_title": ("标题", "title"),
    "fails": ("错误的例子", "Fails"),
    "passes": ("正确的例子", "Passes"),
    "on_sample": ("在{format}年格式的样例报告上", "on the sample report in the {format} format"),
    "how_to_fix": ("怎样改正", "How to fix"),
    # an example's edits (giocheck/examples.py)
    "set_cell": ("{cell}填 {value}", "{cell} = {value}"),
    "published_on": ("发布日期 {date}", "published {date}"),
    "agency_is": ("机关：{agency}", "agency: {agency}"),
    "last_year": (
        "上年报告：样例报告（年份改为上一年）",
        "last year's report: the sample (the year changed to the one before)",
    ),
    "last_year_cell": ("，{change}", ", {change}"),
    "year_changed": ("报告中的年份 {old} → {new}", "the year {old} → {new}"),
    "invalid_byte": ("在“{text}”之后写入一个无效字节 0xFF", "a byte that is no UTF-8 (0xFF) after “{text}”"),
    "sample_as_is": ("样例报告原样", "the sample as it is"),
}
