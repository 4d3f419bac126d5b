"""The words of configuration and the baseline: what is wrong in `giocheck.toml`, a rule
selection or the baseline file, and the lines the baseline adds to a run."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "tool_hint": (
        "（配置项写在顶层，或只写一个 [tool.giocheck] 表）",
        " (write the keys at the top level, or in a single [tool.giocheck] table)",
    ),
    "unknown_key": ("未知的配置项 {key}{hint}", "unknown key {key}{hint}"),
    "bad_value": ("配置项 {key} 有误：{problem}", "bad value for {key}: {problem}"),
    "no_config": ("配置文件不存在", "configuration file not found"),
    "bad_selection": ("规则选择有误：{error}", "bad rule selection: {error}"),
    "no_such_rule": ("{prefix} 不对应任何规则", "{prefix} matches no rule"),
    "no_such_rule_in": ("{kind} 中的 {prefix} 不对应任何规则", "{kind}: {prefix} matches no rule"),
    # the baseline
    "default_reason": ("加入基线时已存在的问题", "present when the baseline was created"),
    "bad_entry": ("基线条目 {where} 有误：{problem}", "baseline {where}: {problem}"),
    "expired": (
        "（基线中的接受已于 {expires} 过期，原理由：{reason}）",
        " (baseline acceptance expired on {expires}; reason was: {reason})",
    ),
    "file_header": ("基线：已接受的问题", "accepted findings"),
    "file_reason": (
        "每条需写明理由 reason；可选有效期 expires = 2026-12-31。",
        "each entry states its reason; expires = 2026-12-31 is optional.",
    ),
    "is_a_report": ("基线文件不能是被检查的报告文件", "the baseline file must not be a checked report"),
    "unwritable": ("无法写入基线文件：{reason}", "cannot write baseline: {reason}"),
    "unused": (
        "基线条目未使用：{report} {rule} {fingerprint}（该问题已不存在，可删除此条目）",
        "unused baseline entry: {report} {rule} {fingerprint} (no such finding any more; remove it)",
    ),
    "written": ("基线已写入 {path}（{count} 条）", "baseline written to {path} ({count} entries)"),
}
