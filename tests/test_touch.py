"""Children who only watch, and the touches small children make: the real app, real events, a fake clock."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pygame
import pytest

from kiosk.appliance.pin import hash_pin
from kiosk_driver import REPO, SCENE_ALPHA, Kiosk


@pytest.fixture()
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path)


def shipped(tmp_path: Path) -> Kiosk:
    """The kiosk with the scenes it ships with, in a small window (the story, not the pixels, is tested)."""
    shutil.copytree(REPO / "scenes", tmp_path / "scenes")
    return Kiosk(tmp_path, size=(480, 270))


def shipped_at(tmp_path: Path, size: tuple[int, int]) -> Kiosk:
    shutil.copytree(REPO / "scenes", tmp_path / "scenes")
    return Kiosk(tmp_path, size=size)


@dataclass(frozen=True)
class Asked:
    """A question as the FAQ screen reads it, with the optional topic a content file may give."""

    question: dict
    topic: dict
    answer: dict = field(default_factory=lambda: {"en": "An answer."})
    scene: Optional[str] = None


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
def watch(k: Kiosk, done, seconds: float = 600) -> tuple[set[int], set[str], bool]:  # type: ignore[no-untyped-def]
    """Nobody touches, frame by frame, until `done()`: the steps of the scene screen shown on the way, the screens
    shown, and whether "Still watching?" was asked."""
    shown: set[int] = set()
    screens: set[str] = set()
    asked = False
    for _ in range(int(seconds / 0.25)):
        if done():
            break
        k.frames(1, dt=0.25)
        asked = asked or k.app.nav.watching_since is not None
        screens.add(k.screen)
        if k.screen == "scene" and k.current.ended_at is None:
            shown.add(k.current.index)
    return shown, screens, asked


def test_a_child_who_never_touches_sees_every_step_and_the_end_of_every_scene(tmp_path: Path) -> None:
    # Given the shipped scenes and games, each started with one tap on its tile
    k = shipped(tmp_path)
    k.to_home()
    for scene_id in k.app.ctx.playable():
        if k.screen != "home":
            k.press_button("menu")
        k.press_button(f"tile-{scene_id}")
        game = k.app.ctx.library.scenes[scene_id].game
        # When nobody touches: a game's "How do you feel?" moves on by itself, then the story plays to its end
        _, _, asked_first = watch(k, lambda: k.screen == "scene", seconds=60)
        assert k.screen == "scene", f"{scene_id}: the story never started"
        steps = len(k.current.steps)
        shown, _, asked = watch(k, lambda: k.screen != "scene" or k.current.ended_at is not None)
        # Then every step was shown, then the end: a scene's end panel, or a game's check-in and sticker and menu
        assert shown == set(range(steps)), f"{scene_id}: steps shown {sorted(shown)}"
        if game:
            assert k.screen == "feelings" and k.current.when == "after", f"{scene_id}: the game did not end"
            _, screens, asked_after = watch(k, lambda: k.screen == "home", seconds=120)
            assert k.screen == "home" and "sticker" in screens, f"{scene_id}: after the game: {sorted(screens)}"
            asked = asked or asked_after
        else:
            assert k.screen == "scene" and k.current.ended_at is not None, f"{scene_id}: the end panel never came"
        # ...and nobody was asked "Still watching?"
        assert not (asked_first or asked), f"{scene_id}: 'Still watching?' interrupted a child who was watching"


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


def staffed(folder: Path) -> Kiosk:
    return Kiosk(folder, config=f"staff:\n  pin_hash: \"{hash_pin('2468')}\"\n")


def beside_contact(k: Kiosk) -> tuple[int, int]:
    """A point in the top-right corner on no button (where staff finish the chord)."""
    w, _ = k.app.logical_size
    x, y = w - 4, 4
    assert not any(b.hit(x, y) for b in k.current.buttons)
    return x, y


def test_a_child_who_holds_home_for_a_long_time_still_goes_home(tmp_path: Path) -> None:
    # Given a scene
    k = staffed(tmp_path)
    k.open_scene()
    # When a child holds Home for 4 s (longer than the staff chord's hold), lets go, and waits
    hold(k, *k.button("home").rect.center, 4.0)
    k.wait(2.0, dt=0.1)
    # Then the menu came, a moment after the lift
    assert k.screen == "home"


def test_the_staff_chord_made_on_the_home_button_opens_the_pin_pad_without_going_home(tmp_path: Path) -> None:
    # Given a scene, its Home button in the staff corner
    k = staffed(tmp_path)
    k.open_scene()
    # When staff hold the Home button 3 s, let go, and tap the very top-right corner beside Contact
    hold(k, *k.button("home").rect.center, 3.2)
    k.tap(*beside_contact(k))
    fading_from = k.app.nav._leaving[0].name if k.app.nav._leaving is not None else None
    k.frames(12)
    # Then the PIN pad is up, and the scene was never left for the menu (the pad faded in over the scene)
    assert k.screen == "pin" and fading_from == "scene"


def test_a_touch_right_after_holding_home_is_what_the_child_gets(tmp_path: Path) -> None:
    # Given a scene on its first step
    k = staffed(tmp_path)
    k.open_scene()
    # When a child holds Home 3 s, lets go, and at once taps "next"
    hold(k, *k.button("home").rect.center, 3.2)
    k.tap(*k.button("next").rect.center)
    k.wait(2.0, dt=0.1)
    # Then the step turned, and the held Home did not take the child to the menu after all
    assert k.screen == "scene" and k.current.index == 1


def test_staff_slower_than_the_held_home_still_reach_the_pin_pad(tmp_path: Path) -> None:
    # Given a scene
    k = staffed(tmp_path)
    k.open_scene()
    # When staff hold the corner 3 s, let go, and take 3 s to tap the top-right corner (the menu has come by then)
    hold(k, 20, 20, 3.2)
    k.wait(3.0, dt=0.1)
    assert k.screen == "home"
    k.tap(*beside_contact(k))
    k.frames(12)
    # Then the PIN pad is up
    assert k.screen == "pin"


# --- what parents read ------------------------------------------------------------------------------------
def test_opening_the_faq_and_the_contact_screen_and_reading_a_question_are_counted(kiosk: Kiosk) -> None:
    # Given the menu
    kiosk.to_home()
    # When a parent opens the questions, taps the second question, then opens the contact screen
    kiosk.press_button("faq")
    kiosk.press_button("q1")
    kiosk.press_button("clinic")
    # Then each was counted, the question by its words in the default language
    assert ("faq_opened", "") in kiosk.events and ("clinic_opened", "") in kiosk.events
    assert ("faq_question", "How long?") in kiosk.events


def test_faq_rows_are_proper_touch_targets_in_words_parents_can_read(tmp_path: Path) -> None:
    # Given the shipped FAQ on a 1080p screen
    k = shipped_at(tmp_path, (1920, 1080))
    k.to_home()
    k.press_button("faq")
    rows = [b for b in k.current.buttons if "question" in b.meta]
    # Then every question row is at least 90 px tall, and the questions' words are at least 30 px
    assert rows and min(b.rect.height for b in rows) >= 90
    assert k.current._question_px() >= 30


def test_the_faq_pages_through_every_question(tmp_path: Path) -> None:
    # Given the shipped FAQ (13 questions) on a small 1280x800 screen
    k = shipped_at(tmp_path, (1280, 800))
    k.to_home()
    k.press_button("faq")
    seen = {b.meta["question"] for b in k.current.buttons if "question" in b.meta}
    # When "next page" is pressed until it is greyed out
    while k.button("page-next").enabled:
        k.press_button("page-next")
        seen |= {b.meta["question"] for b in k.current.buttons if "question" in b.meta}
    # Then every question was on some page
    assert seen == set(range(len(k.app.ctx.library.faq.questions)))


def test_faq_questions_with_a_topic_are_grouped_under_it(kiosk: Kiosk) -> None:
    # Given questions with topics, listed with the topics mixed (a file may list them in any order)
    kiosk.to_home()
    kiosk.press_button("faq")
    screen = kiosk.current
    listed = [Asked({"en": "Q one?"}, {"en": "Before"}), Asked({"en": "Q two?"}, {"en": "After"}),
              Asked({"en": "Q three?"}, {"en": "Before"})]
    screen._questions = lambda: listed  # type: ignore[method-assign]
    # When the list is laid out
    rows = screen._rows(600)
    # Then each topic heads its own questions, topics in the order they first appear
    assert [(r.text, r.question) for r in rows] == [("Before", None), ("Q one?", 0), ("Q three?", 2),
                                                   ("After", None), ("Q two?", 1)]


def test_a_removed_language_falls_back_to_the_default(kiosk: Kiosk) -> None:
    # Given a family reading in Spanish
    kiosk.to_home()
    kiosk.press_button("lang-es")
    # When staff take Spanish out of kiosk.yaml while the kiosk runs
    kiosk.config_path.write_text("idle_seconds: 90\nlanguages: [en]\n", encoding="utf-8")
    kiosk.app.reload()
    kiosk.frames(2)
    # Then the kiosk speaks the default language, and its button is lit
    assert kiosk.app.ctx.session.lang == "en"
    assert kiosk.button("lang-en").selected and not kiosk.has_button("lang-es")


def stage_pixels(k: Kiosk) -> bytes:
    sx, sy, sw, sh = k.app.ctx.layout.stage
    return pygame.image.tobytes(k.app.display.subsurface((sx, sy, sw, sh)), "RGB")


def slow_alpha(tmp_path: Path) -> Kiosk:
    """The test scene with a first step that rests 6 s before it moves on."""
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "alpha.yaml").write_text(SCENE_ALPHA.replace("hold: 2", "hold: 6", 1), encoding="utf-8")
    return Kiosk(tmp_path)


def test_tap_areas_pulse_with_a_tapping_hand_after_a_quiet_moment(tmp_path: Path) -> None:
    # Given a step with a tap area, just opened (its pictures are still)
    kiosk = slow_alpha(tmp_path)
    kiosk.open_scene()
    kiosk.wait(0.4, dt=0.1)
    before = stage_pixels(kiosk)
    # When nobody touches for a moment after its pictures settled
    kiosk.wait(1.9, dt=0.1)
    # Then the stage shows something new over the tap area (rings and a hand; no words), and it moves
    assert stage_pixels(kiosk) != before
    assert kiosk.app.nav.moving()


def test_no_tap_hint_right_after_a_touch(tmp_path: Path) -> None:
    # Given a step with a tap area, touched on the stage away from it
    kiosk = slow_alpha(tmp_path)
    kiosk.open_scene()
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    kiosk.tap(sx + sw * 0.9, sy + sh * 0.9)
    # When the time after which an untouched step would show its hint passes
    kiosk.wait(2.5, dt=0.1)
    # Then no hint is drawn yet (it waits a few seconds after a touch)
    assert kiosk.current._hint_age(kiosk.app.nav.t) is None
