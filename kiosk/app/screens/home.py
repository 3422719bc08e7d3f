"""The menu: one big illustrated tile per scene in the playlist."""

from __future__ import annotations

import logging
import math
from dataclasses import replace

import pygame

from kiosk.app.screens.base import Screen, draw_text_block, draw_top_bar_backdrop
from kiosk.content.language import pick
from kiosk.draw.display_list import Item, item
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM, parse_color
from kiosk.draw.widgets import Button, button_bounds, darker

MIN_TILE = 150
LABEL_LEAST, LABEL_MOST = 0.26, 0.55   # a tile's label band, as a share of its height (the art keeps the rest)
log = logging.getLogger(__name__)


def grid(count: int, area: pygame.Rect, gap: int, aspect: float = 0.82) -> list[pygame.Rect]:
    """The largest tiles of about this width/height shape that fit `count` of them in `area`."""
    if count <= 0:
        return []
    best: tuple[int, int, int] = (0, 1, count)
    for cols in range(1, max(1, count) + 1):
        rows = math.ceil(count / cols)
        w = (area.width - gap * (cols + 1)) / cols
        h = (area.height - gap * (rows + 1)) / rows
        tile_w = min(w, h * aspect)
        if tile_w > best[0]:
            best = (int(tile_w), cols, rows)
    tile_w, cols, rows = best
    tile_h = int(tile_w / aspect)
    total_w = cols * tile_w + (cols - 1) * gap
    total_h = rows * tile_h + (rows - 1) * gap
    x0 = area.x + (area.width - total_w) // 2
    y0 = area.y + (area.height - total_h) // 2
    rects = []
    for i in range(count):
        r, c = divmod(i, cols)
        if r == rows - 1 and count % cols:  # centre a short last row
            x_off = (cols - count % cols) * (tile_w + gap) // 2
        else:
            x_off = 0
        rects.append(pygame.Rect(x0 + x_off + c * (tile_w + gap), y0 + r * (tile_h + gap), tile_w, tile_h))
    return rects


