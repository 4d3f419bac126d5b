"""Read a TOML file the user wrote (configuration, baseline); every failure is one `ConfigError` line.

Also where the configuration is (`find_config`), without importing the configuration model.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from giocheck.errors import ConfigError
from giocheck.filekind import refuse_special
from giocheck.words import pair


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; `ConfigError` naming the file when it cannot be read, is not UTF-8 or not TOML."""
    refuse_special(path, ConfigError)  # opening a FIFO would wait for a writer
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(str(path), *pair("files.toml_unreadable", reason=reason)) from None
    except UnicodeDecodeError as error:
        # tomllib decodes as UTF-8 itself; a GBK-saved file would otherwise escape as a traceback.
        raise ConfigError(str(path), *pair("files.toml_encoding", byte=error.start + 1)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), *pair("files.toml_invalid", error=error)) from None


def find_config(start: Path) -> Path | None:
    """The nearest `giocheck.toml`, or `pyproject.toml` with a `[tool.giocheck]` table, upward from `start`."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "giocheck.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        tool = read_toml(pyproject).get("tool", {}) if pyproject.is_file() else {}
        if isinstance(tool, dict) and "giocheck" in tool:
            return pyproject
    return None
