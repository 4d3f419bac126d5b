"""Reader for HTML pages (and Word's "save as web page" `.doc`/`.htm`).

Block elements and `<br>` end a line; inline markup (Word's `mso-` spans, `<o:p>`, fonts) only
adds text. Comments, including Word's conditional comments, are dropped while the content
between them stays, as a browser shows it. A table whose cells hold other tables is page
layout: its cells are read as blocks. Every other table is a grid of cells (see `cells.py`).

The site around the report is no part of it: navigation, breadcrumbs, sidebars, related-links
lists, share bars and page footers are passed over (by their tag, their id or class, or as a
list that is mostly links), so that another agency's report named in a sidebar is not read as
the report's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, cast

from giocheck.document import Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.model import Location
from giocheck.readers.cells import GridCell, cell_text, grid_lines, span

if TYPE_CHECKING:
    from lxml.etree import HTMLParser, XPath
    from lxml.etree import _Element as HtmlElement

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "select", "button", "iframe", "object"})
# The site's chrome by its tag; `<header>`/`<footer>` only outside an `<article>`, whose own
# header may hold the report's title and date.
_CHROME_TAGS = frozenset({"nav", "aside"})
_PAGE_CHROME_TAGS = frozenset({"header", "footer"})
# The site's chrome by its id or class: a word of the name (split at `-`, `_`, digits and
# camel case) that starts or ends with one of these (`side-nav`, `breadcrumbs`, `xglj`: 相关链接).
CHROME_NAMES = (
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "position",
    "location",
    "sidebar",
    "aside",
    "related",
    "share",
    "bdshare",
    "links",
    "footer",
    "copyright",
    "toolbar",
    "xglj",
    "xgxx",
    "xgwz",
    "dqwz",
)
# Blocks passed over when most of their text is links, with the number of links that takes:
# a list of one link is chrome, a paragraph block with one link (an attachment) is not.
_LINK_BLOCKS = {"ul": 1, "ol": 1, "dl": 1, "div": 2, "section": 2}
_NAME_WORD = re.compile(r"[A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span|h[1-6])\b", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f]+")
# lxml refuses a decoded page that still declares its encoding (XHTML's first line).
_XML_DECLARATION = re.compile(r"^[\ufeff \t\r\n]*<\?xml[^>]*\?>")
# Where government sites state the publication date: the national site standard's `PubDate`
# meta tag and its kin, else a visible `发布日期：…` line above the report.
_PUBLISHED_META = frozenset({"pubdate", "publishdate", "firstpublishedtime", "article:published_time"})
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_META_DATE = re.compile(_DATE)
_PUBLISHED_LINE = re.compile(r"发布(?:日期|时间)\s*[:：]?\s*" + _DATE)
_TOP_LINES = 40


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page or fragment (it starts with a known tag)."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("<") and _SNIFF.search(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset a `<meta>` tag declares, if Python knows it (`gb2312` widened to GB18030)."""
    import codecs

    found = _CHARSET.search(data[:8192])
    if found is None:
        return None
    name = found.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "x-gbk"):
        return "gb18030"  # pages that say gb2312 routinely use GBK characters
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_html(text: str, source: str) -> Document:
    """Turn an HTML page or fragment into lines: text blocks and table rows."""
    from lxml import etree

    try:
        # `lxml.html.document_fromstring`'s parse, with lxml's own element class: lxml.html's
        # class lookup runs Python code for every element lxml hands to Python.
        root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), _parser())
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as error:
        raise ReadError(source, f"无法解析 HTML：{error}", f"cannot parse the HTML: {error}") from None
    walker = _Walker()
    body = root.find("body")
    walker.block(body if body is not None else root)
    lines = walker.lines
    title = next(root.iter("title"), None)
    if title is not None:
        # The page title counts only when the page does not print it: some pages (and
        # fragments) carry who reports and for which year nowhere else.
        shown = _SPACE.sub("", _text_content(title)).strip()
        if shown and not any(shown in _SPACE.sub("", line.text) for line in lines):
            location = Location(line=title.sourceline)
            lines = [Line((Fragment(shown, location),), location), *lines]
    return Document(source=source, lines=tuple(lines), published=_published(root, lines))


@cache
def _parser() -> HTMLParser:
    """lxml's HTML parser as `lxml.html` sets it up, less its element class lookup."""
    from lxml import etree

    return etree.HTMLParser()


@cache
def _string() -> XPath:
    from lxml import etree

    return etree.XPath("string()", smart_strings=False)


def _text_content(element: HtmlElement) -> str:
    """All the text in `element`, as `lxml.html`'s `text_content()` gives it."""
    return str(_string()(element))


def _source_line(element: HtmlElement) -> int | None:
    """The line of the page an element starts on (lxml-stubs leave its type out)."""
    return cast("int | None", element.sourceline)


def _published(root: HtmlElement, lines: Sequence[Line]) -> date | None:
    """The publication date the page states: its `<meta>` tags first, else a line near the top."""
    stated = [
        _META_DATE.match((meta.get("content") or "").strip())
        for meta in root.iter("meta")
        if (meta.get("name") or meta.get("property") or "").strip().lower() in _PUBLISHED_META
    ]
    return next((day for day in map(_day, stated) if day is not None), None) or published_line(lines)


