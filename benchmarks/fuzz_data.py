"""Structure-aware mutations of JSON and YAML report data for the fuzz driver (benchmarks/fuzz.py),
made to keep the data parseable and mostly valid against the schema, so that what gets fuzzed is
what comes after the parser: validation, fitting the tables to the format, money as `Decimal`,
the raw-text check, and the check itself.

Byte mutations and random tree changes leave one JSON/YAML input in a hundred readable; these
change what a report's data holds the way a careless or hostile producer would: numbers within
and beyond range (negative, huge, at the digit limit, decimals, strings of digits, null), keys and
rows dropped, duplicated (a key written twice in one object) and reordered, rows and tables
swapped, unicode in labels and names, years and dates at the edges, nesting deep but within
`data_depth`, problems and notes added. The tree is written back as JSON here (`to_json`: any
layout, numbers in forms `json.dumps` never writes, a key twice) or as YAML by
benchmarks/fuzz_yaml.py, which adds what only YAML has.
"""

from __future__ import annotations

import json
import random
from typing import Any

FORMATS = ("2019", "2021", "legacy", "2007", "", "2021 ")
NUMBER_WORDS = ("12", "０", "１２", "1,234", " 7 ", "一百", "3.0", "-0", "1e3", "", "NaN", "0x10", "٣")
TEXTS = (
    "",
    "\u200b\u200d\ufeff",
    "نص عربي",
    "𠀀𪚥👨‍👩‍👧",
    "e\u0301\u0301\u0301",
    "a\nb\r\nc",
    "\u0000\u001f",
    "\u202e反向",
    "渠县信访局" * 500,
    "本年共收到申请 123456789012345678901234567890 件。",
    "（一）主动公开 12 件，（二）依申请公开 -3 件",
)
DATES = ("0001-01-01", "9999-12-31", "2024-02-29", "2025-02-29", "2025-13-01", "2025-01-31T10:00:00", "20250131", "")
YEARS = (0, -1, 1, 2007, 2008, 2019, 2020, 2021, 2025, 2026, 9999, 10_000, 2**63, "2025", "二〇二五", None)
NOTE_KINDS = ("label", "layout", "rows_missing", "columns_missing", "table_missing", "recovered", "bad_bytes", "x")
SOURCES = ("label", "similar", "order", "blank", "absent", "replaced", "elsewhere")


class Literal(str):
    """A number written as is, in JSON and YAML alike: `1.50`, `-0`, `1E+24` — forms `json.dumps` never writes."""


class Plain(str):
    """A YAML plain scalar written as is (`2024-02-29`, `0x1F`, `1_000`, `.inf`, `yes`); a string in JSON."""


class Pairs(list[tuple[str, Any]]):
    """An object whose keys come in this order, one possibly twice: a reader keeps the last."""


