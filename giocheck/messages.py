"""Words of the command line that are not rule messages, in Chinese and English, and the language.

The command's `--help` is written in English in `giocheck/cli.py` (so the code reads the same
for everyone) and shown in Chinese from `HELP_ZH` unless the language is English; a test walks
every subcommand and fails on a help text with no translation here.

The language: `--lang`, then the configuration's `lang`, then `GIOCHECK_LANG`, else Chinese.
`LANG` is not read: many Chinese servers run `en_US.UTF-8`.
"""

from __future__ import annotations

import argparse
import copy
import os
from collections.abc import Iterable, Sequence

LANGS = ("zh", "en")
ENVIRONMENT = "GIOCHECK_LANG"

# argparse's own words (its gettext strings), then giocheck's help texts, English → Chinese.
HELP_ZH: dict[str, str] = {
    "address to listen on (default 127.0.0.1: this machine only)": "监听的地址（默认 127.0.0.1：仅本机）",
    "check --format json file, or reports to check": "check --format json 的输出文件，或要检查的报告",
    "largest upload (default 20 MB)": "上传文件的大小上限（默认 20 MB）",
    "list of the reports (path, agency, published, kind, level, URL): per-file dates and agencies; with no PATH, its files are checked": "报告清单（路径、机关、发布日期、机关类型、层级、网址）：逐个文件的日期和机关；不给路径时检查清单中的文件",
    "on an internal error, print the traceback too": "遇到内部错误时同时输出调用栈",
    "output format (default text)": "输出格式（默认 text）",
    "port (default 8000)": "端口（默认 8000）",
    "print files in the order found (default) or as they finish; JSON, SARIF and JUnit are always in order": "按找到的顺序（默认）或按完成的先后输出各文件；JSON、SARIF 和 JUnit 总按顺序",
    "print one row per agency and year, worst first (text, rich or json), with duplicates and missing reports": "每个机关每个年度一行，问题最多的在前（text、rich 或 json），并列出重复和缺报",
    "print the JSON Schema of the report model or of check's JSON": "输出报告模型或 check JSON 输出的 JSON Schema",
    "raise or lower one limit on a file, e.g. pdf_pages=1000 (repeatable; docs/guarantees.md)": "调整对单个文件的某项限制，如 pdf_pages=1000（可重复；见 docs/guarantees.md）",
    "read every file again, ignoring the result cache": "不用结果缓存，重新读取每个文件",
    "report files or folders (none: the manifest's files)": "报告文件或文件夹（不给：检查清单中的文件）",
    "report: the report model (show --json); check: check --format json": "report：报告模型（show --json）；check：check --format json 的输出",
    "requests that may wait for a worker (default 32; more: 503)": "可排队等待的请求数（默认 32；超过时返回 503）",
    "serve the check page and the JSON API (extra giocheck[serve]; docs/serve.md)": "提供检查网页和 JSON 接口（需安装 giocheck[serve]；见 docs/serve.md）",
    "stop checking a file after this many seconds (default 60, or the configuration's time-budget; 0: no limit)": "单个文件检查超过此秒数即停止（默认 60，或配置中的 time-budget；0 为不限）",
    "store each upload and its result in DIR (default: nothing stored)": "把每次上传的文件及结果保存到 DIR（默认不保存）",
    "time budget to check one upload (default 60)": "检查一个上传文件的时限（秒，默认 60）",
    "worker processes checking files (default: every core)": "检查文件的进程数（默认：全部核心）",
    "worker processes to check folders": "检查文件夹所用的进程数",
    "write the output to FILE (needed for xlsx on a terminal)": "把输出写入 FILE（在终端输出 xlsx 时必须）",
    "year over year: new, fixed and persisting findings per agency": "逐年对比：每个机关新增、已改正和仍存在的问题",
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "check government information disclosure annual reports: their tables, relations and text": (
        "检查政府信息公开工作年度报告：表格、勾稽关系与正文"
    ),
    "print the version and exit": "显示版本并退出",
    "check report files or folders": "检查报告文件或文件夹",
    "draw the tables as read, as the official grids": "按官方表格样式画出读到的表格",
    "list the rules": "列出规则",
    "explain one rule and its basis": "解释一条规则及其依据",
    "print the JSON Schema of the report model": "输出报告数据模型的 JSON Schema",
    "write a report in the standard format (.docx/.html/.pdf/.txt/.json)": (
        "按标准格式写出报告（.docx/.html/.pdf/.txt/.json）"
    ),
    "output format (default: rich on a terminal, else text)": "输出格式（默认：终端上为 rich，否则为 text）",
    "configuration file (default: nearest giocheck.toml or pyproject.toml [tool.giocheck])": (
        "配置文件（默认：最近的 giocheck.toml 或 pyproject.toml 的 [tool.giocheck]）"
    ),
    "rule ids or prefixes to check, comma-separated (replaces the configuration's)": (
        "要检查的规则编号或前缀，用逗号分隔（取代配置中的设置）"
    ),
    "rule ids or prefixes to skip (replaces the configuration's)": "要跳过的规则编号或前缀（取代配置中的设置）",
    "rule ids or prefixes to add to the selection": "追加检查的规则编号或前缀",
    "exit 0 even when there are error findings (2 still means trouble)": ("有错误时也以 0 退出（无法检查时仍为 2）"),
    "print only errors and the summary": "只输出错误和汇总",
    "print counts per rule instead of the findings (text, rich or json)": (
        "按规则输出计数而不是逐条问题（text、rich 或 json）"
    ),
    "check files in N worker processes (default: every core; 1: in this process)": (
        "用 N 个进程检查文件（默认：每个处理器核一个；1：在本进程内）"
    ),
    "pass over files that are clearly no annual report, uncounted (the pre-commit hook)": (
        "跳过明显不是年度报告的文件，不计数（用于 pre-commit 钩子）"
    ),
    "accepted findings file (default: configuration, or giocheck-baseline.toml if present)": (
        "已接受问题的基线文件（默认：配置中的设置，或已有的 giocheck-baseline.toml）"
    ),
    "accept every current violation into the baseline file": "把当前所有问题记入基线文件",
    "reason written for new baseline entries": "写入新基线条目的理由",
    "last year's report of the same agency (for the X_ rules)": "同一机关上一年度的报告（用于 X_ 规则）",
    "publication date of the report (for Y_DEADLINE)": "报告的发布日期（用于 Y_DEADLINE）",
    "the agency is a people's government or a department": "机关是人民政府还是部门",
    "the agency's level (default: inferred from its name)": "机关的层级（默认：由名称推断）",
    "message language (default zh)": "输出语言（默认 zh 中文）",
    "extra rule file or folder (repeatable)": "追加的规则文件或文件夹（可重复）",
    "print the tables as JSON": "以 JSON 输出表格",
    "language of the grid's words (default zh)": "表格文字的语言（默认 zh 中文）",
    "print the rule catalogue as Markdown (docs/rules.md)": "以 Markdown 输出规则目录（docs/rules.md）",
    "a report file of any readable kind, or JSON/YAML data": "任一可读格式的报告文件，或 JSON/YAML 数据",
    "output file; its suffix says the kind": "输出文件；由后缀决定格式",
    "language of the written report's words (default zh)": "所写报告文字的语言（默认 zh 中文）",
    "report files or folders": "报告文件或文件夹",
    "a report file": "一个报告文件",
    "a rule's id, e.g. T3_BALANCE": "规则编号，如 T3_BALANCE",
    "a rule id or name, in any case (T3_BALANCE, t3-application-balance)": "规则编号或名称，不分大小写（T3_BALANCE、t3-application-balance）",
    "print the rule as JSON": "以 JSON 输出规则说明",
}


