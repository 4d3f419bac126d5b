"""The catalogue of every non-rule word giocheck prints, in Chinese and English.

Rule messages live in the rule files (`rules/checks/*.toml`) and the `--help` texts in
`giocheck/messages.py` (`HELP_ZH`); every other word a user reads — the lines of `check`, the
grids of `show`, the office outputs, `explain`, `compare`, the manifest, the serve page's words
from Python, read problems and file errors — is an entry here: a dotted key (`show.legend`)
mapped to its Chinese and its English text, one module per area. `tests/test_words.py` fails on
an entry missing a language, on slots (`{n}`) that differ between the two, and on a Chinese
string literal in `giocheck/` outside this catalogue and the data that reads Chinese reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from giocheck.words import check, command, files, office, read, rules, serve, setup, show

LANGS = ("zh", "en")
# Each area's entries: key → (Chinese, English).
AREAS: Mapping[str, Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "check": check.WORDS,
        "command": command.WORDS,
        "files": files.WORDS,
        "office": office.WORDS,
        "read": read.WORDS,
        "rules": rules.WORDS,
        "serve": serve.WORDS,
        "setup": setup.WORDS,
        "show": show.WORDS,
    }
)


def say(key: str, lang: str = "zh", /, **slots: object) -> str:
    """The entry `area.key` in `lang` (zh, else en), its `{slots}` filled when any are given."""
    area, _, name = key.partition(".")
    zh, en = AREAS[area][name]
    text = zh if lang == "zh" else en
    return text.format(**slots) if slots else text


def pair(key: str, /, **slots: object) -> tuple[str, str]:
    """The entry `area.key` in Chinese and in English, slots filled: what `FileError` and its kin take."""
    return say(key, "zh", **slots), say(key, "en", **slots)


@cache
def section(area: str) -> Mapping[str, Mapping[str, str]]:
    """One area's entries by language: `section("check")["en"]["error"]`."""
    entries = AREAS[area]
    return MappingProxyType(
        {
            lang: MappingProxyType({key: texts[index] for key, texts in entries.items()})
            for index, lang in enumerate(LANGS)
        }
    )
