"""What every screen shares: the app context, the session that resets for each family, the top bar,
and the base class that turns commands into button presses.

A screen takes commands and time and draws itself; it never reads a clock or the event queue.
"""

from __future__ import annotations

import logging
from typing import Callable, Optional

import pygame

from kiosk.app.context import AppContext, Navigation
from kiosk.app.input import Command, Key, LongPress, Press, Release, Swipe, Tap
from kiosk.content.language import native_name
from kiosk.draw.assets import Fonts
from kiosk.draw.display_list import Item, item, paint
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM
from kiosk.draw.render import Renderer
from kiosk.draw.widgets import Button, button_at, button_bounds, button_look, draw_button

log = logging.getLogger(__name__)

YELLOW = (255, 214, 107)
MINT = (123, 220, 181)
SKY = (142, 209, 252)
PINK = (244, 166, 193)
LILAC = (184, 164, 245)
PEACH = (255, 179, 138)
WHITE = (255, 255, 255)


class Screen:
    """Base screen: buttons with pressed feedback, taps and swipes routed to small hooks."""

    name = "screen"
    top_bar = True
    max_fps: Optional[int] = None   # a calm screen may ask to be drawn less often than the display allows

    def __init__(self, ctx: AppContext, nav: "Navigation") -> None:
        self.ctx = ctx
        self.nav = nav
        self.pressed: Optional[Button] = None
        self.buttons: list[Button] = []
        self.relayout()

    # --- hooks for subclasses ---------------------------------------------------------------------------
    def build(self, layout: SceneLayout) -> list[Button]:
        return []

    def on_tap(self, x: float, y: float, t: float) -> None:
        """A tap that hit no button."""

    def on_swipe(self, direction: str, t: float) -> None:
        pass

    def on_long_press(self, x: float, y: float, t: float) -> None:
        pass

    def on_key(self, name: str, t: float) -> None:
        pass

    def update(self, t: float) -> None:
        pass

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        pass

    def moving(self, t: float) -> bool:
        return False

    def telling(self, t: float) -> bool:
        """True while the screen still has story to show by itself (a scene playing on): watching is not idle."""
        return False

    def library_changed(self) -> None:
        """The library was reloaded; rebuild what depends on it (default: the buttons)."""
        self.relayout()

    def leave(self) -> None:
        """Another screen takes over: stop anything this one started (a voice reading)."""

    # --- machinery ----------------------------------------------------------------------------------------
    def relayout(self) -> None:
        self.ctx.assets.known_point()   # new buttons: the next frame may wait (bounded) for their pictures
        layout = self.ctx.layout
        own = self.build(layout)
        self.buttons = (top_bar_buttons(self.ctx, self.nav, layout, self.name) if self.top_bar else []) + own
        self.pressed = None

    def handle(self, cmd: Command) -> None:
        if isinstance(cmd, Press):
            self.pressed = button_at(self.buttons, cmd.x, cmd.y)
        elif isinstance(cmd, Release):
            self.pressed = None
        elif isinstance(cmd, Tap):
            button = button_at(self.buttons, cmd.x, cmd.y)
            self.pressed = None
            if button is not None:
                self._click_sound()
                button.action()
            else:
                self.on_tap(cmd.x, cmd.y, cmd.t)
        elif isinstance(cmd, Swipe):
            self.pressed = None
            self.on_swipe(cmd.direction, cmd.t)
        elif isinstance(cmd, LongPress):
            self.on_long_press(cmd.x, cmd.y, cmd.t)
        elif isinstance(cmd, Key):
            self.on_key(cmd.name, cmd.t)

    def _click_sound(self) -> None:
        session = self.ctx.session
        if session.sound and self.ctx.sounds is not None:
            self.ctx.sounds.tick(session.volume)  # type: ignore[attr-defined]

    def draw(self, surface: pygame.Surface, t: float) -> None:
        """The whole screen at t (a fade's snapshot, a still): every item, each in its own rectangle."""
        paint(surface, self.items(t))

    def items(self, t: float) -> list[Item]:
        """The screen at t as a display list (kiosk/draw/display_list.py): what it draws, where, and what each
        part's pixels depend on. Must not change the screen's state: drawing a frame twice draws it the same."""
        return self.content_items(t) + self.chrome_items()

    def content_items(self, t: float) -> list[Item]:
        """What the screen draws under its buttons. By default one item over the whole screen that changes every
        frame: a screen that knows better (the scene) says which parts changed."""
        return [item(self.ctx.layout.screen, None, lambda surface: self.draw_content(surface, t))]

    def chrome_items(self) -> list[Item]:
        """The top bar's band and every button, each keyed by its look."""
        renderer = self.ctx.renderer
        out = []
        if self.top_bar:
            band = self.ctx.layout.top_bar
            out.append(item(band, ("band", band), lambda surface: draw_top_bar_backdrop(surface, self.ctx.layout,
                                                                                         renderer)))
        for button in self.buttons:
            pressed = button is self.pressed
            out.append(item(button_bounds(button), button_look(button, pressed),
                            lambda surface, b=button, p=pressed: draw_button(surface, b, renderer, pressed=p)))
        return out


# --- the top bar -------------------------------------------------------------------------------------------
def draw_top_bar_backdrop(surface: pygame.Surface, layout: SceneLayout, renderer: Renderer) -> None:
    """A soft white band so the bar's buttons read on any background (made once per size)."""
    x, y, w, h = layout.top_bar

    def band() -> pygame.Surface:
        made = pygame.Surface((w, h), pygame.SRCALPHA)
        made.fill((255, 255, 255, 150))
        return made
    surface.blit(renderer.kept(("band", w, h), band), (x, y))


