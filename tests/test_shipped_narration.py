"""Every shipped caption, FAQ answer and tappable part name is narrated in every language it is written in, and
each file is sound a child can follow: it decodes, is neither silent nor clipped, lasts about as long as its
words take to say, and has word times covering its caption's words in order.

When one of these fails after captions were rewritten, make the narration again: `kiosk voice` (it remakes only
what changed), then commit scenes/voice/.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pygame
import pytest

from kiosk.content.library import load_library
from kiosk.voice.files import estimate_timings, find, read_timings, settings_hash
from kiosk.voice.lines import Line, library_lines
from kiosk.voice.settings import PEAK_DB, TARGET_RMS_DB, settings_for

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes"
# Files are made with peaks at PEAK_DB (-1 dBFS); Opus coding may overshoot that a little, never to full scale.
PEAK_CEILING = PEAK_DB + 0.9
FIX = "run `kiosk voice` (pip install -e '.[voice]' first) and commit scenes/voice/"


@lru_cache(maxsize=1)
def shipped_lines() -> tuple[Line, ...]:
    library = load_library(SCENES, REPO / "art", ("en", "es"), "en", shown_base=REPO)
    return tuple(library_lines(library))


def test_the_shipped_content_has_lines_to_narrate_in_both_languages() -> None:
    # Given the shipped scenes and FAQ
    lines = shipped_lines()
    # When their lines are counted per kind and language
    kinds = {(line.kind, line.lang) for line in lines}
    # Then captions, part names and FAQ answers are there in English and Spanish
    assert kinds == {(k, lang) for k in ("caption", "part", "faq") for lang in ("en", "es")}


def test_every_shipped_line_has_narration_made_from_its_current_text() -> None:
    # Given every line the kiosk can say
    missing, stale = [], []
    for line in shipped_lines():
        # When its narration is looked up
        found = find(SCENES, line)
        timings = read_timings(found.timings_file) if found.timings_file else None
        settings = settings_for(line)
        if found.source == "stale":
            stale.append(line.key)
        elif found.sound is None:
            missing.append(line.key)
        elif found.source == "generated" and (timings is None or settings is None
                                              or timings.hash != settings_hash(line.text, settings)):
            stale.append(line.key)
    # Then each has a file, made from the words the scenes have now
    assert missing == [] and stale == [], f"missing: {missing}; older than their text: {stale}; {FIX}"


def _levels(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(peak, RMS of the voiced 10 ms frames) in dBFS."""
    x = samples.astype(np.float64) / 32768.0
    frame = rate // 100
    usable = len(x) // frame * frame
    rms = np.sqrt((x[:usable].reshape(-1, frame) ** 2).mean(axis=1))
    voiced = rms[rms >= rms.max() * 10 ** (-40 / 20)]
    peak = float(np.abs(x).max())
    return 20 * math.log10(max(peak, 1e-9)), 20 * math.log10(max(float(np.sqrt((voiced ** 2).mean())), 1e-9))


@pytest.fixture(scope="module")
def mixer():
    pygame.mixer.init(frequency=44100, size=-16, channels=1)
    yield pygame.mixer.get_init()


def test_every_shipped_file_decodes_and_sounds_right(mixer) -> None:  # type: ignore[no-untyped-def]
    rate = mixer[0]
    problems = []
    for line in shipped_lines():
        found = find(SCENES, line)
        if found.sound is None:
            continue   # reported by the test above
        # Given a narration file, decoded as the kiosk decodes it
        try:
            samples = np.frombuffer(pygame.mixer.Sound(str(found.sound)).get_raw(), dtype=np.int16)
        except pygame.error as exc:
            problems.append(f"{line.key}: does not decode ({exc})")
            continue
        # When its length and levels are measured
        seconds = len(samples) / rate
        peak, rms = _levels(samples, rate) if len(samples) else (-200.0, -200.0)
        clipped = int(np.count_nonzero(np.abs(samples.astype(np.int32)) >= 32767))
        letters = sum(ch.isalnum() for ch in line.text)
        # Then it is speech at the matched loudness, not clipped, lasting as long as its words take to say
        # (between 30 and 6 letters a second, with half a second to breathe)
        if not TARGET_RMS_DB - 4 <= rms <= TARGET_RMS_DB + 4:
            problems.append(f"{line.key}: speech at {rms:.1f} dBFS, not about {TARGET_RMS_DB}")
        if peak > PEAK_CEILING or clipped:
            problems.append(f"{line.key}: peaks at {peak:.1f} dBFS ({clipped} clipped samples)")
        if not letters / 30 <= seconds <= letters / 6 + 0.5:
            problems.append(f"{line.key}: {seconds:.1f} s for {letters} letters")
    assert problems == [], "\n".join(problems)


