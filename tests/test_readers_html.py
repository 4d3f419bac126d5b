"""The HTML reader: real Word-exported pages cell-exact, merged cells, encodings, layout tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from giocheck.api import check, load
from giocheck.document import Line
from giocheck.errors import ReadError
from giocheck.extract import extract_report
from giocheck.readers import read_document
from giocheck.readers.cells import GridCell, grid_lines
from giocheck.readers.html import looks_like_html, read_html
from giocheck.writers.html import write_html
from tests.conftest import DATA, QU
from tests.support import expected_values, values

REAL = DATA / "real"


@pytest.mark.parametrize("name", ["shanghai-city-government-office-2019", "test-city-government-2025"])
def test_real_pages_read_cell_exact(name: str) -> None:
    report = load(REAL / f"{name}.html")
    assert report.problems == []
    assert values(report) == expected_values(REAL / f"{name}.expected.json")


def test_the_2019_page_keeps_its_own_shape() -> None:
    report = load(REAL / "shanghai-city-government-office-2019.html")
    assert report.metadata.format == "2019"
    assert len(report.tables["T3"].rows) == 23
    assert len(report.tables["T2"].rows) == 8
    fee = report.cell("T2", "PROCUREMENT", "PROC_AMOUNT")
    assert fee is not None and fee.raw == "251000元" and str(fee.value) == "251000"
    blank = report.cell("T3", "R_GRANT", "TOT")
    assert blank is not None and blank.value is None  # `&nbsp;` is a blank cell, not 0


def test_cells_say_which_table_row_and_column() -> None:
    report = load(REAL / "test-city-government-2025.html")
    cell = report.cell("T3", "R_DENY_1", "NP")
    assert cell is not None and cell.location is not None
    assert (cell.location.table, cell.location.column) == (2, 4)
    assert cell.location.describe() == f"表格2第{cell.location.row}行第4列"


def _texts(lines: list[Line]) -> list[list[str]]:
    return [[fragment.text for fragment in line.fragments] for line in lines]


def test_row_merged_cells_leave_an_empty_cell_and_column_merged_cells_one() -> None:
    rows = [
        [GridCell("三、办理结果", rows=2), GridCell("（一）予以公开", columns=2), GridCell("5")],
        [GridCell("（三）不予公开"), GridCell("1.属于国家秘密"), GridCell("7")],
        [GridCell(""), GridCell("")],
    ]
    lines = grid_lines(rows, table=1)
    assert _texts(lines) == [["三、办理结果", "（一）予以公开", "5"], ["", "（三）不予公开", "1.属于国家秘密", "7"]]
    assert [f.location.column for f in lines[0].fragments] == [1, 2, 4]


_WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<title>某区司法局</title><style><!-- p.MsoNormal {mso-style-parent:""} --></style></head>
<body><div class=WordSection1>
<p class=MsoNormal align=center><span style='font-size:22.0pt;mso-bidi-font-size:11.0pt'>某区司法局2023年政府信息公开工作年度报告<o:p></o:p></span></p>
<p class=MsoListParagraph><!--[if !supportLists]--><span style='mso-list:Ignore'>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><!--[endif]-->总体情况<o:p></o:p></p>
<p class=MsoNormal>本机关认真贯彻落实《条例》。<o:p></o:p></p>
<p class=MsoNormal>四、政府信息公开行政复议、行政诉讼情况</p>
<table class=MsoNormalTable border=1 style='mso-table-layout-alt:fixed'>
<tr><td colspan=5><p class=MsoNormal align=center>行政复议</p></td><td colspan=10><p>行政诉讼</p></td></tr>
<tr><td rowspan=2><p>结果<br>维持</p></td><td rowspan=2>结果<br>纠正</td><td rowspan=2>其他<br>结果</td>
<td rowspan=2>尚未<br>审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td><p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td><td><span>&nbsp;</span></td><td>0</td><td>0</td><td>1</td>
<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
<p class=MsoNormal>五、存在的主要问题及改进情况</p>
</div></body></html>"""


def test_a_word_exported_gbk_page_with_conditional_comments(tmp_path: Path) -> None:
    path = tmp_path / "report.htm"
    path.write_bytes(_WORD_PAGE.encode("gbk"))
    report = load(path)
    assert (report.metadata.agency, report.metadata.year) == ("某区司法局", 2023)
    overview = report.section("OVERVIEW")
    assert overview is not None and overview.heading.startswith("一、")
    row = report.tables["T4"].rows["DATA"]
    assert [c.value for c in row.cells.values()] == [1, None, 0, 0, 1, *[0] * 10]


