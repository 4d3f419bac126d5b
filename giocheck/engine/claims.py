"""Report kinds that compare what the text says with the tables, or with itself.

- `text_claim`: a statement (`共受理政府信息公开申请3119件`, `未收到…申请`) against table cells;
- `stated_total`: a stated total against its own breakdown (`109条…（18条）、（75条）及（6条）`);
- `stated_share`: a percentage against the two numbers it is computed from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import cast

import attrs

from giocheck.engine.findings import CellRef, CellView, Finding, Number
from giocheck.engine.instances import Instance
from giocheck.engine.kinds import signed
from giocheck.engine.registry import register
from giocheck.engine.report import (
    Passage,
    Subject,
    finding,
    parse_ref,
    quote,
    sentence_at,
    text_scope,
    view,
)
from giocheck.engine.ruledata import Claim, compile_pattern, may_match
from giocheck.engine.schema import ClaimsRule, RuleSpec
from giocheck.formats import formats
from giocheck.naming import cell_name
from giocheck.textnum import parse_number

_WHERE = {"section", "sentence"}
# A count a department's report gives for its whole county/city/province, not for itself.
_WHOLE_AREA = re.compile(r"全(?:县|市|区|省|州|旗|盟)")
# Words that introduce a list which may name only some of the kinds (stated_total).
_SOME_OF = re.compile(r"涵盖|包括|包含|主要有")


@register("text_claim", ClaimsRule, _WHERE | {"subject", "stated", "cells", "table", "cause"})
def text_claim(instance: Instance[ClaimsRule], subject: Subject) -> Iterator[Finding]:
    """Each statement the claims find says a number (or "none") that the table cells add up to.

    A blank total cell stands for the sum of its parts when the table rules say what they are
    and all of them are filled in; the message then says the total is derived.
    """
    rule = instance.rule
    for said in claim_sentences(rule, subject):
        # A sentence may state the same thing twice ("全县共收到120件，我局收到0件"): when one of
        # its numbers agrees with the table, the sentence is not read as contradicting it.
        if not any(stated == said.table for _match, stated in said.stated):
            yield from _claim_findings(rule, said, _causes(subject, said.claim))


@attrs.frozen
class ClaimSentence:
    """A sentence of the text stating one claim's number(s), and the cells they are compared with."""

    index: int
    claim: Claim
    passage: Passage
    begin: int
    end: int
    stated: tuple[tuple[re.Match[str], Number], ...]
    cells: tuple[_Compared, ...]
    table: Number


def claim_sentences(rule: ClaimsRule, subject: Subject) -> Iterator[ClaimSentence]:
    """Each sentence in which a claim of `rule` finds a number, with the cells it is compared with;
    a claim whose cells are blank (with no parts to add up) is compared with nothing."""
    sections = tuple(rule.sections)
    for index, claim in enumerate(rule.claims):
        said = _said(subject, claim.pattern, sections)
        if not said:
            continue  # the text does not state it: no cell needs reading
        cells = tuple(_cell(subject, ref) for ref in claim.cells)
        if not cells or any(cell is None for cell in cells):
            continue  # a blank cell without parts to add up: the table says nothing to compare with
        compared = tuple(cell for cell in cells if cell is not None)
        table: Number = sum((cell.value for cell in compared), start=0)
        for passage, ((begin, end), stated_here) in said:
            yield ClaimSentence(index, claim, passage, begin, end, stated_here, compared, table)


Stated = tuple[tuple[int, int], tuple[tuple[re.Match[str], Number], ...]]


def _said(subject: Subject, pattern: str, sections: tuple[str, ...]) -> tuple[tuple[Passage, Stated], ...]:
    """Each sentence of the parts `sections` in which `pattern` finds numbers, with its part.

    Worked out once per report, pattern and parts: rules whose claims share a pattern, and
    `statements`, read the text once. (Asked for by every claim of every report: the memo is
    looked up without a closure.)
    """
    key = ("said", pattern, sections)
    found = subject.store.get(key)
    if found is None:
        found = subject.store[key] = tuple(
            (passage, stated)
            for passage in subject.passages(sections)
            for stated in stated_numbers(subject, pattern, passage)
        )
    return cast(tuple[tuple[Passage, Stated], ...], found)


