"""Issue 12, item 7: a translator's string may only name placeholders; a format spec is never obeyed."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.words import Words

from helpers import GOOD_SCENE, load, messages, write


def test_a_format_spec_in_a_word_is_never_obeyed() -> None:
    # Given a clinic word that asks for a billion-character padding of {seconds}
    words = Words({"pin_locked": {"en": "Locked {seconds:>999999999}"}}, "en")

    # When the kiosk fills it in
    text = words.get("pin_locked", "en", seconds=30)

    # Then no padding is made: the text stays short (the kiosk's own words are shown instead)
    assert len(text) < 200
    assert "30" in text


def test_a_format_spec_in_ui_yaml_is_an_error_at_its_line(content: Path) -> None:
    # Given ui.yaml with a format spec inside a placeholder
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "ui.yaml", 'texts:\n  pin_locked:\n    en: "Locked {seconds:>999999999}"\n')

    # When the folder is loaded
    lib = load(content)

    # Then check names the line, and the clinic's broken word is not used
    assert any(m.startswith("scenes/ui.yaml:3:") and "plain {name}" in m for m in messages(lib))
    assert "en" not in lib.ui_texts.get("pin_locked", {})
