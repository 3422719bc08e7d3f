"""The kiosk's own words: clinic overrides, per-language fallback, and safe filling-in."""

from __future__ import annotations

from kiosk.content.words import Words


def test_a_clinic_word_replaces_ours_in_its_language() -> None:
    words = Words({"touch_to_start": {"en": "Tap here!"}}, "en")
    assert words.get("touch_to_start", "en") == "Tap here!"


def test_a_language_the_clinic_did_not_translate_keeps_our_translation() -> None:
    # Given a clinic that changed only the English words
    words = Words({"touch_to_start": {"en": "Tap here!"}}, "en")
    # Then Spanish readers still get the Spanish words, not the clinic's English
    assert words.get("touch_to_start", "es") == "¡Toca para empezar!"


def test_a_wrong_placeholder_never_breaks_the_screen() -> None:
    words = Words({"pin_locked": {"en": "Wait {secs} s"}}, "en")
    assert words.get("pin_locked", "en", seconds=42) == "Locked. Try again in 42 s"
