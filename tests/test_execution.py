"""Running files (giocheck/execution.py): a folder run survives any one file, on any number of
worker processes, with the same results in the same order."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import giocheck
import giocheck.api
import giocheck.cache
import giocheck.execution
import giocheck.readers
from giocheck.cache import ResultCache
from giocheck.cli import main
from giocheck.engine.rulefile import default_rules
from giocheck.execution import Job, check_one, run_files
from giocheck.limits import Limits, use_limits
from giocheck.model import AnnualReport
from giocheck.pairing import TitleIndex, identify
from giocheck.workers import LocalPool
from tests.conftest import HUAIAN, QU


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (folder / name).write_bytes(QU.read_bytes())
    (folder / "huaian.txt").write_bytes(HUAIAN.read_bytes())
    return folder


def _breaking_on(name: str, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """`load` fails with `error` on the file called `name` (worker processes are forked, so
    they see the patch too)."""
    load = giocheck.api.load

    def failing(path: str | Path) -> AnnualReport:
        if Path(path).name == name:
            raise error
        return load(path)

    monkeypatch.setattr(giocheck.execution, "load", failing)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    "error", [RuntimeError("boom"), RecursionError(), MemoryError(), ValueError("bad"), KeyError("x")]
)
def test_one_file_that_breaks_the_checker_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str, error: BaseException
) -> None:
    folder = _folder(tmp_path)
    _breaking_on("b.txt", monkeypatch, error)
    code = main(["check", str(folder), "--format", "json", "--jobs", jobs])
    out, err = capsys.readouterr()
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert code == 2 and "Traceback" not in out + err
    assert sorted(files) == ["a.txt", "b.txt", "c.txt", "d.txt", "huaian.txt"]
    assert files["b.txt"]["error"] and "\n" not in files["b.txt"]["error"]
    assert all(files[name]["error"] is None for name in ("a.txt", "c.txt", "d.txt", "huaian.txt"))


def test_check_one_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _breaking_on("x.txt", monkeypatch, ZeroDivisionError())
    checked = check_one(tmp_path / "x.txt", Job())
    assert checked.outcome is not None and checked.outcome.result is None
    assert "ZeroDivisionError" in (checked.outcome.error_en or "")


def test_more_workers_give_the_same_outcomes_in_the_same_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    files = sorted(folder.iterdir())

    def summary(jobs: int) -> list[tuple[str, tuple[str, ...], str | None]]:
        return [
            (o.path, tuple(f.fingerprint for f in o.result.findings) if o.result else (), o.error_zh)
            for o in run_files(files, Job(), jobs)
        ]

    assert summary(2) == summary(1)
    assert [Path(p).name for p, _f, _e in summary(2)] == [f.name for f in files]


def test_last_years_report_in_the_folder_is_paired_by_the_workers_too(tmp_path: Path) -> None:
    folder = tmp_path / "agency"
    folder.mkdir()
    text = QU.read_text(encoding="utf-8")
    (folder / "2025.txt").write_text(text, encoding="utf-8")
    (folder / "2024.txt").write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    files = sorted(folder.iterdir())
    one = [sorted(f.rule for f in o.result.findings) for o in run_files(files, Job(), 1) if o.result]
    two = [sorted(f.rule for f in o.result.findings) for o in run_files(files, Job(), 2) if o.result]
    assert one == two
    assert any(rule.startswith("X_") for rules in one for rule in rules)


def test_progress_is_told_for_every_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    seen: list[tuple[int, int]] = []
    list(run_files(sorted(folder.iterdir()), Job(), 2, progress=lambda done, total: seen.append((done, total))))
    assert seen == [(n, 5) for n in range(1, 6)]


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_jobs_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(QU), "--jobs", value])
    assert exit_info.value.code == 2
    assert "processes" in capsys.readouterr().err


def test_the_default_is_every_core_this_process_may_use() -> None:
    assert giocheck.execution.default_jobs() == len(os.sched_getaffinity(0))


def _dying_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that reads the file called `name` dies on the spot (as when killed or
    out of memory); only worker processes are ever given it."""
    load = giocheck.api.load

    def dying(path: str | Path) -> AnnualReport:
        if Path(path).name == name:
            os._exit(9)
        return load(path)

    monkeypatch.setattr(giocheck.execution, "load", dying)


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    text = QU.read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    _dying_on("b.txt", monkeypatch)
    outcomes = {Path(o.path).name: o for o in run_files(sorted(folder.iterdir()), Job(), 2)}
    assert sorted(outcomes) == ["2024.txt", "a.txt", "b.txt", "c.txt", "d.txt", "huaian.txt"]
    assert outcomes["b.txt"].result is None and "ended unexpectedly" in (outcomes["b.txt"].error_en or "")
    assert all(outcomes[name].result is not None for name in outcomes if name != "b.txt")
    # The 2025 reports were still paired with last year's after a worker died.
    assert any(f.rule.startswith("X_") for f in outcomes["a.txt"].result.findings)  # type: ignore[union-attr]


