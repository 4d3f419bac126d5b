"""Today's date for the rules that compare a report with the calendar.

`GIOCHECK_TODAY=2026-03-01` sets it (tests, or re-checking as of a past day); otherwise it is
the machine's date. A value that is no date is one line naming the variable, never a traceback.
"""

from __future__ import annotations

import os
from datetime import date

from giocheck.errors import UsageError

ENV = "GIOCHECK_TODAY"


def today() -> date:
    """The date the checks take as today (`GIOCHECK_TODAY`, else the machine's date)."""
    given = os.environ.get(ENV, "").strip()
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise UsageError(
            f"环境变量 {ENV}={given!r} 不是日期，请写作 YYYY-MM-DD ({ENV} is not a date: write YYYY-MM-DD)"
        ) from None
