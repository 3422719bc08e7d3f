"""Issue 12, items 10 and 11: a typo in kiosk.yaml loses nothing, and every file the kiosk writes is whole.

A typo that breaks kiosk.yaml's YAML (an unquoted colon in `hours:`) used to put every default in force: the
example clinic name and phone, and "No PIN set" on a full-screen kiosk with no other exit. And `set-pin`
rewrote kiosk.yaml in place, so a full disk cut it short.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.appliance.pin import hash_pin, write_pin_hash
from kiosk.content.config import LAST_GOOD_NAME, load_config

from kiosk_driver import Kiosk

REPO = Path(__file__).resolve().parent.parent
PIN_HASH = hash_pin("4321", salt=b"0123456789abcdef")
GOOD = f'clinic:\n  name: "Smile Dental"\n  phone: "555-0100"\nstaff:\n  pin_hash: "{PIN_HASH}"\n'
TYPO = 'clinic:\n  name: "Smile Dental"\n  hours: Mon-Fri: 9-5\n'   # the colon needs quotes: not YAML


def test_a_good_config_is_copied_to_the_state_folder(tmp_path: Path) -> None:
    # Given a kiosk.yaml without mistakes
    path = tmp_path / "kiosk.yaml"
    path.write_text(GOOD, encoding="utf-8")

    # When it is loaded with a state folder
    load_config(path, tmp_path / LAST_GOOD_NAME)

    # Then a copy of it is kept there
    assert (tmp_path / LAST_GOOD_NAME).read_text(encoding="utf-8") == GOOD


def test_a_typo_that_breaks_the_yaml_keeps_the_last_good_settings(tmp_path: Path) -> None:
    # Given a kiosk that loaded a good kiosk.yaml once, which then gets a typo
    path, copy = tmp_path / "kiosk.yaml", tmp_path / LAST_GOOD_NAME
    path.write_text(GOOD, encoding="utf-8")
    load_config(path, copy)
    path.write_text(TYPO, encoding="utf-8")

    # When it is loaded again
    config, problems = load_config(path, copy)

    # Then the clinic's details and the staff PIN stay, and the typo is reported at its line
    assert config.clinic.name == "Smile Dental" and config.clinic.phone == "555-0100"
    assert config.staff.pin_hash == PIN_HASH
    assert any(p.is_error and p.line == 3 for p in problems)
    assert copy.read_text(encoding="utf-8") == GOOD   # the broken file never replaces the good copy


def test_the_running_kiosk_keeps_its_pin_and_clinic_through_a_typo_and_a_restart(tmp_path: Path) -> None:
    # Given a running kiosk with a good kiosk.yaml
    kiosk = Kiosk(tmp_path, config=GOOD)

    # When kiosk.yaml gets a typo, the kiosk reloads, and then it starts again
    kiosk.config_path.write_text(TYPO, encoding="utf-8")
    kiosk.app.reload()
    running = kiosk.app.config
    again = Kiosk(tmp_path)

    # Then both the running and the restarted kiosk keep the clinic and the PIN
    for config in (running, again.app.config):
        assert config.clinic.name == "Smile Dental"
        assert config.staff.pin_hash == PIN_HASH
    assert again.app.ctx.pin_guard.stored_hash == PIN_HASH


def test_set_pin_on_a_full_disk_leaves_kiosk_yaml_whole(tmp_path: Path) -> None:
    # Given a kiosk.yaml of 20 KB (long comments), and a process that may write files of 8 KB at most
    path = tmp_path / "kiosk.yaml"
    original = "# " + "notes about this clinic " * 800 + "\nclinic:\n  name: Smile\n"
    path.write_text(original, encoding="utf-8")
    script = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
              "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192)); "
              "from kiosk.appliance.pin import write_pin_hash, hash_pin; from pathlib import Path\n"
              "try:\n    write_pin_hash(Path(sys.argv[1]), hash_pin('1234'))\nexcept OSError:\n    sys.exit(3)\n")

    # When set-pin writes the hash and the disk runs out of room
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=REPO, capture_output=True, timeout=60)

    # Then the write failed, the old file is whole, and no temporary file is left
    assert done.returncode == 3, done.stderr.decode()
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.yaml"]


def test_set_pin_keeps_every_other_line(tmp_path: Path) -> None:
    # Given a kiosk.yaml with comments and a staff section
    path = tmp_path / "kiosk.yaml"
    path.write_text("# the clinic\nclinic:\n  name: Smile\nstaff:\n  max_tries: 5\n", encoding="utf-8")

    # When a PIN is set
    write_pin_hash(path, PIN_HASH)

    # Then the hash is in the staff section and every other line is as it was
    assert path.read_text(encoding="utf-8") == (f'# the clinic\nclinic:\n  name: Smile\nstaff:\n  pin_hash: "{PIN_HASH}"\n'
                                                "  max_tries: 5\n")
