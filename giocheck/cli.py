"""The `giocheck` command: check, show, rules, explain, schema.

Exit codes: 0 no error-level finding, 1 error findings, 2 a file could not be read or the
command was used wrongly. Every failure is one line naming the file; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from giocheck.engine.rulefile import RuleSet, default_rules, load_rules
from giocheck.errors import GiocheckError, ReadError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="giocheck",
        description="检查政府信息公开工作年度报告的表格与勾稽关系 (check government information disclosure annual reports)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language (default zh)")
        sub.add_argument(
            "--rules",
            action="append",
            type=Path,
            default=[],
            metavar="PATH",
            help="extra rule file or folder (repeatable)",
        )

    check = commands.add_parser("check", help="check report files or folders")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument("--format", choices=("rich", "json"), default="rich", help="output format (default rich)")
    common(check)

    show = commands.add_parser("show", help="draw the tables as read, as the official grids")
    show.add_argument("path", type=Path, metavar="FILE")
    show.add_argument("--json", action="store_true", help="print the tables as JSON")
    show.add_argument("--lang", choices=("zh", "en"), default="zh")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--markdown", action="store_true", help="print the rule catalogue as Markdown (docs/rules.md)")
    common(rules)

    explain = commands.add_parser("explain", help="explain one rule and its basis")
    explain.add_argument("rule_id", metavar="RULE_ID")
    common(explain)

    commands.add_parser("schema", help="print the JSON Schema of the report model")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.version:
        from giocheck import __version__

        print(f"giocheck {__version__}")
        return EXIT_CLEAN
    if args.command is None:
        _parser().print_help()
        return EXIT_TROUBLE
    try:
        handler = {"check": _check, "show": _show, "rules": _rules, "explain": _explain, "schema": _schema}[
            args.command
        ]
        return handler(args)
    except GiocheckError as error:
        print(f"giocheck: {error.message(getattr(args, 'lang', 'zh'))}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_TROUBLE


def _ruleset(args: argparse.Namespace) -> RuleSet:
    return load_rules(args.rules) if args.rules else default_rules()


def _check(args: argparse.Namespace) -> int:
    from giocheck.runner import check_paths, summarise

    rules = _ruleset(args)
    outcomes = check_paths(args.paths, rules)
    summary = summarise(outcomes)
    if args.format == "json":
        from giocheck.render.json import file_json

        document = {
            "files": [file_json(o.path, o.result, o.error(args.lang), args.lang) for o in outcomes],
            "summary": {
                "files": summary.files,
                "clean": summary.clean,
                "with_errors": summary.with_errors,
                "unreadable": summary.unreadable,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "not_assessable": summary.not_assessable,
                "exit_code": summary.exit_code,
            },
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        from giocheck.render.console import make_console, render_outcomes

        render_outcomes(make_console(), outcomes, summary, args.lang)
    return summary.exit_code


def _show(args: argparse.Namespace) -> int:
    from giocheck.api import load

    if not args.path.is_file():
        raise ReadError(str(args.path), "不是文件", "not a file")
    report = load(args.path)
    if args.json:
        from giocheck.render.json import report_json

        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        from giocheck.render.console import make_console
        from giocheck.render.grid import render_report

        render_report(make_console(), report, args.lang)
    return EXIT_TROUBLE if report.problems else EXIT_CLEAN


def _rules(args: argparse.Namespace) -> int:
    rules = _ruleset(args)
    if args.markdown:
        from giocheck.render.catalogue import markdown_catalogue

        sys.stdout.write(markdown_catalogue(rules))
        return EXIT_CLEAN
    from giocheck.render.catalogue import render_rules
    from giocheck.render.console import make_console

    render_rules(make_console(), rules, args.lang)
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    rules = _ruleset(args)
    found = rules.get(args.rule_id.upper())
    if not found:
        known = ", ".join(sorted({r.id for r in rules.rules}))
        print(f"giocheck: 没有规则 {args.rule_id}（已有：{known}）", file=sys.stderr)
        return EXIT_TROUBLE
    from giocheck.render.catalogue import render_explain
    from giocheck.render.console import make_console

    render_explain(make_console(), found, args.lang)
    return EXIT_CLEAN


def _schema(args: argparse.Namespace) -> int:
    from giocheck.model import AnnualReport

    print(json.dumps(AnnualReport.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_CLEAN
