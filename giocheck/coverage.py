"""Duplicates among the reports of one run: two reports of one agency for one year, byte-identical
files, and reports of different agencies whose text repeats each other's (内容雷同), measured as
X_SIMILAR measures a report against last year's, with its threshold, run length and parts.

Near-identical texts are found without comparing every pair: reports of the same text are one,
and each text is measured exactly only against the first texts of the groups found so far that
share enough of its sampled runs.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from giocheck.checkjson import DuplicateJSON
from giocheck.engine.report import passages
from giocheck.engine.rulefile import RuleSet, default_rules
from giocheck.engine.schema import SimilarityRule
from giocheck.engine.years import repeated
from giocheck.filekind import special_kind
from giocheck.model import AnnualReport
from giocheck.outcome import FileOutcome
from giocheck.words import say

_SAMPLE = 4  # one run in this many (by CRC) goes into the index of candidates
_CROWD = 32  # a run held by more groups than this is a common phrase: it picks no candidate


def duplicates(outcomes: Sequence[FileOutcome], rules: RuleSet | None = None, lang: str = "zh") -> list[DuplicateJSON]:
    """Every duplicate of the run: same agency and year, identical files, similar texts."""
    found = _same_agency_year(outcomes, lang)
    identical = _identical(outcomes, lang)
    found += identical
    # X_SIMILAR's threshold and run length, as configured, else as shipped (even when not selected).
    spec = next(iter([*(rules.get("X_SIMILAR") if rules else []), *default_rules().get("X_SIMILAR")]), None)
    if isinstance(spec, SimilarityRule):
        same_bytes = {frozenset(item.files) for item in identical}
        found += _similar(outcomes, spec, same_bytes, lang)
    return found


def _same_agency_year(outcomes: Sequence[FileOutcome], lang: str) -> list[DuplicateJSON]:
    groups: dict[tuple[str, int], list[str]] = {}
    for outcome in outcomes:
        meta = outcome.result.report.metadata if outcome.result is not None else None
        if meta is not None and meta.agency and meta.year:
            groups.setdefault((meta.agency, meta.year), []).append(outcome.path)
    return [
        DuplicateJSON(
            kind="same_agency_year",
            files=files,
            agencies=[agency],
            year=year,
            message=say(
                "files.same_agency_year",
                lang,
                agency=agency if lang == "zh" else f"“{agency}”",
                year=year,
                n=len(files),
                files=("、" if lang == "zh" else ", ").join(files),
            ),
        )
        for (agency, year), files in groups.items()
        if len(files) > 1
    ]


def _identical(outcomes: Sequence[FileOutcome], lang: str) -> list[DuplicateJSON]:
    groups: dict[str, list[FileOutcome]] = {}
    for outcome in outcomes:
        if special_kind(Path(outcome.path)) is not None:
            continue  # a FIFO or device: never opened (its own outcome refuses it)
        try:
            with open(outcome.path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            continue  # standard input, or a file that is gone: its own outcome says so
        groups.setdefault(digest, []).append(outcome)
    found = []
    for group in groups.values():
        if len(group) < 2:
            continue
        files = [o.path for o in group]
        agencies = [_agency(o) for o in group]
        found.append(
            DuplicateJSON(
                kind="identical",
                files=files,
                agencies=agencies,
                message=say("files.identical", lang, files=("、" if lang == "zh" else ", ").join(files)),
            )
        )
    return found


def _agency(outcome: FileOutcome) -> str | None:
    return outcome.result.report.metadata.agency if outcome.result is not None else None


def _similar(
    outcomes: Sequence[FileOutcome], spec: SimilarityRule, same_bytes: set[frozenset[str]], lang: str
) -> list[DuplicateJSON]:
    """Reports of different agencies whose texts repeat a group's first report by more than the
    threshold, as groups."""
    texts: dict[str, list[FileOutcome]] = {}
    for outcome in outcomes:
        if outcome.result is not None and outcome.result.report.metadata.agency:
            text = _text(outcome.result.report, spec)
            if len(text) >= spec.min_length:
                texts.setdefault(text, []).append(outcome)
    found = []
    for members, share in _groups(list(texts), spec.min_length, spec.threshold):
        group = [o for text in members for o in texts[text]]
        agencies = list(dict.fromkeys(_agency(o) for o in group))
        files = [o.path for o in group]
        if len(agencies) < 2 or frozenset(files) in same_bytes:
            continue  # one agency's own texts, or files already said to be identical
        names = "、".join(f"{o.path}（{_agency(o)}）" for o in group)
        found.append(
            DuplicateJSON(
                kind="similar",
                files=files,
                agencies=agencies,
                share=share,
                message=say(
                    "files.similar",
                    lang,
                    share=share,
                    threshold=spec.threshold,
                    names=names if lang == "zh" else ", ".join(f"{o.path} (“{_agency(o)}”)" for o in group),
                ),
            )
        )
    return found


def _text(report: AnnualReport, spec: SimilarityRule) -> str:
    return "|".join(p.text for p in passages(report, spec.sections))


def _share(this: str, other: str, size: int) -> int:
    return 100 * sum(repeated(this, other, size)) // len(this)


def _groups(texts: Sequence[str], size: int, threshold: int) -> list[tuple[list[str], int]]:
    """Texts grouped under the first text each repeats by more than `threshold` per cent (either
    way round), with the highest share in the group; groups of one text are left out.

    Each text is measured only against the groups' first texts that hold at least a quarter of
    its sampled runs (runs held by more than `_CROWD` first texts are common phrases and do not
    count), so a run over many copies of one report costs one measure a report."""
    leaders: list[int] = []
    index: dict[str, list[int]] = {}  # sampled run → the first texts (of groups) that hold it
    members: dict[int, list[int]] = {}
    best: dict[int, int] = {}
    for position, text in enumerate(texts):
        runs = {text[i : i + size] for i in range(len(text) - size + 1)}
        picked = [run for run in runs if zlib.crc32(run.encode()) % _SAMPLE == 0]
        shared: Counter[int] = Counter()
        for run in picked:
            holders = index.get(run, [])
            if len(holders) <= _CROWD:
                shared.update(holders)
        joined = None
        for leader, count in shared.most_common():
            if 4 * count < len(picked):
                break
            share = max(_share(text, texts[leader], size), _share(texts[leader], text, size))
            if share > threshold:
                joined = leader
                best[leader] = max(best.get(leader, 0), share)
                break
        if joined is None:
            leaders.append(position)
            joined = position
            for run in picked:
                index.setdefault(run, []).append(position)
        members.setdefault(joined, []).append(position)
    return [([texts[i] for i in group], best[leader]) for leader, group in members.items() if len(group) > 1]
