"""Validate parsed YAML against the model and turn every error into one plain line with file:line:column."""

from __future__ import annotations

import difflib
import typing
from typing import Any, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.content.problems import Problem, error
from kiosk.content.source import PathKey, Source

M = TypeVar("M", bound=BaseModel)

_CONTAINER_NAMES = {"steps": "step", "layers": "layer", "hotspots": "hotspot", "labels": "label",
                    "questions": "question", "tile": "tile", "text": "text",
                    "your_turn": "your_turn"}
_HINTS = {
    "repeat": "a whole number of extra passes, or loop",
    "at": "two numbers [x, y], fractions of the stage, e.g. [0.5, 0.5]",
    "point": "two numbers [x, y] between 0 and 1, e.g. [0.5, 0.5]",
    "color": "a colour written as \"#RRGGBB\", e.g. \"#8ED1FC\"",
    "quiet_hours": "a span of 24-hour times written HH:MM-HH:MM, e.g. \"12:00-13:00\"",
}


def closest(word: str, options: typing.Iterable[str]) -> Optional[str]:
    """The most similar option, if any is close enough to be a likely typo."""
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional/tuple/dict wrappers down to the model (or plain type) inside."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
        return annotation
    return annotation


def _model_at(root: type[BaseModel], loc: PathKey) -> Any:
    """The model class (or annotation) that holds the value at `loc`."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(part, int) and origin in (tuple, list):
            current = typing.get_args(current)[0]
        elif isinstance(part, str) and origin is dict:
            current = typing.get_args(current)[1]
        elif isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation if not field.metadata else typing.Annotated[
                (field.annotation, *field.metadata)]
        else:
            return None
    return _unwrap(current)


def _is_branch(part: Any) -> bool:
    """Pydantic adds union-branch names such as 'constrained-int' or "literal['loop']" to locations."""
    return isinstance(part, str) and any(c in part for c in "[]-,") and not part.islower() or (
        isinstance(part, str) and (part.startswith(("function-", "constrained-", "literal[", "tuple[", "dict["))
                                   or part in {"int", "str", "float", "bool"}))


def _clean(loc: tuple[Any, ...], root: type[BaseModel]) -> tuple[PathKey, bool]:
    """The location without union-branch names, and whether any were removed."""
    out: list[Any] = []
    branched = False
    for part in loc:
        if _is_branch(part) and _model_at(root, tuple(out) + (part,)) is None:
            branched = True
            continue
        out.append(part)
    return tuple(out), branched


def _context(loc: PathKey, root_name: str) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return _CONTAINER_NAMES.get(part, part)
    return root_name


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a set of key: value lines"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"'{text[:40]}'"


def _one_line(text: str) -> str:
    """Line breaks and other control characters from the file, escaped: a problem is always one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _message(err: dict[str, Any], loc: PathKey, root: type[BaseModel], root_name: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = next((p for p in reversed(loc) if isinstance(p, str)), root_name)
    where = _context(loc[:-1], root_name)
    hint = _HINTS.get(name)
    if kind == "extra_forbidden":
        holder = _model_at(root, loc[:-1])
        keys = list(holder.model_fields) if isinstance(holder, type) and issubclass(holder, BaseModel) else []
        guess = closest(str(name), keys)
        tail = f"did you mean '{guess}'?" if guess else "valid keys: " + ", ".join(keys)
        return f"unknown key '{name}' in {where} ({tail})"
    if kind == "missing" and isinstance(loc[-1], int):
        return f"{name} should be {hint or 'longer'}"
    if kind == "missing":
        return f"{where} is missing '{name}'; add a line  {name}: ..."
    if kind in ("literal_error", "enum"):
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        guess = closest(str(value), options)
        what = "easing" if name == "ease" else name
        tail = f" (did you mean '{guess}'?)" if guess else ""
        return f"unknown {what} {_describe(value)}{tail}; valid: {', '.join(options)}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "string_pattern_mismatch":
        if hint:
            return f"{name} {_describe(value)} should be {hint}"
        if name in ("id", "related", "highlight", "replay", "scene", "order", "disabled") or isinstance(loc[-1], int):
            return (f"{_describe(value)} is not a valid id; use lowercase letters, digits and dashes, "
                    "e.g. remove-top-pulp")
        return f"{name} {_describe(value)} has the wrong form"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                 "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        return f"{name} {value} is out of range; it must be {bound[0]} {ctx.get(bound[1]):g}"
    if kind == "finite_number":
        return f"{name} must be an ordinary number (not .nan or .inf)"
    if kind.startswith(("float_", "int_", "decimal_")) or kind == "int_from_float":
        number = "a whole number" if kind.startswith("int") else "a number"
        return f"{name} should be {hint or number}, not {_describe(value)}"
    if kind.startswith("bool_"):
        return f"{name} should be true or false, not {_describe(value)}"
    if kind.startswith("string_"):
        if kind == "string_too_long":
            return f"{name} is too long; keep it under {ctx.get('max_length')} characters"
        return f"{name} should be text, not {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{name} should be a set of  key: value  lines, not {_describe(value)}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return f"{name} should be {hint or 'a list'}, not {_describe(value)}"
    if kind in ("too_short", "too_long"):
        if hint:
            return f"{name} should be {hint}"
        if kind == "too_short":
            return f"{name} needs at least {ctx.get('min_length')} entry; add one"
        return f"{name} has too many entries (at most {ctx.get('max_length')})"
    return f"{name}: {err['msg']}"


def _keyed(kind: str) -> bool:
    return kind in ("extra_forbidden",)


def validate(source: Source, model: type[M], context: dict[str, Any], root_name: str) -> tuple[Optional[M], list[Problem]]:
    """Validate a parsed file into `model`; returns (instance or None, problems)."""
    if not isinstance(source.data, dict):
        line, col = source.where(())
        return None, [error(source.path, line, col,
                            f"the file should be a set of  key: value  lines (a {root_name}), "
                            f"not {_one_line(_describe(source.data))}")]
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as exc:
        return None, _problems(exc, source, model, root_name)


def _problems(exc: ValidationError, source: Source, model: type[BaseModel], root_name: str) -> list[Problem]:
    errors = exc.errors(include_url=False)
    cleaned = [(*_clean(tuple(e["loc"]), model), e) for e in errors]
    locs = [loc for loc, _, _ in cleaned]
    problems: list[Problem] = []
    seen: set[tuple[PathKey, str]] = set()
    branched_seen: set[PathKey] = set()
    for loc, branched, err in cleaned:
        # A value that fits none of a union's forms is reported once, by its first form.
        if branched:
            if loc in branched_seen:
                continue
            branched_seen.add(loc)
        # A list whose items failed also reports 'too short': only the items' own errors help.
        if err["type"] == "too_short" and any(other[: len(loc)] == loc and len(other) > len(loc) for other in locs):
            continue
        message = _one_line(_message(err, loc, model, root_name))
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        line, col = _position(source, loc, err["type"])
        problems.append(error(source.path, line, col, message))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _position(source: Source, loc: PathKey, kind: str) -> tuple[int, int]:
    if kind == "missing":
        return source.where(loc[:-1])
    # 'animate' and text shorthands add an index or key that is not in the file: try without them.
    candidates = [loc] + [loc[:i] + loc[i + 1:] for i, part in enumerate(loc) if isinstance(part, int)]
    marks = source.key_marks if _keyed(kind) else source.value_marks
    for candidate in candidates:
        if candidate in marks:
            return marks[candidate]
    return source.where(loc, key=_keyed(kind))
