"""Rendered frames: compared with small reference images within a tolerance, and checked for layout rules."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import GOOD_SCENE, load, write
from PIL import Image, ImageChops, ImageStat

from kiosk.draw.layout import scene_layout
from kiosk.draw.palette import PANEL, PLUM
from kiosk.draw.stills import make_renderer, still
from kiosk.draw.text import contrast_ratio

REFERENCES = Path(__file__).parent / "references"
PINK = (244, 143, 177)


def to_pil(surface: pygame.Surface) -> Image.Image:
    return Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def render(content: Path, step: int = 1, at: float | None = None, size=(480, 270), audience="kids", lang="en"):  # type: ignore[no-untyped-def]
    lib = load(content)
    return still(make_renderer(lib, content / "art"), lib, "demo", step, at, size, lang, audience)


@pytest.fixture()
def demo(content: Path, headless_display) -> Path:  # type: ignore[no-untyped-def]
    write(content, "demo.yaml", GOOD_SCENE)
    return content


def test_settled_step_matches_its_reference_image(demo: Path) -> None:
    # Given the demo scene's first step once its slide-in has finished
    frame = to_pil(render(demo))
    # When compared with the reference picture (made by `python tests/make_references.py`)
    reference = Image.open(REFERENCES / "demo-step1-settled.png").convert("RGB")
    # Then they agree within a small tolerance (font hinting and scaling may differ a little)
    assert frame.size == reference.size
    assert mean_difference(frame, reference) < 2.0


def test_mid_animation_frame_matches_its_reference_image(demo: Path) -> None:
    frame = to_pil(render(demo, at=0.5))
    reference = Image.open(REFERENCES / "demo-step1-half.png").convert("RGB")
    assert mean_difference(frame, reference) < 2.0


def test_the_ball_slides_in_from_the_left(demo: Path) -> None:
    # Given the stage of a 480x270 screen
    layout = scene_layout(480, 270)
    sx, sy, sw, sh = layout.stage
    centre = (sx + sw // 2, sy + sh // 2)
    # When drawn at the start and after the slide
    start, end = render(demo, at=0.0), render(demo, at=1.0)
    # Then the stage centre is background at first and pink once the ball has arrived
    assert start.get_at(centre)[:3] != PINK
    assert end.get_at(centre)[:3] == PINK


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160), (1280, 800), (1080, 1920)])
def test_art_keeps_its_shape_at_every_screen_size(demo: Path, size: tuple[int, int]) -> None:
    # Given a round ball drawn on screens of different shapes
    frame = render(demo, size=size)
    layout = scene_layout(*size)
    # When the pink pixels inside the stage are measured
    mask = pygame.mask.from_threshold(frame.subsurface(layout.stage), PINK, (8, 8, 8, 255))
    box = mask.get_bounding_rects()[0].unionall(mask.get_bounding_rects())
    # Then the ball is as wide as it is tall (no stretching), at half the stage's height
    assert box.width == pytest.approx(box.height, rel=0.04)
    assert box.height == pytest.approx(layout.stage[3] * 0.5 * 0.9, rel=0.08)  # the outline takes ~10%


def test_caption_text_contrast_is_at_least_7_to_1() -> None:
    assert contrast_ratio(PLUM, PANEL) >= 7


def test_caption_is_drawn_inside_its_panel(demo: Path) -> None:
    # Given the caption panel of a 1920x1080 frame
    frame = render(demo, size=(1920, 1080))
    x, y, w, h = scene_layout(1920, 1080).caption
    # Then the panel holds plum text pixels
    text_pixels = pygame.mask.from_threshold(frame.subsurface((x, y, w, h)), PLUM, (30, 30, 30, 255)).count()
    assert text_pixels > 500


def test_parents_see_their_own_caption(demo: Path) -> None:
    kids = to_pil(render(demo, size=(960, 540)))
    parents = to_pil(render(demo, size=(960, 540), audience="parents"))
    x, y, w, h = scene_layout(960, 540).caption
    assert mean_difference(kids.crop((x, y, x + w, y + h)), parents.crop((x, y, x + w, y + h))) > 1


def test_missing_art_draws_a_placeholder_not_a_crash(demo: Path) -> None:
    # Given the art file disappears after the scene was loaded
    lib = load(demo)
    (demo / "art" / "shapes" / "circle.svg").unlink()
    renderer = make_renderer(lib, demo / "art")
    # When the step is drawn
    frame = still(renderer, lib, "demo", 1, None, (480, 270), "en", "kids")
    # Then a frame comes out and the failure is remembered for staff
    assert frame.get_size() == (480, 270)
    assert "shapes/circle.svg" in renderer.assets.failures


def test_a_faded_blit_blends_and_leaves_an_opaque_picture_opaque(headless_display) -> None:  # type: ignore[no-untyped-def]
    from kiosk.draw.blit import blit_faded

    # Given an opaque red picture and a blue screen
    red = pygame.Surface((4, 4))
    red.fill((255, 0, 0))
    screen = pygame.Surface((4, 4))
    for opacity, expected in ((0.5, (128, 0, 127)), (1.0, (255, 0, 0))):
        screen.fill((0, 0, 255))
        # When it is blitted half and fully faded in
        blit_faded(screen, red, (0, 0), opacity)
        # Then the screen shows the blend, and the picture keeps no surface alpha (SDL's slow path at 255)
        assert all(abs(a - b) <= 1 for a, b in zip(screen.get_at((1, 1))[:3], expected))
        assert red.get_alpha() is None


def test_a_faded_blit_keeps_a_pictures_own_transparency(headless_display) -> None:  # type: ignore[no-untyped-def]
    from kiosk.draw.blit import blit_faded

    # Given a picture that is half see-through red
    glass = pygame.Surface((4, 4), pygame.SRCALPHA)
    glass.fill((255, 0, 0, 128))
    screen = pygame.Surface((4, 4))
    blit_faded(screen, glass, (0, 0), 0.5)
    # When it is blitted plainly afterwards over blue
    screen.fill((0, 0, 255))
    screen.blit(glass, (0, 0))
    # Then its own transparency still mixes it with the blue
    assert all(abs(a - b) <= 2 for a, b in zip(screen.get_at((1, 1))[:3], (128, 0, 127)))
