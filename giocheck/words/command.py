"""The words of the command line itself (giocheck/cli.py): its usage errors, the progress bar,
`explain`'s unknown rule and the lines said when a result cannot be written."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "internal_error": (
        "giocheck: 内部错误（{kind}），请将所用文件与命令报告给维护者；--debug 显示详情",
        "giocheck: internal error ({kind}); please report the files and command to the maintainers; "
        "--debug shows the details",
    ),
    "statistics_format": (
        "--statistics 只能输出 text、rich 或 json，不能与 --format {format} 同用",
        "--statistics works with --format text, rich or json, not {format}",
    ),
    "summary_format": (
        "--summary 只能输出 text、rich 或 json，不能与 --statistics 或其他格式同用",
        "--summary works with --format text, rich or json, not with --statistics or other formats",
    ),
    "no_paths": (
        "没有要检查的路径（请给出文件或文件夹，或 --manifest 清单）",
        "no PATH to check (name files or folders, or give --manifest)",
    ),
    # the progress bar (--progress)
    "checking": ("检查中", "checking"),
    "files_per_second": ("份/秒", "files/s"),
    # --previous
    "previous_folder": ("上年报告应是一个文件，不是文件夹", "last year's report must be a file, not a folder"),
    # {reason}: the read error, in the same language
    "previous_unreadable": ("上年报告无法读取：{reason}", "last year's report could not be read: {reason}"),
    "cannot_write": ("无法写入（{reason}）", "cannot be written ({reason})"),
    "binary_needs_file": (
        "--format {format} 输出的是文件，请用 -o 指定文件名",
        "--format {format} writes a file: give -o FILE",
    ),
    # explain with an unknown rule: no_rule, then did_you_mean or known_rules as {hint}
    "no_rule": ("giocheck: 没有规则 {rule}{hint}", "giocheck: no rule {rule!r}{hint}"),
    "did_you_mean": ("；是否要找 {close}？", "; did you mean {close}?"),
    "known_rules": ("（已有：{known}）", "; known: {known}"),
    # write
    "not_a_file": ("不是文件", "not a file"),
    # {problem}: the first read problem, in the same language
    "not_fully_read": ("表格未能完整读取，不输出：{problem}", "tables not fully read; nothing written: {problem}"),
}