def published_line(lines: Sequence[Line]) -> date | None:
    """The date of a visible `发布日期：…` line near the top (also kept by HTML → Markdown converters)."""
    shown = [_PUBLISHED_LINE.search(line.text) for line in lines[:_TOP_LINES]]
    return next((day for day in map(_day, shown) if day is not None), None)


def _day(found: re.Match[str] | None) -> date | None:
    if found is None:
        return None
    year, month, day = (int(part) for part in found.group(1, 2, 3))
    try:
        return date(year, month, day)
    except ValueError:  # 0000-00-00 and other placeholders
        return None


def _is_grid(table: HtmlElement) -> bool:
    return next(iter(table.iterdescendants("table")), None) is None


def _is_chrome(element: HtmlElement, tag: str) -> bool:
    """Whether an element is the site's chrome around the report, not the report."""
    if tag in _CHROME_TAGS:
        return True
    if tag in _PAGE_CHROME_TAGS and next(element.iterancestors("article"), None) is None:
        return True
    names = _CAMEL.sub(" ", f"{element.get('id') or ''} {element.get('class') or ''}").lower()
    if any(word.startswith(CHROME_NAMES) or word.endswith(CHROME_NAMES) for word in _NAME_WORD.findall(names)):
        return True
    links = _LINK_BLOCKS.get(tag)
    return links is not None and _is_mostly_links(element, links)


def _is_mostly_links(element: HtmlElement, at_least: int) -> bool:
    """Whether most of an element's text is in `at_least` links or more: related reports, site
    maps, friendly links (with their heading, when a block holds both)."""
    links = list(element.iterdescendants("a"))
    if len(links) < at_least:
        return False
    shown = len(_SPACE.sub("", _text_content(element)))
    linked = sum(len(_SPACE.sub("", _text_content(link))) for link in links)
    return shown > 0 and 2 * linked > shown


class _Walker:
    """Walks the tree once in reading order, collecting lines."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.pending: list[str] = []
        self.pending_line: int | None = None
        self.tables = 0

    def _add_line(self, text: str, source_line: int | None) -> None:
        folded = _SPACE.sub(" ", text).strip()
        if folded.strip("\xa0\u3000 "):
            location = Location(line=source_line)
            self.lines.append(Line((Fragment(folded, location),), location))

    def flush(self) -> None:
        self._add_line("".join(self.pending), self.pending_line)
        self.pending, self.pending_line = [], None

    def text(self, text: str | None, source_line: int | None) -> None:
        if text:
            if self.pending_line is None:
                self.pending_line = source_line
            self.pending.append(text)

    def block(self, element: HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag.lower() in _SKIPPED:
            return  # comments, processing instructions, scripts
        tag = tag.lower()
        if _is_chrome(element, tag):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and _is_grid(element):
            self.flush()
            self.grid(element)
            return
        is_block = tag in _BLOCKS
        if is_block:
            self.flush()
        self.text(element.text, _source_line(element))
        for child in element:
            self.block(child)
            self.text(child.tail, _source_line(child))
        if is_block:
            self.flush()

    def grid(self, table: HtmlElement) -> None:
        self.tables += 1
        # Without scripts or styles in it (as nearly always), lxml gives each cell's text in C.
        plain = next(table.iter(*_SKIPPED), None) is None
        rows: list[list[GridCell]] = []
        for row in table.iter("tr"):
            cells: list[GridCell] = []
            for cell in row.iterchildren("td", "th"):
                down, across = cell.get("rowspan"), cell.get("colspan")
                text = _cell_text(cell, plain)
                cells.append(GridCell(text, 1 if down is None else span(down), 1 if across is None else span(across)))
            rows.append(cells)
        self.lines.extend(grid_lines(rows, table=self.tables))


def _cell_text(cell: HtmlElement, plain: bool = False) -> str:
    """A cell's visible text; `<br>` and paragraphs inside it join the wrapped label back up.

    `plain`: the cell holds no skipped element (script, style …), so all its text is visible
    (`itertext` leaves out comments, as the walk below does)."""
    if plain:
        # no-break and ideographic spaces are white space to it
        return cell_text(_all_text(cell, []))
    parts: list[str] = []

    def visit(element: HtmlElement) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag and tag not in _SKIPPED:
            parts.append(element.text or "")
            for child in element:
                visit(child)
                parts.append(child.tail or "")

    visit(cell)
    return cell_text([part.replace("\xa0", " ").replace("\u3000", " ") for part in parts])


def _all_text(element: HtmlElement, parts: list[str]) -> list[str]:
    """What `element.itertext()` gives, in a list (lxml's iterator costs more to set up than a
    cell's few texts take to collect): each element's text and each descendant's tail, in
    document order; a comment's or processing instruction's text left out, its tail kept."""
    text = element.text
    if text is not None:
        parts.append(text)
    for child in element:
        if isinstance(child.tag, str):
            _all_text(child, parts)
        tail = child.tail
        if tail is not None:
            parts.append(tail)
    return parts
