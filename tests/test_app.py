"""The real app, driven headless with real pygame events and a fake clock."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from kiosk_driver import SCENE_ALPHA, Kiosk

from kiosk.appliance.pin import hash_pin
from kiosk.draw.display_list import paint


@pytest.fixture()
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path)


def step_of(k: Kiosk) -> int:
    return k.current.index


# --- the way a family goes through it ----------------------------------------------------------------
def test_starts_on_the_attract_loop(kiosk: Kiosk) -> None:
    assert kiosk.screen == "attract"


def test_a_tap_on_the_attract_loop_opens_the_menu(kiosk: Kiosk) -> None:
    kiosk.tap(300, 300)
    assert kiosk.screen == "home"


def test_the_menu_has_one_tile_per_playlist_scene(kiosk: Kiosk) -> None:
    kiosk.to_home()
    assert [b.name for b in kiosk.current.buttons if b.name.startswith("tile-")] == ["tile-alpha", "tile-beta"]


def test_a_tile_opens_its_scene_at_the_first_step(kiosk: Kiosk) -> None:
    kiosk.open_scene("alpha")
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "alpha" and step_of(kiosk) == 0


def test_next_and_back_buttons_move_between_steps(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.press_button("next")
    assert step_of(kiosk) == 1
    kiosk.press_button("back")
    assert step_of(kiosk) == 0


def test_swipe_left_goes_forward_and_right_goes_back(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.swipe(900, 400, 300, 410)
    assert step_of(kiosk) == 1
    kiosk.frames(10)
    kiosk.swipe(300, 400, 900, 400)
    assert step_of(kiosk) == 0


def test_steps_advance_by_themselves_to_the_end(kiosk: Kiosk) -> None:
    # Given a scene whose steps hold 2 s after their animation
    kiosk.open_scene()
    # When nobody touches for 10 s
    kiosk.wait(10)
    # Then every step has played and the end panel offers what to do next
    assert kiosk.current.ended_at is not None
    assert {"watch-again", "menu", "related"} <= {b.name for b in kiosk.current.buttons}
    assert ("scene_finished", "alpha") in kiosk.events


def test_watch_again_starts_the_scene_over(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.wait(10)
    kiosk.press_button("watch-again")
    assert kiosk.current.ended_at is None and step_of(kiosk) == 0


def test_the_related_scene_is_offered_at_the_end(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.wait(10)
    kiosk.press_button("related")
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "beta"


def test_menu_button_at_the_end_goes_home(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.wait(10)
    kiosk.press_button("menu")
    assert kiosk.screen == "home"


# --- touch behaves --------------------------------------------------------------------------------------
def test_one_finger_tap_is_one_action_despite_the_synthetic_mouse_events(kiosk: Kiosk) -> None:
    # Given a scene on step 1
    kiosk.open_scene()
    # When one finger taps "next" (SDL also sends mouse events flagged as touch)
    kiosk.tap(*kiosk.button("next").rect.center, with_synthetic_mouse=True)
    # Then the scene moved exactly one step
    assert step_of(kiosk) == 1


def test_a_real_mouse_click_works_too(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.click(*kiosk.button("next").rect.center)
    assert step_of(kiosk) == 1


def test_a_second_finger_is_ignored(kiosk: Kiosk) -> None:
    # Given one finger resting on the stage
    kiosk.open_scene()
    kiosk.finger(pygame.FINGERDOWN, 300, 400, finger=0)
    kiosk.frames(1)
    # When a second finger taps "next"
    x, y = kiosk.button("next").rect.center
    kiosk.finger(pygame.FINGERDOWN, x, y, finger=1)
    kiosk.frames(1)
    kiosk.finger(pygame.FINGERUP, x, y, finger=1)
    kiosk.frames(2)
    # Then nothing moved
    assert step_of(kiosk) == 0


def test_a_storm_of_taps_does_not_queue_many_steps(kiosk: Kiosk) -> None:
    # Given a scene
    kiosk.open_scene()
    x, y = kiosk.button("next").rect.center
    # When 20 taps on "next" arrive within a fifth of a second
    for _ in range(20):
        kiosk.finger(pygame.FINGERDOWN, x, y)
        kiosk.finger(pygame.FINGERUP, x, y)
    kiosk.frames(6, dt=0.2 / 6)
    # Then it moved one step, not twenty
    assert step_of(kiosk) == 1


def test_a_button_shows_it_is_pressed_on_the_same_frame(kiosk: Kiosk) -> None:
    # Given the next button, not pressed
    kiosk.open_scene()
    kiosk.wait(3)
    rect = kiosk.button("next").rect
    probe = (rect.centerx, rect.top + rect.height // 8)
    before = kiosk.pixel(*probe)
    # When a finger lands on it and one frame is drawn
    kiosk.finger(pygame.FINGERDOWN, *rect.center)
    kiosk.frames(1)
    # Then the button already looks different (pressed in)
    assert kiosk.pixel(*probe) != before


def test_tapping_a_hotspot_shows_the_part_name(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    kiosk.tap(sx + sw * 0.5, sy + sh * 0.3)
    frame = kiosk.current.player.frame(kiosk.app.nav.t - kiosk.current.step_start)
    assert frame.callout is not None and frame.callout.title == "Enamel"


def test_tapping_a_hotspot_postpones_the_auto_advance(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    kiosk.wait(1.0)
    kiosk.tap(sx + sw * 0.5, sy + sh * 0.3)
    kiosk.wait(3)
    assert step_of(kiosk) == 0


# --- audience and language ---------------------------------------------------------------------------
def test_parents_switch_shows_clinical_words(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.press_button("audience-parents")
    assert kiosk.current.player.caption == "Alpha one for parents."
    assert kiosk.button("audience-parents").selected and not kiosk.button("audience-kids").selected


def test_in_kids_mode_the_questions_button_takes_a_parent_to_the_faq_in_parents_mode(kiosk: Kiosk) -> None:
    # Given a scene in kids' mode
    kiosk.open_scene()
    assert kiosk.app.ctx.session.audience == "kids"
    # When a parent presses the questions button
    kiosk.press_button("faq")
    # Then the FAQ is up, in the parents' mode
    assert kiosk.screen == "faq" and kiosk.app.ctx.session.audience == "parents"


def test_language_switch_changes_the_words(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.press_button("lang-es")
    assert kiosk.current.player.caption == "Alfa uno."
    assert kiosk.button("lang-es").label == "Español"


def test_faq_shows_the_chosen_answer_and_opens_its_scene(kiosk: Kiosk) -> None:
    kiosk.to_home()
    kiosk.press_button("audience-parents")
    kiosk.press_button("faq")
    assert kiosk.screen == "faq"
    kiosk.press_button("q0")
    kiosk.press_button("open-scene")
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "beta"


def test_clinic_screen_shows_a_qr_code(kiosk: Kiosk) -> None:
    kiosk.to_home()
    kiosk.press_button("clinic")
    assert kiosk.screen == "clinic"
    black = pygame.mask.from_threshold(kiosk.app.display, (0, 0, 0), (10, 10, 10, 255)).count()
    assert black > 2000  # QR modules: nothing else on this screen is pure black


# --- idle reset ----------------------------------------------------------------------------------------
def test_after_the_idle_time_the_kiosk_asks_still_watching(kiosk: Kiosk) -> None:
    # Given the menu, where nothing plays by itself
    kiosk.to_home()
    kiosk.press_button("lang-es")
    # When nobody touches for the idle time
    kiosk.wait(91, dt=1.0)
    # Then the kiosk asks
    assert kiosk.app.nav.watching_since is not None and kiosk.screen != "attract"


def test_idle_reset_returns_to_attract_with_the_defaults(kiosk: Kiosk) -> None:
    # Given a family that chose Spanish and parents' mode on the menu
    kiosk.to_home()
    kiosk.press_button("lang-es")
    kiosk.press_button("audience-parents")
    # When nobody touches for the idle time plus the 10-second question
    kiosk.wait(105, dt=1.0)
    # Then the next family starts fresh
    session = kiosk.app.ctx.session
    assert kiosk.screen == "attract"
    assert (session.lang, session.audience) == ("en", "kids")
    assert ("idle_reset", "") in kiosk.events


def test_a_touch_answers_still_watching(kiosk: Kiosk) -> None:
    kiosk.to_home()
    kiosk.wait(92, dt=1.0)
    kiosk.tap(640, 400)
    kiosk.wait(15, dt=1.0)
    assert kiosk.screen == "home" and kiosk.app.nav.watching_since is None


def test_idle_timeout_option_overrides_the_config(tmp_path: Path) -> None:
    k = Kiosk(tmp_path)
    k.app.options.idle_timeout = 20
    k.app.ctx.config = k.app._load_config()[0]
    k.to_home()
    k.wait(31, dt=1.0)
    assert k.screen == "attract"


# --- staff ---------------------------------------------------------------------------------------------
def chord(k: Kiosk) -> None:
    w, h = k.app.logical_size
    k.finger(pygame.FINGERDOWN, 20, 20)
    k.wait(3.2, dt=0.1)
    k.finger(pygame.FINGERUP, 20, 20)
    k.frames(2)
    k.tap(w - 20, 20)
    k.frames(12)


def enter_pin(k: Kiosk, pin: str) -> None:
    for digit in pin:
        k.press_button(f"key-{digit}")
    k.press_button("key-ok")


@pytest.fixture()
def staffed(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path, config=f"staff:\n  pin_hash: \"{hash_pin('2468')}\"\n")


def test_the_corner_chord_opens_the_pin_pad(staffed: Kiosk) -> None:
    staffed.to_home()
    chord(staffed)
    assert staffed.screen == "pin"


def test_a_short_corner_press_does_not_open_the_pin_pad(staffed: Kiosk) -> None:
    staffed.to_home()
    staffed.tap(20, 20)
    staffed.tap(staffed.app.logical_size[0] - 20, 20)
    assert staffed.screen != "pin"


def open_staff(k: Kiosk) -> None:
    k.to_home()
    chord(k)
    enter_pin(k, "2468")
    assert k.screen == "staff"


def test_the_right_pin_opens_the_staff_menu(staffed: Kiosk) -> None:
    open_staff(staffed)


def test_five_wrong_pins_lock_the_pad_for_a_minute(staffed: Kiosk) -> None:
    # Given the PIN pad
    staffed.to_home()
    chord(staffed)
    # When five wrong PINs are entered
    for _ in range(5):
        enter_pin(staffed, "1111")
    # Then even the right PIN is refused while locked...
    enter_pin(staffed, "2468")
    assert staffed.screen == "pin"
    # ...and accepted after 60 s
    staffed.wait(61, dt=1.0)
    enter_pin(staffed, "2468")
    assert staffed.screen == "staff"


def test_staff_can_hide_a_scene_and_it_leaves_the_menu(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("scenes")
    staffed.press_button("toggle-beta")
    assert "disabled:\n  - beta" in (staffed.folder / "scenes" / "playlist.yaml").read_text()
    staffed.press_button("back")
    assert [b.name for b in staffed.current.buttons if b.name.startswith("tile-")] == ["tile-alpha"]


def test_staff_can_reorder_scenes(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("scenes")
    staffed.press_button("down-alpha")
    staffed.press_button("back")
    assert [b.name for b in staffed.current.buttons if b.name.startswith("tile-")] == ["tile-beta", "tile-alpha"]


def test_cleaning_mode_ignores_touch_for_30_seconds(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("cleaning")
    staffed.tap(*staffed.button("back").rect.center)
    assert staffed.screen == "staff" and staffed.app.nav.cleaning_until is not None
    staffed.wait(31, dt=1.0)
    staffed.press_button("back")
    assert staffed.screen == "home"


def test_staff_can_turn_sound_on_and_set_the_volume(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("sound")
    staffed.press_button("sound-toggle")
    staffed.press_button("volume-up")
    assert staffed.app.ctx.session.sound is True and staffed.app.ctx.session.volume == pytest.approx(0.7)


def test_diagnostics_lists_uptime_memory_and_scenes(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("diagnostics")
    info = staffed.app.diagnostics()
    assert {"uptime", "memory", "scenes loaded", "frames per second (last second)"} <= set(info)
    assert info["scenes loaded"] == 2


def test_problems_lists_what_is_wrong_in_the_scenes(staffed: Kiosk) -> None:
    (staffed.folder / "scenes" / "broken.yaml").write_text("id: [\n")
    open_staff(staffed)
    staffed.press_button("reload")
    assert any("broken.yaml" in str(p) for p in staffed.app.ctx.all_problems())


def test_exit_from_the_staff_menu_asks_first(staffed: Kiosk) -> None:
    # Given the staff menu
    open_staff(staffed)
    # When "Exit kiosk" is pressed
    staffed.press_button("exit")
    # Then the kiosk still runs and asks, with a way back
    assert staffed.app.exit_code is None and staffed.has_button("exit-yes")
    staffed.press_button("exit-no")
    assert staffed.app.exit_code is None and not staffed.has_button("exit-yes")


def test_exit_confirmed_stops_the_kiosk(staffed: Kiosk) -> None:
    open_staff(staffed)
    staffed.press_button("exit")
    staffed.press_button("exit-yes")
    assert staffed.app.exit_code == 0


def test_full_screen_kiosk_ignores_escape_alt_f4_and_window_close(tmp_path: Path) -> None:
    k = Kiosk(tmp_path, windowed=False)
    k.key(pygame.K_ESCAPE)
    k.key(pygame.K_F4)
    k.post(pygame.QUIT)
    k.frames(2)
    assert k.app.exit_code is None


def test_windowed_preview_closes_normally(kiosk: Kiosk) -> None:
    kiosk.post(pygame.QUIT)
    kiosk.frames(1)
    assert kiosk.app.exit_code == 0


# --- hot reload and faults -----------------------------------------------------------------------------
def test_an_edited_scene_shows_at_its_next_step_not_mid_animation(kiosk: Kiosk) -> None:
    # Given alpha playing on step 1
    kiosk.open_scene()
    # When its file is edited and the watcher notices
    (kiosk.folder / "scenes" / "alpha.yaml").write_text(SCENE_ALPHA.replace("Alpha two.", "Alpha two, new."))
    kiosk.watcher.changed = True
    kiosk.frames(2)
    # Then the step on screen is unchanged, and the next step has the new words
    assert kiosk.current.player.caption == "Alpha one."
    kiosk.press_button("next")
    assert kiosk.current.player.caption == "Alpha two, new."


def test_a_broken_edit_keeps_the_last_good_scene(kiosk: Kiosk) -> None:
    kiosk.to_home()
    (kiosk.folder / "scenes" / "alpha.yaml").write_text(SCENE_ALPHA.replace("duration: 1", "duration: fast"))
    kiosk.watcher.changed = True
    kiosk.frames(2)
    assert kiosk.has_button("tile-alpha")
    assert any("alpha.yaml" in str(p) and "duration" in str(p) for p in kiosk.app.ctx.all_problems())


def test_a_new_scene_file_appears_in_the_menu(kiosk: Kiosk) -> None:
    kiosk.to_home()
    (kiosk.folder / "scenes" / "gamma.yaml").write_text(SCENE_ALPHA.replace("id: alpha", "id: gamma"))
    kiosk.watcher.changed = True
    kiosk.frames(2)
    assert kiosk.has_button("tile-gamma")


def test_a_scene_that_raises_returns_home_and_is_set_aside(kiosk: Kiosk, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    # Given a scene that fails while it plays
    from kiosk.app.screens.scene import SceneScreen

    def broken(self, t):  # type: ignore[no-untyped-def]
        raise RuntimeError("art exploded")
    kiosk.open_scene()
    monkeypatch.setattr(SceneScreen, "update", broken)
    # When the next frames run
    kiosk.frames(3)
    # Then the kiosk is home, the scene is hidden, and the traceback is in the log
    assert kiosk.screen == "home"
    assert not kiosk.has_button("tile-alpha")
    assert "art exploded" in caplog.text and "Traceback" in caplog.text


def test_when_every_scene_is_set_aside_the_menu_says_so_kindly(kiosk: Kiosk, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    # Given scenes that all fail while they play
    from kiosk.app.screens.scene import SceneScreen

    def broken(self, t):  # type: ignore[no-untyped-def]
        raise RuntimeError("art exploded")
    monkeypatch.setattr(SceneScreen, "update", broken)
    # When each is opened and set aside
    for scene_id in ("alpha", "beta"):
        kiosk.open_scene(scene_id)
        kiosk.frames(3)
    kiosk.frames(3)
    # Then the menu stays up with no tiles and a message in the middle, and the menu itself never failed
    assert kiosk.screen == "home"
    assert not any(b.name.startswith("tile-") for b in kiosk.current.buttons)
    w, h = kiosk.app.display.get_size()
    middle = [kiosk.pixel(x, y) for x in range(w // 4, w * 3 // 4, 4) for y in range(h // 3, h * 2 // 3, 4)]
    assert sum(1 for p in middle if sum(p) < 300) > 20   # dark words on the pale sky
    assert "screen 'home' failed" not in caplog.text


def test_nothing_is_redrawn_while_nothing_moves(kiosk: Kiosk) -> None:
    kiosk.open_scene("beta")
    kiosk.wait(1)
    assert kiosk.app.frame() is False


# --- rotation ------------------------------------------------------------------------------------------
def test_rotated_screen_maps_touches_onto_the_picture(tmp_path: Path) -> None:
    # Given a portrait picture on a landscape panel turned 90 degrees
    k = Kiosk(tmp_path, size=(1280, 720), rotate=90)
    assert k.app.logical_size == (720, 1280)
    lh = k.app.logical_size[1]

    def tap_on_panel(button: str) -> None:
        lx, ly = k.button(button).rect.center
        k.tap(lh - 1 - ly, lx)   # where that point of the picture is on the panel turned 90 degrees
        k.frames(12)
    k.to_home()
    # When the finger lands where the tile, then "next", appear on the physical panel
    tap_on_panel("tile-alpha")
    tap_on_panel("next")
    # Then the scene opened and moved on
    assert k.screen == "scene" and step_of(k) == 1


def test_buttons_tick_only_when_sound_is_on(kiosk: Kiosk) -> None:
    # Given a sound player that records what it plays
    played: list[float] = []
    kiosk.app.ctx.sounds = type("Recorder", (), {"tick": lambda self, volume: played.append(volume)})()
    kiosk.open_scene()
    # When a button is tapped while muted (the default), then with sound on
    kiosk.press_button("next")
    kiosk.app.ctx.session.sound = True
    kiosk.press_button("next")
    # Then only the second tap made a sound
    assert played == [0.6]


def test_a_quick_click_that_wakes_the_idle_kiosk_is_still_one_tap(kiosk: Kiosk) -> None:
    # Given the kiosk idle on the menu, waiting for input
    kiosk.to_home()
    kiosk.wait(1)
    assert kiosk.app.frame() is False
    # When a click's button-down and button-up both arrive while it sleeps
    x, y = kiosk.button("tile-beta").rect.center
    kiosk.post(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1, touch=False)
    kiosk.post(pygame.MOUSEBUTTONUP, pos=(x, y), button=1, touch=False)
    kiosk.app._idle_wait()
    kiosk.frames(12)
    # Then they are handled in order: the tile opens its scene
    assert kiosk.screen == "scene" and kiosk.current.scene_id == "beta"


def test_buttons_are_big_enough_for_a_childs_finger_and_well_spaced(tmp_path: Path) -> None:
    # Given the kiosk on a 1080p screen (22 inches: 90 px is about 12 mm)
    k = Kiosk(tmp_path, size=(1920, 1080))
    k.to_home()
    k.open_scene()
    # Then every button of the scene screen is at least 90 px each way, and no two touch
    buttons = k.current.buttons
    assert min(min(b.rect.size) for b in buttons) >= 90
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert not a.rect.inflate(16, 16).colliderect(b.rect), (a.name, b.name)


def test_a_finger_whose_lift_was_lost_does_not_make_the_kiosk_deaf(kiosk: Kiosk) -> None:
    # Given a finger whose FINGERUP never arrives (a driver hiccup, a palm on the bezel)
    kiosk.to_home()
    kiosk.finger(pygame.FINGERDOWN, 500, 700, finger=3)
    kiosk.frames(2)
    # When time passes and a child taps a tile
    kiosk.wait(10)
    kiosk.press_button("tile-beta")
    # Then the kiosk still answers
    assert kiosk.screen == "scene"


def _tap_next_and_draw_one_frame(kiosk: Kiosk) -> None:
    """Finger down and up on "next" (with SDL's touch-made mouse events), then exactly one frame."""
    x, y = kiosk.button("next").rect.center
    kiosk.finger(pygame.FINGERDOWN, x, y)
    kiosk.post(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1, touch=True)
    kiosk.frames(1)
    kiosk.finger(pygame.FINGERUP, x, y)
    kiosk.post(pygame.MOUSEBUTTONUP, pos=(x, y), button=1, touch=True)
    kiosk.frames(1)


def _stage_centre(kiosk: Kiosk) -> tuple[int, int]:
    sx, sy, sw, sh = kiosk.app.ctx.layout.stage
    return sx + sw // 2, sy + sh // 3   # on the enamel of step one; step two starts with nothing there


def test_a_step_fade_starts_from_the_old_step_whole_with_the_new_dots(kiosk: Kiosk) -> None:
    # Given step one of alpha, settled
    kiosk.open_scene()
    kiosk.wait(1)
    before = kiosk.pixel(*_stage_centre(kiosk))
    # When "next" is tapped and one frame is drawn
    _tap_next_and_draw_one_frame(kiosk)
    # Then the step is two (its dot is lit) but the middle still shows step one exactly
    assert kiosk.current.index == 1
    assert kiosk.pixel(*_stage_centre(kiosk)) == before


def test_a_step_fade_blends_the_old_step_into_the_new_one(kiosk: Kiosk) -> None:
    # Given step two of alpha (dentin), settled, and step three (pulp, still) drawn on its own
    kiosk.open_scene()
    kiosk.press_button("next")
    kiosk.wait(1.2)
    assert kiosk.current.index == 1
    old = pygame.Surface(kiosk.app.display.get_size())
    old.blit(kiosk.app.display, (0, 0))
    new = pygame.Surface(kiosk.app.display.get_size())
    layout = kiosk.app.ctx.layout
    step_three = kiosk.current.steps[2]
    from kiosk.motion.player import StepPlayer
    player = StepPlayer(kiosk.current.scene, step_three, 2, kiosk.app.ctx.library.aspect, "kids", "en", "en")
    assets = kiosk.app.ctx.assets   # pictures are made off the main loop: have step three's in before drawing it
    assets.known_point()
    kiosk.app.ctx.renderer.preload([player.frame(0.0)], layout.stage, layout.screen, urgent=True)
    assets.end_point()
    assets.poll()
    kiosk.app.ctx.renderer.draw_step(new, player.frame(0.0), layout, "kids")
    sx, sy, sw, sh = layout.stage
    spots = [(x, y) for x in range(sx, sx + sw, 7) for y in range(sy, sy + sh, 7)
             if sum(abs(a - b) for a, b in zip(old.get_at((x, y))[:3], new.get_at((x, y))[:3])) > 90]
    assert spots, "steps two and three should differ somewhere on the stage"
    # When "next" is tapped and the fade (0.4 s) has run about half its time
    _tap_next_and_draw_one_frame(kiosk)
    kiosk.frames(1, 0.2)
    assert kiosk.current.index == 2
    # Then where the two steps differ, the picture is between them, and is neither
    for x, y in spots[:: max(1, len(spots) // 20)]:
        now, a, b = kiosk.pixel(x, y), old.get_at((x, y))[:3], new.get_at((x, y))[:3]
        for channel in range(3):
            low, high = sorted((a[channel], b[channel]))
            assert low - 3 <= now[channel] <= high + 3, ((x, y), now, a, b)
        assert now != a and now != b, ((x, y), now, a, b)


def _screen_is_a_fresh_full_draw(kiosk: Kiosk) -> bool:
    full = pygame.Surface(kiosk.app.display.get_size())
    paint(full, kiosk.app.nav.items(full))  # the whole frame drawn afresh from its display list
    return pygame.image.tobytes(full, "RGB") == pygame.image.tobytes(kiosk.app.display, "RGB")


def test_once_a_step_fade_ends_the_new_step_is_shown_whole(kiosk: Kiosk) -> None:
    # Given step two of alpha, settled
    kiosk.open_scene()
    kiosk.press_button("next")
    kiosk.wait(1.2)
    # When the arrow key moves on (no finger, so no ripple) and frames come at a slow kiosk's pace, so the
    # fade's last frame lands short of its end
    kiosk.post(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)
    kiosk.frames(1)
    kiosk.frames(1, 0.32)   # 80 % into the 0.4 s fade: step two still shows faintly
    kiosk.frames(3, 0.1)    # and the next frame is already past its end
    # Then the screen is exactly step three, with nothing of step two left over
    assert kiosk.current.index == 2
    assert _screen_is_a_fresh_full_draw(kiosk)


def test_a_tap_ripple_leaves_no_ring_behind(kiosk: Kiosk) -> None:
    # Given the menu, still
    kiosk.to_home()
    kiosk.frames(20)
    # When a finger taps an empty spot and the ripple has had time to fade
    w, h = kiosk.app.display.get_size()
    kiosk.tap(w // 2, h - 5)
    kiosk.frames(20)
    # Then the screen is the menu exactly, with no trace of the ripple
    assert kiosk.screen == "home"
    assert _screen_is_a_fresh_full_draw(kiosk)


def test_resizing_the_window_during_a_step_fade_does_not_break_the_scene(kiosk: Kiosk) -> None:
    kiosk.open_scene()
    kiosk.tap(*kiosk.button("next").rect.center)      # a fade to step 2 begins
    pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    kiosk.post(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900)
    kiosk.frames(3)
    assert kiosk.screen == "scene" and not kiosk.app.ctx.broken


def test_turning_the_screen_in_the_settings_turns_picture_and_touch(kiosk: Kiosk) -> None:
    # Given a running kiosk
    kiosk.to_home()
    # When kiosk.yaml is changed to a screen turned 90 degrees
    kiosk.config_path.write_text("idle_seconds: 90\ndisplay:\n  rotate: 90\n")
    stamp = kiosk.config_path.stat()
    import os
    os.utime(kiosk.config_path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
    kiosk.watcher.changed = True
    kiosk.frames(3)
    # Then the picture is portrait, and a touch on the panel lands on the tile drawn there
    assert kiosk.app.logical_size == (720, 1280)
    lx, ly = kiosk.button("tile-alpha").rect.center
    kiosk.tap(kiosk.app.logical_size[1] - 1 - ly, lx)
    kiosk.frames(12)
    assert kiosk.screen == "scene"


def test_the_pin_pad_left_open_times_out_to_the_attract_loop(staffed: Kiosk) -> None:
    staffed.to_home()
    chord(staffed)
    staffed.wait(105, dt=1.0)
    assert staffed.screen == "attract"


def test_frame_times_kept_for_diagnostics_stay_bounded(kiosk: Kiosk) -> None:
    kiosk.to_home()
    for _ in range(2000):
        kiosk.app.nav._dirty = True
        kiosk.frames(1)
    assert len(kiosk.app._frames) <= 512


def test_a_full_screen_kiosk_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    # Given the full-screen kiosk running as a service would run it
    import os
    import signal
    import subprocess
    import sys
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, str(repo / "main.py"), "run", "--state", str(tmp_path)],
                               cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:  # type: ignore[union-attr]
            if "started" in line:
                break
        # When systemd stops it
        process.send_signal(signal.SIGTERM)
        # Then it exits by itself, with success (so systemd does not count it as a failure)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_redrawing_only_what_changed_gives_the_same_picture_as_a_full_redraw(kiosk: Kiosk) -> None:
    # Given step 2 of alpha, whose dentin fades in over a second, drawn frame by frame
    kiosk.open_scene()
    kiosk.press_button("next")
    partial = []
    draw = kiosk.app.nav.draw
    kiosk.app.nav.draw = lambda surface: partial.append(draw(surface)) or partial[-1]  # type: ignore[method-assign]
    kiosk.frames(15)
    kiosk.app.nav.draw = draw  # type: ignore[method-assign]
    # When the same moment is drawn from scratch
    full = pygame.Surface(kiosk.app.display.get_size())
    paint(full, kiosk.app.nav.items(full))  # the whole frame drawn afresh from its display list
    # Then the screen built from partial redraws is the same picture, and partial redraws were really used
    from PIL import Image, ImageChops, ImageStat
    a = Image.frombytes("RGB", full.get_size(), pygame.image.tobytes(full, "RGB"))
    b = Image.frombytes("RGB", full.get_size(), pygame.image.tobytes(kiosk.app.display, "RGB"))
    assert sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3 < 0.2
    assert any(rects for rects in partial)
