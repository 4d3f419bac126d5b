"""The `giocheck` command: check, show, rules, explain, schema, render, compare.

Exit codes: 0 no error-level finding, 1 error findings, 2 a file could not be read or the
command was used wrongly. Every failure is one line naming the file; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, get_args

import attrs

from giocheck.choices import AgencyKind, AgencyLevel
from giocheck.errors import GiocheckError, ReadError, UsageError
from giocheck.filekind import refuse_special
from giocheck.messages import LANGS, formatter, language, requested_language
from giocheck.serve.command import serve_arguments
from giocheck.words import pair, say

if TYPE_CHECKING:
    from giocheck.checkjson import DuplicateJSON
    from giocheck.engine.rulefile import RuleSet
    from giocheck.limits import Limits
    from giocheck.manifest import Manifest
    from giocheck.model import AnnualReport
    from giocheck.render.sheets import Export
    from giocheck.runner import FileOutcome, Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2


def _parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The command's arguments; `--help` speaks `lang` (texts from `giocheck.messages`)."""
    speaking = formatter(lang)
    parser = argparse.ArgumentParser(
        prog="giocheck",
        description="check government information disclosure annual reports: their tables, relations and text",
        formatter_class=speaking,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subparser = functools.partial(argparse.ArgumentParser, formatter_class=speaking)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=subparser)  # type: ignore[call-overload]
    _check_arguments(commands.add_parser("check", help="check report files or folders"))
    _show_arguments(commands.add_parser("show", help="draw the tables as read, as the official grids"))
    _rules_arguments(commands.add_parser("rules", help="list the rules"))
    _explain_arguments(commands.add_parser("explain", help="explain one rule and its basis"))
    schema = commands.add_parser("schema", help="print the JSON Schema of the report model or of check's JSON")
    schema.add_argument(
        "--output",
        choices=("report", "check"),
        default="report",
        help="report: the report model (show --json); check: check --format json",
    )
    _compare_arguments(
        commands.add_parser("compare", help="year over year: new, fixed and persisting findings per agency")
    )
    _render_arguments(
        commands.add_parser("render", help="write a report in the standard format (.docx/.html/.pdf/.txt/.json)")
    )
    serve = commands.add_parser(
        "serve", help="serve the check page and the JSON API (extra giocheck[serve]; docs/serve.md)"
    )
    serve_arguments(serve)
    _limit_arguments(serve)
    _rule_arguments(serve)
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


def _rule_arguments(sub: argparse.ArgumentParser, lang: str | None = None) -> None:
    """`--lang` and `--rules`, shared by the commands that load rules."""
    sub.add_argument("--lang", choices=LANGS, default=lang, help="message language (default zh)")
    sub.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder (repeatable)"
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="report files or folders (none: the manifest's files)"
    )
    check.add_argument(
        "--format", choices=CHECK_FORMATS, default=None, help="output format (default: rich on a terminal, else text)"
    )
    check.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the output to FILE (needed for xlsx on a terminal)"
    )
    check.add_argument(
        "--summary",
        action="store_true",
        help="print one row per agency and year, worst first (text, rich or json), with duplicates and missing reports",
    )
    check.add_argument(
        "--manifest",
        type=Path,
        metavar="CSV",
        help="list of the reports (path, agency, published, kind, level, URL): per-file dates and agencies; "
        "with no PATH, its files are checked",
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
        "--time-budget",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="stop checking a file after this many seconds (default 60, or the configuration's time-budget; 0: no limit)",
    )
    check.add_argument(
        "--order",
        choices=("stable", "finished"),
        default="stable",
        help="print files in the order found (default) or as they finish; JSON, SARIF and JUnit are always in order",
    )
    check.add_argument("--no-cache", action="store_true", help="read every file again, ignoring the result cache")
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
    show.add_argument("path", type=Path, metavar="FILE", help="a report file")
    show.add_argument("--json", action="store_true", help="print the tables as JSON")
    show.add_argument("--lang", choices=LANGS, default=None, help="language of the grid's words (default zh)")
    _limit_arguments(show)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--markdown", action="store_true", help="print the rule catalogue as Markdown (docs/rules.md)")
    _rule_arguments(rules)


