"""The scene format as typed, frozen models (no pygame here).

What staff write is validated into these models; `kiosk.validation` turns pydantic's errors into one-line
problems with file:line:column. Shorthands accepted for people with a text editor:
- a text may be a plain string (it is the default language's text) or a map of language → string;
- `animate` may be one animation or a list of them;
- a background may be an art file or a colour "#RRGGBB".

Longer than 400 lines on purpose: the whole scene format in one file, every key staff may write with its
bounds and its message, so the JSON Schema and the validation can never disagree.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
LANG = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
COLOR = r"^#[0-9A-Fa-f]{6}$"
ART_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
AUDIO_SUFFIXES = (".ogg", ".wav", ".mp3")
VOICE_SUFFIXES = (".ogg", ".opus", ".wav", ".mp3")
ANIMATED_PROPERTIES = ("opacity", "x", "y", "scale", "scale_x", "scale_y", "rotate", "focus", "dim", "reveal")
MOTION_PROPERTIES = ANIMATED_PROPERTIES + ("path",)   # what one animation may move (a path moves x and y at once)
OLD_NAMES = {"glow": "focus"}   # keys renamed since they were first documented; the old name still works
Side = Literal["top", "bottom", "left", "right"]

# The easing curves a scene may name (kiosk.motion.easing draws each one; a test holds the two lists together).
EASING_NAMES: tuple[str, ...] = ("linear", "in_quad", "out_quad", "in_out_quad", "in_cubic", "out_cubic",
                                 "in_out_cubic", "in_out_sine", "in_back", "out_back", "out_elastic", "out_bounce",
                                 "step")
Ease = Literal[EASING_NAMES]  # type: ignore[valid-type]
Point = tuple[float, float]
Audience = Literal["kids", "parents"]
Transition = Literal["cut", "fade", "slide"]
Play = Literal["start", "touched", "done"]
TurnKind = Literal["tap", "drag", "rub", "hold"]
FINGER = 0.08   # stage heights: the smallest "near enough" a small finger can manage (about 1.5 cm on a 22" screen)


def _text_from_shorthand(value: Any, info: ValidationInfo) -> Any:
    """A plain string is the default language's text."""
    if isinstance(value, str):
        lang = (info.context or {}).get("default_lang", "en")
        return {lang: value}
    return value


# Bounds on what is drawn as words: far above any shipped text, far below what slows or breaks drawing
# (a title of 8,400 characters made a picture too wide for pygame's scaling; a 1 MB caption took 30 s to wrap).
MAX_TEXT = 2000        # a caption, an FAQ answer
MAX_SHORT_TEXT = 160   # a title, a label: one line on a tile or beside a leader line
MAX_LAYERS = 100       # per step; the busiest shipped step has 25
MAX_ANIMATIONS = 20    # per layer
MAX_KEYFRAMES = 100    # values in one animation
MAX_STEPS = 60
MAX_SPOTS = 40         # hotspots or labels per step
MAX_OFFSET = 10.0      # x/y keyframes, in stage sizes: a layer ten stages away is far off screen already
MAX_TURN = 36000.0     # rotate keyframes, degrees (a hundred turns)
# A layer's size times its largest scale, in stage sizes. Past about two stages almost all of the picture is
# off screen, yet it would be rasterised whole: height 4 x scale 10 asked for 40 stages (601 MB for one turned
# layer). The shipped scenes stay at 1.
MAX_EXTENT = 2.0


def control_character(text: str) -> Optional[str]:
    """A description of the first character that cannot be drawn as text (NUL, escape, other controls,
    lone surrogates), or None. Line breaks and tabs are allowed."""
    for ch in text:
        code = ord(ch)
        if (code < 32 and ch not in "\n\t") or 127 <= code < 160 or 0xD800 <= code <= 0xDFFF \
                or code in (0x2028, 0x2029, 0xFEFF):
            return f"U+{code:04X}"
    return None


