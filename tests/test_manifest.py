"""`--manifest files.csv`: per-file dates, agencies, kinds and levels; agencies without a report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from giocheck.errors import ConfigError
from giocheck.manifest import load_manifest
from tests.ci_support import run
from tests.conftest import QU

pytest_plugins = ["pytester"]

HEADER = "path,agency,published,kind,level,URL\n"


def _reports(folder: Path) -> None:
    (folder / "on-time.txt").write_bytes(QU.read_bytes())
    (folder / "late.txt").write_bytes(QU.read_bytes())


def _deadline(document: dict[str, object], name: str) -> list[str]:
    files = document["files"]
    assert isinstance(files, list)
    entry = next(f for f in files if f["path"].endswith(name))
    return [f["message"] for f in entry["findings"] if f["rule"] == "Y_DEADLINE"]


def test_each_file_gets_its_own_date_before_the_configured_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reports(tmp_path)
    (tmp_path / "giocheck.toml").write_text("published = 2026-06-01\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # Without a manifest the one configured date makes both reports late.
    code, out, _ = run(capsys, "check", ".", "--format", "json", "--select", "Y_DEADLINE", "-j", "1")
    assert code == 1 and _deadline(json.loads(out), "on-time.txt") and _deadline(json.loads(out), "late.txt")
    (tmp_path / "files.csv").write_text(
        HEADER + "on-time.txt,渠县信访局,2026-01-20,部门,县级,https://example.org/a\nlate.txt,渠县信访局,,,,\n",
        encoding="utf-8",
    )
    # The manifest's date wins over the configuration; a row without one keeps it. With no PATH,
    # the manifest's files are checked.
    code, out, _ = run(capsys, "check", "--manifest", "files.csv", "--format", "json", "--select", "Y_DEADLINE")
    document = json.loads(out)
    assert _deadline(document, "on-time.txt") == []
    assert _deadline(document, "late.txt")
    on_time = next(f for f in document["files"] if f["path"].endswith("on-time.txt"))
    assert on_time["published"] == "2026-01-20" and on_time["published_source"] == "given"
    # ... and wins over --published too.
    code, out, _ = run(
        capsys, "check", ".", "--manifest", "files.csv", "--published", "2026-05-01", "--format", "json",
        "--select", "Y_DEADLINE", "-j", "1",
    )  # fmt: skip
    assert _deadline(json.loads(out), "on-time.txt") == []
    assert "2026-05-01" in _deadline(json.loads(out), "late.txt")[0]


def test_agencies_of_the_manifest_without_a_report_are_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _reports(tmp_path)
    manifest = tmp_path / "files.csv"
    manifest.write_text(
        "机关,路径,发布日期\n渠县信访局,on-time.txt,2026-01-20\n渠县司法局,,\n渠县民政局,gone.txt,\n",
        encoding="utf-8-sig",
    )
    code, out, _ = run(capsys, "check", "--manifest", str(manifest), "--format", "json")
    assert json.loads(out)["missing"] == ["渠县司法局", "渠县民政局"]
    code, out, _ = run(capsys, "check", "--manifest", str(manifest), "--summary")
    assert code in (0, 1)
    assert "清单中的机关没有报告：渠县司法局" in out and "渠县民政局" in out


def test_the_manifest_names_the_agency_kind_and_level(tmp_path: Path) -> None:
    manifest = tmp_path / "files.csv"
    manifest.write_text(HEADER + "a.txt,某市统计局,2025/01/20,department,city,\n", encoding="utf-8")
    entry = load_manifest(manifest).entry(tmp_path / "a.txt")
    assert entry is not None
    assert (entry.agency, entry.published, entry.kind, entry.level) == (
        "某市统计局",
        date(2025, 1, 20),
        "department",
        "city",
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "清单文件是空的"),
        ("file,when\nx.txt,1\n", "缺少 path 列"),
        (HEADER + "a.txt,,,,,\n", ":2: 机关名称为空"),
        (HEADER + "a.txt,某局,2025-13-01,,,\n", ":2: 发布日期应为 YYYY-MM-DD"),
        (HEADER + "a.txt,某局,,ministry,,\n", "类型应为"),
        (HEADER + "a.txt,某局,,,village,\n", "层级应为"),
    ],
)
def test_a_wrong_manifest_is_one_line_naming_the_file_and_line(tmp_path: Path, text: str, says: str) -> None:
    manifest = tmp_path / "files.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_manifest(manifest)
    assert str(manifest) in str(caught.value) and says in str(caught.value)


def test_the_cli_says_what_is_wrong_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "check", "--manifest", str(tmp_path / "none.csv"))[0] == 2
    code, _, err = run(capsys, "check")
    assert code == 2 and "没有要检查的路径" in err and "Traceback" not in err


def test_the_pytest_plugin_takes_the_manifest(pytester: pytest.Pytester) -> None:
    dated = pytester.path / "dated"
    dated.mkdir()
    (dated / "qu.txt").write_bytes(QU.read_bytes())
    (dated / "giocheck.toml").write_text("published = 2026-06-01\n", encoding="utf-8")
    (dated / "files.csv").write_text(HEADER + "qu.txt,渠县信访局,2026-01-20,,,\n", encoding="utf-8")
    common = ("--giocheck", "dated", "-p", "no:cacheprovider", "--rootdir", str(dated))
    pytester.runpytest_subprocess(*common).assert_outcomes(failed=1)
    manifest = str(dated / "files.csv")
    pytester.runpytest_subprocess(*common, "--giocheck-manifest", manifest).assert_outcomes(passed=1)
