"""pytest plugin: `pytest --giocheck` checks every report file as one test item.

Opt-in, so installing giocheck does not change what pytest collects. Each report (as
`giocheck check FOLDER` finds them: `giocheck.readers.is_report_file`) becomes an item that
fails on error-level findings with a plain panel — rule, cells, both sides, gap — and no
traceback. Results are cached in pytest's cache (when it is on) under the report's content hash and a rules
version (giocheck's version, the bytes of the rule, format and baseline files, the selection
and the language), so an unchanged report is not read again. Workers of pytest-xdist send
their results to the controller in the test reports' `user_properties`; only the controller
writes the cache and prints the per-rule table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

if TYPE_CHECKING:
    from giocheck.baseline import Baseline
    from giocheck.cache import ResultCache
    from giocheck.engine.findings import Result
    from giocheck.engine.rulefile import RuleSet
    from giocheck.limits import Limits
    from giocheck.manifest import Manifest
    from giocheck.model import AnnualReport
    from giocheck.pairing import ReportOptions
    from giocheck.runner import FileOutcome

# v2: an entry keeps the report's counts per rule (render/statistics.py), not just the rule ids.
_CACHE_KEY = "giocheck/results/v2"
_PROPERTY = "giocheck"


@attrs.define
class _State:
    rules: RuleSet
    options: ReportOptions
    baseline: Baseline | None
    lang: str
    version: str
    cached: dict[str, dict[str, Any]]
    seen: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    counts: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    read: int = 0
    # Agency and year of report files by content hash (from cached results, else read once):
    # enough to find last year's report beside a report without reading unchanged files again.
    meta: dict[str, tuple[str | None, int | None]] = attrs.field(factory=dict)
    folders: dict[Path, dict[Path, Path]] = attrs.field(factory=dict)
    hashes: dict[Path, str] = attrs.field(factory=dict)
    # The result cache shared with `giocheck check` (giocheck/cache.py); None without pytest's cache.
    results: ResultCache | None = None
    # `[limits]` of the configuration, carried to each check (`Job.limits`), in xdist's workers too.
    limits: Limits | None = None

    def digest(self, path: Path) -> str:
        """The content hash of a report file (computed once per run)."""
        if path not in self.hashes:
            self.hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.hashes[path]

    def previous_beside(self, path: Path) -> tuple[str, Path | None]:
        """Hash and path of last year's report of the same agency in `path`'s folder, or ("-", None).

        The same index as `giocheck check FOLDER` (`giocheck.pairing.identify` and `pair_index`),
        built once per folder from the reports' titles (or cached results), not their tables."""
        found = self._folder(path.parent).get(path)
        return (self.digest(found), found) if found is not None else ("-", None)

    def _folder(self, folder: Path) -> dict[Path, Path]:
        if folder not in self.folders:
            from giocheck.pairing import pair_index
            from giocheck.runner import collect

            files, _errors = collect([folder])
            reports: list[tuple[Path, tuple[str, int] | None]] = []
            for path in sorted(f for f in files if f.parent == folder):
                digest = self.digest(path)
                if digest not in self.meta:
                    known = self.results.identity(digest) if self.results is not None else None
                    found = known[0] if known is not None else self._identify(path)
                    if known is None and self.results is not None:
                        self.results.store_identity(digest, found)
                    self.meta[digest] = found if found is not None else (None, None)
                agency, year = self.meta[digest]
                reports.append((path, (agency, year) if agency and year else None))
            self.folders[folder] = pair_index(reports)
        return self.folders[folder]

    def _identify(self, path: Path) -> tuple[str, int] | None:
        from giocheck.limits import Limits, use_limits
        from giocheck.pairing import identify

        with use_limits(self.limits or Limits()):
            return identify(path)


_STATE = pytest.StashKey[_State]()


