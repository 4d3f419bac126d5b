"""Turn the bytes of a text file into a string: the encoding is detected, never assumed.

Order: byte-order marks, UTF-16 without a mark (NUL bytes in alternate places), strict UTF-8,
strict GB18030 (a superset of GBK and GB2312), then charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


class NotText(ValueError):
    """The bytes are not text in any encoding we know."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise `NotText`."""
    marked = [name for bom, name in _BOMS if data.startswith(bom)]
    for name in marked:  # `FF FE 00 00` opens UTF-32 and UTF-16 text alike
        try:
            return _checked(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    if marked:
        raise NotText(f"broken {marked[-1]} after its byte-order mark")
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            # Only the start was tried; a broken unit further on means this is no UTF-16.
            raise NotText(f"broken {utf16} text") from None
    if b"\x00" in data:
        raise NotText("binary data (NUL bytes)")
    for name in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(name), name)
        except (UnicodeDecodeError, NotText):
            continue
    return _guess(data)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order whose text reads as Chinese text."""
    if b"\x00" not in data or len(data) % 2:
        return None
    best, best_score = None, 0.9
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:8000].decode(name)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in text if _plausible(ch)) / max(1, len(text))
        if score > best_score:
            best, best_score = name, score
    return best


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code < 0x7F
        or ch in _ALLOWED_CONTROLS
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )


def _guess(data: bytes) -> tuple[str, str]:
    # Imported here: charset-normalizer is only needed for the rare file the above misses.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("binary data or an unknown encoding")
    return _checked(str(best), best.encoding)


def _checked(text: str, name: str) -> tuple[str, str]:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(text) // 200):
        raise NotText("binary data (control characters)")
    return text, name