def _check_text(value: dict[str, str], max_chars: int = MAX_TEXT) -> dict[str, str]:
    if not value:
        raise ValueError("a text needs at least one language, for example  en: \"Hello\"")
    for lang, words in value.items():
        if not re.match(LANG, lang):
            raise ValueError(f"'{lang}' is not a language code; use a code such as en, es, fr, pt-BR")
        if not words.strip():
            raise ValueError(f"the '{lang}' text is empty; write the words or remove the line")
        bad = control_character(words)
        if bad:
            raise ValueError(f"the '{lang}' text contains an invisible control character ({bad}); "
                             "delete it and type the words again")
        if len(words) > max_chars:
            raise ValueError(f"the '{lang}' text is {len(words)} characters; keep it under {max_chars} "
                             "(split it over several steps)")
    return value


def _check_short_text(value: Optional[dict[str, str]]) -> Optional[dict[str, str]]:
    return value if value is None else _check_text(value, MAX_SHORT_TEXT)


Text = Annotated[
    dict[str, str],
    BeforeValidator(_text_from_shorthand, json_schema_input_type=Union[str, dict[str, str]]),
]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


MAX_NAME_BYTES = 255    # what Linux file systems allow for one name
MAX_PATH_BYTES = 1024


def _art_path(value: str) -> str:
    """Syntax only: the library checks that the file exists inside the art folders."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("an art path is needed, for example tooth/enamel.svg")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("an art path cannot contain a line break or other control character")
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        raise ValueError(f"'{value}' is an absolute path; write it relative to the art folder, e.g. tooth/enamel.svg")
    parts = re.split(r"[/\\]", value)
    if len(value.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES or any(
            len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        raise ValueError(f"'{value[:40]}...' is too long a file name; keep each name under {MAX_NAME_BYTES} bytes "
                         f"and the whole path under {MAX_PATH_BYTES}")
    if ".." in parts:
        raise ValueError(f"'{value}' leaves the art folder ('..'); art must stay inside art/")
    return value


def _voice_path(value: str) -> str:
    """A narration file named in the YAML, relative to the voice folder beside the scenes."""
    _art_path(value)
    if not value.lower().endswith(VOICE_SUFFIXES):
        raise ValueError(f"'{value}' is not a sound; use an .ogg, .opus, .wav or .mp3 file")
    return value


VoiceFile = Annotated[str, BeforeValidator(_voice_path)]
VoiceByLang = dict[Annotated[str, Field(pattern=LANG)], VoiceFile]


def _renamed(value: Any) -> Any:
    """`glow` was the first name of `focus`: a file that says glow means focus (never both)."""
    if isinstance(value, dict):
        for old, new in OLD_NAMES.items():
            if old in value and new not in value:
                value = {(new if k == old else k): v for k, v in value.items()}
    return value


art_path = _art_path   # for kiosk.yaml's clinic logo: the same rules as scene art


class Strict(BaseModel):
    # No NaN or infinity anywhere: a number staff write is a real number, or it is an error.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)


class Animation(Strict):
    """One property moving through keyframe values over time (a `path` moves through points)."""

    _old = model_validator(mode="before")(lambda value: _renamed(value))

    opacity: Optional[tuple[Annotated[float, Field(ge=0, le=1)], ...]] = Field(None, max_length=MAX_KEYFRAMES)
    x: Optional[tuple[Annotated[float, Field(ge=-MAX_OFFSET, le=MAX_OFFSET)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="offset across the stage, in stage widths")
    y: Optional[tuple[Annotated[float, Field(ge=-MAX_OFFSET, le=MAX_OFFSET)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="offset down the stage, in stage heights")
    scale: Optional[tuple[Annotated[float, Field(ge=0, le=10)], ...]] = Field(None, max_length=MAX_KEYFRAMES)
    scale_x: Optional[tuple[Annotated[float, Field(ge=0, le=10)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="stretch across, around the pivot (squash and stretch)")
    scale_y: Optional[tuple[Annotated[float, Field(ge=0, le=10)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="stretch up and down, around the pivot (squash and stretch)")
    rotate: Optional[tuple[Annotated[float, Field(ge=-MAX_TURN, le=MAX_TURN)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="degrees, clockwise")
    focus: Optional[tuple[Annotated[float, Field(ge=0, le=1)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="draws the eye to this picture: everything else dims, its outline pulses (old name: glow)")
    dim: Optional[tuple[Annotated[float, Field(ge=0, le=1)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="greys and washes this picture out, still solid (what is not being talked about)")
    path: Optional[tuple[tuple[Annotated[float, Field(ge=-3, le=3)], Annotated[float, Field(ge=-3, le=3)]], ...]] = Field(
        None, max_length=MAX_KEYFRAMES, description="points [x, y] to travel through, added to `at` like x and y; the curve passes each point")
    reveal: Optional[tuple[Annotated[float, Field(ge=0, le=1)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES,
        description="how much of the picture shows, from its top down (0 = none, 1 = all): flows and fills")
    times: Optional[tuple[Annotated[float, Field(ge=0, le=1)], ...]] = Field(
        None, max_length=MAX_KEYFRAMES,
        description="where each value sits, as fractions of the duration (default: evenly spaced)")
    start: float = Field(0.0, ge=0, le=600, description="seconds after the step starts")
    duration: float = Field(1.0, gt=0, le=600, description="seconds for one pass")
    ease: Ease = "in_out_cubic"
    repeat: Union[Annotated[int, Field(ge=0, le=1000)], Literal["loop"]] = 0
    back_and_forth: bool = False

    @model_validator(mode="after")
    def _one_property(self) -> "Animation":
        given = [name for name in MOTION_PROPERTIES if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(MOTION_PROPERTIES)
            found = ", ".join(given) if given else "none"
            raise ValueError(f"an animation moves exactly one of: {names} (found: {found}); "
                             "write one animation per property")
        values = getattr(self, given[0])
        if len(values) < 2:
            example = "[[0, 0], [0.1, -0.2]]" if given[0] == "path" else "[0, 1]"
            raise ValueError(f"'{given[0]}' needs at least two values, from and to, e.g. {example}")
        if self.times is not None:
            if len(self.times) != len(values):
                raise ValueError(f"'times' has {len(self.times)} entries but '{given[0]}' has {len(values)}; "
                                 "give one time per value")
            if list(self.times) != sorted(self.times):
                raise ValueError("'times' must go up, e.g. [0, 0.5, 1]")
        return self

    @cached_property
    def target(self) -> str:
        """The property this animation moves (worked out once: the model is frozen)."""
        return next(name for name in MOTION_PROPERTIES if getattr(self, name) is not None)

    @cached_property
    def keyframes(self) -> tuple[float, ...]:
        """The values moved through (for a path: the points' index, 0, 1, 2...; see `timeline.path_at`)."""
        if self.target == "path":
            return tuple(float(i) for i in range(len(self.path or ())))
        return getattr(self, self.target)


class Blink(Strict):
    """A picture shown only for short moments, again and again: closed eyelids over open eyes blink."""

    every: float = Field(4.0, ge=1, le=60, description="seconds from one blink to the next")
    length: float = Field(0.18, ge=0.08, le=1, description="seconds each blink lasts")
    start: float = Field(1.0, ge=0, le=600, description="seconds after the step starts, the first blink")


class Layer(Strict):
    """One picture on the stage. Position and size are fractions of the stage."""

    _old = model_validator(mode="before")(lambda value: _renamed(value))

    id: Optional[Annotated[str, Field(pattern=SLUG)]] = None
    art: Annotated[str, BeforeValidator(_art_path)]
    at: tuple[Annotated[float, Field(ge=-1, le=2)], Annotated[float, Field(ge=-1, le=2)]] = (0.5, 0.5)
    height: Optional[Annotated[float, Field(gt=0, le=4)]] = None
    width: Optional[Annotated[float, Field(gt=0, le=4)]] = None
    z: Optional[Annotated[int, Field(ge=-1000, le=1000)]] = None
    opacity: float = Field(1.0, ge=0, le=1)
    rotate: float = Field(0.0, ge=-3600, le=3600)
    scale: float = Field(1.0, gt=0, le=10)
    scale_x: float = Field(1.0, gt=0, le=10, description="stretch across, around the pivot")
    scale_y: float = Field(1.0, gt=0, le=10, description="stretch up and down, around the pivot")
    focus: float = Field(0.0, ge=0, le=1, description="draws the eye here: the rest dims, the outline pulses")
    dim: float = Field(0.0, ge=0, le=1, description="greys and washes this picture out; it stays solid")
    reveal: float = Field(1.0, ge=0, le=1, description="how much of the picture shows, from `reveal_from`")
    reveal_from: Side = Field("top", description="the side the picture shows from: bottom fills it up")
    follow: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(
        None, description="id of a layer in this step whose moves (x, y, path) this one makes too")
    blink: Optional[Blink] = Field(None, description="show this picture only in short blinks, again and again")
    pivot: tuple[Annotated[float, Field(ge=-1, le=2)], Annotated[float, Field(ge=-1, le=2)]] = Field(
        (0.5, 0.5), description="the point the picture turns around, as fractions of the picture (0.5, 0.5 = centre)")
    audience: Optional[Audience] = Field(None, description="show only to kids or only to parents")
    play: Play = Field("start", description="when this layer's animations start: with the step (start), when the "
                                            "child taps it in a 'your_turn: tap' (touched), or when the child has "
                                            "done the step's turn (done)")
    animate: Annotated[tuple[Animation, ...], BeforeValidator(
        _one_or_many, json_schema_input_type=Union[Animation, tuple[Animation, ...]]),
        Field(max_length=MAX_ANIMATIONS)] = ()

    @cached_property
    def animations_by_property(self) -> dict[str, tuple[Animation, ...]]:
        """This layer's animations grouped by the property they move (worked out once: the model is frozen)."""
        groups: dict[str, list[Animation]] = {}
        for anim in self.animate:
            groups.setdefault(anim.target, []).append(anim)
        return {name: tuple(anims) for name, anims in groups.items()}

    @model_validator(mode="after")
    def _size(self) -> "Layer":
        if self.height is not None and self.width is not None:
            raise ValueError("give either 'height' or 'width', not both (the other follows from the picture)")
        scales = [self.scale] + [v for anim in self.animate if anim.scale is not None for v in anim.scale]
        extent = (self.height or self.width or 0.5) * max(scales)
        if extent > MAX_EXTENT:
            raise ValueError(f"this layer grows to {extent:g} stage sizes ({'height' if self.width is None else 'width'}"
                             f" x its largest scale); keep it within {MAX_EXTENT:g}: what is larger is off screen "
                             "but would still be drawn whole")
        return self

    @field_validator("art")
    @classmethod
    def _art_suffix(cls, value: str) -> str:
        if not value.lower().endswith(ART_SUFFIXES):
            raise ValueError(f"'{value}' is not a picture; use an .svg, .png, .jpg or .webp file")
        return value


class Hotspot(Strict):
    """A place to tap: highlights a layer, shows a label (and in parents' mode explains it)."""

    at: tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]
    radius: float = Field(0.08, gt=0, le=0.5)
    label: Text
    explain: Optional[Text] = Field(None, description="one-line definition shown in parents' mode")
    highlight: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(None, description="id of the layer to focus on")
    replay: tuple[Annotated[str, Field(pattern=SLUG)], ...] = Field(
        (), description="ids of layers whose animations start again on a tap")
    voice: Optional[VoiceByLang] = Field(
        None, description="narration of the name, per language, relative to the voice folder "
                          "(default: voice/parts/<name>.<lang>.ogg, else the generated file)")

    _texts = field_validator("label")(_check_short_text)
    _explain = field_validator("explain")(lambda v: v if v is None else _check_text(v))


