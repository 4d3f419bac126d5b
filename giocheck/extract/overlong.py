"""Numbers too long to be counts: a cell whose digits exceed the `number_digits` limit.

No count in an annual report has more than a handful of digits, and Python refuses to print an
int of more than 4,300 digits (and takes quadratic time to make one). Such a cell is read as
blank (`tokens.parse_number` gives None), and this pass records a `long_number` note naming it,
so the check names the cell instead of failing on it.
"""

from __future__ import annotations

import re

from giocheck.limits import current_limits
from giocheck.model import AnnualReport, ReadNote

_DIGIT_RUN = re.compile(r"\d+")


def too_many_digits(text: str) -> bool:
    """Whether `text` holds more digits than a number may have (`Limits.number_digits`)."""
    limit = current_limits().number_digits
    return len(text) > limit and sum(len(run) for run in _DIGIT_RUN.findall(text)) > limit


def with_long_numbers(report: AnnualReport) -> AnnualReport:
    """`report` with a `long_number` note for each cell read as blank for its too many digits."""
    notes: list[ReadNote] = []
    limit = current_limits().number_digits
    for key, table in report.tables.items():
        for row_key, row in table.rows.items():
            for cell in row.cells.values():
                if cell.value is None and too_many_digits(cell.raw):
                    digits = sum(len(run) for run in _DIGIT_RUN.findall(cell.raw))
                    notes.append(
                        ReadNote(
                            kind="long_number",
                            table=key,
                            row=row_key,
                            printed=f"{cell.raw[:12]}…",
                            names=[row.label or row_key],
                            location=cell.location,
                            message_zh=f"数字有 {digits} 位，超过上限 {limit} 位（number_digits），按空白处理",
                            message_en=f"a number of {digits} digits, over the limit of {limit} (number_digits); "
                            "read as blank",
                        )
                    )
    if not notes:
        return report
    return report.model_copy(update={"notes": [*report.notes, *notes]})
