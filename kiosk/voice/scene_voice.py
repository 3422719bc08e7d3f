"""A scene's narration: what the scene screen asks at a step's start, on a tap, on a language switch, and on
every update (which word to light, how long the step must wait for the voice).

It keeps the scene screen's own changes small: the screen calls `step_started`, `read_to_me`, `part_tapped`,
`lit_word` and `wait_until`, and never deals with files, timings or the mixer.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from ..model import Scene, Step
from .lines import CAPTION, Line, step_lines
from .playback import Narrator
from .policy import speaks_by_itself, tap_to_hear, voice_volume

AFTER_VOICE = 1.2   # seconds a step stays after its narration ends, before moving on by itself


class SceneVoice:
    def __init__(self, narrator: Narrator, sound_settings: object, session: object,
                 default_lang: str = "en", clock_of_day: Callable[[], float] = time.time) -> None:
        self.narrator = narrator
        self.clock_of_day = clock_of_day   # seconds since the epoch, for quiet hours in local time
        self.sound = sound_settings
        self.session = session
        self.default_lang = default_lang
        self._captions: dict[tuple[str, str], Line] = {}
        self._parts: dict[tuple[str, str], Line] = {}
        self._spoken: Optional[Line] = None   # the caption being read (its words are lit), not a part's name
        self._voice_ended: Optional[float] = None   # when the caption's reading ends (+ a breath)

    def _lines(self, scene: Scene, step: Step) -> None:
        self._captions.clear()
        self._parts.clear()
        for line in step_lines(scene.id, step, scene.steps.index(step)):
            if line.kind == CAPTION:
                self._captions[(line.audience, line.lang)] = line
            else:
                for spot in step.hotspots:
                    if spot.label.get(line.lang) and " ".join(spot.label[line.lang].split()) == line.text:
                        self._parts[(line.text, line.lang)] = line

    def _caption(self, audience: str, lang: str) -> Optional[Line]:
        """The caption line the screen shows: in this language, else in the default one (as the player picks)."""
        return self._captions.get((audience, lang)) or self._captions.get((audience, self.default_lang))

    def step_started(self, scene: Scene, step: Step, upcoming: Optional[Step], audience: str, lang: str,
                     t: float) -> None:
        """A new step is on screen: read its caption if the settings say so, and decode the next one's."""
        self._lines(scene, step)
        self.stop()
        if speaks_by_itself(self.sound, self.session, audience, self.clock_of_day()):
            self._say_caption(audience, lang, t)
        ahead = [] if upcoming is None else [line for line in step_lines(scene.id, upcoming, scene.steps.index(
            upcoming)) if line.kind == CAPTION and line.audience == audience and line.lang == lang]
        if speaks_by_itself(self.sound, self.session, audience, self.clock_of_day()) or tap_to_hear(
                self.sound, self.session, audience, self.clock_of_day()):
            self.narrator.prepare(ahead)

    def _say_caption(self, audience: str, lang: str, t: float) -> bool:
        line = self._caption(audience, lang)
        if line is None:
            return False
        self.narrator.set_volume(voice_volume(self.sound, self.session))
        if self.narrator.speak(line, t):
            self._spoken = line
            return True
        self._spoken = None
        return False

    def language_changed(self, audience: str, lang: str, t: float) -> None:
        """Mid-step switch: whatever was being read starts again in the new voice (silence stays silence)."""
        was_speaking = self.narrator.speaking(t)
        self.stop()
        if (was_speaking or speaks_by_itself(self.sound, self.session, audience, self.clock_of_day())) and tap_to_hear(
                self.sound, self.session, audience, self.clock_of_day()):
            self._say_caption(audience, lang, t)

    def can_read(self, audience: str) -> bool:
        """Is there any point in showing the speaker button?"""
        return tap_to_hear(self.sound, self.session, audience, self.clock_of_day())

    def read_to_me(self, audience: str, lang: str, t: float) -> bool:
        """The speaker button: read this step's caption from the start."""
        if not tap_to_hear(self.sound, self.session, audience, self.clock_of_day()):
            return False
        return self._say_caption(audience, lang, t)

    def part_tapped(self, name: str, lang: str, audience: str, t: float) -> bool:
        """A tapped part says its name (after the caption, if one is being read, it takes over)."""
        if not tap_to_hear(self.sound, self.session, audience, self.clock_of_day()):
            return False
        line = self._parts.get((" ".join(name.split()), lang))
        if line is None:
            return False
        self.narrator.set_volume(voice_volume(self.sound, self.session))
        self._spoken = None   # a name is not the caption: no word lit, and the step no longer waits for it
        return self.narrator.speak(line, t)

    def update(self, t: float) -> None:
        self.narrator.update(t)

    def lit_word(self, t: float) -> int:
        """Index of the caption word being read at t, or -1 when no caption is being read."""
        if self._spoken is None or self.narrator.current is None or self.narrator.current.key != self._spoken.key:
            return -1
        return self.narrator.word_at(t)

    def speaking(self, t: float) -> bool:
        return self.narrator.speaking(t)

    def wait_until(self, t: float) -> Optional[float]:
        """The step may not move on by itself before this: the caption read to its end, and a breath after."""
        if self._spoken is None:
            return self._voice_ended
        end = self.narrator.ends_at(t)
        if end is not None:
            self._voice_ended = end + AFTER_VOICE
        return self._voice_ended

    def stop(self) -> None:
        self.narrator.stop()
        self._spoken = None
        self._voice_ended = None
