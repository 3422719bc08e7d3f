"""The maths of "your turn" without a display: each kind's recognition, hints, finishing kindly, stray fingers."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import pytest

from kiosk.interactions import DragPiece, HoldSpot, RubArea, TapTargets, Turn, TurnPlayer, distance
from kiosk.interactions.turn import AUTO_SECONDS, STUCK_GRACE
from kiosk.content.model import Scene, YourTurn

REPO = Path(__file__).resolve().parent.parent
FINGER = "finger"


def turn(**kw) -> YourTurn:  # type: ignore[no-untyped-def]
    return YourTurn(**kw)


def zigzag(t_turn: Turn, x0: float, x1: float, y0: float, y1: float, rows: int, t: float, dt: float = 1 / 30,
           pointer: object = FINGER) -> float:
    """A finger rubbing back and forth across a box, row by row (as a child scrubs); returns the time after."""
    t_turn.down(pointer, x0, y0, t)
    for r in range(rows):
        y = y0 + (y1 - y0) * r / max(rows - 1, 1)
        for k in range(11):
            f = k / 10 if r % 2 == 0 else 1 - k / 10
            t += dt
            t_turn.move(pointer, x0 + (x1 - x0) * f, y, t)
    t_turn.up(pointer, x0, y1, t)
    return t


# --- rub: coverage ---------------------------------------------------------------------------------------------

def test_a_rub_counts_the_part_of_the_area_the_finger_passed_over() -> None:
    # Given a round area to rub at the centre of the stage
    area = RubArea((0.5, 0.5), radius=0.15, need=0.6)
    # When the finger presses and sweeps once across the middle, left to right
    area.press(0.5 - 0.15 * 0.75, 0.5, 0.0)
    area.rub(0.5 + 0.15 * 0.75, 0.5, 0.1)
    # Then a band across the area is rubbed: some of it, nowhere near all of it
    assert 0.15 < area.coverage() < 0.5
    assert area.done_at is None


def test_a_finger_pressing_still_on_a_rub_area_does_not_finish_it() -> None:
    # Given a rub area
    area = RubArea((0.5, 0.5), radius=0.15, need=0.6)
    # When the finger lands and stays put (moves of zero length, for a long time)
    area.press(0.5, 0.5, 0.0)
    for k in range(300):
        area.rub(0.5, 0.5, k / 30)
    # Then only the finger's own spot counts
    assert area.coverage() < 0.2 and area.done_at is None


def test_rubbing_the_whole_area_back_and_forth_finishes_the_rub() -> None:
    # Given a turn that asks to rub an area
    t_turn = Turn(turn(kind="rub", at=(0.5, 0.5), radius=0.15, coverage=0.6), {})
    # When the finger scrubs back and forth over the whole area
    r = 0.15
    t = zigzag(t_turn, 0.5 - r * 0.75, 0.5 + r * 0.75, 0.5 - r, 0.5 + r, rows=7, t=1.0)
    # Then the turn is done, during the rubbing, and its progress is full
    assert t_turn.done_at is not None and 1.0 < t_turn.done_at <= t
    assert t_turn.progress(t) == 1.0


def test_rubbing_beside_the_area_counts_nothing() -> None:
    # Given a rub area on the left of the stage
    area = RubArea((0.25, 0.5), radius=0.12, need=0.6)
    # When the finger scrubs the right half of the stage
    area.press(0.7, 0.3, 0.0)
    area.rub(0.9, 0.7, 0.2)
    area.rub(0.7, 0.7, 0.4)
    # Then nothing of the area is rubbed
    assert area.coverage() == 0.0


def test_a_fast_jump_rubs_everything_along_the_way() -> None:
    # Given two rub areas, one rubbed with many small moves, one with a single jump between the same ends
    slow, fast = RubArea((0.5, 0.5), 0.15, 0.6), RubArea((0.5, 0.5), 0.15, 0.6)
    slow.press(0.4, 0.5, 0.0)
    for k in range(1, 21):
        slow.rub(0.4 + 0.2 * k / 20, 0.5, k / 60)
    fast.press(0.4, 0.5, 0.0)
    # When the fast one's finger moves in one frame's jump
    fast.rub(0.6, 0.5, 1 / 60)
    # Then both count the same stripe (motion arrives in jumps a frame apart; the path between counts)
    assert fast.coverage() == pytest.approx(slow.coverage())


# --- drag: only near the place ------------------------------------------------------------------------------------

def test_a_drag_let_go_near_its_place_succeeds() -> None:
    # Given a piece at the top right that belongs on the tooth
    piece = DragPiece(home=(0.85, 0.25), to=(0.38, 0.30), radius=0.14, reach=0.14)
    # When the finger takes it, carries it, and lets go a little beside the place
    assert piece.grab(0.86, 0.26, 0.0)
    piece.follow(0.6, 0.3, 0.3)
    piece.drop(0.43, 0.33, 0.6)
    # Then it is done, and it settles exactly into its place
    assert piece.done_at == 0.6
    assert piece.position(2.0) == pytest.approx((0.38, 0.30))


def test_a_drag_let_go_far_from_its_place_glides_home_to_try_again() -> None:
    # Given the same piece
    piece = DragPiece(home=(0.85, 0.25), to=(0.38, 0.30), radius=0.14, reach=0.14)
    # When it is carried only half way and let go
    piece.grab(0.85, 0.25, 0.0)
    piece.drop(0.62, 0.28, 0.5)
    # Then it is not done: it glides back home, where it can be taken again
    assert piece.done_at is None
    assert piece.position(0.5) == pytest.approx((0.62, 0.28))
    assert piece.position(2.0) == pytest.approx((0.85, 0.25))
    assert piece.grab(0.85, 0.25, 2.1)


def test_a_finger_landing_away_from_the_piece_does_not_take_it() -> None:
    # Given a piece
    piece = DragPiece(home=(0.85, 0.25), to=(0.38, 0.30), radius=0.14, reach=0.14)
    # When a finger lands far from it and moves to the place
    taken = piece.grab(0.5, 0.8, 0.0)
    piece.follow(0.38, 0.30, 0.3)
    piece.drop(0.38, 0.30, 0.4)
    # Then the piece never moved and nothing is done
    assert not taken and piece.done_at is None and piece.position(1.0) == (0.85, 0.25)


def test_a_drag_with_seconds_needs_the_piece_kept_at_its_place_that_long() -> None:
    # Given a piece that must be kept at its place for 1.5 s
    piece = DragPiece(home=(0.85, 0.25), to=(0.38, 0.30), radius=0.14, reach=0.14, seconds=1.5)
    piece.grab(0.85, 0.25, 0.0)
    piece.follow(0.38, 0.30, 0.5)
    # When it is held there 1 s, then 2 s
    piece.update(1.5)
    not_yet = piece.done_at
    piece.update(2.5)
    # Then it is done exactly 1.5 s after it arrived, not before
    assert not_yet is None and piece.done_at == pytest.approx(2.0)


def test_a_kept_drag_let_go_early_stays_at_its_place_and_goes_on_counting_when_pressed_again() -> None:
    # Given a piece to keep 1.5 s, brought to its place and let go there after 1 s
    piece = DragPiece(home=(0.85, 0.25), to=(0.38, 0.30), radius=0.14, reach=0.14, seconds=1.5)
    piece.grab(0.85, 0.25, 0.0)
    piece.follow(0.38, 0.30, 0.5)
    piece.drop(0.38, 0.30, 1.5)
    # When it is pressed again at its place for 0.6 s
    parked = piece.position(3.0)
    piece.grab(0.38, 0.30, 3.0)
    piece.update(3.6)
    # Then it waited at its place, and the two holds add up to done
    assert parked == pytest.approx((0.38, 0.30))
    assert piece.done_at == pytest.approx(3.5)


# --- hold: needs its time -----------------------------------------------------------------------------------------

def test_a_hold_needs_its_time() -> None:
    # Given a spot to hold for 3 s
    spot = HoldSpot((0.2, 0.5), radius=0.12, seconds=3.0)
    # When a finger presses it at 1 s and is still there at 3.9 s, then at 4.1 s
    spot.press(0.21, 0.5, 1.0)
    spot.update(3.9)
    early = spot.done_at
    spot.update(4.1)
    # Then it was not done before its 3 s, and it is done at exactly 4 s
    assert early is None and spot.done_at == pytest.approx(4.0)


def test_a_hold_adds_up_short_presses_and_ignores_time_spent_off_the_spot() -> None:
    # Given a 2 s hold
    spot = HoldSpot((0.2, 0.5), radius=0.12, seconds=2.0)
    # When it is pressed 1 s, then the finger slides off for 5 s, then comes back for 1 s
    spot.press(0.2, 0.5, 0.0)
    spot.press(0.7, 0.5, 1.0)     # slid off the spot
    spot.press(0.7, 0.5, 6.0)
    spot.press(0.2, 0.5, 6.0)     # back on it
    spot.update(6.9)
    not_yet = spot.done_at
    spot.update(7.1)
    # Then only the time on the spot counts: done after 2 s of it in all
    assert not_yet is None and spot.done_at == pytest.approx(7.0)


# --- tap: each target once ----------------------------------------------------------------------------------------

def test_each_tap_target_reacts_once_and_the_turn_is_done_when_all_are_touched() -> None:
    # Given three bugs to tap
    bugs = TapTargets({"a": (0.2, 0.4), "b": (0.5, 0.4), "c": (0.8, 0.4)}, radius=0.1)
    # When bug a is tapped twice, then c, a miss, and b
    first, again = bugs.touch(0.2, 0.4, 1.0), bugs.touch(0.21, 0.41, 1.5)
    bugs.touch(0.8, 0.42, 2.0)
    missed = bugs.touch(0.5, 0.9, 2.5)
    bugs.touch(0.49, 0.4, 3.0)
    # Then each reacted once, when it was first touched, and all are touched
    assert (first, again, missed) == (["a"], [], [])
    assert bugs.touched == {"a": 1.0, "c": 2.0, "b": 3.0} and bugs.progress() == 1.0


def test_tap_targets_are_at_least_finger_sized() -> None:
    # Given a turn that asks for a target smaller than a finger
    # When it is validated
    # Then it is refused: no target is too small for a small finger
    with pytest.raises(ValueError, match="radius"):
        turn(kind="tap", targets=["bug"], radius=0.03)


def test_a_finger_sliding_over_tap_targets_touches_them() -> None:
    # Given a tap turn with two bugs
    t_turn = Turn(turn(kind="tap", targets=["a", "b"], radius=0.1), {"a": (0.2, 0.4), "b": (0.6, 0.4)})
    # When a finger lands beside them and slides across both
    t_turn.down(FINGER, 0.05, 0.4, 1.0)
    for k in range(1, 11):
        t_turn.move(FINGER, 0.05 + 0.07 * k, 0.4, 1.0 + k / 30)
    # Then both were touched and the turn is done
    assert set(t_turn.touched(2.0)) == {"a", "b"} and t_turn.done(2.0)


# --- one finger ----------------------------------------------------------------------------------------------------

def test_a_stray_second_finger_is_ignored() -> None:
    # Given a drag turn whose piece one finger has taken
    t_turn = Turn(turn(kind="drag", targets=["hat"], to=(0.38, 0.3), radius=0.14), {"hat": (0.85, 0.25)})
    t_turn.down("first", 0.85, 0.25, 0.0)
    # When a second finger lands on the place, moves and lifts there, while the first stays far away
    t_turn.down("second", 0.38, 0.3, 0.2)
    t_turn.move("second", 0.38, 0.31, 0.3)
    t_turn.up("second", 0.38, 0.31, 0.4)
    t_turn.move("first", 0.7, 0.6, 0.5)
    # Then only the first finger moved the piece, and nothing is done
    assert t_turn.drag is not None and t_turn.drag.position(0.5) == pytest.approx((0.7, 0.6))
    assert t_turn.done_at is None


def test_a_stray_finger_cannot_rub_for_the_first() -> None:
    # Given a rub turn with a finger resting outside the area
    t_turn = Turn(turn(kind="rub", at=(0.5, 0.5), radius=0.15), {})
    t_turn.down("first", 0.05, 0.05, 0.0)
    # When a second finger scrubs the whole area
    zigzag(t_turn, 0.4, 0.6, 0.35, 0.65, rows=7, t=0.1, pointer="second")
    # Then nothing is rubbed
    assert t_turn.rub is not None and t_turn.rub.coverage() == 0.0


# --- hints and finishing kindly -------------------------------------------------------------------------------------

def test_a_hint_comes_after_the_quiet_seconds_and_goes_while_a_finger_is_down() -> None:
    # Given a drag turn with a hint after 4 quiet seconds
    t_turn = Turn(turn(kind="drag", targets=["hat"], to=(0.38, 0.3), hint_after=4), {"hat": (0.85, 0.25)})
    # When nobody touches for 3.9 s, then 5 s; then a finger lands at 6 s
    before, during = t_turn.hint(3.9), t_turn.hint(5.0)
    t_turn.down(FINGER, 0.1, 0.9, 6.0)
    # Then the hint shows only after the quiet time, and not under a finger
    assert before is None and during is not None and during.targets == ("hat",)
    assert t_turn.hint(6.5) is None


def test_the_drag_hint_hand_travels_from_the_piece_to_its_place() -> None:
    # Given a drag turn in its hint
    t_turn = Turn(turn(kind="drag", targets=["hat"], to=(0.38, 0.3), hint_after=4), {"hat": (0.85, 0.25)})
    # When the hand is looked at across one showing of the gesture
    tips = [t_turn.hint(4.0 + k * 0.1).tip for k in range(18)]  # type: ignore[union-attr]
    # Then it starts at the piece and reaches the place
    assert min(distance(tip, (0.85, 0.25)) for tip in tips) < 0.01
    assert min(distance(tip, (0.38, 0.30)) for tip in tips) < 0.01


def test_with_no_touch_at_all_the_turn_finishes_itself() -> None:
    # Given a hold turn that finishes itself after 20 s
    t_turn = Turn(turn(kind="hold", at=(0.2, 0.5), finish_after=20), {})
    # When time passes with nobody touching
    for k in range(0, 250):
        t_turn.update(k * 0.1)
    # Then it finished kindly (progress grew to full) soon after 20 s
    assert t_turn.finished_by_itself
    assert t_turn.done_at == pytest.approx(20.0 + AUTO_SECONDS, abs=0.11)
    assert t_turn.progress(20.0) < 0.05 and t_turn.progress(24.9) == 1.0


def test_finishing_kindly_waits_for_a_finger_at_work_but_not_forever() -> None:
    # Given a rub turn that finishes itself after 10 s, with a finger down since 9 s that never lifts
    t_turn = Turn(turn(kind="rub", at=(0.5, 0.5), finish_after=10), {})
    t_turn.down(FINGER, 0.9, 0.9, 9.0)
    # When time passes
    t_turn.update(12.0)
    waiting = t_turn.done_at
    t_turn.update(10.0 + STUCK_GRACE + 0.1)
    # Then it does not finish under the finger at once, but it never gets stuck
    assert waiting is None and t_turn.done_at is not None


def test_tap_targets_left_go_one_after_another_when_the_turn_finishes_itself() -> None:
    # Given three bugs, one tapped
    t_turn = Turn(turn(kind="tap", targets=["a", "b", "c"], finish_after=10),
                  {"a": (0.2, 0.4), "b": (0.5, 0.4), "c": (0.8, 0.4)})
    t_turn.down(FINGER, 0.2, 0.4, 1.0)
    t_turn.up(FINGER, 0.2, 0.4, 1.1)
    # When it finishes itself
    t_turn.update(10.0)
    # Then the other two run off in turn, not all at once
    touched = t_turn.touched(20.0)
    assert touched["a"] == 1.0 and touched["b"] == 10.0 and touched["c"] > touched["b"]


def test_a_drag_finishing_itself_glides_its_piece_into_place() -> None:
    # Given a drag turn nobody touches
    t_turn = Turn(turn(kind="drag", targets=["hat"], to=(0.38, 0.3), finish_after=8), {"hat": (0.85, 0.25)})
    # When it finishes itself
    t_turn.update(8.0)
    # Then the piece travels from home to its place
    assert t_turn.drag is not None
    assert t_turn.drag.position(8.0) == pytest.approx((0.85, 0.25))
    assert t_turn.drag.position(8.0 + AUTO_SECONDS) == pytest.approx((0.38, 0.3))
    assert t_turn.done_at == pytest.approx(8.0 + AUTO_SECONDS)


# --- the player: frames of a game step ------------------------------------------------------------------------

SCENE = {
    "id": "g", "title": "G", "tile": {"art": "characters/star.svg"}, "game": True,
    "steps": [{
        "id": "hat", "text": {"kids": "Put the hat on."},
        "layers": [
            {"id": "tooth", "art": "tooth/enamel.svg", "at": [0.38, 0.47], "height": 1.0},
            {"id": "crown", "art": "tooth/crown-steel.svg", "at": [0.38, 0.47], "height": 1.0, "play": "done",
             "animate": {"opacity": [0, 1], "duration": 0.5}},
            {"id": "hat", "art": "characters/white-hat.svg", "at": [0.85, 0.25], "height": 0.2},
        ],
        "your_turn": {"kind": "drag", "targets": ["hat"], "to": [0.38, 0.22], "hint_after": 4, "finish_after": 20},
    }],
}


def game_player() -> TurnPlayer:
    scene = Scene.model_validate(SCENE, context={"default_lang": "en"})
    return TurnPlayer(scene, scene.steps[0], 0, lambda art: 1.0)


def by_art(frame, art):  # type: ignore[no-untyped-def]
    return next((d for d in frame.layers if d.art == art), None)


def test_a_game_step_waits_for_the_child_and_its_done_layers_wait_with_it() -> None:
    # Given a game step's player
    player = game_player()
    # When 10 s pass with nothing done
    frame = player.frame(10.0)
    # Then the step does not move on, and the layer that shows success has not appeared
    assert math.isinf(player.advance_at()) and by_art(frame, "tooth/crown-steel.svg") is None


def test_the_dragged_piece_follows_the_finger_in_the_frame_and_reports_moving() -> None:
    # Given a game step with a finger on its piece
    player = game_player()
    player.finger_down(0.85, 0.25, 1.0)
    # When the finger moves
    player.finger_move(0.6, 0.5, 1.2)
    frame = player.frame(1.2)
    # Then the piece is drawn under the finger and the frame says it moves (so it is redrawn)
    hat = by_art(frame, "characters/white-hat.svg")
    assert hat is not None and (hat.cx, hat.cy) == pytest.approx((0.6, 0.5)) and hat.moving and frame.moving


def test_success_starts_the_done_layers_pops_a_star_and_lets_the_step_move_on() -> None:
    # Given a game step whose piece is dragged to its place
    player = game_player()
    player.finger_down(0.85, 0.25, 1.0)
    player.finger_move(0.4, 0.23, 1.3)
    player.finger_up(0.4, 0.23, 1.4)
    # When frames are made just after and a while after
    soon, later = player.frame(1.6), player.frame(2.5)
    # Then the crown fades in from success, a star pops, and the step moves on a little later
    assert by_art(soon, "characters/star.svg") is not None
    assert by_art(later, "tooth/crown-steel.svg").opacity == pytest.approx(1.0)
    assert 1.4 < player.advance_at() < 10


def test_the_hint_draws_a_ghost_hand_and_pulses_the_target() -> None:
    # Given a game step nobody touched for 5 s
    player = game_player()
    quiet, hinted = player.frame(3.0), player.frame(5.0)
    # Then after the hint time a hand is drawn and the target glows; before it, neither
    assert by_art(quiet, player.hand_art) is None and by_art(quiet, "characters/white-hat.svg").focus == 0
    assert by_art(hinted, player.hand_art) is not None and by_art(hinted, "characters/white-hat.svg").focus > 0
    assert hinted.moving


@functools.lru_cache(maxsize=1)
def shipped_library():  # type: ignore[no-untyped-def]
    from kiosk.content.library import load_library
    return load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en")


@pytest.mark.parametrize("kind, hand", [("tap", "ui/hand-tap.svg"), ("hold", "ui/hand-press.svg"),
                                        ("drag", "ui/hand-press.svg"), ("rub", "ui/hand-press.svg")])
def test_only_a_taps_hint_shows_the_hand_with_tap_marks(kind: str, hand: str) -> None:
    # Given each of the shipped games' steps of one kind (a hold's marks sat on the jelly swab's face: a frown)
    from kiosk.interactions import player_for
    library = shipped_library()
    players = [player_for(scene, step, i, library.aspect) for scene in library.scenes.values()
               for i, step in enumerate(scene.steps) if step.your_turn is not None and step.your_turn.kind == kind]
    assert players
    for player in players:
        # When nobody touches it until its hint shows
        hinted = player.frame(player.turn.spec.hint_after + 1.0)
        # Then its ghost hand is the one for that kind of gesture
        assert {d.art for d in hinted.layers} & {"ui/hand-tap.svg", "ui/hand-press.svg"} == {hand}
