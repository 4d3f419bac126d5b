"""Readers: encodings are detected, bad files get one clear error, files are never written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from giocheck.errors import ReadError
from giocheck.readers import read_document
from giocheck.readers.encoding import NotText, decode
from tests.conftest import QU


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_encodings_are_detected(encoding: str, qu_text: str) -> None:
    text, _name = decode(qu_text.encode(encoding))
    assert text.lstrip("\ufeff") == qu_text


def test_binary_junk_is_not_text() -> None:
    junk = bytes(range(256)) * 8
    with pytest.raises(NotText):
        decode(junk)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"  \n\n ", "文件为空"),
        (bytes(range(256)) * 4, "不是文本文件"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\xef\xbb\xbf\xc3\x28\xe4\xb8\x80", "不是文本文件"),  # broken UTF-8 after its mark
        (b"\xff\xfeA\x00B", "不是文本文件"),  # UTF-16 of odd length
        (b"\xff\xfe\x00\xd8A\x00", "不是文本文件"),  # a lone surrogate
        (("一、总体情况\n" * 4000).encode("utf-16-le") + b"\x00\xd8", "不是文本文件"),  # broken far in
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, ".docx"),
    ],
)
def test_bad_files_raise_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as raised:
        read_document(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_declared_codec_that_is_no_text_encoding_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("<html><head><meta charset='base64'></head><body><p>一、总体情况</p></body></html>".encode())
    assert read_document(path).lines[0].text == "一、总体情况"


def test_reading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(QU.read_bytes())
    path.chmod(0o444)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    read_document(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_fragments_carry_line_and_column() -> None:
    document = read_document(QU)
    line = next(line for line in document.lines if line.text.startswith("规章"))
    assert [f.text for f in line.fragments] == ["规章", "0", "0", "0"]
    assert line.fragments[2].location.line == line.location.line
    assert line.fragments[2].location.column == 3