class HomeScreen(Screen):
    name = "home"

    def __init__(self, ctx, nav) -> None:  # type: ignore[no-untyped-def]
        self._to_preload: list[str] = []
        self._title_px = 0
        self._label_h = 0
        self._set_aside_now = False
        super().__init__(ctx, nav)
        self._to_preload = list(ctx.playable())

    def update(self, t: float) -> None:
        if self._set_aside_now:   # a tile failed while drawn: lay the menu out again without it
            self._set_aside_now = False
            self.relayout()
        if self._to_preload:
            scene_id = self._to_preload[0]
            try:
                self._preload_next()
            except Exception:
                self._set_aside(scene_id, "while its pictures were made ready")

    def _set_aside(self, scene_id: str, when: str) -> None:
        """One scene that fails is left out of the menu (and said in the log and the staff menu); the menu
        itself and every other scene stay."""
        log.exception("scene '%s' failed %s; it is left out of the menu", scene_id, when)
        self.ctx.broken.add(scene_id)
        self._set_aside_now = True

    def _preload_next(self) -> None:
        """While the menu waits for a finger, get one scene's opening pictures ready per moment, so a tap on
        its tile opens it at once instead of drawing every picture for the first time."""
        if self._to_preload and not self.ctx.assets.has_room:
            self._to_preload.clear()  # preloading more would push out pictures the first tiles need
        if self._to_preload:
            from kiosk.motion.player import StepPlayer, visible_steps
            scene = self.ctx.library.scenes.get(self._to_preload.pop(0))
            if scene is None:
                return
            session = self.ctx.session
            step = visible_steps(scene, session.audience)[0]
            player = StepPlayer(scene, step, scene.steps.index(step), self.ctx.library.aspect, session.audience,
                                session.lang, self.ctx.library.default_lang)
            layout = self.ctx.layout
            self.ctx.renderer.preload([player.frame(0.0), player.frame(player.settled_at())], layout.stage,
                                      layout.screen)

    def build(self, layout: SceneLayout) -> list[Button]:
        ids = self.ctx.playable()
        w, h = self.ctx.size
        gap = layout.unit * 2
        footer = self._footer_height(layout)
        top = layout.top_bar[3] + self._name_band(layout)
        area = pygame.Rect(gap, top + gap, w - gap * 2, h - top - gap * 2 - footer)
        out = []
        aspect = 0.82 if len(ids) <= 12 else 0.68   # many scenes: smaller tiles, so taller ones keep room for titles
        for scene_id, rect in zip(ids, grid(len(ids), area, gap, aspect)):
            scene = self.ctx.library.scenes[scene_id]
            out.append(Button(f"tile-{scene_id}", rect, lambda s=scene_id: self.nav.play(s), icon=scene.tile.art,
                              color=parse_color(scene.tile.color), meta={"tile": scene_id}))
        self._title_px = self._tile_title_px(out)
        return out

    def _name_band(self, layout: SceneLayout) -> int:
        """Portrait: the clinic's name gets a band of its own under the top bar (the bar is full of buttons)."""
        return int(min(self.ctx.size) * 0.09) if layout.portrait else 0

    def _tile_title_px(self, tiles: list[Button]) -> int:
        """One size for every tile's title and one height for every tile's label, so tiles look alike: the
        largest size (from about a tenth of the tile's width down to the smallest a tile title may be) at which
        the longest title, in even lines, fits a label of at most LABEL_MOST of the tile."""
        self._label_h = 0
        if not tiles:
            return 0
        from kiosk.draw.text import balanced, role_min_px
        rect = tiles[0].rect
        unit = self.ctx.layout.unit
        width = rect.width - unit * 2
        titles = [self._title(b.meta["tile"]) for b in tiles]
        least = role_min_px("tile", min(self.ctx.size))
        px = least
        for px in range(max(least, int(rect.width * 0.095)), least - 1, -1):
            font = self.ctx.fonts.get(px, bold=True)
            lines = max(len(balanced(title, font, width)) for title in titles)
            if lines * font.get_linesize() + unit * 2 <= rect.height * LABEL_MOST:
                break
        font = self.ctx.fonts.get(px, bold=True)
        lines = max(len(balanced(title, font, width)) for title in titles)
        self._label_h = min(max(int(rect.height * LABEL_LEAST), lines * font.get_linesize() + unit * 2),
                            int(rect.height * LABEL_MOST))
        return px

    def _title_box(self, rect: pygame.Rect) -> pygame.Rect:
        unit = self.ctx.layout.unit
        label_h = self._label_h or int(rect.height * LABEL_LEAST)
        label = pygame.Rect(rect.x + unit // 2, rect.bottom - label_h, rect.width - unit, label_h - unit // 2)
        return label.inflate(-unit, -unit // 2)

    def _title(self, scene_id: str) -> str:
        scene = self.ctx.library.scenes[scene_id]
        return pick(scene.title, self.ctx.session.lang, self.ctx.library.default_lang)

    def _footer_height(self, layout: SceneLayout) -> int:
        return int(min(self.ctx.size) * 0.06) if self.ctx.session.audience == "parents" else 0

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        layout = self.ctx.layout
        self.ctx.renderer.draw_background(surface, "backgrounds/sky.svg", layout.screen)
        if not self.ctx.playable():
            # Every scene is hidden, broken or set aside: say something kind (staff see why in the staff menu).
            w, h = self.ctx.size
            draw_text_block(surface, self.ctx.fonts, self.ctx.say("no_scenes"),
                            pygame.Rect(w // 8, h // 3, w * 3 // 4, h // 3), int(min(w, h) * 0.06), bold=True,
                            center=True, role="title")
        footer = self._footer_height(layout)
        if footer:
            w, h = self.ctx.size
            box = pygame.Rect(layout.unit * 2, h - footer - layout.unit, w - layout.unit * 4, footer)
            draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), box, int(footer * 0.45),
                            center=True, role="fine")

    def items(self, t: float) -> list[Item]:
        """The menu as one item: its tiles and name are drawn by this screen (and it changes only on a touch)."""
        return [item(self.ctx.layout.screen, None, lambda surface: self._draw_all(surface, t))]

    def _draw_all(self, surface: pygame.Surface, t: float) -> None:
        from kiosk.draw.widgets import draw_button
        self.draw_content(surface, t)
        draw_top_bar_backdrop(surface, self.ctx.layout, self.ctx.renderer)
        self._draw_clinic_name(surface)
        for button in self.buttons:
            if "tile" in button.meta:
                if button.meta["tile"] in self.ctx.broken:
                    continue
                try:
                    self._draw_tile(surface, button, pressed=button is self.pressed)
                except Exception:
                    self._set_aside(button.meta["tile"], "while its tile was drawn")
            else:
                draw_button(surface, button, self.ctx.renderer, pressed=button is self.pressed)

    def chrome_items(self) -> list:
        """The buttons as the base screen draws them, except that a tile whose drawing fails sets its scene
        aside instead of failing the frame (and so the whole menu)."""
        items = super().chrome_items()
        tiles = {tuple(button_bounds(b)): b.meta["tile"] for b in self.buttons if "tile" in b.meta}
        return [replace(it, paint=self._guarded(it.paint, tiles[tuple(it.rect)])) if tuple(it.rect) in tiles else it
                for it in items]

    def _guarded(self, paint, scene_id: str):  # type: ignore[no-untyped-def]
        def guarded(surface: pygame.Surface) -> None:
            if scene_id in self.ctx.broken:
                return
            try:
                paint(surface)
            except Exception:
                self._set_aside(scene_id, "while its tile was drawn")
        return guarded

    def _draw_clinic_name(self, surface: pygame.Surface) -> None:
        """In the top bar beside the buttons (landscape), or in its own band below it (portrait): on one line,
        shrunk within limits, on two if it must; never squashed."""
        layout = self.ctx.layout
        band = self._name_band(layout)
        if band:
            box = pygame.Rect(layout.unit * 3, layout.top_bar[3], surface.get_width() - layout.unit * 6, band)
            px = int(band * 0.55)
        else:
            right_edge = min((b.rect.x for b in self.buttons if "tile" not in b.meta), default=surface.get_width())
            box = pygame.Rect(layout.unit * 3, 0, right_edge - layout.unit * 6, layout.top_bar[3])
            px = int(layout.button * 0.42)
        if box.width <= 0:
            return
        from kiosk.draw.text import fit_text, role_min_px
        short = min(self.ctx.size)
        least = role_min_px("tile", short)
        font_at = lambda p: self.ctx.fonts.get(p, bold=True)  # noqa: E731
        fitted = fit_text(self.ctx.config.clinic.name, font_at, box.width, box.height, max(px, least), least)
        used = fitted.line_height * len(fitted.lines)
        draw_text_block(surface, self.ctx.fonts, self.ctx.config.clinic.name,
                        pygame.Rect(box.x, box.centery - used // 2, box.width, used), fitted.px, bold=True,
                        role="tile", center=bool(band))

    def _draw_tile(self, surface: pygame.Surface, button: Button, pressed: bool) -> None:
        unit = self.ctx.layout.unit
        rect = button.rect.inflate(-button.rect.width // 20, -button.rect.height // 20) if pressed else button.rect
        radius = unit * 2
        fill = darker(button.color) if pressed else button.color
        pygame.draw.rect(surface, darker(fill, 0.75), rect.move(0, unit // 2), border_radius=radius)
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
        pygame.draw.rect(surface, PLUM, rect, width=max(3, unit // 4), border_radius=radius)
        label_h = self._label_h or int(rect.height * LABEL_LEAST)
        if pressed:
            label_h = label_h * rect.height // button.rect.height
        inner = rect.inflate(-unit * 2, -unit * 2)
        art_box = pygame.Rect(inner.x, inner.y, inner.width, inner.height - label_h)
        side = min(art_box.width, art_box.height)
        picture = self.ctx.assets.picture(button.icon or "", (side, side))
        surface.blit(picture, picture.get_rect(center=art_box.center))
        label = pygame.Rect(rect.x + unit // 2, rect.bottom - label_h, rect.width - unit, label_h - unit // 2)
        pygame.draw.rect(surface, (255, 255, 255), label, border_radius=radius)
        text_box = label.inflate(-unit, -unit // 2)
        title = self._title(button.meta["tile"])
        words = self.ctx.renderer.kept(("tile-title", title, self._title_px, text_box.size),
                                       lambda: self._title_picture(title, text_box.size))
        surface.blit(words, words.get_rect(center=text_box.center))

    def _title_picture(self, title: str, size: tuple[int, int]) -> pygame.Surface:
        """A tile's title in even lines, made once per look (wrapping it on every frame costs the menu's frames)."""
        picture = pygame.Surface(size, pygame.SRCALPHA)
        font = self.ctx.fonts.get(self._title_px, bold=True)
        from kiosk.draw.text import balanced
        used = len(balanced(title, font, size[0])) * font.get_linesize()
        box = pygame.Rect(0, (size[1] - used) // 2, size[0], max(used, 1))
        draw_text_block(picture, self.ctx.fonts, title, box, self._title_px, bold=True, center=True, role="tile",
                        balance=True, short=min(self.ctx.size))
        return picture
