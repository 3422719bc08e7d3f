"""The kiosk's heartbeat: a small JSON file in the state folder, rewritten every few seconds from the main loop,
so the staff console (another process) can tell the kiosk is running and what it shows.

Writing never stops the kiosk: a full disk or a read-only folder only means no heartbeat.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

HEARTBEAT_NAME = "heartbeat.json"
EVERY_SECONDS = 5.0
STALE_SECONDS = 20.0    # no beat for this long: the kiosk is not running (or is stuck)


class Heartbeat:
    def __init__(self, state_dir: Path, wall: Callable[[], float], every: float = EVERY_SECONDS) -> None:
        self.path = state_dir / HEARTBEAT_NAME
        self.wall = wall      # seconds since the epoch: read by another process, so not the monotonic clock
        self.every = every
        self._last = float("-inf")

    def beat(self, now: float, facts: Callable[[], Mapping[str, Any]]) -> bool:
        """`now` is the kiosk's (monotonic) clock, which decides when a beat is due; the facts are asked for
        only then, and written with the wall time. True if written."""
        if now - self._last < self.every:
            return False
        self._last = now
        try:
            data = {"time": self.wall(), "pid": os.getpid(), **facts()}
            tmp = self.path.with_name(f".{self.path.name}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
            return True
        except (OSError, TypeError, ValueError):
            return False


def kiosk_facts(screen: Any, library: Any, config: Any, last_reload: float) -> dict[str, Any]:
    """What the staff console's Status page shows: the screen up now (and its scene), what is loaded, and when
    (`last_reload` in seconds since the epoch)."""
    from kiosk import __version__
    return {"version": __version__, "screen": screen.name, "scene": getattr(screen, "scene_id", None),
            "last_reload": last_reload, "scenes": len(library.scenes),
            "errors": len(library.errors), "phone": config.clinic.phone, "narration": config.sound.narration}


def read_heartbeat(state_dir: Path) -> Optional[dict[str, Any]]:
    """The last beat, or None if there is none (or it cannot be read)."""
    try:
        data = json.loads((state_dir / HEARTBEAT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
