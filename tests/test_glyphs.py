"""Issue 12, item 13: letters the kiosk's font cannot draw (they show as empty boxes) are warned about by
`check` at their file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.draw.glyphs import GlyphCheck

REPO = Path(__file__).resolve().parent.parent
FONT = REPO / "art" / "fonts" / "Andika-Regular.ttf"


@pytest.mark.parametrize("letter", ["😀", "ع", "ש", "中"])
def test_a_letter_the_font_lacks_is_warned_about_at_its_place(tmp_path: Path, letter: str) -> None:
    # Given a scene line with an emoji, Arabic, Hebrew or CJK letter
    path = tmp_path / "demo.yaml"
    path.write_text(f'id: demo\ntitle: {{en: "Hi {letter}"}}\n', encoding="utf-8")

    # When the font's letters are checked
    problems = GlyphCheck(FONT).problems([("scenes/demo.yaml", path)])

    # Then the letter is named at line 2, column of the letter
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (2, 17)
    assert f"U+{ord(letter):04X}" in problems[0].message


def test_spanish_letters_are_drawn(tmp_path: Path) -> None:
    # Given Spanish text with accents and inverted marks
    path = tmp_path / "demo.yaml"
    path.write_text('title: {es: "¿Qué pasa, niño? ¡Ánimo!"}\n', encoding="utf-8")

    # Then nothing is reported
    assert GlyphCheck(FONT).problems([("demo.yaml", path)]) == []
