"""The `giocheck` command: check, show, rules, explain, schema.

Exit codes: 0 no error-level finding, 1 error findings, 2 a file could not be read or the
command was used wrongly. Every failure is one line naming the file; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import attrs

from giocheck.engine.rulefile import RuleSet, default_rules, load_rules
from giocheck.errors import GiocheckError, ReadError, UsageError
from giocheck.limits import Limits
from giocheck.model import AgencyKind, AgencyLevel

if TYPE_CHECKING:
    from giocheck.model import AnnualReport
    from giocheck.runner import FileOutcome, Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
LANGS = ("zh", "en")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="giocheck",
        description="检查政府信息公开工作年度报告的表格与勾稽关系 (check government information disclosure annual reports)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _check_arguments(commands.add_parser("check", help="check report files or folders"))
    _show_arguments(commands.add_parser("show", help="draw the tables as read, as the official grids"))
    _rules_arguments(commands.add_parser("rules", help="list the rules"))
    _explain_arguments(commands.add_parser("explain", help="explain one rule and its basis"))
    commands.add_parser("schema", help="print the JSON Schema of the report model")
    _render_arguments(
        commands.add_parser("render", help="write a report in the standard format (.docx/.html/.pdf/.txt/.json)")
    )
    return parser


def _limit_arguments(sub: argparse.ArgumentParser) -> None:
    """`--limit NAME=VALUE` (giocheck/limits.py, docs/guarantees.md) and `--debug`."""
    sub.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="raise or lower one limit on a file, e.g. pdf_pages=1000 (repeatable; docs/guarantees.md)",
    )
    sub.add_argument("--debug", action="store_true", help="on an internal error, print the traceback too")


def _rule_arguments(sub: argparse.ArgumentParser, lang: str | None = "zh") -> None:
    """`--lang` and `--rules`, shared by the commands that load rules."""
    sub.add_argument("--lang", choices=LANGS, default=lang, help="message language (default zh)")
    sub.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder (repeatable)"
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
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
    _selection_arguments(check)
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are error findings (2 still means trouble)"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    check.add_argument(
        "--statistics", action="store_true", help="print counts per rule instead of the findings (text, rich or json)"
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="check files in N worker processes (default: every core; 1: in this process)",
    )
    check.add_argument(
        "--skip-non-reports",
        action="store_true",
        help="pass over files that are clearly no annual report, uncounted (the pre-commit hook)",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="accepted findings file (default: configuration, or giocheck-baseline.toml if present)",
    )
    check.add_argument(
        "--add-baseline", action="store_true", help="accept every current violation into the baseline file"
    )
    check.add_argument("--reason", metavar="TEXT", help="reason written for new baseline entries")
    _report_arguments(check)
    _limit_arguments(check)
    # None: the configuration's language, else zh.
    _rule_arguments(check, lang=None)


def _selection_arguments(check: argparse.ArgumentParser) -> None:
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


def _report_arguments(check: argparse.ArgumentParser) -> None:
    """What the user says about the reports besides the files (giocheck/pairing.py)."""
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="last year's report of the same agency (for the X_ rules)"
    )
    check.add_argument(
        "--published", type=_date, metavar="YYYY-MM-DD", help="publication date of the report (for Y_DEADLINE)"
    )
    check.add_argument(
        "--agency-kind", choices=get_args(AgencyKind), help="the agency is a people's government or a department"
    )
    check.add_argument(
        "--agency-level", choices=get_args(AgencyLevel), help="the agency's level (default: inferred from its name)"
    )


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("path", type=Path, metavar="FILE")
    show.add_argument("--json", action="store_true", help="print the tables as JSON")
    show.add_argument("--lang", choices=LANGS, default="zh", help="language of the grid's words (default zh)")
    _limit_arguments(show)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--markdown", action="store_true", help="print the rule catalogue as Markdown (docs/rules.md)")
    _rule_arguments(rules)


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule_id", metavar="RULE_ID")
    _rule_arguments(explain)


def _render_arguments(render: argparse.ArgumentParser) -> None:
    render.add_argument("data", type=Path, metavar="DATA", help="a report file of any readable kind, or JSON/YAML data")
    render.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="output file; its suffix says the kind"
    )
    render.add_argument("--lang", choices=LANGS, default="zh")
    _limit_arguments(render)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    _safe_streams()
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
    except Exception as error:  # the last resort: one line, exit 2, never exit 1
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exc()
        kind = type(error).__name__
        print(
            f"giocheck: 内部错误（{kind}），请将所用文件与命令报告给维护者；--debug 显示详情"
            if (getattr(args, "lang", None) or "zh") == "zh"
            else f"giocheck: internal error ({kind}); please report the files and command to the maintainers; "
            "--debug shows the details",
            file=sys.stderr,
        )
        return EXIT_TROUBLE


def _safe_streams() -> None:
    """Whatever a report holds (a lone surrogate from JSON data, a name that is no UTF-8), what
    giocheck prints is valid UTF-8: characters that cannot be encoded are written escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot be changed keeps its own handling
                reconfigure(errors="backslashreplace")


