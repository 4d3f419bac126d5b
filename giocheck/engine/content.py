"""Report kinds about what a report contains, when it says it covers and when it came out.

- `sections_present`: the parts are there, in order, and not empty;
- `required_content`: each aspect is mentioned by at least one of its words;
- `stated_year`: years the text states (统计期限, statements dated by year) match the report year;
- `format_version`: the tables are in the format due for the report year;
- `deadline`: published by the date 条例第四十九条 sets for this kind of agency;
- `other_place`: the agency's own kind of body named with another place's name;
- `signed_agency`: the agency that signs the report is the one its title names.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache

from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance
from giocheck.engine.registry import register
from giocheck.engine.report import Subject, finding, prose_form, quote, sentence_at, text_scope
from giocheck.engine.ruledata import PREAMBLE, compile_pattern, may_match
from giocheck.engine.schema import AspectsRule, ClaimsRule, DeadlinesRule, PlainRule, SectionsRule
from giocheck.formats import format_for_year, formats
from giocheck.naming import part_name
from giocheck.profile import infer, split_name
from giocheck.textnum import YEAR, parse_year


@register("sections_present", SectionsRule, {"part", "problem"})
def sections_present(instance: Instance[SectionsRule], subject: Subject) -> Iterator[Finding]:
    """Every part the rule lists is present (headings are found in order only) and not empty."""
    rule = instance.rule
    spec = formats()[subject.report.metadata.format]
    labels = {s.key: s.label for s in spec.sections}
    english = {s.key: part_name(s, "en") for s in spec.sections}
    for key in rule.sections:
        found = subject.passages([key])
        if not found:
            problem_zh, problem_en = (
                "缺少该部分，或其标题不在应有的位置（顺序不对）",
                "missing, or its heading is out of order",
            )
        elif not found[0].text:
            problem_zh, problem_en = "该部分没有内容", "the part is empty"
        else:
            continue
        yield finding(
            rule,
            {"part": labels.get(key, key), "problem": problem_zh},
            {"part": f"“{english.get(key, key)}”", "problem": problem_en},
            scope=key,
            where=found[0].location if found else None,
        )


@register("required_content", AspectsRule, {"section", "missing", "missing_count"})
def required_content(instance: Instance[AspectsRule], subject: Subject) -> Iterator[Finding]:
    """The parts read mention each aspect (any of its keywords); absent parts are left to S_PARTS."""
    rule = instance.rule
    found = subject.passages(rule.sections)
    if not found:
        return
    text = "".join(p.text for p in found)
    missing = [a for a in rule.aspects if not any(_prose_word(word) in text for word in a.keywords)]
    if missing:
        yield finding(
            rule,
            {
                "section": "、".join(f"「{p.name}」" for p in found),
                "missing": "、".join(a.name_zh for a in missing),
                "missing_count": str(len(missing)),
            },
            {"section": ", ".join(f"“{p.name}”" for p in found), "missing": ", ".join(a.name_en for a in missing)},
            scope=",".join(a.name_en for a in missing),
            where=found[0].location,
            severity=rule.severity_all_missing if len(missing) == len(rule.aspects) else None,
        )


@cache
def _prose_word(word: str) -> str:
    """A keyword in prose form, as the text it is looked for in (made once per keyword)."""
    return prose_form(word)


@register("stated_year", ClaimsRule, {"section", "sentence", "stated", "year", "cause"})
def stated_year(instance: Instance[ClaimsRule], subject: Subject) -> Iterator[Finding]:
    """Every year a claim's `year…` groups capture is the report year plus one of its offsets.

    When the statistics period and most statements dated by year agree with each other on the
    wrong year, the title is the part that disagrees: {cause} says so.
    """
    rule = instance.rule
    year = subject.report.metadata.year
    if year is None:
        return
    elsewhere = subject.memo("years elsewhere", lambda: _years_elsewhere(subject))
    for index, claim in enumerate(rule.claims):
        regex = compile_pattern(claim.pattern)
        groups = [name for name in regex.groupindex if name.startswith("year")]
        for passage in subject.passages(rule.sections):
            if not may_match(claim.pattern, passage.text):
                continue
            for match in regex.finditer(passage.text):
                # One statement may name a wrong year twice (`2024年1月1日至2024年12月31日`): say it once.
                wrong = list(
                    dict.fromkeys(
                        _year(m)
                        for m in (match[g] for g in groups)
                        if m and _year(m) not in {year + o for o in claim.offsets}
                    )
                )
                if not wrong:
                    continue
                begin, end = sentence_at(passage, match.start(), match.end())
                title_wrong = len(wrong) == 1 and elsewhere == (wrong[0], wrong[0])
                yield finding(
                    rule,
                    {
                        "section": passage.name,
                        "sentence": quote(passage.text[begin:end], keep=(match.start() - begin, match.end() - begin)),
                        "stated": "、".join(f"{w}年" for w in wrong),
                        "year": str(year),
                        "cause": f"（统计期限和正文以年份开头的表述都是 {wrong[0]} 年，更可能是标题中的年度写错了）"
                        if title_wrong
                        else "",
                    },
                    {
                        "cause": f" (the statistics period and the statements dated by year all say {wrong[0]}: "
                        "more likely the year in the title is wrong)"
                        if title_wrong
                        else "",
                        "stated": ", ".join(str(w) for w in wrong),
                    },
                    scope=text_scope(passage.key, index, passage.text[begin:end], match[0]),
                    where=passage.where(match.start()),
                )


_PERIOD_YEAR = re.compile(rf"统计[^。；]{{0,16}}?(?P<year>{YEAR})年1月1日")
_DATED = re.compile(rf"(?:^|[。；！？])(?P<year>{YEAR})年度?，")


def _years_elsewhere(subject: Subject) -> tuple[int | None, int | None]:
    """The year of the statistics period, and the year most statements dated by year open with
    (None where the report states none, or no year has most of them)."""
    period = next(
        (_year(m["year"]) for p in subject.passages([PREAMBLE, "OVERVIEW"]) for m in _PERIOD_YEAR.finditer(p.text)),
        None,
    )
    dated = Counter(_year(m["year"]) for p in subject.passages(["OVERVIEW", "OTHER"]) for m in _DATED.finditer(p.text))
    common = dated.most_common(1)
    body = common[0][0] if common and common[0][1] * 2 > sum(dated.values()) else None
    return period, body


def _year(text: str) -> int | None:
    try:
        return parse_year(text)
    except ValueError:
        return None


@register("format_version", PlainRule, {"year", "format", "expected"})
def format_version(instance: Instance[PlainRule], subject: Subject) -> Iterator[Finding]:
    """A report for year Y uses the tables of the format due for Y (2019–2020: 2019; 2021 on: 2021)."""
    rule = instance.rule
    meta = subject.report.metadata
    expected = None if meta.year is None else format_for_year(meta.year)
    if expected is None or expected.key == meta.format:
        return
    yield finding(
        rule,
        {"year": str(meta.year), "format": _format_zh(meta.format), "expected": _format_zh(expected.key)},
        {"format": meta.format, "expected": expected.key},
        scope=meta.format,
    )


@register("substituted_rows", PlainRule, {"table", "printed", "replaced", "format"})
def substituted_rows(instance: Instance[PlainRule], subject: Subject) -> Iterator[Finding]:
    """Say where a table prints an older format's row in place of the official rows."""
    rule = instance.rule
    meta = subject.report.metadata
    spec = formats()[meta.format]
    for table_spec in spec.tables:
        table = subject.report.tables.get(table_spec.key)
        if table is None:
            continue
        for substitute in table_spec.substitutes:
            row = table.substitutes.get(substitute.key)
            if row is None:
                continue
            replaced = "、".join(f"「{table_spec.row(key).label}」" for key in substitute.replaces)
            location = next((c.location for c in row.cells.values() if c.location is not None), None)
            yield finding(
                rule,
                {"table": table_spec.name_zh, "printed": row.label, "replaced": replaced, "format": meta.format},
                {
                    "table": table_spec.name_en,
                    "replaced": ", ".join(f"“{table_spec.row_name(key, 'en')}”" for key in substitute.replaces),
                },
                scope=f"{table_spec.key}.{substitute.key}",
                where=location,
            )