def top_bar_buttons(ctx: AppContext, nav: "Navigation", layout: SceneLayout, current: str) -> list[Button]:
    """Home; the Kids / Parents choice (both shown, side by side with icons, the current one marked); the
    languages, each in its own name; questions (in kids' mode too: it leads a parent to the parents' mode) and
    contact. Pills are as wide as their words need, at the largest size that lets the whole bar fit."""
    from kiosk.draw.text import role_min_px
    size = layout.button
    gap = max(8, layout.unit)
    y = (layout.top_bar[3] - size) // 2
    width = layout.screen[2]
    session = ctx.session
    buttons: list[Button] = []
    x = gap * 2
    if current != "home":
        buttons.append(Button("home", pygame.Rect(x, y, size, size), nav.go_home, icon="ui/home.svg",
                              color=YELLOW, extra_hit=gap // 2))
    left_edge = x + (size + gap * 2 if current != "home" else 0)
    if current == "home":
        left_edge += int(width * 0.22) if not layout.portrait else 0   # room for the clinic's name
    parents = session.audience == "parents"
    audience = [("kids", "ui/kids.svg", MINT), ("parents", "ui/parents.svg", LILAC)]
    langs = [(lang, native_name(lang)) for lang in ctx.languages]
    fonts = ctx.fonts
    icon = int(size * 0.62)

    def widths(px: int, stacked: bool) -> tuple[list[int], list[int]]:
        font = fonts.get(px, bold=True)
        if stacked:   # the icon above its word: narrow screens
            halves = [max(int(size * 0.5), font.size(ctx.say(key))[0]) + int(size * 0.4) for key, _, _ in audience]
        else:
            halves = [icon + size // 8 + font.size(ctx.say(key))[0] + size // 2 + 4 for key, _, _ in audience]
        pills = [max(size, font.size(name)[0] + size // 2 + 4) for _, name in langs]
        return halves, pills

    pair_gap = max(10, gap // 2)   # the two choices sit close, as one control, yet a finger tells them apart
    fixed = size * 2 + gap * 4 + pair_gap   # questions, contact, the gaps between groups
    least = role_min_px("button", min(ctx.size))
    choice = None
    for stacked in (False, True):
        for px in range(int(size * 0.40), least - 1, -1):
            halves, pills = widths(px, stacked)
            if sum(halves) + sum(pills) + gap * len(pills) + fixed <= width - left_edge:
                choice = (px, stacked, halves, pills)
                break
        if choice:
            break
    if choice is None:
        halves, pills = widths(least, True)
        choice = (least, True, halves, pills)
    _, stacked, halves, pills = choice
    right: list[tuple[str, int, Callable[[], None], dict, int]] = []   # name, width, action, look, gap after
    for (key, art, color), w in zip(audience, halves):
        chosen = (key == "parents") == parents
        right.append((f"audience-{key}", w, (lambda k=key: nav.set_audience(k)), {
            "icon": art, "label": ctx.say(key), "color": color if chosen else WHITE, "selected": chosen,
            "meta": {"stacked": stacked, "segment": True}}, pair_gap))
    right[0] = (*right[0][:4], gap)   # a small gap inside the pair, an ordinary one before it
    for (lang, name), w in zip(langs, pills):
        right.append((f"lang-{lang}", w, (lambda l=lang: nav.set_language(l)), {
            "label": name, "color": WHITE, "selected": lang == session.lang}, gap))
    right.append(("faq", size, nav.open_faq, {"icon": "ui/faq.svg", "color": SKY,
                                              "selected": current == "faq"}, gap))
    right.append(("clinic", size, lambda: nav.go("clinic"), {"icon": "ui/clinic.svg", "color": PINK,
                                                             "selected": current == "clinic"}, gap))
    rx = width - gap * 2
    for name, w, action, kw, after in reversed(right):
        rx -= w
        buttons.append(Button(name, pygame.Rect(rx, y, w, size), action, extra_hit=gap // 3, **kw))
        rx -= after
    return buttons


def draw_text_block(surface: pygame.Surface, fonts: Fonts, text: str, rect: pygame.Rect, px: int,
                    bold: bool = False, color: tuple[int, int, int] = PLUM, center: bool = False,
                    min_px: Optional[int] = None, role: str = "body", short: Optional[int] = None,
                    balance: bool = False) -> int:
    """Wrap and fit text into rect (wrap first, then shrink, never below its role's smallest size: `short` is
    the screen's shorter side when `surface` is only part of it); returns the height used."""
    from kiosk.draw.text import balanced, fit_text, role_min_px
    least = min_px if min_px is not None else role_min_px(role, short or min(surface.get_size()))
    fitted = fit_text(text, lambda p: fonts.get(p, bold=bold), rect.width, rect.height, max(px, least), least)
    font = fonts.get(fitted.px, bold=bold)
    lines = balanced(text, font, rect.width) if balance else list(fitted.lines)
    if fonts.log is not None:
        fonts.log.note(role, text, fitted.px, lines, font, fitted.line_height, tuple(rect), surface.get_size())
    y = rect.y
    for line in lines:
        rendered = font.render(line, True, color)
        x = rect.x + (rect.width - rendered.get_width()) // 2 if center else rect.x
        surface.blit(rendered, (x, y))
        y += fitted.line_height
    return y - rect.y


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, unit: int, fill=WHITE, alpha: int = 255) -> None:  # type: ignore[no-untyped-def]
    radius = unit * 2
    shadow = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(shadow, (61, 44, 94, 40), shadow.get_rect(), border_radius=radius)
    surface.blit(shadow, rect.move(unit // 2, unit // 2))
    if alpha >= 255:
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
    else:
        panel = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(panel, (*fill, alpha), panel.get_rect(), border_radius=radius)
        surface.blit(panel, rect)
