"""Keep what children see when new content is worse: a scene whose file now has errors keeps its last good
version, and a scenes folder that went away (deleted, unmounted) keeps every last good scene."""

from __future__ import annotations

from typing import Any

from kiosk.content.problems import warning

Library = Any   # kiosk.content.library.Library; not imported, so the library can import this module


def keep_last_good(old: Library, new: Library) -> Library:
    """The new library, except that a scene whose file now has errors keeps its last good version
    (and its place in the menu) until the file is fixed. A deleted file's scene goes away."""
    from dataclasses import replace
    if new.folder_gone and old.scenes:
        # The whole folder went away (deleted, an unmounted USB stick or share): keep every scene on screen
        # rather than emptying the children's menu; the problem goes to the staff menu and the log.
        gone = warning(new.problems[0].path if new.problems else "scenes", 0, 0,
                       "the scenes folder is gone or empty; the last good scenes stay on the menu until it is back")
        return replace(old, problems=tuple(new.problems) + (gone,), loaded_at=new.loaded_at)
    scenes = dict(new.scenes)
    files = dict(new.files)
    kept = [sid for sid, f in old.files.items() if sid not in scenes and f in new.failed and sid in old.scenes]
    if not kept:
        return new
    order = list(new.order)
    playlist = list(new.playlist)
    for sid in kept:
        scenes[sid] = old.scenes[sid]
        files[sid] = old.files[sid]
        position = old.order.index(sid) if sid in old.order else len(order)
        order.insert(min(position, len(order)), sid)
        if sid in old.playlist:
            playlist.insert(min(old.playlist.index(sid), len(playlist)), sid)
    ordered = {sid: scenes[sid] for sid in order if sid in scenes}
    return replace(new, scenes=ordered, files=files, order=tuple(order), playlist=tuple(playlist),
                   art={**old.art, **new.art})
