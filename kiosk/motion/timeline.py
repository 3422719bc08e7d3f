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
from typing import Iterable, Optional

from kiosk.content.model import ANIMATED_PROPERTIES, Animation, Layer
from kiosk.motion.easing import ease

LAYER_DEFAULTS = {"opacity": 1.0, "x": 0.0, "y": 0.0, "scale": 1.0, "rotate": 0.0, "glow": 0.0, "reveal": 1.0}


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
    """Every animatable property of a layer at time t (seconds since its animations were (re)started)."""
    out = {}
    groups = layer.animations_by_property
    for name in ANIMATED_PROPERTIES:
        base = LAYER_DEFAULTS[name] if name in ("x", "y") else getattr(layer, name, LAYER_DEFAULTS[name])
        anims = groups.get(name)
        out[name] = property_at(name, float(base), anims, t) if anims else float(base)
    return out


def settle_time(layers: Iterable[Layer]) -> float:
    """When every non-looping animation of these layers has finished."""
    ends = [end_time(a) for layer in layers for a in layer.animate if a.repeat != "loop"]
    return max(ends, default=0.0)


def is_moving(layer: Layer, t: float) -> bool:
    """True while any animation of the layer changes its picture at time t."""
    return any(a.start <= t < end_time(a) for a in layer.animate)
