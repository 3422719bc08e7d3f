"""Small pixel operations the renderer and the screens share: a faded blit, a stretched or partly revealed copy."""

from __future__ import annotations

from typing import Optional

import pygame


def blit_faded(surface: pygame.Surface, picture: pygame.Surface, pos: tuple[float, float], opacity: float,
               area: Optional[pygame.Rect] = None) -> None:
    """Blit `picture` at `opacity` (0 to 1) times its own transparency, leaving the picture as it was.
    Full opacity is a plain blit: on an opaque picture SDL's blend with a surface alpha of 255 takes its slow
    path (45 ms for a 4K picture, against 1-4 ms at any other alpha), so 255 is never set on one."""
    if opacity <= 0.003:
        return
    alpha = round(min(opacity, 1.0) * 255)
    at = (round(pos[0]), round(pos[1]))
    if alpha >= 255:
        surface.blit(picture, at, area)
        return
    before = picture.get_alpha()   # None for an opaque picture, 255 for one with its own transparency
    picture.set_alpha(alpha)
    surface.blit(picture, at, area)
    picture.set_alpha(before)


def stretched(picture: pygame.Surface, sx: float, sy: Optional[float] = None) -> pygame.Surface:
    """A copy `sx` times as wide and `sy` (default: `sx`) times as tall."""
    sy = sx if sy is None else sy
    size = (max(1, round(picture.get_width() * sx)), max(1, round(picture.get_height() * sy)))
    return pygame.transform.smoothscale(picture, size)


def revealed(picture: pygame.Surface, keep: tuple[int, int, int, int]) -> pygame.Surface:
    """Only the `keep` box (x, y, w, h) of the picture, on a transparent canvas of the same size."""
    out = pygame.Surface(picture.get_size(), pygame.SRCALPHA)
    x, y, w, h = keep
    if w > 0 and h > 0:
        out.blit(picture, (x, y), (x, y, w, h))
    return out
