"""The one place that names the modules holding rule kinds: importing it registers every kind.

A new kind module is added here; `giocheck.engine.registry.KINDS` then has its kinds.
"""

from __future__ import annotations

from giocheck.engine import blanks, claims, content, dates, kinds, labelling, reading, units, years

MODULES = (kinds, blanks, claims, content, dates, labelling, reading, units, years)
"""The kind modules, table kinds first (the order `giocheck rules` lists kinds in)."""
