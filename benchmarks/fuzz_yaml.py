"""JSON/YAML report data written as YAML for the fuzz driver, in one of several styles, then with
what only YAML has written in — anchors and aliases, merge keys (`<<: *cells`), tags, YAML 1.1
number forms (`0x1F`, `1_000`, `1:30`, `.inf`, `yes`), comments, directives, document markers and
a second document — all within giocheck's limits (benchmarks/fuzz_data.py changes the data).
"""

from __future__ import annotations

import random
import re
from typing import Any

import yaml
from fuzz_data import TEXTS, Literal, Pairs, Plain


class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """A safe dumper that writes `Pairs` (a key twice), `Literal`/`Plain` through placeholders."""

    written: list[str]

    def ignore_aliases(self, data: Any) -> bool:
        return not isinstance(data, dict | list)

    def as_placeholder(self, data: str) -> yaml.ScalarNode:
        self.written.append(str(data))
        node: yaml.ScalarNode = self.represent_scalar("tag:yaml.org,2002:str", f"zzplain{len(self.written) - 1}zz")
        return node

    def as_pairs(self, data: Pairs) -> yaml.MappingNode:
        node: yaml.MappingNode = self.represent_mapping("tag:yaml.org,2002:map", list(data))
        return node

    def as_dict(self, data: dict[str, Any]) -> yaml.Node:
        if set(data) == {"__pairs__"}:
            return self.as_pairs(data["__pairs__"])
        node: yaml.Node = self.represent_dict(data)
        return node


_Dumper.add_representer(Literal, _Dumper.as_placeholder)
_Dumper.add_representer(Plain, _Dumper.as_placeholder)
_Dumper.add_representer(Pairs, _Dumper.as_pairs)
_Dumper.add_representer(dict, _Dumper.as_dict)
_VALUE_LINE = re.compile(r"^(\s*)(value|year|TOT|NP): (-?\d+)$", re.M)
_CELLS_LINE = re.compile(r"^( *)cells:$", re.M)
TAGGED = ("!!str {}", "!!int '{}'", "!!float {}", "!!null ''", "!!str {}", "!!int {}", "!local {}", "!!binary MTIz")
YAML_NUMBERS = ("0x1F", "0o17", "017", "1_000", "+12", "1:30", ".inf", ".NaN", "~", "yes", "0b101", "12.0", "1e3")


def to_yaml(rng: random.Random, tree: Any) -> bytes:
    """`tree` as YAML in one of several styles, then anchors, merge keys, tags, YAML 1.1 number
    forms, comments, directives or a second document written in — within the limits."""
    _Dumper.written = []
    text = yaml.dump(
        tree,
        Dumper=_Dumper,
        allow_unicode=rng.random() < 0.7,
        default_flow_style=rng.choice((False, False, None, True)),
        width=rng.choice((40, 80, 1000)),
        indent=rng.choice((2, 2, 4)),
        sort_keys=False,
        canonical=rng.random() < 0.05,
        explicit_start=rng.random() < 0.2,
        explicit_end=rng.random() < 0.1,
    )
    written = _Dumper.written
    text = re.sub(r"zzplain(\d+)zz", lambda m: written[int(m[1])], text)
    for _ in range(rng.choice((0, 0, 1, 2))):
        text = rng.choice((_merge_key, _tag, _number_form, _comment, _directive))(rng, text)
    return text.encode()


def _merge_key(rng: random.Random, text: str) -> str:
    """One row's cells anchored, another's merged from them (`<<: *cells`), some of its own kept."""
    found = list(_CELLS_LINE.finditer(text))
    if len(found) < 2:
        return text
    one, other = sorted(rng.sample(found, 2), key=lambda m: m.start())
    indent = len(other[1]) + 2
    lines = text[other.end() + 1 :].split("\n")
    kept = []
    for number, line in enumerate(lines):
        if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
            rest = lines[number:]
            break
        kept.append(line)
    else:
        rest = []
    kept = kept[: rng.randint(0, len(kept))] if rng.random() < 0.5 else []
    name = f"cells{text.count('&cells')}"  # anchors once each: a name used twice is no YAML
    merged = [f"{' ' * indent}<<: *{name}", *kept]
    head = text[: other.end()] + "\n" + "\n".join([*merged, *rest])
    return head[: one.end()] + f" &{name}" + head[one.end() :]


def _tag(rng: random.Random, text: str) -> str:
    return _VALUE_LINE.sub(
        lambda m: f"{m[1]}{m[2]}: " + rng.choice(TAGGED).format(m[3]) if rng.random() < 0.1 else m[0], text
    )


def _number_form(rng: random.Random, text: str) -> str:
    return _VALUE_LINE.sub(
        lambda m: f"{m[1]}{m[2]}: " + rng.choice(YAML_NUMBERS) if rng.random() < 0.05 else m[0], text
    )


def _comment(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    lines.insert(at, " " * rng.randint(0, 8) + "# " + rng.choice(TEXTS).replace("\n", " "))
    return "\n".join(lines)


def _directive(rng: random.Random, text: str) -> str:
    start = "" if text.startswith("---") else "---\n"
    return rng.choice(
        (
            f"%YAML 1.1\n{start}{text}",
            f"%TAG !e! tag:example.com,2026:\n{start}{text}",
            f"{start}{text}...\n",
            f"{start}{text}---\nmetadata: {{format: '2021'}}\n",
            f"{text}\n...\n# after the end\n",
        )
    )