def _format_zh(key: str) -> str:
    spec = formats()[key]
    return f"{spec.title_zh}（{key}）"


# Where the publication date was taken from, as the deadline message says it.
_PUBLISHED_FROM = {
    "page": ("页面所载发布日期", "the date the page states"),
    "given": ("检查时给出的发布日期", "the publication date given for the check"),
    "signature": ("报告落款日期，页面未载明发布日期", "the date the report is signed; the page states none"),
}


@register("deadline", DeadlinesRule, {"published", "source", "due", "basis", "late"}, legacy=True)
def deadline(instance: Instance[DeadlinesRule], subject: Subject) -> Iterator[Finding]:
    """Published no later than the first deadline that fits the agency and the report year."""
    rule = instance.rule
    meta, profile = subject.report.metadata, subject.profile
    if meta.published is None or meta.year is None:
        return
    for due in rule.deadlines:
        if (due.first_year is not None and meta.year < due.first_year) or (
            due.last_year is not None and meta.year > due.last_year
        ):
            continue
        if (due.agency_kinds and profile.kind not in due.agency_kinds) or (
            due.agency_levels and profile.level not in due.agency_levels
        ):
            continue
        last_day = _day(meta.year + 1, due.month, due.day)
        if meta.published > last_day:
            yield finding(
                rule,
                {
                    "published": meta.published.isoformat(),
                    "source": _PUBLISHED_FROM[meta.published_source or "given"][0],
                    "due": last_day.isoformat(),
                    "basis": due.text_zh,
                    "late": str((meta.published - last_day).days),
                },
                {"basis": due.text_en, "source": _PUBLISHED_FROM[meta.published_source or "given"][1]},
                scope=last_day.isoformat(),
            )
        return