def _nodes(tree: Any) -> list[tuple[Any, Any, str]]:
    """(holder, key, path) of every value in `tree`, the path dotted."""
    found: list[tuple[Any, Any, str]] = []
    stack: list[tuple[Any, str]] = [(tree, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Pairs):  # written as it is: its entries are no values to change
            continue
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            found.append((node, key, f"{path}.{key}"))
            stack.append((value, f"{path}.{key}"))
    return found


def _number(rng: random.Random, old: Any) -> Any:
    """A cell value: near the old one, at the edges of the range, or no number at all."""
    base = old if isinstance(old, int) and not isinstance(old, bool) else rng.randint(0, 30)
    return rng.choice(
        (
            base + rng.randint(1, 9),
            max(0, base - rng.randint(1, 9)),
            rng.randint(0, 500),
            -rng.randint(1, 100),
            10 ** rng.randint(6, 23),
            10**24 - 1,
            10**24,
            Literal(f"{rng.randint(0, 999)}.{rng.randint(0, 99)}"),
            Literal(rng.choice(("-0", "1.50", "1E+24", "1e-3", "0.000", "1E+30", "12.000000000000000000001"))),
            str(base),
            rng.choice(NUMBER_WORDS),
            None,
            True,
        )
    )


def _cells(nodes: list[tuple[Any, Any, str]]) -> list[dict[str, Any]]:
    return [h[k] for h, k, _p in nodes if isinstance(h[k], dict) and "value" in h[k] and ".cells." in _p]


def _cell(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """A cell's value changed; its raw text dropped, made to match, or left stale."""
    values = [(h, k) for h, k, p in nodes if isinstance(h, list) and p.rsplit(".", 2)[-2] == "values"]
    cells = _cells(nodes)
    if cells and (not values or rng.random() < 0.5):
        for cell in rng.sample(cells, min(len(cells), rng.choice((1, 1, 2, 5)))):
            cell["value"] = _number(rng, cell.get("value"))
            kind = rng.random()
            if kind < 0.7:
                cell.pop("raw", None)
            elif kind < 0.9:
                cell["raw"] = str(cell["value"])
    elif values:
        holder, key = rng.choice(values)
        holder[key] = _number(rng, holder[key])


def _rows(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """Rows of one table dropped, duplicated, swapped, reordered, relabelled or re-sourced."""
    tables = [h[k] for h, k, p in nodes if p.count(".") == 2 and p.startswith(".tables.") and isinstance(h[k], dict)]
    if not tables:
        return
    rows = rng.choice(tables).get("rows")
    if isinstance(rows, dict) and "__pairs__" in rows:
        return
    keys = list(rows) if isinstance(rows, dict) else list(range(len(rows))) if isinstance(rows, list) else []
    if not keys:
        return
    one, other = rng.choice(keys), rng.choice(keys)
    kind = rng.choice(("drop", "swap", "swap", "order", "label", "source", "copy", "dup"))
    if kind == "drop":
        del rows[one]
    elif kind == "swap" and isinstance(rows[one], dict) and isinstance(rows[other], dict):
        for field in ("cells", "values", "label"):
            if field in rows[one] and field in rows[other]:
                rows[one][field], rows[other][field] = rows[other][field], rows[one][field]
    elif kind == "order" and isinstance(rows, dict):
        items = list(rows.items())
        rng.shuffle(items)
        rows.clear()
        rows.update(items)
    elif kind == "order":
        rng.shuffle(rows)
    elif kind in ("label", "source") and isinstance(rows[one], dict):
        rows[one]["label" if kind == "label" else "source"] = rng.choice(TEXTS if kind == "label" else SOURCES)
    elif kind == "copy" and isinstance(rows[one], dict) and isinstance(rows[other], dict):
        rows[one] = {**rows[other], "key": rows[one].get("key")}
    elif isinstance(rows, list):
        rows.insert(one, rows[other])
    elif isinstance(rows[one], dict):  # the same row key written twice, the second with other numbers
        copy = json.loads(json.dumps(rows[one]))
        _cell(rng, copy, _nodes({"cells": copy.get("cells", {})}))
        at = rng.randrange(len(rows) + 1)
        items = list(rows.items())
        items.insert(at, (one, copy))
        rows.clear()
        rows.update({"__pairs__": Pairs(items)})


def _tables(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """Tables swapped (with or without their own keys), dropped, reordered, or given another format."""
    tables = tree.get("tables")
    if not isinstance(tables, dict) or not tables:
        return
    one, other = rng.choice(list(tables)), rng.choice(list(tables))
    kind = rng.choice(("swap", "swap-keys", "drop", "order", "format", "missing", "unchecked"))
    if kind.startswith("swap"):
        tables[one], tables[other] = tables[other], tables[one]
        if kind == "swap" and isinstance(tables[one], dict) and isinstance(tables[other], dict):
            tables[one]["key"], tables[other]["key"] = one, other
    elif kind == "drop":
        del tables[one]
    elif kind == "order":
        items = list(tables.items())
        rng.shuffle(items)
        tables.clear()
        tables.update(items)
    elif kind == "format" and isinstance(tables[one], dict):
        tables[one]["format"] = rng.choice(FORMATS)
    elif kind == "missing" and isinstance(tables[one], dict):
        tables[one]["missing_columns"] = rng.sample(["NP", "BE", "RI", "SW", "LS", "OT", "TOT", "X"], rng.randint(1, 3))
    else:
        problem = {"table": one, "unchecked": rng.random() < 0.5, "message_zh": "读不准", "message_en": "unsure"}
        tree.setdefault("problems", []).append(problem)


def _metadata(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """Who, when and in which format: years and dates at the edges, unicode names, odd kinds."""
    meta = tree.get("metadata") if "metadata" in tree else tree
    if not isinstance(meta, dict):
        return
    field = rng.choice(("year", "year", "published", "format", "agency", "signature", "kind", "read_by", "drop"))
    if field == "year":
        meta["year"] = rng.choice(YEARS)
    elif field == "published":
        meta["published"] = Plain(rng.choice(DATES)) if rng.random() < 0.5 else rng.choice(DATES)
        meta["published_source"] = rng.choice(("page", "given", "signature", None, "x"))
    elif field == "format":
        meta["format"] = rng.choice(FORMATS)
    elif field == "agency":
        meta["agency"] = rng.choice(TEXTS)
    elif field == "signature":
        dated = Plain(rng.choice(DATES)) if rng.random() < 0.5 else rng.choice(DATES)
        signed = {"agency": rng.choice(TEXTS), "dated": dated}
        meta["signature"] = signed if "metadata" in tree else {"agency": signed["agency"], "date": dated}
    elif field == "kind" and "metadata" in tree:
        meta["agency_kind"] = rng.choice(("government", "office", "dispatched", "department", "x"))
        meta["agency_level"] = rng.choice(("province", "city", "county", "township", "state_council_department", ""))
    elif field == "read_by":
        meta["read_by"] = rng.choice(("ocr", None, "eyes"))
    elif meta:
        del meta[rng.choice(list(meta))]


def _text(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """Sections dropped, duplicated, reordered; their text and headings given unicode and numbers."""
    sections = tree.get("sections")
    if not isinstance(sections, list) or not sections:
        tree["notes"] = [*tree.get("notes", []), _note(rng)]
        return
    at = rng.randrange(len(sections))
    kind = rng.choice(("drop", "dup", "order", "text", "text", "heading", "note"))
    if kind == "drop":
        del sections[at]
    elif kind == "dup":
        sections.insert(rng.randrange(len(sections) + 1), json.loads(json.dumps(sections[at])))
    elif kind == "order":
        rng.shuffle(sections)
    elif kind in ("text", "heading") and isinstance(sections[at], dict):
        old = str(sections[at].get(kind, ""))
        spot = rng.randint(0, len(old))
        sections[at][kind] = old[:spot] + rng.choice(TEXTS) + old[spot:]
    else:
        tree["notes"] = [*tree.get("notes", []), _note(rng)]


def _note(rng: random.Random) -> dict[str, Any]:
    return {
        "kind": rng.choice(NOTE_KINDS),
        "table": rng.choice(("T2", "T3", "T4", None)),
        "row": rng.choice(("NEW", "TOT", None)),
        "printed": rng.choice(TEXTS),
        "names": [rng.choice(TEXTS)],
    }


def _shape(rng: random.Random, tree: Any, nodes: list[tuple[Any, Any, str]]) -> None:
    """Keys dropped or renamed anywhere, values made of another type, or nested deep within the limit."""
    holder, key, path = rng.choice(nodes)
    kind = rng.choice(("drop", "rename", "type", "deep", "share"))
    if kind == "drop":
        del holder[key]
    elif kind == "rename" and isinstance(holder, dict):
        holder[rng.choice((str(key).upper(), str(key).lower(), f" {key}", "ｍｅｔａｄａｔａ", "T9"))] = holder.pop(key)
    elif kind == "type":
        holder[key] = rng.choice(([], {}, "", 0, [holder[key]], {"value": holder[key]}))
    elif kind == "deep":
        value = holder[key]
        for _ in range(rng.randint(1, max(1, 60 - path.count(".")))):
            value = [value] if rng.random() < 0.5 else {"x": value}
        holder[key] = value
    else:  # one object used in two places: YAML writes it once, with an anchor and an alias
        cells = _cells(nodes)
        if len(cells) > 1:
            one, other = rng.sample(cells, 2)
            for holder, key, _path in nodes:
                if holder[key] is other:
                    holder[key] = one


MUTATIONS = (_cell, _cell, _cell, _rows, _rows, _tables, _metadata, _metadata, _text, _shape)


def mutated_tree(rng: random.Random, tree: Any) -> Any:
    """`tree` (parsed report data, model or `show --json` shape) with one to three changes."""
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        nodes = _nodes(tree)
        if not nodes:
            break
        rng.choice(MUTATIONS)(rng, tree, nodes)
    return tree


def to_json(rng: random.Random, tree: Any) -> bytes:
    """`tree` as JSON text, laid out one of several ways; `Literal` numbers and `Pairs` as they are."""
    ascii_only = rng.random() < 0.3
    indent = rng.choice((None, None, 1, 2, 4))

    def write(node: Any, depth: int) -> str:
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, dict) and set(node) == {"__pairs__"}:
            node = node["__pairs__"]
        if isinstance(node, dict | Pairs):
            items = node.items() if isinstance(node, dict) else node
            parts = [f"{json.dumps(str(k), ensure_ascii=ascii_only)}: {write(v, depth + 1)}" for k, v in items]
        elif isinstance(node, list):
            parts = [write(v, depth + 1) for v in node]
        else:
            return json.dumps(node, ensure_ascii=ascii_only)
        open_, close = ("{", "}") if isinstance(node, dict | Pairs) else ("[", "]")
        if indent is None or not parts:
            return open_ + ", ".join(parts) + close
        pad, inner = "\n" + " " * (indent * depth), "\n" + " " * (indent * (depth + 1))
        return open_ + inner + ("," + inner).join(parts) + pad + close

    text = write(tree, 0)
    if rng.random() < 0.1:
        text = rng.choice(("\ufeff", " \n", "\t")) + text + rng.choice(("", "\n", "  \r\n"))
    return text.encode()
