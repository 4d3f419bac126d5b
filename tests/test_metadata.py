"""Agency, year and dates from what is around a report: crawler fields, site chrome, Markdown,
titles over several lines, the signature block — and the title compared with the signature."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giocheck import check
from giocheck.api import load
from giocheck.cli import main
from giocheck.engine.content import same_agency
from giocheck.model import AnnualReport
from giocheck.strategies import reports
from giocheck.textnum import to_chinese
from giocheck.writers.text import write_text
from tests.support import read

WRAPPERS = Path(__file__).parent / "data" / "wrappers"
_TITLE = "渠县信访局\n\n2025 年政府信息公开工作年度报告\n"
_COMPILED = "编制渠县信访局 2025 年政府信息公开工作年度报告，"
_SITE_WORDS = ("标题", "单位", "来源", "网站", "门户", "首页", "采集", "#", "[", "政务公开 >")


def _body(qu_text: str) -> str:
    """The 渠县 sample without its title lines and without the sentence that names the agency,
    so that only what a test puts around it can tell the agency."""
    assert _TITLE in qu_text and _COMPILED in qu_text
    return qu_text.split(_TITLE, 1)[1].replace(_COMPILED, "")


# ------------------------------------------------------------------ the fixtures


@pytest.mark.parametrize("path", sorted(WRAPPERS.iterdir()), ids=lambda p: p.name)
def test_a_wrapped_report_is_read_as_its_own_agency_and_signature(path: Path) -> None:
    report = load(path)
    meta = report.metadata
    assert (meta.agency, meta.year, meta.format) == ("渠县信访局", 2025, "2021")
    assert meta.signature is not None
    assert (meta.signature.agency, meta.signature.dated) == ("渠县信访局", date(2026, 1, 16))
    assert meta.published == date(2026, 1, 16)
    # The page states its date (HTML metadata line); the text dumps state none the reader knows.
    assert meta.published_source == ("page" if path.suffix == ".html" else "signature")
    assert not report.problems
    # The same one true warning as the bare sample: wrappers and chrome add no finding.
    # The sample's own findings: 109 ≠ 99, and its label wordings (F_LABEL_WORDING, tested elsewhere).
    assert [f.rule for f in check(report).findings if f.rule != "F_LABEL_WORDING"] == ["N_TOTAL_BREAKDOWN"]


def test_show_prints_the_signature_and_where_the_date_comes_from(capsys: pytest.CaptureFixture[str]) -> None:
    path = WRAPPERS / "crawler-fields-qu-county-petition-bureau-2025.txt"
    assert main(["show", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["agency"] == "渠县信访局"
    assert shown["signature"] == {"agency": "渠县信访局", "date": "2026-01-16"}
    assert (shown["published"], shown["published_source"]) == ("2026-01-16", "signature")
    assert main(["show", str(path)]) == 0
    assert "落款 渠县信访局 2026-01-16" in capsys.readouterr().out


# ------------------------------------------------------------------ titles


def test_crawler_fields_give_the_title_without_their_keys(qu_text: str) -> None:
    text = "标题：渠县信访局2025年政府信息公开工作年度报告\n来源：渠县人民政府网\n采集时间：2026-03-02\n" + _body(
        qu_text
    )
    assert read(text).metadata.agency == "渠县信访局"
    quoted = '"标题": "渠县信访局2025年政府信息公开工作年度报告",\n"来源": "渠县人民政府网",\n' + _body(qu_text)
    assert read(quoted).metadata.agency == "渠县信访局"


@pytest.mark.parametrize(
    "head",
    [
        "首页 > 政务公开 > 年报\n2025年政府信息公开工作年度报告\n",
        "当前位置：首页 » 政务公开 » 政府信息公开年报\n2025年政府信息公开工作年度报告\n",
        "[首页](http://x.gov.cn/) > [政务公开](http://x.gov.cn/zwgk/) > [年报](http://x.gov.cn/nb/)\n"
        "# 2025年政府信息公开工作年度报告\n",
        "渠县人民政府门户网站-2025年政府信息公开工作年度报告\n",
        "来源：渠县人民政府网\n2025年政府信息公开工作年度报告\n发布时间：2026-01-16 浏览次数：12 字号：大 中 小\n",
        "打印 关闭窗口\n2025年政府信息公开工作年度报告\n",
        "繁體版 | English | 无障碍 | 长者版\n2025年政府信息公开工作年度报告\n",
        "网站地图 | 联系我们 | 一网通办\n2025年政府信息公开工作年度报告\n",
    ],
)
def test_site_chrome_never_becomes_the_agency(qu_text: str, head: str) -> None:
    meta = read(head + _body(qu_text)).metadata
    assert meta.year == 2025
    assert meta.agency is None  # nothing of the report names it: no guess from the site


@pytest.mark.parametrize(
    "head",
    [
        "# 渠县信访局2025年政府信息公开工作年度报告\n",
        "首页 > 政务公开 > 渠县信访局2025年政府信息公开工作年度报告\n",
        "[首页](/) > [年报](/nb/)\n渠县信访局\n2025年政府信息公开\n工作年度报告\n",
        "渠县\n信访局\n2025年政府信息公开工作年度报告\n",
        "**渠县信访局**\n**2025年政府信息公开工作年度报告**\n",
        "渠县信访局2025年政府信息公开工作年度报告 发布时间：2026-01-16 来源：渠县人民政府网\n",
        "正文：渠县信访局2025年政府信息公开工作年度报告\n",
        "来源：渠县人民政府网\n正文\n渠县\n信访局\n2025年政府信息公开工作年度报告\n",
    ],
)
def test_the_agency_comes_from_the_title_however_it_is_wrapped(qu_text: str, head: str) -> None:
    assert read(head + _body(qu_text)).metadata.agency == "渠县信访局"


def test_an_office_publishing_a_government_report(qu_text: str) -> None:
    head = "渠县人民政府办公室关于印发《渠县2025年政府信息公开工作年度报告》的通知\n"
    assert read(head + _body(qu_text)).metadata.agency == "渠县人民政府办公室"


def test_a_unit_field_names_the_agency_only_when_the_report_does_not(qu_text: str) -> None:
    head = "单位：渠县信访局\n来源：渠县人民政府网\n2025年政府信息公开工作年度报告\n"
    assert read(head + _body(qu_text)).metadata.agency == "渠县信访局"
    titled = "单位：渠县人民政府\n渠县信访局2025年政府信息公开工作年度报告\n"
    assert read(titled + _body(qu_text)).metadata.agency == "渠县信访局"
    site = "单位：渠县人民政府门户网站\n2025年政府信息公开工作年度报告\n"
    assert read(site + _body(qu_text)).metadata.agency is None


# ------------------------------------------------------------------ signatures


@pytest.mark.parametrize(
    ("tail", "dated"),
    [
        ("\n渠县信访局\n2026年1月16日\n", date(2026, 1, 16)),
        ("\n渠县信访局\n\n二〇二六年一月十六日\n", date(2026, 1, 16)),
        ("\n渠县信访局\n二○二六年一月二十日\n【打印本页】【关闭窗口】\n主办：渠县人民政府办公室\n", date(2026, 1, 20)),
        ("\n渠县信访局    2026 年 1 月 16 日\n", date(2026, 1, 16)),
    ],
)
def test_the_signature_gives_agency_and_date(qu_text: str, tail: str, dated: date) -> None:
    meta = read(_TITLE + _body(qu_text) + tail).metadata
    assert meta.signature is not None
    assert (meta.signature.agency, meta.signature.dated) == ("渠县信访局", dated)
    assert meta.signature.location is not None and meta.signature.location.line is not None
    assert (meta.published, meta.published_source) == (dated, "signature")


def test_the_signature_names_the_agency_when_nothing_else_does(qu_text: str) -> None:
    meta = read("2025年政府信息公开工作年度报告\n" + _body(qu_text) + "\n渠县信访局\n2026年1月16日\n").metadata
    assert meta.agency == "渠县信访局"


@pytest.mark.parametrize(
    "tail",
    [
        "\n本报告经局务会审议后于2026年1月16日\n",  # a sentence ending with a date
        "\n附件：渠县信访局2025年政府信息公开工作年度报告，于2026年1月16日发布。\n",
        "\n渠县信访局\n2026年2月30日\n",  # no such day
    ],
)
def test_no_signature_is_made_up(qu_text: str, tail: str) -> None:
    meta = read(_TITLE + _body(qu_text) + tail).metadata
    assert meta.signature is None and meta.published is None


def test_a_given_or_page_date_comes_before_the_signing_date(qu_text: str) -> None:
    text = _TITLE + _body(qu_text) + "\n渠县信访局\n2026年2月20日\n"
    late = check(read(text))
    message = next(f.message_zh for f in late.failures if f.rule == "Y_DEADLINE")
    assert "2026-02-20（报告落款日期，页面未载明发布日期）" in message
    given = check(read(text), published=date(2026, 1, 10))
    assert given.report.metadata.published_source == "given"
    assert "Y_DEADLINE" not in {f.rule for f in given.failures}
    page = load(WRAPPERS / "breadcrumbs-footer-qu-county-petition-bureau-2025.html")
    assert page.metadata.published_source == "page"


# ------------------------------------------------------------------ title against signature


def test_a_signature_of_another_agency_is_a_warning(qu_text: str) -> None:
    text = _TITLE + qu_text.split(_TITLE, 1)[1] + "\n达州市信访局\n2026年1月16日\n"
    result = check(read(text))
    signed = [f for f in result.findings if f.rule == "S_SIGNED_AGENCY"]
    assert len(signed) == 1 and signed[0].severity == "warning"
    assert "「渠县信访局」" in signed[0].message_zh and "「达州市信访局」" in signed[0].message_zh
    assert signed[0].where is not None and signed[0].where.line == text.count("\n")


@pytest.mark.parametrize(
    ("title", "signed", "same"),
    [
        ("渠县人民政府", "县人民政府", True),
        ("淮安市人民政府", "淮安市人民政府办公室", True),
        ("某市交通运输局", "某市交通局", True),
        ("渠县 信访局", "渠县信访局", True),
        ("渠县信访局", "达州市信访局", False),
        ("渠县信访局", "渠县司法局", False),
        ("渠县人民政府", "渠县信访局", False),
    ],
)
def test_which_names_are_one_agency(title: str, signed: str, same: bool) -> None:
    assert same_agency(title, signed) is same


def test_an_abbreviated_signature_is_no_warning(qu_text: str) -> None:
    text = _TITLE + qu_text.split(_TITLE, 1)[1] + "\n县信访局\n2026年1月16日\n"
    assert "S_SIGNED_AGENCY" not in {f.rule for f in check(read(text)).findings}


# ------------------------------------------------------------------ any report, any wrapper

_BEFORE = (
    "标题：{title}",
    "来源：{place}人民政府网",
    "采集时间：2026-03-02 14:21:07",
    "首页 > 政务公开 > 年报",
    "[首页](http://www.example.gov.cn/) > [政务公开](http://www.example.gov.cn/zwgk/)",
    "发布时间：2026-01-16  浏览次数：35  字号：大 中 小",
    "【打印本页】【关闭窗口】",
)
_AFTER = ("【打印本页】【关闭窗口】", "主办：{place}人民政府办公室 网站标识码：1234567890", "")


@settings(max_examples=40)
@given(
    report=reports(format="2021"),
    before=st.lists(st.sampled_from(_BEFORE), max_size=4),
    split=st.integers(1, 3),
    chinese_date=st.booleans(),
    after=st.lists(st.sampled_from(_AFTER), max_size=2),
    day=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
)
def test_wrappers_around_any_report_leave_its_agency_and_signature(
    report: AnnualReport, before: list[str], split: int, chinese_date: bool, after: list[str], day: date
) -> None:
    agency = report.metadata.agency or ""
    place = agency[:2]
    written = write_text(report).split("\n", 2)  # agency line, title line, the rest
    title = f"{agency}{report.metadata.year}年政府信息公开工作年度报告"
    head = [line.format(title=title, place=place) for line in before]
    lines = {1: [title], 2: [agency, written[1]], 3: [agency, f"{report.metadata.year}年政府信息公开", "工作年度报告"]}
    signed = _chinese_date(day) if chinese_date else f"{day.year}年{day.month}月{day.day}日"
    tail = [agency, signed, *(line.format(place=place) for line in after)]
    meta = read("\n".join([*head, *lines[split], written[2], *tail])).metadata
    assert meta.agency == agency
    assert not any(word in meta.agency for word in _SITE_WORDS)
    assert meta.signature is not None and (meta.signature.agency, meta.signature.dated) == (agency, day)


def _chinese_date(day: date) -> str:
    year = "".join("〇一二三四五六七八九"[int(digit)] for digit in str(day.year))
    return f"{year}年{to_chinese(day.month)}月{to_chinese(day.day)}日"


@pytest.mark.parametrize(("title", "signed"), [("测试市", "测试市人民政府"), ("渠县", "渠县人民政府办公室")])
def test_a_place_in_the_title_is_signed_by_its_government(title: str, signed: str) -> None:
    assert same_agency(title, signed)
    assert not same_agency(title, title + "交通运输局")


def test_the_signature_is_found_above_a_page_number(qu_text: str) -> None:
    """PDFs end with the page number (「- 2 -」) after the signature."""
    report = read(qu_text.rstrip() + "\n\n渠县信访局\n2026年1月20日\n\n- 5 -\n")
    signature = report.metadata.signature
    assert signature is not None and signature.agency == "渠县信访局"
