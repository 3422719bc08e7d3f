"""Questions parents ask: pick a question, read the answer, open the scene it points to."""

from __future__ import annotations

import pygame

from kiosk.app.screens.base import SKY, WHITE, YELLOW, Screen, draw_panel, draw_text_block
from kiosk.content.language import pick
from kiosk.draw.layout import SceneLayout
from kiosk.draw.widgets import Button


class FaqScreen(Screen):
    name = "faq"

    def __init__(self, ctx, nav, selected: int = 0) -> None:  # type: ignore[no-untyped-def]
        self.selected = selected
        super().__init__(ctx, nav)

    def _questions(self) -> list:  # type: ignore[type-arg]
        faq = self.ctx.library.faq
        return list(faq.questions) if faq is not None else []

    def _text(self, text) -> str:  # type: ignore[no-untyped-def]
        return pick(text, self.ctx.session.lang, self.ctx.library.default_lang)

    def _areas(self, layout: SceneLayout) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        w, h = self.ctx.size
        gap = layout.unit * 2
        top = layout.top_bar[3] + gap
        foot_h = int(layout.button * 0.9)
        body = pygame.Rect(gap, top, w - gap * 2, h - top - foot_h - gap * 2)
        foot = pygame.Rect(gap, h - foot_h - gap, w - gap * 2, foot_h)
        if layout.portrait:
            questions = pygame.Rect(body.x, body.y, body.width, int(body.height * 0.5))
            answer = pygame.Rect(body.x, questions.bottom + gap, body.width, body.height - questions.height - gap)
        else:
            questions = pygame.Rect(body.x, body.y, int(body.width * 0.42), body.height)
            answer = pygame.Rect(questions.right + gap, body.y, body.width - questions.width - gap, body.height)
        return questions, answer, foot

    def build(self, layout: SceneLayout) -> list[Button]:
        questions, answer, _ = self._areas(layout)
        items = self._questions()
        out: list[Button] = []
        if not items:
            return out
        gap = layout.unit
        row = min(int(layout.button * 1.05), (questions.height - gap * (len(items) - 1)) // len(items))
        for i, q in enumerate(items):
            rect = pygame.Rect(questions.x, questions.y + i * (row + gap), questions.width, row)
            out.append(Button(f"q{i}", rect, lambda i=i: self._select(i), label="", color=YELLOW if i == self.selected
                              else WHITE, selected=i == self.selected, meta={"question": i}))
        current = items[min(self.selected, len(items) - 1)]
        if current.scene and current.scene in self.ctx.library.scenes:
            rect = pygame.Rect(0, 0, int(layout.button * 3.2), layout.button)
            rect.bottomright = (answer.right - layout.unit * 2, answer.bottom - layout.unit * 2)
            out.append(Button("open-scene", rect, lambda s=current.scene: self.nav.play(s), icon="ui/play.svg",
                              label=self.ctx.say("open_scene"), color=SKY))
        return out

    def _select(self, i: int) -> None:
        self.selected = i
        self.relayout()

    def on_swipe(self, direction: str, t: float) -> None:
        n = len(self._questions())
        if n and direction in ("up", "left"):
            self._select((self.selected + 1) % n)
        elif n and direction in ("down", "right"):
            self._select((self.selected - 1) % n)

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        layout = self.ctx.layout
        self.ctx.renderer.draw_background(surface, "backgrounds/lilac.svg", layout.screen)
        questions, answer, foot = self._areas(layout)
        items = self._questions()
        draw_panel(surface, answer, layout.unit)
        inner = answer.inflate(-layout.unit * 4, -layout.unit * 4)
        short = min(self.ctx.size)
        if items:
            current = items[min(self.selected, len(items) - 1)]
            used = draw_text_block(surface, self.ctx.fonts, self._text(current.question),
                                   pygame.Rect(inner.x, inner.y, inner.width, inner.height // 3), int(short * 0.045),
                                   bold=True)
            bottom_room = layout.button + layout.unit * 2 if current.scene else 0
            draw_text_block(surface, self.ctx.fonts, self._text(current.answer),
                            pygame.Rect(inner.x, inner.y + used + layout.unit, inner.width,
                                        inner.height - used - layout.unit - bottom_room), int(short * 0.04))
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), foot, int(short * 0.03), center=True)

    def draw(self, surface: pygame.Surface, t: float) -> None:
        super().draw(surface, t)
        unit = self.ctx.layout.unit
        for button in self.buttons:
            if "question" in button.meta:
                q = self._questions()[button.meta["question"]]
                box = button.rect.inflate(-button.rect.height // 2, -unit)
                draw_text_block(surface, self.ctx.fonts, self._text(q.question), box,
                                int(button.rect.height * 0.32), bold=button.selected, min_px=12)
