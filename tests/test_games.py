"""The three games in the real app: real pygame finger events, a fake clock, and what is on screen.

A child plays each game to its end; nobody touching, a game finishes itself kindly; an idle child still gets the
idle reset; the staff chord, cleaning mode and stray fingers behave as everywhere else; the feelings check-in is
counted as anonymous daily totals and the staff menu shows them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from kiosk.app.screens.feelings import FEELING_WAIT
from kiosk.appliance.pin import hash_pin
from kiosk.appliance.usage import UsageCounts
from kiosk.interactions import TurnPlayer
from kiosk.interactions.demo import way_through
from kiosk_driver import REPO, Kiosk
from test_app import chord

GAMES = ("help-the-dentist", "wash-away-sugar-bugs", "brush-like-a-champion")
DT = 1 / 60


def game_kiosk(folder: Path, config: str = "idle_seconds: 90\n") -> Kiosk:
    """A kiosk with the three shipped games as its only scenes."""
    scenes = folder / "scenes"
    scenes.mkdir()
    for game in GAMES:
        shutil.copy(REPO / "scenes" / f"{game}.yaml", scenes / f"{game}.yaml")
    return Kiosk(folder, config=config)


def start_game(k: Kiosk, game: str, feeling: str = "happy") -> None:
    """From the attract loop: the game's tile, then a face on "How do you feel?"."""
    k.to_home()
    k.press_button(f"tile-{game}")
    assert k.screen == "feelings"
    k.press_button(f"feel-{feeling}")
    k.frames(60, DT)
    assert k.screen == "scene"


def to_screen(k: Kiosk, x: float, y: float) -> tuple[float, float]:
    sx, sy, sw, sh = k.app.ctx.layout.stage
    return sx + x * sw, sy + y * sh


def do_the_turn(k: Kiosk, finger: int = 0) -> None:
    """The touches a child makes to do the step on screen, as finger events at their times."""
    player = k.current.player
    assert isinstance(player, TurnPlayer)
    kinds = {"down": pygame.FINGERDOWN, "move": pygame.FINGERMOTION, "up": pygame.FINGERUP}
    last = 0.0
    for touch in way_through(player.turn):
        gap = touch.t - last
        if gap > 0:
            k.frames(max(1, round(gap / DT)), gap / max(1, round(gap / DT)))
        last = touch.t
        k.finger(kinds[touch.kind], *to_screen(k, touch.x, touch.y), finger=finger)
    k.frames(2, DT)


def play_step(k: Kiosk) -> None:
    """Do the step's turn (if it has one), then wait for the next step or the end."""
    index, player = k.current.index, k.current.player
    if isinstance(player, TurnPlayer):
        do_the_turn(k)
        assert player.turn.done_at is not None and not player.turn.finished_by_itself
    for _ in range(40):
        if k.screen != "scene" or k.current.index != index:
            return
        k.wait(0.25, dt=0.05)
    raise AssertionError(f"step {index} did not move on after it was done")


@pytest.mark.parametrize("game", GAMES)
def test_a_child_plays_the_game_to_its_end_doing_every_step(tmp_path: Path, game: str) -> None:
    # Given a game opened from the menu, with a feeling chosen
    k = game_kiosk(tmp_path)
    start_game(k, game)
    steps = len(k.current.steps)
    # When the child does each step in turn
    for _ in range(steps):
        play_step(k)
    # Then every step was done by the child, and the game ends with "How do you feel?" again
    assert k.screen == "feelings" and k.current.when == "after"
    assert ("scene_finished", game) in k.events


def test_a_game_nobody_touches_completes_itself_and_ends_kindly(tmp_path: Path) -> None:
    # Given a game started (a face chosen), on a kiosk whose idle reset is far away
    k = game_kiosk(tmp_path, config="idle_seconds: 3000\n")
    start_game(k, "help-the-dentist")
    seen, finished_alone = set(), 0
    # When nobody touches anything
    for _ in range(2400):
        k.wait(0.25, dt=0.25)
        if k.screen == "scene":
            seen.add(k.current.index)
            player = k.current.player
            finished_alone = max(finished_alone, k.current.index + 1) if (
                isinstance(player, TurnPlayer) and player.turn.finished_by_itself) else finished_alone
        if k.screen == "home":
            break
    # Then every step played and finished by itself, the check-in and the sticker passed, and the menu came back
    assert seen == set(range(8)) and finished_alone == 8
    assert ("scene_finished", "help-the-dentist") in k.events
    assert k.screen == "home"
    assert not any(kind == "feeling_after" for kind, _ in k.events)


