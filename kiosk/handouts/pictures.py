"""Step pictures for handouts (and the console), drawn by the kiosk's own renderer without a screen."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pygame

from kiosk.content.library import Library
from kiosk.draw.layout import scene_layout
from kiosk.draw.render import Renderer
from kiosk.draw.stills import SETTLE_MARGIN, make_renderer, still
from kiosk.handouts.pdf import Picture
from kiosk.motion.player import StepFrame, StepPlayer, visible_steps

# On paper the focus look is far too strong. On the screen a step dims and greys every other part to 80 % while one
# part glows, and the eye follows the motion. A printed page has no motion, so the whole picture came out grey
# (new-tooth step 1: 2 % coloured, the tooth and gum all but gone). So on paper the other parts keep most of their
# colour, and the focused part keeps its full outline: it still stands out, and the story stays readable.
PAPER_MUTE = 0.2


def offscreen() -> None:
    """pygame ready to draw with no screen: the dummy video driver and a 1x1 surface (SVG needs a display)."""
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


def on_paper(frame: StepFrame) -> StepFrame:
    """The frame as a printed page shows it: the other parts only lightly dimmed, the focus outline at full
    strength (not caught mid-beat)."""
    layers = tuple(dataclasses.replace(layer, mute=min(layer.mute, PAPER_MUTE), ring=1.0 if layer.ring > 0 else 0.0)
                   for layer in frame.layers)
    return dataclasses.replace(frame, layers=layers)


def paper_still(renderer: Renderer, lib: Library, scene_id: str, number: int, size: tuple[int, int], lang: str,
                audience: str) -> pygame.Surface:
    """The step once settled, with the paper look (the handout crops its stage, so no heading or footer)."""
    scene = lib.scenes[scene_id]
    step = visible_steps(scene, audience)[number - 1]
    player = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
    surface = pygame.Surface(size)
    renderer.draw_step(surface, on_paper(player.frame(player.settled_at() + SETTLE_MARGIN)), scene_layout(*size),
                       audience)
    return surface


def renderer_pictures(lib: Library, art_dir: Path) -> Picture:
    """A picture function for make_handout: each step as the kiosk shows it once settled (or, printed, with the
    paper look), as PNG bytes."""
    offscreen()
    renderer = make_renderer(lib, art_dir)

    def draw(scene_id: str, number: int, audience: str, lang: str, size: tuple[int, int],
             printed: bool = False) -> bytes:
        out = io.BytesIO()
        surface = (paper_still(renderer, lib, scene_id, number, size, lang, audience) if printed
                   else still(renderer, lib, scene_id, number, None, size, lang, audience))
        pygame.image.save(surface, out, "png")
        return out.getvalue()
    return draw
