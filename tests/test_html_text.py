"""A table cell's text is collected as lxml's `itertext` gives it, on any markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from giocheck.readers.html import _all_text, read_html

_PIECES = st.sampled_from(
    [
        "本年",
        " 新 ",
        "0",
        "&nbsp;",
        "&amp;",
        "&unknown;",
        "\u3000",
        "<br>",
        "<p>",
        "</p>",
        "<span>",
        "</span>",
        "<b>x</b>",
        "<!-- 注释 -->",
        "<?pi data?>",
        "<![CDATA[c]]>",
        "<div>",
        "</div>",
        "<td>",
        "</td>",
        "<tr>",
        "<img src=x>",
        "\n",
        "<",
        ">",
    ]
)


@given(st.lists(_PIECES, max_size=20))
def test_cell_text_is_itertext(pieces: list[str]) -> None:
    root = etree.fromstring(
        f"<html><body><table><tr><td>{''.join(pieces)}</td></tr></table></body></html>", etree.HTMLParser()
    )
    for element in root.iter():
        if isinstance(element.tag, str):
            assert _all_text(element, []) == list(element.itertext())


def test_a_cell_over_paragraphs_reads_as_one_label() -> None:
    page = "<table><tr><td><p>本年新</p><!-- x --><p>制作数量</p></td><td>3</td></tr></table>"
    lines = read_html(page, "page.html").lines
    assert [fragment.text for fragment in lines[0].fragments] == ["本年新制作数量", "3"]
