"""The kiosk's heartbeat: the staff console learns from it that the kiosk runs and what it shows."""

from __future__ import annotations

from pathlib import Path

from kiosk.appliance.heartbeat import EVERY_SECONDS, Heartbeat, read_heartbeat
from kiosk_driver import Kiosk


def test_the_running_kiosk_writes_what_it_shows(tmp_path: Path) -> None:
    # Given a kiosk that has just started (on its attract loop)
    k = Kiosk(tmp_path)
    # When a family touches the screen and a heartbeat falls due
    k.to_home()
    k.wait(EVERY_SECONDS + 0.5)
    # Then the heartbeat names the menu, the version and the clinic phone it loaded
    beat = read_heartbeat(tmp_path / "state")
    assert beat is not None
    assert beat["screen"] == "home"
    assert beat["phone"] == k.app.config.clinic.phone
    assert beat["scenes"] == len(k.app.ctx.library.scenes)


def test_a_beat_is_written_only_when_due(tmp_path: Path) -> None:
    # Given a heartbeat that has just been written
    beat = Heartbeat(tmp_path, wall=lambda: 1_800_000_000.0)
    assert beat.beat(100.0, lambda: {"screen": "home"})
    # When the loop comes round again a moment later
    # Then nothing is written (nor even asked for)
    assert not beat.beat(100.5, lambda: {"screen": 1 / 0})


def test_a_folder_that_cannot_be_written_never_stops_the_kiosk(tmp_path: Path) -> None:
    # Given a state "folder" that is a file
    blocked = tmp_path / "file"
    blocked.write_text("x")
    # When a beat is due
    # Then it is skipped without an error
    assert not Heartbeat(blocked, wall=lambda: 0.0).beat(0.0, lambda: {"screen": "home"})
