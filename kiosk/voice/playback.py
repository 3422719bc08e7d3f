"""Playing narration: files decoded ahead of time on a worker thread, one line spoken at a time on its own mixer
channel, and which word is being spoken at time t.

Time is passed in (the app's clock), never read here and never counted in frames: a line started at t0 is at
word `timings.word_at(t - t0 - latency)` at t, and has ended at t0 + its length. Decoding an Opus caption takes
20-40 ms, more than a frame, so it never happens on the drawing thread: `prepare` queues files, a worker decodes
them (pygame's decoder lets other threads run meanwhile), and `speak` on a file not decoded yet waits for it and
starts it on the first update after. Without a sound device nothing plays and nothing fails: lines just end.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .files import Timings, estimate_timings, find, read_timings
from .lines import Line

log = logging.getLogger(__name__)

LATENCY = 512 / 44100      # one mixer buffer: the voice is heard this long after it is handed to the mixer
KEEP_DECODED = 16          # decoded sounds kept (about 1 MB per 10 s of speech)


@dataclass(frozen=True)
class Narration:
    """A line ready to be spoken: its file and when each of its words is said."""

    key: str
    path: Path
    timings: Optional[Timings]     # None until the file is decoded (a recording's are estimated from its length)
    text: str


class Decoder:
    """Decodes sound files on one worker thread; the drawing thread only picks up finished ones."""

    def __init__(self, load: Callable[[Path], object], keep: int = KEEP_DECODED, threaded: bool = True) -> None:
        self._load = load
        self._keep = keep
        self._threaded = threaded
        self._done: OrderedDict[Path, Optional[object]] = OrderedDict()   # None: the file could not be decoded
        self._queue: list[Path] = []
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._worker: Optional[threading.Thread] = None
        self._busy: Optional[Path] = None

    def want(self, paths: list[Path]) -> None:
        """Decode these (first one first) unless already done or queued."""
        with self._lock:
            for path in reversed(paths):
                if path in self._done:
                    self._done.move_to_end(path)
                    continue
                if path in self._queue:
                    self._queue.remove(path)
                if path != self._busy:
                    self._queue.insert(0, path)
            if not self._threaded:
                pending, self._queue = self._queue, []
        if not self._threaded:
            for path in pending:
                self._store(path, self._decode(path))
            return
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="narration-decoder", daemon=True)
            self._worker.start()
        with self._wake:
            self._wake.notify()

    def get(self, path: Path) -> tuple[bool, Optional[object]]:
        """(decoded yet, the sound or None if it could not be decoded)."""
        with self._lock:
            if path in self._done:
                return True, self._done[path]
            return False, None

    def wait(self, timeout: float = 5.0) -> bool:
        """Until the queue is empty (tests and the benchmark; the kiosk never waits)."""
        import time
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if not self._queue and self._busy is None:
                    return True
            time.sleep(0.002)
        return False

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._queue:
                    if not self._wake.wait(timeout=30):
                        self._worker = None
                        return
                path = self._busy = self._queue.pop(0)
            sound = self._decode(path)
            self._store(path, sound)

    def _decode(self, path: Path) -> Optional[object]:
        try:
            return self._load(path)
        except Exception as exc:  # noqa: BLE001 - an unreadable file means a silent step, never a crash
            log.warning("narration %s could not be played (%s); the step stays silent", path, exc)
            return None

    def _store(self, path: Path, sound: Optional[object]) -> None:
        with self._lock:
            self._done[path] = sound
            self._done.move_to_end(path)
            while len(self._done) > self._keep:
                self._done.popitem(last=False)
            self._busy = None


class Narrator:
    """Speaks one line at a time. The scene screen asks it what to light and when the voice is done."""

    def __init__(self, scenes_dir: Callable[[], Path], mixer: "Mixer", decoder: Optional[Decoder] = None) -> None:
        self._scenes_dir = scenes_dir
        self._mixer = mixer
        self.decoder = decoder or Decoder(mixer.load)
        self._found: dict[tuple, Optional[Narration]] = {}
        self._current: Optional[Narration] = None
        self._pending_since: Optional[float] = None   # asked to speak, waiting for the decoder
        self._started: Optional[float] = None
        self._length = 0.0
        self.volume = 1.0

    # --- which file ----------------------------------------------------------------------------------------
    def narration(self, line: Line) -> Optional[Narration]:
        """The file that speaks this line, looked up once per line (a reload forgets them)."""
        key = (line.key, line.override, line.text)
        if key not in self._found:
            found = find(self._scenes_dir(), line)
            timings = read_timings(found.timings_file) if found.timings_file else None
            self._found[key] = Narration(line.key, found.sound, timings, line.text) if found.sound else None
        return self._found[key]

    def forget(self) -> None:
        """The scenes changed on disk: look files up again."""
        self._found.clear()

    def prepare(self, lines: list[Line]) -> None:
        """Start decoding these lines' files (the first one first) so speaking them later costs nothing."""
        paths = [n.path for n in (self.narration(line) for line in lines) if n is not None]
        if paths and self._mixer.ready():
            self.decoder.want(paths)

    # --- speaking ------------------------------------------------------------------------------------------
    def speak(self, line: Line, t: float) -> bool:
        """Say this line from the start (stopping whatever was being said). False when it has no file or there
        is no sound device: the step is silent."""
        self.stop()
        narration = self.narration(line)
        if narration is None or not self._mixer.ready():
            return False
        self._current = narration
        self._pending_since = t
        self.decoder.want([narration.path])
        self.update(t)
        return True

    def update(self, t: float) -> None:
        """Start a line whose file has just been decoded."""
        if self._current is None or self._pending_since is None:
            return
        ready, sound = self.decoder.get(self._current.path)
        if not ready:
            return
        self._pending_since = None
        if sound is None:
            self._current = None
            return
        self._length = self._mixer.length(sound)
        if self._current.timings is None:
            self._current = Narration(self._current.key, self._current.path,
                                      estimate_timings(self._current.text, self._length), self._current.text)
        self._mixer.play(sound, self.volume)
        self._started = t

    def stop(self) -> None:
        if self._current is not None:
            self._mixer.stop()
        self._current = None
        self._pending_since = None
        self._started = None

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        self._mixer.set_volume(volume)

    # --- what the screen asks ------------------------------------------------------------------------------
    def speaking(self, t: float) -> bool:
        """True from `speak` until the voice has finished (waiting for the decoder counts)."""
        if self._current is None:
            return False
        if self._pending_since is not None:
            return True
        return self._started is not None and t < self._started + self._length + LATENCY

    def ends_at(self, t: float) -> Optional[float]:
        """When the current line will have been said (t + a little while it waits for its file); None if
        nothing is being said."""
        if not self.speaking(t):
            return None
        if self._pending_since is not None:
            return t + 0.1
        return (self._started or t) + self._length + LATENCY

    def word_at(self, t: float) -> int:
        """Index of the word being spoken at t (the last one started), or -1."""
        if self._current is None or self._started is None or self._current.timings is None:
            return -1
        if not self.speaking(t):
            return -1
        return self._current.timings.word_at(t - self._started - LATENCY)

    @property
    def current(self) -> Optional[Narration]:
        return self._current


class Mixer:
    """The few things narration needs from pygame's mixer, on a channel of its own (button ticks use others)."""

    def __init__(self, ready: Callable[[], bool]) -> None:
        self._ready = ready
        self._channel = None

    def ready(self) -> bool:
        return bool(self._ready())

    def load(self, path: Path) -> object:
        import pygame
        return pygame.mixer.Sound(str(path))

    def length(self, sound: object) -> float:
        return float(sound.get_length())  # type: ignore[attr-defined]

    def _voice_channel(self):  # type: ignore[no-untyped-def]
        import pygame
        if self._channel is None:
            pygame.mixer.set_reserved(1)   # channel 0 is the voice's alone
            self._channel = pygame.mixer.Channel(0)
        return self._channel

    def play(self, sound: object, volume: float) -> None:
        import pygame
        try:
            channel = self._voice_channel()
            channel.set_volume(volume)
            channel.play(sound)
        except pygame.error as exc:
            log.warning("narration could not be played: %s", exc)

    def stop(self) -> None:
        if self._channel is not None:
            self._channel.stop()

    def set_volume(self, volume: float) -> None:
        if self._channel is not None:
            self._channel.set_volume(volume)