def test_a_folder_with_broken_files_reports_the_good_one_and_a_line_for_each_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_bytes(QU.read_bytes())
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "broken.yaml").write_text("metadata:\n  published: 2025-02-30\n", encoding="utf-8")
    code = main(["check", str(tmp_path), "--format", "json", "--jobs", "1"])
    out, err = capsys.readouterr()
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert code == 2 and "Traceback" not in out + err
    assert files["good.txt"]["error"] is None
    assert "YAML" in files["broken.yaml"]["error"] and "\n" not in files["broken.yaml"]["error"]
    assert files["broken.docx"]["error"]


def _slow_on(name: str, seconds: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the file called `name` takes `seconds` (as a reader stuck in C code would)."""
    load = giocheck.api.load

    def slow(path: str | Path) -> AnnualReport:
        if Path(path).name == name:
            time.sleep(seconds)
        return load(path)

    monkeypatch.setattr(giocheck.execution, "load", slow)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_budget_is_stopped_and_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    folder = _folder(tmp_path)
    _slow_on("b.txt", 30, monkeypatch)
    started = time.monotonic()
    # Two seconds: enough for the other files even on a busy machine, far below the slow one's 30.
    code = main(["check", str(folder), "--format", "json", "--jobs", jobs, "--time-budget", "2"])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert code == 2 and elapsed < 25 and "Traceback" not in out + err
    assert "（2 秒）" in files["b.txt"]["error"] and "--time-budget" in files["b.txt"]["error"]
    assert all(files[name]["error"] is None for name in ("a.txt", "c.txt", "d.txt", "huaian.txt"))


def test_the_time_budget_comes_from_the_configuration_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "giocheck.toml").write_text("time-budget = 0.5\n", encoding="utf-8")
    _slow_on("a.txt", 30, monkeypatch)
    code = main(["check", str(folder / "a.txt"), "--config", str(tmp_path / "giocheck.toml"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 2 and "time budget (0.5 s)" in out


def test_a_rerun_over_an_unchanged_folder_reads_no_report_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    text = QU.read_text(encoding="utf-8")
    (folder / "2024.txt").write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    reads: list[Path] = []
    read_source = giocheck.readers.read_source

    def counting(path: Path) -> object:
        reads.append(path)
        return read_source(path)

    monkeypatch.setattr(giocheck.readers, "read_source", counting)  # `load` imports it when it reads
    argv = ["check", str(folder), "--format", "json", "--jobs", "1", "--time-budget", "0"]
    first_code = main(argv)
    first = capsys.readouterr().out
    assert reads, "the first run reads the reports"
    reads.clear()
    assert main(argv) == first_code and capsys.readouterr().out == first
    assert reads == []
    # Changed bytes are read again; --no-cache reads everything.
    (folder / "c.txt").write_text(text.replace("渠县信访局", "渠县民政局"), encoding="utf-8")
    main(argv)
    capsys.readouterr()
    assert {p.name for p in reads} == {"c.txt"}
    reads.clear()
    main([*argv, "--no-cache"])
    assert len({p.name for p in reads}) == 6


def test_no_cache_and_no_error_where_the_cache_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GIOCHECK_CACHE_DIR", str(blocked / "cache"))
    assert not giocheck.cache.ResultCache.open("v").enabled
    assert main(["check", str(QU), "--jobs", "1"]) == 0
    assert capsys.readouterr().err == ""


def test_the_cache_holds_json_that_gives_the_same_outcome(tmp_path: Path) -> None:
    outcome = check_one(QU, Job()).outcome
    assert outcome is not None
    encoded = json.dumps(giocheck.cache.outcome_json(outcome))
    again = giocheck.cache.outcome_from_json(json.loads(encoded), outcome.path)
    assert again == outcome


def test_outcomes_stream_before_the_run_ends(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done: list[int] = []
    first_seen_at = None
    files = sorted(folder.iterdir())
    for outcome in run_files(files, Job(budget=60), 2, progress=lambda n, _total: done.append(n)):
        if first_seen_at is None:
            first_seen_at = done[-1]
        assert outcome.result is not None
    assert first_seen_at is not None and first_seen_at < len(files)


def test_check_many_yields_every_file_as_it_finishes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    finished = list(giocheck.check_many([folder], jobs=2))
    stable = list(giocheck.check_many([str(folder)], jobs=1, order="stable", budget=None))
    assert sorted(o.path for o in finished) == [o.path for o in stable] == [str(p) for p in sorted(folder.iterdir())]
    assert {o.path: o.result.findings for o in finished if o.result} == {
        o.path: o.result.findings for o in stable if o.result
    }


@pytest.mark.parametrize(
    "path",
    [
        QU,
        HUAIAN,
        QU.parent / "huaian-city-government-2024.pdf",
        *sorted((QU.parent / "pdf").glob("*.pdf")),
        # Every real report (the outside converters' .doc and scans aside): pingtan's seven years in every form.
        *[
            p
            for p in sorted((QU.parent / "real").iterdir())
            if p.suffix not in (".md", ".doc") and ".scan." not in p.name
        ],
    ],
    ids=lambda p: Path(p).name,
)
def test_the_title_index_names_the_agency_and_year_the_report_states(path: Path) -> None:
    try:
        meta = giocheck.api.load(path).metadata
    except giocheck.ReadError:
        return
    expected = (meta.agency, meta.year) if meta.agency and meta.year else None
    assert identify(path) == expected


@given(st.lists(st.one_of(st.none(), st.tuples(st.sampled_from(["甲局", "乙局", "丙局"]), st.integers(2019, 2025)))))
def test_the_title_index_pairs_as_a_plain_dictionary_does(identities: list[tuple[str, int] | None]) -> None:
    # The index keeps 16-byte digests, not the names: it must pair exactly as (agency, year) keys
    # would, the later of two reports stating the same agency and year winning.
    index = TitleIndex(len(identities))
    for number in reversed(range(len(identities))):  # identities come in any order
        index.add(number, identities[number])
    plain = {identity: number for number, identity in enumerate(identities) if identity is not None}
    for number, identity in enumerate(identities):
        expected = None if identity is None else plain.get((identity[0], identity[1] - 1))
        assert index.previous(number) == expected


def test_a_run_hands_the_pool_a_few_tasks_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Neither the queue nor the waiting outcomes grow with the number of files (flat memory).
    folder = tmp_path / "reports"
    folder.mkdir()
    text = QU.read_text(encoding="utf-8")
    for number in range(12):
        (folder / f"{number:02d}.txt").write_text(
            text.replace("渠县信访局", f"渠县第{number // 2}局"), encoding="utf-8"
        )
    most = 0
    submit = LocalPool.submit

    def counting(self: LocalPool[object], task: object, later: bool = False) -> None:
        nonlocal most
        submit(self, task, later)
        most = max(most, self.pending)

    monkeypatch.setattr(LocalPool, "submit", counting)
    names = [o.path for o in run_files(sorted(folder.iterdir()), Job(), jobs=1)]
    assert names == [str(p) for p in sorted(folder.iterdir())]
    assert 0 < most <= 4


def test_a_jobs_limits_are_those_in_effect_where_it_is_made() -> None:
    with use_limits(Limits(pdf_pages=3)):
        assert Job().limits.pdf_pages == 3
    assert Job().limits == Limits()


def test_a_lowered_limit_is_enforced_in_a_spawned_worker() -> None:
    # A spawned worker inherits nothing of this process: the limits travel in the Job.
    job = Job(rules=default_rules(), limits=Limits(text_chars=100))
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        lowered = pool.submit(check_one, QU, job).result(timeout=300)
        usual = pool.submit(check_one, QU, attrs.evolve(job, limits=Limits())).result(timeout=300)
    assert lowered.outcome is not None and "text_chars=100" in (lowered.outcome.error_en or "")
    assert usual.outcome is not None and usual.outcome.error_en is None and usual.outcome.result is not None


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_apply_the_jobs_limits_and_the_cache_keeps_outcomes_by_them(tmp_path: Path, jobs: int) -> None:
    folder = _folder(tmp_path)
    files = sorted(folder.iterdir())
    cache = ResultCache.open("limits", tmp_path / "cache")
    lowered = list(run_files(files, Job(budget=60, limits=Limits(text_chars=100)), jobs, cache=cache))
    assert len(lowered) == len(files) and all("text_chars=100" in (o.error_en or "") for o in lowered)
    usual = list(run_files(files, Job(budget=60), jobs, cache=cache))  # not the refusals kept above
    assert all(o.error_en is None and o.result is not None for o in usual)


def test_an_outcome_kept_under_another_today_is_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Y_YEAR_ENDED depends on today even when no `today` is given: GIOCHECK_TODAY or the calendar.
    cache = ResultCache.open("today", tmp_path / "cache")
    monkeypatch.setenv("GIOCHECK_TODAY", "2025-06-01")
    early = list(run_files([QU], Job(budget=60), 1, cache=cache))
    monkeypatch.setenv("GIOCHECK_TODAY", "2026-06-01")
    later = list(run_files([QU], Job(budget=60), 1, cache=cache))
    ids = [{f.rule for f in o.result.errors} for o in (*early, *later) if o.result is not None]
    assert ids == [{"Y_YEAR_ENDED"}, set()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_today_that_is_no_date_is_one_line_not_an_error_in_every_file(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIOCHECK_TODAY", "bad")
    assert main(["check", str(_folder(tmp_path)), "--jobs", jobs, "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert "GIOCHECK_TODAY='bad' 不是日期" in captured.err and "UsageError" not in captured.out
