"""Safe YAML loading that remembers where every value came from.

Contract: `load_yaml_file` never raises for bad input. It returns a `Source` (plain Python data plus the
line and column of every key and value) or a `Problem` that says what is wrong with the file as a whole.
Nothing in a file is ever executed: only plain YAML types are accepted, and custom or Python tags are
rejected before any value is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from kiosk.content.problems import Problem, error

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_VALUES = 50_000  # counts aliases each time they are used, so alias bombs stop early

_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

PathKey = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Source:
    """A parsed file: `data` is plain dicts/lists/scalars; positions are 1-based (line, column)."""

    path: str
    data: Any
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Best position for a location: the exact node if known, else its nearest known parent."""
        marks = self.key_marks if key else self.value_marks
        loc = tuple(loc)
        while loc:
            if loc in marks:
                return marks[loc]
            if loc in self.value_marks:
                return self.value_marks[loc]
            loc = loc[:-1]
        return self.value_marks.get((), (1, 1))


class _BadNode(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


_YAML12_BOOLS = {"true", "false", "True", "False", "TRUE", "FALSE"}


def _as_written(node: yaml.Node) -> yaml.Node:
    """Plain words read as YAML 1.2 reads them, not as YAML 1.1 does: `no`, `yes`, `on`, `off` stay words
    (`no` is Norwegian's language code), `1:30` is not 90, and a date is text. A problem then shows the value as
    it was written instead of a converted one."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):   # plain, not quoted
        return node
    if (node.tag == "tag:yaml.org,2002:bool" and node.value not in _YAML12_BOOLS) \
            or (node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in node.value) \
            or node.tag == "tag:yaml.org,2002:timestamp":
        return yaml.ScalarNode("tag:yaml.org,2002:str", node.value, node.start_mark, node.end_mark, node.style)
    return node


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns composed YAML nodes into plain data while recording marks and enforcing limits."""

    def __init__(self) -> None:
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.count = 0
        self.aliases = 0
        self._seen: set[int] = set()
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: PathKey, depth: int) -> Any:
        self.count += 1
        if id(node) in self._seen:
            self.aliases += 1   # the same node met again: it was reached through an alias '*'
        self._seen.add(id(node))
        if self.count > MAX_VALUES:
            hint = "is an alias '*' repeated many times?" if self.aliases else "split it into several files"
            raise _BadNode(node, f"more than {MAX_VALUES} values by here ({hint})")
        if depth > MAX_DEPTH:
            raise _BadNode(node, f"nested more than {MAX_DEPTH} levels deep; flatten the file")
        node = _as_written(node)
        if node.tag not in _PLAIN_TAGS:
            raise _BadNode(node, f"the tag '{_short_tag(node.tag)}' is not allowed; remove it (only plain text, numbers, "
                                 "lists and key: value maps are read)")
        self.values.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self._scalars.construct_object(node)
        except (ValueError, OverflowError, TypeError):
            raise _BadNode(node, "this value cannot be read (a number with thousands of digits?); shorten it, "
                                 "or put it in quotes if it is text")

    def _mapping(self, node: yaml.MappingNode, loc: PathKey, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _BadNode(key_node, "merge keys '<<' are not supported; write the keys out")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _BadNode(key_node, "a key must be plain text")
            key = self._scalars.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in out:
                raise _BadNode(key_node, f"the key '{key}' appears twice here; keep one of them")
            self.keys[loc + (key,)] = _mark(key_node)
            out[key] = self.build(value_node, loc + (key,), depth + 1)
        return out


def _plain_words(exc: yaml.MarkedYAMLError, text: str) -> str:
    """What a YAML syntax error means, in words a receptionist can act on."""
    what = (exc.problem or "this is not valid YAML").strip()
    mark = exc.problem_mark
    here = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if "mapping values are not allowed" in what:
        return "a colon ':' inside a value: put quotes around text that contains a colon, e.g. hours: \"Mon: 9-5\""
    if "cannot start any token" in what and here == "\t":
        return "a tab is used for indenting: use spaces, not tabs"
    if "cannot start any token" in what and here in "@`":
        return f"a value cannot start with '{here}': put quotes around it"
    if "undefined alias" in what:
        return "a value starts with '*': put quotes around it (a * at the start means something else in YAML)"
    if "expected ',' or ']'" in what or "expected ',' or '}'" in what:
        return "a list [ ] or a set of keys { } is not closed: check the brackets and commas here"
    if "end of stream" in what or "while scanning a quoted scalar" in (exc.context or ""):
        return "a quote is not closed: end the text with the same quote it starts with"
    if "expected <block end>" in what or "could not find expected ':'" in what:
        return "the indentation does not line up: indent each key with the same number of spaces as the one above"
    return f"this is not valid YAML ({what}); check the indentation, colons and quotes here"


def parse_yaml(text: str, path: str) -> Source | Problem:
    """Parse YAML text safely. Returns a Source or a one-line Problem."""
    if not text.strip():
        return error(path, 0, 0, "the file is empty; write the scene's keys (see docs/scene-format.md)")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return error(path, line, col, "YAML syntax: " + _plain_words(exc, text))
    except yaml.YAMLError as exc:
        return error(path, 0, 0, f"YAML syntax: {str(exc).splitlines()[0]}")
    except RecursionError:
        return error(path, 0, 0, "nested too deeply; flatten the file")
    if node is None:
        return error(path, 0, 0, "the file has no content; write the scene's keys (see docs/scene-format.md)")
    builder = _Builder()
    try:
        data = builder.build(node, (), 0)
    except _BadNode as exc:
        line, col = _mark(exc.node)
        return error(path, line, col, exc.message)
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:
        return error(path, 0, 0, f"a value could not be read ({type(exc).__name__}); check the file's values")
    return Source(path, data, builder.values, builder.keys)


def decode_bytes(raw: bytes, path: str) -> str | Problem:
    """Check size, binary content and encoding before any YAML is parsed."""
    if len(raw) > MAX_FILE_BYTES:
        return error(path, 0, 0, f"the file is over {MAX_FILE_BYTES // 1000} KB, the limit "
                                 "(split it into several scenes)")
    if b"\x00" in raw:
        return error(path, 0, 0, "this is a binary file, not text; save it as plain UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Count lines and characters (not bytes) the way YAML and editors do, so a lone CR or an accented
        # letter before the bad byte does not shift the position.
        lines = _LINE_BREAKS.split(raw[: exc.start].decode("utf-8-sig", errors="replace"))
        line, col = len(lines), len(lines[-1]) + 1
        return error(path, line, col, "the text is not UTF-8; save the file with UTF-8 encoding")
    return text


def load_yaml_file(file: Path, shown_as: str | None = None) -> Source | Problem:
    """Read and parse one YAML file. `shown_as` is the path printed in problems."""
    name = shown_as or str(file)
    try:
        with open(file, "rb") as handle:   # at most one byte past the limit: a huge file is never read whole
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return error(name, 0, 0, f"cannot read the file ({reason}); check it exists and is readable")
    text = decode_bytes(raw, name)
    if isinstance(text, Problem):
        return text
    return parse_yaml(text, name)
