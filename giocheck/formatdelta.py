"""Format files as deltas: a version file states only what differs from the one it builds on.

A file with `extends = "KEY"` starts from the format with that key and changes it:

- a top-level value it gives (title, years, markers …) replaces the parent's;
- a section or a table it lists *by key* replaces the fields it gives of the parent's section or
  table of that key (a `rows` or `columns` list it gives replaces the whole list);
- in a table, `[[tables.replace_rows]]` puts `rows` where the parent's run of `replaces` rows
  was; the table's groups then name the new rows in their place, and a substitute row of the
  parent for rows that are gone no longer applies.

The result is validated as any format is (giocheck/formats.py), so a delta that leaves a
reference dangling fails at load time, naming its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from giocheck.errors import RuleFileError

Raw = dict[str, Any]


def resolve(raw: Mapping[Path, Raw]) -> dict[Path, Raw]:
    """Every format file's data with its `extends` chain applied, by file."""
    by_key = {data.get("key"): path for path, data in raw.items()}
    resolved: dict[Path, Raw] = {}

    def full(path: Path, seen: tuple[Path, ...]) -> Raw:
        if path in resolved:
            return resolved[path]
        data = raw[path]
        parent_key = data.get("extends")
        if parent_key is None:
            resolved[path] = data
            return data
        parent_path = by_key.get(parent_key)
        if parent_path is None:
            raise RuleFileError(f"{path}: extends {parent_key!r}, but no format has that key")
        if parent_path in seen:
            raise RuleFileError(f"{path}: extends {parent_key!r}, which extends it in turn")
        merged = _merged(full(parent_path, (*seen, path)), data, path)
        resolved[path] = merged
        return merged

    for path in raw:
        full(path, ())
    return resolved


def _merged(parent: Raw, child: Raw, path: Path) -> Raw:
    result = {key: value for key, value in parent.items() if key not in ("sections", "tables")}
    result.update({key: value for key, value in child.items() if key not in ("extends", "sections", "tables")})
    result["sections"] = _by_key(parent.get("sections", []), child.get("sections", []), path, "sections")
    tables = {table["key"]: table for table in child.get("tables", [])}
    unknown = set(tables) - {table["key"] for table in parent.get("tables", [])}
    if unknown:
        raise RuleFileError(f"{path}: tables {sorted(unknown)} are not in the format it extends")
    result["tables"] = [_table(table, tables.get(table["key"]), path) for table in parent.get("tables", [])]
    return result


def _by_key(parent: list[Raw], child: list[Raw], path: Path, field: str) -> list[Raw]:
    """The parent's items, each with the fields the child's item of the same key gives."""
    changes = {item["key"]: item for item in child}
    unknown = set(changes) - {item["key"] for item in parent}
    if unknown:
        raise RuleFileError(f"{path}: {field} {sorted(unknown)} are not in the format it extends")
    return [{**item, **changes.get(item["key"], {})} for item in parent]


def _table(parent: Raw, child: Raw | None, path: Path) -> Raw:
    if child is None:
        return parent
    table = {**parent, **{key: value for key, value in child.items() if key not in ("replace_rows", "groups")}}
    if "groups" in child:
        table["groups"] = _by_key(parent.get("groups", []), child["groups"], path, "groups")
    for replacement in child.get("replace_rows", []):
        table = _replace_rows(table, replacement["replaces"], replacement["rows"], path)
    return table


def _replace_rows(table: Raw, replaces: list[str], rows: list[Raw], path: Path) -> Raw:
    keys = [row["key"] for row in table["rows"]]
    try:
        start = keys.index(replaces[0])
    except (ValueError, IndexError):
        raise RuleFileError(f"{path}: table {table['key']}: replace_rows names rows it does not have") from None
    if keys[start : start + len(replaces)] != replaces:
        raise RuleFileError(f"{path}: table {table['key']}: replace_rows must name a run of rows in order")
    new_keys = [row["key"] for row in rows]

    def renamed(names: list[str]) -> list[str]:
        out: list[str] = []
        for name in names:
            if name == replaces[0]:
                out.extend(new_keys)
            elif name not in replaces:
                out.append(name)
        return out

    groups = [
        {**group, "rows": renamed(group["rows"])} if "rows" in group else group for group in table.get("groups", [])
    ]
    substitutes = [s for s in table.get("substitutes", []) if not set(s["replaces"]) & set(replaces)]
    return {
        **table,
        "rows": [*table["rows"][:start], *rows, *table["rows"][start + len(replaces) :]],
        "groups": groups,
        "substitutes": substitutes,
    }