class ReportFailed(Exception):
    """A report has error-level findings or could not be read; the message is the panel."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--giocheck` and the ini options."""
    group = parser.getgroup("giocheck", "government information disclosure annual reports")
    group.addoption(
        "--giocheck", action="store_true", default=False, help="check report files (every suffix giocheck reads)"
    )
    group.addoption(
        "--giocheck-manifest",
        default=None,
        metavar="CSV",
        help="manifest of the reports (path, agency, published, kind, level, URL): per-file dates and agencies",
    )
    parser.addini("giocheck_manifest", help="manifest CSV (relative to the ini file), as --giocheck-manifest")
    parser.addini("giocheck_paths", type="paths", help="only report files under these paths (relative to the ini file)")
    parser.addini("giocheck_select", type="args", help="rule ids or prefixes to check (replaces the configured select)")
    parser.addini("giocheck_ignore", type="args", help="rule ids or prefixes to skip (replaces the configured ignore)")


def pytest_configure(config: pytest.Config) -> None:
    """Register the `giocheck` marker; with `--giocheck`, load the configuration and the cache."""
    config.addinivalue_line("markers", "giocheck: a report file checked by giocheck")
    if config.getoption("giocheck"):
        state = _load_state(config)
        config.stash[_STATE] = state
        config.pluginmanager.register(_Results(config, state), "giocheck-results")


def _load_state(config: pytest.Config) -> _State:
    from giocheck.baseline import find_baseline, load_baseline
    from giocheck.clock import today
    from giocheck.config import configured_rules, resolve_config, with_overrides
    from giocheck.errors import GiocheckError
    from giocheck.pairing import ReportOptions

    try:
        settings = resolve_config(None, config.rootpath)
        settings = with_overrides(
            settings,
            select=config.getini("giocheck_select") or None,
            ignore=config.getini("giocheck_ignore") or None,
            flags={"select": "giocheck_select", "ignore": "giocheck_ignore"},
        )
        rules = configured_rules(settings)
        home = settings.source.parent if settings.source is not None else config.rootpath
        baseline_path = find_baseline(settings.baseline, home)
        baseline = load_baseline(baseline_path) if baseline_path is not None else None
    except GiocheckError as error:
        raise pytest.UsageError(f"giocheck: {error.message()}") from None
    lang = settings.lang or "zh"
    agency = settings.agency
    manifest, manifest_digest = _manifest(config)
    options = ReportOptions(
        published=settings.published,
        agency_kind=agency.kind,
        agency_level=agency.level,
        agency_name=agency.name,
        manifest=manifest,
    )
    # Results depend on today too (Y_YEAR_ENDED reads it): one kept under another GIOCHECK_TODAY
    # or on another day is stale.
    bounds_and_day = f"{settings.limits.model_dump_json()}|{today().isoformat()}"
    version = rules_version(
        rules,
        baseline,
        f"{lang}|{agency.kind}|{agency.level}|{agency.name}|{settings.published}|{manifest_digest}|{bounds_and_day}",
    )
    store = _cache(config)
    cache = store.get(_CACHE_KEY, {}) if store is not None else {}
    cached = cache if isinstance(cache, dict) else {}
    meta = {key.split(":")[0]: (entry["meta"][0], entry["meta"][1]) for key, entry in cached.items() if "meta" in entry}
    results = None
    if store is not None:
        from giocheck.cache import ResultCache
        from giocheck.cache import rules_version as results_version

        results = ResultCache.open(results_version(rules, f"{options!r}|{bounds_and_day}"))
    return _State(rules, options, baseline, lang, version, cached, meta=meta, results=results, limits=settings.limits)


def _manifest(config: pytest.Config) -> tuple[Manifest | None, str]:
    """`--giocheck-manifest` (relative to the current folder) or the `giocheck_manifest` ini
    value (relative to the ini file), and a hash of its bytes for the cache key."""
    from giocheck.errors import GiocheckError
    from giocheck.manifest import load_manifest

    named: str | None = config.getoption("giocheck_manifest")
    if named is None and config.getini("giocheck_manifest"):
        named = str(Path(config.inipath or config.rootpath).parent / str(config.getini("giocheck_manifest")))
    if named is None:
        return None, "-"
    try:
        manifest = load_manifest(Path(named))
    except GiocheckError as error:
        raise pytest.UsageError(f"giocheck: {error.message()}") from None
    return manifest, hashlib.sha256(Path(named).read_bytes()).hexdigest()[:16]


