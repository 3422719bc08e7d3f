"""The menu: one big illustrated tile per scene in the playlist."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Optional

import pygame

from kiosk.app.screens.base import YELLOW, Screen, draw_text_block, draw_top_bar_backdrop
from kiosk.app.screens.menu_pages import PageFrame, Shape, arrange, frame, shape, split
from kiosk.content.language import pick
from kiosk.draw.display_list import Item, item
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM, parse_color
from kiosk.draw.widgets import Button, button_bounds, darker

LABEL_LEAST, LABEL_MOST = 0.26, 0.58   # a tile's label band, as a share of its height (the art keeps the rest)
TITLE_GOAL = 0.021       # of the shorter side: tile titles at least this size, whole words; else one more page
MAX_LINES = 3            # a tile title in at most this many lines
MAX_PAGES = 4
FOOTER = 0.06            # of the shorter side: the parents' disclaimer line under the tiles
NARROWEST, WIDEST = 0.72, 1.0   # a tile's width / height: room for the picture and a title of up to three lines
PAGE_SECONDS = 0.35      # a page slides in this long (a child sees where the other tiles went)
ARROW = 1.25             # a page arrow's size, in top-bar buttons (at least 90 px at 1080p)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """The menu's pages: the scenes on each (playlist order), one tile shape for all, and where things go."""

    pages: list[list[str]]
    tiles: Shape
    frame: PageFrame


def _ease(x: float) -> float:
    x = min(1.0, max(0.0, x))
    return 1 - (1 - x) ** 3


