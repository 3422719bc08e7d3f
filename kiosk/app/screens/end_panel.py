"""The panel at a scene's end: "The end!" with two stars, and its big buttons (watch again, the menu, the scene
it leads to). Where it goes, how it is drawn and where its buttons sit; the scene screen gives the actions."""

from __future__ import annotations

from typing import Callable

import pygame

from kiosk.app.context import AppContext
from kiosk.app.screens.base import draw_panel, draw_text_block
from kiosk.draw.layout import SceneLayout
from kiosk.draw.widgets import Button

# (name, icon, label, action, colour) of each button, top to bottom
EndChoice = tuple[str, str, str, Callable[[], None], tuple[int, int, int]]


def end_panel_rect(layout: SceneLayout) -> pygame.Rect:
    x, y, w, h = layout.stage
    return pygame.Rect(x, y, w, h).inflate(-w // 8, -h // 12)


def end_buttons(layout: SceneLayout, choices: list[EndChoice]) -> list[Button]:
    """The choices as big buttons stacked in the panel's lower part."""
    panel = end_panel_rect(layout)
    size = int(layout.button * 1.25)
    gap = layout.unit * 2
    width = min(panel.width - gap * 2, int(size * 5.2))
    top = panel.y + int(panel.height * 0.30)
    step = (panel.bottom - gap - top) // len(choices)
    out = []
    for i, (name, icon, label, action, color) in enumerate(choices):
        rect = pygame.Rect(0, 0, width, min(size, step - gap // 2))
        rect.midtop = (panel.centerx, top + i * step)
        out.append(Button(name, rect, action, icon=icon, label=label, color=color, extra_hit=gap // 4))
    return out


def draw_end_panel(surface: pygame.Surface, ctx: AppContext, layout: SceneLayout) -> None:
    panel = end_panel_rect(layout)
    draw_panel(surface, panel, layout.unit)
    px = int(min(layout.screen[2], layout.screen[3]) * 0.07)
    draw_text_block(surface, ctx.fonts, ctx.say("the_end"),
                    pygame.Rect(panel.x, panel.y + layout.unit * 2, panel.width, int(panel.height * 0.22)),
                    px, bold=True, center=True, role="title")
    star = ctx.assets.picture("characters/star.svg", (px * 2, px * 2))
    surface.blit(star, (panel.x + layout.unit * 2, panel.y + layout.unit * 2))
    surface.blit(star, (panel.right - layout.unit * 2 - star.get_width(), panel.y + layout.unit * 2))
