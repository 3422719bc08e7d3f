"""Which voice speaks which language, and how fast for whom: the settings every generated file is made with.

Changing anything here changes the hash of every affected line, so `kiosk voice` makes those files again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Optional

from .lexicon import said
from .lines import CAPTION, PART, Line

ENGINE = "kokoro-v1.0-int8"   # the model the build tool verifies by its sha256 before using it
KIDS_SPEED = 0.9              # a little slower for 3-6 year olds than for adults
ADULT_SPEED = 1.0
TARGET_RMS_DB = -20.0         # loudness of speech, so no file is louder or quieter than the others
PEAK_DB = -1.0                # never louder than this, so nothing clips


@dataclass(frozen=True)
class VoiceChoice:
    voice: str        # a Kokoro voice name
    phonemes: str     # the espeak-ng language the words are sounded out with


# Latin-American Spanish (es-419: "s", not Castilian "θ"); warm female voices in both languages.
VOICES: dict[str, VoiceChoice] = {
    "en": VoiceChoice("af_heart", "en-us"),
    "es": VoiceChoice("ef_dora", "es-419"),
}


def voice_for(lang: str) -> Optional[VoiceChoice]:
    """The voice for a language code such as es or es-MX (by its first part); None if none is known."""
    return VOICES.get(lang) or VOICES.get(lang.split("-")[0].lower())


def speed_for(line: Line) -> float:
    """Children's captions and part names (heard by children) slower; parents' captions and answers at ease."""
    return KIDS_SPEED if line.kind == PART or (line.kind == CAPTION and line.audience == "kids") else ADULT_SPEED


def settings_for(line: Line) -> Optional[dict]:
    """Everything a generated file depends on besides its words; None when no voice speaks its language.
    A line the lexicon respells also carries what the voice says (`says`), so only those lines change hash."""
    choice = voice_for(line.lang)
    if choice is None:
        return None
    settings = {"engine": ENGINE, **asdict(choice), "speed": speed_for(line), "rms_db": TARGET_RMS_DB,
                "peak_db": PEAK_DB}
    saying = said(line.text, line.lang)
    if saying != line.text:
        settings["says"] = saying
    return settings
