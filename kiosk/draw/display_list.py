"""A frame as a list of what is drawn where: the only way the kiosk's screens put pixels on the display.

Each `Item` says the rectangle it paints in, a key naming everything its pixels depend on, and how to paint it.
Where the next frame differs from the last one is then worked out, not declared: the rectangles of the items that
appeared, disappeared or changed. A screen cannot forget to report a change, because reporting is drawing.
An item that cannot name what it depends on uses the key None, which makes its rectangle change every frame; a
change in the order of the items that stayed makes the whole frame change. An item painted as a ground with parts
over it (the background and the still layers, composed into one picture) keys itself with `Layered`: when only
some of its parts change, only their rectangles do.

Contract of an item: its picture depends only on its key (and what is painted beneath it), and it paints only
inside its rect. `paint` enforces the second by clipping each item to its rect; the first is what
tests/test_live_screen.py holds the kiosk to, against a plain whole redraw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Hashable, Optional, Sequence

import pygame

Rect = tuple[int, int, int, int]


MAX_REGIONS = 6   # more separate changed places than this are painted as one rectangle around them all


@dataclass(frozen=True)
class Item:
    rect: Rect                                   # where it may paint, in screen pixels
    key: Optional[Hashable]                      # everything its pixels depend on; None: they change every frame
    paint: Callable[[pygame.Surface], None] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Layered:
    """The key of an item that paints `ground` and then each part in order, a part only inside its own rect.
    Two such items on the same rect and ground are the same picture except where their parts differ, from the
    first part that is not the same on (a part changed, added, removed or moved in the order)."""

    ground: Hashable
    parts: tuple[tuple[Hashable, Rect], ...]


def item(rect: "pygame.Rect | Rect", key: Optional[Hashable], paint: Callable[[pygame.Surface], None]) -> Item:
    r = pygame.Rect(rect)
    return Item((r.x, r.y, r.width, r.height), key, paint)


def damage(before: Optional[Sequence[Item]], now: Sequence[Item], moving: bool = True) -> Optional[list[pygame.Rect]]:
    """Where the frame `now` may differ from the frame `before` on screen; None: everywhere (nothing to compare
    with, or the items that stayed are stacked in another order). When nothing is `moving`, an item keyed None
    is taken to be what it was (its screen said nothing moves) unless its place changed."""
    if before is None:
        return None
    if not moving:
        before = [_still(i) for i in before]
        now = [_still(i) for i in now]
    old = Counter((i.key, i.rect) for i in before if i.key is not None)
    new = Counter((i.key, i.rect) for i in now if i.key is not None)
    kept = old & new
    if _stack(before, kept) != _stack(now, kept):
        return None
    gone, came = old - new, new - old
    rects = _layered_changes(gone, came)
    changed = gone + came
    rects += [pygame.Rect(rect) for (_, rect), count in changed.items() for _ in range(count)]
    rects += [pygame.Rect(i.rect) for i in (*before, *now) if i.key is None]
    return [r for r in rects if r.width > 0 and r.height > 0]


def _layered_changes(gone: Counter, came: Counter) -> list[pygame.Rect]:
    """Where each `Layered` item that left and the one that took its place (same rect, same ground) differ;
    both are taken out of `gone` and `came`. Any other change counts whole."""
    rects: list[pygame.Rect] = []
    for key, rect in list(gone):
        if not isinstance(key, Layered) or gone[(key, rect)] != 1:
            continue
        match = [k for k, r in came if r == rect and isinstance(k, Layered) and k.ground == key.ground]
        if len(match) != 1 or came[(match[0], rect)] != 1:
            continue
        del gone[(key, rect)], came[(match[0], rect)]
        before, now = key.parts, match[0].parts
        same = 0
        while same < min(len(before), len(now)) and before[same] == now[same]:
            same += 1
        area = pygame.Rect(rect)
        rects += [pygame.Rect(part).clip(area) for _, part in (*before[same:], *now[same:])]
    return rects


def regions(rects: Sequence[pygame.Rect], limit: int, slack: float = 1.25) -> list[pygame.Rect]:
    """Rectangles that do not overlap and together cover `rects`, to be painted one by one: rectangles that
    touch or overlap are joined, and so are two whose joined box is at most `slack` times their own areas (one
    paint is cheaper than two then). More than `limit` left: one box around them all."""
    out = [pygame.Rect(r) for r in rects if r.width > 0 and r.height > 0]
    joined = True
    while joined and len(out) > 1:
        joined = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                box = a.union(b)
                if a.colliderect(b) or box.width * box.height <= slack * (a.width * a.height + b.width * b.height):
                    out[i] = box
                    del out[j]
                    joined = True
                    break
            if joined:
                break
    if len(out) > limit:
        return [out[0].unionall(out[1:])]
    return out


def _still(entry: Item) -> Item:
    return Item(entry.rect, ("unkeyed, still",), entry.paint) if entry.key is None else entry


def _stack(items: Sequence[Item], kept: Counter) -> list[tuple]:
    """The order of the items that are in both frames (counting repeats)."""
    left = Counter(kept)
    order = []
    for i in items:
        entry = (i.key, i.rect)
        if i.key is not None and left[entry] > 0:
            left[entry] -= 1
            order.append(entry)
    return order


def paint(surface: pygame.Surface, items: Sequence[Item], within: Optional[pygame.Rect] = None,
          clip_items: bool = True) -> None:
    """Paint the items in order. With `within`, only that part of the screen is painted (every item that reaches
    into it, clipped to it). `clip_items=False` is the plain reference: each item paints freely."""
    saved = surface.get_clip()
    bounds = surface.get_rect() if within is None else within.clip(surface.get_rect())
    try:
        for entry in items:
            if clip_items or within is not None:
                area = pygame.Rect(entry.rect).clip(bounds) if clip_items else bounds
                if area.width <= 0 or area.height <= 0:
                    continue
                surface.set_clip(area)
            entry.paint(surface)
    finally:
        surface.set_clip(saved)
