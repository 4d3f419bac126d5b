"""Mutations for the fuzz driver (benchmarks/fuzz.py): byte-level ones for any file, and
structure-aware ones per reader, all drawn from one `random.Random` so a batch is reproducible.

Byte mutations are those of the Hypothesis fuzzers (tests/fuzzing.py): bytes changed, inserted,
deleted, repeated, cut, or a known-troublesome token put in. Structure-aware ones change what a
reader parses rather than its wrapping: lines and table cells of text and Markdown, tags and spans
of HTML, the XML parts and the zip records of a .docx, the content streams, boxes and counts of a
PDF, the values and nesting of JSON and YAML data — and, for report data, the changes of
benchmarks/fuzz_data.py, which keep it parseable and mostly valid so that the check is reached.
"""

from __future__ import annotations

import io
import json
import pickle
import random
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_data import mutated_tree, to_json
from fuzz_yaml import to_yaml

from tests.fuzztokens import TOKENS

NUMBERS = ("0", "-1", "1" * 25, "9" * 5000, "1E+1000000", "1e-7", "0x10", "3.5", "１２", "1,234", "", "nan", "2**64")


def byte_mutations(rng: random.Random, seed: bytes, rounds: int | None = None) -> bytes:
    """`seed` with a few byte-level mutations."""
    data = bytearray(seed)
    for _ in range(rounds or rng.randint(1, 6)):
        at = rng.randint(0, len(data))
        kind = rng.choice(("change", "insert", "delete", "repeat", "cut", "token", "token", "flip"))
        if kind == "change" and at < len(data):
            data[at] = rng.randrange(256)
        elif kind == "flip" and at < len(data):
            data[at] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "delete":
            del data[at : at + rng.randint(1, 256)]
        elif kind == "repeat":
            piece = data[at : at + rng.randint(1, 64)]
            data[at:at] = piece * rng.randint(1, 50)
        elif kind == "cut" and rng.random() < 0.3:
            del data[at:]
        else:
            data[at:at] = rng.choice(TOKENS)
    return bytes(data)


def lines_mutation(rng: random.Random, seed: bytes) -> bytes:
    """Text and Markdown: whole lines duplicated, dropped, swapped; numbers and cells replaced."""
    lines = seed.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        if not lines:
            lines = [b""]
        at = rng.randrange(len(lines))
        kind = rng.choice(("dup", "drop", "swap", "number", "cells", "token", "join"))
        if kind == "dup":
            lines[at:at] = [lines[at]] * rng.randint(1, 30)
        elif kind == "drop":
            del lines[at : at + rng.randint(1, 10)]
        elif kind == "swap":
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "number":
            lines[at] = re.sub(rb"\d+", lambda _m: rng.choice(NUMBERS).encode(), lines[at], count=rng.randint(1, 3))
        elif kind == "cells":
            cells = lines[at].split(b"|")
            if len(cells) > 1:
                cells.insert(rng.randrange(len(cells)), rng.choice(TOKENS)[:64])
            lines[at] = b"|".join(cells if rng.random() < 0.7 else cells * rng.randint(2, 20))
        elif kind == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + rng.choice((b"", b" ", b"\t")) + lines[at + 1]]
        else:
            lines.insert(at, rng.choice(TOKENS))
    return b"\n".join(lines)


_TAG = re.compile(rb"<(/?)(\w+)([^>]*)>")


