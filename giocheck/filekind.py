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

# (S_IS* test, Chinese, English) for every kind of file that is neither regular nor a folder.
_SPECIAL = (
    (stat.S_ISFIFO, "命名管道（FIFO）", "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "套接字", "a socket"),
    (stat.S_ISCHR, "字符设备", "a character device"),
    (stat.S_ISBLK, "块设备", "a block device"),
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
    return next(((zh, en) for test, zh, en in _SPECIAL if test(mode)), None)


def special_words(kind: tuple[str, str], *, writing: bool = False) -> tuple[str, str]:
    """The reason (Chinese, English) for refusing a special file of `kind`, to read or to write."""
    zh, en = kind
    if writing:
        return f"是{zh}，不是普通文件，不写入", f"is {en}, not a regular file; not written"
    return (
        f"是{zh}，不是普通文件，不读取（管道中的报告请从标准输入读取：giocheck check - < 文件）",
        f"is {en}, not a regular file; not read (to check a report from a pipe, give it as standard input: "
        "giocheck check - < FILE)",
    )


def refuse_special(path: Path, error: type[FileError], *, writing: bool = False) -> None:
    """Raise `error` (a `FileError` kind: `ReadError`, `ConfigError`) naming `path` when it is a
    FIFO, socket or device, before anything opens it; do nothing otherwise."""
    kind = special_kind(path)
    if kind is not None:
        raise error(str(path), *special_words(kind, writing=writing))
