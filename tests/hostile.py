"""Hostile files, built at test time (nothing big is kept in git): each builder writes one file
into a folder and returns its path. Shared by `tests/test_hostile.py` and the fuzz tests.

The files are what a hostile or careless user hands giocheck: archives that inflate to
gigabytes, PDFs that draw a million characters or have a hundred thousand pages, YAML that
expands through aliases, numbers of thousands of digits, names that are no UTF-8.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.conftest import QU

_MB = 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def docx_bytes(paragraphs: list[str], rels: str = _RELS) -> bytes:
    """A minimal Word document with these paragraphs."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def _report_paragraphs() -> list[str]:
    return [line.replace("&", "&amp;").replace("<", "&lt;") for line in QU.read_text(encoding="utf-8").splitlines()]


def zip_bomb_docx(folder: Path, inflated: int = 1024 * _MB) -> Path:
    """A Word document a few MB large whose `word/document.xml` inflates to `inflated` bytes."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"

    # Segments flushed with Z_FULL_FLUSH hold no reference to what came before, so one
    # compressed megabyte repeated is a valid stream of many: built in well under a second.
    def segment(data: bytes, mode: int = zlib.Z_FULL_FLUSH) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    chunk = b"0" * _MB
    count = inflated // _MB
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    parts = [segment(head), segment(chunk) * count, segment(tail, zlib.Z_FINISH)]
    size = len(head) + (inflated // _MB) * _MB + len(tail)
    path = folder / "bomb.docx"
    path.write_bytes(_zip_with_raw_member(b"".join(parts), crc, size))
    return path


def _zip_with_raw_member(deflated: bytes, crc: int, size: int) -> bytes:
    """A ZIP with the Word package parts and `word/document.xml` as the given deflate stream."""
    members = [
        (name.encode(), zlib.compress(text.encode())[2:-4], zlib.crc32(text.encode()), len(text.encode()))
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS))
    ]
    members.append((b"word/document.xml", deflated, crc, size))
    body = bytearray()
    directory = bytearray()
    for name, raw, member_crc, member_size in members:
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, member_crc, len(raw), member_size, len(name), 0)
        body += name + raw
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            member_crc,
            len(raw),
            member_size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + end)


def damaged_deflate_docx(folder: Path) -> Path:
    """A Word document whose `word/document.xml` deflate data is damaged in the middle."""
    data = bytearray(docx_bytes(_report_paragraphs()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    begin = info.header_offset + 30 + name_length + extra_length
    for at in range(begin + 40, begin + info.compress_size - 40, 97):
        data[at] ^= 0xFF
    path = folder / "damaged.docx"
    path.write_bytes(bytes(data))
    return path


def unknown_method_docx(folder: Path) -> Path:
    """A Word document whose parts claim a compression method nobody implements (99)."""
    data = bytearray(docx_bytes(_report_paragraphs()))
    for signature, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        for match in re.finditer(re.escape(signature), bytes(data)):
            data[match.start() + at : match.start() + at + 2] = struct.pack("<H", 99)
    path = folder / "method.docx"
    path.write_bytes(bytes(data))
    return path


def broken_rels_docx(folder: Path) -> Path:
    """A Word document whose `_rels/.rels` is no XML."""
    path = folder / "rels.docx"
    path.write_bytes(docx_bytes(_report_paragraphs(), rels="<Relationships><Relationship"))
    return path


def pdf_bytes(pages: list[bytes], mediabox: bytes | None = b"[0 0 595 842]") -> bytes:
    """A PDF with one content stream per page (Helvetica as /F1), cross-reference table included."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_number = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids: list[bytes] = []
    box = b" /MediaBox " + mediabox if mediabox is not None else b""
    for content in pages:
        stream_number = len(objects) + 2
        page_number = len(objects) + 1
        kids.append(b"%d 0 R" % page_number)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R%s /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (box, font_number, stream_number)
        )
        packed = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _text_page(lines: list[str]) -> bytes:
    shown = b"".join(
        b"1 0 0 1 50 %d Tm (%s) Tj\n" % (800 - 14 * i, line.encode("latin-1")) for i, line in enumerate(lines)
    )
    return b"BT /F1 12 Tf\n" + shown + b"ET"


