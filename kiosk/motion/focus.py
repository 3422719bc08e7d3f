"""The focus: how a step draws the eye to one part without changing that part's colours. Pure maths.

When a layer has focus (a `focus` value, or a tapped hotspot's `highlight`), every other layer is dimmed and
greyed in proportion, and the focused layer keeps its own colours and gets an outline that pulses gently.
The pulse is slow (one beat every PULSE_SECONDS, far under three a second: WCAG 2.3.1) and never blinks off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

MUTE_STRENGTH = 0.8       # at full focus, the other layers are 80 % of the way to their dimmed, grey look
PULSE_SECONDS = 1.6       # one gentle beat of the outline
RING_LOW = 0.55           # the outline's strength at the bottom of a beat (it never disappears)
VISIBLE = 0.01            # a layer fainter than this gives no focus (a faded-out part cannot hold the eye)
PULSE_FOR = 12.0          # seconds the outline beats; then it holds still at full strength (a settled step costs
                          # nothing to keep on screen, and the eye has found the part by then)
GAIN = 1.6                # a focus of 0.6 or more is the full look: a part "softly lit" at 0.4-0.5 still stands out


@dataclass(frozen=True)
class FocusLook:
    mute: float        # 0 (own colours) to 1 (dimmed and grey)
    ring: float        # 0 (no outline) to 1 (the outline at full strength)
    moving: bool       # the look changes from frame to frame (the ring pulses, or the focus comes or goes)


def pulse(t: float) -> float:
    """The outline's strength over time, between RING_LOW and 1, as a smooth sine, for PULSE_FOR seconds (ending
    on a full beat); then 1."""
    if not math.isfinite(t) or t >= pulse_end():
        return 1.0
    return RING_LOW + (1 - RING_LOW) * (0.5 + 0.5 * math.sin(2 * math.pi * t / PULSE_SECONDS))


def pulse_end() -> float:
    """When the beating stops: the first top of a beat after PULSE_FOR seconds, so it ends smoothly at 1."""
    beats = math.ceil((PULSE_FOR - PULSE_SECONDS / 4) / PULSE_SECONDS)
    return PULSE_SECONDS / 4 + beats * PULSE_SECONDS


def focus_level(layers: Sequence[tuple[float, float]]) -> float:
    """The step's focus: the strongest focus of a layer that can be seen. `layers` is (focus, opacity) pairs."""
    return max((f for f, opacity in layers if opacity > VISIBLE), default=0.0)


def focus_look(layers: Sequence[tuple[float, float]], t: float, changing: bool = False,
               dims: Sequence[float] = ()) -> list[FocusLook]:
    """For each (focus, opacity) layer: how dimmed it is and how strong its outline is at time t. A layer is
    dimmed by how much less focus it has than the step's focus, so the focused part alone keeps its colours;
    `dims` (one per layer, 0 to 1) dims layers of their own accord, as far as a full focus elsewhere would."""
    level = focus_level(layers)
    beat = pulse(t)
    out = []
    for k, (f, _opacity) in enumerate(layers):
        f = min(max(f, 0.0), 1.0)
        own = min(max(dims[k], 0.0), 1.0) if k < len(dims) else 0.0
        mute = max(min(max(level - f, 0.0) * GAIN, 1.0), own) * MUTE_STRENGTH
        ring = min(f * GAIN, 1.0) * beat if f > VISIBLE else 0.0
        out.append(FocusLook(mute=mute, ring=ring, moving=changing or (ring > 0.0 and t < pulse_end())))
    return out
