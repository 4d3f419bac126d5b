"""The DOCX reader: merged cells both ways, text boxes, split runs, bad files."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from giocheck.api import load
from giocheck.errors import ReadError
from giocheck.readers import read_document
from giocheck.writers.docx import write_docx
from tests.conftest import QU
from tests.support import values

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _write(tmp_path: Path, document: docx.document.Document, name: str = "report.docx") -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_merged_cells_are_given_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"  # vMerge
    table.cell(0, 1).merge(table.cell(0, 2)).text = "（一）予以公开"  # gridSpan
    table.cell(0, 3).text = "5"
    table.cell(1, 1).text = "（三）不予公开"
    table.cell(1, 2).text = "1.属于国家秘密"
    table.cell(1, 3).text = "7"
    lines = read_document(_write(tmp_path, document)).lines
    assert [[f.text for f in line.fragments] for line in lines] == [
        ["三、本年度办理结果", "（一）予以公开", "5"],
        ["", "（三）不予公开", "1.属于国家秘密", "7"],
    ]
    assert [f.location.column for f in lines[0].fragments] == [1, 2, 4]
    assert lines[1].fragments[3].location.describe() == "表格1第2行第4列"


def test_numbers_split_over_runs_read_whole(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for part in ("规章", "\t", "1", "2", "\t", "3"):
        paragraph.add_run(part)
    lines = read_document(_write(tmp_path, document)).lines
    assert [f.text for f in lines[0].fragments] == ["规章", "12", "3"]


def _into_text_box(body: docx.document.Document, table_index: int) -> None:
    """Move a table into a text box, stored twice as Word does (drawing + VML fallback)."""
    table = body.tables[table_index]._tbl
    box = (
        f'<w:p {_NAMESPACES}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        "<w:txbxContent/></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        "<w:txbxContent/></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    paragraph = parse_xml(box)
    for content in paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"):
        content.append(copy.deepcopy(table))
        content.append(parse_xml(f"<w:p {_NAMESPACES}/>"))
    table.addprevious(paragraph)
    parent = table.getparent()
    assert parent is not None
    parent.remove(table)


def test_a_table_in_a_text_box_is_read_once(tmp_path: Path) -> None:
    report = load(QU)
    document = docx.Document(io.BytesIO(write_docx(report)))
    _into_text_box(document, 1)  # table 3
    back = load(_write(tmp_path, document))
    assert back.problems == []
    assert values(back) == values(report)


def test_the_real_huaian_tables_through_docx(tmp_path: Path) -> None:
    report = load(Path(__file__).parent / "data" / "huaian-city-government-2024.pdf")
    path = tmp_path / "huaian.docx"
    path.write_bytes(write_docx(report))
    assert values(load(path)) == values(report)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "另存为 .docx"),
        (b"PK\x03\x04broken", "ZIP"),
    ],
)
def test_bad_word_files_get_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(content)
    with pytest.raises(ReadError) as raised:
        read_document(path)
    assert message in str(raised.value) and str(path) in str(raised.value) and "\n" not in str(raised.value)


def test_a_zip_that_is_not_word_and_a_damaged_docx(tmp_path: Path) -> None:
    archive = tmp_path / "reports.docx"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("report.txt", QU.read_text(encoding="utf-8"))
    with pytest.raises(ReadError, match="不是 Word 文档"):
        read_document(archive)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(damaged, "w") as zipped:
        zipped.writestr("word/document.xml", "<w:document")
    with pytest.raises(ReadError, match="Word 文件已损坏"):
        read_document(damaged)
