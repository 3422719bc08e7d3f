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
    """Rings over each hotspot of the stage, a hand on the first; `age`: seconds since the hint began."""
    sx, sy, sw, sh = layout.stage
    unit = layout.unit
    spots = [(round(sx + s.at[0] * sw), round(sy + s.at[1] * sh), round(s.radius * sh)) for s in hotspots]
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
    side = max(unit * 6, int(radius * 1.6))
    hand = assets.picture("ui/hand-tap.svg", (side, side))
    press = int(unit * 0.8 * swell)   # the finger dips as the ring swells: "touch here"
    picture = hand.copy()
    picture.set_alpha(int(255 * fade_in))
    surface.blit(picture, (x - side * 9 // 20, y + press - side // 5))   # the fingertip on the spot
