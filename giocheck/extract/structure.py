"""The outline of a report: title (agency, year), the six section headings, the format."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from giocheck.document import Line
from giocheck.extract.wrapper import SITE_WORDS, head_lines, wrapper_unit
from giocheck.formats import FormatSpec, SectionSpec, format_for_year, formats, latest_format
from giocheck.labels import normalize
from giocheck.profile import split_name
from giocheck.textnum import parse_number

_MAX_HEADING = 40
_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d{2}|(?:一九|二[〇零○Ｏ])[〇零○Ｏ一二三四五六七八九]{2})\s*年\s*度?\s*(?P<middle>.{0,40}?)"
    r"政府信息公开\s*(?:工作)?\s*年\s*度\s*报\s*告"
)
_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-)")
_COMPILED = re.compile(r"编制(?:了)?(?P<agency>[^，。,\s\d]{2,40}?)\s*(?:19|20)\d{2}\s*年")
_AGENCY_JUNK = re.compile(r"^(?:关于|印发)|(?:关于|的)$")
_PROSE = re.compile(r"[。，；！？,;《》]")
_TITLE_LINES = 3
_NAME_PART = 12  # the longest line read as the first part of a name split over lines (`渠县`)


@attrs.frozen
class Heading:
    """A section heading found at `index` in the document's lines."""

    section: SectionSpec
    index: int
    text: str


@attrs.frozen
class Title:
    """What the title block says: agency and report year, when found; `unit` is the agency a
    crawler's or page's field (`单位：`) names, for when neither title nor signature names one."""

    agency: str | None
    year: int | None
    unit: str | None = None


def find_headings(lines: Sequence[Line], spec: FormatSpec) -> list[Heading]:
    """The section headings, in order; each section at most once."""
    found: list[Heading] = []
    next_section = 0
    for index, line in enumerate(lines):
        text = normalize(line.text)
        if len(text) > _MAX_HEADING:
            continue
        for position in range(next_section, len(spec.sections)):
            section = spec.sections[position]
            if section.regex.search(text):
                found.append(Heading(section, index, line.text.strip()))
                next_section = position + 1
                break
    return found


def read_title(lines: Sequence[Line], before: int) -> Title:
    """Agency and year from the lines before the first section (or the first 20 lines).

    Wrapper fields, site chrome and Markdown marks are left out first (`giocheck.extract.wrapper`);
    a title may run over up to three lines (`XX市人民政府办公室` / `2024年政府信息公开` / `工作年度报告`).
    The agency comes from the title itself, else the text (`编制XX局2024年…`), else the crawler's
    `单位：` field — never from the site's name.
    """
    scope = lines[: before if before > 0 else 20]
    head = [re.sub(r"\s+", "", line.text) for line in head_lines(scope, lambda text: _TITLE.search(text) is not None)]
    year: int | None = None
    for end in range(len(head)):
        agency = None
        for span in range(1, min(_TITLE_LINES, end + 1) + 1):
            joined = "".join(head[end - span + 1 : end + 1])
            match = _TITLE.search(joined)
            if match is None or (span > 1 and match.end() <= len(joined) - len(head[end])):
                continue  # no title, or one already found with fewer lines
            year = year or int(parse_number(match["year"].replace("Ｏ", "〇")))  # a letter typed for 〇
            found = _clean_agency(match["middle"]) or _clean_agency(joined[: match.start()])
            if agency is not None and (found is None or len(head[end - span + 1]) > _NAME_PART):
                break  # the line above is no part of the name
            agency = found or agency
            if agency is not None and split_name(agency)[0]:
                break  # a whole name, with its place; else (`信访局` under `渠县`) read on upwards
        if agency is not None:
            return Title(agency, year, wrapper_unit(scope))
        if year is not None and end + 1 < len(head) and _TITLE.search(head[end + 1]) is None:
            break  # the title line is found and names no agency: the lines after it are the report's text
    return Title(_agency_from_text(lines), year or _year_from_period(lines), wrapper_unit(scope))


def _clean_agency(text: str) -> str | None:
    # `XX市人民政府办公室关于印发《XX市2024年…》的通知`: the agency is what precedes 关于.
    text = re.sub(r"(?<=.)关于.*$", "", re.sub(r"\s+", "", text))
    text = _AGENCY_JUNK.sub("", text).strip("：:，,。-—_|·《》“”\"'")
    if SITE_WORDS.search(text) or _PROSE.search(text):
        return None
    return text if 2 <= len(text) <= 40 else None


def _agency_from_text(lines: Sequence[Line]) -> str | None:
    for line in lines[:30]:
        match = _COMPILED.search(line.text)
        if match:
            return _clean_agency(match["agency"])
    return None


def _year_from_period(lines: Sequence[Line]) -> int | None:
    for line in lines[:40]:
        match = _PERIOD.search(line.text)
        if match:
            return int(match["year"])
    return None


def detect_format(lines: Sequence[Line], year: int | None) -> FormatSpec | None:
    """The format the tables are printed in; by report year when no table says.

    Returns None for a legacy (pre-2019) report without national tables.
    """
    text = normalize("".join(line.text for line in lines))
    scores = {key: sum(marker in text for marker in spec.markers) for key, spec in formats().items()}
    best = max(scores, key=lambda key: scores[key])
    if scores[best] > 0:
        return formats()[best]
    if year is None:
        return latest_format()
    return format_for_year(year)