def test_every_shipped_file_times_every_word_of_its_caption_in_order() -> None:
    problems = []
    for line in shipped_lines():
        found = find(SCENES, line)
        if found.sound is None:
            continue
        # Given a narration file's word times (a recording without any gets them estimated from its length)
        timings = read_timings(found.timings_file) if found.timings_file else None
        if timings is None:
            timings = estimate_timings(line.text, 1.0)
        words = timings.words
        # When they are compared with the caption's words
        spoken = [w.text for w in words]
        # Then every word is there, in order, each starting after the one before and within the sound
        if spoken != line.text.split():
            problems.append(f"{line.key}: times {spoken}, caption says {line.text.split()}")
            continue
        starts = [w.start for w in words]
        if starts != sorted(starts) or starts[0] < 0 or words[-1].end > timings.duration + 0.05 or any(
                w.end < w.start for w in words):
            problems.append(f"{line.key}: word times out of order or outside the sound")
    assert problems == [], "\n".join(problems)


def _voiced(samples: np.ndarray, rate: int) -> np.ndarray:
    """Which 10 ms frames hold speech: within 35 dB of the loudest frame."""
    x = samples.astype(np.float64) / 32768.0
    frame = rate // 100
    usable = len(x) // frame * frame
    rms = np.sqrt((x[:usable].reshape(-1, frame) ** 2).mean(axis=1))
    return rms >= rms.max() * 10 ** (-35 / 20)


def test_every_generated_files_word_times_line_up_with_its_sound(mixer) -> None:  # type: ignore[no-untyped-def]
    rate = mixer[0]
    problems = []
    for line in shipped_lines():
        found = find(SCENES, line)
        timings = read_timings(found.timings_file) if found.timings_file else None
        if found.source != "generated" or timings is None or not timings.words:
            continue   # recordings carry no measured times; missing files are reported above
        # Given a generated file's sound, decoded as the kiosk decodes it, and the times its words are lit
        voiced = _voiced(np.frombuffer(pygame.mixer.Sound(str(found.sound)).get_raw(), dtype=np.int16), rate)
        if not voiced.any():
            continue   # a silent file is reported by the levels test
        # When the lit words are set against where the speech is
        onset, end = np.argmax(voiced) / 100, (len(voiced) - np.argmax(voiced[::-1])) / 100
        words = timings.words
        in_silence = [w.text for w in words if sum(ch.isalnum() for ch in w.text) >= 3
                      and not voiced[int(w.start * 100):max(int(w.end * 100), int(w.start * 100) + 1)].any()]
        # Then the first word lights as the speech starts (not before it, at most a few frames after), the last
        # stays lit to the speech's end, no word of three letters or more is lit over silence, and there is no
        # long dead air before or after
        if not onset - 0.08 <= words[0].start <= onset + 0.2:
            problems.append(f"{line.key}: first word lit at {words[0].start:.2f} s, speech starts at {onset:.2f} s")
        if words[-1].end < end - 0.1:
            problems.append(f"{line.key}: last word unlit at {words[-1].end:.2f} s, speech ends at {end:.2f} s")
        if in_silence:
            problems.append(f"{line.key}: lit over silence: {in_silence}")
        if onset > 0.3 or len(voiced) / 100 - end > 0.6:
            problems.append(f"{line.key}: {onset:.2f} s of silence before the speech, "
                            f"{len(voiced) / 100 - end:.2f} s after")
    assert problems == [], "\n".join(problems)