def _compare_arguments(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("before", type=Path, metavar="BEFORE", help="check --format json file, or reports to check")
    compare.add_argument("after", type=Path, metavar="AFTER", help="check --format json file, or reports to check")
    compare.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    compare.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N", help="worker processes to check folders")
    _rule_arguments(compare)


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument(
        "rule_id", metavar="RULE", help="a rule id or name, in any case (T3_BALANCE, t3-application-balance)"
    )
    explain.add_argument("--json", action="store_true", help="print the rule as JSON")
    _rule_arguments(explain)


def _render_arguments(render: argparse.ArgumentParser) -> None:
    render.add_argument("data", type=Path, metavar="DATA", help="a report file of any readable kind, or JSON/YAML data")
    render.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="output file; its suffix says the kind"
    )
    render.add_argument(
        "--lang", choices=LANGS, default=None, help="language of the written report's words (default zh)"
    )
    _limit_arguments(render)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    given = requested_language(arguments)
    # The configuration is read only when no --lang decides (its own errors wait for `check`).
    lang = language(given, None if given else _configured_language())
    args = _parser(lang).parse_args(arguments)
    if getattr(args, "lang", lang) is None:
        args.lang = lang
    _safe_streams()
    if args.version:
        from giocheck import __version__

        print(f"giocheck {__version__}")
        return EXIT_CLEAN
    if args.command is None:
        _parser(lang).print_help()
        return EXIT_TROUBLE
    try:
        handler = {
            "check": _check,
            "show": _show,
            "rules": _rules,
            "explain": _explain,
            "schema": _schema,
            "render": _render,
            "compare": _compare,
            "serve": _serve,
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
            say("command.internal_error", getattr(args, "lang", None) or "zh", kind=kind),
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
    from giocheck.limits import default_limits, set_limits, with_settings

    set_limits(with_settings(configured or default_limits(), args.limit))


def _configured_language() -> str | None:
    """The `lang` of the configuration found from here, or None (also when it is broken)."""
    from giocheck.tomlfile import find_config

    try:
        found = find_config(Path.cwd())
        if found is None:  # the defaults, which set no language: the configuration is not imported
            return None
        from giocheck.config import load_config

        return load_config(found).lang
    except GiocheckError:
        return None


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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds (0 or more): {text!r}")
    return value


def _ruleset(args: argparse.Namespace) -> RuleSet:
    # The rules (and with them the engine) are imported by the commands that use them only:
    # `giocheck --help` and `--version` stay light.
    from giocheck.engine.rulefile import default_rules, load_rules

    return load_rules(args.rules) if args.rules else default_rules()


def _check(args: argparse.Namespace) -> int:
    from giocheck.baseline import find_baseline
    from giocheck.config import configured_rules, resolve_config, split_selectors, with_overrides
    from giocheck.pairing import ReportOptions
    from giocheck.runner import iter_paths, summarise

    if args.statistics and args.format in ("sarif", "github", "junit", *_EXPORTS):
        # Counts per rule have no SARIF, annotation or JUnit form: say so rather than print a text table.
        raise UsageError(say("command.statistics_format", args.lang, format=args.format))
    if args.summary and (args.statistics or args.format not in (None, "text", "rich", "json")):
        raise UsageError(say("command.summary_format", args.lang))
    manifest = None
    if args.manifest is not None:
        from giocheck.manifest import load_manifest

        manifest = load_manifest(args.manifest)
        if not args.paths:
            args.paths = manifest.files
    if not args.paths:
        raise UsageError(say("command.no_paths", args.lang))
    config = with_overrides(
        resolve_config(args.config, Path.cwd()),
        select=split_selectors(args.select) if args.select else None,
        ignore=split_selectors(args.ignore) if args.ignore else None,
        extend_select=split_selectors(args.extend_select),
        lang=args.lang,
    )
    args.lang = language(None, config.lang)
    _use_limits(args, config.limits)
    rules = configured_rules(config, args.rules)
    options = ReportOptions(
        published=args.published or config.published,
        agency_kind=args.agency_kind or config.agency.kind,
        agency_level=args.agency_level or config.agency.level,
        agency_name=config.agency.name,
        manifest=manifest,
    )
    previous = _previous(args.previous) if args.previous is not None else None
    from giocheck.cache import ResultCache, rules_version
    from giocheck.execution import DEFAULT_BUDGET, default_jobs

    output = args.format or ("rich" if sys.stdout.isatty() else "text")
    home = config.source.parent if config.source is not None else Path.cwd()
    baseline_path = args.baseline or find_baseline(config.baseline, home, creating=args.add_baseline)
    budget = next(b for b in (args.time_budget, config.time_budget, DEFAULT_BUDGET) if b is not None)
    # Outputs that are lines per file stream: each file is printed as soon as it is done.
    # Not with --summary or a manifest: their duplicates and missing reports need the whole run.
    streaming = (
        baseline_path is None
        and not args.statistics
        and not args.summary
        and manifest is None
        and output in ("text", "rich", "github")
    )
    # A run that holds its outcomes keeps whole reports: the HTML report draws the tables and
    # duplicates compare the texts. A streamed run keeps nothing.
    keep = not streaming
    cache = None if args.no_cache else ResultCache.open(rules_version(rules, f"{options!r} keep={keep}"))
    with _progress(args, output) as progress:
        found = iter_paths(
            args.paths,
            rules,
            options,
            previous,
            skip_non_reports=args.skip_non_reports,
            jobs=args.jobs or default_jobs(),
            progress=progress,
            cache=cache,
            budget=budget or None,
            order=args.order if streaming else "stable",
            keep_reports=keep,
        )
        if streaming:
            summary, hint = _stream(args, output, found)
        else:
            outcomes = list(found)
    if streaming:
        _summary_line(args, output, summary, hint)
    else:
        notes: list[tuple[str, str]] = []
        if baseline_path is not None:
            outcomes, notes = _with_baseline(args, baseline_path, outcomes)
        summary = summarise(outcomes)
        _emit(args, outcomes, summary, rules, notes, manifest)
    if args.exit_zero and summary.exit_code == EXIT_FINDINGS:
        return EXIT_CLEAN
    return summary.exit_code


def _stream(args: argparse.Namespace, output: str, outcomes: Iterator[FileOutcome]) -> tuple[Summary, str | None]:
    """Print each file as it comes (text, rich or GitHub lines); the totals for the summary line
    and the once-per-run hint how to read more about a rule that fired (an error's first)."""
    from giocheck.render.text import explain_hint
    from giocheck.runner import Tally

    tally = Tally()
    hint: str | None = None
    hinted_error = False
    if output == "rich":
        from giocheck.render.console import make_console, render_outcome

        console = make_console(sys.stdout)  # the stream the progress bar prints above
    for outcome in outcomes:
        tally.add(outcome)
        if not args.quiet and not hinted_error and (found := explain_hint([outcome], args.lang)):
            hint, hinted_error = found, bool(outcome.result and outcome.result.errors)
        if output == "rich":
            render_outcome(console, outcome, args.lang, args.quiet)
            continue
        if output == "text":
            from giocheck.render.text import file_lines

            lines = file_lines(outcome, args.lang, args.quiet)
        else:
            from giocheck.render.github import github_lines

            lines = github_lines([outcome], args.lang, args.quiet)
        if lines:
            sys.stdout.write("".join(line + "\n" for line in lines))
            sys.stdout.flush()
    return tally.summary, hint


def _summary_line(args: argparse.Namespace, output: str, summary: Summary, hint: str | None = None) -> None:
    if output == "rich":
        from giocheck.render.console import make_console, summary_line

        console = make_console()
        if hint:
            console.print(hint, style="dim", highlight=False)
        console.print(summary_line(summary, args.lang))
    elif output == "text":
        from giocheck.render.text import summary_text

        if hint:
            print(hint)
        print(summary_text(summary, args.lang))


@contextmanager
def _progress(args: argparse.Namespace, output: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error for a person at a terminal (never for machine formats,
    `--quiet` or output that is not a terminal); None otherwise."""
    if args.quiet or output not in ("rich", "text") or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from giocheck.render.console import make_console

    label = say("command.checking", args.lang)
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
            unit = say("command.files_per_second", args.lang)
            bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f} {unit}")

        yield advance


def _previous(path: Path) -> AnnualReport:
    """Last year's report (`--previous`), read once for every file; if it cannot be read, nothing is checked."""
    from giocheck.api import load

    if path.is_dir():
        raise ReadError(str(path), *pair("command.previous_folder"))
    try:
        return load(path)
    except ReadError as error:
        raise ReadError(
            str(path),
            say("command.previous_unreadable", "zh", reason=error.zh),
            say("command.previous_unreadable", "en", reason=error.en),
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
    manifest: Manifest | None = None,
) -> None:
    from giocheck.coverage import duplicates

    output = args.format or ("rich" if sys.stdout.isatty() and args.output is None else "text")
    found = duplicates(outcomes, rules, args.lang) if len(outcomes) > 1 else []
    missing = manifest.missing(o.path for o in outcomes) if manifest is not None else []
    run = _Run(outcomes, summary, rules, notes, args.lang, args.quiet, found, missing, args.output)
    if args.summary:
        _summary(run, output)
    elif args.statistics:
        from giocheck.render.statistics import render_statistics

        with _opened(run) as out:
            baseline = [f"{path}: {note}" for path, note in run.notes]  # counts per rule: no duplicates
            render_statistics(out, sys.stderr, run.outcomes, summary, run.lang, baseline, output == "json")
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
    duplicates: list[DuplicateJSON] = attrs.field(factory=list)
    missing: list[str] = attrs.field(factory=list)  # agencies of the manifest without a report
    output: Path | None = None  # `-o FILE`

    @property
    def note_lines(self) -> list[str]:
        """The notes as `file: message` lines, then duplicates and missing reports."""
        from giocheck.render.summary import extra_lines

        return [f"{path}: {note}" for path, note in self.notes] + extra_lines(self.duplicates, self.missing, self.lang)

    @property
    def export(self) -> Export:
        """What the spreadsheet, CSV and HTML report are drawn from."""
        from giocheck import __version__
        from giocheck.checkjson import rules_version
        from giocheck.render.sheets import Export

        versions = (__version__, rules_version(self.rules))
        return Export(self.outcomes, self.rules, self.lang, self.duplicates, self.missing, versions)


@contextmanager
def _opened(run: _Run) -> Iterator[TextIO]:
    """Standard output, or the `-o` file (UTF-8)."""
    if run.output is None:
        yield sys.stdout
        return
    refuse_special(run.output, ReadError, writing=True)  # opening a FIFO to write waits for a reader
    try:
        with run.output.open("w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as error:
        raise ReadError(str(run.output), *pair("command.cannot_write", reason=error.strerror)) from None


def _write(run: _Run, text: str) -> None:
    with _opened(run) as out:
        out.write(text)


def _summary(run: _Run, output: str) -> None:
    from giocheck.render.summary import render_summary, summary_json

    if output == "json":
        document = summary_json(run.outcomes, run.export.versions, run.duplicates, run.missing, run.lang)
        _write(run, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    with _opened(run) as out:
        render_summary(out, run.outcomes, run.lang, output == "rich" and run.output is None, run.note_lines)


def _rich(run: _Run) -> None:
    from giocheck.render.console import make_console, render_outcomes

    with _opened(run) as out:
        render_outcomes(make_console(out), run.outcomes, run.summary, run.lang, run.quiet, run.note_lines)


def _text(run: _Run) -> None:
    from giocheck.render.text import render_text

    with _opened(run) as out:
        render_text(out, run.outcomes, run.summary, run.lang, run.quiet, run.note_lines)


def _json(run: _Run) -> None:
    from giocheck.render.json import check_json

    document = check_json(run.outcomes, run.summary, run.notes, run.lang, run.rules, run.duplicates, run.missing)
    _write(run, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _sarif(run: _Run) -> None:
    from giocheck.render.sarif import sarif_log

    _write(
        run, json.dumps(sarif_log(run.outcomes, run.rules, run.lang, run.notes), ensure_ascii=False, indent=2) + "\n"
    )


def _github(run: _Run) -> None:
    from giocheck.render.github import github_lines

    _write(run, "".join(line + "\n" for line in github_lines(run.outcomes, run.lang, run.quiet, run.notes)))


def _junit(run: _Run) -> None:
    from giocheck.render.junit import junit_xml

    _write(run, junit_xml(run.outcomes, run.lang, run.rules))


def _export(name: str) -> Callable[[_Run], None]:
    """A renderer of giocheck/render/exports.py: bytes to `-o FILE`, or to standard output when
    it is no terminal (a spreadsheet is never printed on a terminal)."""

    def render(run: _Run) -> None:
        from giocheck.render.exports import EXPORTS

        data = EXPORTS[name].render(run.export)
        if run.output is not None:
            refuse_special(run.output, ReadError, writing=True)
            try:
                run.output.write_bytes(data)
            except OSError as error:
                raise ReadError(str(run.output), *pair("command.cannot_write", reason=error.strerror)) from None
        elif EXPORTS[name].binary and sys.stdout.isatty():
            raise UsageError(say("command.binary_needs_file", run.lang, format=name))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()

    return render


# The formats of giocheck/render/exports.py (spreadsheet, CSV, HTML page), by name.
_EXPORTS = ("xlsx", "csv", "html")
# `--format` → renderer; each imports its module only when chosen, so start-up stays light.
_RENDERERS: dict[str, Callable[[_Run], None]] = {
    "rich": _rich,
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
    **{name: _export(name) for name in _EXPORTS},
}
CHECK_FORMATS = tuple(_RENDERERS)


def check_output(
    output: str,
    outcomes: list[FileOutcome],
    summary: Summary,
    rules: RuleSet,
    notes: Sequence[tuple[str, str]] = (),
    lang: str = "zh",
) -> bytes:
    """What `check --format OUTPUT` prints for these outcomes, as bytes (`serve`'s downloads).

    The renderer of `_RENDERERS` writes to a captured standard output, text or binary."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(stream):
        _RENDERERS[output](_Run(outcomes, summary, rules, list(notes), lang, quiet=False))
        stream.flush()
    data = buffer.getvalue()
    stream.detach()
    return data


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
        from giocheck.engine import run_rules
        from giocheck.render.console import make_console
        from giocheck.render.grid import render_report
        from giocheck.render.stated import render_claims

        # The shipped rules mark the cells of each error and warning and find the text's claims.
        result = run_rules(report)
        console = make_console()
        render_report(console, report, args.lang, result.findings)
        render_claims(console, report, args.lang)
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
    from giocheck.render.catalogue import close_names, explain_json, find_rules, render_explain

    rules = _ruleset(args)
    found = find_rules(rules, args.rule_id)
    if not found:
        close = close_names(rules, args.rule_id)
        known = ", ".join(sorted({r.id for r in rules.rules}))
        comma = ", " if args.lang == "en" else "、"
        hint = (
            say("command.did_you_mean", args.lang, close=comma.join(close))
            if close
            else say("command.known_rules", args.lang, known=known)
        )
        print(say("command.no_rule", args.lang, rule=args.rule_id, hint=hint), file=sys.stderr)
        return EXIT_TROUBLE
    if args.json:
        _print_json(explain_json(found))
        return EXIT_CLEAN
    from giocheck.render.console import make_console

    render_explain(make_console(), found, args.lang)
    return EXIT_CLEAN


def _schema(args: argparse.Namespace) -> int:
    if args.output == "check":
        from giocheck.checkjson import check_schema

        _print_json(check_schema())
        return EXIT_CLEAN
    from giocheck.model import AnnualReport

    _print_json(AnnualReport.model_json_schema())
    return EXIT_CLEAN


def _compare(args: argparse.Namespace) -> int:
    """`giocheck compare BEFORE AFTER`: per agency, findings new, fixed and persisting."""
    from giocheck import __version__
    from giocheck.compare import compare, compare_json, compare_lines, load_side

    rules = _ruleset(args)
    before = load_side(args.before, rules, args.lang, args.jobs)
    after = load_side(args.after, rules, args.lang, args.jobs)
    changes = compare(before, after)
    if args.format == "json":
        _print_json(compare_json(changes, __version__))
    else:
        print("\n".join(compare_lines(changes, args.lang)))
    return EXIT_CLEAN


def _serve(args: argparse.Namespace) -> int:
    from giocheck.serve.command import serve

    return serve(args)


def _render(args: argparse.Namespace) -> int:
    from giocheck.api import load
    from giocheck.writers.output import render_file

    _use_limits(args)
    if not args.data.is_file():
        raise ReadError(str(args.data), *pair("command.not_a_file"))
    report = load(args.data)
    if report.problems:
        # Rendering a half-read report would print blanks where the file has numbers.
        first = report.problems[0]
        raise ReadError(
            str(args.data),
            say("command.not_fully_read", "zh", problem=first.message_zh),
            say("command.not_fully_read", "en", problem=first.message_en),
        )
    render_file(report, args.data, args.output)
    return EXIT_CLEAN
