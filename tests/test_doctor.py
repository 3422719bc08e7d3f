"""`kiosk doctor`: one line per check, FAIL lines for what needs fixing, exit 1 only when something FAILs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from kiosk import cli  # noqa: E402
from kiosk.appliance.doctor import (  # noqa: E402
    FAIL,
    OK,
    WARN,
    DoctorInputs,
    check_display,
    is_touchscreen,
    read_input_devices,
)
from kiosk.appliance.pin import hash_pin  # noqa: E402
from kiosk.content.config import KioskConfig  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
           '<circle cx="5" cy="5" r="4" fill="#f00"/></svg>\n')
SCENE = """id: hello
title: {en: "Hello", es: "Hola"}
tile: {art: dot.svg}
steps:
  - id: first
    text: {kids: {en: "Hello", es: "Hola"}}
    layers:
      - {art: dot.svg}
"""
PIN_HASH = hash_pin("2468", salt=b"doctor-test-salt")   # a real hash: doctor refuses a damaged one
CONFIG = f"""clinic:
  name: "Bright Smiles Pediatric Dentistry"
  phone: "(555) 123-4567"
staff:
  pin_hash: "{PIN_HASH}"
"""
# A touch screen (direct, multitouch) and a laptop touchpad (pointer), as /proc/bus/input/devices shows them.
DEVICES = """I: Bus=0003 Vendor=0eef Product=c000 Version=0111
N: Name="ILITEK ILITEK-TP"
P: Phys=usb-0000:01:00.0-1.3/input0
H: Handlers=mouse0 event0
B: PROP=2
B: EV=1b
B: KEY=400 0 0 0 0 0
B: ABS=260800000000003
B: MSC=10

I: Bus=0018 Vendor=06cb Product=7e7e Version=0100
N: Name="SYNA7DB5:01 06CB:7E7E Touchpad"
H: Handlers=mouse1 event1
B: PROP=5
B: EV=1b
B: KEY=e520 10000 0 0 0 0
B: ABS=2e0800000000003

