"""The pytest plugin, run in throwaway projects with pytester: items, failure panels, cache, xdist."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ci_support import BROKEN_T4, broken_copy, clean_copy, fixed_copy

pytest_plugins = ["pytester"]

# Counts every report the plugin checks (rather than takes from the cache), across xdist workers.
COUNTING_CONFTEST = """
import os
import giocheck.execution

_check_file = giocheck.execution.check_file

def counting(path, *args, **kwargs):
    with open(os.environ["GIOCHECK_READ_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{path.name}\\n")
    return _check_file(path, *args, **kwargs)

giocheck.execution.check_file = counting
"""


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two clean reports, two broken ones, a note that is not a report, and a read counter."""
    root = pytester.path
    reports = root / "reports"
    reports.mkdir()
    clean_copy(reports, "clean-a.txt")
    clean_copy(reports, "clean-b.txt")
    broken_copy(reports, "broken-t3.txt")
    broken_copy(reports, "broken-t4.txt", BROKEN_T4)
    (reports / "notes.md").write_text("不是报告", encoding="utf-8")
    pytester.makeini("[pytest]\ngiocheck_select = T2 T3 T4\n")
    pytester.makeconftest(COUNTING_CONFTEST)
    monkeypatch.setenv("GIOCHECK_READ_LOG", str(root / "reads.log"))
    return root


def _reads(root: Path) -> list[str]:
    log = root / "reads.log"
    names = log.read_text(encoding="utf-8").split() if log.exists() else []
    log.unlink(missing_ok=True)
    return sorted(names)


def _read_once(reads: list[str]) -> bool:
    """Every report was checked; the two clean copies hold the same bytes, so the result cache
    (shared with the CLI) may give the second the first's result."""
    return {"broken-t3.txt", "broken-t4.txt"} <= set(reads) and {"clean-a.txt", "clean-b.txt"} & set(reads) != set()


def test_broken_reports_fail_with_a_plain_panel(pytester: pytest.Pytester, project: Path) -> None:
    result = pytester.runpytest_subprocess("--giocheck", "reports")
    result.assert_outcomes(passed=2, failed=2)
    out = result.stdout.str()
    assert "Traceback" not in out and "raise ReportFailed" not in out
    result.stdout.fnmatch_lines(
        [
            "*giocheck: reports/broken-t3.txt*",
            "T3_BALANCE (t3-application-balance) 错误 第*行",
            "  左边: *T3.NEW.NP] 3001 + *= 3035",
            "  相差: -1",
        ]
    )
    result.stdout.fnmatch_lines(["FAILED reports/broken-t3.txt::giocheck*", "FAILED reports/broken-t4.txt::giocheck*"])
    result.stdout.fnmatch_lines(
        [
            "*- giocheck -*",
            "共 4 份报告，本次读取 4 份，0 份取自缓存",
            "条数  报告数  规则 * 名称 * 级别",
            "1     1       T3_BALANCE * t3-application-balance * error",
        ]
    )
    assert _read_once(_reads(project))


def test_a_rerun_reads_nothing_and_a_changed_report_is_read_again(pytester: pytest.Pytester, project: Path) -> None:
    pytester.runpytest_subprocess("--giocheck", "reports").assert_outcomes(passed=2, failed=2)
    assert _read_once(_reads(project))
    again = pytester.runpytest_subprocess("--giocheck", "reports")
    again.assert_outcomes(passed=2, failed=2)
    assert _reads(project) == []
    again.stdout.fnmatch_lines(["*本次读取 0 份，4 份取自缓存", "1     1       T3_BALANCE *"])
    again.stdout.fnmatch_lines(["T3_BALANCE (t3-application-balance) 错误 第*行"])  # the panel comes from the cache
    fixed_copy(project / "reports", "broken-t3.txt")
    pytester.runpytest_subprocess("--giocheck", "reports").assert_outcomes(passed=3, failed=1)
    assert _reads(project) == ["broken-t3.txt"]


def test_results_kept_under_another_today_are_not_taken_from_the_cache(
    pytester: pytest.Pytester, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Y_YEAR_ENDED reads today: a result kept under another GIOCHECK_TODAY is not served.
    pytester.runpytest_subprocess("--giocheck", "reports").assert_outcomes(passed=2, failed=2)
    assert _read_once(_reads(project))
    monkeypatch.setenv("GIOCHECK_TODAY", "2027-06-30")
    pytester.runpytest_subprocess("--giocheck", "reports").assert_outcomes(passed=2, failed=2)
    assert _read_once(_reads(project))


def test_the_same_under_xdist_and_the_controller_writes_the_cache(pytester: pytest.Pytester, project: Path) -> None:
    first = pytester.runpytest_subprocess("--giocheck", "reports", "-n", "2", "--cache-clear")
    first.assert_outcomes(passed=2, failed=2)
    first.stdout.fnmatch_lines(["*T3_BALANCE (t3-application-balance) 错误 第*行", "*本次读取 4 份，0 份取自缓存"])
    assert _read_once(_reads(project))
    second = pytester.runpytest_subprocess("--giocheck", "reports", "-n", "2")
    second.assert_outcomes(passed=2, failed=2)
    assert _reads(project) == []


def test_off_without_the_flag_and_narrowed_by_giocheck_paths(pytester: pytest.Pytester, project: Path) -> None:
    pytester.runpytest_subprocess("reports").assert_outcomes()
    (project / "reports" / "kept").mkdir()
    clean_copy(project / "reports" / "kept", "only.txt")
    pytester.makeini("[pytest]\ngiocheck_select = T2 T3 T4\ngiocheck_paths = reports/kept\n")
    result = pytester.runpytest_subprocess("--giocheck", "reports", "-m", "giocheck", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["reports/kept/only.txt::giocheck PASSED*"])


def test_ignore_and_bad_configuration(pytester: pytest.Pytester, project: Path) -> None:
    pytester.makeini("[pytest]\ngiocheck_select = T2 T3 T4\ngiocheck_ignore = T3\n")
    pytester.runpytest_subprocess("--giocheck", "reports").assert_outcomes(passed=3, failed=1)
    (project / "giocheck.toml").write_text("selekt = ['T3']\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("--giocheck", "reports")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*giocheck.toml: 未知的配置项 selekt"])


def test_fixtures_for_offices_own_tests(pytester: pytest.Pytester, project: Path) -> None:
    pytester.makepyfile(
        test_office="""
        import pytest

        def test_clean(giocheck_report, assert_clean):
            report = giocheck_report("reports/clean-a.txt")
            assert report.metadata.agency == "渠县信访局"
            assert_clean(report)

        def test_broken(assert_clean, giocheck_check):
            assert {f.rule for f in giocheck_check("reports/broken-t4.txt").errors} == {"T4_SUM_RV"}
            with pytest.raises(AssertionError, match="T4_SUM_RV"):
                assert_clean("reports/broken-t4.txt")
        """
    )
    pytester.runpytest_subprocess("test_office.py").assert_outcomes(passed=2)


def test_without_the_cache_provider_every_report_is_read(pytester: pytest.Pytester, project: Path) -> None:
    """The README's own test command runs with `-p no:cacheprovider`: no cache, no crash."""
    for _ in range(2):
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--giocheck", "reports")
        result.assert_outcomes(passed=2, failed=2)
        assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
        result.stdout.fnmatch_lines(["共 4 份报告，本次读取 4 份，0 份取自缓存"])
        assert len(_reads(project)) == 4


def test_fixtures_without_the_cache_provider_and_a_report_not_fully_read(
    pytester: pytest.Pytester, project: Path
) -> None:
    text = (project / "reports" / "broken-t4.txt").read_text(encoding="utf-8")
    (project / "cut-off.txt").write_text(text[: text.index("2.重复申请")], encoding="utf-8")
    pytester.makepyfile(
        test_office="""
        import pytest

        def test_cut_off(giocheck_check, assert_clean):
            result = giocheck_check("cut-off.txt")
            assert result.errors == () and result.problems and not result.ok
            with pytest.raises(AssertionError, match="表三"):
                assert_clean("cut-off.txt")

        def test_clean(giocheck_check):
            assert giocheck_check("reports/clean-a.txt").ok
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "test_office.py").assert_outcomes(passed=2)


def test_the_plugin_judges_as_the_cli_does_last_years_report_and_the_configured_date(
    pytester: pytest.Pytester,
) -> None:
    """Last year's report beside this one is compared, and the configured publication date used."""
    from tests.conftest import HUAIAN, QU

    reports = pytester.path / "reports"
    reports.mkdir()
    this_year = HUAIAN.read_text(encoding="utf-8")
    last_year = (
        this_year.replace("2024 年政府信息公开工作年度报告", "2023 年政府信息公开工作年度报告")
        .replace("2024 年 1 月 1 日至 2024 年 12 月 31 日", "2023 年 1 月 1 日至 2023 年 12 月 31 日")
        .replace("四、结转下年度继续办理 103 0 0 0 0 0 103", "四、结转下年度继续办理 30 0 0 0 0 4 34")
    )
    (reports / "h2024.txt").write_text(this_year, encoding="utf-8")
    (reports / "h2023.txt").write_text(last_year, encoding="utf-8")
    result = pytester.runpytest_subprocess("--giocheck", "reports", "-p", "no:cacheprovider")
    # Last year's edited carry-over also breaks its own balance; this year's only its carry-in.
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["FAILED reports/h2024.txt::giocheck - X_CARRY*"])

    dated = pytester.path / "dated"
    dated.mkdir()
    (dated / "qu.txt").write_bytes(QU.read_bytes())
    (dated / "giocheck.toml").write_text("published = 2026-06-01\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("--giocheck", "dated", "-p", "no:cacheprovider", "--rootdir", str(dated))
    result.assert_outcomes(failed=1)
    assert "Y_DEADLINE" in result.stdout.str()


def test_configured_limits_reach_xdists_workers(pytester: pytest.Pytester, project: Path) -> None:
    (project / "giocheck.toml").write_text("[limits]\ntext_chars = 100\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("--giocheck", "reports", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(["*text_chars=100*"])
