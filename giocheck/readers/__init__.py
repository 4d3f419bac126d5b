"""Readers: bytes of a file → a neutral `Document`. Chosen by sniffing the content."""

from __future__ import annotations

import os
import stat
import sys
import warnings
from pathlib import Path

import attrs

from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.filekind import mode_kind, special_kind, special_words
from giocheck.limits import LimitExceeded, current_limits, over_limit
from giocheck.model import AnnualReport, Location, ReadNote
from giocheck.readers.data import DATA_SUFFIXES, has_metadata, looks_like_json, read_data
from giocheck.readers.encoding import Decoded, NotText, decode_report
from giocheck.readers.html import declared_charset, looks_like_html, read_html
from giocheck.readers.markdown import MARKDOWN_SUFFIXES, is_markdown_report, looks_like_markdown, read_markdown
from giocheck.readers.office import OLE_SIGNATURE
from giocheck.readers.text import read_text
from giocheck.words import pair, say

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
        unreadable.append(ReadError(where, *pair("files.cannot_open", reason=error.strerror)))

    for top, folders, names in os.walk(folder, onerror=cannot_open):
        here = Path(top)
        folders[:] = [name for name in folders if not is_skipped_folder(here / name)]
        found.extend(here / name for name in names if _is_searched_file(here / name))
    return FolderSearch(tuple(sorted(found)), tuple(unreadable))


def _is_searched_file(path: Path) -> bool:
    if path.suffix.lower() not in REPORT_SUFFIXES:
        return False
    try:
        if not path.is_file():  # a broken link, or a FIFO or device: listed, refused unopened
            return (path.is_symlink() and not path.exists()) or special_kind(path) is not None
    except OSError:
        return True
    try:
        return is_report_file(path)
    except Exception:
        return True  # checked like any report: reading it says, in one line, what is wrong


def source_name(path: Path) -> str:
    """How a report path is named in messages and every output: `<stdin>` for `-`; bytes that are
    no UTF-8 as `\\xff`, line breaks and other control characters escaped, so that a name is one
    line of valid UTF-8 (`safe_name`)."""
    return STDIN_NAME if path == STDIN else safe_name(str(path))


def safe_name(name: str) -> str:
    """`name` as one printable line: undecodable bytes (surrogate escapes) as `\\xNN`, control
    characters as `\\n`, `\\t`, `\\xNN` or `\\uNNNN`; anything else as it is."""
    if name.isprintable() and not any("\udc80" <= char <= "\udcff" for char in name):
        return name
    return "".join(_escaped(char) for char in name)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if char.isprintable() or char == " ":
        return char
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def read_document(path: Path) -> Document:
    """Read a report file (never writing to it) into a `Document`, or raise `ReadError`.

    Report data (JSON/YAML) is no document: use `read_source`, which returns it as a report.
    """
    source = read_source(path)
    if isinstance(source, AnnualReport):
        raise ReadError(str(path), *pair("read.data_not_document"))
    return source


def read_source(path: Path) -> Document | AnnualReport:
    """Read a report file (never writing to it): a `Document` to extract, or report data as is.

    The reader is chosen by the content (a `.doc` that is really HTML is read as HTML); only
    YAML, which has no signature, is known by its suffix. `-` (`STDIN`) reads standard input.
    """
    name = source_name(path)
    try:
        # Libraries' warnings about a damaged file (lxml, python-docx, PDFium's bindings) are
        # caught here, never printed: what is wrong with a file is its one line.
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            return _read_source(path, name)
    except LimitExceeded as error:
        raise over_limit(name, error.name, error.found_zh, error.found_en) from None


def _read_source(path: Path, name: str) -> Document | AnnualReport:
    data = _stdin() if path == STDIN else _file_bytes(path)
    if not data.strip():
        raise ReadError(name, *pair("read.empty"))
    if data.lstrip()[:5] == b"%PDF-" or data.startswith(b"%PDF"):
        from giocheck.readers.pdf import read_pdf

        return read_pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        from giocheck.readers.docx import is_docx, read_docx

        if not is_docx(data):
            raise ReadError(name, *pair("read.zip_not_docx"))
        return read_docx(data, name)
    if data.startswith(OLE_SIGNATURE):
        from giocheck.readers.office import read_legacy

        return read_legacy(data, name)
    decoded = _decoded(data, name)
    text = decoded.text
    _check_text_size(text, name)
    source = _read_text_source(text, name, path.suffix.lower())
    if not decoded.bad_bytes:
        return source
    note = bad_bytes_note(decoded.bad_bytes)
    if isinstance(source, AnnualReport):
        return source.model_copy(update={"notes": [*source.notes, note]})
    return attrs.evolve(source, notes=(*source.notes, note))