def stated_numbers(subject: Subject, pattern: str, passage: Passage) -> tuple[Stated, ...]:
    """The numbers a claim's `pattern` finds stated in a part, grouped by sentence (its bounds)."""
    if not may_match(pattern, passage.text):
        return ()
    regex = compile_pattern(pattern)
    by_sentence: dict[tuple[int, int], list[tuple[re.Match[str], Number]]] = {}
    for match in regex.finditer(passage.text):
        try:
            stated = parse_number(match["n"]) if "n" in regex.groupindex else 0
        except ValueError:
            continue
        if subject.profile.kind == "department" and _WHOLE_AREA.search(
            passage.text, max(0, match.start() - 6), match.start()
        ):
            continue  # "全县共收到…": the whole county's count, not this department's
        by_sentence.setdefault(sentence_at(passage, match.start(), match.end()), []).append((match, stated))
    return tuple((bounds, tuple(found)) for bounds, found in by_sentence.items())


def number_span(match: re.Match[str], begin: int) -> tuple[int, int]:
    """The span of the number a match states, within its sentence (what a quote keeps)."""
    number = match.span("n") if "n" in match.re.groupindex else match.span()
    return number[0] - begin, number[1] - begin


def _causes(subject: Subject, claim: Claim) -> list[tuple[Number, str, str]]:
    """Each alternative of the claim whose cells are all known: their sum and what it suggests."""
    known = []
    for alternative in claim.alternatives:
        cells = [_cell(subject, ref) for ref in alternative.cells]
        if all(cell is not None for cell in cells):
            total: Number = sum((cell.value for cell in cells if cell is not None), start=0)
            known.append((total, alternative.cause_zh, alternative.cause_en))
    return known


@attrs.frozen
class _Compared:
    """A claim's cell as compared: its value, or for a blank total the sum of its `parts`."""

    view: CellView
    value: Number
    parts: tuple[CellView, ...] = ()
    english: Callable[[CellRef], str] = str  # names a cell in English (`giocheck.naming.cell_name`)

    @property
    def shown(self) -> str:
        """The value as a message shows it: as printed, or as derived from the parts."""
        return str(self.value) if self.parts else self.view.raw or str(self.value)

    def describe(self, lang: str) -> str:
        """The cell's name; for a derived total, how it was derived."""
        if not self.parts:
            return self.view.label if lang == "zh" else self.english(self.view.ref)
        if lang == "zh":
            added = " ＋ ".join(f"{p.label} {p.raw}" for p in self.parts)
            return f"{self.view.label}（空白，按其分项 {added} 推算）"
        added_en = " + ".join(f"{self.english(p.ref)} {p.raw}" for p in self.parts)
        return f"{self.english(self.view.ref)} (blank; derived from its parts {added_en})"


def _cell(subject: Subject, ref: str) -> _Compared | None:
    """A claim's cell (`T3.NEW.TOT`) as compared, looked up once per report."""
    return subject.memo(("compared", ref), lambda: _compared(subject, parse_ref(ref)))


def _compared(subject: Subject, ref: CellRef) -> _Compared | None:
    shown = view(subject.report, ref)
    spec = formats()[subject.report.metadata.format]

    def english(cell: CellRef) -> str:
        return cell_name(spec.table(cell.table), cell, "en")

    if shown.value is not None:
        return _Compared(shown, shown.value, english=english)
    derived = subject.derived(ref)
    return None if derived is None else _Compared(shown, derived[0], derived[1], english)


def _claim_findings(rule: RuleSpec, said: ClaimSentence, causes: list[tuple[Number, str, str]]) -> Iterator[Finding]:
    """One finding per number a sentence states that disagrees with the table, at its line;
    when the number equals another combination of cells, the message says so as the likely cause."""
    cells, passage, begin, end = said.cells, said.passage, said.begin, said.end
    for match, stated in said.stated:
        cause = next(((zh, en) for total, zh, en in causes if total == stated), ("", ""))
        # One cell: its label (its value is {table}); several: each with its value, then the sum.
        if len(cells) == 1:
            names, names_en = cells[0].describe("zh"), cells[0].describe("en")
        else:
            names = " ＋ ".join(f"{c.describe('zh')} {c.shown}" for c in cells) + " 合计"
            names_en = " + ".join(c.describe("en") for c in cells)
        yield finding(
            rule,
            {
                "section": passage.name,
                "sentence": quote(passage.text[begin:end], keep=number_span(match, begin)),
                "subject": said.claim.subject_zh,
                "stated": str(stated),
                "cells": names,
                "table": str(said.table),
                "cause": f"（{cause[0]}）" if cause[0] else "",
            },
            {"subject": said.claim.subject_en, "cells": names_en, "cause": f" ({cause[1]})" if cause[1] else ""},
            cells=tuple(v for c in cells for v in (c.view, *c.parts)),
            scope=text_scope(passage.key, said.index, passage.text[begin:end], match[0]),
            where=passage.where(match.start()),
        )