def _cache(config: pytest.Config) -> pytest.Cache | None:
    """pytest's cache, or None under `-p no:cacheprovider` (then every report is read each run)."""
    cache: pytest.Cache | None = getattr(config, "cache", None)
    return cache


def rules_version(rules: RuleSet, baseline: Baseline | None, settings: str) -> str:
    """A hash of everything besides the report that decides its result (`settings`: language, agency)."""
    from giocheck import __version__
    from giocheck.resources import rules_dir

    digest = hashlib.sha256(f"{__version__}|{settings}".encode())
    for path in sorted({*rules.sources, *(rules_dir() / "formats").glob("*.toml")}):
        digest.update(path.read_bytes())
    digest.update(repr(sorted((r.id, r.severity, tuple(r.formats)) for r in rules.rules)).encode())
    if baseline is not None:
        digest.update(baseline.path.read_bytes())
        if any(e.expires is not None for e in baseline.entries):
            digest.update(date.today().isoformat().encode())
    return digest.hexdigest()[:16]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ReportFile | None:
    """A `ReportFile` for each report file, when `--giocheck` is on."""
    config = parent.config
    if not config.getoption("giocheck"):
        return None
    from giocheck.readers import is_report_file

    roots: list[Path] = config.getini("giocheck_paths")
    root = next((r for r in roots if file_path == r or r in file_path.parents), None)
    if roots and root is None:
        return None
    # The CLI's decision (suffix, skipped folders, data with `metadata`); named files need the suffix only.
    named = parent.session.isinitpath(file_path) or file_path == root
    if not is_report_file(file_path, root or config.rootpath, named=named):
        return None
    return ReportFile.from_parent(parent, path=file_path)


class ReportFile(pytest.File):
    """A report file: one item."""

    def collect(self) -> list[ReportItem]:
        """The report's single item."""
        return [ReportItem.from_parent(self, name="giocheck")]