class HomeScreen(Screen):
    name = "home"

    def __init__(self, ctx, nav) -> None:  # type: ignore[no-untyped-def]
        self._to_preload: list[str] = []
        self._title_px = 0
        self._label_h = 0
        self._set_aside_now = False
        self.page = ctx.session.menu_page   # where the family was (the idle reset's fresh session: the first)
        self.plan: Optional[Plan] = None
        self._turn: Optional[tuple[int, int, float]] = None   # (page left, step, when) while a page slides in
        self._now = 0.0
        super().__init__(ctx, nav)
        self._to_preload = list(ctx.playable())

    def update(self, t: float) -> None:
        self._now = t
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
        self.plan = plan = self._plan(self.ctx.playable(), layout)
        self.page = max(0, min(self.page, len(plan.pages) - 1))
        out = self._tiles(self.page)
        arrows = [("page-prev", plan.frame.prev, -1, "ui/back.svg"), ("page-next", plan.frame.next, 1, "ui/next.svg")]
        for name, rect, step, art in arrows:
            if rect is not None and 0 <= self.page + step < len(plan.pages):   # no arrow that leads nowhere
                out.append(Button(name, rect, lambda s=step: self.turn(s), icon=art, color=YELLOW,
                                  extra_hit=layout.unit, meta={"page_step": step}))
        every = [self._title(scene_id) for page in plan.pages for scene_id in page]
        self._title_px = self._tile_title_px(out[0].rect if out and "tile" in out[0].meta else None, every)
        return out

    def _tiles(self, page: int) -> list[Button]:
        plan = self.plan
        if plan is None or not plan.pages[page]:
            return []
        ids = plan.pages[page]
        out = []
        for scene_id, rect in zip(ids, arrange(len(ids), plan.tiles, plan.frame.area, self.ctx.layout.unit * 2)):
            scene = self.ctx.library.scenes[scene_id]
            out.append(Button(f"tile-{scene_id}", rect, lambda s=scene_id: self.nav.play(s), icon=scene.tile.art,
                              color=parse_color(scene.tile.color), meta={"tile": scene_id}))
        return out

    @property
    def page_count(self) -> int:
        return len(self.plan.pages) if self.plan is not None else 1

    def page_of(self, scene_id: str) -> Optional[int]:
        """The page a scene's tile is on (None: not in the menu)."""
        for i, page in enumerate(self.plan.pages if self.plan is not None else []):
            if scene_id in page:
                return i
        return None

    def turn(self, step: int) -> None:
        """The next (1) or previous (-1) page, sliding in; nothing past the first or the last."""
        to = self.page + step
        if not 0 <= to < self.page_count:
            return
        self._turn = (self.page, step, self._now)
        self.show_page(to)

    def show_page(self, page: int) -> None:
        """This page at once (no slide); the session remembers it until the idle reset."""
        self.page = self.ctx.session.menu_page = max(0, min(page, self.page_count - 1))
        self.relayout()

    def on_swipe(self, direction: str, t: float) -> None:
        """A finger moved left: the next page comes in from the right, as a book's page turns."""
        self._now = max(self._now, t)
        if direction in ("left", "right"):
            self.turn(1 if direction == "left" else -1)

    def moving(self, t: float) -> bool:
        return self._turn is not None and t - self._turn[2] < PAGE_SECONDS

    def _plan(self, ids: list[str], layout: SceneLayout) -> Plan:
        """The fewest pages on which every title, in every shipped language, fits its tile whole at a size a
        parent reads easily; if none reaches that size, the pages with the largest titles. The count is judged
        with the parents' footer in (so it stays the same when the family changes language or audience)."""
        w, h = self.ctx.size
        gap = layout.unit * 2
        top = layout.top_bar[3] + self._name_band(layout)
        titles = [pick(self.ctx.library.scenes[i].title, lang, self.ctx.library.default_lang)
                  for i in ids for lang in self.ctx.languages]
        goal = max(int(TITLE_GOAL * min(w, h)), self._least_title_px())

        def planned(pages: int, footer: int) -> Plan:
            full = pygame.Rect(gap, top + gap, w - gap * 2, h - top - gap * 2 - footer)
            where = frame(full, gap, int(layout.button * ARROW), layout.unit * 4, layout.portrait, pages > 1)
            per = -(-len(ids) // pages) if ids else 1
            return Plan(split(ids, pages), shape(per, where.area, gap, NARROWEST, WIDEST), where)

        worst = int(min(w, h) * FOOTER)
        best, best_px = 1, 0
        for pages in range(1, max(1, min(len(ids), MAX_PAGES)) + 1):
            px = self._largest_fit(planned(pages, worst).tiles, titles)
            if px >= goal:
                best = pages
                break
            if px > best_px:
                best, best_px = pages, px
        return planned(best, self._footer_height(layout))

    def _largest_fit(self, tiles: Shape, titles: list[str]) -> int:
        """The largest title size (0: none) at which every title fits these tiles."""
        least = self._least_title_px()
        for px in range(max(least, int(tiles.tile_w * 0.095)), least - 1, -1):
            if self._titles_fit(tiles, titles, px):
                return px
        return 0

    def _least_title_px(self) -> int:
        from kiosk.draw.text import role_min_px
        return role_min_px("tile", min(self.ctx.size))

    def _titles_fit(self, tiles: Shape, titles: list[str], px: int) -> bool:
        """Every title at this size in even lines of whole words (no word broken), in at most MAX_LINES lines
        that fit the tallest label a tile allows."""
        from kiosk.draw.text import balanced
        unit = self.ctx.layout.unit
        width = tiles.tile_w - unit * 2
        font = self.ctx.fonts.get(px, bold=True)
        for title in titles:
            if any(font.size(word)[0] > width for word in title.split()):
                return False
            lines = len(balanced(title, font, width))
            if lines > MAX_LINES or lines * font.get_linesize() + unit * 2 > tiles.tile_h * LABEL_MOST:
                return False
        return True

    def _name_band(self, layout: SceneLayout) -> int:
        """Portrait: the clinic's name gets a band of its own under the top bar (the bar is full of buttons)."""
        return int(min(self.ctx.size) * 0.09) if layout.portrait else 0

    def _tile_title_px(self, rect: Optional[pygame.Rect], titles: list[str]) -> int:
        """One size for every tile's title on every page and one height for every tile's label, so tiles look
        alike: the largest size (from about a tenth of the tile's width down to the smallest a tile title may
        be) at which every title, in even lines of whole words, fits a label of at most LABEL_MOST of the tile."""
        self._label_h = 0
        if rect is None or not titles:
            return 0
        from kiosk.draw.text import balanced
        unit = self.ctx.layout.unit
        width = rect.width - unit * 2
        px = self._largest_fit(Shape(rect.width, rect.height, 1, 1), titles) or self._least_title_px()
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
        return int(min(self.ctx.size) * FOOTER) if self.ctx.session.audience == "parents" else 0

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
        for button, pressed in self._tiles_at(t):
            if button.meta["tile"] in self.ctx.broken:
                continue
            try:
                self._draw_tile(surface, button, pressed=pressed)
            except Exception:
                self._set_aside(button.meta["tile"], "while its tile was drawn")
        for button in self.buttons:
            if "tile" not in button.meta:
                draw_button(surface, button, self.ctx.renderer, pressed=button is self.pressed)
        self._draw_dots(surface)

    def _tiles_at(self, t: float) -> list[tuple[Button, bool]]:
        """The tiles as they are at t, each with whether it shows pressed: while a page slides in, the page left
        slides out the other way (the whole screen's width, so neither is ever cut by an arrow)."""
        tiles = [b for b in self.buttons if "tile" in b.meta]
        if not self.moving(t) or self._turn is None:
            return [(b, b is self.pressed) for b in tiles]
        left, step, since = self._turn
        done = _ease((t - since) / PAGE_SECONDS)
        width = self.ctx.size[0]
        out = [(replace(b, rect=b.rect.move(int(-step * done * width), 0)), False) for b in self._tiles(left)]
        return out + [(replace(b, rect=b.rect.move(int(step * (1 - done) * width), 0)), False) for b in tiles]

    def _draw_dots(self, surface: pygame.Surface) -> None:
        """One dot per page, the page shown filled: how many pages there are and where you are, without words."""
        row = self.plan.frame.dots if self.plan is not None else None
        if row is None:
            return
        unit = self.ctx.layout.unit
        radius = max(5, int(unit * 0.9))
        step = radius * 4
        x0 = row.centerx - step * (self.page_count - 1) // 2
        for i in range(self.page_count):
            centre = (x0 + i * step, row.centery)
            pygame.draw.circle(surface, PLUM if i == self.page else (255, 255, 255), centre, radius)
            pygame.draw.circle(surface, PLUM, centre, radius, width=max(2, unit // 4))

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
            bar = [b for b in self.buttons if b.rect.bottom <= layout.top_bar[3]]   # not a tile, not a page arrow
            right_edge = min((b.rect.x for b in bar), default=surface.get_width())
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
