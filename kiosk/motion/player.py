"""A running scene step: given the time, what to draw. Pure data out; nothing here touches the display.

Times are seconds since the step started (floats). Taps come in as stage fractions with their time, so a
frame depends only on (step, taps so far, t, audience, language): the same inputs give the same frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

from kiosk.content.language import pick
from kiosk.content.model import Hotspot, Layer, Scene, Step
from kiosk.motion.timeline import is_moving, layer_values, settle_time

STAGE_ASPECT = 4 / 3           # the stage is a 4:3 box; layer positions are fractions of it
DEFAULT_LAYER_HEIGHT = 0.5
CALLOUT_SECONDS = 5.0           # how long a tapped part's name stays up
GLOW_RISE = 0.35
INTEREST_SECONDS = 8.0          # after a tap, wait at least this long before moving on by itself
LABEL_FADE = 0.5

Aspect = Callable[[str], float]


@dataclass(frozen=True)
class DrawLayer:
    """One picture to draw: centre and size as stage fractions (width of stage width, height of stage height)."""

    art: str
    cx: float
    cy: float
    width: float
    height: float
    opacity: float
    rotate: float
    scale: float
    glow: float
    moving: bool
    index: int
    reveal: float = 1.0
    pivot: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class LabelView:
    text: str
    at: tuple[float, float]
    point: Optional[tuple[float, float]]
    opacity: float


@dataclass(frozen=True)
class Callout:
    """A tapped hotspot's name (and in parents' mode, its explanation) beside the place tapped."""

    title: str
    explain: str
    at: tuple[float, float]
    opacity: float


@dataclass(frozen=True)
class StepFrame:
    scene_id: str
    step_index: int
    background: str
    layers: tuple[DrawLayer, ...]
    caption: str
    labels: tuple[LabelView, ...]
    callout: Optional[Callout]
    moving: bool
    settled_at: float
    advance_at: float


def reading_seconds(text: str, audience: str) -> float:
    """Time to read (or be read) a caption: children listen slowly; parents read ~3 words a second."""
    words = len(text.split()) or len(text) / 3
    per_second = 2.0 if audience == "kids" else 3.2
    return min(max(2.5 + words / per_second, 4.0), 25.0)


def layer_size(layer: Layer, aspect: float) -> tuple[float, float]:
    """(width, height) as fractions of stage width and height, keeping the art's aspect ratio."""
    aspect = aspect if aspect > 0 and math.isfinite(aspect) else 1.0
    if layer.width is not None:
        width = layer.width
        return width, width * STAGE_ASPECT / aspect
    height = layer.height if layer.height is not None else DEFAULT_LAYER_HEIGHT
    return height * aspect / STAGE_ASPECT, height


def visible_steps(scene: Scene, audience: str) -> tuple[Step, ...]:
    """The steps a reader of this audience sees, in order."""
    steps = tuple(s for s in scene.steps if s.audience in (None, audience))
    return steps or scene.steps


def hotspot_hit(spot: Hotspot, x: float, y: float) -> bool:
    """Hit test in stage fractions; the radius is measured in stage heights so a hotspot stays round."""
    dx = (x - spot.at[0]) * STAGE_ASPECT
    dy = y - spot.at[1]
    return dx * dx + dy * dy <= spot.radius * spot.radius


