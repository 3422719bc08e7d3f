"""The attract loop: a calm slideshow of each scene's highlight with "Touch to start!"; any touch starts."""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from typing import Optional

import pygame

from kiosk.app.screens.base import YELLOW, Screen, draw_panel
from kiosk.draw.blit import blit_faded
from kiosk.draw.layout import fit, scene_layout
from kiosk.draw.render import step_moments
from kiosk.draw.palette import PLUM
from kiosk.motion.player import STAGE_ASPECT, StepPlayer

log = logging.getLogger(__name__)
SLIDE_SECONDS = 9.0
FADE = 1.2
BOB_PERIOD = 2.4   # the hand bobs slowly: calm beside a reception desk, far below 3 flashes a second


class AttractScreen(Screen):
    name = "attract"
    top_bar = False
    max_fps = 30   # calm, slow motion: 30 frames a second look the same and halve the work, all day long

    def __init__(self, ctx, nav) -> None:  # type: ignore[no-untyped-def]
        self.started = nav.t
        self._players: dict[int, Optional[StepPlayer]] = {}
        self._prompt: Optional[tuple] = None
        self._asked_for = -1   # the slide whose pictures were asked for ahead
        super().__init__(ctx, nav)
        self._ask_slide(0, urgent=True)

    def library_changed(self) -> None:
        self._players.clear()
        super().library_changed()

    def _slide(self, n: int) -> Optional[StepPlayer]:
        ids = self.ctx.playable()
        if not ids:
            return None
        key = n % len(ids)
        if key not in self._players:
            if len(self._players) > 4:
                self._players.clear()
            self._players[key] = self._make_player(ids[key])
        return self._players[key]

    def _make_player(self, scene_id: str) -> StepPlayer:
        """The scene's highlight step (default: its last), as children see it."""
        scene = self.ctx.library.scenes[scene_id]
        step = next((s for s in scene.steps if s.id == scene.highlight), scene.steps[-1])
        lang = self.ctx.config.default_language
        return StepPlayer(scene, step, scene.steps.index(step), self.ctx.library.aspect, "kids", lang,
                          self.ctx.library.default_lang)

    def update(self, t: float) -> None:
        """Ask for the next slide's pictures while this one shows, so it has them when it fades in (the first
        slide's are asked for at once: the loop waits for them, bounded, before the first frame)."""
        n = int((t - self.started) // SLIDE_SECONDS) + 1
        if self._asked_for != n:
            self._asked_for = n
            self._ask_slide(n, urgent=False)

    def _ask_slide(self, n: int, urgent: bool) -> None:
        try:
            player = self._slide(n)
            if player is not None:
                stage = self._stage(*self.ctx.size)
                self.ctx.renderer.preload(step_moments(player), stage, (0, 0, *self.ctx.size), urgent=urgent)
        except Exception:   # drawing the slide sets a failing scene aside; asking ahead never fails the loop
            log.exception("the attract loop could not ask for a slide's pictures ahead")

    def on_tap(self, x: float, y: float, t: float) -> None:
        self.nav.go_home()

    def on_swipe(self, direction: str, t: float) -> None:
        self.nav.go_home()

    def on_long_press(self, x: float, y: float, t: float) -> None:
        pass  # a long press may be the start of the staff chord; the tap that follows starts the kiosk

    def moving(self, t: float) -> bool:
        return True

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        w, h = surface.get_size()
        age = t - self.started
        n = int(age // SLIDE_SECONDS)
        local = age - n * SLIDE_SECONDS
        stage = self._stage(w, h)
        self._draw_slide(surface, n, local, stage, 255)
        if local < FADE and n > 0:
            layer = self.ctx.renderer.snapshot_surface((w, h))   # one kept surface, not a new one per frame
            self._draw_slide(layer, n - 1, SLIDE_SECONDS + local, stage, 255)
            blit_faded(surface, layer, (0, 0), 1 - local / FADE)
        if h > w:
            self._draw_welcome(surface, stage)
        self._draw_prompt(surface, t)

    def _stage(self, w: int, h: int) -> tuple[int, int, int, int]:
        """Landscape: the picture above the prompt. Portrait: the clinic's welcome on top, the picture across
        the full width under it, the prompt large in the lower part (a tall screen, not a squeezed wide one)."""
        if h > w:
            return fit(STAGE_ASPECT, (0, int(h * 0.13), w, int(h * 0.5)))
        return fit(STAGE_ASPECT, (0, 0, w, int(h * 0.72)))

    def _draw_welcome(self, surface: pygame.Surface, stage: tuple[int, int, int, int]) -> None:
        from kiosk.app.screens.base import draw_text_block
        w, _ = surface.get_size()
        unit = self.ctx.layout.unit
        box = pygame.Rect(unit * 4, unit * 3, w - unit * 8, stage[1] - unit * 4)
        draw_text_block(surface, self.ctx.fonts, self.ctx.config.clinic.name, box, int(w * 0.075), bold=True,
                        center=True, role="title", balance=True)

    def _draw_slide(self, surface: pygame.Surface, n: int, local: float, stage: tuple, alpha: int) -> None:  # type: ignore[type-arg]
        ids = self.ctx.playable()
        scene_id = ids[n % len(ids)] if ids else None
        try:
            player = self._slide(n)
            if player is None:
                surface.fill((223, 243, 255))
                return
            frame = replace(player.frame(local), labels=(), callout=None, caption="")
            layout = replace(scene_layout(*surface.get_size()), stage=stage)
            self.ctx.renderer.draw_step(surface, frame, layout, "kids")
        except Exception:
            # One scene that fails is set aside; the loop (and the menu behind it) goes on with the others.
            log.exception("scene '%s' failed in the attract loop; it is set aside", scene_id)
            if scene_id is not None:
                self.ctx.broken.add(scene_id)
            self._players.clear()
            surface.fill((223, 243, 255))

    def _draw_prompt(self, surface: pygame.Surface, t: float) -> None:
        w, h = surface.get_size()
        unit = self.ctx.layout.unit
        if self._prompt is None or self._prompt[0] != (w, h):
            self._prompt = ((w, h), *self._make_prompt(w, h, unit))
        _, panel, picture, hand_at = self._prompt
        surface.blit(picture, panel.topleft)
        bob = math.sin((t - self.started) * 2 * math.pi / BOB_PERIOD) * unit * 0.6
        hand = self.ctx.assets.picture("ui/hand-tap.svg", (hand_at[2], hand_at[2]))
        surface.blit(hand, (hand_at[0], hand_at[1] + bob))

    def _make_prompt(self, w: int, h: int, unit: int) -> tuple:
        """The "Touch to start!" panel in every language, drawn once; only the hand moves."""
        langs = list(dict.fromkeys([self.ctx.config.default_language, *self.ctx.languages]))[:3]
        lines = [self.ctx.words.get("touch_to_start", lang) for lang in langs]
        px = int(min(w, h) * (0.095 if h > w else 0.075))
        while True:   # as large as the screen's width allows, hand and margins included
            fonts = [self.ctx.fonts.get(px if i == 0 else int(px * 0.6), bold=True) for i in range(len(lines))]
            widest = max(f.size(line)[0] for f, line in zip(fonts, lines))
            if widest + int(px * 2.2) + unit * 6 <= w - unit * 6 or px <= 12:
                break
            px = int(px * 0.94)
        rendered = [f.render(line, True, PLUM) for f, line in zip(fonts, lines)]
        if self.ctx.fonts.log is not None:
            for i, (f, line, r) in enumerate(zip(fonts, lines, rendered)):
                self.ctx.fonts.log.note("title" if i == 0 else "body", line, px if i == 0 else int(px * 0.6), [line],
                                        f, r.get_height(), (0, 0, w - unit * 12 - int(px * 2.2), r.get_height()),
                                        (w, h))
        hand = int(px * 2.2)
        inner_w = max(r.get_width() for r in rendered) + hand + unit * 2
        inner_h = max(sum(r.get_height() for r in rendered), hand)
        panel = pygame.Rect(0, 0, inner_w + unit * 4, inner_h + unit * 3)
        panel.midbottom = (w // 2, h - unit * 3)
        if h > w:   # portrait: in the middle of the room under the picture
            below = self._stage(w, h)[1] + self._stage(w, h)[3]
            panel.center = (w // 2, (below + h) // 2)
        picture = pygame.Surface((panel.width + unit, panel.height + unit), pygame.SRCALPHA)
        local = pygame.Rect(0, 0, panel.width, panel.height)
        draw_panel(picture, local, unit, fill=(255, 246, 214))
        pygame.draw.rect(picture, YELLOW, local, width=max(3, unit // 3), border_radius=unit * 2)
        y = local.centery - sum(r.get_height() for r in rendered) // 2
        for r in rendered:
            picture.blit(r, (unit * 4 + hand, y))
            y += r.get_height()
        return panel, picture, (panel.x + unit * 2, panel.centery - hand // 2, hand)
