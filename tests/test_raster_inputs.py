"""Inputs that once passed `check` and then drew as a placeholder or asked for gigabytes of pixels (issue 12,
"smaller ones"): each is now refused by `check` with what the file really is and how to fix it. The hostile
corpus holds the same cases end to end; these hold each at its own mechanism."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from kiosk.content.artcheck import inspect_art
from kiosk.content.config import load_config

CIRCLE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>'


def test_a_utf16_svg_is_refused_with_the_encoding_to_use(tmp_path: Path) -> None:
    # Given an SVG saved as UTF-16 (SDL's rasteriser reads only UTF-8: it drew the placeholder)
    path = tmp_path / "a.svg"
    path.write_bytes(CIRCLE.encode("utf-16"))
    # When it is inspected
    info = inspect_art(path)
    # Then it cannot be used, and the fix is named
    assert not info.usable
    assert info.problems[0][1] == "the file is named .svg but is really UTF-16 text; save it with UTF-8 encoding"


def test_a_namespaced_svg_is_refused_at_its_line(tmp_path: Path) -> None:
    # Given an SVG whose elements carry a prefix on line 2 (valid XML that SDL's rasteriser cannot parse)
    path = tmp_path / "a.svg"
    path.write_text('<?xml version="1.0"?>\n<svg:svg xmlns:svg="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                    '<svg:circle cx="5" cy="5" r="4"/></svg:svg>\n', encoding="utf-8")
    with pytest.raises(pygame.error):
        pygame.image.load_sized_svg(str(path), (20, 20))   # (why it matters: this is what drawing it would do)
    # When it is inspected
    info = inspect_art(path)
    # Then it cannot be used, at its line, with the fix
    assert not info.usable
    assert info.problems[0][0] == 2 and "save it as a plain SVG" in info.problems[0][1]


def test_a_window_size_no_screen_has_is_refused_and_the_default_kept(tmp_path: Path) -> None:
    # Given kiosk.yaml asking for a 99999x99999 window (3.4 GB of pixels per frame)
    path = tmp_path / "kiosk.yaml"
    path.write_text("display:\n  size: 99999x99999\n", encoding="utf-8")
    # When it is loaded
    config, problems = load_config(path)
    # Then the size is not used, and its line is named with the sides allowed
    assert config.display.size is None
    assert [(p.line, "7680" in p.message) for p in problems] == [(2, True)]