def test_a_doc_that_is_really_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(_WORD_PAGE.encode("gbk"))
    assert read_document(path).lines[0].location.line is not None
    assert load(path).tables["T4"].rows["DATA"].cells["RV_KEEP"].value == 1


def test_layout_tables_and_site_navigation_around_the_report(tmp_path: Path) -> None:
    report = load(QU)
    page = write_html(report)
    body = page[page.index("<body>") + 6 : page.index("</body>")]
    wrapped = (
        "<html><head><meta charset='utf-8'><title>政务公开_某县人民政府</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a>政务公开</a></div><script>var x = '<table>';</script>"
        f"<table width=100%><tr><td>导航</td><td>{body}</td></tr></table><p>版权所有 某县人民政府</p></body></html>"
    )
    path = tmp_path / "page.shtml"
    path.write_text(wrapped, encoding="utf-8")
    back = load(path)
    assert back.problems == []
    assert values(back) == values(report)


def test_tables_as_images_are_said_unreadable_not_zero(tmp_path: Path) -> None:
    report = load(QU)
    page = write_html(report)
    for index in range(page.count("<table")):
        start = page.index("<table")
        page = page[:start] + f'<p><img src="table{index}.png" alt="表格"></p>' + page[page.index("</table>") + 8 :]
    path = tmp_path / "images.html"
    path.write_text(page, encoding="utf-8")
    back = load(path)
    assert back.tables == {}
    assert {p.table for p in back.problems} == {"T2", "T3", "T4"}


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><html>", True),
        ("\ufeff  <p>一、总体情况</p>", True),
        ("一、总体情况 <p>", False),
        ("<规章>", False),
    ],
)
def test_html_is_sniffed_from_the_content(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


def test_an_empty_page_is_no_report() -> None:
    document = read_html("<html><body><p>&nbsp;</p></body></html>", "empty.html")
    assert document.lines == ()
    with pytest.raises(ReadError):
        extract_report(document)


def _page(head: str = "", top: str = "", declaration: str = "") -> str:
    """A complete report page (the 渠县 sample as the HTML writer draws it) with extra head and top."""
    page = write_html(load(QU))
    page = page.replace("<head>\n", f"<head>\n{head}", 1).replace("<body>\n", f"<body>\n{top}", 1)
    return declaration + page


def test_an_xhtml_page_with_an_xml_declaration(tmp_path: Path) -> None:
    page = _page(declaration='<?xml version="1.0" encoding="utf-8"?>\n').replace(
        '<html lang="zh-CN">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">'
    )
    for name, data in (("utf8.xhtml.html", page.encode()), ("bom.html", b"\xef\xbb\xbf" + page.encode())):
        path = tmp_path / name
        path.write_bytes(data)
        report = load(path)
        assert report.problems == [] and values(report) == values(load(QU))


@pytest.mark.parametrize(
    ("head", "top", "published"),
    [
        ('<meta name="PubDate" content="2025-01-20 09:30">', "", date(2025, 1, 20)),
        ('<meta name="pubdate" content="2025/1/21">', "", date(2025, 1, 21)),
        ('<meta property="article:published_time" content="2025-01-22T08:00:00+08:00">', "", date(2025, 1, 22)),
        ("", '<div class="info">发布日期：2025-01-23　来源：某县信访局</div>', date(2025, 1, 23)),
        ("", "<p>发布时间：2025年1月24日 09:00</p>", date(2025, 1, 24)),
        ('<meta name="PubDate" content="0000-00-00">', "<p>发布时间: 2025-01-25</p>", date(2025, 1, 25)),
        ('<meta name="PubDate" content="2025-01-26">', "<p>发布时间：2025-02-01</p>", date(2025, 1, 26)),
        ('<meta name="keywords" content="2025-01-27">', "<p>成文日期：2025-01-27</p>", None),
    ],
)
def test_the_publication_date_from_the_page(tmp_path: Path, head: str, top: str, published: date | None) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(head, top), encoding="utf-8")
    assert read_document(path).published == published
    report = load(path)
    assert report.metadata.published == published
    assert report.problems == [] and values(report) == values(load(QU))


def test_a_date_deep_in_the_report_is_no_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page().replace("</body>", "<p>发布日期：2025-01-20</p></body>"), encoding="utf-8")
    assert load(path).metadata.published is None


