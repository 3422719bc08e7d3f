"""Touch buttons: big, well spaced, and visibly pressed on the very frame a finger lands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

import pygame

from kiosk.draw.assets import AssetCache, Fonts
from kiosk.draw.palette import PLUM

if TYPE_CHECKING:
    from kiosk.draw.render import Renderer

WHITE = (255, 255, 255)
PRESSED_DARKEN = 0.82
MIN_LABEL_PX = 12     # the smallest a button's words may shrink to (the layouts keep them far larger)
ButtonAction = Callable[[], None]


@dataclass
class Button:
    """A round (icon) or pill (label) button. `rect` is in screen pixels."""

    name: str
    rect: pygame.Rect
    action: ButtonAction
    icon: Optional[str] = None          # art path, e.g. ui/next.svg
    label: str = ""
    color: tuple[int, int, int] = (255, 214, 107)
    selected: bool = False
    enabled: bool = True
    extra_hit: int = 0                  # pixels added around the rect for hit testing (small children's fingers)
    meta: dict = field(default_factory=dict)

    def hit(self, x: float, y: float) -> bool:
        return self.enabled and self.rect.inflate(self.extra_hit * 2, self.extra_hit * 2).collidepoint(x, y)


def darker(color: tuple[int, int, int], factor: float = PRESSED_DARKEN) -> tuple[int, int, int]:
    return (int(color[0] * factor), int(color[1] * factor), int(color[2] * factor))


def button_look(button: Button, pressed: bool) -> tuple:
    """Everything the button's picture depends on (its place included)."""
    return ("button", tuple(button.rect), button.icon, button.label, button.color, button.selected, button.enabled,
            pressed, bool(button.meta.get("stacked")))


