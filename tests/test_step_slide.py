"""A slide between steps moves the new step's picture in place (a scroll) instead of copying it each frame, or,
sliding forward, paints it where the slide puts it: held here to the plain composition of the same two pictures,
pixel for pixel, at every point of the slide."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from kiosk.app.screens.step_transition import middle, moved_in_place, new_step_shown, paint_new_step, slide
from kiosk.draw.display_list import item
from kiosk.draw.layout import scene_layout

SIZE = (320, 200)
MOVED = pygame.Rect(0, 30, 320, 140)   # between the top and the bottom bar


def _noise(seed: int) -> pygame.Surface:
    rng = random.Random(seed)
    return pygame.image.frombytes(bytes(rng.getrandbits(8) for _ in range(SIZE[0] * SIZE[1] * 3)), SIZE, "RGB")


def _plain(new: pygame.Surface, old: pygame.Surface, direction: int, eased: float) -> pygame.Surface:
    """The reference: a copy of the new step and the old one, each blitted where the slide has taken it."""
    out = new.copy()
    shift = int(-direction * eased * MOVED.width)
    out.set_clip(MOVED)
    out.blit(new.subsurface(MOVED).copy(), (MOVED.x + shift + direction * MOVED.width, MOVED.y))
    out.blit(old.subsurface(MOVED), (MOVED.x + shift, MOVED.y))
    return out


@pytest.mark.parametrize("direction", [1, -1])
@pytest.mark.parametrize("eased", [0.0, 0.013, 0.25, 0.5, 0.731, 0.999, 1.0])
def test_a_slide_frame_is_the_plain_composition_of_both_steps(direction: int, eased: float) -> None:
    # Given the new step painted on the screen and the old step's picture (both noise: every pixel counts)
    new, old = _noise(1), _noise(2)
    screen = new.copy()
    # When the slide is drawn at that point with the whole screen to paint
    slide(screen, old, MOVED, direction, eased)
    # Then it is exactly the reference picture, bars included
    assert pygame.image.tobytes(screen, "RGB") == pygame.image.tobytes(_plain(new, old, direction, eased), "RGB")


def test_a_slide_keeps_to_a_narrow_clip_and_is_still_right_inside_it() -> None:
    # Given a clip that covers only part of the middle's width
    new, old = _noise(3), _noise(4)
    screen = new.copy()
    clip = pygame.Rect(40, 0, 100, SIZE[1])
    screen.set_clip(clip)
    # When a slide frame is drawn
    slide(screen, old, MOVED, 1, 0.4)
    # Then inside the clip it is the reference picture, and outside it nothing changed
    expected = _plain(new, old, 1, 0.4)
    inside = clip.clip(MOVED)
    assert pygame.image.tobytes(screen.subsurface(inside), "RGB") == pygame.image.tobytes(
        expected.subsurface(inside), "RGB")
    left = pygame.Rect(0, 0, clip.x, SIZE[1])
    assert pygame.image.tobytes(screen.subsurface(left), "RGB") == pygame.image.tobytes(new.subsurface(left), "RGB")


@pytest.mark.parametrize("direction", [1, -1])
@pytest.mark.parametrize("eased", [0.0, 0.02, 0.3, 0.5, 0.87, 1.0])
def test_painting_only_what_a_slide_leaves_uncovered_gives_the_same_frame(direction: int, eased: float) -> None:
    # Given a 1080p layout, the new step's picture and the old one's, and a screen full of last frame's pixels
    layout = scene_layout(1920, 1080)
    moved = middle(layout)
    size = (1920, 1080)
    rng = random.Random(7)
    new, old, stale = (pygame.image.frombytes(rng.randbytes(size[0] * size[1] * 3), size, "RGB") for _ in range(3))
    # When one screen gets the whole new step and the other only the part `new_step_shown` names, bars included
    whole = new.copy()
    part = stale.copy()
    shown = new_step_shown("slide", direction, eased, layout)
    for area in (pygame.Rect(0, 0, 1920, moved.y), pygame.Rect(0, moved.bottom, 1920, 1080 - moved.bottom), shown):
        part.blit(new, area, area)
    # ...and the same slide frame is drawn on both
    for screen in (whole, part):
        screen.set_clip(None)
        slide(screen, old, moved, direction, eased)
    # Then the two screens are the same, pixel for pixel
    assert pygame.image.tobytes(part, "RGB") == pygame.image.tobytes(whole, "RGB")


def _noise_items(size: tuple[int, int]) -> list:
    """A new step as display-list items: a noise ground over the whole screen and two noise pictures over it,
    one reaching into the top bar (each item paints at its own coordinates, as the kiosk's do)."""
    rng = random.Random(11)
    ground = pygame.image.frombytes(rng.randbytes(size[0] * size[1] * 3), size, "RGB")
    a = pygame.image.frombytes(rng.randbytes(300 * 200 * 4), (300, 200), "RGBA")
    b = pygame.image.frombytes(rng.randbytes(500 * 420 * 4), (500, 420), "RGBA")
    return [item((0, 0, *size), ("ground",), lambda s: s.blit(ground, (0, 0))),
            item((1500, 40, 300, 200), ("a",), lambda s: s.blit(a, (1500, 40))),
            item((200, 500, 500, 420), ("b",), lambda s: s.blit(b, (200, 500)))]


@pytest.mark.parametrize("direction", [1, -1])
@pytest.mark.parametrize("eased", [0.0, 0.02, 0.3, 0.5, 0.87, 0.999, 1.0])
def test_a_forward_slide_painted_in_its_moved_place_is_the_plain_slide(direction: int, eased: float) -> None:
    # Given a 1080p layout, a new step's items, the old step's picture, and a screen full of last frame's pixels
    layout = scene_layout(1920, 1080)
    size = (1920, 1080)
    step = _noise_items(size)
    rng = random.Random(5)
    old, stale = (pygame.image.frombytes(rng.randbytes(size[0] * size[1] * 3), size, "RGB") for _ in range(2))
    # When the reference paints the whole new step in its own place and slides it, and the kiosk paints only what
    # shows, already moved (a slide back is moved by the scroll, as before)
    plain = stale.copy()
    paint_new_step(plain, step, layout, middle(layout))
    slide(plain, old, middle(layout), direction, eased)
    live = stale.copy()
    moved_by = moved_in_place("slide", direction, eased, layout)
    paint_new_step(live, step, layout, new_step_shown("slide", direction, eased, layout), moved_by)
    live.set_clip(middle(layout))
    slide(live, old, middle(layout), direction, eased, new_moved=moved_by is not None)
    live.set_clip(None)
    # Then the two screens are the same, pixel for pixel
    assert (moved_by is not None) == (direction > 0)
    assert pygame.image.tobytes(live, "RGB") == pygame.image.tobytes(plain, "RGB")


SLIDING = """\
id: sliding
title: {en: "Sliding", es: "Deslizar"}
tile: {art: icons/meet-your-tooth.svg, color: "#8ED1FC"}
steps:
  - id: one
    text:
      kids: {en: "One.", es: "Uno."}
      parents: {en: "One for parents.", es: "Uno para padres."}
    hold: 2
    layers:
      - {art: tooth/enamel.svg, at: [0.5, 0.5], height: 0.9}
  - id: two
    transition: slide
    text:
      kids: {en: "Two.", es: "Dos."}
      parents: {en: "Two for parents.", es: "Dos para padres."}
    hold: 2
    layers:
      - {art: tooth/crown-dentin.svg, at: [0.5, 0.5], height: 0.9, animate: {opacity: [0, 1], duration: 2}}
"""


def test_a_slide_repaints_the_middle_and_leaves_the_unchanged_bars_alone(tmp_path: Path) -> None:
    # Given a scene whose second step slides in while its picture fades up (it moves all through the slide)
    from kiosk_driver import Kiosk
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "sliding.yaml").write_text(SLIDING, encoding="utf-8")
    kiosk = Kiosk(tmp_path, size=(960, 540))
    kiosk.open_scene("sliding")
    kiosk.frames(30)
    painted: list = []
    draw = kiosk.app.nav.painter.draw
    kiosk.app.nav.painter.draw = lambda *a, **k: painted.append(draw(*a, **k)) or painted[-1]
    # When the scene moves on to the next step (as "next" does, without the tap's ripple over the bar) and the
    # slide plays
    screen = kiosk.app.nav.screen
    screen.next()
    kiosk.frames(1)
    assert screen._from is not None and screen._from[3] == "slide"
    painted.clear()
    kiosk.frames(5)
    assert screen._from is not None   # still sliding
    # Then each of its frames repainted the middle, and nothing of the bars
    moved = middle(kiosk.app.ctx.layout)
    assert painted and all(rects is not None for rects in painted)
    assert all(rects and all(moved.contains(r) for r in rects) for rects in painted), (moved, painted)
