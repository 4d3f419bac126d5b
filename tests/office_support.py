"""A city's worth of generated reports for the office outputs: many agencies, two years, faults
injected into T2–T4 cells, second reports of one agency's year, and files that could not be read.

Built in memory from the two samples (read once) with `giocheck.strategies.replace_cell`, then
checked like `giocheck check` checks a folder: fast enough for hundreds of reports in a test.
"""

from __future__ import annotations

import random
from functools import cache

from giocheck.api import check, load
from giocheck.engine.findings import CellRef
from giocheck.engine.rulefile import default_rules
from giocheck.model import AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.render.sheets import Export
from giocheck.strategies import replace_cell
from tests.conftest import HUAIAN, QU

_PLACES = [f"{a}{b}县" for a in "东西南北中" for b in "山水林田湖草沙河海江"]
_BODIES = ("人民政府", "司法局", "统计局")
# Cells a fault is put into: sums, balances, grand totals and single cells of every table.
_FAULT_CELLS = (
    CellRef("T3", "NEW", "TOT"),
    CellRef("T3", "R_GRANT", "NP"),
    CellRef("T3", "R_TOTAL", "TOT"),
    CellRef("T3", "CARRY_OUT", "OT"),
    CellRef("T4", "DATA", "RV_TOT"),
    CellRef("T4", "DATA", "LA_KEEP"),
    CellRef("T4", "DATA", "LD_TOT"),
)


@cache
def _samples() -> tuple[AnnualReport, AnnualReport]:
    return load(HUAIAN), load(QU)


def agencies(count: int) -> list[str]:
    """`count` agency names: county governments and their departments."""
    return [f"{place}{body}" for body in _BODIES for place in _PLACES][:count]


def _variant(agency: str, year: int, faults: int, chance: random.Random) -> AnnualReport:
    government, department = _samples()
    report = government if agency.endswith("人民政府") else department
    metadata = report.metadata.model_copy(update={"agency": agency, "year": year})
    report = report.model_copy(update={"metadata": metadata})
    for ref in chance.sample(_FAULT_CELLS, faults):
        cell = report.cell(ref.table, ref.row, ref.column)
        old = cell.value if cell is not None and isinstance(cell.value, int) else 0
        report = replace_cell(report, ref, old + chance.choice((-3, -1, 1, 2, 7)))
    return report


def city(agency_count: int = 125, seed: int = 10) -> list[FileOutcome]:
    """Reports of `agency_count` agencies for 2023 and 2024 (≥ 2.5 files an agency): 0–3 faults
    each, a second 2024 report for every other agency, and one file in nine unreadable."""
    chance = random.Random(seed)
    rules = default_rules()
    outcomes: list[FileOutcome] = []
    for number, agency in enumerate(agencies(agency_count)):
        years = [2023, 2024] + ([2024] if number % 2 == 0 else [])
        for copy, year in enumerate(years):
            path = f"city/{year}/{number:03d}-{copy}.txt"
            if chance.randrange(9) == 0:
                outcomes.append(FileOutcome(path, None, "不是政府信息公开工作年度报告", "not an annual report"))
                continue
            report = _variant(agency, year, chance.choice((0, 0, 1, 1, 2, 3)), chance)
            outcomes.append(FileOutcome(path, check(report, rules)))
    return outcomes


def city_export(agency_count: int = 125, lang: str = "zh") -> Export:
    """The generated city as the office exports draw it."""
    return Export(city(agency_count), default_rules(), lang, versions=("test", "rules"))