# Site chrome around a report, each piece with text that must not reach the report. The related
# reports name another county's 信访局: read as section 六, they raised X_OTHER_PLACE.
_CHROME = {
    "nav": "<nav><a href='/'>首页</a><a href='/zwgk'>政务公开栏目</a></nav>",
    "header": "<header><img alt='logo'><span>某县人民政府门户网站</span></header>",
    "breadcrumb": "<div class='breadcrumb'>当前位置：首页 &gt; 政务公开 &gt; 年度报告栏目</div>",
    "class position": "<div id='dqwz'>您所在的位置：政府信息公开平台</div>",
    "camel case": "<div class='leftSideNav'>栏目导航：法定主动公开内容</div>",
    "sidebar": "<aside><h3>热点专题</h3><p>优化营商环境专栏</p></aside>",
    "related by class": (
        "<div class='xglj'><h4>相关链接</h4><p><a>宿迁市人民政府2024年政府信息公开工作年度报告</a></p></div>"
    ),
    "related list": (
        "<div><h4>相关报告</h4><ul>"
        "<li><a href='/a'>宿迁市人民政府2024年政府信息公开工作年度报告</a> 2025-01-20</li>"
        "<li><a href='/b'>宣汉县信访局2024年政府信息公开工作年度报告</a> 2025-01-21</li>"
        "</ul></div>"
    ),
    "share": "<div class='bdsharebuttonbox'>分享到：<a>微信</a><a>微博</a></div>",
    "script": "<script>document.write('统计代码');</script><style>.x{content:'样式文字'}</style>",
    "footer": "<footer><p>主办单位：某县人民政府办公室</p><p>网站标识码5117250001</p></footer>",
    "class footer": "<div class='site-footer2'>版权所有：某县人民政府 联系电话：0818-1234567</div>",
}
_CHROME_WORDS = [
    "首页",
    "门户网站",
    "年度报告栏目",
    "您所在的位置",
    "栏目导航",
    "热点专题",
    "宿迁",
    "宣汉",
    "分享到",
    "统计代码",
    "样式文字",
    "主办单位",
    "网站标识码",
    "版权所有",
]


def _wrapped_in_chrome(tmp_path: Path, chrome: dict[str, str]) -> Path:
    page = write_html(load(QU))
    body = page[page.index("<body>") + 6 : page.index("</body>")]
    top = [chrome[key] for key in ("nav", "header", "breadcrumb", "class position", "camel case") if key in chrome]
    side = [html for key, html in chrome.items() if key not in ("nav", "header", "breadcrumb")]
    wrapped = (
        "<html><head><meta charset='utf-8'><title>渠县信访局2025年政府信息公开工作年度报告</title></head><body>"
        f"{''.join(top)}<div class='main'><article><header><p>发布日期：2025-01-20</p></header>{body}</article>"
        f"{''.join(side)}</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(wrapped, encoding="utf-8")
    return path


def test_site_chrome_around_the_report_is_not_read(tmp_path: Path) -> None:
    plain = tmp_path / "plain.html"
    plain.write_text(_page(), encoding="utf-8")
    path = _wrapped_in_chrome(tmp_path, _CHROME)
    report = load(path)
    assert report.problems == []
    assert values(report) == values(load(QU))
    assert report.metadata.published == date(2025, 1, 20)  # an article's own header is the report's
    read_text = "\n".join(line.text for line in read_document(path).lines)
    assert [word for word in _CHROME_WORDS if word in read_text] == []
    assert [(s.key, s.text) for s in report.sections] == [(s.key, s.text) for s in load(plain).sections]
    assert "X_OTHER_PLACE" not in {finding.rule for finding in check(report).findings}


@pytest.mark.parametrize("piece", sorted(_CHROME))
def test_each_kind_of_site_chrome_is_passed_over(tmp_path: Path, piece: str) -> None:
    read_text = "\n".join(
        line.text for line in read_document(_wrapped_in_chrome(tmp_path, {piece: _CHROME[piece]})).lines
    )
    assert [word for word in _CHROME_WORDS if word in read_text] == []


@pytest.mark.parametrize(
    "kept",
    [
        "<div class='footnote'>注：本报告数据统计期限为2025年</div>",
        "<div class='MsoFootnoteText'>注：本报告数据统计期限为2025年</div>",
        "<div class='inside'>注：本报告数据统计期限为2025年</div>",
        "<ul><li>注：本报告数据统计期限为2025年，<a href='/x'>附件</a></li></ul>",
        "<div>注：本报告数据统计期限为2025年。<a href='/x'>附件：渠县信访局2025年政府信息公开工作年度报告</a></div>",
    ],
)
def test_report_text_that_only_resembles_chrome_is_kept(tmp_path: Path, kept: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page().replace("</body>", f"{kept}</body>"), encoding="utf-8")
    assert "注：本报告数据统计期限为2025年" in "\n".join(line.text for line in read_document(path).lines)
