"""The closed sets of values the report model, the configuration and the command line share.

Kept apart from `giocheck.model` so that the command line can offer them (`--agency-kind`,
`--agency-level`) without importing pydantic: `giocheck --help` stays light.
"""

from __future__ import annotations

from typing import Literal

AgencyKind = Literal["government", "office", "dispatched", "department"]
"""What kind of agency publishes a report (giocheck/profile.py infers it from the name)."""
AgencyLevel = Literal["state_council_department", "province", "city", "prefecture", "county", "township"]
"""The agency's level of government."""
