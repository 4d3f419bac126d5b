"""What kind of file a path is, found without opening it: giocheck reads and writes only regular files.

Opening a named pipe (FIFO) waits for the other end — forever if nobody comes — and a device such
as `/dev/zero` never ends, so every path a user names (a report, `--previous`, a configuration,
a baseline, a manifest, an output file) is looked at with `stat` first, and a FIFO, socket,
character or block device is refused in one line without being opened. Standard input, given as
`-`, is the one stream giocheck reads (bounded by the `file_mb` limit).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from giocheck.errors import FileError
from giocheck.words import pair, say

# (S_IS* test, catalogue key) for every kind of file that is neither regular nor a folder.
_SPECIAL = (
    (stat.S_ISFIFO, "files.fifo"),
    (stat.S_ISSOCK, "files.socket"),
    (stat.S_ISCHR, "files.char_device"),
    (stat.S_ISBLK, "files.block_device"),
)


def special_kind(path: Path) -> tuple[str, str] | None:
    """(Chinese, English) naming what `path` is when it is a FIFO, socket or device (links
    followed); None for a regular file, a folder, or a path that cannot be looked at (opening it
    then says why). Never opens `path`."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return mode_kind(mode)


def mode_kind(mode: int) -> tuple[str, str] | None:
    """(Chinese, English) naming a FIFO, socket or device by its `st_mode`; None for any other."""
    return next((pair(key) for test, key in _SPECIAL if test(mode)), None)


def special_words(kind: tuple[str, str], *, writing: bool = False, report: bool = False) -> tuple[str, str]:
    """The reason (Chinese, English) for refusing a special file of `kind`, to read or to write;
    a `report` to read is told how to pipe it (a configuration, baseline or rule file cannot be)."""
    zh, en = kind
    key = (
        "files.special_not_written"
        if writing
        else "files.special_report_not_read"
        if report
        else "files.special_not_read"
    )
    return say(key, "zh", kind=zh), say(key, "en", kind=en)


def refuse_special(path: Path, error: type[FileError], *, writing: bool = False) -> None:
    """Raise `error` (a `FileError` kind: `ReadError`, `ConfigError`) naming `path` when it is a
    FIFO, socket or device, before anything opens it; do nothing otherwise."""
    kind = special_kind(path)
    if kind is not None:
        raise error(str(path), *special_words(kind, writing=writing))