def test_an_idle_child_in_a_game_still_gets_the_idle_reset(tmp_path: Path) -> None:
    # Given a game started, on a kiosk with the usual 90 s idle time and 10 s to answer "Still watching?"
    k = game_kiosk(tmp_path)
    start_game(k, "help-the-dentist")
    # When nobody touches: the game finishes itself kindly, step by step, to "How do you feel?" (frames of 0.25 s,
    # the loop's stall guard, so the game runs at the speed of the idle clock), and then nobody touches on
    asked_in_game = False
    for _ in range(4 * 600):
        if k.screen != "scene":
            break
        k.frames(1, dt=0.25)
        asked_in_game = asked_in_game or k.app.nav.watching_since is not None
    assert k.screen == "feelings"
    k.wait(90 + 10 + 2, dt=0.25)
    # Then the idle time counted from the game's end, not while it played: the kiosk asked and started over
    assert not asked_in_game
    assert k.screen == "attract" and ("idle_reset", "") in k.events


def test_nobody_answering_how_do_you_feel_starts_the_game_and_counts_nothing(tmp_path: Path) -> None:
    # Given "How do you feel?" before a game
    k = game_kiosk(tmp_path)
    k.to_home()
    k.press_button("tile-wash-away-sugar-bugs")
    assert k.screen == "feelings"
    # When nobody answers for a while (a child who only watches)
    k.wait(FEELING_WAIT + 1, dt=0.25)
    # Then the game has started by itself, and no face was counted
    assert k.screen == "scene" and k.current.scene_id == "wash-away-sugar-bugs"
    assert not any(kind.startswith("feeling") for kind, _ in k.events)


def test_a_swipe_while_a_turn_waits_does_not_turn_the_page(tmp_path: Path) -> None:
    # Given the first step of a game, not yet done
    k = game_kiosk(tmp_path)
    start_game(k, "wash-away-sugar-bugs")
    # When a finger swipes across the stage
    x0, y = to_screen(k, 0.9, 0.85)
    x1, _ = to_screen(k, 0.1, 0.85)
    k.swipe(x0, y, x1, y)
    k.frames(10, DT)
    # Then the step stays: the turn is still the child's to do
    assert k.screen == "scene" and k.current.index == 0


def test_a_fast_drag_that_does_the_step_is_not_also_a_swipe_to_the_next_one(tmp_path: Path) -> None:
    # Given the raincoat step of the dentist game
    k = game_kiosk(tmp_path)
    start_game(k, "help-the-dentist")
    k.current.go_to(1)
    k.frames(40, DT)
    player = k.current.player
    # When the raincoat is flicked to the tooth in a quarter of a second (fast enough to be a swipe)
    x0, y0 = to_screen(k, *player.turn.drag.home)
    x1, y1 = to_screen(k, *player.turn.area)
    k.finger(pygame.FINGERDOWN, x0, y0)
    k.frames(2, DT)
    for n in range(1, 6):
        k.finger(pygame.FINGERMOTION, x0 + (x1 - x0) * n / 5, y0 + (y1 - y0) * n / 5)
        k.frames(2, DT)
    k.finger(pygame.FINGERUP, x1, y1)
    k.frames(3, DT)
    # Then the step is done and stays for its cheer (the swipe did not turn the page)
    assert player.turn.done_at is not None and k.current.index == 1


