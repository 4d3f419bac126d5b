"""What is around a report rather than in it: crawler wrappers, site chrome, the signature block.

A crawled or converted report often starts with its crawler's fields (`标题：…`, `单位：…`,
`来源：…`, `采集时间：…`), the site's breadcrumbs and navigation (「首页 > 政务公开 > 年报」,
Markdown links) and page metadata (「发布时间：」「浏览次数」「字号：大 中 小」), and ends
with the report's own signature (agency and date) followed by the site's footer. This module
tells these lines apart so the title and agency are read from the report's own words only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

import attrs

from giocheck.document import Line
from giocheck.extract.tokens import is_noise
from giocheck.model import Signature
from giocheck.textnum import parse_number

_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}|>|[-*+](?=\s))\s*|\*\*|__")
# `标题：…` / `"title": "…",`: a crawler's field; its key and quoting are no part of the value.
_FIELD = re.compile(
    r"""^\s*["'【\[]?\s*(?P<key>[^\s:："'】\]]{1,8}?)\s*["'】\]]?\s*[:：]\s*(?P<value>.*?)\s*["',]*\s*$"""
)
# Keys whose value is the report's own text (its title, or the start of its body).
_TITLE_KEYS = frozenset({"标题", "题目", "文章标题", "名称", "title", "Title", "TITLE", "正文", "内容", "content"})
_UNIT_KEYS = frozenset({"单位", "发布机构", "发布单位", "发文机关", "发文单位", "公开主体", "信息公开主体"})
# Fields of the page or the crawler, never the report's words (`来源` names the site, not the agency).
_CHROME_FIELD = re.compile(
    r"(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|生成日期|成文日期|更新时间|采集时间|抓取时间|爬取时间|"
    r"浏览次数|浏览量|访问量|访问次数|点击数|点击量|阅读次数|阅读量|字号|字体|索引号|主题分类|体裁分类|"
    r"网址|链接|url|URL|作者|编辑|责任编辑|分享到|当前位置|您的位置|您现在的位置|所在位置)\s*[:：]"
)
_CHROME_WORDS = re.compile(
    r"^(?:首页|打印|关闭|关闭窗口|打印本页|关闭本页|收藏|分享|分享到|扫一扫|返回顶部|字号|"
    r"我要纠错|上一篇|下一篇|相关链接|相关文章|网站地图|联系我们|主办|承办|技术支持|"
    r"网站标识码|版权所有|ICP|公网安备|Copyright|©)"
)
_ONLY_CHROME = re.compile(
    r"^(?:[【\[（(]?\s*(?:正文|打印|关闭|关闭窗口|打印本页|关闭本页|收藏|分享|扫一扫|返回顶部|字号|大|中|小|默认|"
    r"保存|纠错)\s*[】\]）)]?[\s|｜/·]*)+$"
)
# Words of a site's header and footer: language and accessibility switches, service links, filings.
_FOOTER = re.compile(
    r"主办|承办|网站标识码|ICP|备案号|公网安备|公安备案|版权所有|Copyright|©|技术支持|网站地图|联系我们|友情链接|"
    r"繁體|简体版|English|ENGLISH|无障碍|长者版|关怀版|一网通办|专题专栏"
)
_BREADCRUMB = re.compile(r"\s*(?:>>?|»|›|＞|→|/)\s*")
_NAV_START = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置|位置)?\s*[:：]?\s*首页")
# Words that name a website, not an agency: such text is never the agency's name.
SITE_WORDS = re.compile(r"网站|门户|官网|政务网|政府网|首页|当前位置|您的位置|来源|浏览|采集|字号|打印|www|http")

_CN_DATE_DIGITS = "〇零○Ｏ一二两三四五六七八九十"
_DATE = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}}|[{_CN_DATE_DIGITS}]{{4}})\s*年\s*(?P<month>\d{{1,2}}|[{_CN_DATE_DIGITS}]{{1,3}})\s*月"
    rf"\s*(?P<day>\d{{1,2}}|[{_CN_DATE_DIGITS}]{{1,3}})\s*日"
)
_AGENCY_END = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|办|厅|政府|中心|院|会|所|处|队|站|馆|署|部|行|街道|事处|镇|乡|公司|集团|室|社|台|园区)$"
)
_SIGNATURE_REACH = 12
_PROSE_MARKS = re.compile(r"[。，；！？,;]")


@attrs.frozen
class HeadLine:
    """A line above part 一 with the wrapper's key, Markdown marks and links taken off."""

    text: str
    index: int


