"""giocheck: check 政府信息公开工作年度报告 against the regulation and the national format.

>>> import giocheck
>>> result = giocheck.check("report.txt")
>>> [f.rule for f in result.errors]
"""

from __future__ import annotations

from giocheck.api import CheckResult, cells, check, load
from giocheck.engine.findings import CellRef, CellView, Change, Finding, Result
from giocheck.engine.rulefile import RuleSet, RuleSpec, load_rules
from giocheck.errors import GiocheckError, ReadError, RuleFileError
from giocheck.model import AnnualReport, Cell, Location, Metadata, ReadProblem, Row, Section, Table
from giocheck.runner import check_many

__version__ = "0.1.0"

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
