"""The docs that are generated or promised stay true."""

from __future__ import annotations

import re
from pathlib import Path

from giocheck.engine.rulefile import default_rules
from giocheck.render.catalogue import markdown_catalogue

ROOT = Path(__file__).resolve().parent.parent


def test_rule_catalogue_is_generated_from_the_rule_files() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == markdown_catalogue(default_rules()), "run: giocheck rules --markdown > docs/rules.md"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (setup_and_run,) = re.findall(r"```sh\n(python3 -m venv .*)\n```", readme)
    assert "giocheck check examples/" in setup_and_run
    assert (ROOT / setup_and_run.split("giocheck check ")[1]).is_file()
    # One command installs what the tests need, the outside programs included, and runs them all.
    (test,) = re.findall(r"```sh\n(sh tests/setup-system\.sh .*)\n```", readme)
    assert "python3 -m venv" in test and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_architecture_names_modules_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for path in re.findall(r"`(giocheck/[\w/]+\.py)`", text):
        assert (ROOT / path).is_file(), path


def test_architecture_names_every_module() -> None:
    """Each module is named: by its path, or as `name.py` on the line that names its folder."""
    lines = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines()
    missing = []
    for module in sorted((ROOT / "giocheck").rglob("*.py")):
        path = module.relative_to(ROOT).as_posix()
        folder = module.parent.relative_to(ROOT).as_posix() + "/"
        named = any(
            f"`{path}`" in line or (folder != "giocheck/" and f"`{folder}`" in line and f"`{module.name}`" in line)
            for line in lines
        )
        if not named:
            missing.append(path)
    assert not missing, f"docs/architecture.md does not name: {missing}"
