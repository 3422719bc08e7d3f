"""Shared test setup: headless SDL before pygame is imported, and small fixtures."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture()
def headless_display():
    """A 1x1 dummy display so surfaces can be converted and SVG rasterised."""
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))
    yield
    # The display stays up for the session: re-creating it per test costs time and tests nothing.


@pytest.fixture()
def content(tmp_path: Path):
    """An empty content folder: scenes/ and art/ with one simple SVG; write scene files into it."""
    scenes = tmp_path / "scenes"
    art = tmp_path / "art"
    (art / "shapes").mkdir(parents=True)
    scenes.mkdir()
    (art / "shapes" / "circle.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<circle cx="50" cy="50" r="45" fill="#F48FB1" stroke="#3D2C5E" stroke-width="6"/></svg>')
    (art / "shapes" / "wide.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
        '<rect x="4" y="4" width="192" height="92" rx="20" fill="#7ED957"/></svg>')
    return tmp_path
