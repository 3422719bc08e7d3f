"""Where a line's narration is on disk, and when each of its words is spoken.

The voice folder sits beside the scenes (`scenes/voice/`):
  voice/<key>.ogg|.opus|.wav|.mp3          a clinic's own recording: wins over the generated file
  voice/generated/<key>.opus               made by `kiosk voice`
  voice/generated/<key>.json               its words' times, the text it speaks and the hash of text + voice
A step's `voice:` in the YAML names a file (inside the voice folder) that wins over both.
Reading is bounded: a timings file over 256 KB, or one that does not parse, counts as no timings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .lines import Line

RECORDING_SUFFIXES = (".ogg", ".opus", ".wav", ".mp3")
GENERATED = "generated"
GENERATED_SUFFIX = ".opus"
TIMINGS_SUFFIX = ".json"
MAX_TIMINGS_BYTES = 256 * 1024
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Word:
    text: str
    start: float   # seconds from the start of the sound
    end: float


@dataclass(frozen=True)
class Timings:
    words: tuple[Word, ...]
    duration: float
    text: str = ""         # what the file speaks (generated files say; recordings do not)
    hash: str = ""         # of text + voice settings, to know when a generated file is out of date
    estimated: bool = False   # spread over the sound by word length, not measured
    timed_by: str = ""        # generated files: "model" when every word's time was measured
    aligner: int = 0          # generated files: the version of the aligner that placed the words

    def word_at(self, t: float) -> int:
        """The index of the last word that has started by t (so pauses keep the word just read lit); -1 before
        the first word and after the sound ended."""
        if not self.words or t < self.words[0].start or t > self.duration + 0.05:
            return -1
        lo, hi = 0, len(self.words) - 1
        while lo < hi:   # binary search: the largest index whose start <= t
            mid = (lo + hi + 1) // 2
            if self.words[mid].start <= t:
                lo = mid
            else:
                hi = mid - 1
        return lo


def voice_dir(scenes_dir: Path) -> Path:
    return scenes_dir / "voice"


def generated_paths(scenes_dir: Path, key: str) -> tuple[Path, Path]:
    """(sound, timings) for a generated line."""
    base = voice_dir(scenes_dir) / GENERATED / key
    return base.with_name(base.name + GENERATED_SUFFIX), base.with_name(base.name + TIMINGS_SUFFIX)


def recording_path(scenes_dir: Path, key: str) -> Optional[Path]:
    """A clinic's recording for this key, if one is there."""
    base = voice_dir(scenes_dir) / key
    for suffix in RECORDING_SUFFIXES:
        candidate = base.with_name(base.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def inside(folder: Path, rel: str) -> Optional[Path]:
    """`rel` under `folder`, or None when it would lead out of it (a '..' or a link outside)."""
    try:
        path = (folder / rel).resolve()
        path.relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return path


@dataclass(frozen=True)
class Found:
    sound: Optional[Path]     # None: the line plays silent
    timings_file: Optional[Path]
    source: str               # "yaml", "recording", "generated", "missing" or "stale" (made for other words)


def find(scenes_dir: Path, line: Line) -> Found:
    """The file that speaks this line: the YAML's choice, else a recording by convention, else the generated one."""
    if line.override:
        path = inside(voice_dir(scenes_dir), line.override)
        if path is not None and path.is_file():
            return Found(path, _beside(path), "yaml")
        return Found(None, None, "missing")
    recording = recording_path(scenes_dir, line.key)
    if recording is not None:
        return Found(recording, _beside(recording), "recording")
    sound, timings = generated_paths(scenes_dir, line.key)
    if sound.is_file():
        made = read_timings(timings) if timings.is_file() else None
        if made is not None and made.text and made.text != line.text:
            return Found(None, None, "stale")   # made for words the caption no longer says: better silent
        return Found(sound, timings if timings.is_file() else None, "generated")
    return Found(None, None, "missing")


def _beside(sound: Path) -> Optional[Path]:
    candidate = sound.with_suffix(TIMINGS_SUFFIX)
    return candidate if candidate.is_file() else None


def read_timings(path: Path) -> Optional[Timings]:
    """A timings file, or None when it is missing, too big or not what `kiosk voice` writes."""
    try:
        if path.stat().st_size > MAX_TIMINGS_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        words = tuple(Word(str(w["word"]), float(w["start"]), float(w["end"])) for w in data["words"])
        return Timings(words, float(data["duration"]), str(data.get("text", "")), str(data.get("hash", "")),
                       timed_by=str(data.get("timed_by", "")), aligner=int(data.get("aligner", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def estimate_timings(text: str, duration: float) -> Timings:
    """For a recording without timings: words spread over the sound by their length, so the highlight still
    moves along roughly with the voice (a short lead-in and tail are left quiet)."""
    words = text.split()
    if not words or duration <= 0:
        return Timings((), max(duration, 0.0), text, estimated=True)
    lead, tail = min(0.2, duration * 0.05), min(0.3, duration * 0.05)
    span = max(duration - lead - tail, 0.01)
    weights = [len(w) + 2 for w in words]   # a short word still takes a moment to say
    total = sum(weights)
    out, at = [], lead
    for word, weight in zip(words, weights):
        length = span * weight / total
        out.append(Word(word, round(at, 3), round(at + length, 3)))
        at += length
    return Timings(tuple(out), duration, text, estimated=True)


def settings_hash(text: str, settings: dict) -> str:
    """What a generated file depends on: its words and every voice setting (and this file format)."""
    blob = json.dumps({"text": text, "settings": settings, "format": FORMAT_VERSION}, sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