@register(
    "stated_total",
    ClaimsRule,
    _WHERE | {"total", "parts", "sum", "diff", "note"},
    groups={"pattern": {"n"}, "part": {"n"}},
)
def stated_total(instance: Instance[ClaimsRule], subject: Subject) -> Iterator[Finding]:
    """A total the text states equals the items it then lists (same unit, two or more items)."""
    rule = instance.rule
    for index, claim in enumerate(rule.claims):
        regex = compile_pattern(claim.pattern)
        part = compile_pattern(claim.part or "")
        for passage in subject.passages(rule.sections):
            text = passage.text
            if not may_match(claim.pattern, text):
                continue
            for match in regex.finditer(text):
                total = _number(match["n"])
                unit = match.groupdict().get("unit")
                following = 1 if claim.window == "next_sentence" else 0
                begin, end = sentence_at(passage, match.start(), match.end(), following)
                found = [p for p in part.finditer(text, match.end(), end) if p.groupdict().get("unit") in (None, unit)]
                items = [_number(p["n"]) for p in found]
                if total is None or len(items) < 2 or any(i is None for i in items):
                    continue
                added: Number = sum((i for i in items if i is not None), start=0)
                if added == total or (claim.at_most and added < total):
                    continue
                # 「发布内容涵盖…」 lists some kinds, not necessarily all: say so rather than call it wrong.
                some = bool(found) and _SOME_OF.search(text, match.end(), found[0].start()) is not None
                yield finding(
                    rule,
                    {
                        "section": passage.name,
                        "sentence": quote(text[begin:end], 160, (match.start("n") - begin, match.end("n") - begin)),
                        "total": str(total),
                        "parts": " + ".join(str(i) for i in items),
                        "sum": str(added),
                        "diff": signed(total - added),
                        "note": "（分项由“涵盖”“包括”引出，可能只列举了一部分；如是，请写明“其中”或补全分项）"
                        if some and added < total
                        else "",
                    },
                    {
                        "note": " (the items follow 'covering'/'including' and may be only some of them; if so, "
                        "say 'of which' or list them all)"
                        if some and added < total
                        else ""
                    },
                    scope=text_scope(passage.key, index, text[begin:end], match[0]),
                    where=passage.where(match.start()),
                )


@register(
    "stated_share",
    ClaimsRule,
    _WHERE | {"part", "whole", "stated", "computed"},
    groups={"pattern": {"part", "whole", "pct"}},
    cells_for="whole",
)
def stated_share(instance: Instance[ClaimsRule], subject: Subject) -> Iterator[Finding]:
    """A stated percentage agrees with part ÷ whole, to the precision it is written with.

    The whole is the pattern's group `whole`, else one of the claim's `cells` (`予以公开1362件，
    占44.7%` is a share of the applications answered or of those received): any one that fits passes.
    """
    rule = instance.rule
    for index, claim in enumerate(rule.claims):
        regex = compile_pattern(claim.pattern)
        cells: list[Number | None] | None = None  # read when a statement needs them, once
        for passage in subject.passages(rule.sections):
            if not may_match(claim.pattern, passage.text):
                continue
            for match in regex.finditer(passage.text):
                part = _number(match["part"])
                if "whole" in regex.groupindex:
                    wholes = [_number(match["whole"])]
                else:
                    if cells is None:
                        cells = [v.value for v in (view(subject.report, parse_ref(ref)) for ref in claim.cells)]
                    wholes = cells
                known = [w for w in wholes if w]  # a blank cell, or 0: nothing to compute with
                written = match["pct"].rstrip("%％").strip()
                if part is None or not known:
                    continue
                stated = Decimal(written)
                exponent = stated.as_tuple().exponent
                places = -exponent if isinstance(exponent, int) else 0
                computed = [Decimal(part) * 100 / Decimal(whole) for whole in known]
                if any(abs(c - stated) < Decimal(1).scaleb(-places) for c in computed):
                    continue  # rounded or cut to the places written
                begin, end = sentence_at(passage, match.start(), match.end())
                yield finding(
                    rule,
                    {
                        "section": passage.name,
                        "sentence": quote(passage.text[begin:end], keep=(match.start() - begin, match.end() - begin)),
                        "part": str(part),
                        "whole": str(known[0]),
                        "stated": f"{written}%",
                        "computed": f"{computed[0].quantize(Decimal('0.1'))}%",
                    },
                    scope=text_scope(passage.key, index, passage.text[begin:end], match[0]),
                    where=passage.where(match.start()),
                )


def _number(text: str | None) -> Number | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError:
        return None
