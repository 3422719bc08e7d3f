"""How a step transition looks at a moment: how far it has gone, where it moves, and putting the old step's
picture over the new one. Pure drawing on surfaces it is given; the scene screen owns the state."""

from __future__ import annotations

import pygame

from kiosk.draw.blit import blit_faded
from kiosk.draw.display_list import Item, paint
from kiosk.draw.layout import SceneLayout

TRANSITION_SECONDS = {"cut": 0.0, "fade": 0.4, "slide": 0.45}


def progress(kind: str, started: float, t: float) -> float:
    """How far a transition of `kind` begun at `started` has gone at t, eased: 0 at its first frame, 1 done."""
    seconds = TRANSITION_SECONDS[kind]
    p = min(max((t - started) / seconds, 0.0), 1.0) if seconds else 1.0
    return p * p * (3 - 2 * p)


def middle(layout: SceneLayout) -> pygame.Rect:
    """The part of the screen between the top bar and the bottom bar: what a step transition moves."""
    return pygame.Rect(0, layout.top_bar[3], layout.screen[2], layout.bottom_bar[1] - layout.top_bar[3])


def paint_new_step(surface: pygame.Surface, step: list[Item], layout: SceneLayout, covered: bool) -> None:
    """Paint the new step inside the surface's clip. `covered`: the old step, opaque, still hides the middle
    whole (a transition's first frame), so only the bars around it are painted: that frame is the one a tap
    on "next" waits for."""
    clip = surface.get_clip()
    if not covered:
        paint(surface, step, clip)
    else:
        hidden = middle(layout)
        for part in (pygame.Rect(0, 0, layout.screen[2], hidden.y),
                     pygame.Rect(0, hidden.bottom, layout.screen[2], layout.screen[3] - hidden.bottom)):
            part = part.clip(clip)
            if part.width and part.height:
                paint(surface, step, part)
    surface.set_clip(clip)


def blend_old_step(surface: pygame.Surface, old: pygame.Surface, layout: SceneLayout, kind: str, direction: int,
                   eased: float) -> None:
    """Put the old step's picture over the new step drawn on `surface`, `eased` of the way through."""
    moved = middle(layout)
    clip = surface.get_clip()
    surface.set_clip(moved.clip(clip))   # narrow the clip, never widen it
    if kind == "slide":
        shift = int(-direction * eased * layout.screen[2])
        new_part = surface.subsurface(moved).copy()
        surface.blit(old.subsurface(moved), (moved.x + shift, moved.y))
        surface.blit(new_part, (moved.x + shift + direction * layout.screen[2], moved.y))
    else:
        # Blit with an area, not a subsurface: a subsurface does not carry its parent's alpha.
        blit_faded(surface, old, moved.topleft, 1 - eased, area=moved)
    surface.set_clip(clip)
