"""Children who only watch, and the touches small children make: the real app, real events, a fake clock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from kiosk_driver import REPO, Kiosk


@pytest.fixture()
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path)


def shipped(tmp_path: Path) -> Kiosk:
    """The kiosk with the scenes it ships with, in a small window (the story, not the pixels, is tested)."""
    shutil.copytree(REPO / "scenes", tmp_path / "scenes")
    return Kiosk(tmp_path, size=(480, 270))


def hold(k: Kiosk, x: float, y: float, seconds: float) -> None:
    k.finger(pygame.FINGERDOWN, x, y)
    k.wait(seconds, dt=0.1)
    k.finger(pygame.FINGERUP, x, y)
    k.frames(2)


def drag(k: Kiosk, x0: float, y0: float, x1: float, y1: float, seconds: float, moves: int = 20) -> None:
    """A finger that goes down, moves there in small steps over `seconds`, and lifts."""
    k.finger(pygame.FINGERDOWN, x0, y0)
    k.frames(1)
    for i in range(1, moves + 1):
        k.frames(1, dt=seconds / moves)
        k.finger(pygame.FINGERMOTION, x0 + (x1 - x0) * i / moves, y0 + (y1 - y0) * i / moves)
    k.frames(1)
    k.finger(pygame.FINGERUP, x1, y1)
    k.frames(2)


# --- a child who only watches ------------------------------------------------------------------------
def test_a_child_who_never_touches_sees_every_step_and_the_end_of_every_scene(tmp_path: Path) -> None:
    # Given the shipped scenes, each started with one tap on its tile
    k = shipped(tmp_path)
    k.to_home()
    for scene_id in k.app.ctx.playable():
        if k.screen != "home":
            k.press_button("menu")
        k.press_button(f"tile-{scene_id}")
        shown, asked = set(), False
        # When nobody touches until the end panel shows (a scene lasts at most a few minutes)
        for _ in range(int(600 / 0.25)):
            k.frames(1, dt=0.25)
            asked = asked or k.app.nav.watching_since is not None
            if k.screen != "scene" or k.current.ended_at is not None:
                break
            shown.add(k.current.index)
        # Then every step and the end panel were shown, and nobody was asked "Still watching?"
        assert k.screen == "scene" and k.current.ended_at is not None, f"{scene_id}: the end panel never came"
        assert shown == set(range(len(k.current.steps))), f"{scene_id}: steps shown {sorted(shown)}"
        assert not asked, f"{scene_id}: 'Still watching?' interrupted a child who was watching"


def test_the_idle_reset_still_comes_once_the_scene_has_nothing_more_to_show(kiosk: Kiosk) -> None:
    # Given a scene watched to its end panel
    kiosk.open_scene()
    while kiosk.current.ended_at is None:
        kiosk.frames(1, dt=0.1)
    # When nobody touches for the idle time (90 s) and the question's 10 s after the end panel appeared
    kiosk.wait(85, dt=1.0)
    assert kiosk.app.nav.watching_since is None
    kiosk.wait(17, dt=1.0)
    # Then the kiosk asked and started over for the next family
    assert kiosk.screen == "attract" and ("idle_reset", "") in kiosk.events


# --- touches small children make -----------------------------------------------------------------------
def test_a_long_press_on_a_tile_opens_it(kiosk: Kiosk) -> None:
    # Given the menu
    kiosk.to_home()
    # When a child presses and holds the alpha tile for 1.5 s, then lets go
    hold(kiosk, *kiosk.button("tile-alpha").rect.center, 1.5)
    kiosk.frames(12)
    # Then the scene opened
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "alpha"


def test_a_long_press_on_next_turns_the_step(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    hold(kiosk, *kiosk.button("next").rect.center, 1.5)
    assert kiosk.current.index == 1


def test_a_slow_drag_across_a_quarter_of_the_stage_turns_the_step(kiosk: Kiosk) -> None:
    # Given a scene on its first step
    kiosk.open_scene()
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    # When a finger drags slowly (2 s) from the right of the stage leftwards by 30 % of the stage
    drag(kiosk, sx + sw * 0.7, sy + sh * 0.5, sx + sw * 0.4, sy + sh * 0.52, seconds=2.0)
    # Then the scene moved to the next step
    assert kiosk.current.index == 1


def test_a_wobble_on_the_stage_does_not_turn_the_step(kiosk: Kiosk) -> None:
    # Given a scene on its first step
    kiosk.open_scene()
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    x, y = sx + sw * 0.8, sy + sh * 0.8
    # When a finger wobbles about a spot for a second (a few pixels each way) and lifts
    kiosk.finger(pygame.FINGERDOWN, x, y)
    for i in range(10):
        kiosk.frames(1, dt=0.1)
        kiosk.finger(pygame.FINGERMOTION, x + (12 if i % 2 else -12), y + (8 if i % 3 else -6))
    kiosk.finger(pygame.FINGERUP, x + 10, y)
    kiosk.frames(2)
    # Then the step stayed
    assert kiosk.current.index == 0


def test_a_wobbly_tap_on_next_is_a_tap(kiosk: Kiosk) -> None:
    # Given a scene on its first step
    kiosk.open_scene()
    x, y = kiosk.button("next").rect.center
    # When a finger lands on "next", drifts a little (more than a still finger, far less than a swipe), lifts
    drag(kiosk, x, y, x + 25, y + 10, seconds=0.3, moves=4)
    # Then it pressed "next"
    assert kiosk.current.index == 1


def test_a_tap_while_the_menu_fades_in_presses_its_tile(kiosk: Kiosk) -> None:
    # Given the attract loop, tapped near its bottom edge: the menu starts to fade in
    kiosk.tap(100, 650)
    assert kiosk.screen == "home" and kiosk.app.nav._leaving is not None
    # When a tile is tapped at once, while the fade is still going on
    kiosk.tap(*kiosk.button("tile-alpha").rect.center)
    kiosk.frames(12)
    # Then the tile opened its scene
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "alpha"


def test_a_tap_after_a_slow_frame_is_not_swallowed(kiosk: Kiosk) -> None:
    # Given the menu just opened, and one frame that took a whole second (art drawn for the first time)
    kiosk.tap(100, 650)
    kiosk.frames(1, dt=1.0)
    # When a tile is tapped on the next frame (the animation clock moved only a quarter second)
    kiosk.tap(*kiosk.button("tile-alpha").rect.center)
    kiosk.frames(12)
    # Then it opened
    assert kiosk.screen == "scene"


def test_holding_the_staff_corner_does_not_press_the_home_button(tmp_path: Path) -> None:
    # Given a scene (its home button sits in the staff corner)
    k = Kiosk(tmp_path)
    k.open_scene()
    # When staff hold the corner for the chord's 3 s and lift
    hold(k, 20, 20, 3.2)
    # Then the scene is still up (the hold was the chord, not a tap on "home")
    assert k.screen == "scene"
