"""Puts each frame's display list on the window, painting only what changed since the frame before.

What changed is the difference between this frame's display list and the last one painted
(kiosk/draw/display_list.py), so no part of the window can change without being painted again. During a fade
between screens the new screen is painted on a picture of its own in the same way, and the window gets that
picture with the old screen faded over it: the whole window changes every frame of a fade, but the new screen
under it (a game the child already plays) need not be painted whole each time.

Knows nothing of screens: the navigator hands it the items. Touches only the surfaces it is given and its own.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import pygame

from kiosk.draw.display_list import MAX_REGIONS, Item, damage, paint, regions


class WindowPainter:
    def __init__(self, whole_frames: bool, on_fault: Callable[[], None]) -> None:
        self.whole_frames = whole_frames   # the reference twin: every frame painted whole, nothing compared
        self.repaint = True   # the next frame is painted whole (new content, a new size, a fault)
        self._on_fault = on_fault   # called while the exception of an item that failed to paint is handled
        self._drawn: Optional[Sequence[Item]] = None   # the display list on the window (or under the fade) now
        self._under: Optional[pygame.Surface] = None   # the new screen, painted under a fade between screens...
        self._under_shows = False   # ...and whether it holds `_drawn` (the window holds it faded over)

    def draw(self, surface: pygame.Surface, items: list[Item], over: list[Item], fading: bool,
             moving: bool) -> Optional[list[pygame.Rect]]:
        """Paint the frame: the screen's `items`, then `over` them what spans screens (the fade, ripples,
        overlays). Returns the rectangles that changed, or None when the whole window did."""
        if self.whole_frames:
            self._paint(surface, items + over, None, clip_items=False)
            return None
        if fading:
            self._draw_fading(surface, items, over, moving)
            return None
        items = items + over
        before = None if self.repaint else self._drawn
        self._drawn, self.repaint = items, False
        after_fade, self._under_shows = self._under_shows, False
        if after_fade and before is not None and self._under is not None:
            # The fade just ended: the window gets the new screen as it was last painted under the fade, and
            # from there only what changed since.
            surface.blit(self._under, (0, 0))
            self._paint_changes(surface, items, damage(before, items, moving=moving))
            return None
        return self._paint_changes(surface, items, damage(before, items, moving=moving))

    def _draw_fading(self, surface: pygame.Surface, items: list[Item], over: list[Item], moving: bool) -> None:
        under = self._under_picture(surface)
        before = None if self.repaint else self._drawn   # a new screen asks for a repaint: a fade's first frame
        self._drawn, self.repaint, self._under_shows = items, False, True   # is painted whole
        self._paint_changes(under, items, damage(before, items, moving=moving))
        surface.blit(under, (0, 0))
        self._paint(surface, over, None)

    def _paint_changes(self, surface: pygame.Surface, items: list[Item],
                       rects: Optional[list[pygame.Rect]]) -> Optional[list[pygame.Rect]]:
        """Paint what changed (`damage`'s rects; None is everything) and return where (None: everywhere)."""
        if rects is None:
            self._paint(surface, items, None)
            return None
        # Places far apart (a finger's picture on one side, the mascot's cheer on the other) are painted each
        # alone: a box around both would repaint most of the stage between them.
        bounds = surface.get_rect()
        rects = regions([r.clip(bounds) for r in rects], MAX_REGIONS)
        for region in rects:
            self._paint(surface, items, region)
        return rects

    def _under_picture(self, surface: pygame.Surface) -> pygame.Surface:
        """The picture the new screen is painted on during a fade: one, kept for the next fade (a fresh
        full-screen surface costs its allocation and first-touch page faults every time)."""
        if self._under is None or self._under.get_size() != surface.get_size():
            self._under = pygame.Surface(surface.get_size())
        return self._under

    def _paint(self, surface: pygame.Surface, items: Sequence[Item], within: Optional[pygame.Rect],
               clip_items: bool = True) -> None:
        try:
            paint(surface, items, within, clip_items=clip_items)
        except Exception:
            self._on_fault()
