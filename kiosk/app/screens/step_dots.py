"""The row of dots under a scene that shows how far through its steps it is: where they go and how they look.
Pure drawing on the surface it is given; the scene screen says how many steps there are and which is current."""

from __future__ import annotations

import pygame

from kiosk.app.screens.base import MINT, WHITE, YELLOW
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM


def dots_geometry(layout: SceneLayout, count: int) -> tuple[int, int, int, int]:
    """First dot's centre x, the dots' centre y, their radius, and the gap between centres."""
    bx, by, bw, bh = layout.bottom_bar
    radius = max(6, layout.unit // 2 + 2)
    gap = radius * 3
    total = count * radius * 2 + (count - 1) * (gap - radius * 2)
    return bx + (bw - total) // 2 + radius, by + bh // 2, radius, gap


def dots_rect(layout: SceneLayout, count: int) -> pygame.Rect:
    """Everything the dots may paint."""
    x0, cy, radius, gap = dots_geometry(layout, count)
    reach = radius + 4   # the current dot is 3 pixels bigger
    return pygame.Rect(x0 - reach, cy - reach, (count - 1) * gap + reach * 2 + 1, reach * 2 + 1)


def draw_dots(surface: pygame.Surface, layout: SceneLayout, count: int, index: int, ended: bool) -> None:
    """Done steps mint, the current one yellow and bigger, the ones to come white (all done at the end)."""
    x0, cy, radius, gap = dots_geometry(layout, count)
    for i in range(count):
        centre = (x0 + i * gap, cy)
        done = i < index or ended
        current = i == index and not ended
        pygame.draw.circle(surface, YELLOW if current else (MINT if done else WHITE), centre,
                           radius + (3 if current else 0))
        pygame.draw.circle(surface, PLUM, centre, radius + (3 if current else 0), max(2, radius // 3))
