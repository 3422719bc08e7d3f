"""The looks a part of a scene takes while another has the focus: dimmed (greyed and washed towards white), and
the focus outline around the part that has it."""

from __future__ import annotations

import math

import pygame

RING_COLOR = (255, 200, 40)     # the focus outline: a sunny band, with a thin plum edge so it reads on any pastel
MUTED_WHITE = 0.45              # the dimmed look: grey, then this far towards white (a wash, never a shadow)
PLUM = (61, 44, 94)


def muted_copy(picture: pygame.Surface) -> pygame.Surface:
    """Grey, then washed MUTED_WHITE of the way to white; transparency kept."""
    surface = pygame.transform.grayscale(picture)
    keep = round(255 * (1 - MUTED_WHITE))
    surface.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)
    lift = round(255 * MUTED_WHITE)
    surface.fill((lift, lift, lift), special_flags=pygame.BLEND_RGB_ADD)
    return surface


def _disc_offsets(radius: int) -> list[tuple[int, int]]:
    """Offsets around a circle (and half-way in), enough that stamping a shape at each one grows it evenly."""
    steps = max(12, min(32, radius * 3))
    out = {(round(radius * math.cos(2 * math.pi * k / steps)), round(radius * math.sin(2 * math.pi * k / steps)))
           for k in range(steps)}
    half = radius / 2
    out |= {(round(half * math.cos(2 * math.pi * k / 8)), round(half * math.sin(2 * math.pi * k / 8)))
            for k in range(8)}
    return sorted(out)


def ring_picture(picture: pygame.Surface, width: int) -> pygame.Surface:
    """The picture's silhouette grown by `width` (a thin plum edge, then the sunny band), on a canvas `width`
    larger on each side. Only what lies outside the picture shows, as it is drawn beneath it."""
    width = max(2, width)
    mask = pygame.mask.from_surface(picture, 40)
    w, h = picture.get_size()
    canvas = pygame.Surface((w + width * 2, h + width * 2), pygame.SRCALPHA)
    edge = mask.to_surface(setcolor=(*PLUM, 255), unsetcolor=(0, 0, 0, 0))
    band = mask.to_surface(setcolor=(*RING_COLOR, 255), unsetcolor=(0, 0, 0, 0))
    inner = max(1, width - max(2, width // 4))
    for dx, dy in _disc_offsets(width):
        canvas.blit(edge, (width + dx, width + dy))
    for dx, dy in _disc_offsets(inner):
        canvas.blit(band, (width + dx, width + dy))
    return canvas
