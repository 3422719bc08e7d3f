"""Property tests for the gesture recognizer (kiosk.input.GestureRecognizer).

Whatever fingers and mice do (downs, moves and ups of several pointers interleaved, per-frame updates, focus
lost, a screen resized mid-touch), at any coordinates and with time never going backwards, the recognizer
must not raise, and one touch (from the down it accepted to that pointer's up, or to the down that replaces it
when its lift was lost) gives at most one action: a Tap, a Swipe or a LongPress. A child's finger must never
both open a scene and turn its page.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.app.input import STALE_SECONDS, GestureRecognizer, LongPress, Press, Swipe, Tap

FUZZ = settings(max_examples=int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "300")), deadline=None)
ACTIONS = (Tap, Swipe, LongPress)

pointers = st.sampled_from(["mouse", ("finger", 1, 0), ("finger", 1, 1), ("finger", 2, 0), ("finger", 1, 7)])
coords = st.one_of(st.floats(min_value=-50, max_value=4000), st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from([0.0, -0.0, 1919.0, 1920.0]))
gaps = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=2.0),
                 st.sampled_from([0.69, 0.7, 0.71, 0.79, 0.8, 0.81, 0.9, 1e9]))
ops = st.one_of(
    st.tuples(st.sampled_from(["down", "move", "up"]), pointers, coords, coords, gaps),
    st.tuples(st.just("update"), st.none(), st.none(), st.none(), gaps),
    st.tuples(st.just("cancel"), st.none(), st.none(), st.none(), gaps),
    st.tuples(st.just("resize"), st.none(), st.integers(-5, 5000), st.integers(-5, 5000), gaps),
)


@FUZZ
@given(size=st.tuples(st.integers(1, 5000), st.integers(1, 5000)), script=st.lists(ops, max_size=60))
def test_one_touch_gives_at_most_one_action_and_nothing_raises(size, script) -> None:
    # Given a recognizer for a screen of any size
    r = GestureRecognizer(*size)
    t = 0.0
    active = None          # the pointer whose down was accepted
    started = 0.0
    actions_this_touch = 0
    for op, pointer, x, y, gap in script:
        t += gap
        # When any pointer goes down, moves, lifts, or time passes (times never go backwards)
        if op == "down":
            out = r.down(pointer, x, y, t)
        elif op == "move":
            out = r.move(pointer, x, y, t)
        elif op == "up":
            out = r.up(pointer, x, y, t)
        elif op == "update":
            out = r.update(t)
        elif op == "resize":
            r.resize(x, y)
            out = []
        else:
            r.cancel()
            out = []
        # Then only a down starts a touch: while none is going on, or replacing one whose lift was lost (the
        # same pointer pressed again, or a finger "down" for too long); the replaced touch ends there
        if any(isinstance(c, Press) for c in out):
            assert op == "down"
            if active is not None:
                assert pointer == active or t - started >= STALE_SECONDS, "a second finger took over a live touch"
            active, actions_this_touch, started = pointer, 0, t
        actions = [c for c in out if isinstance(c, ACTIONS)]
        if actions:
            assert active is not None, f"an action with no touch in progress: {out}"
            assert op in ("up", "update") and (op == "update" or pointer == active)
        actions_this_touch += len(actions)
        assert actions_this_touch <= 1, f"one touch gave {actions_this_touch} actions (last: {out})"
        if (op == "up" and pointer == active) or op == "cancel":
            active = None
        assert (r.active is None) == (active is None)


@FUZZ
@given(x=coords, y=coords, held=gaps)
def test_a_lone_touch_always_ends_in_exactly_one_outcome(x: float, y: float, held: float) -> None:
    # Given a finger that goes down
    r = GestureRecognizer(1920, 1080)
    out = r.down(("finger", 1, 0), 100.0, 100.0, 0.0)
    # When it is held, updated every so often, and lifted somewhere
    out += r.update(held / 2) + r.update(held)
    out += r.up(("finger", 1, 0), x, y, held)
    # Then it pressed once and gave at most one action, and the touch is over
    assert sum(isinstance(c, Press) for c in out) == 1
    assert sum(isinstance(c, ACTIONS) for c in out) <= 1
    assert r.active is None