class Label(Strict):
    """A clinical label with a leader line, shown in parents' mode unless `audience` says otherwise."""

    text: Text
    at: tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]
    point: Optional[tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]] = None
    audience: Audience = "parents"
    start: float = Field(0.0, ge=0, le=600, description="seconds after the step starts")

    _texts = field_validator("text")(_check_short_text)


Point = tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]
Ids = tuple[Annotated[str, Field(pattern=SLUG)], ...]


class YourTurn(Strict):
    """A step where the child acts and the step waits: tap these, drag this to there, rub here, hold here.
    Nothing can fail: a hint comes after `hint_after` quiet seconds and the step finishes itself, kindly, after
    `finish_after` seconds."""

    kind: TurnKind = Field(description="tap: tap each target; drag: move the target to 'to'; "
                                       "rub: rub the area at 'at'; hold: keep a finger on 'at'")
    targets: Ids = Field((), description="ids of layers: tap: the ones to tap; drag: the one to drag; "
                                         "rub and hold: the ones that pulse as a hint (optional)")
    to: Optional[Point] = Field(None, description="drag: where the handle must go")
    handle: Optional[Point] = Field(None, description="drag: where the child takes hold of the target (default: its "
                                                      "centre); for a part of a layered drawing, the part's place")
    at: Optional[Point] = Field(None, description="rub and hold: the centre of the area (default: the first "
                                                  "target's place)")
    radius: float = Field(0.14, ge=FINGER, le=0.5,
                          description="how near is near enough, and for rub the size of the area, in stage heights")
    seconds: Optional[float] = Field(None, gt=0, le=30,
                                     description="hold: how long to hold (default 2); drag: how long to keep the "
                                                 "target at 'to' once it is there (default 0: just let go there)")
    coverage: float = Field(0.6, gt=0, le=1, description="rub: how much of the area to rub (0.6 = six tenths)")
    tool: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(
        None, description="rub and hold: the id of a layer that goes with the finger while it is down (a toothbrush, "
                          "the jelly swab)")
    clears: Ids = Field((), description="ids of layers that fade away as the child's work goes on")
    fills: Ids = Field((), description="ids of layers that fade in as the child's work goes on")
    hint_after: float = Field(4.0, ge=1, le=60, description="seconds of nothing before a gentle hint")
    finish_after: float = Field(20.0, ge=3, le=120,
                                description="seconds after the step starts when it finishes itself, kindly")

    @model_validator(mode="after")
    def _needs(self) -> "YourTurn":
        if self.kind == "tap" and not self.targets:
            raise ValueError("a 'tap' turn needs targets: the ids of the layers to tap, e.g. targets: [bug-1, bug-2]")
        if self.kind == "drag":
            if len(self.targets) != 1:
                raise ValueError("a 'drag' turn needs exactly one target: the id of the layer to drag, "
                                 "e.g. targets: [cotton]")
            if self.to is None:
                raise ValueError("a 'drag' turn needs 'to': where the layer must go, e.g. to: [0.38, 0.30]")
        if self.kind in ("rub", "hold") and self.at is None and not self.targets:
            raise ValueError(f"a '{self.kind}' turn needs 'at' (where to {self.kind}, e.g. at: [0.38, 0.30]) "
                             "or a target layer")
        if self.tool is not None and self.kind not in ("rub", "hold"):
            raise ValueError(f"'tool' is for rub and hold turns; in a '{self.kind}' turn the target itself moves")
        if self.handle is not None and self.kind != "drag":
            raise ValueError(f"'handle' is for drag turns; a '{self.kind}' turn does not use it")
        if self.seconds is not None and self.kind not in ("hold", "drag"):
            raise ValueError(f"'seconds' is for hold and drag turns; a '{self.kind}' turn does not use it")
        return self


