"""The hidden staff chord: hold the top-left corner 3 s, let go, then tap the top-right corner beside the buttons.

Its one job: from the finger's presses, lifts and the time, say when the PIN pad opens, and which lift a child
meant as a tap. No display, no clock: the navigator passes time and whether a point is on a button.

Why it is shaped so (issues 12 and 13). The corners hold the Home and Contact buttons, so:
- A receptionist presses the very corner; a four-year-old presses and holds the Home button (a long press is a
  tap). The hold may be on Home: the lift of a 3 s hold is kept back for `KEPT_SECONDS` instead of pressing Home at
  once. If the chord's tap comes in that time, Home is never pressed; if not, Home is pressed then, a moment late
  (a child who held Home still goes home). Any other touch meanwhile wins over the held Home (the child's newest
  wish), so a late Home never lands on top of what the child did next.
- The finishing tap must land in the top-right corner on no button: a tap on Contact is always Contact. A child who
  holds Home and then taps Contact gets Contact, never the PIN pad, so cannot lock the pad with wrong PINs.
- The chord stays armed across a screen change, so staff who are slower than `KEPT_SECONDS` still get the pad (the
  screen behind it has gone home by then, which does not matter to them).
"""

from __future__ import annotations

import math
from typing import Optional

from kiosk.app.input import Tap

HOLD_SECONDS = 3.0      # hold the top-left corner this long...
WINDOW_SECONDS = 6.0    # ...then tap the top-right corner within this time
KEPT_SECONDS = 1.5      # the lift of a corner hold waits this long for the chord's tap before it is a tap
CORNER_W, CORNER_H = 0.12, 0.16   # each corner, as a share of the screen's width and height

OPEN = "open"   # what `tap` says: the chord is made, open the PIN pad
KEEP = "keep"   # ...the chord keeps this tap back for now (the screen must not act on it yet)
PASS = "pass"   # ...an ordinary tap: the screen acts on it


def in_start_corner(x: float, y: float, size: tuple[int, int]) -> bool:
    return x < size[0] * CORNER_W and y < size[1] * CORNER_H


def in_end_corner(x: float, y: float, size: tuple[int, int]) -> bool:
    return x > size[0] * (1 - CORNER_W) and y < size[1] * CORNER_H


class StaffChord:
    """Feed `press`, `tap`, `lifted` and `update` (animation seconds); act on what they return."""

    _held: Optional[float]              # when a finger landed in the top-left corner (still down)
    _lift_is_ours: bool                 # that finger has held long enough: its lift is the chord's
    armed_until: float                  # the top-right tap opens the pad until then
    _kept: Optional[tuple[Tap, float]]  # the held finger's lift, and when it becomes a tap
    _finishing: bool                    # a finger is down where the chord's tap would end it

    def __init__(self) -> None:
        self.reset()

    def press(self, x: float, y: float, t: float, size: tuple[int, int], on_button: bool) -> Optional[Tap]:
        """A finger landed. Returns the kept tap this touch gives up (the screen lets go of its button), if any."""
        self._held = t if in_start_corner(x, y, size) else None
        self._lift_is_ours = False
        self._finishing = self._armed(t) and self._finishes(x, y, size, on_button)
        return self._drop() if self._kept is not None and not self._finishing else None

    def lifted(self) -> None:
        """The finger lifted without a tap (it moved away or swiped): no hold goes on, no lift is kept."""
        self._held = None
        self._lift_is_ours = False
        self._finishing = False

    def tap(self, cmd: Tap, size: tuple[int, int], on_button: bool) -> str:
        """The finger lifted in place: OPEN, KEEP, or PASS (see above)."""
        self._held = None
        self._finishing = False
        if self._lift_is_ours:
            self._lift_is_ours = False
            self._kept = (cmd, cmd.t + KEPT_SECONDS)
            return KEEP
        if self._armed(cmd.t) and self._finishes(cmd.x, cmd.y, size, on_button):
            self.armed_until = -math.inf
            self._kept = None   # the held lift was the chord's: it never presses anything
            return OPEN
        return PASS

    def update(self, t: float) -> Optional[Tap]:
        """Time passes: a corner held long enough arms the chord; a kept lift whose time is up is returned, to be
        played to the screen as the tap it was."""
        if self._held is not None and t - self._held >= HOLD_SECONDS:
            self._held = None
            self._lift_is_ours = True
            self.armed_until = t + WINDOW_SECONDS
        if self._kept is not None and t >= self._kept[1] and not self._finishing:
            return self._drop()
        return None

    def reset(self) -> None:
        """A new family: nothing held, nothing armed, nothing kept."""
        self._held = None
        self._lift_is_ours = False
        self.armed_until = -math.inf
        self._kept = None
        self._finishing = False

    def _armed(self, t: float) -> bool:
        return t <= self.armed_until

    @staticmethod
    def _finishes(x: float, y: float, size: tuple[int, int], on_button: bool) -> bool:
        return in_end_corner(x, y, size) and not on_button

    def _drop(self) -> Optional[Tap]:
        kept = self._kept
        self._kept = None
        return kept[0] if kept is not None else None
