"""The console pages' shared parts: the blueprint every page registers on, and the helpers they share (the
store, the clock, who is signed in, uploads read within their limits)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, request

from kiosk.content.language import pick
from kiosk.content.library import Library
from kiosk.console.media import Stills
from kiosk.console.store import ContentStore
from kiosk.console.uploads import UploadRefused

pages = Blueprint("pages", __name__)
AUDIO_TYPES = {"wav": "audio/wav", "ogg": "audio/ogg", "mp3": "audio/mpeg"}
ART_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
             ".webp": "image/webp"}


# --- shared helpers --------------------------------------------------------------------------------------
def store() -> ContentStore:
    return current_app.extensions["kiosk"]["store"]


def now() -> float:
    return current_app.extensions["kiosk"]["clock"]()


def stills() -> Stills:
    ext = current_app.extensions["kiosk"]
    if "stills" not in ext:
        ext["stills"] = Stills(ext["store"])
    return ext["stills"]


def who() -> str:
    return f"staff@{request.remote_addr or '?'}"


def library() -> Library:
    return store().library()


def scene_or_404(lib: Library, scene_id: str):  # type: ignore[no-untyped-def]
    if scene_id not in lib.scenes:
        abort(404, f"there is no scene '{scene_id}'")
    return lib.scenes[scene_id]


def staff_title(lib: Library, scene_id: str) -> str:
    """A scene's title as staff see it: in the default language."""
    return pick(lib.scenes[scene_id].title, lib.default_lang, lib.default_lang)


def content_rel(path: Path) -> str:
    """A scene file's content path (scenes/...)."""
    scenes = store().paths.scenes_dir.resolve()
    return "scenes/" + path.resolve().relative_to(scenes).as_posix()


def upload_bytes(field: str, limit: int) -> bytes:
    file = request.files.get(field)
    if file is None or not file.filename:
        raise UploadRefused("choose a file first")
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(f"the file is larger than {limit // 1_000_000} MB")
    return data


def messages(problems: list) -> list[str]:
    return [str(p) for p in problems]


