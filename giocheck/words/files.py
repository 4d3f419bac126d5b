"""The words of read problems and file errors: why a file could not be (fully) read."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {}