def test_a_second_finger_does_not_carry_the_piece(tmp_path: Path) -> None:
    # Given the raincoat step of the dentist game, the first finger resting far from the piece
    k = game_kiosk(tmp_path)
    start_game(k, "help-the-dentist")
    k.current.go_to(1)
    k.frames(40, DT)
    k.finger(pygame.FINGERDOWN, *to_screen(k, 0.5, 0.9), finger=0)
    k.frames(2, DT)
    # When a second finger does the whole drag while the first stays down
    do_the_turn(k, finger=1)
    # Then the piece never moved and the step is not done
    turn = k.current.player.turn
    assert turn.done_at is None and turn.drag.position(k.current.player.turn.last_touch) == turn.drag.home


def test_cleaning_mode_ignores_a_childs_gestures_in_a_game(tmp_path: Path) -> None:
    # Given a game step, and cleaning mode turned on (as from the staff menu)
    k = game_kiosk(tmp_path)
    start_game(k, "help-the-dentist")
    k.current.go_to(1)
    k.frames(40, DT)
    k.app.nav.start_cleaning()
    # When the whole drag is done on the screen
    do_the_turn(k)
    # Then nothing happened to the turn
    assert k.current.player.turn.done_at is None and k.current.player.turn.pointer is None


def test_the_staff_chord_opens_the_pin_pad_during_a_game(tmp_path: Path) -> None:
    # Given a game being played, on a kiosk with a staff PIN
    k = game_kiosk(tmp_path, config=f"idle_seconds: 90\nstaff:\n  pin_hash: \"{hash_pin('2468')}\"\n")
    start_game(k, "brush-like-a-champion")
    # When the top-left corner is held 3 s, then the top-right corner tapped
    chord(k)
    # Then the PIN pad is up
    assert k.screen == "pin"


def finish_game(k: Kiosk) -> None:
    for _ in range(len(k.current.steps)):
        play_step(k)


def test_the_feelings_before_and_after_a_game_are_counted_and_nothing_else_about_the_child(tmp_path: Path) -> None:
    # Given a game started with a worried face
    k = game_kiosk(tmp_path)
    start_game(k, "wash-away-sugar-bugs", feeling="worried")
    # When it is played to the end and a happy face is chosen after
    finish_game(k)
    k.press_button("feel-happy")
    k.frames(60, DT)
    # Then the counts have one worried before and one happy after, and the sticker picker is up
    feelings = [(kind, detail) for kind, detail in k.events if kind.startswith("feeling")]
    assert feelings == [("feeling_before", "worried"), ("feeling_after", "happy")]
    assert k.screen == "sticker"


def test_the_sticker_the_child_picks_is_shown_big_with_a_cheer_then_the_menu_comes(tmp_path: Path) -> None:
    # Given the end of a game
    k = game_kiosk(tmp_path)
    start_game(k, "brush-like-a-champion")
    finish_game(k)
    k.press_button("feel-okay")
    k.frames(60, DT)
    # When the heart sticker is picked
    k.press_button("sticker-heart")
    picked, buttons = k.current.picked, [b.name for b in k.current.buttons]
    k.wait(15, dt=0.25)
    # Then it is shown (the picker gives way to "play again" and "menu"), and later the menu comes by itself
    assert picked is not None and picked[0] == "heart"
    assert "play-again" in buttons and not any(name.startswith("sticker-") for name in buttons)
    assert k.screen == "home"


def test_the_staff_usage_page_shows_the_days_feelings(tmp_path: Path) -> None:
    # Given usage counts holding today's faces, and a kiosk showing them in its staff menu
    counts = UsageCounts(tmp_path / "usage.sqlite3")
    for kind, face in (("feeling_before", "worried"), ("feeling_before", "happy"), ("feeling_after", "happy"),
                       ("feeling_after", "happy")):
        counts.record(kind, face)
    counts.flush()
    (tmp_path / "kiosk").mkdir()
    k = game_kiosk(tmp_path / "kiosk", config=f"staff:\n  pin_hash: \"{hash_pin('2468')}\"\n")
    k.app.ctx.usage_summary = counts.summary_lines
    from test_app import open_staff
    open_staff(k)
    # When the usage page is opened
    k.press_button("usage")
    lines = k.current._usage_lines
    counts.close()
    # Then it shows the totals of each face, before and after
    assert "  feelings before a game: happy 1, okay 0, worried 1" in lines
    assert "  feelings after a game: happy 2, okay 0, worried 0" in lines