def html_mutation(rng: random.Random, seed: bytes) -> bytes:
    """HTML: spans set odd or huge, tags dropped, duplicated or nested, the charset changed."""
    tags = list(_TAG.finditer(seed))
    if not tags:
        return byte_mutations(rng, seed)
    data = seed
    for _ in range(rng.randint(1, 4)):
        tags = list(_TAG.finditer(data)) or tags
        tag = rng.choice(tags)
        start, end = tag.span()
        kind = rng.choice(("span", "drop", "dup", "nest", "charset", "attr"))
        if kind == "span" and tag.group(2).lower() in (b"td", b"th"):
            attribute = rng.choice((b"rowspan", b"colspan"))
            value = rng.choice((b"0", b"-3", b"2", b"200", b"1000000", b"x", b"99999999999999999999"))
            data = data[: end - 1] + b" " + attribute + b'="' + value + b'"' + data[end - 1 :]
        elif kind == "drop":
            data = data[:start] + data[end:]
        elif kind == "dup":
            close = data.find(b"</" + tag.group(2), end)
            close = close if close > 0 else end
            piece = data[start:close]
            data = data[:start] + piece * rng.randint(2, 40) + data[start:]
        elif kind == "nest":
            data = data[:start] + b"<table><tr><td>" * rng.randint(1, 300) + data[start:]
        elif kind == "charset":
            charset = rng.choice((b"undefined", b"base64", b"gbk", b"utf-16", b"utf-7", b"latin-1", b"big5", b"x"))
            data = b'<meta charset="' + charset + b'">' + data
        else:
            data = data[: end - 1] + b" " + rng.choice(TOKENS)[:40] + data[end - 1 :]
    return data


