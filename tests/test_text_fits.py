"""No text is ever cut, overflows its room or is smaller than its role needs: every screen, every label, in
every shipped language, at 1920x1080, 1280x800, 1280x720 (the smallest), 3840x2160 and portrait 1080x1920."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.config import load_config
from kiosk.draw.text import TextLog, text_problems
from kiosk_driver import REPO, Kiosk
from screen_tour import tour

SIZES = [(1920, 1080), (1280, 800), (1280, 720), (3840, 2160), (1080, 1920)]
LANGUAGES = load_config(REPO / "kiosk.yaml")[0].languages


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_text_on_every_screen_fits_whole_and_large_enough(tmp_path: Path, size: tuple[int, int]) -> None:
    # Given the shipped scenes, FAQ and clinic card on a screen of this size
    shutil.copytree(REPO / "scenes", tmp_path / "scenes")
    shutil.copy(REPO / "kiosk.yaml", tmp_path / "kiosk.yaml")
    k = Kiosk(tmp_path, size=size)
    ctx = k.app.ctx
    found: list[str] = []
    drawn = 0
    for lang in LANGUAGES:
        # When every screen is drawn in this language, with fresh pictures (so every text is set again)
        ctx.session.lang = lang
        ctx.renderer.clear_caches()
        log = ctx.fonts.log = TextLog()
        for what, surface in tour(k.app):
            for placed in log.placed:
                drawn += 1
                for problem in text_problems(placed, min(size)):
                    found.append(f"{lang} {what}: {placed.role} {placed.text[:50]!r}: {problem}")
            log.placed.clear()
            for button in k.app.nav.screen.buttons:
                if not surface.get_rect().contains(button.rect):
                    found.append(f"{lang} {what}: button {button.name} {tuple(button.rect)} leaves the screen")
        ctx.fonts.log = None
    # Then every text was drawn whole, inside its room and the screen, at least its role's size
    assert drawn > 200, f"only {drawn} texts drawn: the tour missed screens"
    assert not found, f"{len(found)} problems:\n" + "\n".join(sorted(set(found))[:60])
