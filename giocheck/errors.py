"""Errors that reach the user as one line: what is wrong and in which file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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


class NotAReportError(ReadError):
    """The file reads, but is clearly no annual report (no title, section headings or tables):
    `giocheck check --skip-non-reports` passes over it (a requirements.txt, a site's index.html)."""


class ConfigError(FileError):
    """A configuration or baseline file (or a selection flag) is wrong: names the file and the key."""


class RuleFileError(GiocheckError):
    """A rule or format file is malformed; names the file, the rule and the field."""


class UsageError(GiocheckError):
    """The command line or the API was called wrongly: `str(error)` in Chinese (or the caller's
    language), `en` the English where the caller gave both."""

    def __init__(self, text: str, en: str | None = None) -> None:
        super().__init__(text)
        self.en = en

    def message(self, lang: str = "zh") -> str:
        """The one-line message in `zh` or `en` (the only text when no English was given)."""
        return self.en if lang == "en" and self.en is not None else str(self)


# Chinese for the pydantic error types users meet in configuration and baseline files; others
# keep pydantic's English text (rule-file errors are for rule authors).
_INVALID_ZH = {
    "missing": "缺少此项",
    "extra_forbidden": "未知的配置项",
    "literal_error": "应为 {expected} 之一",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "string_type": "应为字符串",
    "string_too_short": "不能为空",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（如 2026-01-20）",
    "date_parsing": "应为日期（如 2026-01-20）",
    "date_from_datetime_parsing": "应为日期（如 2026-01-20）",
    "list_type": "应为列表",
    "dict_type": "应为表（如 [tool.giocheck.agency]）",
}


def invalid_value(detail: Mapping[str, Any], lang: str = "zh") -> str:
    """What is wrong with one value, from one of pydantic's `ValidationError.errors()`, in `zh` or `en`."""
    template = _INVALID_ZH.get(str(detail.get("type")))
    if lang != "zh" or template is None:
        return str(detail.get("msg", ""))
    expected = str((detail.get("ctx") or {}).get("expected", ""))
    return template.format(expected=expected.replace(" or ", "、").replace(", ", "、"))
