"""The fuzz campaign: millions of mutated reports through the CLI's per-file path, counted per reader.

    nice -n 10 .venv/bin/python benchmarks/fuzz.py --per-reader 50000 --total 1000000 --jobs 2 [--minutes 80]

Seeds are the reports in tests/data and examples (and the sample rendered as .docx, .pdf, .html,
.json and .yaml; a few reports of each format as report data and as `show --json`); each input is a seed with byte-level mutations (as the Hypothesis fuzzers of
tests/fuzzing.py) or structure-aware ones (benchmarks/fuzz_mutations.py). Every input is written
to a file with its reader's suffix and goes through `execution.check_one` — what `giocheck check`
runs for each file — in worker processes (giocheck/workers.py), each input within `--budget`
seconds of CPU time (CPU, not wall-clock time, so that a busy shared machine does not make inputs
look slow; a batch past `--budget` × `--batch` wall-clock seconds more is killed and each of its
inputs run alone to find the one). Outcomes: *checked* (exit 0/1), *refused* (one line, exit 2), and the failures:
*internal* (an exception reached the last-resort guard), *guard* (a recursion or memory error
caught there), *multi-line* (a message, a finding or the agency of more than one line), *slow* (over the budget) and
*died* (the worker process died). Each failing input is saved in `--failures` with its trace, to
be minimised into a regression test (tests/test_fuzz_regressions.py).

Inputs are generated from (`--seed`, reader, batch number), so a batch can be made again; the
table printed at the end gives inputs, outcomes, failures and the slowest input per reader.
Every reader first gets `--per-reader` inputs, handed out evenly; past that, up to `--total`, each
batch goes to the reader that has used the least CPU time so far, so fast readers are not held to
the pace of the slowest. `--minutes` stops handing out batches after that long, so a run ends by a deadline with its
count reported as it is. Legacy `.doc` inputs that are OLE files reach LibreOffice one in
`--office-every` (a conversion costs seconds); the others are refused for want of it, which
tests the sniff and everything giocheck does around the converter.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_mutations import mutate  # noqa: E402

from giocheck.workers import Stopped, WorkerPool  # noqa: E402

READERS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "docx": (".docx",),
    "pdf": (".pdf",),
    "json": (".json",),
    "yaml": (".yaml", ".yml"),
    "doc": (".doc", ".wps"),
}
FAILURES = ("internal", "guard", "multi-line", "slow", "died")
_SEEDS: dict[str, list[tuple[str, bytes]]] = {}
_STATE: dict[str, Any] = {}


class _OverBudget(BaseException):
    """Raised by the timer in a worker when one input takes more CPU time than the budget."""


def load_seeds(largest: int) -> dict[str, list[tuple[str, bytes]]]:
    """(suffix, bytes) seeds per reader: files under tests/data and examples up to `largest` bytes,
    and the sample report rendered in every written format."""
    from giocheck.api import load
    from giocheck.writers.output import render_bytes

    seeds: dict[str, list[tuple[str, bytes]]] = {reader: [] for reader in READERS}
    for folder in (ROOT / "tests" / "data", ROOT / "examples"):
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.stat().st_size > largest or "scan" in path.name:
                continue
            suffix = path.suffix.lower()
            for reader, suffixes in READERS.items():
                if suffix in suffixes and not (suffix == ".md" and path.name in ("README.md", "MARKDOWN.md")):
                    seeds[reader].append((suffix, path.read_bytes()))
    sample = load(ROOT / "examples" / "qu-county-petition-bureau-2025.txt")
    for reader, suffix in (("docx", ".docx"), ("pdf", ".pdf"), ("html", ".html"), ("json", ".json"), ("yaml", ".yaml")):
        seeds[reader].append((suffix, render_bytes(sample, suffix)))
    # Report data that reaches the check, in both shapes giocheck reads: the model's own and
    # `show --json`'s, from reports of each format (the files above are mostly other JSON).
    from giocheck.render.json import report_json

    for name in _DATA_REPORTS:
        report = sample if name is None else load(ROOT / name)
        seeds["json"].append((".json", json.dumps(report_json(report), ensure_ascii=False).encode()))
        if name is not None:
            seeds["json"].append((".json", render_bytes(report, ".json")))
    # tests/data holds many expected-value files, JSON that is no report data and is refused at
    # once whatever its mutation: a few of them stand for the rest.
    other = [
        seed for seed in seeds["json"] if "metadata" not in json.loads(seed[1]) and "path" not in json.loads(seed[1])
    ]
    seeds["json"] = [seed for seed in seeds["json"] if seed not in other[4:]]
    seeds["yaml"].extend((".yaml", _as_yaml(data)) for _suffix, data in seeds["json"])
    # Government sites publish HTML and text saved as .doc: those are .doc inputs too.
    seeds["doc"].extend((".doc", data) for _suffix, data in seeds["html"][:3] + seeds["text"][:3])
    return seeds


_DATA_REPORTS = (
    None,  # the sample, already rendered as .json above
    "examples/sample-county-petition-bureau-2020.txt",
    "tests/data/real/shanghai-city-government-office-2019.html",
    "tests/data/real/test-city-government-2025.html",
)  # read without read problems (the Pingtan reports have some, and end in exit 2 unchecked)


def _as_yaml(data: bytes) -> bytes:
    import yaml

    return yaml.safe_dump(json.loads(data), allow_unicode=True).encode()


def inputs(reader: str, batch: int, size: int, base: int) -> list[tuple[str, bytes]]:
    """The batch's (suffix, bytes) inputs, the same for the same arguments."""
    rng = random.Random(f"{base}:{reader}:{batch}")
    made = []
    for _ in range(size):
        suffix, seed = rng.choice(_SEEDS[reader])
        made.append((suffix, mutate(rng, reader, seed)))
    return made


