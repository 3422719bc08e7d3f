"""Named easing curves: each maps progress 0..1 to eased progress (0 → 0, 1 → 1). Pure maths, no pygame."""

from __future__ import annotations

import math
from typing import Callable

Ease = Callable[[float], float]

_BACK = 1.70158


def linear(p: float) -> float:
    return p


def in_quad(p: float) -> float:
    return p * p


def out_quad(p: float) -> float:
    return 1 - (1 - p) * (1 - p)


def in_out_quad(p: float) -> float:
    return 2 * p * p if p < 0.5 else 1 - (-2 * p + 2) ** 2 / 2


def in_cubic(p: float) -> float:
    return p ** 3


def out_cubic(p: float) -> float:
    return 1 - (1 - p) ** 3


def in_out_cubic(p: float) -> float:
    return 4 * p ** 3 if p < 0.5 else 1 - (-2 * p + 2) ** 3 / 2


def in_out_sine(p: float) -> float:
    return -(math.cos(math.pi * p) - 1) / 2


def out_back(p: float) -> float:
    """Overshoots a little past 1 before settling: a gentle bounce."""
    c3 = _BACK + 1
    return 1 + c3 * (p - 1) ** 3 + _BACK * (p - 1) ** 2


def in_back(p: float) -> float:
    c3 = _BACK + 1
    return c3 * p ** 3 - _BACK * p * p


def out_elastic(p: float) -> float:
    if p in (0.0, 1.0):
        return p
    return 2 ** (-10 * p) * math.sin((p * 10 - 0.75) * (2 * math.pi) / 3) + 1


def out_bounce(p: float) -> float:
    n, d = 7.5625, 2.75
    if p < 1 / d:
        return n * p * p
    if p < 2 / d:
        p -= 1.5 / d
        return n * p * p + 0.75
    if p < 2.5 / d:
        p -= 2.25 / d
        return n * p * p + 0.9375
    p -= 2.625 / d
    return n * p * p + 0.984375


def step(p: float) -> float:
    """Holds the start value, then jumps at the end: for on/off changes."""
    return 1.0 if p >= 1 else 0.0


EASINGS: dict[str, Ease] = {
    "linear": linear,
    "in_quad": in_quad,
    "out_quad": out_quad,
    "in_out_quad": in_out_quad,
    "in_cubic": in_cubic,
    "out_cubic": out_cubic,
    "in_out_cubic": in_out_cubic,
    "in_out_sine": in_out_sine,
    "in_back": in_back,
    "out_back": out_back,
    "out_elastic": out_elastic,
    "out_bounce": out_bounce,
    "step": step,
}

def ease(name: str, p: float) -> float:
    """Eased progress; p is clamped to 0..1 first so callers may pass raw ratios."""
    # `not p > 0` (rather than `p < 0`) also sends nan to 0: nan would otherwise pass through every curve.
    p = 0.0 if not p > 0 else 1.0 if p > 1 else p
    return EASINGS[name](p)
