"""How far a PDF's compressed streams inflate, counted before PDFium sees the file.

PDFium inflates a page's content stream whole, in C, where no time budget or limit reaches: a
PDF of 1 MB whose one content stream inflates to a gigabyte of spaces costs gigabytes and half a
minute. Every zlib (FlateDecode) stream is therefore inflated here once, in chunks, counting, and
the file is refused as soon as one stream passes `pdf_stream_mb` or all of them pass
`pdf_inflated_mb` — while inflating, never after. Streams are found by their `stream` keyword
and a zlib header, without parsing the PDF; anything else (images in other codings, damaged
data) is left to PDFium, which reports its own errors.
"""

from __future__ import annotations

import re
import zlib

from giocheck.limits import LimitExceeded, current_limits
from giocheck.words import pair

_MB = 1024 * 1024
_IN = 64 * 1024  # compressed bytes fed at a time
_OUT = 1024 * 1024  # inflated bytes taken at a time
_STREAM = re.compile(rb"stream\r?\n")


def check_streams(data: bytes) -> None:
    """Raise `LimitExceeded` when a FlateDecode stream of the PDF `data` inflates past
    `pdf_stream_mb`, or all of them together past `pdf_inflated_mb`."""
    limits = current_limits()
    one, every = limits.pdf_stream_mb * _MB, limits.pdf_inflated_mb * _MB
    view = memoryview(data)
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if not _zlib_header(data, start):
            continue
        size = _inflated_size(view, start, min(one, every - total) + 1)
        if size > one:
            raise LimitExceeded("pdf_stream_mb", *pair("files.pdf_stream_over"))
        total += size
        if total > every:
            raise LimitExceeded("pdf_inflated_mb", *pair("files.pdf_streams_over"))


def _zlib_header(data: bytes, at: int) -> bool:
    """Whether a zlib stream starts at `at` (deflate method, header check bits right)."""
    if at + 2 > len(data):
        return False
    first, second = data[at], data[at + 1]
    return first & 0x0F == 8 and first >> 4 <= 7 and (first << 8 | second) % 31 == 0


def _inflated_size(view: memoryview, start: int, stop: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counted up to `stop` at most."""
    inflater = zlib.decompressobj()
    size = 0
    position = start
    pending: bytes | memoryview = b""
    try:
        while not inflater.eof and size < stop:
            if not pending:
                if position >= len(view):
                    break
                pending = view[position : position + _IN]
                position += _IN
            size += len(inflater.decompress(pending, _OUT))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # damaged or no zlib after all: what inflated so far counts, PDFium says the rest
    return size
