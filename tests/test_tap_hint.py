"""The "you can touch this" hint paints only inside the rect its display-list item claims (kiosk/draw/hints.py)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from kiosk.content.model import Hotspot
from kiosk.draw.assets import ArtLookup, AssetCache
from kiosk.draw.hints import PULSE_SECONDS, draw_tap_hint, tap_hint_rect
from kiosk.draw.layout import scene_layout

REPO = Path(__file__).resolve().parent.parent
SPOTS = [Hotspot(at=(0.2, 0.25), radius=0.12, label={"en": "a"}),
         Hotspot(at=(0.85, 0.9), radius=0.05, label={"en": "b"}),
         Hotspot(at=(0.0, 1.0), radius=0.3, label={"en": "c"})]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920)], ids=["720p", "1080p", "portrait"])
def test_the_hint_never_paints_outside_its_rect(headless_display: None, size: tuple[int, int]) -> None:
    # Given the hint over three tap areas (one at a corner of the stage) on a blank screen, with no clip
    layout = scene_layout(*size)
    assets = AssetCache(ArtLookup(lambda rel: None, REPO / "art"))
    rect = tap_hint_rect(SPOTS, layout)
    for step in range(1, 13):   # every part of the pulse: fading in, swelling, the finger dipping
        age = step * PULSE_SECONDS / 8
        surface = pygame.Surface(size)
        surface.fill((0, 0, 0))

        # When it is drawn at that moment
        draw_tap_hint(surface, assets, SPOTS, layout, age)

        # Then every pixel it changed is inside the rect, and it did change some
        painted = pygame.mask.from_threshold(surface, (0, 0, 0), (1, 1, 1, 255))
        painted.invert()
        assert painted.count() > 0
        outside = painted.overlap_area(_mask_outside(rect, size), (0, 0))
        assert outside == 0, (age, outside, rect)


def test_the_hint_claims_much_less_than_the_stage_for_one_small_spot(headless_display: None) -> None:
    # Given one small tap area / When its rect is asked for / Then it is a small part of the stage
    layout = scene_layout(1920, 1080)
    rect = tap_hint_rect([Hotspot(at=(0.5, 0.5), radius=0.08, label={"en": "a"})], layout)
    assert rect.width * rect.height < 0.15 * layout.stage[2] * layout.stage[3]


def _mask_outside(rect: pygame.Rect, size: tuple[int, int]) -> pygame.mask.Mask:
    mask = pygame.mask.Mask(size, fill=True)
    inside = pygame.mask.Mask(rect.size, fill=True)
    mask.erase(inside, rect.topleft)
    return mask
