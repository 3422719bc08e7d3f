"""Narration in the running kiosk: the dummy audio driver, a fake clock, real events, and what is on screen.

The scenes are the driver's small alpha/beta scenes; their narration is made here as short tones (WAV files a
clinic could have recorded) with word timings beside, so every time in these tests is known exactly.
"""

from __future__ import annotations

import json
import math
import wave
from array import array
from pathlib import Path

import pytest

from kiosk.draw.palette import WORD_LIT
from kiosk.voice.playback import LATENCY, Decoder
from kiosk.voice.scene_voice import AFTER_VOICE

from kiosk_driver import FAQ, REPO, SCENE_ALPHA, SCENE_BETA, Kiosk

SOUND_ON = "sound: {enabled: true, volume: 0.5, narration: kids}\n"


def tone(path: Path, seconds: float, freq: float = 440.0, rate: int = 22050) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    samples = array("h", (int(8000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(int(rate * seconds))))
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(samples.tobytes())


def narrate(folder: Path, key: str, words: list[tuple[str, float, float]], seconds: float) -> None:
    """A recording for `key` with the times its words are spoken."""
    base = folder / "scenes" / "voice" / key
    tone(base.with_name(base.name + ".wav"), seconds)
    timings = {"duration": seconds, "words": [{"word": w, "start": s, "end": e} for w, s, e in words]}
    base.with_name(base.name + ".json").write_text(json.dumps(timings), encoding="utf-8")


class Recorder:
    """Stands in for the mixer's channel: remembers what was played, at what volume (the sounds are real)."""

    def __init__(self, mixer) -> None:  # type: ignore[no-untyped-def]
        self.mixer = mixer
        self.played: list[tuple[str, float]] = []
        self.stopped = 0
        self._paths: dict[int, str] = {}
        load = mixer.load

        def loading(path: Path):  # type: ignore[no-untyped-def]
            sound = load(path)
            self._paths[id(sound)] = path.name
            return sound
        mixer.load = loading
        mixer.play = lambda sound, volume: self.played.append((self._paths[id(sound)], volume))
        original_stop = mixer.stop
        mixer.stop = lambda: (setattr(self, "stopped", self.stopped + 1), original_stop())


def kiosk_with_voice(folder: Path, config: str = SOUND_ON) -> tuple[Kiosk, Recorder]:
    """The kiosk with its narrator decoding on the spot (so a test's times are exact) and a recorder."""
    scenes = folder / "scenes"
    scenes.mkdir(exist_ok=True)
    for name, text in (("alpha.yaml", SCENE_ALPHA), ("beta.yaml", SCENE_BETA), ("faq.yaml", FAQ)):
        (scenes / name).write_text(text, encoding="utf-8")
    narrate(folder, "alpha/one.kids.en", [("Alpha", 0.8, 1.4), ("one.", 1.6, 2.2)], 5.0)
    narrate(folder, "alpha/one.kids.es", [("Alfa", 0.2, 0.8), ("uno.", 1.0, 1.6)], 4.0)
    narrate(folder, "alpha/two.kids.en", [("Alpha", 0.1, 0.5), ("two.", 0.6, 1.0)], 1.5)
    narrate(folder, "parts/enamel.en", [("Enamel", 0.1, 0.9)], 1.0)
    kiosk = Kiosk(folder, config=config)
    narrator = kiosk.app.ctx.narrator
    recorder = Recorder(narrator._mixer)
    narrator.decoder = Decoder(narrator._mixer.load, threaded=False)
    return kiosk, recorder


@pytest.fixture()
def voiced(tmp_path: Path) -> tuple[Kiosk, Recorder]:
    return kiosk_with_voice(tmp_path)


def until(kiosk: Kiosk, t: float) -> None:
    """Let the app's time reach t (in frames: the app never jumps more than a quarter second at once)."""
    nav = kiosk.app.nav
    while nav.t < t - 1e-9:
        kiosk.frames(1, dt=min(1 / 30, t - nav.t))
    kiosk.frames(1, dt=0.0)


def lit_columns(kiosk: Kiosk) -> list[int]:
    """The x of every column of the caption panel where the lit word's yellow shows."""
    x, y, w, h = kiosk.app.ctx.layout.caption
    return [cx for cx in range(x, x + w, 2)
            if any(kiosk.pixel(cx, cy) == WORD_LIT for cy in range(y, y + h, 3))]


def test_narration_starts_with_the_step(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given sound on and narration for children
    # When a child opens a scene
    kiosk.open_scene("alpha")
    # Then the first step's caption is being read, in English, at the session's volume
    assert recorder.played == [("one.kids.en.wav", 0.5)]
    assert kiosk.current._voice.speaking(kiosk.app.nav.t)


def test_the_lit_word_is_the_word_being_spoken(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, _ = voiced
    # Given the first step being read ("Alpha" from 0.8 s, "one." from 1.6 s)
    kiosk.open_scene("alpha")
    started = kiosk.current._voice.narrator._started
    # When time reaches the first word, then the second
    until(kiosk, started + LATENCY + 0.9)
    first, first_columns = kiosk.current._voice.lit, lit_columns(kiosk)
    until(kiosk, started + LATENCY + 1.7)
    second, second_columns = kiosk.current._voice.lit, lit_columns(kiosk)
    # Then the lit word is the one being spoken, and the yellow on screen moved right with it
    assert (first, second) == (0, 1)
    assert first_columns and second_columns and min(second_columns) > max(first_columns) - 4


def test_no_word_is_lit_before_the_voice_starts_or_after_it_ends(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, _ = voiced
    # Given the first step being read (5 s long; its first word at 0.8 s)
    kiosk.open_scene("alpha")
    started = kiosk.current._voice.narrator._started
    # When the voice has not reached a word yet (the scene opened a moment ago), and when it has finished
    assert kiosk.app.nav.t < started + 0.8
    kiosk.frames(1, dt=0.0)
    before = (kiosk.current._voice.lit, lit_columns(kiosk))
    until(kiosk, started + 5.2)
    after = (kiosk.current._voice.lit, lit_columns(kiosk))
    # Then nothing is lit either time
    assert before == (-1, []) and after == (-1, [])


def test_auto_advance_waits_for_the_narration(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, _ = voiced
    # Given a step whose own time is 2 s (hold) but whose narration lasts 5 s
    kiosk.open_scene("alpha")
    started = kiosk.current._voice.narrator._started
    # When 4 s have passed, then the voice has finished and had its pause
    until(kiosk, started + 4.0)
    during = kiosk.current.index
    until(kiosk, started + 5.0 + LATENCY + AFTER_VOICE + 0.1)
    # Then the step stayed while it was read and moved on after
    assert (during, kiosk.current.index) == (0, 1)


def test_a_language_switch_changes_the_voice(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given the first step being read in English
    kiosk.open_scene("alpha")
    kiosk.frames(3)
    # When the family switches to Spanish mid-step
    kiosk.app.nav.set_language("es")
    kiosk.frames(1)
    # Then the Spanish voice reads the same step
    assert [name for name, _ in recorder.played] == ["one.kids.en.wav", "one.kids.es.wav"]
    assert kiosk.current._voice.narrator.current.key == "alpha/one.kids.es"


@pytest.mark.parametrize("config", [
    "sound: {enabled: true, narration: 'off', tap_to_hear: false}\n",
    "sound: {enabled: false, narration: everyone}\n",
    "sound: {enabled: true, narration: everyone, quiet_hours: ['00:00-12:00', '12:00-00:00'], tap_to_hear: false}\n",
], ids=["narration-off", "sound-off", "quiet-hours"])
def test_narration_never_plays_when_staff_turned_it_off(tmp_path: Path, config: str) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path, config)
    # Given staff settings that rule narration out
    # When a child opens a scene, watches two steps and taps a part
    kiosk.open_scene("alpha")
    kiosk.tap(640, 200)
    kiosk.wait(12)
    # Then not a word was spoken, and there is no speaker button to press
    assert recorder.played == []
    assert not kiosk.has_button("read-to-me")


def test_narration_for_kids_is_quiet_for_parents(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given narration "for kids" and the parents' mode
    kiosk.app.nav.toggle_audience()
    # When a parent opens a scene
    kiosk.open_scene("alpha")
    # Then the step does not read itself
    assert recorder.played == []


def test_the_speaker_button_reads_the_step_when_narration_is_off(tmp_path: Path) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path, "sound: {enabled: true, narration: 'off', tap_to_hear: true}\n")
    # Given narration off, but children allowed to ask for it
    kiosk.open_scene("alpha")
    silent_at_start = list(recorder.played)
    # When a child taps the speaker
    kiosk.tap(*kiosk.button("read-to-me").rect.center)
    # Then the step is read to them
    assert silent_at_start == [] and [name for name, _ in recorder.played] == ["one.kids.en.wav"]


def test_tapping_a_part_speaks_its_name(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given the first step, whose enamel can be tapped
    kiosk.open_scene("alpha")
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    # When the child taps it
    kiosk.tap(sx + sw * 0.5, sy + sh * 0.3)
    # Then its name is spoken (after the caption had started)
    assert [name for name, _ in recorder.played] == ["one.kids.en.wav", "enamel.en.wav"]


def test_a_missing_file_means_a_silent_step(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given step three has no narration file
    kiosk.open_scene("alpha")
    # When the story reaches it
    kiosk.current.go_to(2)
    kiosk.frames(3)
    # Then nothing plays for it, nothing waits for a voice, and it moves on by its own time
    assert [name for name, _ in recorder.played] == ["one.kids.en.wav"]
    assert not kiosk.current._voice.holds(kiosk.app.nav.t)
    kiosk.wait(8)
    assert kiosk.screen == "scene" and kiosk.current.ended_at is not None


def test_kiosk_check_warns_about_missing_narration_with_file_and_line(voiced: tuple[Kiosk, Recorder],
                                                                      tmp_path: Path) -> None:
    import contextlib
    import io

    from kiosk.cli import main
    # Given scenes with a voice folder, where alpha's step three has no narration
    out = io.StringIO()
    # When staff check the scenes
    with contextlib.redirect_stdout(out):
        code = main(["--config", str(tmp_path / "kiosk.yaml"), "check", "--art", str(REPO / "art")])
    # Then a warning names the caption's file and line, and says what to do
    lines = [line for line in out.getvalue().splitlines() if "alpha/three.kids.en" in line]
    assert code == 0 and len(lines) == 1, out.getvalue()
    assert lines[0].startswith("scenes/alpha.yaml:") and "warning" in lines[0] and "kiosk voice" in lines[0]


def test_an_unreadable_file_is_a_warning_and_a_silent_step(tmp_path: Path) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path)
    # Given step one's recording is not a sound at all
    (tmp_path / "scenes" / "voice" / "alpha" / "one.kids.en.wav").write_bytes(b"not a sound")
    kiosk.app.ctx.narrator.forget()
    # When the scene opens
    kiosk.open_scene("alpha")
    kiosk.frames(3)
    # Then nothing plays, the kiosk carries on, and the step does not wait for a voice
    assert recorder.played == [] and kiosk.screen == "scene"
    assert not kiosk.current._voice.holds(kiosk.app.nav.t)


def test_the_volume_never_passes_the_staff_ceiling(tmp_path: Path) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path, "sound: {enabled: true, volume: 1.0, max_volume: 0.4}\n")
    # Given a volume above the ceiling
    # When a step is read
    kiosk.open_scene("alpha")
    # Then it plays at the ceiling
    assert recorder.played == [("one.kids.en.wav", 0.4)]


def test_idle_reset_stops_the_voice_and_restores_the_volume(voiced: tuple[Kiosk, Recorder]) -> None:
    kiosk, recorder = voiced
    # Given a scene being read after the volume was turned down
    kiosk.app.ctx.session.volume = 0.1
    kiosk.open_scene("alpha")
    # When nobody touches the kiosk until it starts over, and the next family opens a scene
    kiosk.app.nav.reset()
    kiosk.frames(2)
    stopped = not kiosk.app.ctx.narrator.speaking(kiosk.app.nav.t)
    kiosk.open_scene("alpha")
    # Then the voice stopped, and the next reading is at the default volume
    assert stopped and recorder.played[-1] == ("one.kids.en.wav", 0.5)


def test_without_a_sound_device_the_kiosk_is_silent(tmp_path: Path) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path)
    # Given no sound device
    kiosk.app.ctx.narrator._mixer._ready = lambda: False
    # When a scene opens and plays on
    kiosk.open_scene("alpha")
    kiosk.wait(10)
    # Then nothing plays and the story still moves on by itself
    assert recorder.played == [] and kiosk.current.index >= 1


def test_decoding_happens_off_the_drawing_thread() -> None:
    import threading
    from kiosk.voice.playback import Decoder
    # Given a decoder whose file takes until the test says so to decode
    release, threads = threading.Event(), []

    def slow(path: Path) -> str:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return "sound"
    decoder = Decoder(slow)
    # When a file is asked for
    decoder.want([Path("a.opus")])
    asked = decoder.get(Path("a.opus"))
    release.set()
    decoder.wait()
    # Then asking returned at once (not decoded yet), and the decoding ran on the worker thread
    assert asked == (False, None) and decoder.get(Path("a.opus")) == (True, "sound")
    assert threads == ["narration-decoder"]


def staff_sound_menu(folder: Path, sound: str) -> tuple[Kiosk, Recorder]:
    from kiosk.appliance.pin import hash_pin
    from test_app import open_staff
    kiosk, recorder = kiosk_with_voice(folder, f"{sound}\nstaff:\n  pin_hash: \"{hash_pin('2468')}\"\n")
    open_staff(kiosk)
    kiosk.press_button("sound")
    return kiosk, recorder


def test_staff_turn_narration_off_in_the_staff_menu(tmp_path: Path) -> None:
    kiosk, recorder = staff_sound_menu(tmp_path, "sound: {enabled: true, narration: kids, tap_to_hear: false}")
    # Given narration for kids in kiosk.yaml
    # When staff tap "Read aloud" twice (for kids -> for everyone -> never) and a child opens a scene
    kiosk.press_button("narration-mode")
    kiosk.press_button("narration-mode")
    label = kiosk.button("narration-mode").label
    kiosk.app.nav.go_home()
    kiosk.frames(12)
    kiosk.open_scene("alpha")
    # Then the button says "never" and the step stays silent
    assert label.endswith("never") and recorder.played == []


def test_staff_cannot_turn_the_volume_past_the_ceiling(tmp_path: Path) -> None:
    kiosk, _ = staff_sound_menu(tmp_path, "sound: {enabled: true, volume: 0.6, max_volume: 0.7}")
    # Given a ceiling of 70 %
    # When staff press + three times
    for _ in range(3):
        kiosk.press_button("volume-up")
    # Then the volume stops at the ceiling
    assert kiosk.app.ctx.session.volume == pytest.approx(0.7)


def test_doctor_says_why_the_kiosk_is_silent_without_a_sound_device(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pygame

    from kiosk.appliance.doctor import WARN, DoctorInputs, check_audio
    from kiosk.content.config import KioskConfig, Sound
    # Given sound turned on in kiosk.yaml, on a machine whose sound device cannot be opened
    def no_device(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise pygame.error("no audio device available")
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    config = KioskConfig(sound=Sound(enabled=True))
    # When the doctor checks the audio
    check = check_audio(DoctorInputs(config, tmp_path / "kiosk.yaml", [], tmp_path, tmp_path, tmp_path, tmp_path))
    # Then it warns that the kiosk runs silent, and why
    assert check.status == WARN and "no sound device" in check.message and "runs silent" in check.message


def test_the_faq_speaker_reads_the_answer(tmp_path: Path) -> None:
    kiosk, recorder = kiosk_with_voice(tmp_path, "sound: {enabled: true, narration: kids, tap_to_hear: true}\n")
    narrate(tmp_path, "faq/2.en", [("Under", 0.1, 0.4), ("an", 0.5, 0.6), ("hour.", 0.7, 1.0)], 1.2)
    # Given a parent on the questions page, with the second question chosen
    kiosk.to_home()
    kiosk.app.nav.go("faq")
    kiosk.frames(12)
    kiosk.press_button("q1")
    # When they tap the speaker beside the answer
    kiosk.press_button("read-to-me")
    # Then that answer is read aloud
    assert [name for name, _ in recorder.played] == ["2.en.wav"]
