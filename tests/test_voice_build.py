"""`kiosk voice`: which files it makes (missing and out of date only), what it writes, the model check, and how
written words are paired with spoken ones. A stand-in engine speaks tones, so no model is needed here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from kiosk.voice import build, engine
from kiosk.voice.build import match_loudness, plan, run
from kiosk.voice.engine import EngineError, Spoken, words_from_phonemes
from kiosk.voice.files import Word, generated_paths, read_timings
from kiosk.voice.lines import Line

from helpers import load, write

SCENE = """\
id: demo
title: {en: "Demo", es: "Demo"}
tile: {art: shapes/circle.svg}
steps:
  - id: one
    audience: kids
    text:
      kids: {en: "A tooth has a crown.", es: "Un diente tiene corona."}
    layers: [{art: shapes/circle.svg}]
"""


class ToneEngine:
    """Says every text as a tone a quarter second per word, with those times; counts what it was asked."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str, float]] = []

    def speak(self, text: str, voice: str, phonemes: str, speed: float) -> Spoken:
        self.said.append((text, voice, speed))
        words = text.split()
        rate = 24000
        t = np.arange(int(rate * 0.25 * len(words) + rate * 0.2)) / rate
        audio = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
        return Spoken(audio, rate, [Word(w, 0.1 + i * 0.25, 0.3 + i * 0.25) for i, w in enumerate(words)], True)


def lines_of(content: Path) -> list[Line]:
    from kiosk.voice.lines import library_lines
    return library_lines(load(content))


def test_only_missing_files_are_made_and_then_nothing(content: Path) -> None:
    # Given a scene with one caption in two languages and no narration yet
    write(content, "demo.yaml", SCENE)
    scenes, tone = content / "scenes", ToneEngine()
    # When the tool runs twice
    first = plan(scenes, lines_of(content))
    run(scenes, first, tone, say=lambda m: None)
    second = plan(scenes, lines_of(content))
    # Then the first run made both files (kids at the slower rate, each language its own voice) and the second
    # had nothing left to do
    assert sorted(tone.said) == [("A tooth has a crown.", "af_heart", 0.9),
                                 ("Un diente tiene corona.", "ef_dora", 0.9)]
    assert (len(first.jobs), len(second.jobs), second.up_to_date) == (2, 0, 2)


def test_a_changed_caption_is_made_again_and_only_it(content: Path) -> None:
    # Given narration made for both languages
    write(content, "demo.yaml", SCENE)
    scenes = content / "scenes"
    run(scenes, plan(scenes, lines_of(content)), ToneEngine(), say=lambda m: None)
    # When the Spanish caption is rewritten
    write(content, "demo.yaml", SCENE.replace("Un diente tiene corona.", "Un diente tiene una corona."))
    again = plan(scenes, lines_of(content))
    # Then only the Spanish file is out of date, because its text changed
    assert [(j.line.key, j.why) for j in again.jobs] == [("demo/one.kids.es", "text changed")]


def test_a_clinic_recording_is_never_replaced(content: Path) -> None:
    # Given the clinic recorded the English caption themselves
    write(content, "demo.yaml", SCENE)
    recording = content / "scenes" / "voice" / "demo" / "one.kids.en.mp3"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(b"ID3 a recording")
    # When the tool plans
    the_plan = plan(content / "scenes", lines_of(content))
    # Then it makes only the Spanish file and counts the recording
    assert [j.line.key for j in the_plan.jobs] == ["demo/one.kids.es"] and the_plan.recorded == 1


def test_a_written_file_has_its_words_times_text_and_hash(content: Path) -> None:
    # Given a scene to narrate
    write(content, "demo.yaml", SCENE)
    scenes = content / "scenes"
    # When the tool makes its files
    run(scenes, plan(scenes, lines_of(content)), ToneEngine(), say=lambda m: None)
    sound, timings_path = generated_paths(scenes, "demo/one.kids.en")
    timings = read_timings(timings_path)
    # Then an Ogg file and its timings sit side by side, with every word of the caption in order
    assert sound.read_bytes()[:4] == b"OggS"
    assert timings is not None and [w.text for w in timings.words] == "A tooth has a crown.".split()
    assert timings.text == "A tooth has a crown." and len(timings.hash) == 16


