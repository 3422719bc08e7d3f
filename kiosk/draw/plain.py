"""The plain way to draw, kept as the reference every fast path is held to.

`PlainRenderer` draws each frame from scratch: the background and every layer blitted one by one from the whole
rasterised picture (no cut-outs, no composed bases or runs), captions, labels, bubbles and buttons made anew each
time, nothing kept on disk. It is slow and obviously right; tests run a twin of the real app with it (and with
whole-screen redraws) beside the real one and compare what both leave on the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import pygame

from kiosk.draw.assets import ArtLookup, AssetCache, Lookup, Sprite, default_fonts
from kiosk.draw.layout import Rect, SceneLayout
from kiosk.draw.render import Renderer
from kiosk.motion.player import DrawLayer, StepFrame

PLAIN_ART_BYTES = 1024 * 1024 * 1024   # rasterised art only (drawing SVGs again each frame would only be slower)


class PlainAssets(AssetCache):
    """Art rasterised from its files, whole: a layer's "sprite" is its whole picture with no margin cut away."""

    def sprite(self, art: str, size: tuple[int, int]) -> Sprite:
        whole = self.picture(art, size)
        return Sprite(whole, 0, 0, whole.get_size())

    def known_sprite(self, art: str, size: tuple[int, int]) -> Optional[Sprite]:
        return None


class PlainRenderer(Renderer):
    """A Renderer that composes nothing and keeps nothing but rasterised art."""

    def draw_step(self, surface: pygame.Surface, frame: StepFrame, layout: SceneLayout, audience: str,
                  heading: str = "", footer: str = "") -> None:
        self.draw_background(surface, frame.background, layout.screen)
        for layer in frame.layers:
            self.draw_layer(surface, layer, layout.stage)
        for label in frame.labels:
            self.draw_label(surface, label, layout.stage, layout.unit)
        if frame.callout is not None:
            self.draw_callout(surface, frame.callout, layout.stage, layout.unit)
        self.draw_caption(surface, frame.caption, layout.caption, audience, layout, heading=heading, footer=footer)

    def draw_stage(self, surface: pygame.Surface, frame: StepFrame, stage: Rect, unit: int, skip: int = 0) -> None:
        for layer in frame.layers[skip:]:
            self.draw_layer(surface, layer, stage)
        for label in frame.labels:
            self.draw_label(surface, label, stage, unit)
        if frame.callout is not None:
            self.draw_callout(surface, frame.callout, stage, unit)

    def _still_run(self, run: tuple[DrawLayer, ...], stage: Rect, size: tuple[int, int]) -> Optional[tuple]:
        return None

    def _blit_made_once(self, surface: pygame.Surface, key: tuple, make: Callable[[], tuple],
                        opacity: float) -> None:
        from kiosk.draw.blit import blit_faded
        picture, at = make()[:2]
        blit_faded(surface, picture, at, opacity)

    def draw_caption(self, surface: pygame.Surface, caption: str, rect: Rect, audience: str,
                     layout: SceneLayout, heading: str = "", footer: str = "") -> None:
        if caption:
            panel = self._caption_panel(caption, rect, audience, layout, heading, footer)
            surface.blit(panel[0], (rect[0], rect[1]))

    def kept(self, key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        return make()

    def snapshot_surface(self, size: tuple[int, int]) -> pygame.Surface:
        return pygame.Surface(size)

    def warm(self, frame: StepFrame, layout: SceneLayout, audience: str, heading: str = "", footer: str = "") -> None:
        """Nothing to prepare: the plain path draws everything when it is shown."""

    def preload(self, frames: list[StepFrame], stage: Rect, screen: Rect) -> None:
        """Nothing to prepare (see warm)."""


def build_plain_renderer(known: Lookup, art_dir: Path) -> PlainRenderer:
    assets = PlainAssets(ArtLookup(known, art_dir), placeholder_svg=art_dir / "ui" / "placeholder.svg",
                         budget_bytes=PLAIN_ART_BYTES, store=None)
    return PlainRenderer(assets, default_fonts(art_dir))
