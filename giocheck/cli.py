"""The `giocheck` command: check, show, rules, explain, schema.

Exit codes: 0 no error-level finding, 1 error findings, 2 a file could not be read or the
command was used wrongly. Every failure is one line naming the file; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from giocheck.engine.rulefile import RuleSet, default_rules, load_rules
from giocheck.errors import GiocheckError, ReadError

if TYPE_CHECKING:
    from giocheck.runner import FileOutcome, Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
CHECK_FORMATS = ("rich", "text", "json", "sarif", "github", "junit")
DEFAULT_BASELINE = "giocheck-baseline.toml"


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
    check.add_argument(
        "--format", choices=CHECK_FORMATS, default=None, help="output format (default: rich on a terminal, else text)"
    )
    check.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="configuration file (default: nearest giocheck.toml or pyproject.toml [tool.giocheck])",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="IDS",
        help="rule ids or prefixes to check, comma-separated (replaces the configuration's)",
    )
    check.add_argument(
        "--ignore", action="append", metavar="IDS", help="rule ids or prefixes to skip (replaces the configuration's)"
    )
    check.add_argument(
        "--extend-select",
        action="append",
        default=[],
        metavar="IDS",
        help="rule ids or prefixes to add to the selection",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are error findings (2 still means trouble)"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of the findings")
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help=f"accepted findings file (default: configuration, or {DEFAULT_BASELINE} if present)",
    )
    check.add_argument(
        "--add-baseline", action="store_true", help="accept every current violation into the baseline file"
    )
    check.add_argument("--reason", metavar="TEXT", help="reason written for new baseline entries")
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="last year's report of the same agency (for the X_ rules)"
    )
    check.add_argument(
        "--published", type=_date, metavar="YYYY-MM-DD", help="publication date of the report (for Y_DEADLINE)"
    )
    check.add_argument(
        "--agency-kind",
        choices=("government", "department"),
        help="the agency is a people's government or a department",
    )
    check.add_argument(
        "--agency-level",
        choices=("state_council_department", "province", "city", "county", "township"),
        help="the agency's level (default: inferred from its name)",
    )
    common(check)
    check.set_defaults(lang=None)  # None: the configuration's language, else zh

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

    render = commands.add_parser("render", help="write a report in the standard format (.docx/.html/.pdf/.txt/.json)")
    render.add_argument("data", type=Path, metavar="DATA", help="a report file of any readable kind, or JSON/YAML data")
    render.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="output file; its suffix says the kind"
    )
    render.add_argument("--lang", choices=("zh", "en"), default="zh")
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
        handler = {
            "check": _check,
            "show": _show,
            "rules": _rules,
            "explain": _explain,
            "schema": _schema,
            "render": _render,
        }[args.command]
        return handler(args)
    except GiocheckError as error:
        print(f"giocheck: {error.message(getattr(args, 'lang', None) or 'zh')}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_TROUBLE


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _ruleset(args: argparse.Namespace) -> RuleSet:
    return load_rules(args.rules) if args.rules else default_rules()


def _check(args: argparse.Namespace) -> int:
    import attrs

    from giocheck.config import configured_rules, resolve_config, split_selectors, with_overrides
    from giocheck.pairing import ReportOptions
    from giocheck.runner import check_paths, summarise

    config = with_overrides(
        resolve_config(args.config, Path.cwd()),
        select=split_selectors(args.select) if args.select else None,
        ignore=split_selectors(args.ignore) if args.ignore else None,
        extend_select=split_selectors(args.extend_select),
        lang=args.lang,
    )
    args.lang = config.lang or "zh"
    rules = configured_rules(config, args.rules)
    options = ReportOptions(
        previous=args.previous,
        published=args.published,
        agency_kind=args.agency_kind or config.agency.kind,
        agency_level=args.agency_level or config.agency.level,
    )
    if args.previous is not None and not args.previous.is_file():
        raise ReadError(str(args.previous), "上年报告文件不存在", "last year's report: no such file")
    outcomes = [attrs.evolve(o, agency=config.agency) for o in check_paths(args.paths, rules, options)]
    notes: list[tuple[str, str]] = []
    home = config.source.parent if config.source is not None else Path.cwd()
    baseline_path = args.baseline or config.baseline
    if baseline_path is None and (args.add_baseline or (home / DEFAULT_BASELINE).is_file()):
        baseline_path = home / DEFAULT_BASELINE
    if baseline_path is not None:
        from giocheck import baseline

        current = baseline.load_baseline(baseline_path, missing_ok=args.add_baseline)
        if args.add_baseline:
            current = baseline.updated(current, outcomes, args.reason or baseline.DEFAULT_REASON)
            baseline.write_baseline(current, protected=[o.path for o in outcomes])
            written = (
                f"基线已写入 {baseline_path}（{len(current.entries)} 条）"
                if args.lang == "zh"
                else (f"baseline written to {baseline_path} ({len(current.entries)} entries)")
            )
            print(f"giocheck: {written}", file=sys.stderr)
        applied = baseline.apply_baseline(outcomes, current, date.today())
        outcomes = applied.outcomes
        notes = [(str(baseline_path), baseline.unused_message(e, args.lang)) for e in applied.unused]
    summary = summarise(outcomes)
    _emit(args, outcomes, summary, rules, notes)
    if args.exit_zero and summary.exit_code == EXIT_FINDINGS:
        return EXIT_CLEAN
    return summary.exit_code


def _emit(
    args: argparse.Namespace,
    outcomes: list[FileOutcome],
    summary: Summary,
    rules: RuleSet,
    notes: list[tuple[str, str]],
) -> None:
    lang: str = args.lang
    output = args.format or ("rich" if sys.stdout.isatty() else "text")
    if args.statistics:
        from giocheck.render.statistics import rule_counts, statistics_json, statistics_lines

        counts = rule_counts(outcomes)
        if output == "json":
            print(json.dumps(statistics_json(counts), ensure_ascii=False, indent=2))
        else:
            print("\n".join(statistics_lines(counts, lang)))
    elif output == "sarif":
        from giocheck.render.sarif import sarif_log

        print(json.dumps(sarif_log(outcomes, rules, lang, notes), ensure_ascii=False, indent=2))
    elif output == "github":
        from giocheck.render.github import github_lines

        for line in github_lines(outcomes, lang, args.quiet, notes):
            print(line)
    elif output == "junit":
        from giocheck.render.junit import junit_xml

        sys.stdout.write(junit_xml(outcomes, lang))
    elif output == "text":
        from giocheck.render.text import render_text

        render_text(sys.stdout, outcomes, summary, lang, args.quiet, [f"{path}: {note}" for path, note in notes])
    elif output == "json":
        from giocheck.render.json import file_json, finding_json

        document = {
            "files": [
                {
                    **file_json(o.path, o.result, o.error(lang), lang),
                    "accepted": [
                        {
                            **finding_json(a.finding, lang),
                            "reason": a.reason,
                            "expires": a.expires and a.expires.isoformat(),
                        }
                        for a in o.accepted
                    ],
                }
                for o in outcomes
            ],
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
            "baseline_unused": [{"file": path, "message": note} for path, note in notes],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        from giocheck.render.console import make_console, render_outcomes

        render_outcomes(
            make_console(), outcomes, summary, lang, args.quiet, [f"{path}: {note}" for path, note in notes]
        )


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


def _render(args: argparse.Namespace) -> int:
    from giocheck.api import load
    from giocheck.writers.output import render_file

    if not args.data.is_file():
        raise ReadError(str(args.data), "不是文件", "not a file")
    report = load(args.data)
    if report.problems:
        # Rendering a half-read report would print blanks where the file has numbers.
        first = report.problems[0]
        raise ReadError(
            str(args.data),
            f"表格未能完整读取，不输出：{first.message_zh}",
            f"tables not fully read; nothing written: {first.message_en}",
        )
    render_file(report, args.data, args.output)
    return EXIT_CLEAN
