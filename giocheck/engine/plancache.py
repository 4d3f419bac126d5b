"""Validated rules and formats kept as JSON between runs, so a cold start neither validates nor builds models.

One file per rule file, named by the SHA-256 of the rule file's bytes, every format data
file's bytes and giocheck's version: a changed rule file, format file or release misses; one
more file for the formats themselves (`rules/formats/*.toml` with their `extends` applied). The
folder is `GIOCHECK_CACHE_DIR`, else the user cache directory (`XDG_CACHE_HOME`, `~/.cache`,
`~/Library/Caches`, `%LOCALAPPDATA%`) + `giocheck/plans`. JSON only, never pickle; a folder
that cannot be written or an entry that cannot be read is no error: the rules are validated
again, as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel

from giocheck.model import trusted
from giocheck.resources import rules_dir

M = TypeVar("M", bound=BaseModel)
_VERSION = "0.1.0"  # giocheck.__version__; kept in step by tests/test_plancache.py
_FORMAT = 1  # the layout of an entry: bump when it changes


def cache_dir() -> Path:
    """Where plans are kept (the folder need not exist)."""
    override = os.environ.get("GIOCHECK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "giocheck" / "plans"


# The modules that validate rules and formats: a development checkout changes them between releases.
_VALIDATORS = ("schema.py", "ruledata.py", "crosscheck.py", "plancache.py")
_FORMAT_VALIDATORS = ("formats.py", "formatdelta.py", "agencies.py")
# What the validated formats are kept under (with every format file's bytes, as each entry).
_FORMATS_ENTRY = b"giocheck formats"


@cache
def _formats_digest() -> bytes:
    digest = hashlib.sha256(f"{_VERSION}|{_FORMAT}".encode())
    here = Path(__file__).parent
    for path in (*(here / name for name in _VALIDATORS), *(here.parent / name for name in _FORMAT_VALIDATORS)):
        digest.update(path.read_bytes())
    for path in sorted((rules_dir() / "formats").glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _entry(raw: bytes) -> Path:
    return cache_dir() / (hashlib.sha256(_formats_digest() + raw).hexdigest() + ".json")


def load_cached(raw: bytes) -> list[dict[str, Any]] | None:
    """The validated rules of a rule file with these bytes, or None (not cached, or unreadable)."""
    return _load(raw, "kind")


def store_cached(raw: bytes, rules: list[dict[str, Any]]) -> None:
    """Keep the validated rules of a rule file with these bytes; silently nothing when it fails."""
    _store(raw, rules)


def load_formats() -> list[dict[str, Any]] | None:
    """The validated format files (`giocheck.formats`), each as `model_dump(exclude_unset=True)`,
    or None (not cached, or unreadable)."""
    return _load(_FORMATS_ENTRY, "key")


def store_formats(specs: list[dict[str, Any]]) -> None:
    """Keep the validated format files; silently nothing when it fails."""
    _store(_FORMATS_ENTRY, specs)


def kept(model: type[M], path: Path, validate: Callable[[], M]) -> M:
    """`validate()` (a `model` read and validated from the data file `path`) the first time;
    later, as long as the file's bytes are the same, `model` built from the JSON kept of it
    without reading the file again or building the model's validator."""
    try:
        raw = b"data file\0" + path.name.encode() + b"\0" + path.read_bytes()
    except OSError:
        return validate()  # which says what is wrong with the file
    cached = _load(raw, None)
    if cached is not None and len(cached) == 1:
        return construct(model, cached[0])
    found = validate()
    _store(raw, [found.model_dump(mode="json", exclude_unset=True)])
    return found


def _load(raw: bytes, required: str | None) -> list[dict[str, Any]] | None:
    """The entry kept for `raw`: a list of objects (that each have the key `required`), else None."""
    try:
        data = json.loads(_entry(raw).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and (required is None or required in item) for item in data
    ):
        return None
    return data


def _store(raw: bytes, items: list[dict[str, Any]]) -> None:
    target = _entry(raw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False) as file:
            json.dump(items, file, ensure_ascii=False)
        os.replace(file.name, target)  # atomic: a parallel run reads the old entry or the new one
    except OSError:
        return


def construct(model: type[M], data: dict[str, Any]) -> M:
    """`model` from data that was validated before, without validating it again (as
    `model_construct` does, at a fraction of its cost: `giocheck.model.trusted`).

    Lists of models (claims, aspects, deadlines) are constructed the same way; fields left out
    get their defaults.
    """
    values: dict[str, Any] = {}
    for name, inner in _list_fields(model):
        if name in data:
            value = data[name]
            values[name] = [construct(inner, item) for item in value] if inner is not None else value
    return trusted(model, **values)


@cache
def _list_fields(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None], ...]:
    """Each field of `model` in declaration order, with the model of its items when it is a list of models."""
    return tuple((name, _item_model(field.annotation)) for name, field in model.model_fields.items())


def _item_model(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None
