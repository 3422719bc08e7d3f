"""Every shipped story on a 1280x800 screen (English kids) and on a 1920x1080 screen mounted in portrait (drawn as
1080x1920, Spanish parents), held to a plain whole redraw at each step's moments (tests/live_screen.py). A file of
its own because tests/test_live_screen.py, which has the rest, took ten minutes alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from live_screen import REPO, Twin, choose, play_whole_scene, stories

from kiosk.content.library import load_library

SCENES = stories(load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en"))


@pytest.mark.parametrize("size,rotate,lang,audience", [
    ((1280, 800), None, "en", "kids"),
    ((1920, 1080), 90, "es", "parents"),
])
def test_every_scene_in_other_layouts_looks_as_a_whole_redraw_would(tmp_path: Path, size, rotate, lang,  # type: ignore[no-untyped-def]
                                                                     audience) -> None:
    # Given a 1280x800 screen, or a 1920x1080 screen mounted in portrait (drawn as 1080x1920)
    twin = Twin(tmp_path, size, rotate=rotate)
    choose(twin, lang, audience)
    # When every scene plays / Then every sampled frame matches
    for sid in SCENES:
        play_whole_scene(twin, sid, f"{size[0]}x{size[1]} rotate {rotate} {lang} {audience}")
