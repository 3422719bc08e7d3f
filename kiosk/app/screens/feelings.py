"""A game's feelings check-in and its bravery sticker.

Before a game and after it: "How do you feel?" with three faces (happy, so-so, a bit worried); no words are needed
to answer. Only the day's total of each face is counted (`feeling_before` / `feeling_after`), never a visit.
After the game's check-in the child picks a bravery sticker, shown big with a cheer. Nobody touching is fine:
each screen moves on by itself, kindly, and the sticker screen goes back to the menu.
"""

from __future__ import annotations

import math
from typing import Optional

import pygame

from kiosk.app.context import AppContext
from kiosk.app.screens.base import LILAC, MINT, PINK, SKY, WHITE, YELLOW, Screen, draw_text_block
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM
from kiosk.draw.widgets import Button

FEELINGS = (("happy", "games/feel-happy.svg", YELLOW), ("okay", "games/feel-okay.svg", MINT),
            ("worried", "games/feel-worried.svg", LILAC))
STICKERS = (("star", "characters/star.svg", YELLOW), ("heart", "characters/heart.svg", PINK),
            ("sun", "characters/sun.svg", (255, 179, 138)), ("thumbs-up", "characters/thumbs-up.svg", SKY),
            ("brush", "characters/toothbrush.svg", MINT), ("bug", "characters/sugar-bug-running.svg", LILAC))
FEELING_WAIT = 15.0      # nobody answers: the game starts (or the stickers come) without counting anything
CHOSEN_SECONDS = 0.8     # the chosen face grows for this long before moving on
STICKER_WAIT = 20.0      # nobody picks a sticker: back to the menu
CHEER_SECONDS = 1.2      # the picked sticker pops up big
SHOWN_WAIT = 12.0        # the big sticker stays this long, then the menu