def help_text(text: str, lang: str) -> str:
    """`text` (an English help text) in `lang`; an untranslated text stays English."""
    return HELP_ZH.get(text, text) if lang == "zh" else text


def requested_language(argv: Sequence[str]) -> str | None:
    """The `--lang` given on the command line, if any (read before argparse, for `--help`)."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
            return value if value in LANGS else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
            return value if value in LANGS else None
    return None


def environment_language() -> str | None:
    """`GIOCHECK_LANG` when it is `zh` or `en` (`zh_CN.UTF-8` counts as `zh`); `LANG` is ignored."""
    value = os.environ.get(ENVIRONMENT, "").strip().lower()
    short = value[:2]
    return short if short in LANGS else None


def language(given: str | None, configured: str | None) -> str:
    """The language to speak: `--lang`, then the configuration, then `GIOCHECK_LANG`, else zh."""
    return given or configured or environment_language() or "zh"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with every heading and help text in the language of `lang`."""

    lang = "zh"

    def start_section(self, heading: str | None) -> None:
        """A section heading (`options` …) in the language."""
        super().start_section(None if heading is None else help_text(heading, self.lang))

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        """`usage:` in the language."""
        super().add_usage(usage, actions, groups, help_text("usage: ", self.lang) if prefix is None else prefix)

    def _format_text(self, text: str) -> str:
        return super()._format_text(help_text(text, self.lang))

    def _expand_help(self, action: argparse.Action) -> str:
        if action.help:
            action = copy.copy(action)
            action.help = help_text(str(action.help), self.lang)
        return super()._expand_help(action)


def formatter(lang: str) -> type[HelpFormatter]:
    """A `HelpFormatter` class speaking `lang` (argparse wants a class)."""
    return type(f"HelpFormatter_{lang}", (HelpFormatter,), {"lang": lang})
