"""What the live kiosk leaves on its screen, held to a plain whole redraw of the same moment (tests/live_screen.py).

Every step of every shipped scene is sampled across its whole animation (its first frames while the step fades
in, mid-motion, settling, settled, and the auto-advance) at 1920x1080 for Spanish kids and English parents, and two
scenes at 3840x2160; tests/test_live_screen_layouts.py sweeps 1280x800 and portrait. (Each sweep takes minutes; one
per combination keeps CI short.) Then everything that draws over or between screens, and the menu's pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest
from live_screen import REPO, Twin, both, choose, play_whole_scene, run_to, stories

from kiosk.content.library import load_library
from kiosk.motion.player import visible_steps

SHIPPED = load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en")
SCENES = stories(SHIPPED)


@pytest.mark.parametrize("lang,audience", [("es", "kids"), ("en", "parents")])
def test_every_step_at_1080p_looks_as_a_whole_redraw_would(tmp_path: Path, lang: str, audience: str) -> None:
    # Given the kiosk and its plain twin at 1920x1080, in this language and for this audience
    twin = Twin(tmp_path, (1920, 1080))
    choose(twin, lang, audience)
    # When every shipped scene plays by itself to its end
    steps = sum(play_whole_scene(twin, sid, f"1920x1080 {lang} {audience}") for sid in SCENES)
    # Then every sampled frame matched the reference (checked inside), and every step was seen
    assert steps == sum(len(visible_steps(SHIPPED.scenes[sid], audience)) for sid in SCENES)


def test_scenes_at_4k_look_as_a_whole_redraw_would(tmp_path: Path) -> None:
    twin = Twin(tmp_path, (3840, 2160))
    choose(twin, "en", "parents")
    for sid in ("pulpotomy", "meet-your-tooth"):
        play_whole_scene(twin, sid, "3840x2160 en parents")


# --- what draws over or between screens ---------------------------------------------------------------------
@pytest.fixture()
def twin(tmp_path: Path) -> Twin:
    return Twin(tmp_path, (1280, 800), config="idle_seconds: 20\nstill_watching_seconds: 10\n")


def open_by_taps(twin: Twin, scene_id: str) -> None:
    twin.tap(640, 400)         # attract → home
    twin.frames(12)
    twin.press(f"tile-{scene_id}")
    twin.frames(2)
    twin.check("a scene fading in after its tile was tapped")
    twin.frames(12)
    assert twin.screen == "scene"


def test_a_tap_ripple_and_a_tapped_parts_bubble(twin: Twin) -> None:
    # Given a scene opened by taps
    open_by_taps(twin, "meet-your-tooth")
    run_to(twin, twin.live.nav.screen.player.settled_at() + 0.2)
    spot = twin.live.nav.screen.player.step.hotspots[0]
    x, y, w, h = twin.live.ctx.layout.stage
    # When a child taps a part
    twin.tap(x + spot.at[0] * w, y + spot.at[1] * h)
    # Then the ripple, and the bubble fading in and out, match at every moment
    for _ in range(8):
        twin.check("a tap's ripple and the part's bubble")
        twin.frames(3)
    twin.wait(4, 0.1)
    twin.check("after the bubble faded away")


def test_parents_labels_fading_in(twin: Twin) -> None:
    choose(twin, "en", "parents")
    both(twin, lambda nav: nav.play("meet-your-tooth"))
    for _ in range(12):
        twin.frames(4)
        twin.check("parents' labels fading in")


def test_still_watching_and_the_idle_reset(twin: Twin) -> None:
    # Given a scene's end panel, where nothing plays any more
    open_by_taps(twin, "meet-your-tooth")
    while twin.live.nav.screen.ended_at is None:
        twin.frames(1, 0.25)
    # When nobody touches until "Still watching?" shows (the idle time counts from the end panel: a scene playing
    # on is being watched), and on until the reset
    for _ in range(100):
        twin.frames(1, 0.25)
        if twin.live.nav.watching_since is not None:
            break
    assert twin.live.nav.watching_since is not None
    for _ in range(6):
        twin.check("Still watching?")
        twin.frames(1, 0.5)
    twin.wait(8, 0.25)
    twin.frames(12)
    assert twin.screen == "attract"
    twin.check("the attract loop after the idle reset")


def test_cleaning_mode(twin: Twin) -> None:
    twin.tap(640, 400)
    twin.frames(12)
    both(twin, lambda nav: nav.start_cleaning())
    for _ in range(4):
        twin.frames(1, 0.5)
        twin.check("cleaning mode's countdown")


@pytest.mark.parametrize("screen", ["faq", "clinic", "pin", "staff"])
def test_other_screens_and_their_fades(twin: Twin, screen: str) -> None:
    twin.tap(640, 400)
    twin.frames(12)
    choose(twin, "es", "parents")
    both(twin, lambda nav: nav.go(screen))
    for _ in range(4):
        twin.frames(3)
        twin.check(f"the {screen} screen fading in")
    twin.frames(12)
    twin.check(f"the {screen} screen")


def test_the_home_menu_and_attract_loop(twin: Twin) -> None:
    for _ in range(10):
        twin.frames(1, 0.3)
        twin.check("the attract loop")
    twin.tap(640, 400)
    twin.frames(4)
    twin.check("home fading in")
    twin.frames(12)
    twin.check("home")


@pytest.mark.parametrize("rotate", [None, 90], ids=["1080p", "portrait"])
def test_the_menus_pages_sliding_in_and_shown(tmp_path: Path, rotate) -> None:  # type: ignore[no-untyped-def]
    # Given the shipped menu at 1920x1080, or on a 1920x1080 screen mounted in portrait
    twin = Twin(tmp_path, (1920, 1080), rotate=rotate)
    w, h = twin.live.ctx.size
    twin.tap(w / 2, h / 2)
    twin.frames(12)
    assert twin.screen == "home" and twin.live.nav.screen.page_count > 1
    twin.check("the menu's first page")
    # When a child swipes to the next page: the page slides in, then rests
    twin.swipe(w * 0.75, h * 0.5, w * 0.25, h * 0.5)
    assert twin.live.nav.screen.moving(twin.live.nav.t), "the page should still be sliding"
    for _ in range(3):
        twin.check("the menu's next page sliding in")
        twin.frames(3)
    twin.frames(6)
    # Then each frame, and the page at rest, look as a whole redraw would; then the arrow back does the same
    assert twin.live.nav.screen.page == twin.plain.nav.screen.page == 1
    twin.check("the menu's second page")
    twin.press("page-prev")
    twin.frames(2)
    twin.check("the menu's first page sliding back")
    twin.frames(12)
    assert twin.live.nav.screen.page == 0
    twin.check("the menu's first page again")


def test_a_hot_reload_that_changes_the_step_on_screen(tmp_path: Path) -> None:
    # Given a copy of the shipped scenes, the pulpotomy playing mid-motion
    scenes = tmp_path / "scenes"
    shutil.copytree(REPO / "scenes", scenes)
    twin = Twin(tmp_path, (1280, 800), scenes=scenes)
    both(twin, lambda nav: nav.play("pulpotomy"))
    twin.frames(20)
    # When staff change the scene's words and the kiosk reloads (it takes them at the next step)
    path = scenes / "pulpotomy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kids: {en: \"", "kids: {en: \"Look! ", 1), encoding="utf-8")
    for watcher in twin.watchers:
        watcher.changed = True
    twin.frames(2)
    twin.check("just after a reload")
    twin.each(lambda app: app.nav.screen.next())
    for _ in range(6):
        twin.frames(3)
        twin.check("the next step, taken from the reloaded scene")


def test_a_window_resize(tmp_path: Path) -> None:
    # Given a scene playing in a 1280x800 window
    twin = Twin(tmp_path, (1280, 800))
    both(twin, lambda nav: nav.play("pulpotomy"))
    twin.frames(20)
    # When the window becomes 1024x768 mid-animation
    pygame.display.set_mode((1024, 768), pygame.RESIZABLE)
    twin.live._resized()
    twin.plain.display = pygame.Surface((1024, 768))
    twin.plain._resized()
    # Then each frame after matches a whole redraw at the new size
    for _ in range(6):
        twin.frames(3)
        twin.check("after the window was resized")


@pytest.mark.parametrize("size,rotate", [((1920, 1080), None), ((1080, 1920), 90)], ids=["1080p", "portrait"])
def test_the_first_frames_of_every_step_change_by_a_tap(tmp_path: Path, size, rotate) -> None:  # type: ignore[no-untyped-def]
    # Given the pulpotomy open in the live app and its plain twin (its steps fade and slide)
    twin = Twin(tmp_path, size=size, rotate=rotate)
    both(twin, lambda nav: nav.play("pulpotomy"))
    twin.frames(20)
    while twin.screen == "scene" and twin.live.nav.screen.ended_at is None:
        screen = twin.live.nav.screen
        index = screen.index
        run_to(twin, screen.player.settled_at() + 0.3)
        if screen.index != index or twin.screen != "scene" or screen.ended_at is not None:
            continue

        # When a finger taps "next" and lifts
        tap_next_until_the_step_changes(twin)

        # Then the frame that first shows the change, and the next two, look as a whole redraw of them would
        check_frames(twin, 3, f"pulpotomy step {index + 1} -> {screen.index + 1}")


def test_leaving_a_step_whose_look_changed_after_it_was_drawn_in_advance(tmp_path: Path) -> None:
    # Given the pulpotomy's second step settled (the live app has drawn it off screen for the transition)
    twin = Twin(tmp_path)
    both(twin, lambda nav: nav.play("pulpotomy"))
    twin.frames(20)
    twin.press("next")
    screen = twin.live.nav.screen
    run_to(twin, screen.player.settled_at() + 1.0)
    assert screen.index == 1

    # When a child taps a part of the picture (its bubble and glow change the step) and then "next"
    sx, sy, sw, sh = twin.live.ctx.layout.stage
    spot = screen.steps[1].hotspots[0]
    twin.tap(sx + spot.at[0] * sw, sy + spot.at[1] * sh)
    twin.frames(15)
    tap_next_until_the_step_changes(twin)

    # Then the fade starts from the step as it looked when it was left, as a whole redraw shows it
    assert screen.index == 2
    check_frames(twin, 3, "pulpotomy step 2 -> 3 after a tap on a part")


def tap_next_until_the_step_changes(twin: Twin) -> None:
    """A finger down and up on "next", a frame each, then frames until the screen has left the step (so the
    next frame compared is the first that shows the change)."""
    screen = twin.live.nav.screen
    index = screen.index
    x, y = twin._physical(*twin.button("next").rect.center)
    w, h = twin.live.display.get_size()
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        twin.post(kind, touch_id=1, finger_id=0, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0)
        twin.frames(1)
    for _ in range(10):
        if screen.index != index or screen.ended_at is not None:
            return
        twin.frames(1)


def check_frames(twin: Twin, count: int, where: str) -> None:
    for frame in range(count):
        twin.assert_same_state()
        twin.check(f"{where}, frame {frame + 1} of the change")
        twin.frames(1)
