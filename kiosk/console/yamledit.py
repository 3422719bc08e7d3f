"""Change one value in a YAML file's text and keep everything else (comments, order, quoting) as it was.

Staff files are the truth and people edit them by hand too, so the console never re-dumps a whole file: it
finds the value's exact span with the YAML parser and replaces only that span, or inserts one line.
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence, Union

import yaml

Key = Union[str, int]
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class EditError(Exception):
    """The file's shape does not allow this edit (said in words a person can act on)."""


def dump_scalar(value: Any) -> str:
    """One value as YAML text that reads back as exactly that value (strings always quoted)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a valid YAML double-quoted string: colons, '#' and quotes stay text.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {dump_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dump_scalar(v) for v in value) + "]"
    raise EditError(f"cannot write a {type(value).__name__} to a YAML file")


def _key(key: Any) -> str:
    text = str(key)
    return text if _PLAIN_KEY.match(text) else json.dumps(text, ensure_ascii=False)


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(f"the file is not valid YAML ({str(exc).splitlines()[0]}); fix it first") from None
    if node is None:
        raise EditError("the file is empty")
    return node


def _child(node: yaml.Node, key: Key) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        return node.value[key] if 0 <= key < len(node.value) else None
    return None


def find_node(text: str, loc: Sequence[Key]) -> yaml.Node | None:
    """The node at `loc`, or None if it is not there."""
    node: yaml.Node | None = _compose(text)
    for key in loc:
        if node is None:
            return None
        node = _child(node, key)
    return node


def set_value(text: str, loc: Sequence[Key], value: Any) -> str:
    """The text with the value at `loc` set to `value` (added if missing). Raises EditError."""
    if not loc:
        raise EditError("say which value to change")
    root = _compose(text)
    node = root
    for depth, key in enumerate(loc):
        nxt = _child(node, key)
        if nxt is None:
            return _insert(text, node, list(loc[depth:]), value)
        node = nxt
    return _replace(text, node, value)


def _replace(text: str, node: yaml.Node, value: Any) -> str:
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        # A block collection ends where the next key starts; keep the line break and indentation before it.
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
    return text[:start] + dump_scalar(value) + text[end:]


def _nest(keys: list[Key], value: Any) -> Any:
    for key in reversed(keys[1:]):
        value = {key: value}
    return value


def _insert(text: str, parent: yaml.Node, keys: list[Key], value: Any) -> str:
    if not isinstance(parent, yaml.MappingNode) or not isinstance(keys[0], str):
        raise EditError(f"'{keys[0]}' cannot be added here: the value above it is not a 'key: value' list")
    nested = _nest(keys, value)
    if parent.flow_style:
        data = yaml.safe_load(text[parent.start_mark.index:parent.end_mark.index]) or {}
        data[keys[0]] = nested
        return text[:parent.start_mark.index] + dump_scalar(data) + text[parent.end_mark.index:]
    if parent.value:
        indent = parent.value[0][0].start_mark.column
        last_end = parent.value[-1][1].end_mark
        line = last_end.line if last_end.column == 0 else last_end.line + 1
    else:
        indent, line = 0, len(text.splitlines())
    block = _block(keys[0], nested, indent)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if line > len(lines):
        line = len(lines)
    # Skip back over blank lines and comments that follow the mapping: they belong to what comes next.
    while line > 0 and lines[line - 1].strip() == "" and line - 1 > parent.value[-1][1].end_mark.line - 1:
        line -= 1
    return "".join(lines[:line]) + block + "".join(lines[line:])


def _block(key: str, value: Any, indent: int) -> str:
    pad = " " * indent
    if isinstance(value, dict) and value:
        out = f"{pad}{_key(key)}:\n"
        for k, v in value.items():
            out += _block(k, v, indent + 2)
        return out
    return f"{pad}{_key(key)}: {dump_scalar(value)}\n"
