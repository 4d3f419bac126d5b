"""Where the data files under `rules/` are, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    """The folder holding `formats/` and `checks/`.

    The wheel carries it as `giocheck/_rules`; a checkout (and an editable install) has it
    at the top of the repository, beside the package.
    """
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if (candidate / "formats").is_dir():
            return candidate
    raise FileNotFoundError(f"giocheck: rules folder not found next to {_PACKAGE}")
