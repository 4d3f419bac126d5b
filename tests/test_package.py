"""Packaging and start-up: rules ship in the wheel, `import giocheck` stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """giocheck's wheel, built once for the tests that install it."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(wheels.glob("giocheck-*.whl"))


def test_import_does_not_pull_in_hypothesis_or_rich() -> None:
    code = "import sys, giocheck; print(json.dumps(sorted(m for m in ('hypothesis', 'rich') if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.slow
def test_the_wheel_carries_the_rules_and_finds_them(wheel: Path, tmp_path: Path) -> None:
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


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_checks_the_sample(wheel: Path, tmp_path: Path) -> None:
    """What the README tells a user to do, offline: a wheel into a new venv, then `giocheck check`."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    own_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies come from this interpreter's site packages (no network); a plain path in a
    # .pth is searched after the venv's own packages, and its editable giocheck is not activated.
    shared = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(own_site) / "_test_dependencies.pth").write_text("\n".join(sorted(shared)) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    sample = tmp_path / "sample.txt"
    sample.write_bytes((ROOT / "examples" / "qu-county-petition-bureau-2025.txt").read_bytes())
    done = subprocess.run(
        [
            str(scripts / ("giocheck.exe" if sys.platform == "win32" else "giocheck")),
            "check",
            "--jobs",
            "1",
            "--format",
            "text",
            str(sample),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": str(scripts), "GIOCHECK_LANG": "zh"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "渠县信访局" in done.stdout and "1 个无错误" in done.stdout
    probe = "import giocheck, giocheck.resources as r; print(giocheck.__file__); print(r.rules_dir())"
    where = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)
    module, rules = where.stdout.split()
    assert Path(module).is_relative_to(venv) and Path(rules).is_relative_to(venv)