def _read_text_source(text: str, name: str, suffix: str) -> Document | AnnualReport:
    if suffix in (".yaml", ".yml"):
        return read_data(text, name, yaml=True)
    if suffix == ".json" or looks_like_json(text):
        return read_data(text, name, yaml=False)
    if suffix not in MARKDOWN_SUFFIXES and looks_like_html(text):
        return read_html(text, name)
    _check_lines(text, name)
    if suffix in MARKDOWN_SUFFIXES or looks_like_markdown(text):
        return read_markdown(text, name)
    return read_text(text, name)


def bad_bytes_note(places: tuple[tuple[int, int], ...]) -> ReadNote:
    """The note for bytes that were no UTF-8, read as U+FFFD: how many, and where (line, column)."""
    more_zh, more_en = pair("read.and_more") if len(places) > 5 else ("", "")
    shown_zh = "、".join(say("read.bad_byte_place", "zh", line=line, column=column) for line, column in places[:5])
    shown_en = ", ".join(say("read.bad_byte_place", "en", line=line, column=column) for line, column in places[:5])
    line, column = places[0]
    return ReadNote(
        kind="bad_bytes",
        printed=str(len(places)),
        location=Location(line=line, column=column),
        message_zh=say("read.bad_bytes", "zh", count=len(places), places=shown_zh + more_zh),
        message_en=say("read.bad_bytes", "en", count=len(places), places=shown_en + more_en),
    )


def _too_large(name: str, size: int | None = None) -> ReadError:
    if size is not None:
        return over_limit(name, "file_mb", f"{size / 1024 / 1024:.0f} MB", f"{size / 1024 / 1024:.0f} MB")
    return over_limit(name, "file_mb", *pair("read.no_end"))


def _max_bytes() -> int:
    return current_limits().file_mb * 1024 * 1024


def _stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ReadError(STDIN_NAME, *pair("read.no_stdin"))
    try:
        data: bytes = stream.read(_max_bytes() + 1)
    except OSError as error:
        raise ReadError(STDIN_NAME, *pair("read.stdin_unreadable", reason=error.strerror)) from None
    if len(data) > _max_bytes():
        raise _too_large(STDIN_NAME)  # an endless stream is not read to its end
    return data


def _file_bytes(path: Path) -> bytes:
    """A regular file's bytes, or the one line that says why they cannot be had. A FIFO, socket
    or device is refused before it is opened (`giocheck/filekind.py`): opening a pipe waits."""
    name = source_name(path)
    special = special_kind(path)
    if special is not None:
        raise ReadError(name, *special_words(special, report=True))
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if info.st_size > _max_bytes():
            raise _too_large(name, info.st_size)
        # O_NONBLOCK: should the path have become a pipe since it was looked at, opening it
        # does not wait; what is read then is refused below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb", buffering=0) as handle:
            kind = mode_kind(os.fstat(descriptor).st_mode)
            if kind is not None:
                raise ReadError(name, *special_words(kind, report=True))
            os.set_blocking(descriptor, True)
            data = handle.read(_max_bytes() + 1)
        if len(data) > _max_bytes():
            raise _too_large(name)
        return data
    except IsADirectoryError:
        raise ReadError(name, *pair("read.folder")) from None
    except FileNotFoundError:
        if not path.is_symlink():
            raise ReadError(name, *pair("read.no_such_file")) from None
        target = os.readlink(path)
        raise ReadError(name, *pair("read.broken_link", target=target)) from None
    except OSError as error:
        raise ReadError(name, *pair("files.cannot_open", reason=error.strerror)) from None


def _check_text_size(text: str, name: str) -> None:
    """Raise `ReadError` for a text over `text_chars`."""
    if len(text) > current_limits().text_chars:
        raise over_limit(name, "text_chars", *pair("read.chars", count=len(text)))


def _check_lines(text: str, name: str) -> None:
    """Raise `ReadError` for a text or Markdown file with a line over `line_chars` (HTML and
    data are parsed, not split into lines: one long line is how many are saved)."""
    longest = max(map(len, text.splitlines()), default=0)
    if longest > current_limits().line_chars:
        raise over_limit(name, "line_chars", *pair("read.long_line", count=longest))


def _decoded(data: bytes, name: str) -> Decoded:
    """The text of the bytes: an HTML page's declared charset first, when it decodes cleanly."""
    if len(data) > 4 * current_limits().text_chars:  # no encoding takes more than four bytes a character
        raise over_limit(name, "text_chars", *pair("read.text_bytes", count=len(data)))
    charset = declared_charset(data) if data.lstrip()[:1] == b"<" else None
    if charset is not None:
        try:
            return Decoded(data.decode(charset), charset)
        except (UnicodeError, LookupError):
            pass  # the declaration is wrong (or names a codec such as `base64` or `undefined`); detect instead
    try:
        return decode_report(data)
    except NotText as error:
        raise ReadError(name, *pair("read.not_text", error=error)) from None
