"""Questions parents ask: pick a question from a list that pages, read the answer, open the scene it points to.

Each question is a row a finger can hit (at least 90 px on a 1080-line screen, scaled with the screen) in
words at least the parents' caption size. Questions with a `topic` are grouped under it; the list pages when
the questions do not all fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pygame

from kiosk.app.screens.base import SKY, WHITE, YELLOW, Screen, draw_panel, draw_text_block
from kiosk.content.language import pick
from kiosk.draw.display_list import Item, item
from kiosk.draw.layout import SceneLayout
from kiosk.draw.text import fit_text, role_min_px
from kiosk.draw.widgets import Button
from kiosk.voice.lines import faq_line
from kiosk.voice.policy import speaks_by_itself, tap_to_hear, voice_volume

ROW_SHARE = 90 / 1080      # a row's least height, as a share of the screen's shorter side
QUESTION_SHARE = 0.034     # the questions' size, as a share of the shorter side
ROW_LINES = 3              # a question may take up to this many lines before it shrinks


@dataclass(frozen=True)
class Row:
    """One line of the list: a topic's heading (question None) or a question (its index in the FAQ)."""

    text: str
    question: Optional[int]
    height: int


class FaqScreen(Screen):
    name = "faq"

    def __init__(self, ctx, nav, selected: int = 0, page: Optional[int] = None) -> None:  # type: ignore[no-untyped-def]
        self.selected = selected
        self.page = page
        self._pages: list[list[Row]] = []
        super().__init__(ctx, nav)
        ctx.usage("faq_opened", "")

    def _questions(self) -> list:  # type: ignore[type-arg]
        faq = self.ctx.library.faq
        return list(faq.questions) if faq is not None else []

    def _text(self, text) -> str:  # type: ignore[no-untyped-def]
        return pick(text, self.ctx.session.lang, self.ctx.library.default_lang)

    def _topic(self, question) -> str:  # type: ignore[no-untyped-def]
        topic = getattr(question, "topic", None)   # optional: files without topics list questions as written
        return self._text(topic) if topic else ""

    def _areas(self, layout: SceneLayout) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        w, h = self.ctx.size
        gap = layout.unit * 2
        top = layout.top_bar[3] + gap
        foot_h = int(layout.button * 0.9)
        body = pygame.Rect(gap, top, w - gap * 2, h - top - foot_h - gap * 2)
        foot = pygame.Rect(gap, h - foot_h - gap, w - gap * 2, foot_h)
        if layout.portrait:
            questions = pygame.Rect(body.x, body.y, body.width, int(body.height * 0.56))
            answer = pygame.Rect(body.x, questions.bottom + gap, body.width, body.height - questions.height - gap)
        else:
            questions = pygame.Rect(body.x, body.y, int(body.width * 0.46), body.height)
            answer = pygame.Rect(questions.right + gap, body.y, body.width - questions.width - gap, body.height)
        return questions, answer, foot

    # --- the list and its pages -------------------------------------------------------------------------
    def _question_px(self) -> int:
        short = min(self.ctx.size)
        return max(int(short * QUESTION_SHARE), role_min_px("question", short))

    def _rows(self, width: int) -> list[Row]:
        """Topic headings and questions, grouped by topic in the order topics first appear."""
        items = self._questions()
        short = min(self.ctx.size)
        unit = self.ctx.layout.unit
        least = max(int(short * ROW_SHARE), 1)
        px = self._question_px()
        font_at = lambda p, bold=False: self.ctx.fonts.get(p, bold=bold)  # noqa: E731
        order: dict[str, list[int]] = {}
        for i, q in enumerate(items):
            order.setdefault(self._topic(q), []).append(i)
        rows: list[Row] = []
        for topic, members in order.items():
            if topic:
                line = font_at(px, True).get_linesize()
                rows.append(Row(topic, None, line + unit))
            for i in members:
                fitted = fit_text(self._text(items[i].question), font_at, width, 10 ** 6, px, px)
                lines = min(len(fitted.lines), ROW_LINES)
                rows.append(Row(self._text(items[i].question), i, max(least, lines * fitted.line_height + unit * 2)))
        return rows

    def _paginate(self, rows: list[Row], height: int, gap: int) -> list[list[Row]]:
        """Rows into pages of at most `height`; a topic that goes on over a page shows its heading again, and a
        heading never stays alone at the foot of a page."""
        pages: list[list[Row]] = [[]]
        used = 0
        for row in rows:
            if pages[-1] and used + row.height > height:
                carry: Optional[Row] = None
                if pages[-1][-1].question is None:
                    carry = pages[-1].pop()
                elif row.question is not None:
                    carry = next((r for r in reversed(pages[-1]) if r.question is None), None)
                pages.append([])
                used = 0
                if carry is not None and row.question is not None:
                    pages[-1].append(carry)
                    used = carry.height + gap
            pages[-1].append(row)
            used += row.height + gap
        return [page for page in pages if page]

    def _page_of(self, question: int) -> int:
        for n, page in enumerate(self._pages):
            if any(r.question == question for r in page):
                return n
        return 0

    def build(self, layout: SceneLayout) -> list[Button]:
        questions, answer, _ = self._areas(layout)
        items = self._questions()
        out: list[Button] = []
        if not items:
            self._pages = []
            return out
        self.selected = min(max(self.selected, 0), len(items) - 1)
        gap = layout.unit
        pager_h = layout.button
        rows = self._rows(questions.width - layout.unit * 4)
        self._pages = self._paginate(rows, questions.height, gap)
        if len(self._pages) > 1:   # the pager takes the foot of the list
            self._pages = self._paginate(rows, questions.height - pager_h - gap, gap)
        if self.page is None or not 0 <= self.page < len(self._pages):
            self.page = self._page_of(self.selected)
        y = questions.y
        for row in self._pages[self.page]:
            rect = pygame.Rect(questions.x, y, questions.width, row.height)
            y += row.height + gap
            if row.question is None:
                continue   # a topic heading: drawn, not pressed
            i = row.question
            out.append(Button(f"q{i}", rect, lambda i=i: self._select(i), label="",
                              color=YELLOW if i == self.selected else WHITE, selected=i == self.selected,
                              meta={"question": i, "text": row.text}))
        if len(self._pages) > 1:
            size = layout.button
            bottom = questions.bottom
            back = pygame.Rect(questions.x, bottom - size, size * 2, size)
            more = pygame.Rect(questions.right - size * 2, bottom - size, size * 2, size)
            out.append(Button("page-back", back, lambda: self._turn(-1), icon="ui/back.svg", color=SKY,
                              enabled=self.page > 0))
            out.append(Button("page-next", more, lambda: self._turn(1), icon="ui/next.svg", color=SKY,
                              enabled=self.page < len(self._pages) - 1))
        current = items[self.selected]
        if current.scene and current.scene in self.ctx.library.scenes:
            rect = pygame.Rect(0, 0, int(layout.button * 3.2), layout.button)
            rect.bottomright = (answer.right - layout.unit * 2, answer.bottom - layout.unit * 2)
            out.append(Button("open-scene", rect, lambda s=current.scene: self.nav.play(s), icon="ui/play.svg",
                              label=self.ctx.say("open_scene"), color=SKY))
        if self._can_read():   # "read to me": the answer aloud
            rect = pygame.Rect(answer.x + layout.unit * 2, 0, layout.button, layout.button)
            rect.bottom = answer.bottom - layout.unit * 2
            out.append(Button("read-to-me", rect, self._read_answer, icon="ui/read-to-me.svg", color=YELLOW))
        return out

    def _can_read(self) -> bool:
        return self.ctx.narrator is not None and tap_to_hear(self.ctx.config.sound, self.ctx.session, "parents",
                                                             self.ctx.epoch())

    def _read_answer(self) -> None:
        line = faq_line(self.ctx.library, self.selected, self.ctx.session.lang)
        if line is not None and self.ctx.narrator is not None:
            self.ctx.narrator.set_volume(voice_volume(self.ctx.config.sound, self.ctx.session))  # type: ignore
            self.ctx.narrator.speak(line, self.nav.t)  # type: ignore[attr-defined]

    def leave(self) -> None:
        if self.ctx.narrator is not None:
            self.ctx.narrator.stop()  # type: ignore[attr-defined]

    def update(self, t: float) -> None:
        if self.ctx.narrator is not None:
            self.ctx.narrator.update(t)  # type: ignore[attr-defined]

    def _select(self, i: int) -> None:
        self.selected = i
        items = self._questions()
        if 0 <= i < len(items):
            default = self.ctx.library.default_lang
            self.ctx.usage("faq_question", pick(items[i].question, default, default)[:64])
        self.relayout()

    def _turn(self, by: int) -> None:
        self.page = min(max((self.page or 0) + by, 0), max(len(self._pages) - 1, 0))
        self.relayout()

    def session_changed(self) -> None:
        self.page = None   # another language wraps differently: show the page with the chosen question
        self.relayout()
        self.leave()   # the last answer stops; with narration for everyone, the new one is read
        if self.ctx.narrator is not None and speaks_by_itself(self.ctx.config.sound, self.ctx.session, "parents",
                                                              self.ctx.epoch()):
            self._read_answer()

    def on_swipe(self, direction: str, t: float) -> None:
        if len(self._pages) > 1 and direction in ("up", "left"):
            self._turn(1)
        elif len(self._pages) > 1 and direction in ("down", "right"):
            self._turn(-1)

    # --- drawing ------------------------------------------------------------------------------------------
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
                                   bold=True, role="question")
            bottom_room = layout.button + layout.unit * 2 if current.scene or self._can_read() else 0
            draw_text_block(surface, self.ctx.fonts, self._text(current.answer),
                            pygame.Rect(inner.x, inner.y + used + layout.unit, inner.width,
                                        inner.height - used - layout.unit - bottom_room), int(short * 0.038))
            self._draw_headings(surface, questions, layout)
            self._draw_page_number(surface, questions, layout)
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), foot, int(short * 0.03), center=True,
                        role="fine")

    def _draw_headings(self, surface: pygame.Surface, questions: pygame.Rect, layout: SceneLayout) -> None:
        if not self._pages:
            return
        y = questions.y
        for row in self._pages[self.page or 0]:
            if row.question is None:
                box = pygame.Rect(questions.x + layout.unit, y, questions.width - layout.unit * 2, row.height)
                draw_text_block(surface, self.ctx.fonts, row.text, box, self._question_px(), bold=True,
                                role="question")
            y += row.height + layout.unit

    def _draw_page_number(self, surface: pygame.Surface, questions: pygame.Rect, layout: SceneLayout) -> None:
        if len(self._pages) < 2:
            return
        size = layout.button
        box = pygame.Rect(questions.x + size * 2, questions.bottom - size, questions.width - size * 4, size)
        text = f"{(self.page or 0) + 1} / {len(self._pages)}"
        font = self.ctx.fonts.get(int(size * 0.4), bold=True)
        rendered = font.render(text, True, (61, 44, 94))
        surface.blit(rendered, rendered.get_rect(center=box.center))

    def items(self, t: float) -> list[Item]:
        """The screen's items, then each question's words over its row (keyed by what they show)."""
        out = super().items(t)
        unit = self.ctx.layout.unit
        px = self._question_px()
        for button in self.buttons:
            if "question" in button.meta:
                box = button.rect.inflate(-unit * 4, -unit)
                text, bold = button.meta["text"], button.selected
                out.append(item(box, ("question", text, tuple(box), bold, px),
                                lambda surface, tx=text, b=box, bd=bold: draw_text_block(
                                    surface, self.ctx.fonts, tx, b, px, bold=bd, role="question")))
        return out
