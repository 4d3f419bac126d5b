"""Errors that reach the user as one line: what is wrong and in which file."""

from __future__ import annotations


class GiocheckError(Exception):
    """Base class: `str(error)` is the one line the CLI prints."""

    def message(self, lang: str = "zh") -> str:
        """The one-line message in `zh` or `en`."""
        return str(self)


class FileError(GiocheckError):
    """Something is wrong with one file: `path: reason`, the reason in Chinese and English."""

    def __init__(self, path: str, zh: str, en: str) -> None:
        super().__init__(f"{path}: {zh}")
        self.path = path
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        """`path: reason`, the reason in `zh` or `en`."""
        return f"{self.path}: {self.zh if lang == 'zh' else self.en}"


class ReadError(FileError):
    """A file could not be read as a report (empty, binary, not a report, cut off …)."""


class ConfigError(FileError):
    """A configuration or baseline file (or a selection flag) is wrong: names the file and the key."""


class RuleFileError(GiocheckError):
    """A rule or format file is malformed; names the file, the rule and the field."""


class UsageError(GiocheckError):
    """The command line or the API was called wrongly."""
