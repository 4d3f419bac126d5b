"""giocheck: check 政府信息公开工作年度报告 against the regulation and the national format.

>>> import giocheck
>>> result = giocheck.check("report.txt")
>>> [f.rule for f in result.errors]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giocheck.api import CheckResult, cells, check, load
    from giocheck.engine.findings import CellRef, CellView, Change, Finding, Result
    from giocheck.engine.rulefile import RuleSet, RuleSpec, load_rules
    from giocheck.errors import GiocheckError, ReadError, RuleFileError
    from giocheck.model import AnnualReport, Cell, Location, Metadata, ReadProblem, Row, Section, Table
    from giocheck.runner import check_many

__version__ = "0.1.0"

# The public names and the module each comes from: imported on first use (PEP 562), so
# `import giocheck` and the command's start-up pay only for what they run.
_PUBLIC: dict[str, str] = {
    **dict.fromkeys(("CheckResult", "cells", "check", "load"), "giocheck.api"),
    **dict.fromkeys(("CellRef", "CellView", "Change", "Finding", "Result"), "giocheck.engine.findings"),
    **dict.fromkeys(("RuleSet", "RuleSpec", "load_rules"), "giocheck.engine.rulefile"),
    **dict.fromkeys(("GiocheckError", "ReadError", "RuleFileError"), "giocheck.errors"),
    **dict.fromkeys(
        ("AnnualReport", "Cell", "Location", "Metadata", "ReadProblem", "Row", "Section", "Table"), "giocheck.model"
    ),
    "check_many": "giocheck.runner",
}

__all__ = [
    "AnnualReport",
    "Cell",
    "CellRef",
    "CellView",
    "Change",
    "CheckResult",
    "Finding",
    "GiocheckError",
    "Location",
    "Metadata",
    "ReadError",
    "ReadProblem",
    "Result",
    "Row",
    "RuleFileError",
    "RuleSet",
    "RuleSpec",
    "Section",
    "Table",
    "__version__",
    "cells",
    "check",
    "check_many",
    "load",
    "load_rules",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'giocheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
