"""Today's date for the rules that compare a report with the calendar.

A check may be given its own today (`giocheck.check(..., today=date(2026, 3, 1))`, `check_many`,
`Job.today`: `as_of`); otherwise `GIOCHECK_TODAY=2026-03-01` sets it (the command line, tests,
re-checking as of a past day), else it is the machine's date. A value of `GIOCHECK_TODAY` that
is no date is one line naming the variable, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from giocheck.errors import UsageError
from giocheck.words import pair

ENV = "GIOCHECK_TODAY"

# The today a caller gave for the checks running in this context (None: not given).
_GIVEN: ContextVar[date | None] = ContextVar("giocheck_today", default=None)


def today() -> date:
    """The date the checks take as today: the one given (`as_of`), else `GIOCHECK_TODAY`, else
    the machine's date."""
    given = _GIVEN.get()
    if given is not None:
        return given
    text = os.environ.get(ENV, "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(*pair("read.today_env", env=ENV, value=repr(text))) from None


@contextmanager
def as_of(day: date | None) -> Iterator[None]:
    """Checks run inside take `day` as today (None: as before). Bound to the running context,
    so threads and tasks checking with different days do not see each other's."""
    if day is None:
        yield
        return
    token = _GIVEN.set(day)
    try:
        yield
    finally:
        _GIVEN.reset(token)