def _day(year: int, month: int, day: int) -> date:
    """The date, or the month's last day when it has no such day (2月29日 in a common year)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


_PLACE = r"[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|地区|街道|省|州|盟|市|县|旗|区|镇|乡)"
# The fewest and most characters `_PLACE` takes: one to ten, then a suffix of one to three.
_PLACE_SHORTEST, _PLACE_LONGEST = 2, 13
# Words that end the clause before a place name ("请与宿迁市…", "报送淮安市…"): the name starts after them.
_BEFORE_PLACE = re.compile(r".*(?:与|和|及|向|由|在|对|将|为|同|跟|给|的|报送|请)")


@register("other_place", SectionsRule, {"section", "sentence", "other", "own"})
def other_place(instance: Instance[SectionsRule], subject: Subject) -> Iterator[Finding]:
    """The agency's own body (`信访局`) named with another place of the same level (`通川区信访局`)."""
    rule = instance.rule
    profile = subject.profile
    if not profile.name or not profile.place or profile.level is None:
        return
    body = split_name(profile.name)[1]
    if len(body) < 2:
        return  # a report titled by the place alone: no body name to look for
    named = prose_form(body)
    regex = re.compile(rf"(?P<place>{_PLACE}){re.escape(named)}")
    for passage in subject.passages(rule.sections):
        for match in _ending_with(regex, passage.text, named):
            places = split_name(_BEFORE_PLACE.sub("", match["place"]))[0]
            other = "".join(places)
            if not other or other in profile.place or profile.place in other:
                continue
            if infer(other + body)[1] != profile.level:
                continue  # a higher or lower office (达州市信访局 in a county report) is no copy sign
            begin, end = sentence_at(passage, match.start(), match.end())
            yield finding(
                rule,
                {
                    "section": passage.name,
                    "sentence": quote(passage.text[begin:end], keep=(match.start() - begin, match.end() - begin)),
                    "other": other + body,
                    "own": profile.name,
                },
                {"own": f"“{profile.name}”"},
                scope=text_scope(passage.key, 0, passage.text[begin:end], match[0]),
                where=passage.where(match.start()),
            )


def _ending_with(regex: re.Pattern[str], text: str, named: str) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` for a place (`_PLACE`) followed by `named`, tried only where a
    match can start: at most `_PLACE_LONGEST` characters before each time `named` occurs."""
    cursor, found = 0, text.find(named)  # cursor: the first position not tried yet
    while found >= 0:
        cursor = max(cursor, found - _PLACE_LONGEST)
        while cursor <= found - _PLACE_SHORTEST:
            match = regex.match(text, cursor)
            if match is None:
                cursor += 1
            else:
                yield match
                cursor = match.end()
        found = text.find(named, found + 1)


@register("signed_agency", PlainRule, {"title", "signed"}, legacy=True)
def signed_agency(instance: Instance[PlainRule], subject: Subject) -> Iterator[Finding]:
    """The signature names the agency the title names (an abbreviation such as 县人民政府 for
    XX县人民政府, or the government's 办公室 that compiles its report, is the same agency)."""
    rule = instance.rule
    meta = subject.report.metadata
    signed = meta.signature.agency if meta.signature else None
    if not meta.agency or not signed or same_agency(meta.agency, signed):
        return
    yield finding(
        rule,
        {"title": meta.agency, "signed": signed},
        scope=signed,
        where=meta.signature.location if meta.signature else None,
    )


def same_agency(one: str, other: str) -> bool:
    """Whether two names may name one agency: the shorter one's characters appear in the longer
    one in order, and both end alike (`县政府` in `渠县政府`, `市交通局` in `市交通运输局`); or
    one is a place and the other that place's government (`测试市`, `测试市人民政府`)."""
    short, long = sorted((_agency_key(one), _agency_key(other)), key=len)
    if short and long == short + "政府" and _PLACE_NAME.search(short):
        return True
    if not short or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(char in rest for char in short)


# A place name (a report titled by its place, signed by its government).
_PLACE_NAME = re.compile(r"(?:省|自治区|市|州|盟|地区|县|旗|区|镇|乡|街道)$")


def _agency_key(name: str) -> str:
    """A name with 人民政府 as 政府, and a government's office (办公室/办公厅/办) as the government."""
    name = re.sub(r"\s+", "", name).replace("人民政府", "政府")
    return re.sub(r"政府办(?:公[室厅])?$", "政府", name)