def test_progress_is_shown_for_every_file(content: Path) -> None:
    # Given two files to make
    write(content, "demo.yaml", SCENE)
    scenes, said = content / "scenes", []
    # When the tool runs
    run(scenes, plan(scenes, lines_of(content)), ToneEngine(), say=said.append)
    # Then it says how far along it is, file by file, and a total at the end
    assert said[0].startswith("[1/2] demo/one.kids.") and said[1].startswith("[2/2] ")
    assert said[2].startswith("made 2 files")


def test_loudness_is_matched_and_nothing_clips() -> None:
    # Given a quiet sound and a very loud one
    t = np.arange(24000) / 24000
    quiet = 0.01 * np.sin(2 * np.pi * 200 * t)
    loud = 3.0 * np.sin(2 * np.pi * 200 * t)
    # When both are matched to the same loudness
    a, b = (match_loudness(x, 24000, -20.0, -1.0) for x in (quiet, loud))
    rms = [20 * np.log10(np.sqrt((x[2400:-2400] ** 2).mean())) for x in (a, b)]
    # Then they are equally loud (-20 dBFS) and neither passes the -1 dBFS ceiling
    assert rms == pytest.approx([-20.0, -20.0], abs=0.3)
    assert max(np.abs(a).max(), np.abs(b).max()) <= 10 ** (-1 / 20) + 1e-6


def test_a_model_whose_sha256_differs_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given model parts that join into something other than the pinned model
    parts = []
    for n in range(4):
        part = tmp_path / f"part{n}.bin"
        part.write_bytes(bytes([n]) * 10)
        parts.append(part)
    monkeypatch.setattr(engine, "_part_files", lambda: parts)
    monkeypatch.setattr(engine, "MODEL_BYTES", 40)
    # When the tool joins them
    with pytest.raises(EngineError) as refused:
        engine.joined_model(tmp_path / "cache", say=lambda m: None)
    # Then it refuses, says why, and leaves no joined file behind
    assert "sha256" in str(refused.value) and not (tmp_path / "cache" / "kokoro-v1.0.int8.onnx").exists()


def test_a_model_with_the_pinned_sha256_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given parts whose joined bytes have the hash the tool pins
    parts = []
    for n in range(4):
        part = tmp_path / f"part{n}.bin"
        part.write_bytes(bytes([n]) * 10)
        parts.append(part)
    joined = b"".join(p.read_bytes() for p in parts)
    monkeypatch.setattr(engine, "_part_files", lambda: parts)
    monkeypatch.setattr(engine, "MODEL_BYTES", len(joined))
    monkeypatch.setattr(engine, "MODEL_SHA256", hashlib.sha256(joined).hexdigest())
    # When the tool joins them
    path = engine.joined_model(tmp_path / "cache", say=lambda m: None)
    # Then the joined file is exactly the parts in order
    assert path.read_bytes() == joined


def test_written_words_said_as_one_share_that_spoken_word() -> None:
    # Given espeak-ng saying "in the" as one word (ɪnðə), each phoneme 0.1 s long
    spoken = "ɪnðə mɪdəl ɪz sɔft"
    phonemes, t = [], 0.0
    for ch in spoken:
        phonemes.append((ch, t, t + 0.1))
        t += 0.1
    # When the written words are paired with the spoken ones
    words, measured = words_from_phonemes("In the middle is soft.", phonemes, t)
    # Then every written word has a time, in order, "In" and "the" splitting the first spoken word
    assert [w.text for w in words] == ["In", "the", "middle", "is", "soft."]
    assert words[0].start == pytest.approx(0.0) and words[1].end == pytest.approx(0.4)
    assert words[2].start == pytest.approx(0.5) and not measured
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))