def _use_limits(args: argparse.Namespace, configured: Limits | None = None) -> None:
    """Put the limits in effect: the configuration's, with `--limit` settings over them."""
    from giocheck.limits import set_limits, with_settings

    set_limits(with_settings(configured or Limits(), args.limit))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return value


def _ruleset(args: argparse.Namespace) -> RuleSet:
    return load_rules(args.rules) if args.rules else default_rules()


def _check(args: argparse.Namespace) -> int:
    from giocheck.baseline import find_baseline
    from giocheck.config import configured_rules, resolve_config, split_selectors, with_overrides
    from giocheck.pairing import ReportOptions
    from giocheck.runner import check_paths, summarise

    if args.statistics and args.format in ("sarif", "github", "junit"):
        # Counts per rule have no SARIF, annotation or JUnit form: say so rather than print a text table.
        raise UsageError(
            f"--statistics works with --format text, rich or json, not {args.format}"
            if args.lang == "en"
            else f"--statistics 只能输出 text、rich 或 json，不能与 --format {args.format} 同用"
        )
    config = with_overrides(
        resolve_config(args.config, Path.cwd()),
        select=split_selectors(args.select) if args.select else None,
        ignore=split_selectors(args.ignore) if args.ignore else None,
        extend_select=split_selectors(args.extend_select),
        lang=args.lang,
    )
    args.lang = config.lang or "zh"
    _use_limits(args, config.limits)
    rules = configured_rules(config, args.rules)
    options = ReportOptions(
        published=args.published or config.published,
        agency_kind=args.agency_kind or config.agency.kind,
        agency_level=args.agency_level or config.agency.level,
        agency_name=config.agency.name,
    )
    previous = _previous(args.previous) if args.previous is not None else None
    from giocheck.execution import default_jobs

    output = args.format or ("rich" if sys.stdout.isatty() else "text")
    with _progress(args, output) as progress:
        outcomes = check_paths(
            args.paths,
            rules,
            options,
            previous,
            skip_non_reports=args.skip_non_reports,
            jobs=args.jobs or default_jobs(),
            progress=progress,
        )
    notes: list[tuple[str, str]] = []
    home = config.source.parent if config.source is not None else Path.cwd()
    baseline_path = args.baseline or find_baseline(config.baseline, home, creating=args.add_baseline)
    if baseline_path is not None:
        outcomes, notes = _with_baseline(args, baseline_path, outcomes)
    summary = summarise(outcomes)
    _emit(args, outcomes, summary, rules, notes)
    if args.exit_zero and summary.exit_code == EXIT_FINDINGS:
        return EXIT_CLEAN
    return summary.exit_code


