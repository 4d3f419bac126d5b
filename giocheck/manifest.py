"""A manifest: the list of reports a supervising office expects, one CSV row per file.

Columns (a header row names them, in any order; only `path` and `agency` are required):
`path` (relative to the manifest's folder), `agency`, `published` (YYYY-MM-DD), `kind`
(`government`/`department` or 人民政府/部门), `level` (`county`, 县级 …), `URL`. Chinese headers
(路径, 机关, 发布日期, 类型, 层级, 网址) work too. A row with an empty path lists an agency that
should have reported: it counts as missing. Each file gets its own publication date, agency name,
kind and level: a date in the manifest wins over `--published`, the configuration, the page's own
date and the signing date (giocheck/pairing.py applies it).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import get_args

import attrs

from giocheck.errors import ConfigError
from giocheck.filekind import refuse_special
from giocheck.model import AgencyKind, AgencyLevel
from giocheck.profile import KIND_ZH, LEVEL_ZH
from giocheck.words import pair

_HEADERS = {
    "path": "path",
    "路径": "path",
    "文件": "path",
    "agency": "agency",
    "机关": "agency",
    "单位": "agency",
    "published": "published",
    "发布日期": "published",
    "kind": "kind",
    "类型": "kind",
    "level": "level",
    "层级": "level",
    "url": "url",
    "网址": "url",
}
_KINDS = {**{k: k for k in get_args(AgencyKind)}, **{zh: k for k, zh in KIND_ZH.items()}}
_LEVELS = {**{k: k for k in get_args(AgencyLevel)}, **{zh: k for k, zh in LEVEL_ZH.items()}, "县级市": "county"}


@attrs.frozen
class ManifestEntry:
    """One row: the file (None: the agency has no report listed) and what is known about it."""

    line: int
    path: Path | None
    agency: str
    published: date | None = None
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    url: str | None = None


@attrs.frozen
class Manifest:
    """The rows of a manifest file, looked up by report path."""

    source: Path
    entries: tuple[ManifestEntry, ...]

    @property
    def agencies(self) -> list[str]:
        """Every agency listed, in the manifest's order, each once."""
        return list(dict.fromkeys(e.agency for e in self.entries))

    @property
    def files(self) -> list[Path]:
        """The report files listed (those that exist, in order): what `check --manifest` checks
        when no path is given."""
        return [e.path for e in self.entries if e.path is not None and e.path.exists()]

    _by_path: dict[str, ManifestEntry] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_path = {os.path.realpath(e.path): e for e in self.entries if e.path is not None}
        object.__setattr__(self, "_by_path", by_path)

    def entry(self, path: str | Path | None) -> ManifestEntry | None:
        """The row of a report file (matched by its real path), or None."""
        if path is None:
            return None
        return self._by_path.get(os.path.realpath(path))

    def missing(self, checked: Iterable[str]) -> list[str]:
        """The agencies none of whose listed files is among the `checked` paths."""
        seen = {os.path.realpath(p) for p in checked}
        reported = {e.agency for e in self.entries if e.path is not None and os.path.realpath(e.path) in seen}
        return [agency for agency in self.agencies if agency not in reported]


def load_manifest(path: Path) -> Manifest:
    """Read a manifest CSV (UTF-8, with or without BOM; GB18030 as Excel saves it in China);
    a wrong row is one `ConfigError` naming the file and the line."""
    refuse_special(path, ConfigError)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(str(path), *pair("files.manifest_unreadable", reason=error.strerror)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ConfigError(str(path), *pair("files.manifest_encoding")) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ConfigError(str(path), *pair("files.manifest_empty"))
    columns = [_HEADERS.get(name.strip().lower()) for name in rows[0]]
    for needed in ("path", "agency"):
        if needed not in columns:
            raise ConfigError(str(path), *pair("files.manifest_header", column=needed))
    entries = [
        _entry(path, number, dict(zip(columns, row, strict=False)))
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]
    return Manifest(path, tuple(entries))


def _entry(manifest: Path, line: int, row: dict[str | None, str]) -> ManifestEntry:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    def wrong(key: str, **slots: object) -> ConfigError:
        return ConfigError(f"{manifest}:{line}", *pair(f"files.{key}", **slots))

    agency = cell("agency")
    if not agency:
        raise wrong("manifest_agency")
    published = None
    if cell("published"):
        try:
            published = date.fromisoformat(cell("published").replace("/", "-"))
        except ValueError:
            raise wrong("manifest_published", value=repr(cell("published"))) from None
    kind = _KINDS.get(cell("kind")) if cell("kind") else None
    if cell("kind") and kind is None:
        raise wrong("manifest_kind", value=repr(cell("kind")))
    level = _LEVELS.get(cell("level")) if cell("level") else None
    if cell("level") and level is None:
        known = ", ".join(get_args(AgencyLevel))
        raise wrong("manifest_level", known=known, value=repr(cell("level")))
    where = Path(cell("path")) if cell("path") else None
    if where is not None and not where.is_absolute():
        where = manifest.parent / where
    return ManifestEntry(line, where, agency, published, kind, level, cell("url") or None)
