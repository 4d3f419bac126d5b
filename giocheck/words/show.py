"""The words of `giocheck show`: the grids' legends and headings, the numbers the text states."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "legend": (
        "空白单元格显示为 ·，占位符（/、—、无 等）照原样显示，均不计数；? 表示报告中没有找到该行；"
        "* 表示该行无标签、按顺序对应；≠ 表示报告沿用旧格式的行",
        "blank cells show as ·, placeholders (/, —, “无” …) as printed, neither counted; ? marks a row not found; "
        "* marks a row placed by order; ~ marks a row printed under other words; ≠ marks an older format's row printed instead of the official ones",
    ),
    "narrow": (
        "终端宽 {width} 列，窄于表格：表格按其最小宽度完整输出，未截断",
        "the terminal ({width} columns) is narrower than the tables: they are drawn whole at their own width",
    ),
    "marks": (
        "✗ 标出错误所涉的单元格，! 标出警告所涉的单元格，◆ 标出最可能填错的单元格",
        "✗ marks the cells of an error, ! the cells of a warning, ◆ the cells most likely wrong",
    ),
    "colours": (
        "红底为错误所涉的单元格，黄底为警告所涉的单元格，紫底为最可能填错的单元格",
        "red cells are those of an error, yellow those of a warning, magenta those most likely wrong",
    ),
    "format": ("格式", "format"),
    "published": ("发布", "published"),
    "signed": ("落款", "signed"),
    "content": ("信息内容", "Content"),
    "single_row": (
        "（官方表格为一行十五栏，此处按三组显示）",
        "(the official table is one row of fifteen cells, shown here in its three groups)",
    ),
    "columns": ("各栏：{columns}", "columns: {columns}"),
    "printed": ("~ “{row}”行，报告印作“{printed}”", "~ row “{row}” printed as “{printed}”"),
    "substitute": (
        "≠ 报告印出旧格式的“{row}”行：“{printed}”",
        "≠ the report prints the older format's row “{row}”: “{printed}”",
    ),
    "column_group": ("{columns}：{group}", "{columns}: {group}"),
    "claims": ("正文所述数字（与表格对照）", "numbers the text states (compared with the tables)"),
    "claims_none": ("正文中没有找到与表格对照的数字", "the text states no number compared with the tables"),
    "claim": (
        "{mark} {section}：{subject} 正文 {stated}，表格 {table}（{cells}）：{sentence}",
        "{mark} {section}: {subject}: text {stated}, tables {table} ({cells}): {sentence}",
    ),
    "join": (" ＋ ", " + "),
}