@contextmanager
def _progress(args: argparse.Namespace, output: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error for a person at a terminal (never for machine formats,
    `--quiet` or output that is not a terminal); None otherwise."""
    if args.quiet or output not in ("rich", "text") or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from giocheck.render.console import make_console

    label = "检查中" if args.lang == "zh" else "checking"
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=make_console(sys.stderr),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, rate="")
        started = time.monotonic()

        def advance(done: int, total: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            unit = "份/秒" if args.lang == "zh" else "files/s"
            bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f} {unit}")

        yield advance


def _previous(path: Path) -> AnnualReport:
    """Last year's report (`--previous`), read once for every file; if it cannot be read, nothing is checked."""
    from giocheck.api import load

    if path.is_dir():
        raise ReadError(
            str(path), "上年报告应是一个文件，不是文件夹", "last year's report must be a file, not a folder"
        )
    try:
        return load(path)
    except ReadError as error:
        raise ReadError(
            str(path), f"上年报告无法读取：{error.zh}", f"last year's report could not be read: {error.en}"
        ) from None


def _with_baseline(
    args: argparse.Namespace, path: Path, outcomes: list[FileOutcome]
) -> tuple[list[FileOutcome], list[tuple[str, str]]]:
    """Outcomes with the baseline's accepted findings moved aside, and its unused entries as notes."""
    from giocheck.baseline import use_baseline

    used = use_baseline(path, outcomes, args.lang, add=args.add_baseline, reason=args.reason, today=date.today())
    if used.written:
        print(f"giocheck: {used.written}", file=sys.stderr)
    return used.outcomes, used.notes


def _emit(
    args: argparse.Namespace,
    outcomes: list[FileOutcome],
    summary: Summary,
    rules: RuleSet,
    notes: list[tuple[str, str]],
) -> None:
    output = args.format or ("rich" if sys.stdout.isatty() else "text")
    run = _Run(outcomes, summary, rules, notes, args.lang, args.quiet)
    if args.statistics:
        from giocheck.render.statistics import render_statistics

        render_statistics(sys.stdout, sys.stderr, run.outcomes, summary, run.lang, run.note_lines, output == "json")
    else:
        _RENDERERS[output](run)


@attrs.frozen
class _Run:
    """What a `check` run hands to its output format."""

    outcomes: list[FileOutcome]
    summary: Summary
    rules: RuleSet
    notes: list[tuple[str, str]]  # (file, message): unused baseline entries
    lang: str
    quiet: bool

    @property
    def note_lines(self) -> list[str]:
        """The notes as `file: message` lines."""
        return [f"{path}: {note}" for path, note in self.notes]


def _rich(run: _Run) -> None:
    from giocheck.render.console import make_console, render_outcomes

    render_outcomes(make_console(), run.outcomes, run.summary, run.lang, run.quiet, run.note_lines)


def _text(run: _Run) -> None:
    from giocheck.render.text import render_text

    render_text(sys.stdout, run.outcomes, run.summary, run.lang, run.quiet, run.note_lines)


def _json(run: _Run) -> None:
    from giocheck.render.json import check_json

    _print_json(check_json(run.outcomes, run.summary, run.notes, run.lang))


def _sarif(run: _Run) -> None:
    from giocheck.render.sarif import sarif_log

    _print_json(sarif_log(run.outcomes, run.rules, run.lang, run.notes))


def _github(run: _Run) -> None:
    from giocheck.render.github import github_lines

    for line in github_lines(run.outcomes, run.lang, run.quiet, run.notes):
        print(line)


def _junit(run: _Run) -> None:
    from giocheck.render.junit import junit_xml

    sys.stdout.write(junit_xml(run.outcomes, run.lang))


# `--format` → renderer; each imports its module only when chosen, so start-up stays light.
_RENDERERS: dict[str, Callable[[_Run], None]] = {
    "rich": _rich,
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
}
CHECK_FORMATS = tuple(_RENDERERS)


def _print_json(document: object) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))


def _show(args: argparse.Namespace) -> int:
    from giocheck.api import load

    _use_limits(args)
    report = load(args.path)  # a missing file, broken link, folder or `-` (stdin): the reader says
    if args.json:
        from giocheck.render.json import report_json

        _print_json(report_json(report))
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

    _print_json(AnnualReport.model_json_schema())
    return EXIT_CLEAN


def _render(args: argparse.Namespace) -> int:
    from giocheck.api import load
    from giocheck.writers.output import render_file

    _use_limits(args)
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
