"""JSON and YAML parsed within the limits: nesting depth, values (YAML aliases expanded), aliases
and digits in a number are counted while parsing, before anything is built from them.

A 30 KB YAML file can expand through aliases to billions of values (the "billion laughs"); a
thousand nested brackets exhaust Python's recursion; an integer of thousands of digits takes
quadratic time to make. Each raises `LimitExceeded` naming its limit.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from giocheck.limits import LimitExceeded, current_limits
from giocheck.words import pair


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, counting depth and aliases as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        limits = current_limits()
        if self.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > limits.yaml_aliases:
                raise LimitExceeded("yaml_aliases", *pair("read.yaml_aliases", limit=limits.yaml_aliases))
        self.depth += 1
        try:
            if self.depth > limits.data_depth:
                raise _too_deep()
            return Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1

    def fetch_flow_collection_start(self, token: type) -> None:
        # The scanner keeps a possible key per open `[`/`{` and looks through all of them at
        # every token: deep flow nesting costs its square before any node is composed.
        if self.flow_level >= current_limits().data_depth:
            raise _too_deep()
        super().fetch_flow_collection_start(token)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        _check_digits(str(node.value))
        return super().construct_yaml_int(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def load_yaml(text: str) -> Any:
    """The value of a YAML document, within the limits (`yaml.YAMLError` for bad YAML)."""
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _count_values(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_json(text: str) -> Any:
    """The value of a JSON document, within the limits (`ValueError` for bad JSON)."""
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except RecursionError:
        raise _too_deep() from None
    _check_tree(value)
    return value


def _bounded_int(text: str) -> int:
    _check_digits(text)
    return int(text)


def _check_digits(text: str) -> None:
    digits = sum(1 for char in text if char.isdigit())
    limit = current_limits().number_digits
    if digits > limit:
        raise LimitExceeded("number_digits", *pair("read.number_digits", digits=digits))


def _too_deep() -> LimitExceeded:
    limit = current_limits().data_depth
    return LimitExceeded("data_depth", *pair("read.nested", limit=limit))


def _count_values(root: Node) -> None:
    """Raise `LimitExceeded` when the YAML graph, aliases expanded, holds more than `data_nodes`
    values. Shared nodes are counted once per use, each computed once: linear in the graph."""
    limit = current_limits().data_nodes
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:  # post-order without recursion: children's sizes before their parent's
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[id(node)] > limit:
                raise LimitExceeded("data_nodes", *pair("read.values_expanded", limit=limit))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_tree(root: Any) -> None:
    """Raise `LimitExceeded` for parsed JSON deeper than `data_depth` or with more than `data_nodes` values."""
    limits = current_limits()
    count = 0
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > limits.data_nodes:
            raise LimitExceeded("data_nodes", *pair("read.values", limit=limits.data_nodes))
        if depth > limits.data_depth:
            raise _too_deep()
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
