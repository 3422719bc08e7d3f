"""A wordless hint that a picture can be touched: soft rings pulse over its tap areas and a tapping hand
points at the first. Drawn over a step after a few seconds without a touch (the scene screen decides when).

Calm by design: one slow pulse every PULSE_SECONDS (far below three flashes a second), translucent, and no
words, so it speaks to children who cannot read yet.
"""

from __future__ import annotations

import math
from typing import Sequence

import pygame

from kiosk.content.model import Hotspot
from kiosk.draw.assets import AssetCache
from kiosk.draw.layout import SceneLayout

PULSE_SECONDS = 1.6
RING = (255, 255, 255)
EDGE = (61, 44, 94)


def draw_tap_hint(surface: pygame.Surface, assets: AssetCache, hotspots: Sequence[Hotspot], layout: SceneLayout,
                  age: float) -> None:
    """Rings over each hotspot of the stage, a hand on the first; `age`: seconds since the hint began.
    Paints only inside `tap_hint_rect` (the display list clips it there)."""
    unit = layout.unit
    spots = _spots(hotspots, layout)
    if not spots:
        return
    phase = (age % PULSE_SECONDS) / PULSE_SECONDS
    swell = 0.5 - 0.5 * math.cos(phase * 2 * math.pi)      # 0 → 1 → 0, smooth at both ends
    fade_in = min(age / 0.6, 1.0)
    for x, y, radius in spots:
        r = int(radius * (0.85 + 0.25 * swell))
        size = r * 2 + unit * 2
        ring = pygame.Surface((size, size), pygame.SRCALPHA)
        centre = (size // 2, size // 2)
        pygame.draw.circle(ring, (*RING, int(70 * fade_in)), centre, r)
        pygame.draw.circle(ring, (*RING, int(220 * fade_in)), centre, r, max(3, unit // 3))
        pygame.draw.circle(ring, (*EDGE, int(90 * fade_in)), centre, r + max(3, unit // 3), max(1, unit // 8))
        surface.blit(ring, (x - size // 2, y - size // 2))
    x, y, radius = spots[0]
    side = _hand_side(radius, unit)
    hand = assets.picture("ui/hand-tap.svg", (side, side))
    press = int(unit * 0.8 * swell)   # the finger dips as the ring swells: "touch here"
    picture = hand.copy()
    picture.set_alpha(int(255 * fade_in))
    surface.blit(picture, (x - side * 9 // 20, y + press - side // 5))   # the fingertip on the spot


def tap_hint_rect(hotspots: Sequence[Hotspot], layout: SceneLayout) -> pygame.Rect:
    """Everything the hint can paint at any moment of its pulse: the rings at their widest and the hand at its
    lowest. A small rect keeps the pulse from redrawing the whole stage on every frame it shows."""
    unit = layout.unit
    spots = _spots(hotspots, layout)
    if not spots:
        return pygame.Rect(0, 0, 0, 0)
    boxes = []
    for x, y, radius in spots:
        reach = int(radius * 1.1) + unit + 1     # ring radius at full swell, plus the surface's margin
        boxes.append(pygame.Rect(x - reach, y - reach, reach * 2, reach * 2))
    x, y, radius = spots[0]
    side = _hand_side(radius, unit)
    boxes.append(pygame.Rect(x - side * 9 // 20, y - side // 5, side, side + int(unit * 0.8) + 1))
    return boxes[0].unionall(boxes[1:])


def _spots(hotspots: Sequence[Hotspot], layout: SceneLayout) -> list[tuple[int, int, int]]:
    sx, sy, sw, sh = layout.stage
    return [(round(sx + s.at[0] * sw), round(sy + s.at[1] * sh), round(s.radius * sh)) for s in hotspots]


def _hand_side(radius: int, unit: int) -> int:
    return max(unit * 6, int(radius * 1.6))
