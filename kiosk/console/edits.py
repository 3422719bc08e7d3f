"""What each console form changes, as text edits of the kiosk's files: clinic settings, captions, the
playlist, a copied scene. Each function returns the new bytes of one file; the store checks and writes them."""

from __future__ import annotations

import re
import time
from typing import Any, Mapping, Optional, Sequence

import yaml

from kiosk.content.library import Library
from kiosk.content.playlist_file import HEADER
from .yamledit import EditError, dump_scalar, find_node, set_value

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
AUDIENCES = ("kids", "parents")

# The clinic page's fields: form name -> (where in kiosk.yaml, kind). Kinds say how the text becomes a value.
CLINIC_FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "name": (("clinic", "name"), "text"),
    "phone": (("clinic", "phone"), "text"),
    "address": (("clinic", "address"), "text"),
    "hours": (("clinic", "hours"), "text"),
    "url": (("clinic", "url"), "text"),
    "default_language": (("default_language",), "text"),
    "default_audience": (("default_audience",), "text"),
    "idle_seconds": (("idle_seconds",), "number"),
    "sound_enabled": (("sound", "enabled"), "bool"),
    "volume": (("sound", "volume"), "number"),
    # Narration (kiosk/voice/policy.py reads these): when a step reads itself aloud, never above which volume,
    # when it keeps quiet by itself, and whether the speaker button still reads aloud.
    "narration": (("sound", "narration"), "text"),
    "max_volume": (("sound", "max_volume"), "number"),
    "quiet_hours": (("sound", "quiet_hours"), "list"),
    "tap_to_hear": (("sound", "tap_to_hear"), "bool"),
}
BOOL_FIELDS = tuple(name for name, (_, kind) in CLINIC_FIELDS.items() if kind == "bool")


def _number(text: str) -> Any:
    """A number if the text is one; otherwise the text itself, so the loader says what is wrong with it."""
    try:
        value = float(text.strip())
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def _items(text: str) -> list[str]:
    """A list typed in one box, its items parted by commas or spaces: "12:00-13:00, 17:30-08:00"."""
    return [item for item in re.split(r"[,;\s]+", text.strip()) if item]


def clinic_edit(config_text: str, form: Mapping[str, str]) -> tuple[str, dict[str, int]]:
    """kiosk.yaml with the clinic page's values set. Also returns the line each field ended up on, so a
    problem the loader finds can be shown beside its field."""
    text = config_text
    for name, (loc, kind) in CLINIC_FIELDS.items():
        if kind == "bool":
            value: Any = form.get(name) in ("on", "true", "1")
        elif name not in form:
            continue
        elif kind == "number":
            value = _number(form[name])
        elif kind == "list":
            value = _items(form[name])
        else:
            value = form[name].strip()
        node = find_node(text, loc)
        if node is not None and getattr(node, "value", None) is not None and _same(text, loc, value):
            continue  # unchanged: leave the line exactly as the person wrote it
        text = set_value(text, loc, value)
    return text, field_lines(text)


def _same(text: str, loc: Sequence[str], value: Any) -> bool:
    data: Any = yaml.safe_load(text)
    for key in loc:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return data == value


def field_lines(config_text: str) -> dict[str, int]:
    out = {}
    for name, (loc, _) in CLINIC_FIELDS.items():
        node = find_node(config_text, loc)
        if node is not None:
            out[name] = node.start_mark.line + 1
    return out


def caption_loc(step_index: int, audience: str, lang: str) -> tuple[Any, ...]:
    return ("steps", step_index, "text", audience, lang)


def caption_edit(scene_text: str, step_index: int, audience: str, lang: str, value: str,
                 default_lang: str) -> str:
    """The scene file with one caption set."""
    if audience not in AUDIENCES:
        raise EditError(f"'{audience}' is not kids or parents")
    if audience == "parents" and not value.strip() and \
            find_node(scene_text, ("steps", step_index, "text", audience)) is None:
        return scene_text  # no parents' text and none given: nothing to write
    return text_edit(scene_text, ("steps", step_index, "text", audience), lang, value, default_lang)


def title_edit(scene_text: str, lang: str, value: str, default_lang: str) -> str:
    """The scene file with its title in one language set."""
    return text_edit(scene_text, ("title",), lang, value, default_lang)


def text_edit(scene_text: str, loc: tuple[Any, ...], lang: str, value: str, default_lang: str) -> str:
    """One language of a text set. A shorthand text (`kids: "words"`, meaning the default language) becomes a
    language list first, so the words already there are kept."""
    value = value.strip()
    node = find_node(scene_text, loc)
    if isinstance(node, yaml.ScalarNode):
        both = {default_lang: node.value}
        both[lang] = value
        return set_value(scene_text, loc, both)
    return set_value(scene_text, loc + (lang,), value)


def playlist_text(order: Sequence[str], disabled: Sequence[str]) -> str:
    """playlist.yaml as the staff menu writes it (the same header and layout)."""
    lines = [HEADER, "order:"] + [f"  - {sid}" for sid in order]
    lines += ["disabled:" + (" []" if not disabled else "")] + [f"  - {sid}" for sid in disabled]
    return "\n".join(lines) + "\n"


def moved(order: Sequence[str], scene_id: str, delta: int) -> list[str]:
    out = list(order)
    if scene_id not in out:
        return out
    i = out.index(scene_id)
    j = i + delta
    if 0 <= j < len(out):
        out[i], out[j] = out[j], out[i]
    return out


def copy_scene(scene_text: str, old_id: str, new_id: str, new_title: Mapping[str, str], languages: Sequence[str],
               when: Optional[float] = None) -> str:
    """A new scene file from an old one: a new id, the new title only in the languages given (so a language
    not given is flagged as missing by the loader instead of quietly keeping the old scene's title), and a
    first comment saying where it came from. Steps, pictures and captions are kept to be edited."""
    if not SLUG.match(new_id):
        raise EditError(f"'{new_id}' is not a scene id: use small letters, digits and dashes, e.g. my-scene")
    title = {lang: text.strip() for lang, text in new_title.items() if lang in languages and text.strip()}
    if not title:
        raise EditError("give the new scene a title")
    body = _without_leading_comments(scene_text)
    body = set_value(body, ("id",), new_id)
    body = set_value(body, ("title",), title)
    stamp = time.strftime("%Y-%m-%d", time.gmtime(when if when is not None else time.time()))
    return f"# Copied from the scene '{old_id}' with the staff console on {stamp}.\n" + body


def _without_leading_comments(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)


def caption_flags(lib: Library, texts: Mapping[str, str], lang: str) -> Optional[str]:
    """Why a caption needs a look: 'missing', or 'same as <default>' (copied and never translated)."""
    if lang not in texts or not texts[lang].strip():
        return "missing"
    default = lib.default_lang
    if lang != default and texts.get(default, "").strip() == texts[lang].strip():
        return f"same as the {default} text: not translated yet?"
    return None


__all__ = ["clinic_edit", "caption_edit", "title_edit", "text_edit", "playlist_text", "copy_scene", "caption_flags", "moved", "EditError",
           "dump_scalar", "CLINIC_FIELDS", "BOOL_FIELDS", "field_lines"]