def pdf_without_mediabox(folder: Path) -> Path:
    """A PDF whose page has no MediaBox at all."""
    path = folder / "nobox.pdf"
    path.write_bytes(pdf_bytes([_text_page(["Annual report 2024", "1 2 3"])], mediabox=None))
    return path


def pdf_malformed_mediabox(folder: Path) -> Path:
    """A PDF whose page's MediaBox is no rectangle."""
    path = folder / "badbox.pdf"
    path.write_bytes(pdf_bytes([_text_page(["Annual report 2024"])], mediabox=b"[0 0 (x) /Y]"))
    return path


def pdf_million_characters(folder: Path) -> Path:
    """A PDF of about 100 KB whose one page draws a million characters."""
    row = b"(" + b"8" * 1000 + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 10 800 Td\n" + row * 1000 + b"ET"
    path = folder / "million.pdf"
    path.write_bytes(pdf_bytes([content]))
    return path


def pdf_flate_bomb(folder: Path, inflated: int = 1024 * _MB) -> Path:
    """A PDF of about 1 MB whose one content stream inflates to `inflated` bytes of spaces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * _MB
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)  # stands alone: repeatable
    text = b"BT /F1 12 Tf 50 800 Td (Annual report) Tj ET"
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    checksum = 1
    for _ in range(inflated // _MB):
        checksum = zlib.adler32(chunk, checksum)
    checksum = zlib.adler32(text, checksum)
    packed = (
        b"\x78\xda"
        + segment * (inflated // _MB)
        + last.compress(text)
        + last.flush(zlib.Z_FINISH)
        + checksum.to_bytes(4, "big")
    )
    plain = pdf_bytes([b""])
    empty = zlib.compress(b"")
    at = plain.index(b"/Length %d /Filter /FlateDecode >>\nstream\n" % len(empty))
    head = plain[:at] + b"/Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
    rest = plain[plain.index(b"\nendstream", at) :]
    path = folder / "bomb.pdf"
    path.write_bytes(head + packed + rest)  # the offsets after it are off: PDFium repairs them
    return path


def pdf_many_pages(folder: Path, pages: int = 100_000) -> Path:
    """A PDF with `pages` pages that all share one content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    kids = b" ".join(b"%d 0 R" % (number + 4) for number in range(pages))
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 595 842] >>" % pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    for number in range(pages):
        offsets.append(len(out))
        out += b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>\nendobj\n" % (number + 4)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    path = folder / "pages.pdf"
    path.write_bytes(bytes(out))
    return path


def pdf_cut(folder: Path) -> Path:
    """A PDF of three pages cut off in the middle: PDFium repairs what it can, and its warnings
    (pdfminer's, in earlier versions) must not reach standard error."""
    whole = pdf_bytes([b"BT /F1 12 Tf 1 0 0 1 50 800 Tm (Annual report) Tj ET"] * 3)
    path = folder / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def html_undefined_charset(folder: Path) -> Path:
    """A report page that declares `charset="undefined"` (a real CMS's output); UTF-8 inside."""
    lines = "".join(f"<p>{line}</p>" for line in _report_paragraphs())
    page = f'<html><head><meta charset="undefined"></head><body>{lines}</body></html>'
    path = folder / "undefined.html"
    path.write_bytes(page.encode("utf-8"))
    return path


def html_span_table(folder: Path, size: int = 200) -> Path:
    """An HTML table of `size` × `size` cells, each spanning `size` rows and columns."""
    cell = f'<td rowspan="{size}" colspan="{size}">1</td>' * size
    rows = f"<tr>{cell}</tr>" * size
    path = folder / "spans.html"
    path.write_text(f"<html><body><p>报告</p><table>{rows}</table></body></html>", encoding="utf-8")
    return path


