"""Step pictures for handouts (and the console), drawn by the kiosk's own renderer without a screen."""

from __future__ import annotations

import io
from pathlib import Path

import pygame

from kiosk.content.library import Library
from kiosk.draw.stills import make_renderer, still
from kiosk.handouts.pdf import Picture


def offscreen() -> None:
    """pygame ready to draw with no screen: the dummy video driver and a 1x1 surface (SVG needs a display)."""
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


def renderer_pictures(lib: Library, art_dir: Path) -> Picture:
    """A picture function for make_handout: each step as the kiosk shows it once settled, as PNG bytes."""
    offscreen()
    renderer = make_renderer(lib, art_dir)

    def draw(scene_id: str, number: int, audience: str, lang: str, size: tuple[int, int]) -> bytes:
        out = io.BytesIO()
        pygame.image.save(still(renderer, lib, scene_id, number, None, size, lang, audience), out, "png")
        return out.getvalue()
    return draw
