"""The lexicon: words espeak-ng reads wrong are respelled for the voice, while the caption, its timings file and
the lit words keep the text as written. A stand-in engine (tests/test_voice_build.py's tones) records what the
voice was given."""

from __future__ import annotations

from pathlib import Path

from kiosk.voice.build import plan, run
from kiosk.voice.files import generated_paths, read_timings
from kiosk.voice.lexicon import said
from kiosk.voice.lines import library_lines

from helpers import load, write
from test_voice_build import ToneEngine

SCENE = """\
id: help
title: {en: "Help", es: "Ayuda"}
tile: {art: shapes/circle.svg}
steps:
  - id: call
    audience: kids
    text:
      kids: {en: "Mr. Thirsty says call 911 now.", es: "Llama al 911 ya."}
    layers: [{art: shapes/circle.svg}]
  - id: plain
    audience: kids
    text:
      kids: {en: "A tooth has a crown.", es: "Un diente tiene corona."}
    layers: [{art: shapes/circle.svg}]
"""


def test_the_voice_says_the_respelling_of_words_espeak_reads_wrong(content: Path) -> None:
    # Given a caption with an emergency number and a "Mr." before a name
    write(content, "help.yaml", SCENE)
    scenes, tone = content / "scenes", ToneEngine()
    # When its narration is made
    run(scenes, plan(scenes, library_lines(load(content))), tone, say=lambda m: None)
    # Then the voice was told the number digit by digit, and "Mister" with no full stop to pause on
    spoken = {text for text, _, _ in tone.said}
    assert "Mister Thirsty says call nine one one now." in spoken
    assert "Llama al nueve uno uno ya." in spoken


def test_the_timings_keep_the_caption_as_written_and_light_the_number_for_all_its_words(content: Path) -> None:
    # Given the same caption's narration made from its respelling
    write(content, "help.yaml", SCENE)
    scenes = content / "scenes"
    run(scenes, plan(scenes, library_lines(load(content))), ToneEngine(), say=lambda m: None)
    # When its timings file is read
    timings = read_timings(generated_paths(scenes, "help/call.kids.en")[1])
    # Then it times the caption's own words, and "911" from "nine" to the second "one" (tones: 0.25 s a word)
    assert timings is not None and timings.text == "Mr. Thirsty says call 911 now."
    assert [w.text for w in timings.words] == "Mr. Thirsty says call 911 now.".split()
    number = timings.words[4]
    assert (number.start, number.end) == (0.1 + 4 * 0.25, 0.3 + 6 * 0.25)


def test_a_line_with_nothing_to_respell_is_said_as_written_and_is_not_made_again(content: Path) -> None:
    # Given narration made before any respelling touched the plain caption
    write(content, "help.yaml", SCENE)
    scenes = content / "scenes"
    run(scenes, plan(scenes, library_lines(load(content))), ToneEngine(), say=lambda m: None)
    # When the tool looks again
    again = plan(scenes, library_lines(load(content)))
    # Then the plain caption is its own text and nothing is out of date
    assert said("A tooth has a crown.", "en") == "A tooth has a crown."
    assert again.jobs == ()


def test_a_billing_code_is_said_digit_by_digit_in_each_language() -> None:
    # Given a dental billing code at the end of a sentence, in each language
    # When the voice's text is worked out
    # Then the code is read as staff read it, the full stop kept
    assert said("It is coded D3220.", "en") == "It is coded D three two two zero."
    assert said("Se codifica D3220.", "es") == "Se codifica D tres dos dos cero."
