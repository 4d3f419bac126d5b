"""What the kinds look at: the report as a `Subject`, its parts as `Passage`s in prose form.

A subject is made once per report and shared by all its rules; what costs (the parts in prose
form, each table read into a `Grid`, what the claims find in the text) is made the first time
a rule asks for it and kept in the subject's memo for the rules after it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

import attrs

from giocheck.document import PAGE_FOOTER
from giocheck.engine.findings import CellRef, CellView, Number
from giocheck.engine.kinds import table_cell_view
from giocheck.engine.literals import may_match
from giocheck.engine.ruledata import PREAMBLE
from giocheck.engine.tablegrid import Grid, build_grid
from giocheck.formats import formats
from giocheck.model import AnnualReport, Location
from giocheck.profile import AgencyProfile

if TYPE_CHECKING:
    from giocheck.engine.instances import Instance
    from giocheck.engine.schema import RuleSpec

T = TypeVar("T")
_UNSET = object()
PREAMBLE_NAME = "报告开头"
"""How messages name the text before part 一 (the report prints no heading for it)."""


@attrs.frozen
class Passage:
    """The text of one part in prose form (`prose_form`), with its name and where it starts.

    `marks` are the positions of its sentence ends, found the first time a match asks for its
    sentence (`sentence_at`) and kept, so the text is not scanned again; most parts of most
    reports are never asked.
    """

    key: str
    name: str
    text: str
    location: Location | None
    starts: tuple[int, ...] = ()
    lines: tuple[Location | None, ...] = ()
    _found: dict[str, tuple[int, ...]] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @property
    def marks(self) -> tuple[int, ...]:
        """The positions of the sentence ends (`sentence_marks`), found once."""
        marks = self._found.get("marks")
        if marks is None:
            marks = self._found["marks"] = sentence_marks(self.text)
        return marks

    def where(self, offset: int) -> Location | None:
        """The location of the line `text[offset]` was read from (the part's own when unknown)."""
        if not self.lines or len(self.lines) != len(self.starts):
            return self.location
        return self.lines[bisect_right(self.starts, offset) - 1] or self.location


@attrs.frozen
class Subject:
    """What a rule looks at: the report, last year's report (or None), the agency.

    `parts` are the totals the table rules add up (`sum_parts`); `texts` the report's parts in
    prose form, made once, when a rule first reads text. `store` keeps what is worked out once
    per report (`memo`); a subject made from this one with `attrs.evolve` (without last year's
    report, say) shares it, so nothing kept there may depend on `previous`.
    """

    report: AnnualReport
    previous: AnnualReport | None
    profile: AgencyProfile
    parts: Mapping[CellRef, tuple[tuple[CellRef, ...], ...]] = attrs.field(factory=dict)
    store: dict[Hashable, object] = attrs.field(factory=dict, eq=False, repr=False)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` gives, worked out the first time `key` is asked for on this report."""
        found = self.store.get(key, _UNSET)
        if found is _UNSET:
            found = self.store[key] = make()
        return cast(T, found)

    @property
    def texts(self) -> tuple[Passage, ...]:
        """Every part of the report in prose form (`all_passages`)."""
        return self.memo("texts", lambda: all_passages(self.report))

    def passages(self, keys: Sequence[str]) -> list[Passage]:
        """This year's parts a rule reads, in the order the rule names them."""
        by_key = self.store.get("passages")  # asked for by every rule that reads text: no `memo` closure
        if by_key is None:
            by_key = self.store["passages"] = _by_key(self.texts)
        found = cast(dict[str, Passage], by_key)
        return [found[key] for key in keys if key in found]

    def grid(self, instance: Instance[RuleSpec]) -> Grid:
        """The report's table an instance of a table rule reads, as its layout numbers the cells."""
        index = instance.index
        found = self.store.get(index)  # asked for by every table rule: no `memo` closure
        if found is None:
            assert index is not None, "an instance of a rule about the whole report reads no table"
            found = self.store[index] = build_grid(index, self.report.tables.get(index.table.key))
        return cast(Grid, found)

    def derived(self, ref: CellRef) -> tuple[Number, tuple[CellView, ...]] | None:
        """A blank total's value as the sum of its parts, and those parts: by the first `sum`
        rule about it whose parts are all filled in (`parts`, from the table rules)."""
        for refs in self.parts.get(ref, ()):
            views = tuple(view(self.report, part) for part in refs)
            if views and all(v.value is not None for v in views):
                return sum((v.value for v in views if v.value is not None), start=0), views
        return None


# Spaces, not `\s`, around a footer: `\s*` would run across every following empty line from each one.
_FOOTER = re.compile(rf"^[^\S\n]*{PAGE_FOOTER.pattern}[^\S\n]*$", re.MULTILINE)
_WIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
SENTENCE_END = "。；！？"
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3})")  # the comma first: the engine scans for it
_SENTENCE_ENDS = re.compile(f"[{SENTENCE_END}]")
LONGEST_SENTENCE = 500
"""Characters a sentence may reach on either side of a match (see `sentence_at`)."""


def prose_form(text: str) -> str:
    """Prose as rules match it: no page footers, no white space, full-width punctuation.

    A comma between digits (`3,119`) is kept as the thousands separator it is. (Table labels
    are matched in another form: `giocheck.labels.normalize`.)
    """
    # `str.split` and the regex `\s` take the same characters for white space (`str.isspace`).
    # A footer needs one of a few characters (`may_match`): most parts have none, and `_FOOTER`,
    # anchored at line starts, would otherwise be tried at every position.
    text = "".join((_FOOTER.sub("", text) if may_match(_FOOTER.pattern, text) else text).split())
    if "," in text or "\0" in text:
        text = _THOUSANDS.sub("\0", text)
    text = _full_width(text)
    return text.replace("\0", ",")


def _full_width(text: str) -> str:
    # One `replace` per character: `str.translate` looks every character of Chinese text up in a dict.
    for half, full in _WIDTH.items():
        if half in text:
            text = text.replace(half, full)
    return text


def all_passages(report: AnnualReport) -> tuple[Passage, ...]:
    """Every part of the report (the text before part 一 as `PREAMBLE`) in prose form."""
    found = [_passage(PREAMBLE, PREAMBLE_NAME, report.preamble, None, report.preamble_lines)] if report.preamble else []
    found.extend(_passage(s.key, s.heading, s.text, s.location, s.lines) for s in report.sections)
    return tuple(found)


def _passage(key: str, name: str, text: str, location: Location | None, lines: Sequence[Location | None]) -> Passage:
    """A part in prose form, with where each of its lines starts in that form.

    `prose_form` only drops characters (white space, footer lines) and swaps others one for
    one, line by line, so a line's start is the length of what the lines before it keep.
    """
    starts, at = [], 0
    footers = may_match(_FOOTER.pattern, text)
    for line in text.split("\n"):
        starts.append(at)
        # `_FOOTER` spans a whole line: it drops a footer line, else no character of it.
        at += 0 if footers and _FOOTER.match(line) else len("".join(line.split()))
    return Passage(key, name, prose_form(text), location, tuple(starts), tuple(lines))


def passages(report: AnnualReport, keys: Sequence[str]) -> list[Passage]:
    """The parts of `report` a rule reads, in prose form, in the order the rule names them."""
    return _select(all_passages(report), keys)


def _select(texts: tuple[Passage, ...], keys: Sequence[str]) -> list[Passage]:
    by_key = _by_key(texts)
    return [by_key[key] for key in keys if key in by_key]


def _by_key(texts: tuple[Passage, ...]) -> dict[str, Passage]:
    by_key: dict[str, Passage] = {}
    for passage in texts:
        by_key.setdefault(passage.key, passage)  # a part found twice: the first, as report.section does
    return by_key


def text_scope(key: str, claim: int, sentence: str, matched: str) -> str:
    """A finding's scope in the text: the part, the claim and a hash of the sentence and match.

    Not a character offset, so editing an earlier sentence keeps the baseline fingerprint.
    """
    digest = hashlib.sha256(f"{sentence}|{matched}".encode()).hexdigest()[:10]
    return f"{key}:{claim}:{digest}"


def sentence_marks(text: str) -> tuple[int, ...]:
    """The positions of the sentence ends (`。；！？`) in `text`, in order."""
    return tuple(match.start() for match in _SENTENCE_ENDS.finditer(text))


def sentence_at(passage: Passage, start: int, end: int, following: int = 0) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end], plus `following` sentences after it.

    At most `LONGEST_SENTENCE` characters on either side: a longer run without 。；！？ is a list
    or a table, and reading it whole for every match would take quadratic time.
    """
    marks = passage.marks
    before = bisect_left(marks, start)  # the marks before `start`
    begin = marks[before - 1] + 1 if before else 0
    stop = end
    for _ in range(following + 1):
        after = bisect_left(marks, stop)  # the first mark at or after `stop`
        stop = marks[after] + 1 if after < len(marks) else len(passage.text)
    return max(begin, start - LONGEST_SENTENCE), min(stop, end + LONGEST_SENTENCE * (following + 1))


def quote(text: str, limit: int = 80, keep: tuple[int, int] | None = None) -> str:
    """A sentence as a message shows it: shortened in the middle when long.

    `keep` (start, end in `text`) is what the quote is about, such as the number stated: when
    the middle would drop it, the quote is the stretch around it, cut at either side instead.
    """
    if len(text) <= limit:
        return text
    half = limit // 2
    if keep is None or keep[1] <= half or keep[0] >= len(text) - half:
        return text[:half] + "……" + text[-half:]
    begin = max(0, min(keep[0] - (limit - (keep[1] - keep[0])) // 2, len(text) - limit))
    end = max(begin + limit, keep[1])
    return ("……" if begin > 0 else "") + text[begin:end] + ("……" if end < len(text) else "")


def view(report: AnnualReport, ref: CellRef) -> CellView:
    """A table cell as a finding shows it."""
    # Named as the report's format names it; a table printed in another layout may not have the
    # cell (then it reads as blank, so the claim is not assessable rather than wrong).
    return table_cell_view(formats()[report.metadata.format].table(ref.table), report, ref)


def parse_ref(ref: str) -> CellRef:
    """`T3.NEW.TOT` → a `CellRef` (validated when the rule file was loaded)."""
    table, row, column = ref.split(".")
    return CellRef(table, row, column)
