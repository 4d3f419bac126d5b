"""The per-file check on Dask (giocheck/sweep.py): the same outcomes as `giocheck check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from giocheck.cache import outcome_from_json
from giocheck.execution import Job, run_files
from giocheck.outcome import FileOutcome
from giocheck.runner import collect
from giocheck.sweep import check_bytes, identify_bytes
from tests.conftest import HUAIAN, QU

distributed = pytest.importorskip("distributed")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = QU.read_text(encoding="utf-8")
    (folder / "2025.txt").write_text(text, encoding="utf-8")
    (folder / "2024.txt").write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    (folder / "huaian.txt").write_bytes(HUAIAN.read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04garbage")
    return folder


def _shown(outcomes: list[FileOutcome]) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(o.path, tuple(f.fingerprint for f in o.result.findings) if o.result else (), o.error_zh) for o in outcomes]


def test_a_local_cluster_gives_the_outcomes_of_the_cli(tmp_path: Path) -> None:
    from giocheck.sweep import sweep

    folder = _folder(tmp_path)
    files, _errors = collect([folder])
    expected = list(run_files(files, Job(), 1))
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        found = sweep([folder], client=client, partitions=2)
    assert _shown(found) == _shown(expected)
    # The pair was found on the cluster: the 2025 report was compared with 2024's.
    assert any(f.rule.startswith("X_") for o in found if o.result for f in o.result.findings)


def test_the_check_is_a_function_of_bytes() -> None:
    data = QU.read_bytes()
    assert identify_bytes(data, "any-name.txt") == ("渠县信访局", 2025)
    outcome = outcome_from_json(check_bytes(data, "x.txt")["outcome"], "x.txt")
    direct = run_files([QU], Job(), 1)
    assert [f.fingerprint for f in outcome.result.findings] == [  # type: ignore[union-attr]
        f.fingerprint
        for o in direct
        for f in o.result.findings  # type: ignore[union-attr]
    ]


def test_the_callers_limits_travel_with_the_tasks(tmp_path: Path) -> None:
    from giocheck.limits import Limits, use_limits
    from giocheck.sweep import sweep

    folder = _folder(tmp_path)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client, use_limits(Limits(text_chars=100)):
        found = sweep([folder], client=client, partitions=2)  # worker processes of their own
    texts = [o for o in found if o.path.endswith(".txt")]
    assert len(texts) == 3 and all("text_chars=100" in (o.error_en or "") for o in texts)