I: Bus=0003 Vendor=046d Product=c31c Version=0110
N: Name="Logitech USB Keyboard"
H: Handlers=sysrq kbd event2 leds
B: PROP=0
B: EV=120013
B: KEY=1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe
"""


def make_kiosk(folder: Path, *, scene: str = SCENE, fonts: bool = True, config: str = CONFIG) -> Path:
    """A complete kiosk folder: kiosk.yaml, scenes/, art/ (with fonts unless told otherwise)."""
    (folder / "scenes").mkdir(parents=True)
    (folder / "art").mkdir()
    (folder / "art" / "dot.svg").write_text(DOT_SVG)
    (folder / "scenes" / "hello.yaml").write_text(scene)
    (folder / "kiosk.yaml").write_text(config)
    if fonts:
        shutil.copytree(ROOT / "art" / "fonts", folder / "art" / "fonts")
    (folder / "devices").write_text(DEVICES)
    return folder


def doctor(kiosk: Path, state: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, str]]:
    code = cli.main(["doctor", "--config", str(kiosk / "kiosk.yaml"), "--state", str(state),
                     "--input-devices", str(kiosk / "devices")])
    out = capsys.readouterr().out
    lines = {}
    for line in out.splitlines():
        status, _, rest = line.partition(" ")
        name = rest.strip().split(":")[0]
        if status in (OK, WARN, FAIL):
            lines[name] = line
    return code, lines


def test_a_healthy_setup_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a complete kiosk with a touch screen (on the test display driver)
    kiosk = make_kiosk(tmp_path / "kiosk")
    # When doctor runs
    code, lines = doctor(kiosk, tmp_path / "state", capsys)
    # Then nothing FAILs, every area has its line, and the exit code is 0
    assert code == 0
    assert set(lines) == {"display", "touch", "present", "fonts", "audio", "config", "clinic", "scenes", "disk", "logs",
                          "usage"}
    assert not [line for line in lines.values() if line.startswith(FAIL)]
    assert lines["touch"].startswith(OK) and "ILITEK" in lines["touch"]
    assert lines["scenes"].startswith(OK) and lines["fonts"].startswith(OK) and lines["logs"].startswith(OK)


def test_scene_errors_fail_and_point_to_kiosk_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a scene with a misspelt key
    kiosk = make_kiosk(tmp_path / "kiosk", scene=SCENE.replace("layers:", "layrs:"))
    # When doctor runs
    code, lines = doctor(kiosk, tmp_path / "state", capsys)
    # Then the scenes line FAILs, says to run kiosk check, and the exit code is 1
    assert code == 1
    assert lines["scenes"].startswith(FAIL) and "kiosk check" in lines["scenes"]


def test_a_missing_fonts_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a kiosk whose art/fonts folder is gone
    kiosk = make_kiosk(tmp_path / "kiosk", fonts=False)
    # When doctor runs
    code, lines = doctor(kiosk, tmp_path / "state", capsys)
    # Then the fonts line FAILs and says what to copy back
    assert code == 1
    assert lines["fonts"].startswith(FAIL) and "Andika" in lines["fonts"]


def test_a_broken_font_file_fails_when_it_is_the_only_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a fonts folder holding only a damaged font
    kiosk = make_kiosk(tmp_path / "kiosk", fonts=False)
    (kiosk / "art" / "fonts").mkdir()
    (kiosk / "art" / "fonts" / "Andika-Regular.ttf").write_bytes(b"not a font at all" * 50)
    # When doctor runs
    code, lines = doctor(kiosk, tmp_path / "state", capsys)
    # Then the fonts line FAILs
    assert code == 1 and lines["fonts"].startswith(FAIL)


def test_an_unwritable_log_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a state folder where logs/ cannot be a folder (a file is in the way; this holds even for root)
    kiosk = make_kiosk(tmp_path / "kiosk")
    state = tmp_path / "state"
    state.mkdir()
    (state / "logs").write_text("in the way")
    # When doctor runs
    code, lines = doctor(kiosk, state, capsys)
    # Then the logs line FAILs and says how to fix the owner
    assert code == 1
    assert lines["logs"].startswith(FAIL) and "chown" in lines["logs"]


def test_a_config_mistake_fails_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a kiosk.yaml with an out-of-range value on line 5
    kiosk = make_kiosk(tmp_path / "kiosk", config=CONFIG + "idle_seconds: 2\n")
    # When doctor runs
    code = cli.main(["doctor", "--config", str(kiosk / "kiosk.yaml"), "--state", str(tmp_path / "state"),
                     "--input-devices", str(kiosk / "devices")])
    out = capsys.readouterr().out
    # Then the config line FAILs and the detail below it names the file and line
    assert code == 1
    assert any(line.startswith("FAIL config:") for line in out.splitlines())
    assert "kiosk.yaml:6:" in out


def test_no_touch_screen_is_only_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a machine with a keyboard and a touchpad but no touch screen
    kiosk = make_kiosk(tmp_path / "kiosk")
    (kiosk / "devices").write_text(DEVICES.split("\n\n", 1)[1])
    # When doctor runs
    code, lines = doctor(kiosk, tmp_path / "state", capsys)
    # Then touch WARNs (a mouse works too) and the exit code stays 0
    assert code == 0
    assert lines["touch"].startswith(WARN) and "USB" in lines["touch"]


def test_touch_screens_are_told_apart_from_touchpads_and_keyboards(tmp_path: Path) -> None:
    # Given the kernel's list of input devices
    path = tmp_path / "devices"
    path.write_text(DEVICES)
    # When each is classified
    found = {b["name"]: is_touchscreen(b) for b in read_input_devices(path)}
    # Then only the touch screen counts
    assert found == {"ILITEK ILITEK-TP": True, "SYNA7DB5:01 06CB:7E7E Touchpad": False,
                     "Logitech USB Keyboard": False}


def test_a_screen_that_cannot_open_fails_with_advice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Given SDL cannot open any screen with the chosen driver
    def refuse() -> None:
        raise pygame.error("kmsdrm not available")

    monkeypatch.setattr(pygame.display, "init", refuse)
    inputs = DoctorInputs(KioskConfig(), tmp_path / "kiosk.yaml", [], tmp_path, tmp_path, tmp_path, tmp_path,
                          environ={"SDL_VIDEODRIVER": "no-such-driver"})
    # When the display is checked
    check = check_display(inputs)
    # Then it FAILs, quotes SDL's reason and says what to try
    assert check.status == FAIL
    assert "kmsdrm not available" in check.message and "unset it" in check.message
