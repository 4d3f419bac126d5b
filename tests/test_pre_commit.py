"""The pre-commit hook: the manifest is valid, and a throwaway repository rejects a broken report.

pre-commit builds a `language: python` hook's environment by pip-installing the hook repository,
which needs the network; the throwaway repository therefore declares the same hook as
`repo: local` with `language: system` (the giocheck of this interpreter), taking `files` and
`pass_filenames` from `.pre-commit-hooks.yaml` so the shipped pattern is what is exercised.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from giocheck import readers
from tests.ci_support import BROKEN_T4, TABLE_RULES, broken_copy, fixed_copy

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
# Too common in a repository to match by default: data files, and Markdown (READMEs, docs).
DATA_SUFFIXES = (".json", ".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def _manifest() -> list[dict[str, Any]]:
    code = "import json, sys; from pre_commit.clientlib import load_manifest; print(json.dumps(load_manifest(sys.argv[1])))"
    done = subprocess.run([sys.executable, "-c", code, str(MANIFEST)], capture_output=True, text=True, check=True)
    hooks: list[dict[str, Any]] = json.loads(done.stdout)
    return hooks


def test_the_manifest_is_valid_and_matches_every_report_suffix() -> None:
    (hook,) = _manifest()
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "giocheck",
        "giocheck check --skip-non-reports",
        "python",
        True,
    )
    pattern = re.compile(hook["files"])
    for suffix in readers.REPORT_SUFFIXES:
        if suffix not in (*DATA_SUFFIXES, *MARKDOWN_SUFFIXES):
            assert pattern.search(f"reports/2024{suffix}") and pattern.search(f"reports/2024{suffix.upper()}"), suffix
    assert not pattern.search("src/app.py")


def _git(repo: Path, *args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


def _repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A throwaway git repository with the hook installed as the manifest declares it (entry
    arguments, `files`, `pass_filenames`), run by this interpreter; and the environment for git."""
    (hook,) = _manifest()
    repo = tmp_path / "repo"
    (repo / "reports").mkdir(parents=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    _git(repo, "init", "-q", env=env)
    command, *arguments = shlex.split(hook["entry"])
    assert command == "giocheck"
    entry = shlex.join([sys.executable, "-m", "giocheck", *arguments, "--select", TABLE_RULES])
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        f"      - id: {hook['id']}\n"
        f"        name: {hook['id']}\n"
        f"        entry: {entry}\n"
        "        language: system\n"
        f"        pass_filenames: {str(hook['pass_filenames']).lower()}\n"
        f"        files: {json.dumps(hook['files'])}\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    return repo, env


def test_a_commit_of_a_broken_report_is_rejected_and_a_fixed_one_accepted(tmp_path: Path) -> None:
    repo, env = _repository(tmp_path)
    (repo / "README.md").write_text("not a report\n", encoding="utf-8")
    broken_copy(repo / "reports", "2024.txt", BROKEN_T4)
    _git(repo, "add", ".", env=env)
    rejected = _git(repo, "commit", "-q", "-m", "broken report", env=env, check=False)
    assert rejected.returncode != 0
    assert "T4_SUM_RV" in rejected.stdout + rejected.stderr
    assert _git(repo, "rev-list", "--all", env=env).stdout == ""
    fixed_copy(repo / "reports", "2024.txt")
    _git(repo, "add", ".", env=env)
    accepted = _git(repo, "commit", "-q", "-m", "fixed report", env=env, check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr


@pytest.mark.parametrize("name", ["notes.md", "data.json"])
def test_other_files_do_not_trigger_the_hook(name: str) -> None:
    (hook,) = _manifest()
    assert not re.search(hook["files"], f"docs/{name}")


def test_files_that_are_no_report_do_not_block_a_commit(tmp_path: Path) -> None:
    """`requirements.txt` and a site's `index.html` match the hook's `files`; they are passed over."""
    repo, env = _repository(tmp_path)
    (repo / "requirements.txt").write_text("pytest>=8\nrich>=13\n", encoding="utf-8")
    (repo / "index.html").write_text("<html><body><p>欢迎访问本站</p></body></html>\n", encoding="utf-8")
    _git(repo, "add", ".", env=env)
    done = _git(repo, "commit", "-q", "-m", "dependencies", env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "不是政府信息公开工作年度报告" not in done.stdout + done.stderr
    # The same hook still stops a broken report committed beside them.
    broken_copy(repo / "reports", "2024.txt", BROKEN_T4)
    (repo / "requirements.txt").write_text("pytest>=8\n", encoding="utf-8")
    _git(repo, "add", ".", env=env)
    rejected = _git(repo, "commit", "-q", "-m", "report", env=env, check=False)
    assert rejected.returncode != 0 and "T4_SUM_RV" in rejected.stdout + rejected.stderr