class FeelingsScreen(Screen):
    """Three faces; a tap counts that face for today and moves on to the game (before) or the sticker (after)."""

    name = "feelings"

    def __init__(self, ctx, nav, scene_id: str, when: str = "before") -> None:  # type: ignore[no-untyped-def]
        self.scene_id = scene_id
        self.when = when
        self.started = nav.t
        self.chosen: Optional[tuple[str, float]] = None
        super().__init__(ctx, nav)

    def build(self, layout: SceneLayout) -> list[Button]:
        w, h = layout.screen[2], layout.screen[3]
        top = layout.top_bar[3]
        size = int(min(w / 3.6, (h - top) * 0.48))
        gap = (w - size * 3) // 4
        y = top + int((h - top) * 0.40)
        return [Button(f"feel-{name}", pygame.Rect(gap + i * (size + gap), y, size, size),
                       lambda name=name: self.choose(name), icon=art, color=WHITE, extra_hit=gap // 3)
                for i, (name, art, _) in enumerate(FEELINGS)]

    def choose(self, feeling: str) -> None:
        if self.chosen is not None:
            return
        self.chosen = (feeling, self.nav.t)
        self.ctx.usage(f"feeling_{self.when}", feeling)

    def _next(self) -> None:
        if self.when == "before":
            self.nav.go("scene", scene_id=self.scene_id)
        else:
            self.nav.go("sticker", scene_id=self.scene_id)

    def update(self, t: float) -> None:
        if self.chosen is not None and t - self.chosen[1] >= CHOSEN_SECONDS:
            self.chosen = (self.chosen[0], math.inf)   # move on once
            self._next()
        elif self.chosen is None and t - self.started >= FEELING_WAIT:
            self.chosen = ("", math.inf)
            self._next()

    def moving(self, t: float) -> bool:
        return self.chosen is not None and math.isfinite(self.chosen[1])

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        draw_backdrop_and_heading(surface, self.ctx, "backgrounds/lilac.svg", self.ctx.say("how_do_you_feel"),
                                   px_share=0.075, gap_units=3, height_share=0.3)
        if self.chosen is not None and math.isfinite(self.chosen[1]):
            self._draw_chosen(surface, t)

    def _draw_chosen(self, surface: pygame.Surface, t: float) -> None:
        """The chosen face swells a little and gets a ring of its colour: "I saw you"."""
        feeling, when = self.chosen  # type: ignore[misc]
        button = next((b for b in self.buttons if b.name == f"feel-{feeling}"), None)
        if button is None:
            return
        color = next(c for n, _, c in FEELINGS if n == feeling)
        grow = min((t - when) / 0.3, 1.0)
        ring = button.rect.inflate(int(button.rect.width * 0.12 * grow) + 12, int(button.rect.height * 0.12 * grow) + 12)
        pygame.draw.ellipse(surface, color, ring, width=max(6, ring.width // 18))


class StickerScreen(Screen):
    """Pick a bravery sticker; it is shown big with a cheer, then back to the menu."""

    name = "sticker"

    def __init__(self, ctx, nav, scene_id: str) -> None:  # type: ignore[no-untyped-def]
        self.scene_id = scene_id
        self.started = nav.t
        self.picked: Optional[tuple[str, float]] = None
        super().__init__(ctx, nav)

    def build(self, layout: SceneLayout) -> list[Button]:
        if self.picked is not None:
            return self._after_buttons(layout)
        w, h = layout.screen[2], layout.screen[3]
        top = layout.top_bar[3]
        cols = 3
        size = int(min(w / (cols + 1.2), (h - top) * 0.30))
        gap_x = (w - size * cols) // (cols + 1)
        y0 = top + int((h - top) * 0.28)
        gap_y = int(size * 0.18)
        return [Button(f"sticker-{name}", pygame.Rect(gap_x + (i % cols) * (size + gap_x),
                                                      y0 + (i // cols) * (size + gap_y), size, size),
                       lambda name=name: self.pick(name), icon=art, color=color, extra_hit=gap_y // 2)
                for i, (name, art, color) in enumerate(STICKERS)]

    def _after_buttons(self, layout: SceneLayout) -> list[Button]:
        w, h = layout.screen[2], layout.screen[3]
        size = int(layout.button * 1.2)
        width = int(size * 4)
        y = h - size - layout.unit * 4
        return [Button("play-again", pygame.Rect(w // 2 - width - layout.unit * 2, y, width, size),
                       lambda: self.nav.play(self.scene_id), icon="ui/replay.svg", label=self.ctx.say("play_again"),
                       color=LILAC),
                Button("menu", pygame.Rect(w // 2 + layout.unit * 2, y, width, size), self.nav.go_home,
                       icon="ui/home.svg", label=self.ctx.say("menu"), color=YELLOW)]

    def pick(self, sticker: str) -> None:
        if self.picked is None:
            self.picked = (sticker, self.nav.t)
            self.relayout()

    def update(self, t: float) -> None:
        if self.picked is None and t - self.started >= STICKER_WAIT:
            self.nav.go_home()
        elif self.picked is not None and t - self.picked[1] >= SHOWN_WAIT:
            self.nav.go_home()

    def moving(self, t: float) -> bool:
        return self.picked is not None and t - self.picked[1] < CHEER_SECONDS

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        words = self.ctx.say("you_were_brave" if self.picked is not None else "pick_a_sticker")
        draw_backdrop_and_heading(surface, self.ctx, "backgrounds/lemon.svg", words, px_share=0.07, gap_units=2,
                                   height_share=0.2)
        if self.picked is not None:
            self._draw_big(surface, t, self.ctx.layout)

    def _draw_big(self, surface: pygame.Surface, t: float, layout: SceneLayout) -> None:
        """The sticker, big, popping up with a ring of stars around it."""
        name, when = self.picked  # type: ignore[misc]
        art, color = next((a, c) for n, a, c in STICKERS if n == name)
        w, h = layout.screen[2], layout.screen[3]
        age = t - when
        p = min(age / CHEER_SECONDS, 1.0)
        pop = 1 + 0.25 * math.sin(math.pi * min(p * 1.4, 1.0)) * (1 - p)
        size = int(min(w, h) * 0.38 * (0.6 + 0.4 * min(p * 2, 1.0)) * pop)
        centre = (w // 2, int(h * 0.55))
        badge = pygame.Rect(0, 0, size, size)
        badge.center = centre
        pygame.draw.ellipse(surface, WHITE, badge)
        pygame.draw.ellipse(surface, color, badge.inflate(-size // 10, -size // 10))
        pygame.draw.ellipse(surface, PLUM, badge, width=max(3, size // 40))
        picture = self.ctx.assets.picture(art, (int(size * 0.62), int(size * 0.62)))
        surface.blit(picture, picture.get_rect(center=centre))
        star = self.ctx.assets.picture("characters/star.svg", (size // 5, size // 5))
        for k in range(8):   # the cheer: stars fly out and stay around it
            angle = k * math.pi / 4 + p * 0.6
            r = size * (0.35 + 0.22 * min(p * 1.5, 1.0))   # the ring stays clear of the words and buttons
            surface.blit(star, star.get_rect(center=(centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle))))


def draw_backdrop_and_heading(surface: pygame.Surface, ctx: AppContext, background: str, words: str,
                               px_share: float, gap_units: int, height_share: float) -> None:
    """The screen's background and its heading across the top, under the top bar: the text is
    `px_share` of the shorter side, `gap_units` below the bar, in a band `height_share` of the space below it."""
    layout = ctx.layout
    ctx.renderer.draw_background(surface, background, layout.screen)
    w, h = layout.screen[2], layout.screen[3]
    top = layout.top_bar[3]
    draw_text_block(surface, ctx.fonts, words,
                    pygame.Rect(0, top + layout.unit * gap_units, w, int((h - top) * height_share)),
                    int(min(w, h) * px_share), bold=True, center=True)
