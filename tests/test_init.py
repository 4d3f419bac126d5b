"""Start-up (giocheck/__init__.py, giocheck/cli.py): `import giocheck` and the command import
only what they run; the public names still come on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import giocheck
from tests.conftest import QU

# Optional and heavy libraries that a text check, `--help` or `import giocheck` never needs.
HEAVY = ("lxml", "openpyxl", "pypdfium2", "pdfplumber", "pdfminer", "docx", "fastapi", "starlette", "reportlab")


def _modules(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if name.split(".")[0] in HEAVY)


def test_import_giocheck_imports_no_engine_and_no_heavy_library() -> None:
    modules = _modules("import giocheck")
    assert _heavy(modules) == []
    assert not {"giocheck.engine", "giocheck.model", "giocheck.readers", "pydantic", "rich"} & modules


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["check", "--format", "text", str(QU)]])
def test_the_command_imports_no_heavy_library(arguments: list[str]) -> None:
    code = f"from giocheck.cli import main\ntry:\n    main({arguments!r})\nexcept SystemExit:\n    pass"
    modules = _modules(code)
    assert _heavy(modules) == []
    assert "rich" not in modules  # plain text output draws nothing with rich
    if arguments[0].startswith("--"):
        assert "giocheck.execution" not in modules and "giocheck.extract" not in modules


def test_the_public_names_come_on_first_use() -> None:
    assert giocheck.check is giocheck.api.check
    assert giocheck.AnnualReport.__name__ == "AnnualReport"
    assert set(giocheck.__all__) <= set(dir(giocheck))
    assert all(getattr(giocheck, name) is not None for name in giocheck.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        giocheck.nothing  # noqa: B018
