"""Configuration: where it is found, unknown keys, longest-prefix selection, severity, CLI overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from giocheck.cli import main
from giocheck.config import (
    AgencyConfig,
    Config,
    Selection,
    configured_rules,
    find_config,
    load_config,
    resolve_config,
    with_overrides,
)
from giocheck.engine.rulefile import default_rules
from giocheck.errors import ConfigError
from tests.ci_support import broken_copy, clean_copy, run
from tests.conftest import QU


def _selection(select: list[str] | None = None, ignore: list[str] | None = None, **more: object) -> Selection:
    return Selection.from_config(Config.model_validate({"select": select, "ignore": ignore or [], **more}))


def test_longest_prefix_wins_and_ignore_wins_a_tie() -> None:
    narrow_ignore = _selection(select=["T3"], ignore=["T3_BALANCE"])
    assert not narrow_ignore.selected("T3_BALANCE")
    assert narrow_ignore.selected("T3_ROW_TOTAL")
    assert not narrow_ignore.selected("T4_SUM_RV")
    narrow_select = _selection(select=["T3_BALANCE"], ignore=["T3"])
    assert narrow_select.selected("T3_BALANCE")
    assert not narrow_select.selected("T3_ROW_TOTAL")
    assert not _selection(select=["T3"], ignore=["T3"]).selected("T3_BALANCE")
    everything_but = _selection(ignore=["T4"])
    assert everything_but.selected("T3_BALANCE") and not everything_but.selected("T4_SUM_RV")


def test_extend_select_adds_to_select() -> None:
    selection = Selection.from_config(Config.model_validate({"select": ["T3"], "extend-select": ["T4_SUM"]}))
    assert selection.selected("T4_SUM_RV") and selection.selected("T3_BALANCE")
    assert not selection.selected("T2_VALID_LOWER")


def test_severity_override_by_longest_prefix() -> None:
    rules = _selection(severity={"T3": "warning", "T3_BALANCE": "info"}).apply(default_rules())
    levels = {r.id: r.severity for r in rules.rules}
    assert levels["T3_BALANCE"] == "info"
    assert levels["T3_ROW_TOTAL"] == "warning"
    assert levels["T4_SUM_RV"] == "error"


def test_a_selector_that_matches_no_rule_is_an_error() -> None:
    with pytest.raises(ConfigError, match="T9"):
        _selection(select=["T9"]).apply(default_rules())


def test_giocheck_toml_wins_and_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(inner) is None
    (tmp_path / "pyproject.toml").write_text("[tool.giocheck]\nlang = 'en'\n", encoding="utf-8")
    assert find_config(inner) == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / "a" / "giocheck.toml").write_text("lang = 'zh'\n", encoding="utf-8")
    assert find_config(inner) == (tmp_path / "a" / "giocheck.toml").resolve()


def test_paths_are_relative_to_the_file_and_agency_is_a_model(tmp_path: Path) -> None:
    (tmp_path / "giocheck.toml").write_text(
        'rules = ["extra"]\nbaseline = "accepted.toml"\n[agency]\nname = "渠县信访局"\nkind = "department"\nlevel = "county"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "giocheck.toml")
    assert config.rules == [tmp_path / "extra"]
    assert config.baseline == tmp_path / "accepted.toml"
    assert config.agency == AgencyConfig(name="渠县信访局", kind="department", level="county")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[tool.giocheck]\nselekt = ['T3']\n", "tool.giocheck.selekt"),
        ("[tool.giocheck.agency]\nlevel = 'village'\n", "tool.giocheck.agency.level"),
        ("[tool.giocheck.agency]\nmotto = 'x'\n", "tool.giocheck.agency.motto"),
        ("[tool.giocheck]\nseverity = {T3 = 'fatal'}\n", "tool.giocheck.severity.T3"),
        ("[tool.giocheck\n", "TOML"),
    ],
)
def test_bad_configuration_is_one_line_naming_file_and_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, needle: str
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(text, encoding="utf-8")
    report = broken_copy(tmp_path)
    code, _out, err = run(capsys, "check", str(report), "--config", str(config), "--lang", "en")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert str(config) in err and needle in err
    assert "Traceback" not in err


def test_the_file_selects_and_the_command_line_overrides(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = broken_copy(tmp_path)
    (tmp_path / "giocheck.toml").write_text("ignore = ['T3']\nlang = 'en'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", str(report))
    assert code == 0 and "1 file checked" in out and "T3_BALANCE" not in out
    code, out, _ = run(capsys, "check", str(report), "--ignore", "T4", "--lang", "zh")
    assert code == 1 and "T3_BALANCE" in out and "共检查" in out
    code, out, _ = run(capsys, "check", str(report), "--select", "T3_BALANCE", "--ignore", "T4")
    assert code == 1 and "T3_BALANCE" in out and "T3_ROW_TOTAL" not in out


def test_overrides_keep_what_is_not_given() -> None:
    base = Config.model_validate({"select": ["T3"], "ignore": ["T3_BALANCE"], "extend-select": ["T4"], "lang": "en"})
    same = with_overrides(base)
    assert same == base
    changed = with_overrides(base, select=["t2"], extend_select=["X"], lang="zh")
    assert changed.select == ["T2"] and changed.ignore == ["T3_BALANCE"]
    assert changed.extend_select == ["T4", "X"] and changed.lang == "zh"
    with pytest.raises(ConfigError, match="规则选择有误"):
        with_overrides(base, select=["表三"])


def test_no_file_means_every_shipped_rule(tmp_path: Path) -> None:
    config = resolve_config(None, tmp_path)
    assert config == Config()
    assert configured_rules(config).rules == default_rules().rules
    with pytest.raises(ConfigError, match="配置文件不存在"):
        resolve_config(tmp_path / "missing.toml", tmp_path)


def test_a_configuration_that_is_not_utf8_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "giocheck.toml"
    config.write_bytes("# 配置\nlang = 'zh'\n".encode("gbk"))
    code, _out, err = run(capsys, "check", str(broken_copy(tmp_path)), "--config", str(config))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith(f"giocheck: {config}: 不是 UTF-8 编码") and "Traceback" not in err


def test_a_pyproject_found_upward_that_is_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes("[project]\nname = '年报'\n".encode("gbk"))
    inner = tmp_path / "reports"
    inner.mkdir()
    report = broken_copy(inner)
    monkeypatch.chdir(inner)
    code, _out, err = run(capsys, "check", str(report))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert str(tmp_path / "pyproject.toml") in err and "UTF-8" in err


def test_the_configured_agency_name_replaces_the_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "giocheck.toml").write_text("[agency]\nname = '达州市渠县信访局'\n", encoding="utf-8")
    report = clean_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", str(report), "--format", "json")
    assert code == 0 and json.loads(out)["files"][0]["agency"] == "达州市渠县信访局"
    (tmp_path / "giocheck.toml").write_text("[agency]\nname = ''\n", encoding="utf-8")
    code, _out, err = run(capsys, "check", str(report))
    assert code == 2 and "agency.name" in err


def test_the_configured_publication_date_feeds_the_deadline_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 渠县信访局 is a county department: its 2025 report is due by 2026-01-31 (条例第四十九条).
    report = tmp_path / "report.txt"
    report.write_bytes(QU.read_bytes())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "giocheck.toml").write_text("published = 2026-02-20\n", encoding="utf-8")
    code = main(["check", str(report), "--format", "json"])
    fired = [f["rule"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]]
    assert code == 1
    assert "Y_DEADLINE" in fired
    code = main(["check", str(report), "--format", "json", "--published", "2026-01-20"])
    fired = [f["rule"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]]
    assert "Y_DEADLINE" not in fired


def test_a_typo_on_the_command_line_is_blamed_on_the_flag_not_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "giocheck.toml").write_text("ignore = ['T4']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "check", str(QU), "--select", "T3_ROW_TOTL")
    assert code == 2 and err == "giocheck: --select: T3_ROW_TOTL 不对应任何规则\n"
    code, _out, err = run(capsys, "check", str(QU), "--extend-select", "T9", "--lang", "en")
    assert code == 2 and err == "giocheck: --extend-select: T9 matches no rule\n"
    # A typo in the file is still the file's.
    (tmp_path / "giocheck.toml").write_text("ignore = ['T4_SUMM']\n", encoding="utf-8")
    code, _out, err = run(capsys, "check", str(QU))
    assert code == 2 and err.startswith(f"giocheck: {tmp_path / 'giocheck.toml'}: ignore 中的 T4_SUMM")


def test_giocheck_toml_may_hold_the_guides_tool_giocheck_table(tmp_path: Path) -> None:
    path = tmp_path / "giocheck.toml"
    path.write_text("[tool.giocheck]\nselect = ['T3']\n\n[tool.giocheck.agency]\nkind = 'department'\n", "utf-8")
    config = load_config(path)
    assert config.select == ["T3"] and config.agency.kind == "department"
    path.write_text("[tool.giocheck]\nselekt = ['T3']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"未知的配置项 tool\.giocheck\.selekt$"):
        load_config(path)
    # Anything besides that one table is named, with a hint at the two accepted shapes.
    path.write_text("lang = 'zh'\n[tool.giocheck]\nselect = ['T3']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "未知的配置项 tool（配置项写在顶层，或只写一个 [tool.giocheck] 表）" in raised.value.message("zh")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("lang = 'fr'\n", "配置项 lang 有误：应为 'zh'、'en' 之一", "Input should be 'zh' or 'en'"),
        ("severity = {T3 = 'fatal'}\n", "应为 'error'、'warning'、'info' 之一", "Input should be"),
        ("published = 'soon'\n", "配置项 published 有误：应为日期（如 2026-01-20）", "published"),
        ("select = 3\n", "配置项 select 有误：应为列表", "select"),
        ("[agency]\nname = ''\n", "配置项 agency.name 有误：不能为空", "agency.name"),
    ],
)
def test_configuration_errors_are_in_chinese(tmp_path: Path, text: str, zh: str, en: str) -> None:
    path = tmp_path / "giocheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert zh in raised.value.message("zh") and "Input should" not in raised.value.message("zh")
    assert en in raised.value.message("en")
