"""Which files a folder search checks: `giocheck check FOLDER` and `pytest --giocheck` decide alike
(`giocheck.readers.is_report_file`): no hidden folders, virtual environments, `node_modules` or
`__pycache__`, and JSON/YAML only when it is report data (a top-level `metadata` key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from giocheck.api import load
from giocheck.cli import main
from giocheck.readers import is_report_file
from giocheck.runner import collect
from giocheck.writers.output import render_bytes
from tests.conftest import DATA, QU

pytest_plugins = ["pytester"]

# What a search of the folder finds, relative to it.
REPORTS = ["broken.json", "report.json", "report.txt", "report.yaml", "sub/report.txt"]


def _tree(root: Path) -> Path:
    """A folder of reports beside files and folders that are not reports."""
    files = {
        "report.txt": QU.read_bytes(),
        "sub/report.txt": QU.read_bytes(),
        "report.json": render_bytes(load(QU), ".json"),
        "report.yaml": render_bytes(load(QU), ".yaml"),
        "broken.json": b'{"metadata": {"format": "2021",\n',  # report data, cut off: its error is wanted
        "report.expected.json": (DATA / "qu-county-petition-bureau-2025.expected.json").read_bytes(),
        "package.json": b'{"name": "site", "version": "1.0.0"}',
        "settings.yaml": b"theme: dark\nlist: [metadata]\n",
        "list.json": b'[{"metadata": 1}]',
        "notes.md": "不是报告".encode(),
        ".git/description.txt": b"Unnamed repository",
        ".venv/pyvenv.cfg": b"home = /usr/bin\n",
        ".venv/lib/site-packages/licence.txt": b"MIT",
        "env/pyvenv.cfg": b"home = /usr/bin\n",
        "env/lib/readme.txt": b"a virtual environment without a dot",
        "node_modules/left-pad/README.txt": b"pad",
        "sub/__pycache__/module.txt": b"cache",
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_a_folder_search_takes_reports_only(tmp_path: Path) -> None:
    root = _tree(tmp_path / "reports")
    files, errors = collect([root])
    assert errors == []
    assert [path.relative_to(root).as_posix() for path in files] == REPORTS


def test_named_files_are_always_tried(tmp_path: Path) -> None:
    root = _tree(tmp_path / "reports")
    named = [root / "report.expected.json", root / ".venv" / "lib" / "site-packages" / "licence.txt"]
    assert collect(named) == (named, [])
    assert is_report_file(root / "package.json", root, named=True)
    assert not is_report_file(root / "package.json", root)
    assert not is_report_file(root / ".git" / "description.txt", root)
    assert is_report_file(root / ".git" / "description.txt", root / ".git")  # the search starts inside


def test_the_sample_folder_has_no_unreadable_files(capsys: pytest.CaptureFixture[str]) -> None:
    files, _errors = collect([DATA])
    assert files and not any(path.name.endswith(".expected.json") for path in files)
    assert main(["show", "--json", str(DATA / "qu-county-petition-bureau-2025.expected.json")]) == 2
    assert "报告数据字段 metadata" in capsys.readouterr().err  # named: tried, and said why it is no report


def test_check_a_folder_with_a_virtual_environment(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(QU.read_bytes())
    _tree(tmp_path / "project")
    for name in ("report.txt", "report.json", "report.yaml", "broken.json", "sub/report.txt"):
        (tmp_path / "project" / name).unlink()
    assert main(["check", str(tmp_path), "--quiet"]) == 0, capsys.readouterr().out


def test_the_pytest_plugin_collects_the_same_files(pytester: pytest.Pytester) -> None:
    _tree(pytester.path / "reports")
    # pytest's own defaults skip dot-folders; the plugin must not rely on them.
    pytester.makeini("[pytest]\nnorecursedirs = build\n")
    result = pytester.runpytest_subprocess("--giocheck", "--collect-only", "-q", "reports")
    collected = sorted(line.split("::")[0] for line in result.stdout.lines if "::giocheck" in line)
    assert collected == [f"reports/{name}" for name in REPORTS]
    named = pytester.runpytest_subprocess("--giocheck", "--collect-only", "-q", "reports/report.expected.json")
    assert [line for line in named.stdout.lines if "::giocheck" in line] == ["reports/report.expected.json::giocheck"]
