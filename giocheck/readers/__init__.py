"""Readers: bytes of a file → a neutral `Document`. Chosen by sniffing the content."""

from __future__ import annotations

import os
from pathlib import Path

from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.model import AnnualReport
from giocheck.readers.data import DATA_SUFFIXES, has_metadata, looks_like_json, read_data
from giocheck.readers.encoding import NotText, decode
from giocheck.readers.html import declared_charset, looks_like_html, read_html
from giocheck.readers.text import read_text

# Extensions `giocheck check FOLDER` picks up. `.doc`/`.wps` are listed so that a legacy binary
# gets its one-line "save it as .docx" instead of being silently skipped (and many `.doc`
# files on government sites are really HTML, which is read).
REPORT_SUFFIXES = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".shtml",
    ".docx",
    ".doc",
    ".wps",
    ".pdf",
    *DATA_SUFFIXES,
)

# Folders a search does not enter, besides hidden ones (`.git`, `.venv`) and virtual environments.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})

_LEGACY = (
    b"\xd0\xcf\x11\xe0",
    "旧版 .doc/.wps 二进制文件不受支持，请另存为 .docx 或文本",
    "legacy .doc/.wps binary files are not supported; save as .docx or text",
)


def is_skipped_folder(folder: Path) -> bool:
    """Whether a folder search passes over `folder`: hidden, a virtual environment
    (`pyvenv.cfg`), `node_modules` or `__pycache__`."""
    name = folder.name
    return name.startswith(".") or name in SKIPPED_FOLDERS or (folder / "pyvenv.cfg").is_file()


def is_report_file(path: Path, root: Path | None = None, *, named: bool = False) -> bool:
    """Whether a search of the folder `root` checks `path` as a report (`giocheck check FOLDER`,
    `pytest --giocheck`): a report suffix, in no skipped folder below `root`, and for JSON/YAML
    a top-level `metadata` key, so other data files are passed over. A file `named` on the
    command line needs its suffix only (the CLI tries named files of any suffix)."""
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        return False
    if named:
        return True
    if root is not None and path.is_relative_to(root):
        folders = path.relative_to(root).parts[:-1]
        if any(is_skipped_folder(root.joinpath(*folders[: depth + 1])) for depth in range(len(folders))):
            return False
    return suffix not in DATA_SUFFIXES or has_metadata(path)


def report_files(folder: Path) -> list[Path]:
    """The report files under `folder`, sorted; skipped folders are not entered."""
    found: list[Path] = []
    for top, folders, names in os.walk(folder):
        here = Path(top)
        folders[:] = [name for name in folders if not is_skipped_folder(here / name)]
        found.extend(here / name for name in names if (here / name).is_file() and is_report_file(here / name))
    return sorted(found)


def read_document(path: Path) -> Document:
    """Read a report file (never writing to it) into a `Document`, or raise `ReadError`.

    Report data (JSON/YAML) is no document: use `read_source`, which returns it as a report.
    """
    source = read_source(path)
    if isinstance(source, AnnualReport):
        raise ReadError(
            str(path), "是报告数据（JSON/YAML），不是报告文档", "is report data (JSON/YAML), not a report document"
        )
    return source


def read_source(path: Path) -> Document | AnnualReport:
    """Read a report file (never writing to it): a `Document` to extract, or report data as is.

    The reader is chosen by the content (a `.doc` that is really HTML is read as HTML); only
    YAML, which has no signature, is known by its suffix.
    """
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReadError(name, "是文件夹，不是文件", "is a folder, not a file") from None
    except OSError as error:
        raise ReadError(name, f"无法打开：{error.strerror}", f"cannot open: {error.strerror}") from None
    if not data.strip():
        raise ReadError(name, "文件为空", "the file is empty")
    if data.lstrip()[:5] == b"%PDF-" or data.startswith(b"%PDF"):
        from giocheck.readers.pdf import read_pdf

        return read_pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        from giocheck.readers.docx import is_docx, read_docx

        if not is_docx(data):
            raise ReadError(
                name,
                "是 ZIP 压缩包，不是 Word 文档，请解压后检查其中的报告",
                "is a ZIP archive, not a Word document; unpack it and check the report inside",
            )
        return read_docx(data, name)
    signature, zh, en = _LEGACY
    if data.startswith(signature):
        raise ReadError(name, zh, en)
    text = _decoded(data, name)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_data(text, name, yaml=True)
    if suffix == ".json" or looks_like_json(text):
        return read_data(text, name, yaml=False)
    if looks_like_html(text):
        return read_html(text, name)
    return read_text(text, name)


def _decoded(data: bytes, name: str) -> str:
    """The text of the bytes: an HTML page's declared charset first, when it decodes cleanly."""
    charset = declared_charset(data) if data.lstrip()[:1] == b"<" else None
    if charset is not None:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong (or names a codec such as `base64`); detect instead
    try:
        text, _encoding = decode(data)
    except NotText as error:
        raise ReadError(name, f"不是文本文件（{error}）", f"not a text file ({error})") from None
    return text