def _margin(button: Button) -> int:
    """The transparent margin around a button's picture, room for its shadow and selection ring."""
    return max(4, min(button.rect.size) // 8)


def button_bounds(button: Button) -> pygame.Rect:
    """Everything the button may paint."""
    margin = _margin(button)
    return button.rect.inflate(margin * 2, margin * 2)


def draw_button(surface: pygame.Surface, button: Button, renderer: "Renderer", pressed: bool = False) -> None:
    """Blit the button's picture, drawn once per look (size, icon, words, colour, state) and then reused."""
    key = ("button", button.rect.size, *button_look(button, pressed)[2:])
    picture = renderer.kept(key, lambda: _button_picture(button, renderer.assets, renderer.fonts, pressed))
    surface.blit(picture, button_bounds(button).topleft)


def _button_picture(button: Button, assets: AssetCache, fonts: Fonts, pressed: bool) -> pygame.Surface:
    """The button with its shadow, on a transparent margin, drawn at the origin."""
    margin = _margin(button)
    picture = pygame.Surface((button.rect.width + margin * 2, button.rect.height + margin * 2), pygame.SRCALPHA)
    local = Button(button.name, pygame.Rect(margin, margin, *button.rect.size), button.action, button.icon,
                   button.label, button.color, button.selected, button.enabled,
                   meta={"stacked": bool(button.meta.get("stacked"))})
    _paint_button(picture, local, assets, fonts, pressed)
    return picture


def _paint_button(surface: pygame.Surface, button: Button, assets: AssetCache, fonts: Fonts, pressed: bool) -> None:
    rect = button.rect.copy()
    if pressed:
        rect = rect.inflate(-rect.width // 12, -rect.height // 12)
    fill = darker(button.color) if pressed else button.color
    if not button.enabled:
        fill = (225, 222, 232)
    radius = min(rect.width, rect.height) // 2
    outline = max(2, min(rect.width, rect.height) // 22)
    shadow = rect.move(0, outline * 2)
    pygame.draw.rect(surface, darker(fill, 0.75), shadow, border_radius=radius)
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if button.selected:
        pygame.draw.rect(surface, PLUM, rect.inflate(outline * 3, outline * 3), width=outline * 2,
                         border_radius=radius + outline * 2)
    else:
        pygame.draw.rect(surface, PLUM, rect, width=outline, border_radius=radius)
    if button.meta.get("stacked") and button.icon and button.label:
        _paint_stacked(surface, button, assets, fonts, rect)
        return
    icon_size = int(min(rect.width, rect.height) * 0.62)
    content_w = 0
    icon = None
    if button.icon:
        icon = assets.picture(button.icon, (icon_size, icon_size))
        content_w += icon.get_width()
    lines: list[pygame.Surface] = []
    if button.label:
        lines = _label_lines(surface, button, fonts, rect, icon_size if icon else 0)
        content_w += max(line.get_width() for line in lines) + (rect.height // 8 if icon else 0)
    x = rect.centerx - content_w // 2
    if icon is not None:
        surface.blit(icon, (x, rect.centery - icon.get_height() // 2))
        x += icon.get_width() + rect.height // 8
    if lines:
        y = rect.centery - sum(line.get_height() for line in lines) // 2
        block = max(line.get_width() for line in lines)
        for line in lines:
            surface.blit(line, (x + (block - line.get_width()) // 2, y))
            y += line.get_height()


def _paint_stacked(surface: pygame.Surface, button: Button, assets: AssetCache, fonts: Fonts,
                   rect: pygame.Rect) -> None:
    """The icon above its word, for a narrow screen's bar: both fit a button's height whole."""
    from kiosk.draw.text import clip_to_width, fit_text
    icon_size = int(rect.height * 0.42)
    width, height = rect.width - rect.height // 5, rect.height - icon_size - rect.height // 8
    fitted = fit_text(button.label, lambda p: fonts.get(p, bold=True), width, height, int(rect.height * 0.3),
                      MIN_LABEL_PX)
    font = fonts.get(fitted.px, bold=True)
    text = font.render(fitted.lines[0] if len(fitted.lines) == 1 else clip_to_width(button.label, font, width), True,
                       PLUM)
    top = rect.centery - (icon_size + font.get_height()) // 2
    icon = assets.picture(button.icon or "", (icon_size, icon_size))
    surface.blit(icon, (rect.centerx - icon.get_width() // 2, top))
    surface.blit(text, (rect.centerx - text.get_width() // 2, top + icon_size))
    if fonts.log is not None:
        fonts.log.note("button", button.label, fitted.px, fitted.lines, font, font.get_height(),
                       (rect.centerx - width // 2, top + icon_size, width, height), surface.get_size())


def _label_lines(surface: pygame.Surface, button: Button, fonts: Fonts, rect: pygame.Rect,
                 icon_w: int) -> list[pygame.Surface]:
    """The words, whole: on one line, shrunk a little if need be, else on two lines (never cut short)."""
    from kiosk.draw.text import balanced, fit_text
    max_px = int(min(rect.height * 0.40, 64))
    width = max(1, rect.width - icon_w - rect.height // 2 - (rect.height // 8 if icon_w else 0))
    height = int(rect.height * 0.86)
    fitted = fit_text(button.label, lambda p: fonts.get(p, bold=True), width, height, max_px, min(MIN_LABEL_PX,
                                                                                                     max_px))
    font = fonts.get(fitted.px, bold=True)
    lines = balanced(button.label, font, width)   # two even lines, never one word left alone on the second
    if fonts.log is not None:
        box = (rect.centerx - width // 2, rect.centery - height // 2, width, height)
        fonts.log.note("button", button.label, fitted.px, lines, font, font.get_linesize(), box,
                       surface.get_size())
    color = PLUM if button.enabled else (130, 120, 150)
    return [font.render(line, True, color) for line in lines]


def button_at(buttons: list[Button], x: float, y: float) -> Optional[Button]:
    """The topmost button under a point (later buttons are drawn on top)."""
    for button in reversed(buttons):
        if button.hit(x, y):
            return button
    return None