def _alarm(_signum: int, _frame: object) -> None:
    raise _OverBudget


def _setup_worker() -> None:
    """Once per worker: a private folder, the alarm, LibreOffice only when asked for."""
    if _STATE.get("folder"):
        return
    _STATE["folder"] = Path(tempfile.mkdtemp(prefix="giocheck-fuzz-"))
    signal.signal(signal.SIGPROF, _alarm)
    from giocheck.readers import office

    real = office.office_program
    office.office_program = lambda: real() if _STATE.get("office") else None  # type: ignore[assignment]


def run_one(suffix: str, data: bytes, budget: float, office: bool) -> tuple[str, str]:
    """(outcome kind, detail) of one input through `check_one`."""
    from giocheck.execution import check_one

    _setup_worker()
    path = _STATE["folder"] / f"input{suffix}"
    path.write_bytes(data)
    _STATE["office"] = office
    signal.setitimer(signal.ITIMER_PROF, budget)  # CPU seconds: the machine may be shared
    try:
        checked = check_one(path, _STATE["job"])
    except _OverBudget:
        return "slow", f"over {budget:g} CPU s"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    outcome = checked.outcome
    if outcome is None:
        return "refused", "skipped"
    message = outcome.error_en
    if message is not None and ("\n" in message or "\n" in (outcome.error_zh or "")):
        return "multi-line", message
    if not checked.cacheable:
        kind = "internal" if message and message.startswith("internal error") else "guard"
        return kind, _trace(path)
    broken = _line_broken(outcome.result)
    if broken is not None:
        return "multi-line", broken
    return ("checked" if message is None else "refused"), ""


def _line_broken(result: Any) -> str | None:
    """A finding's message, or the agency the summary names, that would take more than its one
    line of `check --format text`."""
    if result is None:
        return None
    texts = [result.report.metadata.agency or ""]
    texts += [text for finding in result.findings for text in (finding.message_zh, finding.message_en)]
    return next((text for text in texts if "\n" in text or "\r" in text), None)


def _trace(path: Path) -> str:
    """The exception `check_one` turned into an internal error, with its trace."""
    from giocheck.api import check, load

    try:
        check(load(path), _STATE["job"].rules)
    except BaseException:
        return traceback.format_exc()
    return "(not raised again)"


def handle(task: tuple[str, int, int, int, float, int, int]) -> dict[str, Any]:
    """A worker's batch: (reader, batch, size, base seed, budget, office every, only index or -1)."""
    reader, batch, size, base, budget, office_every, only = task
    counts: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    slowest = 0.0
    began = time.process_time()
    for index, (suffix, data) in enumerate(inputs(reader, batch, size, base)):
        if only >= 0 and index != only:
            continue
        office = reader == "doc" and office_every > 0 and (batch * size + index) % office_every == 0
        start = time.process_time()
        kind, detail = run_one(suffix, data, budget, office)
        slowest = max(slowest, time.process_time() - start)
        counts[kind] += 1
        if kind in FAILURES:
            failures.append({"index": index, "kind": kind, "detail": detail, "suffix": suffix, "data": data})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    cpu = time.process_time() - began
    return {"counts": counts, "failures": failures, "slowest": slowest, "rss_mb": rss, "cpu": cpu}