def test_one_spoken_word_per_written_word_is_measured() -> None:
    # Given a phoneme stream with one spoken word per written word
    phonemes = [("a", 0.0, 0.1), (" ", 0.1, 0.2), ("b", 0.2, 0.3), ("c", 0.3, 0.4), (".", 0.4, 0.5)]
    # When paired
    words, measured = words_from_phonemes("A bc.", phonemes, 0.5)
    # Then each word takes its own spoken word's time
    assert [(w.start, w.end) for w in words] == [(0.0, 0.1), (0.2, 0.4)] and measured


def test_timings_files_are_compact_json() -> None:
    # Given the writer's JSON layout
    text = build._compact_json({"a": 1, "words": [{"word": "x", "start": 0.1, "end": 0.2}]})
    # When read back
    # Then it is valid JSON with the same content
    assert json.loads(text) == {"a": 1, "words": [{"word": "x", "start": 0.1, "end": 0.2}]}


def test_word_errors_count_what_a_listener_would_miss() -> None:
    from kiosk.voice.listen import normalise, word_errors
    # Given a caption and what a recogniser heard: one word wrong, one missing, accents and punctuation apart
    reference = normalise("La cáscara blanca y dura es el esmalte.")
    heard = normalise("la cascara blanco y es el esmalte")
    # When the word errors are counted
    # Then the wrong word and the missing one count; the dropped accent and the full stop do not
    assert word_errors(reference, heard) == 2 and len(reference) == 8


@pytest.mark.parametrize("clock, quiet", [("12:30", True), ("13:00", False), ("23:10", True), ("07:59", True),
                                          ("08:00", False)])
def test_quiet_hours_follow_the_local_clock_past_midnight(clock: str, quiet: bool) -> None:
    import datetime
    from kiosk.voice.policy import in_quiet_hours
    # Given quiet hours at lunch and overnight
    spans = ["12:00-13:00", "22:00-08:00"]
    # When the local time is this
    hours, minutes = (int(v) for v in clock.split(":"))
    wall = datetime.datetime(2026, 12, 1, hours, minutes).timestamp()
    # Then the kiosk is quiet exactly inside the spans (their ends not included)
    assert in_quiet_hours(spans, wall) is quiet


def test_the_intelligibility_summary_keeps_languages_and_kinds_apart() -> None:
    from kiosk.voice.listen import Heard, summary
    # Given what the recogniser heard for two English captions and one Spanish part name
    heard = [Heard(Line("a/b.kids.en", "one two", "en", "kids", "caption"), "one two", 0, 2, 0),
             Heard(Line("a/c.kids.en", "three four", "en", "kids", "caption"), "three", 1, 2, 1),
             Heard(Line("parts/raiz.es", "Raíz", "es", "both", "part"), "Raiz", 0, 1, 1)]
    # When the word error rates are summed up
    numbers = summary(heard)
    # Then each language's captions and part names have their own rate (accents counted separately)
    assert numbers["en caption"]["wer"] == 0.25 and numbers["es part"]["wer"] == 0.0
    assert numbers["es part"]["wer_with_accents"] == 1.0


def test_lines_children_hear_are_made_first(content: Path) -> None:
    # Given a scene whose step is for kids and parents, with a tappable part, and a FAQ, none narrated yet
    write(content, "demo.yaml", SCENE.replace("    audience: kids\n", "").replace(
        '      kids: {en: "A tooth has a crown.", es: "Un diente tiene corona."}\n',
        '      kids: {en: "A tooth has a crown.", es: "Un diente tiene corona."}\n'
        '      parents: {en: "The crown is the top.", es: "La corona es la parte de arriba."}\n'
        '    hotspots: [{at: [0.5, 0.5], radius: 0.1, label: {en: "Crown", es: "Corona"}}]\n'))
    write(content, "faq.yaml", 'questions:\n  - {question: {en: "Q?", es: "P?"}, answer: {en: "A.", es: "R."}}\n')
    # When the tool plans its work
    kinds = [(j.line.kind, j.line.audience) for j in plan(content / "scenes", lines_of(content)).jobs]
    # Then the children's captions and part names come before the parents' captions, and the FAQ comes last
    order = [0 if k == "part" or a == "kids" else 1 if k == "caption" else 2 for k, a in kinds]
    assert order == sorted(order) and set(order) == {0, 1, 2}


