"""The words of a supervising office's outputs: the summary, the spreadsheets, the HTML report,
compare and the manifest."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {}
