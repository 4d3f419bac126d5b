"""Past one machine: the per-file check as a pure function of bytes and options, run on Dask.

    pip install 'giocheck[dask]'

    from distributed import Client, LocalCluster
    from giocheck.sweep import sweep
    with Client(LocalCluster(n_workers=4)) as client:
        outcomes = sweep(["reports/"], client=client)

`check_bytes` takes a file's bytes, its name and the run's options and gives the outcome as JSON
data (giocheck/cache.py's form): nothing but bytes and plain data goes to a worker or comes back,
so any scheduler can run it — Dask here, a batch queue or a serverless function elsewhere. `sweep`
finds the files as `giocheck check` does, reads each report's title on the cluster to pair it
with last year's report beside it (giocheck/pairing.py), then checks each file with its pair's
bytes, as a `dask.bag`; the outcomes are those of `giocheck check` on the same files.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from giocheck.cache import outcome_from_json, outcome_json
from giocheck.engine.rulefile import RuleSet, default_rules, load_rules
from giocheck.execution import Job, check_one
from giocheck.limits import Limits, current_limits, use_limits
from giocheck.outcome import FileOutcome
from giocheck.pairing import ReportOptions, identify, pair_index
from giocheck.runner import collect

__all__ = ["check_bytes", "identify_bytes", "sweep"]


def _as_file(data: bytes, name: str, folder: str) -> Path:
    """The bytes as a file of the same name (the readers tell kinds by content, YAML by suffix)."""
    path = Path(folder) / (Path(name).name or "report")
    path.write_bytes(data)
    return path


def _rules(rule_files: Sequence[str]) -> RuleSet:
    return load_rules([Path(p) for p in rule_files]) if rule_files else default_rules()


def identify_bytes(data: bytes, name: str, limits: Limits | None = None) -> tuple[str, int] | None:
    """The agency and year the report in `data` states (`giocheck.pairing.identify`), read within
    `limits` (None: those in effect)."""
    with tempfile.TemporaryDirectory(prefix="giocheck-") as folder, use_limits(limits or current_limits()):
        return identify(_as_file(data, name, folder))


def check_bytes(
    data: bytes,
    name: str,
    options: ReportOptions | None = None,
    previous: bytes | None = None,
    rule_files: Sequence[str] = (),
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Check the report in `data` (called `name` in messages), compared with last year's report
    `previous` if given, within `limits` (None: those in effect where it runs); the outcome as
    JSON data (`outcome_from_json` turns it back)."""
    job = Job(_rules(rule_files), options or ReportOptions(), limits=limits or current_limits())
    with tempfile.TemporaryDirectory(prefix="giocheck-") as folder:
        path = _as_file(data, name, folder)
        last = None
        if previous is not None:
            (Path(folder) / "previous").mkdir()
            last = _as_file(previous, name, str(Path(folder) / "previous"))
        outcome = check_one(path, job, last).outcome
    return {"outcome": None if outcome is None else outcome_json(outcome)}


def _identify_task(path: str, limits: Limits) -> tuple[str, tuple[str, int] | None]:
    return path, identify_bytes(Path(path).read_bytes(), path, limits)


def _check_task(
    item: tuple[str, str | None], options: ReportOptions, rule_files: Sequence[str], limits: Limits
) -> tuple[str, dict[str, Any]]:
    path, previous = item
    last = Path(previous).read_bytes() if previous is not None else None
    return path, check_bytes(Path(path).read_bytes(), path, options, last, rule_files, limits)


def sweep(
    paths: Sequence[str | Path],
    client: Any = None,
    options: ReportOptions | None = None,
    rule_files: Sequence[str] = (),
    partitions: int | None = None,
    limits: Limits | None = None,
) -> list[FileOutcome]:
    """Check every report file under `paths` on Dask (the `client`'s cluster, else Dask's default
    scheduler), in the order `giocheck check` gives them; the files must be readable by the
    workers at the same paths (a shared file system). `limits` (None: those in effect here)
    travel to every worker with the tasks."""
    import dask.bag as db

    limits = limits or current_limits()
    files, errors = collect([Path(p) for p in paths])
    names = [str(f) for f in files]
    count = partitions or max(1, min(len(names), 64))
    compute = client.compute if client is not None else None
    identities_bag = db.from_sequence(names, npartitions=count).map(_identify_task, limits)  # type: ignore[no-untyped-call]
    identities = dict(_gather(identities_bag, compute))
    pairs = pair_index([(Path(n), identities.get(n)) for n in names])
    items = [(n, str(pairs[Path(n)]) if Path(n) in pairs else None) for n in names]
    bag = db.from_sequence(items, npartitions=count)  # type: ignore[no-untyped-call]
    checks = bag.map(_check_task, options or ReportOptions(), tuple(rule_files), limits)
    found = dict(_gather(checks, compute))
    outcomes = [found[n]["outcome"] for n in names]
    return errors + [outcome_from_json(o, n) for n, o in zip(names, outcomes, strict=True) if o is not None]


def _gather(bag: Any, compute: Any) -> list[Any]:
    if compute is None:
        return list(bag.compute())
    return list(compute(bag).result())
