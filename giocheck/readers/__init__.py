"""Readers: bytes of a file → a neutral `Document`. Chosen by sniffing the content."""

from __future__ import annotations

from pathlib import Path

from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.readers.encoding import NotText, decode
from giocheck.readers.text import read_text

# Extensions `giocheck check FOLDER` picks up.
REPORT_SUFFIXES = (".txt", ".text")

_SIGNATURES = (
    (b"%PDF", "PDF 文件暂不支持，请先提取为文本", "PDF files are not supported yet; extract the text first"),
    (b"PK\x03\x04", "Word/ZIP 文件暂不支持，请另存为文本", "Word/ZIP files are not supported yet; save as text"),
    (
        b"\xd0\xcf\x11\xe0",
        "旧版 .doc/.wps 二进制文件不受支持，请另存为 .docx 或文本",
        "legacy .doc/.wps binary files are not supported; save as .docx or text",
    ),
)


def read_document(path: Path) -> Document:
    """Read a report file (never writing to it) into a `Document`, or raise `ReadError`."""
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReadError(name, "是文件夹，不是文件", "is a folder, not a file") from None
    except OSError as error:
        raise ReadError(name, f"无法打开：{error.strerror}", f"cannot open: {error.strerror}") from None
    if not data.strip():
        raise ReadError(name, "文件为空", "the file is empty")
    for signature, zh, en in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(name, zh, en)
    try:
        text, _encoding = decode(data)
    except NotText as error:
        raise ReadError(name, f"不是文本文件（{error}）", f"not a text file ({error})") from None
    return read_text(text, name)
