"""Who reports: a people's government, its office, a 行署 or 街道办事处, or a department, and at which level.

Inferred from the agency name in the title (`渠县信访局` → a county-level department,
`淮安市人民政府` → a city government, `淮安市人民政府办公室` → the government's office, which
publishes its own report as a department) with the agency-kind table and the list of
prefecture-level divisions (`giocheck.agencies`, data in `rules/`): a 市 on that list is a
设区的市, any other 市 (`宁国市`) a 县级市; a 地区 or 盟 is prefecture level. What the user gives
(`--agency-kind`, `--agency-level`, the `[agency]` configuration, stored on `Metadata`) wins.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

import attrs

from giocheck.agencies import is_prefecture_city, kind_of
from giocheck.model import AgencyKind, AgencyLevel, AnnualReport, Metadata

Source = Literal["given", "inferred", "unknown"]

KIND_ZH: dict[str, str] = {
    "government": "人民政府",
    "office": "人民政府办公室（办公厅）",
    "dispatched": "派出机关（行政公署、街道办事处）",
    "department": "部门",
}
LEVEL_ZH: dict[str, str] = {
    "state_council_department": "国务院部门",
    "province": "省级",
    "city": "设区的市级",
    "prefecture": "地区、盟级",
    "county": "县级",
    "township": "乡镇街道",
}

_UNIT = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:自治区|特别行政区|自治州|自治县|自治旗|地区|街道|苏木|省|州(?!市)|盟|市|县|旗|区|镇|乡)"
)
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
# Words ending like a place that are part of a body's name: 城市管理局, 市场监督管理局 …
_NOT_PLACES = ("城市", "都市", "社区", "园区", "景区", "小区", "辖区", "片区", "城区", "省市")
_STATE = re.compile(r"^(?:中华人民共和国|国务院|国家|中国)")
_STATE_BODY = re.compile(r"(?:部|委员会|总署|总局|署|局|银行|办公厅)$")


@attrs.frozen
class AgencyProfile:
    """The reporting agency's kind and level, and whether each was given or inferred."""

    name: str | None
    place: str
    kind: AgencyKind | None
    level: AgencyLevel | None
    kind_source: Source
    level_source: Source

    def describe(self, lang: str = "zh") -> str:
        """`部门 · 县级（推断）` / `department · county (inferred)`."""
        if lang == "en":
            kind = self.kind or "?"
            level = self.level or "?"
            how = {"given": "given", "inferred": "inferred", "unknown": "unknown"}
            return f"{kind} ({how[self.kind_source]}) · {level} ({how[self.level_source]})"
        how_zh = {"given": "指定", "inferred": "推断", "unknown": "未知"}
        kind_zh = KIND_ZH.get(self.kind or "", "?")
        level_zh = LEVEL_ZH.get(self.level or "", "?")
        return f"{kind_zh}（{how_zh[self.kind_source]}）· {level_zh}（{how_zh[self.level_source]}）"


def split_name(name: str) -> tuple[list[str], str]:
    """`渠县信访局` → (["渠县"], "信访局"); `上海市黄浦区人民政府打浦桥街道` → places, "" body."""
    text = re.sub(r"\s+", "", name)
    text = re.sub(r"^中华人民共和国", "", text)
    places: list[str] = []
    position = 0
    while True:
        match = _UNIT.match(text, position)
        if match is None or match.group() in _NOT_PLACES or text[match.end() : match.end() + 1] == "场":
            break
        places.append(match.group())
        position = match.end()
        # `…区人民政府打浦桥街道`: a government between two places belongs to the outer one.
        between = re.match(r"(?:人民政府|政府)(?=[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡))", text[position:])
        if between:
            position += between.end()
    return places, text[position:]


def infer(name: str | None) -> tuple[AgencyKind | None, AgencyLevel | None]:
    """Kind and level from an agency name alone (None where the name does not tell)."""
    if not name:
        return None, None
    places, body = split_name(name)
    if not places:
        if _STATE.match(name) or _STATE_BODY.search(body):
            return "department", "state_council_department"
        return None, None
    entry = kind_of(places[-1], body)
    if entry is None:
        return None, _level(places)
    return entry.key, entry.level or _level(places)


def _level(places: list[str]) -> AgencyLevel:
    last = places[-1]
    if last.endswith(("街道", "镇", "乡", "苏木")):
        return "township"
    if last.endswith(("县", "旗", "区")) and not last.endswith(("自治区", "地区", "特别行政区")):
        return "county"
    if last.endswith(("省", "自治区", "特别行政区")) or (len(places) == 1 and last in _MUNICIPALITIES):
        return "province"
    if last.endswith(("地区", "盟")):
        return "prefecture"
    if last.endswith("市") and not is_prefecture_city(last):
        return "county"  # a 县级市 (宁国市) is on no list of 设区的市
    return "city"


def profile_of(metadata: Metadata) -> AgencyProfile:
    """The agency profile: what the user gave, else what the name says."""
    kind, level = infer(metadata.agency)
    places = split_name(metadata.agency)[0] if metadata.agency else []
    return AgencyProfile(
        name=metadata.agency,
        place="".join(places),
        kind=metadata.agency_kind or kind,
        level=metadata.agency_level or level,
        kind_source=_source(metadata.agency_kind, kind),
        level_source=_source(metadata.agency_level, level),
    )


def _source(given: str | None, inferred: str | None) -> Source:
    return "given" if given is not None else "inferred" if inferred is not None else "unknown"


def with_profile(
    report: AnnualReport,
    kind: AgencyKind | None = None,
    level: AgencyLevel | None = None,
    published: date | None = None,
) -> AnnualReport:
    """A copy of `report` with the agency kind/level (and publication date) the user gave."""
    update: dict[str, object] = {}
    if kind is not None:
        update["agency_kind"] = kind
    if level is not None:
        update["agency_level"] = level
    if published is not None:
        update["published"] = published
        update["published_source"] = "given"
    if not update:
        return report
    metadata = Metadata.model_validate({**report.metadata.model_dump(), **update})
    return report.model_copy(update={"metadata": metadata})
