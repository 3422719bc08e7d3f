"""How a step transition looks at a moment: how far it has gone, where it moves, and putting the old step's
picture over the new one. Pure drawing on surfaces it is given; the scene screen owns the state."""

from __future__ import annotations

from typing import Hashable, Optional

import pygame

from kiosk.draw.blit import blit_faded
from kiosk.draw.display_list import Item, Layered, paint
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


def bars_around(layout: SceneLayout) -> tuple[pygame.Rect, pygame.Rect]:
    """The top and bottom bar: what a step transition does not move (the new step's, from its first frame)."""
    hidden = middle(layout)
    return (pygame.Rect(0, 0, layout.screen[2], hidden.y),
            pygame.Rect(0, hidden.bottom, layout.screen[2], layout.screen[3] - hidden.bottom))


def bar_key(key: Hashable, area: pygame.Rect) -> Hashable:
    """The key of an item's part `area` inside a bar during a transition: of the base (`Layered`) only the still
    layers that reach into it, so a layer coming to rest in the middle does not repaint the bars."""
    if key is None:
        return None
    if isinstance(key, Layered):
        return Layered(("bar", key.ground, tuple(area)),
                       tuple(part for part in key.parts if pygame.Rect(part[1]).colliderect(area)))
    return ("bar", key, tuple(area))


def new_step_shown(kind: str, direction: int, eased: float, layout: SceneLayout) -> pygame.Rect:
    """The part of the middle whose new-step pixels are still on screen once the old step is put over it,
    in the new step's own place (before a slide moves it). Everything else there is covered by the old step."""
    moved = middle(layout)
    if eased <= 0.0:
        return pygame.Rect(moved.x, moved.y, 0, moved.height)   # the old step, opaque, hides the middle whole
    if kind != "slide":
        return moved
    shift = abs(slide_shift(direction, eased, moved.width))
    if direction > 0:   # the new step comes in from the right: its left part shows
        return pygame.Rect(moved.x, moved.y, shift, moved.height)
    return pygame.Rect(moved.right - shift, moved.y, shift, moved.height)


def moved_in_place(kind: str, direction: int, eased: float, layout: SceneLayout) -> Optional[int]:
    """How far right the new step's picture is painted from its own place, so a forward slide needs no scroll
    of the middle afterwards (one pass over 1.6 million pixels less each frame), or None: painted in its own
    place and moved by `slide`. A slide back would need a place left of the screen's edge: it is moved."""
    if kind != "slide" or direction <= 0:
        return None
    moved = middle(layout)
    return slide_shift(direction, eased, moved.width) + moved.width


def paint_new_step(surface: pygame.Surface, step: list[Item], layout: SceneLayout, shown: pygame.Rect,
                   moved_by: Optional[int] = None) -> None:
    """Paint the new step inside the surface's clip: the bars around the middle, and of the middle only `shown`
    (`new_step_shown`; the plain renderer passes the whole middle). A slide's frame paints only what the old
    step leaves uncovered, and a transition's first frame, the one a tap on "next" waits for, none of it (the
    live screen's transition item is the middle: the bars are the new step's own items, painted when they change).
    With `moved_by` (`moved_in_place`) the middle's part is painted that far to the right of its own place."""
    clip = surface.get_clip()
    for part in bars_around(layout):
        part = part.clip(clip)
        if part.width and part.height:
            paint(surface, step, part)
    shown = shown.clip(middle(layout))
    if shown.width and shown.height:
        if moved_by is None:
            part = shown.clip(clip)
            if part.width and part.height:
                paint(surface, step, part)
        elif 0 <= moved_by < surface.get_width():
            # A surface whose left edge is `moved_by` to the right: the items paint at their own coordinates.
            beside = surface.subsurface(pygame.Rect(moved_by, 0, surface.get_width() - moved_by,
                                                    surface.get_height()))
            part = shown.clip(clip.move(-moved_by, 0)).clip(beside.get_rect())
            if part.width and part.height:
                paint(beside, step, part)
    surface.set_clip(clip)


def blend_old_step(surface: pygame.Surface, old: pygame.Surface, layout: SceneLayout, kind: str, direction: int,
                   eased: float, moved: bool = False) -> None:
    """Put the old step's picture over the new step drawn on `surface`, `eased` of the way through. `moved`:
    the new step was painted where a slide puts it (`moved_in_place`), so only the old step is put in."""
    whole = middle(layout)
    clip = surface.get_clip()
    surface.set_clip(whole.clip(clip))   # narrow the clip, never widen it
    if kind == "slide":
        slide(surface, old, whole, direction, eased, new_moved=moved)
    else:
        # Blit with an area, not a subsurface: a subsurface does not carry its parent's alpha.
        blit_faded(surface, old, whole.topleft, 1 - eased, area=whole)
    surface.set_clip(clip)


def slide(surface: pygame.Surface, old: pygame.Surface, moved: pygame.Rect, direction: int, eased: float,
          new_moved: bool = False) -> None:
    """The new step (painted on `surface`) slides into `moved` from the side `direction` points to while the old
    one slides out: the new picture is moved in place (a scroll within the clip, no copy of 1.6 million pixels
    each frame) and the old one fills the part it left. Both parts meet edge to edge, so neither covers the
    other. A clip narrower than `moved` would bring in pixels from outside the clip that were not painted this
    frame: there the copy is made (a transition's item is the middle, so this is never expected). `new_moved`:
    the new step is already in its moved place; only the old one is put in."""
    shift = slide_shift(direction, eased, moved.width)
    into = shift + direction * moved.width
    clip = surface.get_clip().clip(moved)
    if not new_moved and clip.left == moved.left and clip.right == moved.right:
        surface.set_clip(clip)
        surface.scroll(into, 0)
    elif not new_moved:
        new_part = surface.subsurface(moved).copy()
        surface.blit(new_part, (moved.x + into, moved.y))
    surface.blit(old.subsurface(moved), (moved.x + shift, moved.y))


def slide_shift(direction: int, eased: float, width: int) -> int:
    """How far the old step has slid (pixels, signed), `eased` of the way: what `slide` draws and what
    `new_step_shown` leaves uncovered both come from this one number."""
    return int(-direction * eased * width)
