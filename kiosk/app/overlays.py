"""Things drawn over any screen: tap ripples, the "Still watching?" prompt, the cleaning countdown."""

from __future__ import annotations

import math

import pygame

from kiosk.app.context import AppContext
from kiosk.app.screens.base import YELLOW, draw_panel, draw_text_block
from kiosk.draw.display_list import Item, item
from kiosk.draw.palette import PLUM

RIPPLE_COLOR = (255, 255, 255)


def ripple_items(ripples: list[tuple[float, float, float]], t: float, seconds: float, unit: int) -> list[Item]:
    """A soft ring grows where a finger tapped: every tap shows that it was felt. One item per visible ring,
    keyed by its place, size and strength, so only the ring's own square is drawn again as it grows."""
    items = []
    for x, y, start in ripples:
        p = min(max((t - start) / seconds, 0.0), 1.0)
        radius = int(unit * (1.5 + 4 * p))
        alpha = int(200 * (1 - p))
        if alpha <= 0:
            continue
        at = (round(x) - radius - 2, round(y) - radius - 2)
        items.append(item((*at, radius * 2 + 4, radius * 2 + 4), ("ripple", at, radius, alpha, unit),
                          lambda surface, at=at, radius=radius, alpha=alpha: _ring(surface, at, radius, alpha, unit)))
    return items


def _ring(surface: pygame.Surface, at: tuple[int, int], radius: int, alpha: int, unit: int) -> None:
    ring = pygame.Surface((radius * 2 + 4, radius * 2 + 4), pygame.SRCALPHA)
    pygame.draw.circle(ring, (*RIPPLE_COLOR, alpha), (radius + 2, radius + 2), radius, max(2, unit // 3))
    pygame.draw.circle(ring, (*PLUM, alpha // 3), (radius + 2, radius + 2), radius + 1, 1)
    surface.blit(ring, at)


def _dim(surface: pygame.Surface, alpha: int) -> None:
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((61, 44, 94, alpha))
    surface.blit(veil, (0, 0))


def draw_still_watching(surface: pygame.Surface, ctx: AppContext, seconds_left: float) -> None:
    """A gentle question with a shrinking ring; any touch answers it."""
    _dim(surface, 110)
    w, h = surface.get_size()
    unit = ctx.layout.unit
    panel = pygame.Rect(0, 0, int(min(w * 0.7, h * 1.1)), int(min(h * 0.5, w * 0.6)))
    panel.center = (w // 2, h // 2)
    draw_panel(surface, panel, unit)
    title_px = int(min(w, h) * 0.08)
    inner = panel.inflate(-unit * 4, -unit * 4)
    used = draw_text_block(surface, ctx.fonts, ctx.say("still_watching"), pygame.Rect(inner.x, inner.y, inner.width,
                                                                                      title_px * 2),
                           title_px, bold=True, center=True)
    draw_text_block(surface, ctx.fonts, ctx.say("still_watching_hint"),
                    pygame.Rect(inner.x, inner.y + used, inner.width, title_px), int(title_px * 0.5), center=True)
    total = max(ctx.config.still_watching_seconds, 0.001)
    fraction = min(max(seconds_left / total, 0.0), 1.0)
    radius = int(min(panel.width, panel.height) * 0.16)
    centre = (panel.centerx, panel.bottom - radius - unit * 2)
    pygame.draw.circle(surface, (238, 230, 255), centre, radius)
    if fraction > 0:
        rect = pygame.Rect(0, 0, radius * 2, radius * 2)
        rect.center = centre
        pygame.draw.arc(surface, YELLOW, rect, math.pi / 2, math.pi / 2 + 2 * math.pi * fraction, max(4, radius // 4))
    number = ctx.fonts.get(int(radius * 0.9), bold=True).render(str(max(0, math.ceil(seconds_left))), True, PLUM)
    surface.blit(number, number.get_rect(center=centre))


def draw_cleaning(surface: pygame.Surface, ctx: AppContext, seconds_left: float) -> None:
    """Cleaning mode: the screen says touch is off and counts down."""
    surface.fill((227, 249, 238))
    w, h = surface.get_size()
    text = ctx.words.get("cleaning_left", ctx.config.default_language, seconds=max(0, math.ceil(seconds_left)))
    draw_text_block(surface, ctx.fonts, text, pygame.Rect(w // 10, h // 3, w * 8 // 10, h // 3),
                    int(min(w, h) * 0.07), bold=True, center=True)