def _zip_rebuilt(seed: bytes, change: Callable[[str, bytes], bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as original, zipfile.ZipFile(out, "w", method) as copy:
        for name in original.namelist():
            copy.writestr(name, change(name, original.read(name)))
    return out.getvalue()


def _xml_mutation(rng: random.Random, content: bytes) -> bytes:
    kind = rng.choice(("val", "dup", "drop", "bytes", "deep"))
    if kind == "val":
        return re.sub(
            rb'w:val="[^"]*"',
            lambda m: (
                b'w:val="' + rng.choice((b"0", b"-1", b"999999", b"x", b"")) + b'"' if rng.random() < 0.1 else m[0]
            ),
            content,
        )
    if kind in ("dup", "drop"):
        elements = list(re.finditer(rb"<w:(tr|tc|p)\b.*?</w:\1>", content, re.S))
        if elements:
            element = rng.choice(elements)
            piece = element[0]
            replacement = b"" if kind == "drop" else piece * rng.randint(2, 30)
            return content[: element.start()] + replacement + content[element.end() :]
    if kind == "deep":
        at = content.find(b"<w:body>")
        if at >= 0:
            depth = rng.randint(10, 5000)
            return content[: at + 8] + b"<w:p>" * depth + content[at + 8 :]
    return byte_mutations(rng, content)


def docx_mutation(rng: random.Random, seed: bytes) -> bytes:
    """.docx: one XML part mutated (values, rows, cells, depth) and zipped again, or the zip records
    themselves damaged (compression method, version, flags, deflate data, a member dropped)."""
    with zipfile.ZipFile(io.BytesIO(seed)) as original:
        names = original.namelist()
    kind = rng.choice(("xml", "xml", "xml", "record", "deflate", "drop", "stored"))
    if kind == "xml":
        chosen = rng.choice([n for n in names if n.endswith((".xml", ".rels"))] or names)
        return _zip_rebuilt(seed, lambda name, content: _xml_mutation(rng, content) if name == chosen else content)
    if kind == "drop":
        gone = rng.choice(names)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(seed)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for name in names:
                if name != gone:
                    copy.writestr(name, original.read(name))
        return out.getvalue()
    if kind == "stored":
        return _zip_rebuilt(seed, lambda _n, content: content, zipfile.ZIP_STORED)
    data = bytearray(seed)
    headers = [m.start() for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(data))]
    at = rng.choice(headers)
    if kind == "record":
        # version needed, flags, method (local header +4/+6/+8, central +6/+8/+10)
        offset = at + rng.choice((4, 6, 8, 10, 14, 18, 22))
        if offset + 2 <= len(data):
            data[offset : offset + 2] = rng.choice((b"\x63\x00", b"\xff\xff", b"\x01\x00", b"\x0e\x00", b"\x00\x00"))
        return bytes(data)
    start = (
        at + 30 + int.from_bytes(data[at + 26 : at + 28], "little") + int.from_bytes(data[at + 28 : at + 30], "little")
    )
    for _ in range(rng.randint(1, 4)):
        spot = min(len(data) - 1, start + rng.randrange(64))
        data[spot] = rng.randrange(256)
    return bytes(data)


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_OPERATORS = (
    b" 0 0 m 1000000 1000000 l S ",
    b" BT /F1 12 Tf 100 100 Td (" + b"A" * 200 + b") Tj ET ",
    b" q " * 50,
    b" 1 0 0 1 1e30 1e30 cm ",
    b" BT /F9 -5 Tf (x) Tj ET ",
    b" 0 0 1e9 1e9 re f ",
    b" /Im1 Do ",
)


def pdf_mutation(rng: random.Random, seed: bytes) -> bytes:
    """PDF: content streams changed inside their compression, MediaBox, page counts, lengths and
    object numbers made odd; else bytes."""
    kind = rng.choice(("stream", "stream", "box", "count", "length", "ref", "bytes"))
    if kind == "stream":
        streams = list(_STREAM.finditer(seed))
        rng.shuffle(streams)
        for stream in streams[:5]:
            try:
                plain = zlib.decompress(stream.group(1))
            except zlib.error:
                continue
            if b"Tj" not in plain and b"TJ" not in plain and b" re" not in plain:
                continue
            changed = byte_mutations(rng, plain, 2) if rng.random() < 0.4 else plain
            at = rng.randint(0, len(changed))
            changed = changed[:at] + rng.choice(_OPERATORS) * rng.randint(1, 200) + changed[at:]
            packed = zlib.compress(changed)
            head = seed[: stream.start(1)]
            head = re.sub(rb"/Length \d+(?![\s\S]*/Length)", b"/Length %d" % len(packed), head, count=1)
            return head + packed + seed[stream.end(1) :]
        return byte_mutations(rng, seed)
    patterns = {
        "box": (
            rb"/MediaBox\s*\[[^\]]*\]",
            (b"/MediaBox [0 0 0 0]", b"/MediaBox [0 0]", b"/MediaBox (x)", b"", b"/MediaBox [0 0 1e38 -1e38]"),
        ),
        "count": (rb"/Count \d+", (b"/Count 100000", b"/Count -1", b"/Count 0", b"/Count x")),
        "length": (rb"/Length \d+", (b"/Length 0", b"/Length 99999999", b"/Length -5")),
        "ref": (rb"\d+ 0 R", (b"1 0 R", b"99999 0 R", b"0 0 R", b"2 0 R")),
    }
    if kind in patterns:
        pattern, choices = patterns[kind]
        found = list(re.finditer(pattern, seed))
        if found:
            spot = rng.choice(found)
            return seed[: spot.start()] + rng.choice(choices) + seed[spot.end() :]
    return byte_mutations(rng, seed)


def _tree_mutation(rng: random.Random, tree: object) -> object:
    """A JSON-like tree with one value replaced, dropped, duplicated or nested."""
    holders: list[tuple[dict[str, object] | list[object], object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                holders.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                holders.append((node, index))
                walk(value)

    walk(tree)
    if not holders:
        return rng.choice(({}, [], 0, "x", None))
    holder, key = rng.choice(holders)
    kind = rng.choice(("value", "value", "drop", "nest", "type", "key"))
    replacement: object
    if kind == "value":
        replacement = rng.choice(
            (10**30, -1, 1.5, "1E+1000000", 10**100, True, None, "", "九", "9" * 5000, float("inf"))
        )
    elif kind == "nest":
        replacement = holder[key]  # type: ignore[index]
        for _ in range(rng.randint(1, 200)):
            replacement = [replacement] if rng.random() < 0.5 else {"x": replacement}
    elif kind == "type":
        replacement = rng.choice(([], {}, "text", 0, [1, 2, 3]))
    elif kind == "key" and isinstance(holder, dict):
        holder[rng.choice(("extra", "", "metadata", "tables", "T9"))] = holder.pop(key)  # type: ignore[arg-type]
        return tree
    else:
        if isinstance(holder, dict):
            holder.pop(key)  # type: ignore[arg-type]
        else:
            holder.pop(key)  # type: ignore[arg-type]
        return tree
    holder[key] = replacement  # type: ignore[index]
    return tree


def json_mutation(rng: random.Random, seed: bytes) -> bytes:
    """JSON: report data changed as a report (benchmarks/fuzz_data.py) nine times in ten, else
    the parsed data changed as any tree and written again (or left unparsed: bytes)."""
    if rng.random() < 0.9 and (changed := data_mutation(rng, seed, as_yaml=False)) is not None:
        return changed
    try:
        tree = json.loads(seed)
    except ValueError:
        return byte_mutations(rng, seed)
    for _ in range(rng.randint(1, 3)):
        tree = _tree_mutation(rng, tree)
    return json.dumps(tree, ensure_ascii=rng.random() < 0.5).encode()


def yaml_mutation(rng: random.Random, seed: bytes) -> bytes:
    """YAML: report data changed as a report (benchmarks/fuzz_data.py) nine times in ten, else
    the tree changed and dumped, or anchors, aliases, tags and dates written in."""
    if rng.random() < 0.9 and (changed := data_mutation(rng, seed, as_yaml=True)) is not None:
        return changed
    if rng.random() < 0.5:
        lines = seed.split(b"\n")
        at = rng.randrange(len(lines))
        extra = rng.choice(
            (
                b"a: &a [1, 2, 3]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]",
                b"when: 2025-02-30",
                b"big: 0x" + b"f" * 400,
                b"x: !!python/object/apply:os.system [echo]",
                b"deep: " + b"[" * 2000,
                b"k: !!binary AAAA",
                b"? [a, b]\n: c",
                b"<<: *a",
            )
        )
        lines.insert(at, extra)
        return b"\n".join(lines)
    try:
        tree = yaml.safe_load(seed)
    except Exception:
        return byte_mutations(rng, seed)
    for _ in range(rng.randint(1, 3)):
        tree = _tree_mutation(rng, tree)
    try:
        return yaml.safe_dump(tree, allow_unicode=True).encode()
    except Exception:  # a float('inf') key or such: the seed's bytes instead
        return byte_mutations(rng, seed)


def data_mutation(rng: random.Random, seed: bytes, as_yaml: bool) -> bytes | None:
    """A mutated copy of report data `seed` (benchmarks/fuzz_data.py), as JSON or YAML; None when
    `seed` is no report data."""
    parsed = _parsed(seed, as_yaml)
    if parsed is None:
        return None
    tree = mutated_tree(rng, pickle.loads(parsed))
    try:
        return to_yaml(rng, tree) if as_yaml else to_json(rng, tree)
    except (yaml.YAMLError, RecursionError):  # a value the dumper cannot write: the caller's bytes instead
        return None


@cache
def _parsed(seed: bytes, as_yaml: bool) -> bytes | None:
    """`seed` parsed once (pickled, for a fresh copy per input), or None when it is no report data."""
    try:
        tree = (
            yaml.load(seed, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
            if as_yaml
            else json.loads(seed)
        )
    except (ValueError, yaml.YAMLError):
        return None
    if not isinstance(tree, dict) or not ("metadata" in tree or {"path", "format", "tables"} <= tree.keys()):
        return None
    return pickle.dumps(tree)


def doc_mutation(rng: random.Random, seed: bytes) -> bytes:
    """.doc: OLE headers and sectors (the sniff and the converter), or HTML/text saved as .doc."""
    if seed.startswith(b"\xd0\xcf\x11\xe0"):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 6)):
            spot = rng.randrange(min(len(data), 4096) if rng.random() < 0.6 else len(data))
            data[spot] = rng.randrange(256)
        return bytes(data) if rng.random() < 0.7 else byte_mutations(rng, bytes(data))
    return html_mutation(rng, seed) if b"<" in seed[:200] else lines_mutation(rng, seed)


STRUCTURED: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "text": lines_mutation,
    "markdown": lines_mutation,
    "html": html_mutation,
    "docx": docx_mutation,
    "pdf": pdf_mutation,
    "json": json_mutation,
    "yaml": yaml_mutation,
    "doc": doc_mutation,
}


def mutate(rng: random.Random, reader: str, seed: bytes) -> bytes:
    """One mutated input for `reader`: structure-aware about two times in three, else bytes."""
    if rng.random() < 0.65:
        try:
            return STRUCTURED[reader](rng, seed)
        except (
            zipfile.BadZipFile,
            ValueError,
            RecursionError,
            OverflowError,
            IndexError,
            KeyError,
            TypeError,
            AttributeError,
        ):
            pass  # a mutation that does not fit this seed (or what an earlier one made of it): bytes instead
    return byte_mutations(rng, seed)
