"""A child's way of doing each kind of turn, as a finger path: for motion strips, tests and the monkey.

`way_through(turn)` gives the touches (down, moves, up) that complete the turn, in stage fractions, with times in
seconds from the first touch. Pure data: the caller feeds them to a player or turns them into screen events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.interactions.gestures import STAGE_ASPECT
from kiosk.interactions.turn import HOLD_SECONDS, Turn

MOVE_DT = 1 / 30     # a finger's moves arrive about once a frame


@dataclass(frozen=True)
class Touch:
    kind: str        # "down", "move" or "up"
    x: float
    y: float
    t: float


def _glide(a: tuple[float, float], b: tuple[float, float], t0: float, seconds: float) -> list[Touch]:
    n = max(2, int(seconds / MOVE_DT))
    return [Touch("move", a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n, t0 + seconds * k / n)
            for k in range(1, n + 1)]


def way_through(turn: Turn) -> list[Touch]:
    """Touches that do this turn: each target tapped, the piece carried to its place (and kept there), the area
    scrubbed back and forth, or the spot held a little longer than it needs."""
    spec = turn.spec
    if turn.tap is not None:
        out: list[Touch] = []
        for k, name in enumerate(turn.tap.pending()):
            x, y = turn.places[name]
            out += [Touch("down", x, y, k * 0.6), Touch("up", x, y, k * 0.6 + 0.12)]
        return out
    if turn.drag is not None:
        start, end = turn.drag.home, turn.area
        keep = turn.drag.seconds + 0.3 if turn.drag.seconds else 0.1
        moves = _glide(start, end, 0.0, 1.0)
        return [Touch("down", *start, 0.0), *moves, Touch("move", *end, 1.0 + keep), Touch("up", *end, 1.05 + keep)]
    if turn.hold is not None:
        x, y = turn.area
        seconds = (spec.seconds or HOLD_SECONDS) + 0.3
        return [Touch("down", x, y, 0.0), Touch("move", x, y, seconds), Touch("up", x, y, seconds + 0.05)]
    cx, cy = turn.area
    r = spec.radius * 0.9
    out = [Touch("down", cx - r / STAGE_ASPECT, cy - r, 0.0)]
    t = 0.0
    rows = 9
    for row in range(rows):
        y = cy - r + 2 * r * row / (rows - 1)
        half = math.sqrt(max(r * r - (y - cy) ** 2, 0.0)) / STAGE_ASPECT
        ends = [(cx - half, y), (cx + half, y)] if row % 2 == 0 else [(cx + half, y), (cx - half, y)]
        for x, yy in ends:
            t += 0.18
            out += _glide((out[-1].x, out[-1].y), (x, yy), t - 0.18, 0.18)
    return out + [Touch("up", out[-1].x, out[-1].y, t + 0.05)]
