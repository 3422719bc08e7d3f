"""Quiet hours are read from the app's injected clock, not the machine's: the FAQ's speaker button follows the
fake clock's time of day (10:00 local, `FakeClock`'s morning), whatever the real time is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.app.clock import FAKE_MORNING, FakeClock

from kiosk_driver import Kiosk


def faq_kiosk(folder: Path, quiet: str) -> Kiosk:
    """The FAQ, with narration for everyone, children not allowed to ask for it, and these quiet hours."""
    config = f"sound: {{enabled: true, narration: everyone, tap_to_hear: false, quiet_hours: ['{quiet}']}}\n"
    kiosk = Kiosk(folder, config=config)
    kiosk.to_home()
    kiosk.app.nav.go("faq")
    kiosk.frames(12)
    return kiosk


def test_the_fake_clock_tells_its_own_time_of_day() -> None:
    # Given a fake clock set to a quarter past three in the afternoon
    clock = FakeClock(start=50.0, at=datetime(2027, 3, 4, 15, 15))
    # When it moves on by a minute
    clock.advance(60)
    # Then its wall time has moved by that minute, from the time it was given
    assert datetime.fromtimestamp(clock.epoch()) == datetime(2027, 3, 4, 15, 16)


def test_the_faq_speaker_is_gone_in_quiet_hours_by_the_apps_clock(tmp_path: Path) -> None:
    # Given quiet hours around the fake clock's 10:00
    assert (FAKE_MORNING.hour, FAKE_MORNING.minute) == (10, 0)
    # When a parent opens the questions page
    kiosk = faq_kiosk(tmp_path, "09:30-10:30")
    # Then the answer does not offer to read itself
    assert kiosk.screen == "faq"
    assert not kiosk.has_button("read-to-me")


@pytest.mark.parametrize("quiet", ["10:30-11:30", "08:00-09:59"])
def test_the_faq_speaker_is_there_outside_quiet_hours_by_the_apps_clock(tmp_path: Path, quiet: str) -> None:
    # Given quiet hours that do not hold the fake clock's 10:00
    # When a parent opens the questions page
    kiosk = faq_kiosk(tmp_path, quiet)
    # Then the answer offers to read itself
    assert kiosk.screen == "faq"
    assert kiosk.has_button("read-to-me")


def scene_kiosk(folder: Path, quiet: str) -> Kiosk:
    """A scene open, with narration for everyone, children not allowed to ask for it, and these quiet hours."""
    config = f"sound: {{enabled: true, narration: everyone, tap_to_hear: false, quiet_hours: ['{quiet}']}}\n"
    kiosk = Kiosk(folder, config=config)
    kiosk.to_home()
    kiosk.open_scene()
    kiosk.frames(12)
    return kiosk


@pytest.mark.parametrize("quiet,speaker", [("09:30-10:30", False), ("10:30-11:30", True)],
                         ids=["inside", "outside"])
def test_a_scene_follows_quiet_hours_by_the_apps_clock(tmp_path: Path, quiet: str, speaker: bool) -> None:
    # Given quiet hours that hold (or do not hold) the fake clock's 10:00
    # When a child opens a scene
    kiosk = scene_kiosk(tmp_path, quiet)
    # Then the step offers to read itself only outside them
    assert kiosk.screen == "scene"
    assert kiosk.has_button("read-to-me") is speaker
