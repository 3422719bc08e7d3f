"""The colour script of the cut-away tooth (art/tooth/README.md), measured in rendered stills of the shipped
procedure steps: each named part is drawn in its own colour, and parts that touch differ in luminance by at
least 1.5:1, so a child can tell them apart without words."""

from __future__ import annotations

import colorsys
from functools import lru_cache
from pathlib import Path

import pygame
import pytest

from kiosk.content.library import load_library
from kiosk.draw.layout import scene_layout
from kiosk.draw.stills import make_renderer, still

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 720)
TOOTH_AT, TOOTH_HEIGHT, STAGE_ASPECT = (0.38, 0.47), 1.0, 4 / 3   # where the shipped scenes put the tooth

# The colour script, as written in art/tooth/README.md.
SCRIPT = {
    "enamel": "#FFFFFF", "dentin": "#F0C878", "healthy pulp": "#F07AA8", "sore pulp": "#FF7247",
    "emptied": "#F0FDF6", "medicine": "#7E57C2", "filling": "#4FA3F7", "paste": "#EE8A2A",
}
# Where each part can be seen, in the tooth's 1000 x 1000 drawing (art/tooth/README.md, Geometry).
SPOTS = {
    "enamel": (362, 178), "dentin": (280, 400), "crown pulp": (500, 390), "root pulp": (330, 560),
    "root dentin": (300, 560), "chamber": (500, 330), "medicine": (420, 452), "filling": (500, 380),
}
# (scene, step as a child sees it, spot, part it must show, neighbouring spot, part there), at the step's end.
NEIGHBOURS = [
    ("pulpotomy", 1, "enamel", "enamel", "dentin", "dentin"),
    ("pulpotomy", 1, "crown pulp", "sore pulp", "dentin", "dentin"),
    ("pulpotomy", 1, "root pulp", "healthy pulp", "root dentin", "dentin"),
    ("pulpotomy", 5, "chamber", "emptied", "dentin", "dentin"),
    ("pulpotomy", 6, "medicine", "medicine", "dentin", "dentin"),
    ("pulpotomy", 6, "medicine", "medicine", "chamber", "emptied"),
    ("pulpotomy", 6, "medicine", "medicine", "root pulp", "healthy pulp"),
    ("pulpotomy", 7, "filling", "filling", "medicine", "medicine"),
    ("pulpotomy", 7, "filling", "filling", "dentin", "dentin"),
    ("pulpotomy", 7, "filling", "filling", "enamel", "enamel"),
    ("pulpectomy", 4, "root pulp", "emptied", "root dentin", "dentin"),
    ("pulpectomy", 6, "root pulp", "paste", "root dentin", "dentin"),
    ("pulpectomy", 6, "root pulp", "paste", "chamber", "emptied"),
]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""
    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=None)
def library():  # type: ignore[no-untyped-def]
    return load_library(ROOT / "scenes", ROOT / "art")


@lru_cache(maxsize=None)
def settled_still(scene_id: str, step: int) -> pygame.Surface:
    lib = library()
    return still(make_renderer(lib, ROOT / "art"), lib, scene_id, step, None, SIZE, "en", "kids")


def colour_at(picture: pygame.Surface, spot: str) -> tuple[int, int, int]:
    """The colour the still shows at a spot of the tooth drawing (the middle of a 3 x 3 patch, by channel)."""
    u, v = SPOTS[spot]
    sx, sy, sw, sh = scene_layout(*SIZE).stage
    width = TOOTH_HEIGHT / STAGE_ASPECT   # the tooth's square drawing, as a fraction of the stage's width
    x = round(sx + (TOOTH_AT[0] + (u / 1000 - 0.5) * width) * sw)
    y = round(sy + (TOOTH_AT[1] + (v / 1000 - 0.5) * TOOTH_HEIGHT) * sh)
    patch = [picture.get_at((x + dx, y + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    return tuple(sorted(p[i] for p in patch)[4] for i in range(3))  # type: ignore[return-value]


def close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return max(abs(x - y) for x, y in zip(a, b)) <= 12


@pytest.mark.parametrize("scene_id, step, spot, part, other_spot, other_part", NEIGHBOURS,
                         ids=[f"{n[0]}-{n[1]}-{n[3]}-vs-{n[5]}" for n in NEIGHBOURS])
def test_neighbouring_parts_keep_their_colours_and_differ_clearly(headless_display, scene_id: str, step: int,
                                                                   spot: str, part: str, other_spot: str,
                                                                   other_part: str) -> None:
    # Given the step's settled still, as a child sees it
    picture = settled_still(scene_id, step)
    # When the two touching parts are measured
    here, there = colour_at(picture, spot), colour_at(picture, other_spot)
    # Then each is drawn in its colour from the script (nothing tints or hides it)
    assert close(here, rgb(SCRIPT[part])), (part, here)
    assert close(there, rgb(SCRIPT[other_part])), (other_part, there)
    # And they differ in luminance by at least 1.5:1
    assert contrast(here, there) >= 1.5, (part, other_part, round(contrast(here, there), 2))


def test_the_sore_pulp_is_coral_not_blood_red(headless_display) -> None:
    # Given the sore pulp as drawn
    r, g, b = colour_at(settled_still("pulpotomy", 1), "crown pulp")
    hue, saturation, _ = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
    # Then its hue is towards orange (blood red sits at 0 to 5 degrees, magenta beyond 330)
    assert 8 <= hue * 360 <= 40 and saturation > 0.5


def test_the_script_in_the_readme_is_the_one_measured() -> None:
    # Given the colour script written for artists
    readme = (ROOT / "art" / "tooth" / "README.md").read_text(encoding="utf-8")
    # Then every colour this test measures is written there, under its name
    for part, colour in SCRIPT.items():
        assert f"| {part} | `{colour}`" in readme, part
