"""Which files a folder search checks: `giocheck check FOLDER` and `pytest --giocheck` decide alike
(`giocheck.readers.is_report_file`): no hidden folders, virtual environments, `node_modules` or
`__pycache__`, and JSON/YAML only when it is report data (a top-level `metadata` key)."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from giocheck.api import load
from giocheck.cli import main
from giocheck.outcome import FileOutcome
from giocheck.readers import is_report_file, is_skipped_folder, search_folder
from giocheck.runner import collect, search_names
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


def _denied(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """Make `folders` behave as with `chmod 000` for a user who is not root (tests run as root):
    listing them fails, and so does looking at a file inside (Python 3.11's `Path.is_file`
    raises on EACCES)."""
    listing, is_file = os.scandir, Path.is_file

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path) in folders:
            raise PermissionError(13, "Permission denied", path)
        return listing(path)

    def looked_at(self: Path) -> bool:
        if self.parent in folders:
            raise PermissionError(13, "Permission denied", str(self))
        return is_file(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "is_file", looked_at)


def test_an_unreadable_subfolder_is_named_and_the_rest_is_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("report.txt", "sub/report.txt"):
        (tmp_path / name).write_bytes(QU.read_bytes())
    _denied(monkeypatch, tmp_path / "sub")
    files, errors = collect([tmp_path])
    assert files == [tmp_path / "report.txt"]
    assert [(e.path, e.error_zh, e.error_en) for e in errors] == [
        (str(tmp_path / "sub"), "无法打开：Permission denied", "cannot open: Permission denied")
    ]
    code = main(["check", str(tmp_path), "--format", "text", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in out + err
    assert f"{tmp_path / 'sub'}: ✗ 无法读取：无法打开：Permission denied" in out.splitlines()
    assert "共检查 2 个文件：1 个无错误" in out  # the readable report is still checked


def test_an_unreadable_folder_is_named_not_said_empty(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(QU.read_bytes())
    _denied(monkeypatch, tmp_path)
    assert search_folder(tmp_path).files == ()
    files, errors = collect([tmp_path])
    assert files == []
    assert [(e.path, e.error_zh) for e in errors] == [(str(tmp_path), "无法打开：Permission denied")]


def test_a_folder_that_cannot_be_looked_into_is_no_virtual_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `is_skipped_folder` looks for `pyvenv.cfg`: this crashed the search and the pytest plugin.
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    assert is_skipped_folder(tmp_path / "sub")
    _denied(monkeypatch, tmp_path / "sub")
    assert not is_skipped_folder(tmp_path / "sub")
    assert is_report_file(tmp_path / "sub" / "deeper" / "report.txt", tmp_path)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_a_report_piped_to_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, QU.read_text(encoding="utf-8").encode("gbk"))  # bytes, their encoding detected
    assert main(["check", "-", "-", "--format", "json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(f["path"], f["format"], f["error"]) for f in files] == [("<stdin>", "2021", None)]
    _stdin(monkeypatch, QU.read_bytes())
    assert main(["show", "-", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["path"] == "<stdin>" and shown["agency"] == "渠县信访局"


def test_empty_standard_input_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, b"")
    assert main(["check", "-", "--format", "text"]) == 2
    assert "<stdin>: ✗ 无法读取：文件为空" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["check", "show"])
def test_a_broken_link_names_its_target(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    link = tmp_path / "report.pdf"
    link.symlink_to(tmp_path / "moved" / "report.pdf")
    code = main([command, str(link)])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in out + err
    [line] = [line for line in (out + err).splitlines() if str(link) in line]
    assert f"是失效的链接：指向的 {tmp_path / 'moved' / 'report.pdf'} 不存在" in line


def test_a_broken_link_in_a_folder_is_not_passed_over(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(QU.read_bytes())
    (tmp_path / "gone.pdf").symlink_to("elsewhere.pdf")
    (tmp_path / "gone.png").symlink_to("elsewhere.png")  # no report suffix: not a report either way
    assert collect([tmp_path]) == ([tmp_path / "gone.pdf", tmp_path / "report.txt"], [])


def test_show_a_missing_file_says_it_does_not_exist(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["show", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err.strip() == f"giocheck: {tmp_path / 'nope.txt'}: 文件不存在"
    assert main(["show", str(tmp_path)]) == 2
    assert "是文件夹，不是文件" in capsys.readouterr().err


def test_the_same_file_named_twice_is_checked_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = _tree(tmp_path / "reports")
    monkeypatch.chdir(root)
    named = [Path("report.txt"), Path("./report.txt"), root / "report.txt", root / "sub" / ".." / "report.txt"]
    assert collect(named) == ([Path("report.txt")], [])
    files, _errors = collect([root, root / "sub" / "report.txt", Path("report.txt")])
    assert [path.relative_to(root).as_posix() for path in files] == REPORTS
    assert main(["check", "report.txt", "./report.txt", str(root / "sub"), "sub/report.txt", "--format", "json"]) == 0
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert paths == ["report.txt", str(root / "sub" / "report.txt")]


def test_the_streamed_search_finds_what_search_folder_finds_in_the_same_order(tmp_path: Path) -> None:
    # Path order is not string order ("a-b.txt" < "a/x.txt" as strings, not as paths): the
    # depth-first search must give exactly search_folder's sorted tuple.
    for name in ("a/x.txt", "a-b.txt", "a.txt", "b/c/d.txt", "b/c.txt", "B.txt", ".hidden/e.txt", "a/data.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(QU.read_bytes())
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tmp_path / "venv" / "f.txt").write_bytes(QU.read_bytes())
    (tmp_path / "linked").symlink_to(tmp_path / "b", target_is_directory=True)
    unreadable: list[FileOutcome] = []
    found = [Path(name) for name in search_names(tmp_path, unreadable)]
    assert found == list(search_folder(tmp_path).files) and unreadable == []
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "B.txt",
        "a/x.txt",
        "a-b.txt",
        "a.txt",
        "b/c/d.txt",
        "b/c.txt",
    ]