def clean(text: str) -> str:
    """A line without Markdown marks (`# `, `**`) and with links replaced by their text."""
    return _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text)).strip()


def head_lines(lines: Sequence[Line], is_title: Callable[[str], bool]) -> list[HeadLine]:
    """The title block's own lines: wrapper title fields unwrapped, chrome and other fields left out.

    A breadcrumb is kept only as its last part, and only when that part `is_title`
    (`首页 > 政务公开 > XX局2024年政府信息公开工作年度报告`; not `首页 > 政务公开 > 年报`).
    """
    kept: list[HeadLine] = []
    for index, line in enumerate(lines):
        text = clean(line.text)
        field = _FIELD.match(text)
        if field and field["key"] in _TITLE_KEYS:
            text = field["value"]
        elif field and field["key"] in _UNIT_KEYS:
            continue
        text = _CHROME_FIELD.split(text, maxsplit=1)[0].strip()  # `…年度报告 发布时间：2025-01-20`
        if is_breadcrumb(text):
            last = _BREADCRUMB.split(text)[-1]
            text = last if is_title(last) else ""
        if text and not is_chrome(text):
            kept.append(HeadLine(text, index))
    return kept


def is_breadcrumb(text: str) -> bool:
    """`首页 > 政务公开 > 年报`, `当前位置：首页 » …`: a site's path to the page."""
    parts = [part for part in _BREADCRUMB.split(text) if part]
    return bool(_NAV_START.match(text)) or (len(parts) >= 3 and all(len(part) <= 40 for part in parts[:-1]))


def is_chrome(text: str) -> bool:
    """A line of the site around the report: navigation, page fields, print buttons, footer."""
    text = text.strip()
    if not text:
        return True
    if _ONLY_CHROME.match(text) or _CHROME_FIELD.match(text) or _CHROME_FIELD.search(text[:20]):
        return True
    return len(text) <= 60 and (_CHROME_WORDS.match(text) is not None or _FOOTER.search(text) is not None)


def wrapper_unit(lines: Sequence[Line]) -> str | None:
    """The agency a crawler's or page's field names (`单位：`, `发布机构：`), never a site name."""
    for line in lines:
        for match in re.finditer(
            r"(?:发布机构|发布单位|发文机关|发文单位|公开主体|单位)\s*[:：]\s*(?P<name>[^\s\"',，。]+)",
            clean(line.text),
        ):
            name = match["name"]
            if 2 <= len(name) <= 40 and not SITE_WORDS.search(name):
                return name
    return None


def read_signature(lines: Sequence[Line]) -> Signature | None:
    """The signing agency and date at the end (`渠县信访局` / `2026年1月20日`), before any footer.

    The date stands on its own line (or after the name on the same line); the name is the line
    above it when it reads as an agency's name. Footer and chrome lines after it are skipped.
    """
    seen = 0
    for index in range(len(lines) - 1, -1, -1):
        text = clean(lines[index].text)
        if not text or is_chrome(text) or is_noise(lines[index]):
            continue  # site chrome, a page number (「- 2 -」), a ruling line
        seen += 1
        if seen > _SIGNATURE_REACH or len(lines[index].fragments) > 2:
            return None  # prose or a table row: no signature after it
        match = _DATE.search(text)
        if match is None or text[match.end() :].strip("（）()盖章印 　"):
            continue
        dated = _date(match)
        if dated is None:
            continue
        before = text[: match.start()].strip()
        if before:
            agency = agency_name(before)
            if agency is None:
                continue  # a sentence that ends with a date (`…于2025年1月20日`)
        else:
            above = next((clean(lines[i].text) for i in range(index - 1, -1, -1) if clean(lines[i].text)), "")
            agency = agency_name(above)
        return Signature(agency=agency, dated=dated, location=lines[index].location)
    return None


def agency_name(text: str) -> str | None:
    """`text` when it reads as an agency's name alone: short, no prose marks, no site words."""
    name = re.sub(r"\s+", "", text)
    if not 2 <= len(name) <= 40 or _PROSE_MARKS.search(name) or SITE_WORDS.search(name) or _DATE.search(name):
        return None
    return name if _AGENCY_END.search(name) else None


def _date(match: re.Match[str]) -> date | None:
    try:
        year, month, day = (int(parse_number(match[part])) for part in ("year", "month", "day"))
        return date(year, month, day)
    except ValueError:
        return None
