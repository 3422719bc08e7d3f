"""The fade between screens on the live screen, frame by frame, held to a plain whole redraw (tests/live_screen.py).

During a fade the new screen is drawn on a picture of its own, only where it changed, and the old screen is faded
over it (`WindowPainter._draw_fading`). A mistake there would show a part of the new screen that moved on, or a trace
of the old one after the fade ended: every frame of the fade, and the frames after it, are compared."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from PIL import ImageChops

from kiosk.app.navigator import FADE_SECONDS
from kiosk.draw.blit import blit_faded
from kiosk.draw.fade_picture import ALPHA, OPAQUE
from kiosk.interactions import TurnPlayer
from kiosk.interactions.demo import way_through
from live_screen import Twin, as_image

FRAME = 1 / 30


def fade_frames(twin: Twin, where: str, touches: list | None = None, dt: float = FRAME) -> int:  # type: ignore[type-arg]
    """Draw frames `dt` apart while the fade lasts, and a few after it, comparing each; the child's touches
    (if any) go in one per frame from the fade's first frame on. Returns how many fade frames were seen."""
    sx, sy, sw, sh = twin.live.ctx.layout.stage
    w, h = twin.live.display.get_size()
    kinds = {"down": pygame.FINGERDOWN, "move": pygame.FINGERMOTION, "up": pygame.FINGERUP}
    fading = 0
    for n in range(24):
        if touches and n < len(touches):
            touch = touches[n]
            x, y = twin._physical(sx + touch.x * sw, sy + touch.y * sh)
            twin.post(kinds[touch.kind], touch_id=1, finger_id=0, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0)
        twin.frames(1, dt)
        fading += twin.live.nav.fading
        twin.check(f"{where}: frame {n + 1} ({'fading' if twin.live.nav.fading else 'after the fade'})")
    return fading


def into_a_game(twin: Twin) -> list:  # type: ignore[type-arg]
    """A game opened and a face picked on both twins, up to the first frame of the fade into the game; the
    touches of the game's first turn (without the finger's lifting, so it stays under way)."""
    twin.each(lambda app: app.nav.play("help-the-dentist"))
    twin.frames(12)
    twin.press("feel-happy")
    while not (twin.screen == "scene" and twin.live.nav.fading):
        twin.frames(1)
    player = twin.live.nav.screen.player
    assert isinstance(player, TurnPlayer)
    return [t for t in way_through(player.turn) if t.kind != "up"][:12]


def test_every_frame_of_the_fade_into_a_game_the_child_already_plays(tmp_path: Path) -> None:
    # Given a game's "How do you feel?" on the live kiosk and its plain twin
    twin = Twin(tmp_path, (960, 540), settle_art=True)
    # When a face is picked, and the game's first turn is touched while the screen still fades into it
    touches = into_a_game(twin)
    # Then every frame, during the fade and after it, is what a whole redraw shows
    assert fade_frames(twin, "into the game", touches) >= 5


def test_a_fade_cut_short_by_slow_frames_leaves_no_trace_of_the_old_screen(tmp_path: Path) -> None:
    # Given the fade into a game, the child touching it
    twin = Twin(tmp_path, (960, 540), settle_art=True)
    touches = into_a_game(twin)
    # When the frames come slowly (the last one of the fade shows the old screen at more than a third)
    # Then the frames after the fade show the game alone, as a whole redraw does
    assert fade_frames(twin, "into the game, slow frames", touches, dt=0.13) >= 2


def test_every_frame_of_the_fade_into_a_story_whose_first_step_moves(tmp_path: Path) -> None:
    # Given the home screen on the live kiosk and its plain twin, on a screen mounted in portrait (the game's fades
    # above are landscape)
    twin = Twin(tmp_path, (960, 540), rotate=90)
    twin.tap(480, 270)
    twin.frames(12)
    # When a story opens (its first step starts moving at once)
    twin.each(lambda app: app.nav.play("pulpotomy"))
    # Then every frame of the fade and after it is what a whole redraw shows
    assert fade_frames(twin, "into the pulpotomy") >= 5


def largest_difference(a: pygame.Surface, b: pygame.Surface) -> int:
    return max(high for _, high in ImageChops.difference(as_image(a), as_image(b)).getextrema())


def old_screen_on_an_opaque_picture(twin: Twin) -> pygame.Surface:
    """The screen being left, drawn as it was left on a picture without an alpha channel: the reference."""
    old, since = twin.live.nav._leaving
    reference = pygame.Surface(twin.live.display.get_size())
    old.draw(reference, since)
    return reference


def pinned(twin: Twin, kind: str) -> Twin:
    """Both twins fade from a picture of `kind` (the kiosk times the kinds and takes the faster)."""
    twin.each(lambda app: setattr(app.nav.fades, "kind", kind))
    return twin


def test_the_old_screen_under_a_fade_is_opaque_and_drawn_as_on_an_opaque_picture(tmp_path: Path) -> None:
    # Given the first frame of the fade from "How do you feel?" into a game, the old screen's picture with an alpha
    # channel (the twins compare fades with each other; this holds the picture both fade from to the old screen
    # drawn on a picture without an alpha channel)
    twin = pinned(Twin(tmp_path, (960, 540), settle_art=True), ALPHA)
    into_a_game(twin)
    size = twin.live.display.get_size()
    # When the picture the old screen fades out from is made
    picture = twin.live.nav._leaving_picture(twin.live.display)
    # Then no pixel of it lets the new screen through, and its colours are the old screen's, within a level
    assert picture is not None
    assert pygame.mask.from_surface(picture, 254).count() == size[0] * size[1]
    assert largest_difference(picture, old_screen_on_an_opaque_picture(twin)) <= 1


@pytest.mark.parametrize("kind", [ALPHA, OPAQUE])
def test_a_fade_frame_is_the_old_screen_blended_over_the_new_as_sdl_blends_an_opaque_picture(
        tmp_path: Path, kind: str) -> None:
    # Given the fade into a game, a few frames in, from a picture of either kind
    twin = pinned(Twin(tmp_path, (960, 540), settle_art=True), kind)
    into_a_game(twin)
    twin.frames(4)
    nav = twin.live.nav
    assert nav.fading
    # When the window of that frame is compared with the new screen under the fade, and over it the old screen
    # drawn on an opaque picture, blended at the fade's alpha
    expected = nav.painter._under.copy()
    blit_faded(expected, old_screen_on_an_opaque_picture(twin), (0, 0),
               1.0 - (nav.t - nav._leaving[1]) / FADE_SECONDS)
    # Then they differ by at most a level
    assert largest_difference(twin.live.display, expected) <= 1