class ReportItem(pytest.Item):
    """Checks one report; fails on error-level findings or when the report cannot be read."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("giocheck")

    def runtest(self) -> None:
        """Check the report, or take the cached result of the same bytes under the same rules."""
        state = self.config.stash[_STATE]
        # The folder's other reports count too: last year's report beside this one is compared (X_ rules).
        state._folder(self.path.parent)  # learn the agency and year of this report and its neighbours
        previous_digest, previous = state.previous_beside(self.path)
        key = f"{state.digest(self.path)}:{previous_digest}:{state.version}"
        entry = state.cached.get(key)
        fresh = entry is None
        if entry is None:
            entry = _evaluate(self.path, state, previous)
        self.user_properties.append((_PROPERTY, json.dumps({"key": key, "fresh": fresh, **entry})))
        if entry["failed"]:
            raise ReportFailed(entry["text"])

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The plain panel for a report failure; pytest's usual text for anything else."""
        if isinstance(excinfo.value, ReportFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The report path, for pytest's headers."""
        try:
            shown = self.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            shown = str(self.path)
        return self.path, None, f"giocheck: {shown}"


def _evaluate(path: Path, state: _State, previous_path: Path | None) -> dict[str, Any]:
    from giocheck.render.statistics import rule_counts, statistics_json
    from giocheck.render.text import outcome_panel

    outcome = _outcome(path, state, previous_path)
    if state.baseline is not None:
        from giocheck.baseline import apply_baseline

        outcome = apply_baseline([outcome], state.baseline, date.today()).outcomes[0]
    result = outcome.result
    failed = outcome.error_zh is not None or (result is not None and bool(result.errors))
    return {
        "failed": failed,
        "text": outcome_panel(outcome, state.lang) if failed else "",
        "counts": statistics_json(rule_counts([outcome])),
        "meta": state.meta.get(state.digest(path), (None, None)),
    }


def _outcome(path: Path, state: _State, previous_path: Path | None) -> FileOutcome:
    """The file's outcome from the result cache shared with the CLI, else checked (and kept there)."""
    from giocheck import execution
    from giocheck.limits import Limits
    from giocheck.readers import source_name

    digest = state.digest(path)
    last = "-|all" if previous_path is None else f"{state.digest(previous_path)}|all"
    if state.results is not None:
        found = state.results.outcome(digest, last, source_name(path))
        if found is not None and found[0] is not None:
            return found[0]
    job = execution.Job(state.rules, state.options, limits=state.limits or Limits())
    checked = execution.check_one(path, job, previous_path)
    assert checked.outcome is not None  # non-reports are not skipped here
    if state.results is not None and checked.cacheable:
        state.results.store_outcome(digest, last, checked.outcome)
        if checked.identity is not None:
            state.results.store_identity(digest, checked.identity[1:])
    return checked.outcome


class _Results:
    """Per-session hooks: gather results (local or from xdist workers), write the cache, print the table."""

    def __init__(self, config: pytest.Config, state: _State) -> None:
        self.config = config
        self.state = state
        # xdist workers set `workerinput`; only the controller writes the cache and the summary.
        self.controller = not hasattr(config, "workerinput")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Take the result an item left in its report's `user_properties`."""
        if report.when != "call":
            return
        for name, value in report.user_properties:
            if name == _PROPERTY and isinstance(value, str):
                entry = json.loads(value)
                self.state.seen[entry["key"]] = {k: entry[k] for k in ("failed", "text", "counts")}
                self.state.counts[report.nodeid] = entry["counts"]
                self.state.read += bool(entry["fresh"])

    def pytest_sessionfinish(self) -> None:
        """Store this run's results, dropping entries made under other rules versions."""
        cache = _cache(self.config)
        if not self.controller or cache is None or not self.state.seen:
            return
        suffix = f":{self.state.version}"
        kept = {k: v for k, v in self.state.cached.items() if k.endswith(suffix)}
        cache.set(_CACHE_KEY, {**kept, **self.state.seen})

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """How many reports broke each rule (as `--statistics`), and how many were read rather than cached."""
        from giocheck.render.statistics import counts_from_json, merge_counts, statistics_lines
        from giocheck.words import say

        state = self.state
        if not self.controller or not state.counts:
            return
        reports = len(state.counts)
        terminalreporter.write_sep("-", "giocheck")
        cached = reports - state.read
        terminalreporter.write_line(
            say("files.plugin_cache", state.lang, reports=reports, read=state.read, cached=cached)
        )
        counts = merge_counts(counts_from_json(c) for c in state.counts.values())
        for line in statistics_lines(counts, state.lang):
            terminalreporter.write_line(line)


@pytest.fixture
def giocheck_report() -> Callable[[str | Path], AnnualReport]:
    """Load a report file: `giocheck_report("reports/2024.txt").tables["T3"]`."""
    from giocheck.api import load

    return load


@pytest.fixture
def giocheck_check(pytestconfig: pytest.Config) -> Callable[[AnnualReport | str | Path], Result]:
    """Check a report (or a report file) with the project's configured rules: `assert giocheck_check(path).ok`."""
    from giocheck.api import check

    rules = _configured(pytestconfig)
    return lambda report: check(report, rules)


@pytest.fixture
def assert_clean(
    giocheck_check: Callable[[AnnualReport | str | Path], Result],
) -> Callable[[AnnualReport | str | Path], None]:
    """Assert a report is fully read and has no error-level finding (`Result.ok`); the assertion
    message is the plain panel."""
    from giocheck.render.text import finding_panel

    def check_clean(report: AnnualReport | str | Path) -> None:
        result = giocheck_check(report)
        problems = [p.message_zh for p in result.problems]
        panels = [finding_panel(f) for f in result.errors]
        assert result.ok, "\n\n".join([*problems, *panels])

    return check_clean


def _configured(config: pytest.Config) -> RuleSet:
    state = config.stash.get(_STATE, None)
    if state is None:
        state = _load_state(config)
        config.stash[_STATE] = state
    return state.rules
