"""The value of an animated property at time t. Pure maths: no pygame, no clock, no frame counting.

Contract for one animation (seconds, floats):
- before `start` it holds its first keyframe value;
- one pass lasts `duration`; `repeat` adds passes (`loop` never ends); `back_and_forth` plays every second
  pass backwards;
- after the last pass it holds the value it ended on;
- each segment between two keyframes is eased with the animation's easing;
- the result always lies within the keyframes' range, except for overshooting easings (out_back, in_back,
  out_elastic), which may pass the range briefly by design.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, Optional

from kiosk.content.model import ANIMATED_PROPERTIES, Animation, Blink, Layer
from kiosk.motion.easing import ease

LAYER_DEFAULTS = {"opacity": 1.0, "x": 0.0, "y": 0.0, "scale": 1.0, "scale_x": 1.0, "scale_y": 1.0, "rotate": 0.0,
                  "focus": 0.0, "dim": 0.0, "reveal": 1.0}
OFFSETS = ("x", "y")           # added to `at` (the others replace the layer's own value)
PATH_STEPS = 16                # straight pieces per curve segment when measuring a path's length
STAGE_ASPECT = 4 / 3           # a path's x is in stage widths, y in stage heights: lengths are measured in heights


def passes(anim: Animation) -> float:
    return math.inf if anim.repeat == "loop" else 1 + int(anim.repeat)


def end_time(anim: Animation) -> float:
    """When the animation stops changing (infinity for loops)."""
    return anim.start + anim.duration * passes(anim)


def _keyframe_times(anim: Animation) -> list[float]:
    values = anim.keyframes
    if anim.times is not None:
        return list(anim.times)
    last = len(values) - 1
    return [i / last for i in range(len(values))]


def value_at_fraction(anim: Animation, fraction: float) -> float:
    """Value at a fraction 0..1 of one forward pass, easing each keyframe segment."""
    values = anim.keyframes
    times = _keyframe_times(anim)
    if fraction <= times[0]:
        return float(values[0])
    if fraction >= times[-1]:
        return float(values[-1])
    i = bisect_right(times, fraction) - 1
    i = min(max(i, 0), len(values) - 2)
    span = times[i + 1] - times[i]
    local = 1.0 if span <= 0 else (fraction - times[i]) / span
    a, b, eased = float(values[i]), float(values[i + 1]), ease(anim.ease, local)
    value = a + (b - a) * eased
    if not math.isfinite(value):  # b - a overflowed (keyframes near the float limits): weigh each end instead
        value = a * (1 - eased) + b * eased
    return value


def pass_fraction(anim: Animation, t: float) -> float:
    """Where in a forward pass the animation is at time t (direction already applied)."""
    local = t - anim.start
    if math.isnan(local) or local <= 0:
        return 0.0
    if math.isinf(local):
        return _settled_fraction(anim)
    total = passes(anim)
    ratio = local / anim.duration
    if ratio >= total:
        return _settled_fraction(anim)
    if not math.isfinite(ratio):
        # A loop so far past its start (or with so short a pass) that passes cannot be counted in a float:
        # math.floor(inf) would raise. Any point of the loop is right there; take its start.
        return 0.0
    n = math.floor(ratio)
    fraction = (local - n * anim.duration) / anim.duration
    if anim.back_and_forth and n % 2 == 1:
        fraction = 1.0 - fraction
    return min(max(fraction, 0.0), 1.0)


def _settled_fraction(anim: Animation) -> float:
    total = passes(anim)
    if anim.back_and_forth and math.isfinite(total) and int(total) % 2 == 0:
        return 0.0
    return 1.0


def value_at(anim: Animation, t: float) -> float:
    return value_at_fraction(anim, pass_fraction(anim, t))


def property_at(name: str, base: float, animations: Iterable[Animation], t: float) -> float:
    """A layer property at time t: the latest animation that has started decides; before any, the first
    animation's opening value; with no animation of this property, the layer's own value."""
    chosen: Optional[Animation] = None
    first: Optional[Animation] = None
    for anim in animations:
        if anim.target != name:
            continue
        if first is None or anim.start < first.start:
            first = anim
        if anim.start <= t and (chosen is None or anim.start >= chosen.start):
            chosen = anim
    if chosen is not None:
        return value_at(chosen, t)
    if first is not None:
        return value_at(first, first.start)
    return base


def layer_values(layer: Layer, t: float) -> dict[str, float]:
    """Every animatable property of a layer at time t (seconds since its animations were (re)started).
    A path's offset is added to x and y; a blink multiplies the opacity."""
    out = {}
    groups = layer.animations_by_property
    for name in ANIMATED_PROPERTIES:
        base = LAYER_DEFAULTS[name] if name in OFFSETS else getattr(layer, name, LAYER_DEFAULTS[name])
        anims = groups.get(name)
        out[name] = property_at(name, float(base), anims, t) if anims else float(base)
    paths = groups.get("path")
    if paths:
        px, py = path_offset(paths, t)
        out["x"] += px
        out["y"] += py
    if layer.blink is not None:
        out["opacity"] *= blink_at(layer.blink, t)
    return out