def long_line(folder: Path, size: int = 50 * _MB) -> Path:
    """A text file that is one line of numbers, `size` bytes long."""
    path = folder / "line.txt"
    unit = b"1234 5678 "
    path.write_bytes(unit * (size // len(unit)))
    return path


def huge_number_cell(folder: Path, digits: int = 5000) -> Path:
    """The sample report with a number of `digits` digits in one cell of table three."""
    text = QU.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    cells = lines[at].split("\t")
    cells[2] = "9" * digits
    lines[at] = "\t".join(cells)
    path = folder / "huge-cell.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def huge_number_prose(folder: Path, digits: int = 5000) -> Path:
    """The sample report with a number of `digits` digits in its prose."""
    text = QU.read_text(encoding="utf-8")
    first_break = text.index("\n", text.index("一、"))
    text = text[:first_break] + f"\n本年共收到申请{'7' * digits}件。" + text[first_break:]
    path = folder / "huge-prose.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _data_text(value: str) -> str:
    import json

    from giocheck.api import load

    document = json.loads(load(QU).model_dump_json())
    document["tables"]["T3"]["rows"]["NEW"]["cells"]["NP"] = {"value": value, "raw": ""}
    return json.dumps(document, ensure_ascii=False)


def data_huge_exponent(folder: Path) -> Path:
    """Report data (JSON) with a cell value of `1E+1000000`."""
    path = folder / "exponent.json"
    path.write_text(_data_text("1E+1000000"), encoding="utf-8")
    return path


def yaml_billion_laughs(folder: Path) -> Path:
    """A YAML file that expands to 9⁹ strings through aliases."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        name, last = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + last] * 9)}]")
    lines.append("metadata: *i")
    path = folder / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def nested_yaml(folder: Path, depth: int = 1000) -> Path:
    """YAML nested `depth` lists deep under `metadata`."""
    path = folder / "deep.yaml"
    path.write_text("metadata: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def nested_json(folder: Path, depth: int = 100_000) -> Path:
    """JSON nested `depth` lists deep under `metadata`."""
    path = folder / "deep.json"
    path.write_text('{"metadata": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    return path


def yaml_huge_int(folder: Path, digits: int = 4000) -> Path:
    """YAML whose metadata year has `digits` digits."""
    path = folder / "int.yaml"
    path.write_text(f"metadata:\n  year: {'9' * digits}\n  agency: x\n", encoding="utf-8")
    return path


def yaml_bad_date(folder: Path) -> Path:
    """YAML with a date that does not exist."""
    path = folder / "date.yaml"
    path.write_text("metadata:\n  published: 2025-02-30\n", encoding="utf-8")
    return path


def few_bad_bytes(folder: Path) -> Path:
    """The sample report in UTF-8 with three bytes that are no UTF-8."""
    data = bytearray(QU.read_bytes())
    for at in (len(data) // 4, len(data) // 2, 3 * len(data) // 4):
        while data[at] & 0xC0 == 0x80 or data[at] < 0x80:  # the start of a multi-byte character
            at += 1
        data[at] = 0xFF
    path = folder / "bad-bytes.txt"
    path.write_bytes(bytes(data))
    return path


def many_bad_bytes(folder: Path) -> Path:
    """The sample report in UTF-8 with one byte in fifty that is no UTF-8."""
    data = bytearray(QU.read_bytes())
    for at in range(0, len(data), 50):
        data[at] = 0xFF
    path = folder / "many-bad-bytes.txt"
    path.write_bytes(bytes(data))
    return path


def odd_name(folder: Path) -> Path:
    """The sample report under a name with a newline and bytes that are no UTF-8."""
    raw = bytes(folder) + b"/bad\nname-\xff\xfe.txt"
    path = Path(raw.decode("utf-8", "surrogateescape"))
    path.write_bytes(QU.read_bytes())
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "zip-bomb-docx": zip_bomb_docx,
    "damaged-deflate-docx": damaged_deflate_docx,
    "unknown-method-docx": unknown_method_docx,
    "broken-rels-docx": broken_rels_docx,
    "pdf-no-mediabox": pdf_without_mediabox,
    "pdf-bad-mediabox": pdf_malformed_mediabox,
    "pdf-million-chars": pdf_million_characters,
    "pdf-many-pages": pdf_many_pages,
    "pdf-flate-bomb": pdf_flate_bomb,
    "pdf-cut": pdf_cut,
    "html-undefined-charset": html_undefined_charset,
    "html-span-table": html_span_table,
    "long-line": long_line,
    "huge-number-cell": huge_number_cell,
    "huge-number-prose": huge_number_prose,
    "data-huge-exponent": data_huge_exponent,
    "yaml-billion-laughs": yaml_billion_laughs,
    "yaml-nested": nested_yaml,
    "json-nested": nested_json,
    "yaml-huge-int": yaml_huge_int,
    "yaml-bad-date": yaml_bad_date,
    "few-bad-bytes": few_bad_bytes,
    "many-bad-bytes": many_bad_bytes,
    "odd-name": odd_name,
}
