"""Shared fixtures and the Hypothesis profiles (fixed and database-free unless asked otherwise)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.browser import chromium, screenshots  # noqa: F401  (fixtures shared by every browser test)

# The rules that compare a report with the calendar (Y_YEAR_ENDED) see this day as today.
os.environ.setdefault("GIOCHECK_TODAY", "2026-06-30")

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
# Deterministic unless a developer asks for fresh examples with HYPOTHESIS_PROFILE=dev.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Compiled rule plans go to a folder of this run, not the user's cache (giocheck/engine/plancache.py).
os.environ.setdefault("GIOCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="giocheck-plans-"))

DATA = Path(__file__).parent / "data"
QU = DATA / "qu-county-petition-bureau-2025.txt"
HUAIAN = DATA / "huaian-city-government-2024.pypdf.txt"


@pytest.fixture
def qu_text() -> str:
    """The 渠县信访局 2025 sample as text."""
    return QU.read_text(encoding="utf-8")


@pytest.fixture
def huaian_text() -> str:
    """The 淮安市人民政府 2024 sample as pypdf extracted it."""
    return HUAIAN.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has a result cache of its own (giocheck/cache.py): none reads another's results."""
    monkeypatch.setenv("GIOCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("giocheck-cache")))
