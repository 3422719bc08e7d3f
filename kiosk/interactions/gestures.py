"""Recognising each kind of turn from one finger's path: tap targets, a piece to drag, an area to rub, a spot to
hold. Positions are stage fractions ([0, 1] across, [0, 1] down); distances are in stage heights, so "near" is
round on the 4:3 stage. Times are seconds; nothing here reads a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from kiosk.motion.easing import ease

STAGE_ASPECT = 4 / 3
Point = tuple[float, float]
GLIDE_SECONDS = 0.45     # a piece let go far from its place glides home this fast (never "wrong": just home)
SNAP_SECONDS = 0.25      # a piece let go near its place settles into it
BRUSH = 0.06             # stage heights: the part of an area a finger rubs clean as it passes (a finger pad)
RUB_GRID = 12            # the rub area is counted as a grid of this many cells across


def distance(a: Point, b: Point) -> float:
    """How far apart two stage points are, in stage heights."""
    return math.hypot((a[0] - b[0]) * STAGE_ASPECT, a[1] - b[1])


def _lerp(a: Point, b: Point, f: float) -> Point:
    return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f


@dataclass
class TapTargets:
    """Tap each target once (a finger passing over one counts too: small children tap with a slide)."""

    places: dict[str, Point]
    radius: float
    touched: dict[str, float] = field(default_factory=dict)   # target id → when it was touched

    def touch(self, x: float, y: float, t: float) -> list[str]:
        """The targets this touch reaches that were not touched before (each reacts once)."""
        hit = [name for name, place in self.places.items()
               if name not in self.touched and distance((x, y), place) <= self.radius]
        for name in hit:
            self.touched[name] = t
        return hit

    def pending(self) -> list[str]:
        return [name for name in self.places if name not in self.touched]

    def progress(self) -> float:
        return len(self.touched) / len(self.places) if self.places else 1.0


@dataclass
class _Glide:
    """A piece moving by itself from one place to another (home after a miss, into place after a hit)."""

    start: Point
    end: Point
    t0: float
    seconds: float

    def at(self, t: float) -> Point:
        f = min(max((t - self.t0) / self.seconds, 0.0), 1.0)
        return _lerp(self.start, self.end, ease("out_cubic", f))

    def moving(self, t: float) -> bool:
        return t < self.t0 + self.seconds


@dataclass
class DragPiece:
    """Drag a piece to its place. It succeeds only when let go near the place (or, with `seconds`, once it has
    been kept there that long); let go anywhere else it glides home to be tried again."""

    home: Point
    to: Point
    radius: float            # how near the place counts, and how near the piece a finger may grab it
    reach: float             # how near the piece's centre a finger grabs it (at least `radius`)
    seconds: float = 0.0
    done_at: Optional[float] = None
    _grab: Optional[Point] = None        # finger minus piece when grabbed
    _pos: Optional[Point] = None         # where the held piece is
    _glide: Optional[_Glide] = None
    _parked: bool = False                # let go near the place while it still has to be kept there
    _kept: float = 0.0                   # seconds kept near the place so far
    _near_since: Optional[float] = None

    def position(self, t: float) -> Point:
        if self._pos is not None:
            return self._pos
        if self._glide is not None:
            return self._glide.at(t)
        return self.to if self._parked else self.home

    @property
    def held(self) -> bool:
        return self._pos is not None

    def grab(self, x: float, y: float, t: float) -> bool:
        """A finger landed: True if it took the piece."""
        if self.done_at is not None:
            return False
        piece = self.position(t)
        if distance((x, y), piece) > self.reach:
            return False
        self._glide = None
        self._grab = (x - piece[0], y - piece[1])
        self._pos = piece
        self._near(t)
        return True

    def follow(self, x: float, y: float, t: float) -> None:
        if self._pos is None or self._grab is None:
            return
        self._pos = (x - self._grab[0], y - self._grab[1])
        self._near(t)

    def drop(self, x: float, y: float, t: float) -> None:
        """The finger lifted: near the place it settles in (done, or parked to be kept); else it glides home."""
        if self._pos is None:
            return
        self.follow(x, y, t)
        piece = self._pos
        self._pos = self._grab = None
        self._keep_until(t)
        if distance(piece, self.to) <= self.radius:
            self._glide = _Glide(piece, self.to, t, SNAP_SECONDS)
            if self.kept_enough(t):
                self.done_at = self.done_at if self.done_at is not None else t
            else:
                self._parked = True
        else:
            self._parked = False
            self._glide = _Glide(piece, self.home, t, GLIDE_SECONDS)

    def _near(self, t: float) -> None:
        """Count time kept near the place (only while held there)."""
        near = self._pos is not None and distance(self._pos, self.to) <= self.radius
        if near and self._near_since is None:
            self._near_since = t
        elif not near:
            self._keep_until(t)

    def _keep_until(self, t: float) -> None:
        if self._near_since is not None:
            self._kept += max(t - self._near_since, 0.0)
            self._near_since = None

    def kept(self, t: float) -> float:
        return self._kept + (max(t - self._near_since, 0.0) if self._near_since is not None else 0.0)

    def kept_enough(self, t: float) -> bool:
        return self.kept(t) >= self.seconds - 1e-9

    def update(self, t: float) -> None:
        """A piece held at its place long enough is done then, even before the finger lifts."""
        if self.done_at is None and self.seconds > 0 and self._near_since is not None and self.kept_enough(t):
            self.done_at = self._near_since + (self.seconds - self._kept)

    def progress(self, t: float) -> float:
        if self.done_at is not None:
            return 1.0
        if self.seconds <= 0:
            return 0.0
        return min(self.kept(t) / self.seconds, 0.99)

    def place_by_itself(self, t: float, seconds: float) -> None:
        """Finish kindly: the piece glides into its place."""
        start = self.position(t)
        self._pos = self._grab = None
        self._keep_until(t)
        self._glide = _Glide(start, self.to, t, seconds)
        self.done_at = t + seconds

    def moving(self, t: float) -> bool:
        return self.held or (self._glide is not None and self._glide.moving(t))


@dataclass
class HoldSpot:
    """Keep a finger on a spot for `seconds` (the time adds up: lifting and pressing again goes on from there)."""

    at: Point
    radius: float
    seconds: float
    done_at: Optional[float] = None
    _kept: float = 0.0
    _since: Optional[float] = None

    def press(self, x: float, y: float, t: float) -> None:
        inside = distance((x, y), self.at) <= self.radius
        if inside and self._since is None and self.done_at is None:
            self._since = t
        elif not inside:
            self.lift(t)

    def lift(self, t: float) -> None:
        if self._since is not None:
            self._kept += max(t - self._since, 0.0)
            self._since = None

    def kept(self, t: float) -> float:
        return self._kept + (max(t - self._since, 0.0) if self._since is not None else 0.0)

    @property
    def pressing(self) -> bool:
        return self._since is not None

    def update(self, t: float) -> None:
        if self.done_at is None and self._since is not None and self.kept(t) >= self.seconds:
            self.done_at = self._since + (self.seconds - self._kept)

    def progress(self, t: float) -> float:
        return 1.0 if self.done_at is not None else min(self.kept(t) / self.seconds, 1.0)


@dataclass
class RubArea:
    """Rub a round area: each cell of a grid over it counts once the finger has passed over it, so coverage grows
    with the finger's movement over the area (pressing still covers only the finger's own spot)."""

    at: Point
    radius: float
    need: float              # the share of the area to rub, e.g. 0.6
    brush: float = BRUSH
    done_at: Optional[float] = None
    _cells: list[Point] = field(default_factory=list)
    _rubbed: set[int] = field(default_factory=set)
    _last: Optional[Point] = None

    def __post_init__(self) -> None:
        self.brush = max(self.brush, self.radius * 0.22)
        for i in range(RUB_GRID):
            for j in range(RUB_GRID):
                dx = ((i + 0.5) / RUB_GRID * 2 - 1) * self.radius   # stage heights
                dy = ((j + 0.5) / RUB_GRID * 2 - 1) * self.radius
                if math.hypot(dx, dy) <= self.radius:
                    self._cells.append((self.at[0] + dx / STAGE_ASPECT, self.at[1] + dy))

    def press(self, x: float, y: float, t: float) -> None:
        self._last = (x, y)
        self._mark((x, y), t)

    def rub(self, x: float, y: float, t: float) -> None:
        """The finger moved to (x, y): everything along the way is rubbed (motion comes in jumps, a frame apart)."""
        start = self._last if self._last is not None else (x, y)
        steps = max(1, math.ceil(distance(start, (x, y)) / (self.brush / 3)))
        for k in range(1, steps + 1):
            self._mark(_lerp(start, (x, y), k / steps), t)
        self._last = (x, y)

    def lift(self) -> None:
        self._last = None

    def _mark(self, p: Point, t: float) -> None:
        if self.done_at is not None or distance(p, self.at) > self.radius + self.brush:
            return
        for k, cell in enumerate(self._cells):
            if k not in self._rubbed and distance(p, cell) <= self.brush:
                self._rubbed.add(k)
        if self.coverage() >= self.need:
            self.done_at = t

    def coverage(self) -> float:
        return len(self._rubbed) / len(self._cells) if self._cells else 1.0

    def progress(self) -> float:
        return 1.0 if self.done_at is not None else min(self.coverage() / self.need, 1.0)
