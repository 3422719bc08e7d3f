"""Layers are drawn from cut-outs (the art without its transparent margins). A cut-out must land exactly where
the whole picture would have put it, however the layer is turned, scaled, revealed or lit, and the box the
renderer reports for a layer must hold every pixel it paints."""

from __future__ import annotations

import math
from pathlib import Path

import pygame
import pytest
from PIL import Image, ImageChops, ImageStat

from kiosk.draw.assets import ArtLookup, AssetCache
from kiosk.draw.render import build_renderer
from kiosk.motion.player import DrawLayer

STAGE = (40, 20, 400, 300)
SCREEN = (480, 340)
# A small ball in the lower right of a square canvas: most of the picture is empty, like a part of the tooth.
CORNER_BALL = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
               '<circle cx="74" cy="70" r="14" fill="#F48FB1" stroke="#3D2C5E" stroke-width="4"/></svg>')


@pytest.fixture()
def art(tmp_path: Path, headless_display) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "art"
    (folder / "ui").mkdir(parents=True)
    (folder / "ball.svg").write_text(CORNER_BALL)
    return folder


def layer(**changes) -> DrawLayer:  # type: ignore[no-untyped-def]
    values = dict(art="ball.svg", cx=0.5, cy=0.5, width=0.6, height=0.8, opacity=1.0, rotate=0.0, scale=1.0,
                  glow=0.0, moving=False, index=0, reveal=1.0, pivot=(0.5, 0.5))
    values.update(changes)
    return DrawLayer(**values)


def whole_picture_reference(art: Path, lay: DrawLayer) -> pygame.Surface:
    """What the layer should look like, drawn the plain way: the whole picture (margins and all), scaled,
    turned about its pivot, centred on the layer's point."""
    cache = AssetCache(ArtLookup(lambda rel: None, art))
    w, h = round(lay.width * STAGE[2]), round(lay.height * STAGE[3])
    picture = cache.picture(lay.art, (w, h))
    if lay.scale != 1.0:
        picture = pygame.transform.smoothscale(
            picture, (round(picture.get_width() * lay.scale), round(picture.get_height() * lay.scale)))
    cx, cy = STAGE[0] + lay.cx * STAGE[2], STAGE[1] + lay.cy * STAGE[3]
    if lay.rotate:
        px, py = (lay.pivot[0] - 0.5) * picture.get_width(), (lay.pivot[1] - 0.5) * picture.get_height()
        a = math.radians(lay.rotate)
        cx += px - (px * math.cos(a) - py * math.sin(a))
        cy += py - (px * math.sin(a) + py * math.cos(a))
        picture = pygame.transform.rotozoom(picture, -lay.rotate, 1.0)
    out = pygame.Surface(SCREEN)
    out.fill((255, 255, 255))
    out.blit(picture, (round(cx - picture.get_width() / 2), round(cy - picture.get_height() / 2)))
    return out


def drawn(art: Path, lay: DrawLayer) -> tuple[pygame.Surface, pygame.Rect]:
    renderer = build_renderer(lambda rel: None, art)
    out = pygame.Surface(SCREEN)
    out.fill((255, 255, 255))
    renderer.draw_layer(out, lay, STAGE)
    return out, renderer.layer_bounds(lay, STAGE)


def difference(a: pygame.Surface, b: pygame.Surface) -> float:
    pa = Image.frombytes("RGB", a.get_size(), pygame.image.tobytes(a, "RGB"))
    pb = Image.frombytes("RGB", b.get_size(), pygame.image.tobytes(b, "RGB"))
    return sum(ImageStat.Stat(ImageChops.difference(pa, pb)).mean) / 3


def painted_box(surface: pygame.Surface) -> pygame.Rect:
    mask = pygame.mask.from_threshold(surface, (255, 255, 255), (1, 1, 1, 255))
    mask.invert()
    boxes = mask.get_bounding_rects()
    return boxes[0].unionall(boxes[1:]) if boxes else pygame.Rect(0, 0, 0, 0)


CASES = {
    "still": layer(),
    "turned about the centre": layer(rotate=17.0, moving=True),
    "turned about the top left": layer(rotate=-25.0, pivot=(0.0, 0.0), moving=True),
    "turned about the bottom": layer(rotate=8.0, pivot=(0.5, 1.0), moving=True),
    "growing": layer(scale=0.7, moving=True),
    "growing and turning": layer(scale=1.3, rotate=30.0, pivot=(0.2, 0.9), moving=True),
    "settled smaller": layer(scale=0.5),
}


@pytest.mark.parametrize("name", CASES)
def test_a_cut_out_lands_where_the_whole_picture_would(art: Path, name: str) -> None:
    # Given a layer whose art is mostly empty canvas
    lay = CASES[name]
    # When it is drawn from its cut-out
    picture, _ = drawn(art, lay)
    # Then it matches the whole picture drawn the plain way: the same pixels when it stands still, within half a
    # pixel of resampling when it is stretched or turned (a one pixel shift measures about 0.37 here)
    assert difference(picture, whole_picture_reference(art, lay)) < (0.3 if lay.moving else 0.1)
    assert painted_box(picture).width > 0


@pytest.mark.parametrize("name", CASES)
def test_a_layers_reported_box_holds_everything_it_paints(art: Path, name: str) -> None:
    # Given a layer, also glowing
    lay = CASES[name]
    for glowing in (lay, DrawLayer(**{**lay.__dict__, "glow": 1.0})):
        # When it is drawn
        picture, box = drawn(art, glowing)
        # Then every painted pixel is inside the box the renderer reports (partial redraws rely on it)
        assert box.contains(painted_box(picture)), (box, painted_box(picture))


def test_the_reported_box_is_tight_around_a_cut_out(art: Path) -> None:
    # Given a ball drawn on the lower right of a canvas the size of most of the stage
    picture, box = drawn(art, layer())
    # Then the box the renderer redraws is the ball's, not the canvas's
    canvas_area = 0.6 * STAGE[2] * 0.8 * STAGE[3]
    assert box.width * box.height < canvas_area * 0.2
    assert box.contains(painted_box(picture))


def test_a_revealed_layer_shows_the_whole_pictures_top_part(art: Path) -> None:
    # Given the ball revealed down to 75% of its canvas (the ball spans about 54% to 86%)
    picture, _ = drawn(art, layer(reveal=0.75))
    full, _ = drawn(art, layer())
    line = STAGE[1] + round((0.5 - 0.4 + 0.8 * 0.75) * STAGE[3])
    # Then above the line it is the whole ball, below it nothing is painted
    painted = painted_box(picture)
    assert painted.bottom <= line + 1
    assert painted.top == painted_box(full).top
    assert painted_box(full).bottom > line + 5


def test_the_cache_keeps_only_the_cut_out(art: Path) -> None:
    # Given the ball rasterised at the size of a large layer
    cache = AssetCache(ArtLookup(lambda rel: None, art))
    sprite = cache.sprite("ball.svg", (800, 800))
    # Then the cache holds the ball's own pixels, a small part of the canvas
    assert sprite.full == (800, 800)
    assert cache.size_bytes == sprite.surface.get_width() * sprite.surface.get_height() * 4
    assert cache.size_bytes < 800 * 800 * 4 * 0.15