def _save(folder: Path, reader: str, batch: int, failure: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{reader}-{batch}-{failure['index']}-{failure['kind']}"
    stem.with_suffix(failure["suffix"]).write_bytes(failure["data"])
    stem.with_suffix(".trace.txt").write_text(failure["detail"], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-reader", type=int, default=50_000, help="inputs per reader, at least")
    parser.add_argument("--total", type=int, default=0, help="inputs in all; past --per-reader each, by least CPU used")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated readers")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100, help="inputs per worker task")
    parser.add_argument("--budget", type=float, default=5.0, help="CPU seconds one input may take")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--minutes", type=float, default=None, help="hand out no batch after this long")
    parser.add_argument("--office-every", type=int, default=1000, help="OLE .doc inputs that reach LibreOffice: 1 in N")
    parser.add_argument("--largest", type=int, default=400_000, help="largest seed file, bytes")
    parser.add_argument("--failures", type=Path, default=ROOT / "benchmarks" / "fuzz-failures")
    parser.add_argument("--summary", type=Path, default=None, help="write the table as JSON here too")
    args = parser.parse_args()

    from giocheck.engine.rulefile import default_rules
    from giocheck.execution import Job

    readers = [r.strip() for r in args.readers.split(",") if r.strip()]
    _SEEDS.update(load_seeds(args.largest))
    _STATE["job"] = Job(rules=default_rules())  # loaded before the workers fork
    batches = dict.fromkeys(readers, -(-args.per_reader // args.batch))
    handed = dict.fromkeys(readers, 0)
    extra = max(0, -(-args.total // args.batch) - sum(batches.values()))  # batches past the floor
    spent = dict.fromkeys(readers, 0.0)  # CPU seconds of the batches back so far
    back = dict.fromkeys(readers, 0)
    totals: dict[str, Counter[str]] = {reader: Counter() for reader in readers}
    slowest = dict.fromkeys(readers, 0.0)
    rss = 0
    started = time.monotonic()
    stop_at = None if args.minutes is None else started + args.minutes * 60
    backstop = args.budget * args.batch + 60  # a batch stuck in C code, where the alarm cannot reach

    def task(reader: str, batch: int, only: int = -1) -> tuple[str, int, int, int, float, int, int]:
        return (reader, batch, args.batch, args.seed, args.budget, args.office_every, only)

    def hand_out(pool: WorkerPool[Any]) -> None:
        nonlocal extra
        while pool.pending < 2 * args.jobs and (stop_at is None or time.monotonic() < stop_at):
            open_readers = [r for r in readers if handed[r] < batches[r]]
            if open_readers:
                reader = min(open_readers, key=lambda r: handed[r])
            elif extra > 0:
                extra -= 1
                reader = min(readers, key=lambda r: (spent[r] / max(1, back[r]) * (handed[r] + 1), handed[r]))
                batches[reader] += 1
            else:
                return
            pool.submit(task(reader, handed[reader]))
            handed[reader] += 1

    last_report = started
    with WorkerPool[Any](args.jobs, handle, backstop) as pool:
        hand_out(pool)
        while pool.pending:
            done, value = pool.next_done()
            reader, batch, _size, _base, _budget, _every, only = done
            if isinstance(value, Stopped):
                if only >= 0:  # one input alone still stopped its worker
                    kind = "slow" if value.timed_out else "died"
                    totals[reader][kind] += 1
                    suffix, data = inputs(reader, batch, args.batch, args.seed)[only]
                    _save(
                        args.failures,
                        reader,
                        batch,
                        {"index": only, "kind": kind, "detail": str(value), "suffix": suffix, "data": data},
                    )
                else:  # find the input: each of the batch alone
                    for index in range(args.batch):
                        pool.submit(task(reader, batch, index))
            else:
                totals[reader].update(value["counts"])
                slowest[reader] = max(slowest[reader], value["slowest"])
                spent[reader] += value["cpu"]
                back[reader] += 1
                rss = max(rss, value["rss_mb"])
                for failure in value["failures"]:
                    _save(args.failures, reader, batch, failure)
            hand_out(pool)
            if time.monotonic() - last_report > 60:
                last_report = time.monotonic()
                done_count = sum(sum(c.values()) for c in totals.values())
                failed = sum(c[k] for c in totals.values() for k in FAILURES)
                rate = done_count / (last_report - started)
                print(
                    f"[{(last_report - started) / 60:.0f} min] {done_count:,} inputs, {failed} failures, {rate:.0f}/s",
                    file=sys.stderr,
                    flush=True,
                )

    elapsed = time.monotonic() - started
    rows = []
    header = (
        f"{'reader':<9} {'inputs':>9} {'checked':>9} {'refused':>9} "
        + " ".join(f"{k:>10}" for k in FAILURES)
        + f" {'max CPU s':>9}"
    )
    print(header)
    for reader in readers:
        count = totals[reader]
        row = {
            "reader": reader,
            "inputs": sum(count.values()),
            **{k: count[k] for k in ("checked", "refused", *FAILURES)},
            "slowest_s": round(slowest[reader], 2),
        }
        rows.append(row)
        print(
            f"{reader:<9} {row['inputs']:>9,} {row['checked']:>9,} {row['refused']:>9,} "
            + " ".join(f"{row[k]:>10,}" for k in FAILURES)
            + f" {row['slowest_s']:>9.2f}"
        )
    total = sum(r["inputs"] for r in rows)
    failed = sum(r[k] for r in rows for k in FAILURES)
    print(
        f"total {total:,} inputs in {elapsed / 60:.1f} min ({total / elapsed:.0f}/s), {failed} failures; largest worker RSS {rss} MB"
    )
    if args.summary is not None:
        args.summary.write_text(
            json.dumps(
                {
                    "rows": rows,
                    "total": total,
                    "failures": failed,
                    "minutes": elapsed / 60,
                    "rss_mb": rss,
                    "argv": sys.argv[1:],
                },
                indent=2,
            )
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
