"""Packaging and start-up: rules ship in the wheel, `import giocheck` stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_does_not_pull_in_hypothesis_or_rich() -> None:
    code = "import sys, giocheck; print(json.dumps(sorted(m for m in ('hypothesis', 'rich') if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.slow
def test_the_wheel_carries_the_rules_and_finds_them(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("giocheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "giocheck/_rules/formats/2021.toml" in names
    assert "giocheck/_rules/checks/tables.toml" in names
    assert "giocheck/py.typed" in names
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)], check=True
    )
    probe = "import giocheck.resources as r, giocheck; print(r.rules_dir()); print(len(giocheck.load_rules().rules))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
    )
    where, count = done.stdout.split()
    assert Path(where) == target / "giocheck" / "_rules"
    assert int(count) >= 10
