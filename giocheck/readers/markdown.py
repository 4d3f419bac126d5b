"""Reader for Markdown (`.md`, or a `.txt` holding it): CommonMark with GFM pipe tables, and
HTML tables embedded in it, as PDF/Word converters (markitdown, marker, pymupdf4llm) and OCR or
LLM pipelines write them.

markdown-it-py finds the blocks and their source lines. Headings lose their `#`, paragraphs
become one line per source line (split into fragments as plain text is: `text.py`), list items
keep their printed marker (`1.`, `-`: a page footer `- 5 -` is a list item to Markdown), code
blocks are plain text, a fenced ```` ```markdown ```` block is read as Markdown, embedded HTML
goes through `html.py`. Pipe tables are split from the source lines themselves, not through
GFM's cell rules (which pad or cut a row to the header's width and would drop a number), and
their converter artefacts are removed in `pipes.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from giocheck.document import Document, Fragment, Line
from giocheck.errors import ReadError
from giocheck.model import Location
from giocheck.readers.encoding import NotText, decode
from giocheck.readers.html import published_line, read_html
from giocheck.readers.pipes import PipeRow, plain_cells, split_row, table_lines
from giocheck.readers.text import text_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown")

_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.MULTILINE)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_LINE_END = re.compile(r"\r\n?")
_QUOTE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_MARKUP = re.compile(r"^[\s#>*_`|]+|[\s#*_`|]+$")
# What makes a Markdown file a report in a folder search: a title line (a year, 政府信息公开,
# 年度报告) or the first section's heading, near the top, as a short line of its own.
_YEAR = re.compile(r"(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}")
_REPORT_WORDS = re.compile(r"政府信息公开.*年度报告")
_FIRST_SECTION = "一、总体情况"
_TOP_LINES = 60
_MAX_TITLE = 80
_SNIFF_BYTES = 64 * 1024
_MARKDOWN_FENCES = frozenset({"markdown", "md", "gfm"})


def looks_like_markdown(text: str) -> bool:
    """Whether decoded text is Markdown: a pipe table's `|---|---|` delimiter row, or two `#` headings."""
    return _DELIMITER_ROW.search(text) is not None or len(_ATX_HEADING.findall(text)) >= 2


def has_report_title(text: str) -> bool:
    """Whether Markdown text starts like a report (a folder search passes over a README): among
    its first lines a short one holding a year, 政府信息公开 and 年度报告, or `一、总体情况`."""
    lines = [line for line in text[:_SNIFF_BYTES].splitlines() if line.strip()][:_TOP_LINES]
    for line in lines:
        plain = re.sub(r"\s+", "", _MARKUP.sub("", line))
        if len(plain) > _MAX_TITLE:
            continue
        if plain == _FIRST_SECTION or (_REPORT_WORDS.search(plain) and _YEAR.search(plain)):
            return True
    return False


def is_markdown_report(path: Path) -> bool:
    """Whether a folder search checks the Markdown file `path`: it starts like a report
    (`has_report_title`). A file that cannot be looked at counts, so reading it says why."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return True
    if len(head) == _SNIFF_BYTES:
        head = head[: head.rfind(b"\n") + 1] or head  # not in the middle of a character
    try:
        text, _encoding = decode(head)
    except NotText:
        return False
    return has_report_title(text)


def read_markdown(text: str, source: str) -> Document:
    """Turn Markdown into lines: headings, paragraph lines, list items, and table rows of cells."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    reader = _Reader(parser, source)
    reader.read(text, offset=0)
    return Document(source=source, lines=tuple(reader.lines), published=published_line(reader.lines))


