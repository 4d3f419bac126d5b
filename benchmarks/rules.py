"""Judging alone: `run_rules` on reports read beforehand, side by side with the reading floor.

    .venv/bin/python benchmarks/rules.py [--seconds 3] [--by-rule]

For each input (the text sample, a real HTML page, a real PDF — the files of
`benchmarks/throughput.py`) the report is read once; then `giocheck.engine.run_rules` is timed
on it in a warm process (the rules' plan compiled, as in any run after the first report), next
to the text floor of `benchmarks/throughput.py` (decode + split lines + find every number) on
the same sample. Times are CPU time of this process (`time.process_time`), so other programs on
a shared machine change them less than they change wall-clock rates. Each row prints the
milliseconds per report for the rules, the floor's, and their ratio (lower is better).

`--by-rule` then lists where the text sample's time goes: the CPU microseconds per report of
each report rule and of each table kind (all its instances), in the order `run_rules` runs them
with one subject per report, the costliest first — the first rule that reads the text also pays
for putting it in prose form.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from giocheck.api import load  # noqa: E402
from giocheck.engine import applicable_instances, run_rules, sum_parts  # noqa: E402
from giocheck.engine.registry import KINDS  # noqa: E402
from giocheck.engine.report import run_report_rules  # noqa: E402
from giocheck.engine.rulefile import default_rules  # noqa: E402
from giocheck.engine.subject import Subject  # noqa: E402
from giocheck.model import AnnualReport  # noqa: E402
from giocheck.profile import profile_of  # noqa: E402

TEXT = ROOT / "examples" / "qu-county-petition-bureau-2025.txt"
INPUTS = {
    "text": TEXT,
    "HTML": ROOT / "tests" / "data" / "real" / "fujian-pingtan-zone-2025.html",
    "PDF": ROOT / "tests" / "data" / "real" / "fujian-pingtan-zone-2025.pdf",
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def text_floor(data: bytes) -> None:
    """Decode, split lines, find every number (the floor of `benchmarks/throughput.py`)."""
    for line in data.decode("utf-8").splitlines():
        _NUMBER.findall(line)


def per_call(function: Callable[[], object], seconds: float) -> float:
    """CPU milliseconds per call: the median of five slices of `seconds` / 5 each, after one warm-up."""
    function()
    times = []
    for _ in range(5):
        calls, start = 0, time.process_time()
        while True:
            function()
            calls += 1
            elapsed = time.process_time() - start
            if elapsed >= seconds / 5:
                break
        times.append(elapsed / calls * 1000)
    return statistics.median(times)


def by_rule(report: AnnualReport, seconds: float) -> list[tuple[float, str]]:
    """CPU microseconds per report of each report rule and each table kind, costliest first."""
    rules = default_rules()
    spent: dict[str, float] = {}
    reports, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        profile = profile_of(report.metadata)
        instances = list(applicable_instances(report, rules, profile))
        subject = Subject(report, None, profile, sum_parts(instances))
        for instance in instances:
            began, kind = time.process_time(), KINDS[instance.rule.kind]
            if kind.quiet is None or not kind.quiet(instance, subject.grid(instance)):
                list(kind.check(instance, subject))
            spent[f"{instance.rule.kind} (table kind)"] = spent.get(f"{instance.rule.kind} (table kind)", 0.0) + (
                time.process_time() - began
            )
        for rule in rules.plan(report.metadata.format).report:
            began = time.process_time()
            for _rule, _found in run_report_rules(report, (rule,), None, subject=subject):
                pass
            spent[rule.rule.id] = spent.get(rule.rule.id, 0.0) + time.process_time() - began
        reports += 1
    return sorted(((total / reports * 1e6, name) for name, total in spent.items()), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each figure")
    parser.add_argument("--by-rule", action="store_true", help="then where the text sample's time goes")
    args = parser.parse_args()
    data = TEXT.read_bytes()
    floor = per_call(lambda: text_floor(data), args.seconds)
    print(f"{'input':<8} {'run_rules':>12} {'text floor':>12} {'ratio':>7}")
    for name, path in INPUTS.items():
        report = load(path)
        ours = per_call(lambda report=report: run_rules(report), args.seconds)  # type: ignore[misc]
        print(f"{name:<8} {ours:>10.3f}ms {floor:>10.3f}ms {ours / floor:>6.1f}×")
    if args.by_rule:
        print(f"\n{'rule or table kind (the text sample)':<40} {'µs/report':>10}")
        for micros, name in by_rule(load(TEXT), args.seconds)[:15]:
            print(f"{name:<40} {micros:>10.1f}")


if __name__ == "__main__":
    main()
