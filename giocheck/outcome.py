"""What checking one file came to: its result, or the one line that says why it has none."""

from __future__ import annotations

from datetime import date

import attrs

from giocheck.engine.findings import Finding, Result


@attrs.frozen
class Accepted:
    """A finding the baseline accepts: shown as accepted, not counted (giocheck/baseline.py)."""

    finding: Finding
    reason: str
    expires: date | None = None


@attrs.frozen
class FileOutcome:
    """One file: its result (None if unreadable) and the one-line error, if any.

    `accepted` holds the findings a baseline accepted (taken out of `result`).
    """

    path: str
    result: Result | None
    error_zh: str | None = None
    error_en: str | None = None
    accepted: tuple[Accepted, ...] = ()

    def error(self, lang: str = "zh") -> str | None:
        """The one-line error in `zh` or `en`."""
        return self.error_zh if lang == "zh" else self.error_en
