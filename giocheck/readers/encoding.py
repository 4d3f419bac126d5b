"""Turn the bytes of a text file into a string: the encoding is detected, never assumed.

Order: byte-order marks, UTF-16 without a mark (NUL bytes in alternate places), strict UTF-8,
strict GB18030 (a superset of GBK and GB2312), then charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import re

import attrs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# A UTF-8 text with at most one broken character (a run of bytes that are no UTF-8) per thousand
# bytes is read with them replaced (U+FFFD) and a note saying where; more, and the file is in
# another encoding or no text.
BAD_BYTES_PER_MILLE = 1


@attrs.frozen
class Decoded:
    """Decoded text, its encoding, and where bytes that were no UTF-8 were replaced by U+FFFD:
    (line, column), both 1-based (empty unless the text is UTF-8 with a few bad bytes)."""

    text: str
    encoding: str
    bad_bytes: tuple[tuple[int, int], ...] = ()


class NotText(ValueError):
    """The bytes are not text in any encoding we know."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise `NotText`."""
    found = decode_report(data)
    return found.text, found.encoding


def decode_report(data: bytes) -> Decoded:
    """The text of the bytes, or `NotText`. UTF-8 with a few bad bytes (one in a thousand at
    most) is read with them replaced, saying where they are, rather than guessed as another
    encoding."""
    marked = [name for bom, name in _BOMS if data.startswith(bom)]
    for name in marked:  # `FF FE 00 00` opens UTF-32 and UTF-16 text alike
        try:
            return Decoded(*_checked(data.decode(name), name))
        except UnicodeDecodeError:
            continue
    if marked:
        raise NotText(f"broken {marked[-1]} after its byte-order mark")
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return Decoded(*_checked(data.decode(utf16), utf16))
        except UnicodeDecodeError:
            # Only the start was tried; a broken unit further on means this is no UTF-16.
            raise NotText(f"broken {utf16} text") from None
    if b"\x00" in data:
        raise NotText("binary data (NUL bytes)")
    for name in ("utf-8", "gb18030"):
        try:
            return Decoded(*_checked(data.decode(name), name))
        except (UnicodeDecodeError, NotText):
            nearly = _nearly_utf8(data) if name == "utf-8" else None
            if nearly is not None:
                return nearly
    return Decoded(*_guess(data))


_ESCAPED = re.compile("[\udc80-\udcff]{1,4}")  # one broken character: up to four bytes


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 text with a few broken characters, replaced; None when they are too many or the
    rest is not clearly UTF-8 (fewer than ten well-formed non-ASCII characters per broken one)."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [match.start() for match in _ESCAPED.finditer(escaped)]
    if not bad or len(bad) > max(1, len(data) * BAD_BYTES_PER_MILLE // 1000):
        return None
    if sum(1 for char in escaped if ord(char) > 0x7F and not 0xDC80 <= ord(char) <= 0xDCFF) < 10 * len(bad):
        return None
    text = _ESCAPED.sub("\ufffd", escaped)
    try:
        _checked(text, "utf-8")
    except NotText:
        return None
    places = []
    for at in bad:
        line_start = text.rfind("\n", 0, at) + 1
        places.append((text.count("\n", 0, at) + 1, at - line_start + 1))
    return Decoded(text, "utf-8", tuple(places))


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
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200):
        raise NotText("binary data (control characters)")
    return text, name
