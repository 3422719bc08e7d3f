"""Where parents' labels and a tapped part's bubble go on the stage, so that none hides another or what it names.

Each overlay asks for a place (its centre, from the scene file) and may name a point (the end of its leader line).
`place` puts them in order, each where it asked if that place is free, else at the nearest free place: inside the
stage, clear of the boxes already placed (with a small gap), of the leader lines already drawn, of the rooms it
must keep out of (the caption), and of a small disc around every point named so far (the part a label names must
stay visible). Its own leader line must not cross a box already placed either. A tapped part's bubble is held to
less: it keeps clear of every label, the caption and the part tapped, and only if it can of other labels' lines
and points. If no place is free at all, an overlay takes the place that covers the least.

Pure geometry: pixel rectangles (x, y, w, h) and points in, rectangles out; nothing here draws or needs pygame.
The order matters and is the scene's: a label placed earlier never moves when a later one fades in, because a
label only makes room for the ones before it (the scene lists its labels in the order they appear; a test keeps
it so).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

Box = tuple[int, int, int, int]
Point = tuple[int, int]

# A move sideways costs a little more than one up or down: labels stand in columns beside the picture, and a
# label that slides along its column keeps pointing the same way.
SIDEWAYS_COST = 1.4


@dataclass(frozen=True)
class Want:
    """One overlay to place: its size, the centre it asks for, the point it names, whether a line goes there."""

    size: tuple[int, int]
    centre: tuple[float, float]
    point: Optional[Point] = None
    line: bool = True                 # a label has a leader line to its point; a bubble sits beside its point
    room: int = 0                     # the radius around its own point that it must leave visible


@dataclass(frozen=True)
class Placed:
    box: Box
    line: Optional[tuple[Point, Point]]   # from the box's edge to the point, or None


def place(wants: Sequence[Want], area: Box, keep_out: Iterable[Box] = (), point_room: int = 0,
          gap: int = 0, step: int = 0) -> list[Placed]:
    """Each overlay in order, placed clear of the ones before it (see the module's docstring).

    area: where overlays may go (the stage); keep_out: rooms none may cover (the caption); point_room: the radius
    of the disc left clear around each named point; gap: the least space between two boxes; step: the spacing of
    the places tried (default: a third of the overlay's height)."""
    rooms = [b for b in keep_out if b[2] > 0 and b[3] > 0]
    placed: list[Placed] = []
    points: list[tuple[Point, int]] = []
    for want in wants:
        if want.point is not None:
            points.append((want.point, max(point_room, want.room)))
        placed.append(_place_one(want, area, rooms, placed, points, gap, step))
    return placed


def _place_one(want: Want, area: Box, rooms: list[Box], placed: list[Placed], points: list[tuple[Point, int]],
               gap: int, step: int) -> Placed:
    wanted = _at(want, want.centre, area)
    if _must_free(want, wanted, rooms, placed, points, gap) and _should_free(want, wanted, placed, points, gap):
        return wanted   # the usual case: the scene's place is free, and nothing else is worked out
    tried = [_at(want, centre, area) for centre in candidates(want, area, step)]
    fallback: Optional[Placed] = None
    for here in tried:   # nearest first, so the first free place is the least move
        if not _must_free(want, here, rooms, placed, points, gap):
            continue
        if _should_free(want, here, placed, points, gap):
            return here
        fallback = fallback or here
    if fallback is not None:
        # A big bubble on a stage full of labels: the nearest place that breaks no must-never rule.
        return fallback
    # Nothing keeps the rules (no shipped step comes here, see tests/test_labels.py): the place covering the least.
    return min(tried, key=lambda here: _cover(want, here, rooms, placed, points, gap))


def _must_free(want: Want, here: Placed, rooms: list[Box], placed: list[Placed], points: list[tuple[Point, int]],
               gap: int) -> bool:
    """The rules an overlay must never break (see _cover): cheap ones first, stopping at the first broken."""
    box = here.box
    grown = _grow(box, gap)
    for room in rooms:
        if _overlap(box, room):
            return False
    for other in placed:
        if _overlap(grown, other.box):
            return False
    for point, radius in points:
        if (want.line or point == want.point) and disc_hits_box(point, radius, box):
            return False
    for other in placed:
        if want.line and other.line is not None and segment_hits_box(*other.line, grown):
            return False
        if here.line is not None and segment_hits_box(*here.line, other.box):
            return False
    return True


def _should_free(want: Want, here: Placed, placed: list[Placed], points: list[tuple[Point, int]], gap: int) -> bool:
    """For a bubble, the rules it keeps when it can: other labels' points and lines left uncovered."""
    if want.line:
        return True   # a label's rules are all must-never ones
    box = here.box
    grown = _grow(box, gap)
    for point, radius in points:
        if point != want.point and disc_hits_box(point, radius, box):
            return False
    return not any(other.line is not None and segment_hits_box(*other.line, grown) for other in placed)


# At most this many places are tried per overlay: a finer grid on a large screen finds no better place, only slower.
MAX_CANDIDATES = 1200


def candidates(want: Want, area: Box, step: int = 0) -> list[tuple[float, float]]:
    """The centres tried, nearest the wanted one first: a grid over the whole area (the wanted centre, kept inside
    the area, is its origin)."""
    w, h = want.size
    ax, ay, aw, ah = area
    step = max(2, step or h // 3)
    while (aw / step + 1) * (ah / step + 1) > MAX_CANDIDATES:
        step = int(step * 1.25) + 1
    cx, cy = want.centre
    grid = []
    # Centres that keep the whole box inside the area (a box larger than the area is centred in it).
    x0, x1 = ax + w / 2, ax + aw - w / 2
    y0, y1 = ay + h / 2, ay + ah - h / 2
    if x1 < x0:
        x0 = x1 = ax + aw / 2
    if y1 < y0:
        y0 = y1 = ay + ah / 2
    sx, sy = min(max(cx, x0), x1), min(max(cy, y0), y1)
    nx_lo, nx_hi = int((sx - x0) // step), int((x1 - sx) // step)
    ny_lo, ny_hi = int((sy - y0) // step), int((y1 - sy) // step)
    for i in range(-nx_lo, nx_hi + 1):
        for j in range(-ny_lo, ny_hi + 1):
            grid.append((math.hypot(i * SIDEWAYS_COST, j), sx + i * step, sy + j * step))
    grid.sort()
    return [(x, y) for _, x, y in grid]


def _at(want: Want, centre: tuple[float, float], area: Box) -> Placed:
    w, h = want.size
    x = round(centre[0] - w / 2)
    y = round(centre[1] - h / 2)
    ax, ay, aw, ah = area
    x = max(ax, min(x, ax + aw - w))
    y = max(ay, min(y, ay + ah - h))
    box = (x, y, w, h)
    line = None
    if want.line and want.point is not None and not _contains(box, want.point):
        line = (nearest_edge_point(box, want.point), want.point)
    return Placed(box, line)


def _cover(want: Want, here: Placed, rooms: list[Box], placed: list[Placed], points: list[tuple[Point, int]],
           gap: int) -> tuple[float, float]:
    """How much this place covers what it must not, as (must never, should not): (0, 0) when it is free.

    A label must never cover a box, a line, a point or a room. A bubble (no line) must never cover a box, a room or
    its own point; it should not cover other labels' lines and points, but it is shown for a few seconds only and
    is large, so where the stage is full of labels it may lie over a line rather than on another label."""
    box = here.box
    hard = soft = 0.0
    for room in rooms:
        hard += _overlap(box, room)
    for other in placed:
        hard += _overlap(_grow(box, gap), other.box)
        crossed = other.line is not None and segment_hits_box(*other.line, _grow(box, gap))
        if crossed and want.line:
            hard += box[3] * 4
        elif crossed:
            soft += box[3] * 4
        if here.line is not None and segment_hits_box(*here.line, other.box):
            hard += box[3] * 4
    for point, radius in points:
        if disc_hits_box(point, radius, box):
            if want.line or point == want.point:
                hard += (radius + 1) * box[3]
            else:
                soft += (radius + 1) * box[3]
    return hard, soft


def nearest_edge_point(box: Box, point: Point) -> Point:
    """Where a leader line leaves the box on its way to the point."""
    x, y, w, h = box
    return (min(max(point[0], x), x + w), min(max(point[1], y), y + h))


def boxes_overlap(a: Box, b: Box) -> bool:
    return _overlap(a, b) > 0


def _overlap(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return float(w * h) if w > 0 and h > 0 else 0.0


def _grow(box: Box, by: int) -> Box:
    return (box[0] - by, box[1] - by, box[2] + 2 * by, box[3] + 2 * by)


def _contains(box: Box, point: Point) -> bool:
    return box[0] <= point[0] < box[0] + box[2] and box[1] <= point[1] < box[1] + box[3]


def disc_hits_box(centre: Point, radius: int, box: Box) -> bool:
    """True when a disc around the point reaches into the box."""
    near = (min(max(centre[0], box[0]), box[0] + box[2]), min(max(centre[1], box[1]), box[1] + box[3]))
    return math.hypot(near[0] - centre[0], near[1] - centre[1]) < radius or _contains(box, centre)


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """True when the segment a-b passes through the inside of the box (touching its edge does not count)."""
    x0, y0, w, h = box
    x1, y1 = x0 + w, y0 + h
    lo, hi = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    # Liang-Barsky: clip the segment to the box; what is left is inside.
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo >= hi:
            return False
    return (hi - lo) * math.hypot(dx, dy) > 1.0