@dataclass
class StepPlayer:
    """Plays one step. Call `tap` when the stage is touched and `frame` to know what to draw at t."""

    scene: Scene
    step: Step
    step_index: int
    aspect: Aspect
    audience: str = "kids"
    lang: str = "en"
    default_lang: str = "en"
    _replays: dict[int, float] = field(default_factory=dict)   # layer index → time its animations restarted
    _active: Optional[tuple[Hotspot, float]] = None
    _last_tap: float = -math.inf

    def __post_init__(self) -> None:
        self._layers = [(i, layer) for i, layer in enumerate(self.step.layers)
                        if layer.audience in (None, self.audience)]
        order = sorted(self._layers, key=lambda il: (il[1].z if il[1].z is not None else il[0], il[0]))
        self._layers = order
        self._by_id = {layer.id: i for i, layer in self._layers if layer.id}
        self._settle = settle_time(layer for _, layer in self._layers)

    @property
    def caption(self) -> str:
        text = self.step.text.parents if self.audience == "parents" and self.step.text.parents else self.step.text.kids
        return pick(text, self.lang, self.default_lang)

    def tap(self, x: float, y: float, t: float) -> bool:
        """A touch on the stage at (x, y) stage fractions. True if it hit a hotspot."""
        self._last_tap = t
        for spot in reversed(self.step.hotspots):
            if hotspot_hit(spot, x, y):
                self._active = (spot, t)
                for target in spot.replay:
                    if target in self._by_id:
                        self._replays[self._by_id[target]] = t
                return True
        return False

    def settled_at(self) -> float:
        """When nothing moves any more: animations done and every label faded in."""
        ends = [self._settle] + [start + settle_time([self.step.layers[i]]) for i, start in self._replays.items()]
        ends += [label.start + LABEL_FADE for label in self.step.labels if label.audience == self.audience]
        return max(ends)

    def advance_at(self) -> float:
        """When the step may move on by itself: after its animation, the reading time, and any recent tap."""
        hold = self.step.hold if self.step.hold is not None else reading_seconds(self.caption, self.audience)
        return max(self.settled_at() + hold, self._last_tap + INTEREST_SECONDS)

    def frame(self, t: float) -> StepFrame:
        layers = tuple(self._draw_layer(i, layer, t) for i, layer in self._layers)
        callout = self._callout(t)
        return StepFrame(
            scene_id=self.scene.id,
            step_index=self.step_index,
            background=self.step.background or self.scene.background,
            layers=tuple(d for d in layers if d.opacity > 0.003),
            caption=self.caption,
            labels=self._labels(t),
            callout=callout,
            moving=any(d.moving for d in layers) or (callout is not None and callout.opacity < 1.0),
            settled_at=self.settled_at(),
            advance_at=self.advance_at(),
        )

    def _draw_layer(self, index: int, layer: Layer, t: float) -> DrawLayer:
        local = t - self._replays.get(index, 0.0)
        values = layer_values(layer, local)
        width, height = layer_size(layer, self.aspect(layer.art))
        glow = max(values["glow"], self._tap_glow(layer, t))
        return DrawLayer(
            art=layer.art,
            cx=layer.at[0] + values["x"],
            cy=layer.at[1] + values["y"],
            width=width,
            height=height,
            opacity=min(max(values["opacity"], 0.0), 1.0),
            rotate=values["rotate"],
            scale=max(values["scale"], 0.0),
            glow=min(max(glow, 0.0), 1.0),
            moving=is_moving(layer, local) or self._tap_glow_moving(layer, t),
            index=index,
            reveal=min(max(values["reveal"], 0.0), 1.0),
            pivot=layer.pivot,
        )

    def _tap_age(self, layer: Layer, t: float) -> Optional[float]:
        if self._active is None or not layer.id or self._active[0].highlight != layer.id:
            return None
        age = t - self._active[1]
        return age if 0 <= age <= CALLOUT_SECONDS else None

    def _tap_glow(self, layer: Layer, t: float) -> float:
        age = self._tap_age(layer, t)
        if age is None:
            return 0.0
        return _fade_envelope(age)

    def _tap_glow_moving(self, layer: Layer, t: float) -> bool:
        age = self._tap_age(layer, t)
        return age is not None and (age < GLOW_RISE or age > CALLOUT_SECONDS - GLOW_RISE * 2)

    def _callout(self, t: float) -> Optional[Callout]:
        if self._active is None:
            return None
        spot, when = self._active
        age = t - when
        if not 0 <= age <= CALLOUT_SECONDS:
            return None
        explain = pick(spot.explain, self.lang, self.default_lang) if self.audience == "parents" else ""
        return Callout(pick(spot.label, self.lang, self.default_lang), explain, spot.at, _fade_envelope(age))

    def _labels(self, t: float) -> tuple[LabelView, ...]:
        out = []
        for label in self.step.labels:
            if label.audience != self.audience or t < label.start:
                continue
            opacity = min((t - label.start) / LABEL_FADE, 1.0)
            out.append(LabelView(pick(label.text, self.lang, self.default_lang), label.at, label.point, opacity))
        return tuple(out)


def _fade_envelope(age: float) -> float:
    """0 → 1 quickly, hold, then 1 → 0 at the end of the callout time."""
    rise = min(age / GLOW_RISE, 1.0)
    fall = min(max((CALLOUT_SECONDS - age) / (GLOW_RISE * 2), 0.0), 1.0)
    return min(rise, fall)
