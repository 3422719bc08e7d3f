"""Aligner 4 (kiosk/voice/engine.py `fit_to_sound`): a word the model's times put in a pause is moved to the
speech beside it, so no word is lit over silence; every other word keeps its time. Tones stand in for speech."""

from __future__ import annotations

import numpy as np

from kiosk.voice.engine import MIN_WORD, SPEECH_RUN, fit_to_sound, speech_frames
from kiosk.voice.files import Word

RATE = 24000


def _sound(*spans: tuple[float, float], length: float = 3.0) -> np.ndarray:
    """A tone during each (start, end) span, silence elsewhere."""
    t = np.arange(int(RATE * length)) / RATE
    audio = np.zeros_like(t)
    for start, end in spans:
        inside = (t >= start) & (t < end)
        audio[inside] = 0.3 * np.sin(2 * np.pi * 220 * t[inside])
    return audio.astype(np.float32)


def _speech_under(word: Word, audio: np.ndarray) -> int:
    speech = speech_frames(audio, RATE)
    return int(speech[int(word.start * 100):max(int(word.end * 100), int(word.start * 100) + 1)].sum())


def test_a_word_timed_in_a_pause_moves_to_the_nearer_speech_and_the_order_stays() -> None:
    # Given speech, a half-second pause, more speech, and "three" timed in the pause, nearer its start
    audio = _sound((0.0, 1.0), (1.5, 2.5))
    words = [Word("one", 0.2, 0.5), Word("two", 0.5, 0.95), Word("three", 1.1, 1.3), Word("four", 1.6, 2.0)]
    # When the words are fitted to the sound
    fitted = fit_to_sound(words, audio, RATE)
    # Then "three" has speech under it, at the pause's start; the words stay in order, each keeping a moment
    assert [w.text for w in fitted] == ["one", "two", "three", "four"]
    assert _speech_under(fitted[2], audio) >= SPEECH_RUN and fitted[2].end <= 1.05
    starts = [w.start for w in fitted]
    assert starts == sorted(starts) and all(a.end <= b.start + 1e-9 for a, b in zip(fitted, fitted[1:]))
    assert all(w.end - w.start >= MIN_WORD - 1e-9 for w in fitted)
    # ...and the words with speech under them did not move, except where "two" gave way
    assert fitted[0] == words[0] and fitted[3] == words[3] and fitted[1].start == words[1].start


def test_a_word_nearer_the_end_of_a_pause_moves_into_the_speech_after_it() -> None:
    # Given "three" timed late in the pause
    audio = _sound((0.0, 1.0), (1.5, 2.5))
    words = [Word("one", 0.2, 0.9), Word("three", 1.3, 1.45), Word("four", 1.6, 2.0)]
    # When the words are fitted
    fitted = fit_to_sound(words, audio, RATE)
    # Then "three" starts as the speech after the pause starts, and "four" starts after it
    assert 1.5 <= fitted[1].start <= 1.52 and _speech_under(fitted[1], audio) >= SPEECH_RUN
    assert fitted[2].start >= fitted[1].end and fitted[2].end == 2.0


def test_words_with_speech_under_them_are_never_moved() -> None:
    # Given words that each lie over the tone
    audio = _sound((0.0, 2.0))
    words = [Word("a", 0.1, 0.2), Word("tooth", 0.2, 0.6), Word("has", 0.6, 0.9), Word("a", 0.9, 1.0),
             Word("crown.", 1.0, 1.5)]
    # When they are fitted, Then nothing changes
    assert fit_to_sound(words, audio, RATE) == words


def test_a_click_in_a_pause_is_not_speech() -> None:
    # Given a pause holding one 10 ms click, and a word timed over the click
    audio = _sound((0.0, 1.0), (1.2, 1.21), (1.6, 2.5))
    words = [Word("one", 0.2, 0.9), Word("two", 1.15, 1.3), Word("three", 1.7, 2.0)]
    # When the words are fitted
    fitted = fit_to_sound(words, audio, RATE)
    # Then "two" was moved onto real speech
    assert _speech_under(fitted[1], audio) >= SPEECH_RUN


def test_short_words_and_silent_files_are_left_as_timed() -> None:
    # Given "a" (too short to be judged) in a pause, and a file that is silent throughout
    audio = _sound((0.0, 1.0), (1.5, 2.5))
    words = [Word("one", 0.2, 0.9), Word("a", 1.2, 1.3), Word("two", 1.6, 2.0)]
    # When they are fitted, Then neither changes
    assert fit_to_sound(words, audio, RATE) == words
    assert fit_to_sound(words, np.zeros(RATE * 3, dtype=np.float32), RATE) == words
