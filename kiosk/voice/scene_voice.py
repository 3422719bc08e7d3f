"""A scene's narration: what the scene screen asks at a step's start, on a tap, on a language switch, and on
every update (which word to light, whether the step must wait for the voice).

It keeps the scene screen's own changes small: the screen calls `start`, `session_changed`, `read_to_me`,
`part_tapped`, `update`, `holds` and reads `lit`; it never deals with files, timings, settings or the mixer.
Without a narrator (no sound at all) every call is a quiet no-op.
"""

from __future__ import annotations

import time
from typing import Callable, Optional, Sequence

from kiosk.content.model import Scene, Step
from kiosk.voice.lines import CAPTION, Line, spoken, step_lines
from kiosk.voice.playback import Narrator
from kiosk.voice.policy import speaks_by_itself, tap_to_hear, voice_volume

AFTER_VOICE = 1.2   # seconds a step stays after its narration ends, before moving on by itself


class SceneVoice:
    def __init__(self, narrator: Optional[Narrator], default_lang: str = "en", session: object = None,
                 sound: object = None, clock_of_day: Callable[[], float] = time.time) -> None:
        self.narrator = narrator
        self.default_lang = default_lang
        self.clock_of_day = clock_of_day   # seconds since the epoch, for quiet hours in local time
        self.session = session             # the family's choices (kiosk.app.context.Session)
        self.sound = sound                 # the staff's settings (kiosk.yaml `sound:`)
        self.lit = -1                      # the caption word being read, as of the last update
        self._for: tuple = ()              # (audience, lang) the step was started or last switched for
        self._captions: dict[tuple[str, str], Line] = {}
        self._parts: dict[tuple[str, str], Line] = {}
        self._spoken: Optional[Line] = None          # the caption being read (its words are lit)
        self._voice_ended: Optional[float] = None    # when that reading ends, plus a breath

    # --- the settings, as they are now ---------------------------------------------------------------
    def _audience(self) -> str:
        return getattr(self.session, "audience", "kids")

    def _lang(self) -> str:
        return getattr(self.session, "lang", self.default_lang)

    def _by_itself(self) -> bool:
        return self.narrator is not None and speaks_by_itself(self.sound, self.session, self._audience(),
                                                              self.clock_of_day())

    def can_read(self) -> bool:
        """May a child ask for a reading (the speaker button, tapping a part)?"""
        return self.narrator is not None and tap_to_hear(self.sound, self.session, self._audience(),
                                                         self.clock_of_day())

    # --- what the screen tells ---------------------------------------------------------------------------
    def start(self, scene: Scene, steps: Sequence[Step], index: int, session: object, sound: object,
              t: float) -> None:
        """A new step is on screen: read its caption if the settings say so, and decode the next one's."""
        self.session, self.sound = session, sound
        self.stop()
        if self.narrator is None:
            return
        step = steps[index]
        self._captions, self._parts = {}, {}
        for line in step_lines(scene.id, step, scene.steps.index(step)):
            table = self._captions if line.kind == CAPTION else self._parts
            table[(line.audience, line.lang) if line.kind == CAPTION else (line.text, line.lang)] = line
        self._for = (self._audience(), self._lang())
        if self._by_itself():
            self._say_caption(t)
        if index + 1 < len(steps) and self.can_read():
            upcoming = steps[index + 1]
            self.narrator.prepare([line for line in step_lines(scene.id, upcoming, scene.steps.index(upcoming))
                                   if line.kind == CAPTION and (line.audience, line.lang) == self._for])

    def session_changed(self, session: object, t: float) -> None:
        """Audience or language switched mid-step: a reading starts again in the new voice (and a step that
        reads itself reads itself again); silence stays silence."""
        self.session = session
        if self.narrator is None or (self._audience(), self._lang()) == self._for:
            return
        self._for = (self._audience(), self._lang())
        was_reading = self._spoken is not None and self.narrator.speaking(t)
        self.stop()
        if (was_reading or self._by_itself()) and self.can_read():
            self._say_caption(t)

    def read_to_me(self, t: float) -> bool:
        """The speaker button: read this step's caption from the start."""
        return self.can_read() and self._say_caption(t)

    def part_tapped(self, name: str, t: float) -> bool:
        """A tapped part says its name (it takes over from a caption being read)."""
        line = self._parts.get((spoken(name), self._lang()))
        if line is None or not self.can_read():
            return False
        assert self.narrator is not None
        self.narrator.set_volume(voice_volume(self.sound, self.session))
        self._spoken = None   # a name is not the caption: no word lit, and the step no longer waits for it
        return self.narrator.speak(line, t)

    def _say_caption(self, t: float) -> bool:
        line = self._captions.get((self._audience(), self._lang())) or self._captions.get(
            (self._audience(), self.default_lang))   # the caption shown falls back the same way
        if line is None or self.narrator is None:
            return False
        self.narrator.set_volume(voice_volume(self.sound, self.session))
        self._spoken = line if self.narrator.speak(line, t) else None
        return self._spoken is not None

    def stop(self) -> None:
        if self.narrator is not None:
            self.narrator.stop()
        self._spoken = None
        self._voice_ended = None

    # --- what the screen asks ----------------------------------------------------------------------------
    def update(self, t: float) -> bool:
        """Start a file that finished decoding, and work out the lit word; True when it changed (the caption
        must be drawn again)."""
        if self.narrator is None:
            return False
        self.narrator.update(t)
        lit = self.lit_word(t)
        changed, self.lit = lit != self.lit, lit
        return changed

    def lit_word(self, t: float) -> int:
        """Index of the caption word being read at t, or -1 when no caption is being read."""
        narrator = self.narrator
        if self._spoken is None or narrator is None or narrator.current is None or \
                narrator.current.key != self._spoken.key:
            return -1
        return narrator.word_at(t)

    def speaking(self, t: float) -> bool:
        return self.narrator is not None and self.narrator.speaking(t)

    def holds(self, t: float) -> bool:
        """The step may not move on by itself yet: its caption is being read, or was a breath ago."""
        if self._spoken is not None and self.narrator is not None:
            end = self.narrator.ends_at(t)
            if end is not None:
                self._voice_ended = end + AFTER_VOICE
        return self._voice_ended is not None and t < self._voice_ended
