"""Reader for legacy Word `.doc` and WPS `.wps` files (OLE binaries), through LibreOffice.

LibreOffice headless converts the file to `.docx`, which the DOCX reader reads; the document
keeps the original file's name. Everything happens in a private temporary folder: a copy of
the bytes (the input file is never opened for writing, nothing is written beside it), a
LibreOffice profile of its own (parallel runs would otherwise wait on one profile's lock) and
the converted file; the folder is removed whatever happens. A conversion that fails or hangs
ends in one line, never a traceback. Without LibreOffice the file is refused with the fix.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

from giocheck.document import Document
from giocheck.errors import ReadError
from giocheck.words import pair, say

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
# LibreOffice's first start with a fresh profile takes a few seconds; a report converts in one or two.
TIMEOUT_SECONDS = 120
PROGRAMS = ("soffice", "libreoffice")


def office_program() -> str | None:
    """The LibreOffice program on PATH (`soffice`, else `libreoffice`), or None."""
    return next((found for name in PROGRAMS if (found := shutil.which(name)) is not None), None)


def read_legacy(data: bytes, source: str) -> Document:
    """Convert a legacy `.doc`/`.wps` to `.docx` with LibreOffice and read that; `source` names
    the original file in every location and message."""
    program = office_program()
    if program is None:
        raise ReadError(source, *pair("read.legacy_needs_office"))
    with tempfile.TemporaryDirectory(prefix="giocheck-office-") as work:
        folder = Path(work)
        converted = _convert(program, data, folder, source)
        from giocheck.readers.docx import read_docx

        return read_docx(converted, source)


def _convert(program: str, data: bytes, folder: Path, source: str) -> bytes:
    """The `.docx` bytes LibreOffice makes of `data`, working only inside `folder`."""
    import subprocess  # here, not at the top: every text check imports this module for OLE_SIGNATURE

    original = folder / "report.doc"
    original.write_bytes(data)
    output = folder / "converted"
    command = [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(output),
        str(original),
    ]
    try:
        returncode, errors = _run(command, folder)
    except subprocess.TimeoutExpired:
        raise _failed(source, *pair("read.office_timeout", seconds=TIMEOUT_SECONDS)) from None
    except OSError as error:
        raise _failed(source, *pair("read.office_not_started", program=program, reason=error.strerror)) from None
    result = output / "report.docx"
    if returncode != 0 or not result.is_file():
        detail = _last_line(errors) or f"exit {returncode}"
        raise _failed(source, detail, detail)
    return result.read_bytes()


def _run(command: list[str], folder: Path) -> tuple[int, str]:
    """Run LibreOffice in its own process group, so that a hang is ended with all its children."""
    import subprocess

    environment = {**os.environ, "HOME": str(folder)}  # nothing lands in the user's home either
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder,
        env=environment,
        start_new_session=True,
    ) as process:
        try:
            _out, errors = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        return process.returncode, errors.decode("utf-8", "replace")


def _last_line(text: str) -> str:
    """The last meaningful line of LibreOffice's messages (it warns about Java on every start)."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and "javaldx" not in line]
    return lines[-1][:200] if lines else ""


def _failed(source: str, zh: str, en: str) -> ReadError:
    return ReadError(
        source, say("read.legacy_not_converted", "zh", detail=zh), say("read.legacy_not_converted", "en", detail=en)
    )
