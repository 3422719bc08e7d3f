"""A step with a turn, played: the ordinary step player plus the child's part. What the turn changes (the piece
that follows the finger, the dirt that clears, the pulse and the ghost hand of a hint, a star for each success)
comes out in the same `StepFrame`, so the renderer draws a game step like any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

from kiosk.content.model import Scene, Step
from kiosk.interactions.gestures import Point
from kiosk.interactions.turn import Hint, Turn
from kiosk.motion.player import STAGE_ASPECT, Aspect, DrawLayer, StepFrame, StepPlayer, layer_size
from kiosk.motion.timeline import layer_values, settle_time

HAND_ART = "ui/hand-tap.svg"     # a tap's hint: the hand with its tap marks above the fingertip
PRESS_HAND_ART = "ui/hand-press.svg"   # every other hint: the same hand, no marks (they would sit on the target)
STAR_ART = "characters/star.svg"
HAND_HEIGHT = 0.22          # stage heights: the ghost hand, about a child's hand
HAND_TIP = (0.44, 0.24)     # where the fingertip is in the hand picture (fractions of it)
STAR_HEIGHT = 0.16
STAR_SECONDS = 0.8          # a success star pops and fades this fast
AFTER_DONE = 2.0            # after the turn (and its cheer), the step waits this long before moving on
FINGER_POINTER = "finger"
TOOL_GRIP = (0.05, -0.06)   # a tool's centre from the fingertip: it shows beside the finger, not under it


@dataclass
class TurnPlayer(StepPlayer):
    """`finger_down/move/up` with stage fractions and step seconds; `frame(t)` as for any step."""

    def __post_init__(self) -> None:
        super().__post_init__()
        assert self.step.your_turn is not None
        places: dict[str, Point] = {}
        reach: dict[str, float] = {}
        for _, layer in self._layers:
            if not layer.id:
                continue
            rest = layer_values(layer, settle_time([layer]) if layer.play == "start" else -math.inf)
            places[layer.id] = (layer.at[0] + rest["x"], layer.at[1] + rest["y"])
            width, height = layer_size(layer, self.aspect(layer.art))
            reach[layer.id] = min(width * STAGE_ASPECT, height) / 2   # a finger anywhere on a small piece
        self.turn = Turn(self.step.your_turn, places, reach)
        self._reacted: set[str] = set()
        self._cheered = False
        self._done_ids = [layer.id for _, layer in self._layers if layer.play == "done" and layer.id]
        self._done_settle = max((settle_time([layer]) for _, layer in self._layers if layer.play == "done"),
                                default=0.0)

    # --- the finger (stage fractions, seconds since the step started) ---------------------------------------
    def finger_down(self, x: float, y: float, t: float, pointer: object = FINGER_POINTER) -> None:
        self.turn.down(pointer, x, y, t)
        self.update(t)

    def finger_move(self, x: float, y: float, t: float, pointer: object = FINGER_POINTER) -> None:
        self.turn.move(pointer, x, y, t)
        self.update(t)

    def finger_up(self, x: float, y: float, t: float, pointer: object = FINGER_POINTER) -> None:
        self.turn.up(pointer, x, y, t)
        self.update(t)

    def update(self, t: float) -> None:
        """Time passes: the turn may finish; tapped targets and a finished turn start their layers' animations."""
        self.turn.update(t)
        for name, when in self.turn.touched(t).items():
            if name not in self._reacted:
                self._reacted.add(name)
                self.start_layers([name], when)
        done = self.turn.done_at
        if done is not None and t >= done and not self._cheered:
            self._cheered = True
            self.start_layers(self._done_ids, done)

    # --- timing ---------------------------------------------------------------------------------------------
    @property
    def waiting(self) -> bool:
        """True while the turn is still the child's to do (the scene screen then keeps swipes for the turn)."""
        return self.turn.done_at is None

    def owns_swipe(self, t: float) -> bool:
        """A swipe at t belongs to the turn: while it waits, or when the swipe is the lift of the very gesture that
        just did it (a fast drag is also a swipe; it must not skip the cheer)."""
        return self.waiting or self.turn.last_touch == t

    def advance_at(self) -> float:
        """The step waits for the turn, then for its cheer and a short look, then moves on."""
        done = self.turn.done_at
        if done is None:
            return math.inf
        hold = self.step.hold if self.step.hold is not None else AFTER_DONE
        return max(done + max(self._done_settle, STAR_SECONDS) + hold, self.settled_at())

    # --- the picture ----------------------------------------------------------------------------------------
    def frame(self, t: float) -> StepFrame:
        self.update(t)
        base = super().frame(t)
        turn = self.turn
        progress = turn.progress(t)
        hint = turn.hint(t)
        busy = turn.busy(t)
        layers = [self._changed(d, t, progress, hint, busy) for d in base.layers]
        layers = [d for d in layers if d.opacity > 0.003] + self._stars(t) + self._hand(hint)
        return replace(base, layers=tuple(layers), moving=base.moving or busy or any(d.moving for d in layers),
                       advance_at=self.advance_at())

    def art_to_come(self, settled: StepFrame) -> StepFrame:
        """The settled frame with what only a child's turn (or its waiting) shows: the targets glowing as the
        hint makes them, a success star and the ghost hand, pressing. Their pictures can then be asked for
        before the step shows (kiosk/draw/render.py step_moments), so the hint never appears without its hand."""
        targets = set(self.turn.spec.targets)
        glowing = tuple(replace(d, focus=0.75, moving=True) for d in settled.layers
                        if d.index < len(self.step.layers) and self.step.layers[d.index].id in targets)
        # Layers still hidden while the child has not done the step (the reaction, the cheer's faces) are drawn
        # from their full-size pictures while they move in: ask for those too.
        shown = {d.index for d in settled.layers}
        hidden = tuple(replace(d, opacity=1.0, moving=True) for d in StepPlayer.frame(self, self.settled_at()).layers
                       if d.index not in shown)
        n = len(self.step.layers)
        star = DrawLayer(STAR_ART, 0.5, 0.5, STAR_HEIGHT * self.aspect(STAR_ART) / STAGE_ASPECT, STAR_HEIGHT,
                         opacity=1.0, rotate=0.0, scale=1.3, focus=0.0, moving=True, index=n + 2)
        art = self.hand_art
        hand = DrawLayer(art, 0.5, 0.5, HAND_HEIGHT * self.aspect(art) / STAGE_ASPECT, HAND_HEIGHT,
                         opacity=1.0, rotate=0.0, scale=0.9, focus=0.0, moving=True, index=n + 1)
        return replace(settled, layers=settled.layers + glowing + hidden + (star, hand))

    def _changed(self, d: DrawLayer, t: float, progress: float, hint: Optional[Hint], busy: bool) -> DrawLayer:
        layer_id = self.step.layers[d.index].id
        spec = self.turn.spec
        if not layer_id:
            return d
        drag = self.turn.drag
        if drag is not None and layer_id == spec.targets[0]:
            (px, py), (hx, hy) = drag.position(t), drag.home
            d = replace(d, cx=d.cx + px - hx, cy=d.cy + py - hy, moving=d.moving or drag.moving(t))
        finger = self.turn.finger
        if layer_id == spec.tool and finger is not None and layer_id in self.turn.places and not self.turn.done(t):
            # The tool goes with the finger: its picture's centre a little above and right of the fingertip.
            (rx, ry) = self.turn.places[layer_id]
            d = replace(d, cx=d.cx + finger[0] + TOOL_GRIP[0] - rx, cy=d.cy + finger[1] + TOOL_GRIP[1] - ry,
                        moving=True)
        if layer_id in spec.clears:
            d = replace(d, opacity=d.opacity * (1 - progress), moving=d.moving or busy)
        if layer_id in spec.fills:
            d = replace(d, opacity=d.opacity * progress, moving=d.moving or busy)
        if hint is not None and layer_id in hint.targets:
            d = replace(d, focus=max(d.focus, 0.25 + 0.5 * hint.pulse), scale=d.scale * (1 + 0.06 * hint.pulse),
                        moving=True)
        elif self.turn.hold is not None and self.turn.hold.pressing and layer_id in spec.targets:
            d = replace(d, focus=max(d.focus, 0.3 + 0.6 * progress), moving=True)   # the held part glows as it works
        return d

    def _stars(self, t: float) -> list[DrawLayer]:
        """A star pops where each success happened: every tapped target, and the place of a finished turn."""
        pops: list[tuple[Point, float]] = [(self.turn.places[n], w) for n, w in self.turn.touched(t).items()
                                           if n in self.turn.places]
        done = self.turn.done_at
        if self.turn.tap is None and done is not None:
            pops.append((self.turn.area, done))
        out = []
        width = STAR_HEIGHT * self.aspect(STAR_ART) / STAGE_ASPECT
        for k, ((x, y), when) in enumerate(pops):
            age = t - when
            if not 0 <= age < STAR_SECONDS:
                continue
            f = age / STAR_SECONDS
            out.append(DrawLayer(STAR_ART, x, y - 0.08 * f, width, STAR_HEIGHT, opacity=1 - f * f, rotate=40 * f,
                                 scale=0.6 + 0.7 * f, focus=0.0, moving=True, index=len(self.step.layers) + 2 + k))
        return out

    @property
    def hand_art(self) -> str:
        """The ghost hand's picture: the tap marks only where the child is to tap. Over a hold's target (the
        jelly swab's face) they looked like a frown."""
        return HAND_ART if self.turn.spec.kind == "tap" else PRESS_HAND_ART

    def _hand(self, hint: Optional[Hint]) -> list[DrawLayer]:
        """The ghost hand, placed so its fingertip is on the hint's point."""
        if hint is None or hint.opacity <= 0.003:
            return []
        height = HAND_HEIGHT
        art = self.hand_art
        width = height * self.aspect(art) / STAGE_ASPECT
        scale = 0.9 if hint.pressing else 1.0
        cx = hint.tip[0] + (0.5 - HAND_TIP[0]) * width * scale
        cy = hint.tip[1] + (0.5 - HAND_TIP[1]) * height * scale
        return [DrawLayer(art, cx, cy, width, height, opacity=hint.opacity, rotate=0.0, scale=scale, focus=0.0,
                          moving=True, index=len(self.step.layers) + 1)]


def player_for(scene: Scene, step: Step, step_index: int, aspect: Aspect, audience: str = "kids",
               lang: str = "en", default_lang: str = "en") -> StepPlayer:
    """The player for a step: a TurnPlayer when the child does the step, else the ordinary one."""
    kind = TurnPlayer if step.your_turn is not None else StepPlayer
    return kind(scene, step, step_index, aspect, audience, lang, default_lang)
