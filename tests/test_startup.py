"""What a fresh interpreter imports and builds to run a command: the cold start stays light.

Each command runs in a subprocess (a fresh `sys.modules`), with its own cache folder. Timings
are `benchmarks/startup.py`'s business; these tests pin down the causes: the modules imported
and the pydantic validators built (the first one built also loads pydantic's plugins).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"

# Runs the command line in this process, then reports what it imported and which of giocheck's
# pydantic models have a validator built (`__pydantic_complete__`; all use `defer_build`).
_PROBE = """
import contextlib, io, json, sys
from giocheck.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        code = main(sys.argv[1:])
    except SystemExit as exit:  # --help
        code = exit.code
modules = sorted(sys.modules)
built = []
if "pydantic" in sys.modules:
    from pydantic import BaseModel
    seen, todo = set(), [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    built = sorted(
        f"{c.__module__}.{c.__qualname__}"
        for c in seen
        if c.__module__.startswith("giocheck") and c.__dict__.get("__pydantic_complete__")
    )
print(json.dumps({"code": code, "modules": modules, "built": built, "out": out.getvalue()}))
"""


def _probe(*argv: str, cache: Path) -> dict[str, Any]:
    environment = {**os.environ, "GIOCHECK_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, env=environment, cwd=cache, check=True
    )
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


def _imported(found: dict[str, Any], prefix: str) -> list[str]:
    return [m for m in found["modules"] if m == prefix or m.startswith(prefix + ".")]


def test_help_imports_neither_pydantic_nor_the_engine(tmp_path: Path) -> None:
    found = _probe("--help", cache=tmp_path)
    assert "check" in found["out"]
    for heavy in ("pydantic", "rich", "giocheck.model", "giocheck.engine", "giocheck.config", "giocheck.formats"):
        assert not _imported(found, heavy), heavy


def test_a_text_check_builds_no_pydantic_validator(tmp_path: Path) -> None:
    command = ("check", "--jobs", "1", "--time-budget", "0", str(SAMPLE))
    first = _probe(*command, cache=tmp_path)  # validates the rules and formats into the plan cache
    assert first["code"] == 0 and "F_LABEL_WORDING" in first["out"]
    # Read and checked again (the result cache off): rules, formats and the agency table come
    # from the plan cache; the reader and extractor build the report from trusted values.
    read = _probe(*command, "--no-cache", cache=tmp_path)
    assert read["out"] == first["out"] and read["code"] == first["code"]
    assert read["built"] == []
    assert _imported(read, "giocheck.extract")


def test_a_result_cache_hit_reads_nothing_and_builds_no_validator(tmp_path: Path) -> None:
    command = ("check", "--jobs", "1", "--time-budget", "0", str(SAMPLE))
    first = _probe(*command, cache=tmp_path)
    hit = _probe(*command, cache=tmp_path)
    assert hit["out"] == first["out"] and hit["code"] == first["code"]
    assert hit["built"] == []
    # The outcome comes from the cache: the extractor is not imported.
    for unused in ("giocheck.extract", "rich"):
        assert not _imported(hit, unused), unused


def test_the_plan_cache_off_where_it_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    command = ("check", "--jobs", "1", "--time-budget", "0", str(SAMPLE))
    found = _probe(*command, cache=tmp_path)
    environment = {**os.environ, "GIOCHECK_CACHE_DIR": str(blocked / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "giocheck", *command], capture_output=True, text=True, env=environment, check=False
    )
    assert done.returncode == found["code"] and done.stdout == found["out"] and done.stderr == ""