class StepText(Strict):
    kids: Text
    parents: Optional[Text] = None

    _texts = field_validator("kids", "parents")(lambda v: v if v is None else _check_text(v))


class Step(Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    text: StepText
    layers: tuple[Layer, ...] = Field(min_length=1, max_length=MAX_LAYERS)
    hotspots: tuple[Hotspot, ...] = Field((), max_length=MAX_SPOTS)
    labels: tuple[Label, ...] = Field((), max_length=MAX_SPOTS)
    audio: Optional[str] = None
    voice: Optional[dict[Audience, VoiceByLang]] = Field(
        None, description="narration per audience and language, relative to the voice folder (default: "
                          "voice/<scene>/<step>.<audience>.<lang>.ogg, else the generated file)")
    hold: Optional[float] = Field(None, ge=0, le=600,
                                  description="seconds to stay after the animation before moving on "
                                              "(default: from the reading time)")
    transition: Transition = "fade"
    background: Optional[str] = None
    audience: Optional[Audience] = Field(None, description="show this step only to kids or only to parents")
    your_turn: Optional[YourTurn] = Field(None, description="the child does this step: the step waits for it")

    @field_validator("audio")
    @classmethod
    def _audio(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        _art_path(value)
        if not value.lower().endswith(AUDIO_SUFFIXES):
            raise ValueError(f"'{value}' is not a sound; use an .ogg, .wav or .mp3 file")
        return value


class Tile(Strict):
    art: Annotated[str, BeforeValidator(_art_path)]
    color: Annotated[str, Field(pattern=COLOR)] = "#8ED1FC"


class Scene(Strict):
    id: Annotated[str, Field(pattern=SLUG, max_length=60)]
    title: Text
    tile: Tile
    background: str = "#DFF3FF"
    related: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(None, description="scene offered at the end")
    highlight: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(
        None, description="id of the step the attract loop shows (default: the last)")
    game: bool = Field(False, description="a game: asks 'How do you feel?' before and after, and ends with a "
                                          "bravery sticker the child picks")
    steps: tuple[Step, ...] = Field(min_length=1, max_length=MAX_STEPS)

    _texts = field_validator("title")(_check_short_text)

    @field_validator("background")
    @classmethod
    def _background(cls, value: str) -> str:
        return _background_value(value)


def _background_value(value: str) -> str:
    if value.startswith("#"):
        if not re.match(COLOR, value):
            raise ValueError(f"'{value}' is not a colour; write it as \"#RRGGBB\", e.g. \"#DFF3FF\"")
        return value
    return _art_path(value)


class Playlist(Strict):
    """`playlist.yaml`: menu order and disabled scenes. Scenes not listed come after, by id."""

    order: tuple[Annotated[str, Field(pattern=SLUG)], ...] = ()
    disabled: tuple[Annotated[str, Field(pattern=SLUG)], ...] = ()


class Question(Strict):
    question: Text
    answer: Text
    scene: Optional[Annotated[str, Field(pattern=SLUG)]] = Field(None, description="a scene to open from here")
    topic: Optional[Text] = Field(
        None, description="the group the question is listed under, e.g. \"At home\"; questions with the same "
                          "topic are shown together, in the order the topics first appear")
    voice: Optional[VoiceByLang] = Field(None, description="narration of the answer, per language, relative to "
                                                           "the voice folder (default: voice/faq/<n>.<lang>.ogg)")

    _texts = field_validator("question", "answer")(lambda v: _check_text(v))
    _topic = field_validator("topic")(lambda v: v if v is None else _check_text(v))


class Faq(Strict):
    """`faq.yaml`: the parents' questions and answers."""

    questions: tuple[Question, ...] = Field(min_length=1, max_length=200)


class UiTexts(Strict):
    """`ui.yaml`: words on buttons and screens, by key, to translate or change the kiosk's own words."""

    texts: dict[Annotated[str, Field(pattern=r"^[a-z_]+$")], Text] = Field(max_length=500)

    @field_validator("texts")
    @classmethod
    def _words(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for text in value.values():
            _check_text(text, MAX_SHORT_TEXT * 2)
        return value


SPECIAL_FILES: dict[str, type[Strict]] = {"playlist.yaml": Playlist, "faq.yaml": Faq, "ui.yaml": UiTexts}
