"""Readers: bytes of a file → a neutral `Document`. Chosen by sniffing the content."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import attrs

from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.model import AnnualReport
from giocheck.readers.data import DATA_SUFFIXES, has_metadata, looks_like_json, read_data
from giocheck.readers.encoding import NotText, decode
from giocheck.readers.html import declared_charset, looks_like_html, read_html
from giocheck.readers.markdown import MARKDOWN_SUFFIXES, is_markdown_report, looks_like_markdown, read_markdown
from giocheck.readers.office import OLE_SIGNATURE
from giocheck.readers.text import read_text

# Extensions `giocheck check FOLDER` picks up. A legacy `.doc`/`.wps` binary is read through
# LibreOffice when it is installed, else refused in one line (and many `.doc` files on
# government sites are really HTML, which is read).
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
    *MARKDOWN_SUFFIXES,
    *DATA_SUFFIXES,
)

# Folders a search does not enter, besides hidden ones (`.git`, `.venv`) and virtual environments.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})

# `-` as a path is standard input (a CMS pipes a report to the check), read as one report so named.
STDIN = Path("-")
STDIN_NAME = "<stdin>"


def is_skipped_folder(folder: Path) -> bool:
    """Whether a folder search passes over `folder`: hidden, a virtual environment
    (`pyvenv.cfg`), `node_modules` or `__pycache__`."""
    name = folder.name
    if name.startswith(".") or name in SKIPPED_FOLDERS:
        return True
    try:
        return (folder / "pyvenv.cfg").is_file()
    except OSError:
        return False  # a folder that cannot be looked into is entered, and says so (`search_folder`)


def is_report_file(path: Path, root: Path | None = None, *, named: bool = False) -> bool:
    """Whether a search of the folder `root` checks `path` as a report (`giocheck check FOLDER`,
    `pytest --giocheck`): a report suffix, in no skipped folder below `root`, and for JSON/YAML
    a top-level `metadata` key and for Markdown a report title near the top, so other data
    files and a README are passed over. A file `named` on the
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
    if suffix in MARKDOWN_SUFFIXES:
        return is_markdown_report(path)
    return suffix not in DATA_SUFFIXES or has_metadata(path)


@attrs.frozen
class FolderSearch:
    """What a folder search found: the report files, sorted, and the folders it could not open."""

    files: tuple[Path, ...]
    unreadable: tuple[ReadError, ...]


def search_folder(folder: Path) -> FolderSearch:
    """The report files under `folder` (skipped folders are not entered), and one error for each
    folder that could not be opened, `folder` itself included; the rest is still searched.

    A file with a report suffix that cannot be looked at (a broken link, no permission) is
    listed, so that reading it says what is wrong instead of passing over it in silence.
    """
    found: list[Path] = []
    unreadable: list[ReadError] = []

    def cannot_open(error: OSError) -> None:
        where = str(error.filename) if error.filename is not None else str(folder)
        unreadable.append(ReadError(where, f"无法打开：{error.strerror}", f"cannot open: {error.strerror}"))

    for top, folders, names in os.walk(folder, onerror=cannot_open):
        here = Path(top)
        folders[:] = [name for name in folders if not is_skipped_folder(here / name)]
        found.extend(here / name for name in names if _is_searched_file(here / name))
    return FolderSearch(tuple(sorted(found)), tuple(unreadable))


def _is_searched_file(path: Path) -> bool:
    if path.suffix.lower() not in REPORT_SUFFIXES:
        return False
    try:
        if not path.is_file():
            return path.is_symlink() and not path.exists()  # a broken link
    except OSError:
        return True
    try:
        return is_report_file(path)
    except Exception:
        return True  # checked like any report: reading it says, in one line, what is wrong


def source_name(path: Path) -> str:
    """How a report path is named in messages: `<stdin>` for `-`."""
    return STDIN_NAME if path == STDIN else str(path)


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
    YAML, which has no signature, is known by its suffix. `-` (`STDIN`) reads standard input.
    """
    name = source_name(path)
    data = _stdin() if path == STDIN else _file_bytes(path)
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
    if data.startswith(OLE_SIGNATURE):
        from giocheck.readers.office import read_legacy

        return read_legacy(data, name)
    text = _decoded(data, name)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_data(text, name, yaml=True)
    if suffix == ".json" or looks_like_json(text):
        return read_data(text, name, yaml=False)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(text, name)
    if looks_like_html(text):
        return read_html(text, name)
    if looks_like_markdown(text):
        return read_markdown(text, name)
    return read_text(text, name)


# The largest file giocheck reads: far above any real report (a 100-page scanned PDF is a few
# tens of MB), and a bound on memory for a file that is not one.
MAX_FILE_BYTES = 64 * 1024 * 1024


def _too_large(name: str, size: int | None = None) -> ReadError:
    shown = f"{size / 1024 / 1024:.0f} MB，" if size is not None else ""
    limit = MAX_FILE_BYTES // 1024 // 1024
    return ReadError(
        name,
        f"文件过大（{shown}上限 {limit} MB），不是年度报告或应先拆分",
        f"too large ({f'{size / 1024 / 1024:.0f} MB, ' if size is not None else ''}the limit is {limit} MB): "
        "no annual report is this big",
    )


def _stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ReadError(STDIN_NAME, "没有可读取的标准输入", "no standard input to read")
    try:
        data: bytes = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReadError(STDIN_NAME, f"无法读取：{error.strerror}", f"cannot read: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(STDIN_NAME)  # an endless stream is not read to its end
    return data


def _file_bytes(path: Path) -> bytes:
    """A file's bytes, or the one line that says why they cannot be had."""
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
            raise _too_large(name, info.st_size)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        # Opened without waiting: a named pipe nobody writes to reads as empty instead of
        # hanging; a pipe that is written to (`<(…)`, /dev/stdin) is then read as it comes.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(name)  # an endless device (`/dev/zero`) is not read to its end
        return data
    except IsADirectoryError:
        raise ReadError(name, "是文件夹，不是文件", "is a folder, not a file") from None
    except FileNotFoundError:
        if not path.is_symlink():
            raise ReadError(name, "文件不存在", "no such file") from None
        target = os.readlink(path)
        raise ReadError(
            name, f"是失效的链接：指向的 {target} 不存在", f"is a broken link: its target {target} does not exist"
        ) from None
    except OSError as error:
        raise ReadError(name, f"无法打开：{error.strerror}", f"cannot open: {error.strerror}") from None


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