# --- motion along a path ------------------------------------------------------------------------------
def _catmull_rom(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
                 p3: tuple[float, float], u: float) -> tuple[float, float]:
    """A point of the smooth curve from p1 to p2 (u from 0 to 1) that passes through every point given."""
    u2, u3 = u * u, u * u * u
    return tuple(0.5 * (2 * b + (-a + c) * u + (2 * a - 5 * b + 4 * c - d) * u2 + (-a + 3 * b - 3 * c + d) * u3)
                 for a, b, c, d in zip(p0, p1, p2, p3))  # type: ignore[return-value]


def _segment_point(points: tuple[tuple[float, float], ...], i: int, u: float) -> tuple[float, float]:
    """Point u (0..1) of the curve's segment i, between points i and i + 1 (the ends repeat themselves)."""
    last = len(points) - 1
    return _catmull_rom(points[max(i - 1, 0)], points[i], points[min(i + 1, last)], points[min(i + 2, last)], u)


@lru_cache(maxsize=256)
def _measured(points: tuple[tuple[float, float], ...]) -> tuple[list[tuple[float, float]], list[float]]:
    """The curve as short straight pieces, with the length walked to each piece's end (in stage heights)."""
    samples = [points[0]]
    for i in range(len(points) - 1):
        samples += [_segment_point(points, i, k / PATH_STEPS) for k in range(1, PATH_STEPS + 1)]
    lengths = [0.0]
    for (ax, ay), (bx, by) in zip(samples, samples[1:]):
        lengths.append(lengths[-1] + math.hypot((bx - ax) * STAGE_ASPECT, by - ay))
    return samples, lengths


def point_along(points: tuple[tuple[float, float], ...], fraction: float) -> tuple[float, float]:
    """The point `fraction` (0..1) of the way along the curve through `points`, by distance travelled, so the
    speed along the curve is even (the animation's easing then shapes it)."""
    samples, lengths = _measured(points)
    total = lengths[-1]
    if total <= 0 or fraction <= 0:
        return samples[0]
    if fraction >= 1:
        return samples[-1]
    walked = fraction * total
    k = min(max(bisect_right(lengths, walked) - 1, 0), len(samples) - 2)
    piece = lengths[k + 1] - lengths[k]
    u = 0.0 if piece <= 0 else (walked - lengths[k]) / piece
    (ax, ay), (bx, by) = samples[k], samples[k + 1]
    return ax + (bx - ax) * u, ay + (by - ay) * u


def path_point(anim: Animation, fraction: float) -> tuple[float, float]:
    """Where a path animation is at a fraction 0..1 of one forward pass. Without `times`, the easing shapes the
    whole trip and the curve is walked at even speed; with `times`, point i is reached at times[i] and each
    piece between two points is eased on its own (like keyframes of the other properties)."""
    points = tuple(anim.path or ((0.0, 0.0),))
    if len(points) == 1:
        return points[0]
    if anim.times is None:
        return point_along(points, ease(anim.ease, min(max(fraction, 0.0), 1.0)))
    times = list(anim.times)
    if fraction <= times[0]:
        return points[0]
    if fraction >= times[-1]:
        return points[-1]
    i = min(max(bisect_right(times, fraction) - 1, 0), len(points) - 2)
    span = times[i + 1] - times[i]
    local = 1.0 if span <= 0 else (fraction - times[i]) / span
    return _segment_point(points, i, ease(anim.ease, local))


def path_offset(animations: Iterable[Animation], t: float) -> tuple[float, float]:
    """The offset the layer's path animations give at time t: the latest one started decides (before any has
    started, the first one's starting point), as for every other property."""
    chosen: Optional[Animation] = None
    first: Optional[Animation] = None
    for anim in animations:
        if first is None or anim.start < first.start:
            first = anim
        if anim.start <= t and (chosen is None or anim.start >= chosen.start):
            chosen = anim
    if chosen is not None:
        return path_point(chosen, pass_fraction(chosen, t))
    if first is not None:
        return path_point(first, 0.0)
    return (0.0, 0.0)


# --- blinks -------------------------------------------------------------------------------------------
def blink_at(blink: Blink, t: float) -> float:
    """1 while a blink is on at time t, else 0: blinks of `length` seconds, every `every` seconds from `start`."""
    local = t - blink.start
    if not math.isfinite(local) or local < 0:
        return 0.0
    return 1.0 if local % blink.every < blink.length else 0.0


BLINK_LEAD = 0.1   # a blinking layer counts as moving from this long before each blink until this long after it


def blink_moving(blink: Blink, t: float) -> bool:
    """True around each blink, when the picture changes. Between blinks nothing changes, so a settled step with a
    blinking mascot is not drawn again and again (static CPU), only for a moment at every blink."""
    local = t - blink.start
    if not math.isfinite(local):
        return False
    if local < 0:
        return local > -BLINK_LEAD
    phase = local % blink.every
    return phase < blink.length + BLINK_LEAD or phase > blink.every - BLINK_LEAD


def settle_time(layers: Iterable[Layer]) -> float:
    """When every non-looping animation of these layers has finished."""
    ends = [end_time(a) for layer in layers for a in layer.animate if a.repeat != "loop"]
    return max(ends, default=0.0)


def is_moving(layer: Layer, t: float) -> bool:
    """True while any animation of the layer changes its picture at time t, or a blink is near."""
    if layer.blink is not None and blink_moving(layer.blink, t):
        return True
    return any(a.start <= t < end_time(a) for a in layer.animate)
