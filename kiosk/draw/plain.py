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
from kiosk.draw.blit import blit_faded
from kiosk.draw.display_list import Item, item
from kiosk.draw.layout import Rect, SceneLayout
from kiosk.draw.panels import callout_picture, caption_panel, label_picture, overlay_keep_out, place_overlays
from kiosk.draw.render import Renderer
from kiosk.motion.player import Callout, LabelView, StepFrame

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

    shortcuts = False   # every frame whole: the reference that screens' shortcuts are compared with

    def draw_step(self, surface: pygame.Surface, frame: StepFrame, layout: SceneLayout, audience: str,
                  heading: str = "", footer: str = "", lit: int = -1) -> None:
        self.draw_background(surface, frame.background, layout.screen)
        for layer in frame.layers:
            self.draw_layer(surface, layer, layout.stage)
        # Placed afresh every frame, by the same pure layout step the real renderer keeps the answer of.
        places = place_overlays(self.fonts, frame.labels, frame.callout, layout.stage, layout.unit,
                                overlay_keep_out(layout))
        for label, box in zip(frame.labels, places.labels):
            self.draw_label(surface, label, layout.stage, layout.unit, box)
        if frame.callout is not None and places.callout is not None:
            self.draw_callout(surface, frame.callout, layout.stage, layout.unit, places.callout)
        self.draw_caption(surface, frame.caption, layout.caption, audience, layout, heading=heading, footer=footer,
                          lit=lit)

    def step_items(self, frame: StepFrame, layout: SceneLayout, audience: str, heading: str = "",
                   footer: str = "", size: Optional[tuple[int, int]] = None, lit: int = -1) -> list[Item]:
        """The whole step as one item that changes every frame, painted by draw_step above."""
        return [item(layout.screen, None,
                     lambda surface: self.draw_step(surface, frame, layout, audience, heading, footer, lit=lit))]

    def draw_caption(self, surface: pygame.Surface, caption: str, rect: Rect, audience: str,
                     layout: SceneLayout, heading: str = "", footer: str = "", lit: int = -1) -> None:
        if caption:
            panel = caption_panel(self.fonts, caption, rect, audience, layout, heading, footer)
            surface.blit(panel[0], (rect[0], rect[1]))
            if 0 <= lit < len(panel[1]):   # the word the voice is reading, made afresh like everything here
                from kiosk.draw.caption_words import lit_word_picture
                picture, at = lit_word_picture(panel[1][lit], self.fonts.get(panel[2], bold=panel[3]), layout.unit,
                                               (rect[0], rect[1]))
                surface.blit(picture, at)

    def make_caption_ahead(self, caption: str, layout: SceneLayout, audience: str, heading: str = "",
                           footer: str = "") -> None:
        """Nothing is made ahead: the plain path lays out each caption as it draws it."""

    def draw_label(self, surface: pygame.Surface, label: LabelView, stage: Rect, unit: int, box: Rect) -> None:
        """A parents' label (pill, words, and a line to what it names) with its pill at box."""
        picture, at = label_picture(self.fonts, label, stage, unit, box)
        blit_faded(surface, picture, at, label.opacity)

    def draw_callout(self, surface: pygame.Surface, callout: Callout, stage: Rect, unit: int, box: Rect) -> None:
        """A tapped part's bubble at box."""
        picture, at = callout_picture(self.fonts, callout, stage, unit, box)
        blit_faded(surface, picture, at, callout.opacity)

    def kept(self, key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        return make()

    def snapshot_surface(self, size: tuple[int, int]) -> pygame.Surface:
        return pygame.Surface(size)

    def warm(self, frame: StepFrame, layout: SceneLayout, audience: str, heading: str = "", footer: str = "") -> None:
        """Nothing to prepare: the plain path draws everything when it is shown."""

    def preload(self, frames: list[StepFrame], stage: Rect, screen: Rect, urgent: bool = False) -> bool:
        """Nothing to prepare (see warm)."""
        return False


def build_plain_renderer(known: Lookup, art_dir: Path) -> PlainRenderer:
    assets = PlainAssets(ArtLookup(known, art_dir), placeholder_svg=art_dir / "ui" / "placeholder.svg",
                         budget_bytes=PLAIN_ART_BYTES, store=None)
    return PlainRenderer(assets, default_fonts(art_dir))
