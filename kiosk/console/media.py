"""Pictures and sounds the console shows: each step drawn by the kiosk's own renderer (kept on disk, redrawn
when its scene or art changes), and where a caption's recorded voice lives."""

from __future__ import annotations

import hashlib
import threading
from typing import Optional

from kiosk.content.library import Library
from kiosk.motion.player import visible_steps
from .store import ContentStore

THUMB_SIZE = (640, 360)
THUMBS_FOLDER = "console-pictures"
MAX_THUMBS = 2000
VOICE_EXTENSIONS = ("wav", "ogg", "opus", "mp3")
# The narration's convention (branch `narration`, kiosk/voice/files.py and lines.py): a clinic's own recording of a
# caption is scenes/voice/<scene>/<step>.<audience>.<lang>.<ext>, and wins over the generated one in
# scenes/voice/generated/. The console writes only clinic recordings, never the generated files.
VOICE_PATTERN = "scenes/voice/{scene}/{step}.{audience}.{lang}.{ext}"


class Stills:
    """PNG pictures of steps, as the kiosk shows them once settled. One drawing at a time (pygame is not
    thread-safe); each picture is drawn once per version of its scene file and art."""

    def __init__(self, store: ContentStore) -> None:
        self.store = store
        self.folder = store.paths.state_dir / THUMBS_FOLDER
        self._lock = threading.Lock()
        self._renderer: Optional[tuple[int, object]] = None

    def png(self, lib: Library, scene_id: str, step_number: int, audience: str, lang: str,
            size: tuple[int, int] = THUMB_SIZE, printed: bool = False) -> bytes:
        """The step's picture; `printed`: with the handouts' paper look (kiosk/handouts/pictures.py)."""
        key = self._key(lib, scene_id, step_number, audience, lang, size, printed)
        path = self.folder / f"{key}.png"
        try:
            return path.read_bytes()
        except OSError:
            pass
        with self._lock:
            data = self._draw(lib, scene_id, step_number, audience, lang, size, printed)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._prune()
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return data

    def _key(self, lib: Library, scene_id: str, step: int, audience: str, lang: str, size: tuple[int, int],
             printed: bool) -> str:
        h = hashlib.sha256()
        h.update(lib.files[scene_id].read_bytes())
        for rel, info in sorted(lib.art.items()):
            h.update(f"{rel}:{info.stamp}".encode())
        h.update(f"{scene_id}/{step}/{audience}/{lang}/{size}/{'paper' if printed else 'screen'}".encode())
        return h.hexdigest()[:32]

    def _draw(self, lib: Library, scene_id: str, step: int, audience: str, lang: str,
              size: tuple[int, int], printed: bool) -> bytes:
        from kiosk.handouts.pictures import renderer_pictures
        if self._renderer is None or self._renderer[0] != id(lib):
            # A new library (content changed): a renderer that knows its art.
            self._renderer = (id(lib), renderer_pictures(lib, self.store.paths.art_dir))
        return self._renderer[1](scene_id, step, audience, lang, size, printed)  # type: ignore[operator]

    def _prune(self) -> None:
        files = sorted(self.folder.glob("*.png"), key=lambda p: p.stat().st_mtime)
        for old in files[:-MAX_THUMBS]:
            old.unlink(missing_ok=True)


def step_count(lib: Library, scene_id: str, audience: str) -> int:
    return len(visible_steps(lib.scenes[scene_id], audience))


def voice_path(scene: str, step: str, audience: str, lang: str, ext: str) -> str:
    """The content path of one caption's recording (ids are checked by the caller against the library)."""
    return VOICE_PATTERN.format(scene=scene, step=step, audience=audience, lang=lang, ext=ext)


def find_voice(store: ContentStore, scene: str, step: str, audience: str, lang: str) -> Optional[str]:
    """The recording kept for a caption, if there is one."""
    for ext in VOICE_EXTENSIONS:
        rel = voice_path(scene, step, audience, lang, ext)
        try:
            if store.paths.resolve(rel).is_file():
                return rel
        except ValueError:
            return None
    return None
