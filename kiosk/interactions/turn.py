"""One step's turn: a finger's downs, moves and ups in, progress, done, hints and what changes on stage out.

- One finger: the first finger down is followed; any other finger is ignored until it lifts.
- A hint after `hint_after` seconds without a touch: the targets pulse and a ghost hand shows the gesture.
- Nothing fails: after `finish_after` seconds the turn finishes itself, kindly (the bugs run, the piece glides
  into place, the area comes clean), only not under a finger that is still at work (unless it never lifts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from kiosk.content.model import YourTurn
from kiosk.interactions.gestures import DragPiece, HoldSpot, Point, RubArea, TapTargets, distance

HOLD_SECONDS = 2.0
AUTO_SECONDS = 1.2        # finishing by itself takes this long: slow enough to watch, quick enough not to bore
AUTO_TAP_GAP = 0.35       # when finishing by itself, the targets left go one after another
STUCK_GRACE = 8.0         # a finger that never lifts delays finishing by itself this long at most
HAND_CYCLE = 1.8          # one showing of the gesture by the ghost hand
PULSE_SECONDS = 1.1


@dataclass(frozen=True)
class Hint:
    """The ghost hand's fingertip (stage fractions), how much it shows, and how hard the targets pulse (0..1)."""

    tip: Point
    opacity: float
    pressing: bool
    pulse: float
    targets: tuple[str, ...]