def test_files_timed_by_the_older_aligner_have_their_words_moved_earlier_without_speaking(content: Path) -> None:
    # Given narration made by aligner 2 (word times as the model gave them, before the onset lead)
    write(content, "demo.yaml", SCENE)
    scenes = content / "scenes"
    run(scenes, plan(scenes, lines_of(content)), ToneEngine(), say=lambda m: None)
    timings_path = generated_paths(scenes, "demo/one.kids.en")[1]
    data = json.loads(timings_path.read_text(encoding="utf-8"))
    data["aligner"] = 2
    timings_path.write_text(json.dumps(data), encoding="utf-8")
    before = read_timings(timings_path)
    sound_before = generated_paths(scenes, "demo/one.kids.en")[0].read_bytes()
    # When the tool runs again, with no engine to speak
    again = plan(scenes, lines_of(content))
    run(scenes, again, None, say=lambda m: None)
    # Then only that file was planned, to move its words, and they start ONSET_LEAD earlier over the same sound
    after = read_timings(timings_path)
    assert [(j.line.key, j.why) for j in again.jobs] == [("demo/one.kids.en", build.MOVE_TIMES)]
    assert not build.needs_engine(again)
    assert before is not None and after is not None and after.aligner == engine.ALIGNER
    assert [round(a.start, 3) for a in after.words] == [round(max(0.0, b.start - engine.ONSET_LEAD), 3)
                                                        for b in before.words]
    assert generated_paths(scenes, "demo/one.kids.en")[0].read_bytes() == sound_before
    assert plan(scenes, lines_of(content)).jobs == ()


def test_files_timed_by_aligner_3_are_fitted_to_their_sound_without_speaking(content: Path) -> None:
    # Given narration made by aligner 3 whose sound has a pause, with "crown." timed wholly inside it
    import soundfile
    write(content, "demo.yaml", SCENE)
    scenes = content / "scenes"
    run(scenes, plan(scenes, lines_of(content)), ToneEngine(), say=lambda m: None)
    sound_path, timings_path = generated_paths(scenes, "demo/one.kids.en")
    rate = 24000
    t = np.arange(int(rate * 2.0)) / rate
    audio = np.where((t < 0.9) | (t >= 1.6), 0.3 * np.sin(2 * np.pi * 220 * t), 0.0).astype(np.float32)
    soundfile.write(str(sound_path), audio, rate, format="OGG", subtype="OPUS")
    data = json.loads(timings_path.read_text(encoding="utf-8"))
    data["aligner"] = 3
    data["words"] = [{"word": w, "start": s, "end": e} for w, s, e in
                     (("A", 0.1, 0.3), ("tooth", 0.3, 0.6), ("has", 0.6, 0.85), ("a", 1.0, 1.05),
                      ("crown.", 1.1, 1.3))]
    timings_path.write_text(json.dumps(data), encoding="utf-8")
    sound_before = sound_path.read_bytes()
    # When the tool runs again, with no engine to speak
    again = plan(scenes, lines_of(content))
    run(scenes, again, None, say=lambda m: None)
    # Then its words were refitted: "crown." lies over the speech after the pause (the short "a" before it, also
    # in the pause, leaves no room before it), the rest as they were
    after = read_timings(timings_path)
    assert [(j.line.key, j.why) for j in again.jobs] == [("demo/one.kids.en", build.MOVE_TIMES)]
    assert after is not None and after.aligner == engine.ALIGNER
    assert [w.start for w in after.words[:4]] == [0.1, 0.3, 0.6, 1.0]
    assert 1.6 <= after.words[4].start < 1.65
    assert sound_path.read_bytes() == sound_before