@attrs.define
class _Reader:
    """Collects the lines of one document; `tables` counts tables across nested reads."""

    parser: MarkdownIt
    source: str
    lines: list[Line] = attrs.field(factory=list)
    tables: int = 0

    def read(self, text: str, offset: int) -> None:
        """Read `text`, whose first line is line `offset + 1` of the file."""
        text = _LINE_END.sub("\n", text).replace("\0", "\ufffd")  # as markdown-it numbers lines
        source_lines = text.split("\n")
        tokens = self.parser.parse(text)
        skip_to = 0  # source line (0-based) before which blocks were read as one HTML table
        prefix = ""
        for index, token in enumerate(tokens):
            start = token.map[0] if token.map else None
            if start is not None and start < skip_to:
                continue
            if token.type == "list_item_open":
                prefix = f"{token.info}{token.markup}" if token.info else token.markup
            elif token.type == "inline" and token.map and _parent(tokens, index) != "table":
                self._inline(token, offset, prefix)
                prefix = ""
            elif token.type == "table_open" and token.map:
                self._table(source_lines, tokens, index, offset)
            elif token.type in ("code_block", "fence") and token.map:
                self._code(token, offset)
            elif token.type == "html_block" and token.map:
                skip_to = self._html(source_lines, token.map, offset)

    def _inline(self, token: Token, offset: int, prefix: str) -> None:
        assert token.map is not None
        for below, piece in _pieces(token.children or []):
            number = token.map[0] + 1 + offset + below
            if prefix:
                piece, prefix = f"{prefix} {piece}", ""
            line = text_line(piece, number)
            if line is not None:
                self.lines.append(line)

    def _table(self, source_lines: Sequence[str], tokens: Sequence[Token], index: int, offset: int) -> None:
        self.tables += 1
        rows: list[PipeRow] = []
        for token in _until_close(tokens, index, "table_close"):
            if token.type == "tr_open" and token.map:
                line = token.map[0]
                raw = _QUOTE_MARKERS.sub("", source_lines[line])  # a table inside a `>` quote
                rows.append(PipeRow(line + 1 + offset, plain_cells(split_row(raw), self._cell)))
        self.lines.extend(table_lines(rows, self.tables))

    def _cell(self, raw: str) -> list[str]:
        tokens = self.parser.parseInline(raw.strip())
        return [piece for token in tokens for _below, piece in _pieces(token.children or [])]

    def _code(self, token: Token, offset: int) -> None:
        assert token.map is not None
        first = token.map[0] + offset + (1 if token.type == "fence" else 0)
        if token.type == "fence" and token.info.strip().lower() in _MARKDOWN_FENCES:
            self.read(token.content, first)  # an LLM's answer wrapped in ```markdown
            return
        for number, raw in enumerate(token.content.split("\n"), start=first + 1):
            line = text_line(raw, number)
            if line is not None:
                self.lines.append(line)

    def _html(self, source_lines: Sequence[str], block: Sequence[int], offset: int) -> int:
        """Read an HTML block; a `<table>` runs to its closing tag even across blank lines
        (which end an HTML block in CommonMark). Returns the line after what was read."""
        start, end = block[0], block[1]
        depth = 0
        for number, source_line in enumerate(source_lines[start:], start=start):
            depth += len(_TABLE_OPEN.findall(source_line)) - len(_TABLE_CLOSE.findall(source_line))
            if depth <= 0:
                end = max(end, number + 1)
                break
        chunk = "\n".join(source_lines[start:end])
        try:
            document = read_html(chunk, self.source)
        except ReadError:
            return end  # a comment or an empty element: nothing to read
        tables = self.tables
        for line in document.lines:
            self.lines.append(_shifted(line, start + offset, tables))
            if line.location.table is not None:
                self.tables = max(self.tables, tables + line.location.table)
        return end


def _shifted(line: Line, lines: int, tables: int) -> Line:
    """A line read from an HTML block, its locations moved to the file's lines and tables."""

    def moved(location: Location) -> Location:
        update: dict[str, int] = {}
        if location.line is not None:
            update["line"] = location.line + lines
        if location.table is not None:
            update["table"] = location.table + tables
        return location.model_copy(update=update)

    return Line(tuple(Fragment(f.text, moved(f.location)) for f in line.fragments), moved(line.location))


def _parent(tokens: Sequence[Token], index: int) -> str:
    """`table` when the inline token at `index` is a table cell's content."""
    previous = tokens[index - 1].type if index > 0 else ""
    return "table" if previous in ("th_open", "td_open") else ""


def _until_close(tokens: Sequence[Token], index: int, close: str) -> Iterator[Token]:
    for token in tokens[index + 1 :]:
        if token.type == close:
            return
        yield token


def _pieces(children: Sequence[Token]) -> list[tuple[int, str]]:
    """The plain text of inline tokens, split where the source breaks the line (or at `<br>`),
    each piece with its source line below the first: emphasis and link markup dropped (a link
    keeps its words), images and other inline HTML dropped."""
    pieces: list[tuple[int, str]] = [(0, "")]
    for child in children:
        below, text = pieces[-1]
        if child.type in ("softbreak", "hardbreak"):
            pieces.append((below + 1, ""))
        elif child.type == "html_inline" and _BREAK.fullmatch(child.content.strip()):
            pieces.append((below, ""))
        elif child.type in ("text", "code_inline"):
            pieces[-1] = (below, text + child.content)
    return pieces