class Turn:
    """Feed `down`, `move`, `up` and `update` (seconds since the step started); read the rest."""

    def __init__(self, spec: YourTurn, places: dict[str, Point], reach: Optional[dict[str, float]] = None) -> None:
        self.spec = spec
        self.places = places
        self.pointer: Optional[object] = None
        self.finger: Optional[Point] = None     # where the followed finger is while it is down
        self.last_touch = 0.0
        self.finished_by_itself = False
        self._auto: Optional[tuple[float, float]] = None   # (when finishing by itself began, progress then)
        self.tap: Optional[TapTargets] = None
        self.drag: Optional[DragPiece] = None
        self.hold: Optional[HoldSpot] = None
        self.rub: Optional[RubArea] = None
        kind, radius = spec.kind, spec.radius
        if kind == "tap":
            self.tap = TapTargets({name: places[name] for name in spec.targets if name in places}, radius)
        elif kind == "drag":
            name = spec.targets[0]
            home = spec.handle or places.get(name, (0.5, 0.5))
            grab = radius if spec.handle is not None else max(radius, (reach or {}).get(name, 0.0))
            self.drag = DragPiece(home, spec.to or home, radius, grab, spec.seconds or 0.0)
        elif kind == "hold":
            self.hold = HoldSpot(self.area, radius, spec.seconds or HOLD_SECONDS)
        else:
            self.rub = RubArea(self.area, radius, spec.coverage)

    @property
    def area(self) -> Point:
        """Where the child acts: the drag's place, the hold or rub area, or the first target."""
        if self.spec.kind == "drag" and self.spec.to is not None:
            return self.spec.to
        if self.spec.at is not None:
            return self.spec.at
        return next((self.places[n] for n in self.spec.targets if n in self.places), (0.5, 0.5))

    # --- the finger ---------------------------------------------------------------------------------------
    def down(self, pointer: object, x: float, y: float, t: float) -> None:
        if self.pointer is not None and pointer != self.pointer:
            return  # a stray second finger: ignored
        self.update(t)
        self.pointer = pointer
        self._touch(x, y, t, landed=True)

    def move(self, pointer: object, x: float, y: float, t: float) -> None:
        if pointer != self.pointer:
            return
        self.update(t)
        self._touch(x, y, t, landed=False)

    def _touch(self, x: float, y: float, t: float, landed: bool) -> None:
        """The followed finger is at (x, y): it just landed there, or it moved there."""
        self.finger = (x, y)
        self.last_touch = t
        if self.done_at is not None:
            return
        if self.tap is not None:
            self.tap.touch(x, y, t)
        elif self.drag is not None:
            (self.drag.grab if landed else self.drag.follow)(x, y, t)
        elif self.hold is not None:
            self.hold.press(x, y, t)
        elif self.rub is not None:
            (self.rub.press if landed else self.rub.rub)(x, y, t)

    def up(self, pointer: object, x: float, y: float, t: float) -> None:
        if pointer != self.pointer:
            return
        self.update(t)
        self.pointer = None
        self.finger = None
        self.last_touch = t
        if self.drag is not None and self._auto is None:
            self.drag.drop(x, y, t)
        elif self.hold is not None:
            self.hold.lift(t)
        elif self.rub is not None:
            self.rub.lift()

    # --- time ----------------------------------------------------------------------------------------------
    def update(self, t: float) -> None:
        """Time passes: a hold or a kept drag may be done now, or the turn finishes itself."""
        if self.drag is not None:
            self.drag.update(t)
        if self.hold is not None:
            self.hold.update(t)
        if self.done_at is not None or self._auto is not None:
            return
        due = t >= self.spec.finish_after and (self.pointer is None or t >= self.spec.finish_after + STUCK_GRACE)
        if due:
            self._finish_kindly(t)

    def _finish_kindly(self, t: float) -> None:
        self.finished_by_itself = True
        self._auto = (t, self.progress(t))
        self.pointer = None
        self.finger = None
        if self.tap is not None:
            for k, name in enumerate(self.tap.pending()):
                self.tap.touched[name] = t + k * AUTO_TAP_GAP
        elif self.drag is not None:
            self.drag.place_by_itself(t, AUTO_SECONDS)

    @property
    def done_at(self) -> Optional[float]:
        """When the child (or the kind finish) completed the turn; None while it is still to do."""
        if self.tap is not None:
            if self.tap.pending():
                return None
            return max(self.tap.touched.values(), default=0.0)
        if self._auto is not None and self.drag is None:
            return self._auto[0] + AUTO_SECONDS
        part = self.drag or self.hold or self.rub
        return part.done_at if part is not None else None

    def done(self, t: float) -> bool:
        return self.done_at is not None and t >= self.done_at

    def progress(self, t: float) -> float:
        """How far the child has got, 0..1 (what `clears` and `fills` follow)."""
        if self._auto is not None and self.drag is None and self.tap is None:
            began, was = self._auto
            f = min(max((t - began) / AUTO_SECONDS, 0.0), 1.0)
            return was + (1 - was) * f * f * (3 - 2 * f)
        if self.tap is not None:
            return len([w for w in self.tap.touched.values() if w <= t]) / max(len(self.tap.places), 1)
        if self.drag is not None:
            return 1.0 if self.done(t) else self.drag.progress(t)
        if self.hold is not None:
            return self.hold.progress(t)
        return self.rub.progress() if self.rub is not None else 1.0

    def touched(self, t: float) -> dict[str, float]:
        """Tap targets touched by t, with when (each starts its own reaction then)."""
        if self.tap is None:
            return {}
        return {name: when for name, when in self.tap.touched.items() if when <= t}

    # --- the hint ----------------------------------------------------------------------------------------
    def hint(self, t: float) -> Optional[Hint]:
        """After a quiet while with the turn not done: pulsing targets and a ghost hand showing the gesture."""
        if self.done_at is not None or self._auto is not None or self.pointer is not None:
            return None
        quiet = t - max(self.last_touch, 0.0)
        if quiet < self.spec.hint_after:
            return None
        age = quiet - self.spec.hint_after
        opacity = min(age / 0.4, 1.0) * 0.85
        pulse = 0.5 - 0.5 * math.cos(2 * math.pi * age / PULSE_SECONDS)
        phase = (age % HAND_CYCLE) / HAND_CYCLE
        kind = self.spec.kind
        targets = tuple(self.tap.pending()) if self.tap is not None else tuple(self.spec.targets)
        if kind == "tap":
            spot = self.places.get(targets[0], self.area) if targets else self.area
            lift = max(math.sin(phase * 2 * math.pi), 0.0) * 0.05
            return Hint((spot[0], spot[1] - lift), opacity, lift < 0.01, pulse, targets)
        if kind == "drag" and self.drag is not None:
            travel = min(max((phase - 0.15) / 0.6, 0.0), 1.0)
            eased = travel * travel * (3 - 2 * travel)
            tip = (self.drag.home[0] + (self.area[0] - self.drag.home[0]) * eased,
                   self.drag.home[1] + (self.area[1] - self.drag.home[1]) * eased)
            fade = min(phase / 0.1, (1 - phase) / 0.1, 1.0)
            return Hint(tip, opacity * fade, 0.1 < phase < 0.8, pulse, targets)
        if kind == "rub":
            angle = phase * 4 * math.pi   # two little circles per showing
            r = self.spec.radius * 0.45
            return Hint((self.area[0] + math.cos(angle) * r / (4 / 3), self.area[1] + math.sin(angle) * r * 0.6),
                        opacity, True, pulse, targets)
        return Hint(self.area, opacity, phase > 0.25, pulse, targets)

    def busy(self, t: float) -> bool:
        """Something about the turn changes the picture now (a held finger, a glide, a hint)."""
        if self.pointer is not None or self.hint(t) is not None:
            return True
        if self.drag is not None and self.drag.moving(t):
            return True
        done = self.done_at
        if self._auto is not None and (done is None or t < done):
            return True
        return done is not None and t < done + 1.0

    def near(self, x: float, y: float) -> bool:
        return distance((x, y), self.area) <= self.spec.radius
