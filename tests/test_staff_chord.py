"""The staff chord's rules without a display (kiosk/app/chord.py): which lift is a tap, when the PIN pad opens.
The whole app with real events: tests/test_touch.py, tests/test_chord_corners.py, tests/test_games.py."""

from __future__ import annotations

from kiosk.app.chord import HOLD_SECONDS, KEEP, KEPT_SECONDS, OPEN, PASS, StaffChord
from kiosk.app.input import Tap

SIZE = (1000, 500)
HOME = (30, 30)                 # a button in the top-left corner
CONTACT = (960, 30)             # a button in the top-right corner
BESIDE_CONTACT = (995, 70)      # the top-right corner, on no button


def held_corner(chord: StaffChord, on_button: bool = True) -> str:
    """A finger holds the top-left corner past the chord's hold and lifts there, at HOLD_SECONDS + 0.1."""
    chord.press(*HOME, 0.0, SIZE, on_button)
    chord.update(HOLD_SECONDS + 0.05)
    return chord.tap(Tap(*HOME, HOLD_SECONDS + 0.1), SIZE, on_button)


def test_the_lift_of_a_corner_hold_is_kept_back_not_passed_to_the_screen() -> None:
    # Given a fresh chord
    chord = StaffChord()
    # When the Home button in the corner is held for the chord's time and lifted
    said = held_corner(chord)
    # Then the lift is kept (the screen does not go home yet)
    assert said == KEEP


def test_a_kept_lift_becomes_the_tap_it_was_when_no_chord_follows() -> None:
    # Given a corner hold whose lift was kept
    chord = StaffChord()
    held_corner(chord)
    lifted = HOLD_SECONDS + 0.1
    # When time passes with no other touch
    early = chord.update(lifted + KEPT_SECONDS - 0.1)
    due = chord.update(lifted + KEPT_SECONDS)
    # Then the tap comes back to be played to the screen, once, only when its time is up
    assert early is None and due is not None and (due.x, due.y) == HOME
    assert chord.update(lifted + KEPT_SECONDS + 1) is None


def test_the_tap_beside_contact_opens_the_pad_and_the_kept_lift_never_presses_anything() -> None:
    # Given a corner hold whose lift was kept
    chord = StaffChord()
    held_corner(chord)
    # When the top-right corner is tapped on no button
    chord.press(*BESIDE_CONTACT, HOLD_SECONDS + 0.5, SIZE, False)
    said = chord.tap(Tap(*BESIDE_CONTACT, HOLD_SECONDS + 0.6), SIZE, False)
    # Then the pad opens, and nothing is left to tap
    assert said == OPEN and chord.update(HOLD_SECONDS + 10) is None


def test_a_tap_on_contact_is_contact_even_right_after_a_corner_hold() -> None:
    # Given a corner hold whose lift was kept
    chord = StaffChord()
    held_corner(chord)
    # When the Contact button in the top-right corner is tapped
    given_up = chord.press(*CONTACT, HOLD_SECONDS + 0.5, SIZE, True)
    said = chord.tap(Tap(*CONTACT, HOLD_SECONDS + 0.6), SIZE, True)
    # Then it is an ordinary tap, and the kept lift is given up (the newer touch wins)
    assert said == PASS and given_up is not None and chord.update(HOLD_SECONDS + 10) is None


def test_a_finger_down_beside_contact_holds_the_kept_lift_until_it_lifts() -> None:
    # Given a corner hold whose lift was kept, and a finger that lands beside Contact in time
    chord = StaffChord()
    held_corner(chord)
    chord.press(*BESIDE_CONTACT, HOLD_SECONDS + 1.0, SIZE, False)
    # When the kept lift's time passes while that finger is still down
    due = chord.update(HOLD_SECONDS + 0.1 + KEPT_SECONDS + 0.5)
    # Then the kept lift waits (the finger may still finish the chord)
    assert due is None


def test_a_short_corner_press_is_an_ordinary_tap_and_arms_nothing() -> None:
    # Given a finger on the top-left corner for less than the chord's hold
    chord = StaffChord()
    chord.press(*HOME, 0.0, SIZE, True)
    chord.update(HOLD_SECONDS - 0.5)
    said = chord.tap(Tap(*HOME, HOLD_SECONDS - 0.4), SIZE, True)
    # When the top-right corner is tapped beside Contact right after
    chord.press(*BESIDE_CONTACT, HOLD_SECONDS, SIZE, False)
    then = chord.tap(Tap(*BESIDE_CONTACT, HOLD_SECONDS + 0.1), SIZE, False)
    # Then both are ordinary taps (a long press is a tap; the pad stays shut)
    assert (said, then) == (PASS, PASS)
