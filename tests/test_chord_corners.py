"""Issue 12, item 13: holding the Home button and then tapping Contact must not open the staff PIN pad (the
buttons sit in the chord's corners, so a child could lock the pad with wrong PINs)."""

from __future__ import annotations

from pathlib import Path

import pygame

from kiosk.appliance.pin import hash_pin

from kiosk_driver import Kiosk


def test_holding_home_then_tapping_contact_does_not_open_the_pin_pad(tmp_path: Path) -> None:
    # Given a kiosk on the clinic screen, where the Home button sits in the top-left corner
    kiosk = Kiosk(tmp_path, config=f"staff:\n  pin_hash: \"{hash_pin('2468')}\"\n")
    kiosk.to_home()
    kiosk.press_button("clinic")
    kiosk.frames(12)
    home = kiosk.button("home").rect.center

    # When a child holds Home for 3 s, lets go, and taps Contact
    kiosk.finger(pygame.FINGERDOWN, *home)
    kiosk.wait(3.2, dt=0.1)
    kiosk.finger(pygame.FINGERUP, *home)
    kiosk.frames(2)
    kiosk.tap(*kiosk.button("clinic").rect.center)
    kiosk.frames(12)

    # Then the PIN pad is not up
    assert kiosk.screen != "pin"


def test_sighup_stops_the_kiosk_cleanly(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    repo = Path(__file__).resolve().parent.parent
    # Given a running kiosk (a window on SDL's dummy driver)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, str(repo / "main.py"), "run", "--windowed", "--size", "320x240",
                                "--state", str(tmp_path / "state")], cwd=repo, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        log = tmp_path / "state" / "logs" / "kiosk.log"
        while time.monotonic() < deadline and "started" not in (log.read_text() if log.exists() else ""):
            time.sleep(0.2)
        # When its terminal hangs up
        process.send_signal(signal.SIGHUP)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    # Then it stops through its clean stop, with exit code 0
    assert process.returncode == 0, err[-2000:]
    assert f"stopping on signal {int(signal.SIGHUP)}" in err
