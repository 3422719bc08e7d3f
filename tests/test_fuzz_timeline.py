"""Property tests for the animation maths (kiosk.timeline, kiosk.easing).

Whatever a scene file says and whatever time the clock reports (negative after a clock step, huge after
months of uptime, inf or nan from a broken clock), a layer's value must be a finite number inside its
keyframes' range, so the renderer never gets a picture flying off the stage or a NaN position.
"""

from __future__ import annotations

import math
import os

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.content.model import EASING_NAMES, Animation
from kiosk.motion.easing import ease
from kiosk.motion.timeline import value_at

# Easings that pass their end values on purpose (a bounce), with how far past, as a fraction of a segment.
OVERSHOOT = {"out_back": 0.11, "in_back": 0.11, "out_elastic": 0.38}
CONTAINED_EASINGS = tuple(name for name in EASING_NAMES if name not in OVERSHOOT)

# 300 examples keep the file at a couple of seconds; KIOSK_FUZZ_EXAMPLES=20000 searches harder before a release.
FUZZ = settings(max_examples=int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "300")), deadline=None)
FLOAT_MAX = 1.7976931348623157e308

# Any finite float, with the float limits mixed in often: keyframes at both ends once overflowed b - a.
finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from((FLOAT_MAX, -FLOAT_MAX, 5e-324, -0.0)))
# Any float at all, plus many in the range a running kiosk really sees.
any_time = st.one_of(st.floats(), st.floats(min_value=-5, max_value=1300))
repeats = st.one_of(st.integers(min_value=0, max_value=1000), st.just("loop"))


def unchecked(fields: dict) -> Animation:
    """An animation as the timeline may meet it, past the scene format's bounds: the format now refuses
    keyframes beyond +-10 stages, but the maths must stay finite even for values no file can hold."""
    return Animation.model_construct(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in fields.items()
                                        if v is not None})


@st.composite
def animations(draw: st.DrawFn, easings: tuple[str, ...]) -> Animation:
    keyframes = draw(st.lists(finite, min_size=2, max_size=6))
    times = draw(st.one_of(st.none(),
                           st.lists(st.floats(min_value=0, max_value=1), min_size=len(keyframes),
                                    max_size=len(keyframes)).map(sorted)))
    target = draw(st.sampled_from(("x", "y", "rotate")))  # properties with no range of their own
    return unchecked({
        target: keyframes,
        "times": times,
        "start": draw(st.floats(min_value=0, max_value=600)),
        "duration": draw(st.one_of(st.floats(min_value=0, max_value=600, exclude_min=True),
                                   st.sampled_from((1e-300, 5e-324, 0.016)))),
        "repeat": draw(repeats),
        "back_and_forth": draw(st.booleans()),
        "ease": draw(st.sampled_from(easings)),
    })


@FUZZ
@given(anim=animations(CONTAINED_EASINGS), t=any_time)
@example(anim=unchecked({"x": (-FLOAT_MAX, FLOAT_MAX), "ease": "linear"}), t=0.5)  # b - a once overflowed to inf
@example(anim=Animation(x=(0, 1), duration=0.5, repeat="loop"), t=1e308)  # math.floor(inf) once raised
def test_value_stays_finite_and_within_keyframes(anim: Animation, t: float) -> None:
    # Given any animation whose easing does not overshoot, and any time at all
    low, high = min(anim.keyframes), max(anim.keyframes)

    # When the value at that time is asked for
    value = value_at(anim, t)

    # Then it is a finite number inside the keyframes' range
    assert math.isfinite(value)
    assert low <= value <= high


@FUZZ
@given(anim=animations(tuple(OVERSHOOT)), t=any_time)
def test_overshooting_easings_stay_within_their_documented_margin(anim: Animation, t: float) -> None:
    # Given an animation with a bouncing easing (keyframes kept small enough that the margin is a finite number)
    keyframes = [max(-1e300, min(1e300, k)) for k in anim.keyframes]
    anim = unchecked({**anim.model_dump(), anim.target: tuple(keyframes)})  # a new model, new caches
    low, high = min(keyframes), max(keyframes)
    margin = OVERSHOOT[anim.ease] * (high - low)

    # When the value at any time is asked for
    value = value_at(anim, t)

    # Then it is finite and passes the range by no more than that easing's bounce
    assert math.isfinite(value)
    assert low - margin <= value <= high + margin


@FUZZ
@given(name=st.sampled_from(CONTAINED_EASINGS), p=st.floats())
def test_easing_of_any_progress_is_within_zero_and_one(name: str, p: float) -> None:
    # Given a non-overshooting easing and any raw progress ratio, including nan and infinities
    # When it is eased
    eased = ease(name, p)

    # Then the result is a number between 0 and 1 (the easing clamps its input, nan counts as not started)
    assert 0.0 <= eased <= 1.0
