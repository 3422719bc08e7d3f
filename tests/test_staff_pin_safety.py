"""Issue 12, items 5 and 9: the staff PIN's lockout survives a restart, its parameters come from the code,
a damaged hash is flagged, `set-pin` keeps the hash out of the synced kiosk.yaml, and an unwritable state
folder never stops the kiosk.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from kiosk.appliance.pin import (ITERATIONS, PIN_FILE, PinGuard, hash_pin, hash_problem, pin_problems,
                                 read_pin_file, verify_pin)
from kiosk.appliance.state import state_problem

from kiosk_driver import Kiosk

REPO = Path(__file__).resolve().parent.parent
CHEAP = 1000   # rounds for the guard tests: the code's choice, as the kiosk's own is


def _guard(folder: Path) -> PinGuard:
    return PinGuard(hash_pin("2468", iterations=CHEAP), max_tries=5, lock_seconds=60,
                    lockout_file=folder / "pin-lockout.json", iterations=CHEAP)


def test_a_lockout_survives_a_restart(tmp_path: Path) -> None:
    # Given a PIN pad locked by five wrong tries
    guard = _guard(tmp_path)
    results = [guard.attempt("0000", now=1000.0) for _ in range(5)]
    assert results[-1] == "locked"

    # When the kiosk restarts ten seconds later and the right PIN is tried
    again = _guard(tmp_path)

    # Then the pad is still locked
    assert again.attempt("2468", now=1010.0) == "locked"
    assert again.attempt("2468", now=1061.0) == "ok"


def test_wrong_tries_are_not_reset_by_a_restart(tmp_path: Path) -> None:
    # Given four wrong tries
    guard = _guard(tmp_path)
    for _ in range(4):
        guard.attempt("0000", now=1000.0)

    # When the kiosk restarts and one more wrong PIN is tried
    again = _guard(tmp_path)

    # Then that fifth try locks the pad
    assert again.attempt("1111", now=1001.0) == "locked"


def test_an_iteration_count_from_a_file_is_never_used(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Given a hash whose file says 2^31-1 rounds (every OK press froze the loop for about 19 minutes)
    huge = f"pbkdf2_sha256$2147483647${'00' * 16}${'00' * 32}"
    rounds: list[int] = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *a: rounds.append(a[3]) or real(*a))

    # When a PIN is checked against it
    accepted = verify_pin("2468", huge)

    # Then it is refused without hashing at the file's count, and said to be made with other parameters
    assert not accepted
    assert all(n <= ITERATIONS for n in rounds)
    assert "rounds" in (hash_problem(huge) or "")


def test_a_damaged_pin_hash_is_an_error_at_its_line(tmp_path: Path) -> None:
    # Given kiosk.yaml with `pin_hash: garbage`
    path = tmp_path / "kiosk.yaml"
    path.write_text("clinic:\n  name: Smile\nstaff:\n  pin_hash: garbage\n", encoding="utf-8")

    # When check looks at the PIN
    problems = pin_problems("garbage", path, in_state=False)

    # Then it is an error at the pin_hash line
    assert len(problems) == 1 and problems[0].is_error and problems[0].line == 4
    assert "damaged" in problems[0].message


def test_doctor_says_a_damaged_pin_hash_is_not_set(tmp_path: Path) -> None:
    # Given kiosk.yaml with a damaged hash
    (tmp_path / "kiosk.yaml").write_text("clinic:\n  name: Smile\n  phone: '1'\nstaff:\n  pin_hash: garbage\n",
                                         encoding="utf-8")

    # When kiosk doctor runs
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "--config", str(tmp_path / "kiosk.yaml"),
                           "doctor", "--state", str(tmp_path / "state")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})

    # Then it does not say the PIN is set; it says the hash is damaged
    assert "staff PIN is set" not in done.stdout
    assert "damaged" in done.stdout


def test_set_pin_keeps_the_hash_in_the_state_folder_not_in_kiosk_yaml(tmp_path: Path) -> None:
    # Given a kiosk.yaml that clinics sync between kiosks
    config = tmp_path / "kiosk.yaml"
    config.write_text("clinic:\n  name: Smile\n", encoding="utf-8")
    state = tmp_path / "state"

    # When a PIN is set
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "--config", str(config), "set-pin", "--pin", "2468",
                           "--state", str(state)], capture_output=True, text=True, timeout=120)

    # Then kiosk.yaml is untouched and the state folder holds the hash, readable by its owner only
    assert done.returncode == 0, done.stderr
    assert config.read_text(encoding="utf-8") == "clinic:\n  name: Smile\n"
    assert verify_pin("2468", read_pin_file(state))
    assert (state / PIN_FILE).stat().st_mode & 0o077 == 0


def test_the_running_kiosk_uses_the_pin_from_its_state_folder(tmp_path: Path) -> None:
    # Given a kiosk whose PIN was set with set-pin (in the state folder), none in kiosk.yaml
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / PIN_FILE).write_text(hash_pin("2468") + "\n", encoding="ascii")
    kiosk = Kiosk(tmp_path)

    # When the PIN pad is asked
    result = kiosk.app.ctx.pin_guard.attempt("2468", kiosk.app.nav.wall)

    # Then the PIN opens the staff menu
    assert result == "ok"
    assert ITERATIONS >= 200_000


def test_the_kiosk_starts_and_shows_its_scenes_when_the_state_folder_cannot_be_written(tmp_path: Path) -> None:
    # Given a state folder that cannot be made (a file stands where the folder should be)
    (tmp_path / "state").write_text("not a folder", encoding="utf-8")
    assert state_problem(tmp_path / "state") is not None

    # When the kiosk starts and a child taps into the menu
    kiosk = Kiosk(tmp_path)
    kiosk.to_home()

    # Then the scenes are there
    assert kiosk.screen == "home"
    assert kiosk.has_button("tile-alpha") and kiosk.has_button("tile-beta")


def test_stats_and_doctor_report_a_damaged_usage_database_without_a_traceback(tmp_path: Path) -> None:
    # Given a usage database that is not a database
    state = tmp_path / "state"
    state.mkdir()
    (state / "usage.sqlite3").write_bytes(b"this is not SQLite" * 100)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}

    # When stats and doctor run
    stats = subprocess.run([sys.executable, str(REPO / "main.py"), "stats", "--state", str(state)],
                           capture_output=True, text=True, timeout=120, env=env)
    doctor = subprocess.run([sys.executable, str(REPO / "main.py"), "doctor", "--state", str(state)],
                            capture_output=True, text=True, timeout=120, env=env)

    # Then both say so in a line, with no traceback
    assert "Traceback" not in stats.stderr + stats.stdout + doctor.stderr + doctor.stdout
    assert "cannot be read" in stats.stderr
    assert any(line.startswith("WARN usage:") for line in doctor.stdout.splitlines())
