"""Finger and mouse events into commands: Press, Release, Tap, Swipe, LongPress.

Contract:
- one finger at a time: a second finger while one is down is ignored, so two-handed taps do one thing;
- mouse events that SDL makes from touches (their `touch` flag) are ignored, so one tap is one action;
- every touch produces at most one action (Tap, Swipe or LongPress); Press and Release only show feedback;
- thresholds are fractions of the screen, so they feel the same on any size;
- time comes in with each event; nothing here reads a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Union

TAP_MOVE = 0.035        # of the shorter screen side: more movement than this is not a tap
TAP_SECONDS = 0.7
SWIPE_DISTANCE = 0.08   # of the screen width
SWIPE_SECONDS = 0.9
LONG_PRESS_SECONDS = 0.8
STALE_SECONDS = 8.0     # a finger "down" this long with another arriving is taken as lost (its lift never came)


@dataclass(frozen=True)
class _At:
    """Where (screen pixels) and when (seconds) something happened to the finger."""

    x: float
    y: float
    t: float


@dataclass(frozen=True)
class Press(_At):
    """A finger landed: show feedback now; the action comes when it lifts."""


@dataclass(frozen=True)
class Release(_At):
    """The finger lifted without an action (moved away, or after a long press)."""


@dataclass(frozen=True)
class Tap(_At):
    """A short touch that stayed in place: the action."""


@dataclass(frozen=True)
class Swipe:
    direction: str  # "left" (finger moved left: next) or "right" (previous), "up", "down"
    t: float


@dataclass(frozen=True)
class LongPress(_At):
    """A finger held still for a while."""


@dataclass(frozen=True)
class Key:
    """A key press, for the windowed preview and the staff PIN pad on a keyboard."""

    name: str
    t: float


Command = Union[Press, Release, Tap, Swipe, LongPress, Key]


@dataclass
class _Touch:
    pointer: object
    x0: float
    y0: float
    t0: float
    x: float
    y: float
    long_sent: bool = False


class GestureRecognizer:
    """Feed pointer downs, moves and ups (screen pixels, seconds); collect commands."""

    def __init__(self, width: int, height: int) -> None:
        self.resize(width, height)
        self._touch: Optional[_Touch] = None

    def resize(self, width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(1, height)

    @property
    def active(self) -> Optional[tuple[float, float, float]]:
        """(x, y, since) of the finger that is down, if any."""
        if self._touch is None:
            return None
        return self._touch.x, self._touch.y, self._touch.t0

    def down(self, pointer: object, x: float, y: float, t: float) -> list[Command]:
        if self._touch is not None:
            if t - self._touch.t0 < STALE_SECONDS and self._touch.pointer != pointer:
                return []  # another finger is already down: ignore this one
            # A lift that never arrived (driver hiccup, a palm on the bezel, the same pointer pressed again):
            # forget that finger, or the kiosk would ignore every touch from now on.
            self._touch = None
        self._touch = _Touch(pointer, x, y, t, x, y)
        return [Press(x, y, t)]

    def move(self, pointer: object, x: float, y: float, t: float) -> list[Command]:
        touch = self._touch
        if touch is None or touch.pointer != pointer:
            return []
        touch.x, touch.y = x, y
        return []

    def up(self, pointer: object, x: float, y: float, t: float) -> list[Command]:
        touch = self._touch
        if touch is None or touch.pointer != pointer:
            return []
        self._touch = None
        touch.x, touch.y = x, y
        if touch.long_sent:
            return [Release(x, y, t)]
        dx, dy = x - touch.x0, y - touch.y0
        held = t - touch.t0
        moved = math.hypot(dx, dy)
        if moved <= TAP_MOVE * min(self.width, self.height) and held <= TAP_SECONDS:
            return [Tap(touch.x0, touch.y0, t)]
        if held <= SWIPE_SECONDS:
            if abs(dx) >= SWIPE_DISTANCE * self.width and abs(dx) > 1.5 * abs(dy):
                return [Release(x, y, t), Swipe("left" if dx < 0 else "right", t)]
            if abs(dy) >= SWIPE_DISTANCE * self.height and abs(dy) > 1.5 * abs(dx):
                return [Release(x, y, t), Swipe("up" if dy < 0 else "down", t)]
        return [Release(x, y, t)]

    def update(self, t: float) -> list[Command]:
        """Call every frame: a finger held still long enough becomes a LongPress (once)."""
        touch = self._touch
        if touch is None or touch.long_sent or t - touch.t0 < LONG_PRESS_SECONDS:
            return []
        if math.hypot(touch.x - touch.x0, touch.y - touch.y0) > TAP_MOVE * min(self.width, self.height):
            return []
        touch.long_sent = True
        return [LongPress(touch.x0, touch.y0, t)]

    def cancel(self) -> None:
        """Forget the finger (the window lost focus, or the screen changed under it)."""
        self._touch = None
