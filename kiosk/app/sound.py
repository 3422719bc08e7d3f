"""Optional sound: per-step audio files and a soft button tick. Muted by default; never crashes without audio."""

from __future__ import annotations

import logging
import math
from array import array
from pathlib import Path
from typing import Optional

import pygame

log = logging.getLogger(__name__)


class SoundPlayer:
    def __init__(self) -> None:
        self.available: Optional[bool] = None
        self._tick: Optional[pygame.mixer.Sound] = None

    def _ready(self) -> bool:
        if self.available is None:
            try:
                pygame.mixer.init(frequency=44100, size=-16, channels=1)
                self.available = True
            except pygame.error as exc:
                log.warning("no audio device (%s); sound is off", exc)
                self.available = False
        return self.available

    def play_file(self, path: Path, volume: float) -> None:
        if not self._ready():
            return
        try:
            sound = pygame.mixer.Sound(str(path))
            sound.set_volume(volume)
            sound.play()
        except (pygame.error, FileNotFoundError) as exc:
            log.warning("could not play %s: %s", path, exc)

    def tick(self, volume: float) -> None:
        """A short soft tone for a button press, made here so no sound file is needed."""
        if not self._ready():
            return
        try:
            if self._tick is None:
                rate, seconds = 44100, 0.06
                samples = array("h", (int(6000 * math.sin(2 * math.pi * 880 * i / rate) * (1 - i / (rate * seconds)))
                                      for i in range(int(rate * seconds))))
                self._tick = pygame.mixer.Sound(buffer=samples.tobytes())
            self._tick.set_volume(volume)
            self._tick.play()
        except pygame.error as exc:
            log.warning("button sound failed: %s", exc)
