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
            pressed)


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
                   button.label, button.color, button.selected, button.enabled)
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
    icon_size = int(min(rect.width, rect.height) * 0.62)
    content_w = 0
    icon = None
    if button.icon:
        icon = assets.picture(button.icon, (icon_size, icon_size))
        content_w += icon.get_width()
    text = None
    if button.label:
        px = int(min(rect.height * 0.40, 64))
        font = fonts.get(px, bold=True)
        max_w = rect.width - (icon_size if icon else 0) - rect.height // 2
        label = button.label
        while font.size(label)[0] > max_w and len(label) > 2:
            label = label[:-2] + "…"
        text = font.render(label, True, PLUM if button.enabled else (130, 120, 150))
        content_w += text.get_width() + (rect.height // 8 if icon else 0)
    x = rect.centerx - content_w // 2
    if icon is not None:
        surface.blit(icon, (x, rect.centery - icon.get_height() // 2))
        x += icon.get_width() + rect.height // 8
    if text is not None:
        surface.blit(text, (x, rect.centery - text.get_height() // 2))


def button_at(buttons: list[Button], x: float, y: float) -> Optional[Button]:
    """The topmost button under a point (later buttons are drawn on top)."""
    for button in reversed(buttons):
        if button.hit(x, y):
            return button
    return None
