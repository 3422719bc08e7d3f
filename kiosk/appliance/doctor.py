"""`kiosk doctor`: check the machine and the content, one plain line per check, each with what to do.

  OK   display: kmsdrm, screen 1920x1080
  WARN touch: no touch screen found; the kiosk also works with a mouse. If the screen has touch, ...
  FAIL scenes: 2 errors in the scene files; run `kiosk check` to see each one with its file and line

Exit 1 when a check FAILs (something needs fixing before the kiosk works well), 0 otherwise: a WARN is
worth reading but the kiosk runs. Checks never raise; a check that crashes is itself reported as FAIL.

Longer than 400 lines on purpose: one short function per thing an installer can get wrong (display, touch,
fonts, audio, config, scenes, disk, logs), read top to bottom like the checklist it prints.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from kiosk.content.config import KioskConfig
from kiosk.content.problems import Problem

OK, WARN, FAIL = "OK", "WARN", "FAIL"
INPUT_DEVICES = Path("/proc/bus/input/devices")
FONT_SUFFIXES = (".ttf", ".otf")
FONT_SAMPLE = "Aa Ññ é ¿? 123"
DISK_FAIL_BYTES = 50_000_000
DISK_WARN_BYTES = 500_000_000
MAX_DETAILS = 8

# Linux input event codes (linux/input-event-codes.h)
_ABS_X = 0x00
_ABS_MT_POSITION_X = 0x35
_BTN_TOUCH = 0x14A
_PROP_POINTER = 0x00
_PROP_DIRECT = 0x01


@dataclass(frozen=True)
class Check:
    status: str
    name: str
    message: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.status:<4} {self.name}: {self.message}"

    def lines(self) -> list[str]:
        shown = list(self.details[:MAX_DETAILS])
        if len(self.details) > MAX_DETAILS:
            shown.append(f"... and {len(self.details) - MAX_DETAILS} more")
        return [str(self)] + [f"       {d}" for d in shown]


@dataclass
class DoctorInputs:
    """Everything the checks look at, so tests can point them at a temporary setup."""

    config: KioskConfig
    config_path: Path
    config_problems: Sequence[Problem]
    scenes_dir: Path
    art_dir: Path
    root: Path
    state: Optional[Path]
    state_error: str = ""
    input_devices: Path = INPUT_DEVICES
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)


# --- display and touch -----------------------------------------------------------------------------------------
def _pygame():  # type: ignore[no-untyped-def]
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    return pygame


def check_display(inp: DoctorInputs) -> Check:
    pygame = _pygame()
    wanted = inp.environ.get("SDL_VIDEODRIVER", "")
    tried = ""
    if not wanted and not (inp.environ.get("DISPLAY") or inp.environ.get("WAYLAND_DISPLAY")):
        # No desktop here: check what the kms service will use, not SDL's fallback that draws nowhere.
        wanted = tried = "kmsdrm"
        os.environ["SDL_VIDEODRIVER"] = wanted
    try:
        with _quiet_stderr():
            pygame.display.init()
    except pygame.error as exc:
        how = f" with SDL_VIDEODRIVER={tried} (what the service uses without a desktop)" if tried else ""
        return Check(FAIL, "display", f"cannot open the screen{how} ({exc}); {_display_advice(wanted, inp.environ)}")
    finally:
        if tried:
            os.environ.pop("SDL_VIDEODRIVER", None)
    driver = pygame.display.get_driver()
    sizes = pygame.display.get_desktop_sizes()
    if not sizes:
        return Check(FAIL, "display", f"{driver} found no screen; check the screen is on and its HDMI cable is in "
                                      "the Pi's first HDMI port (next to the power socket), then run doctor again")
    size = "x".join(str(v) for v in sizes[0])
    more = f" (+{len(sizes) - 1} more screen{'s' * (len(sizes) > 2)})" if len(sizes) > 1 else ""
    rotate = inp.config.display.rotate
    w, h = sizes[0]
    if rotate in (90, 270):
        w, h = h, w
    shape = "portrait" if h > w else "landscape"
    turned = f", drawn turned {rotate}° (display.rotate)" if rotate else ""
    if driver in ("dummy", "offscreen"):
        if driver == wanted:
            return Check(WARN, "display", f"SDL_VIDEODRIVER={driver} draws nowhere (it is for tests); unset it, or "
                                          "set SDL_VIDEODRIVER=kmsdrm to run without a desktop")
        return Check(FAIL, "display", f"no real screen: SDL could only draw {driver}; "
                                      + _display_advice(wanted, inp.environ))
    return Check(OK, "display", f"{driver}, screen {size}{more}: {shape}{turned}")


class _quiet_stderr:
    """Silence the C libraries' own chatter (ALSA, EGL) while SDL probes devices; our line says what matters."""

    def __enter__(self) -> None:
        self._saved = -1
        try:
            sys.stderr.flush()
            self._saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            self._saved = -1

    def __exit__(self, *exc: object) -> None:
        if self._saved >= 0:
            os.dup2(self._saved, 2)
            os.close(self._saved)


def check_present(inp: DoctorInputs) -> Check:
    """How frames will reach the screen (kiosk/appliance/present.py decides the same way at start)."""
    from kiosk.appliance.present import HINT, choose_present_path, gpu_render_nodes, x_server_name
    path = choose_present_path(inp.environ, gpu_render_nodes(), x_server_name(inp.environ))
    if path.name == "as set" and inp.environ.get(HINT, "") not in ("0", "software") and not gpu_render_nodes():
        return Check(WARN, "present", f"{path.reason}, but no GPU was found: OpenGL would run in software and cost "
                                      f"about five times the CPU; unset {HINT} to let the kiosk choose")
    return Check(OK, "present", path.describe())


def _display_advice(wanted: str, environ: Mapping[str, str]) -> str:
    if wanted == "kmsdrm":
        cards = sorted(Path("/dev/dri").glob("card*")) if Path("/dev/dri").is_dir() else []
        if not cards:
            return ("there is no /dev/dri/card*: the graphics driver is off. On a Raspberry Pi make sure "
                    "/boot/firmware/config.txt has  dtoverlay=vc4-kms-v3d  and reboot")
        if not all(os.access(c, os.R_OK | os.W_OK) for c in cards):
            return ("this user may not use the screen: run  sudo usermod -aG video,render,input $USER  and log in "
                    "again (the service adds these groups itself)")
        return ("a desktop may be holding the screen: either boot to the console (sudo raspi-config → System "
                "Options → Boot / Auto Login → Console Autologin) or install the service with --desktop")
    if wanted:
        return (f"SDL_VIDEODRIVER={wanted} is not available here; unset it, or use kmsdrm (no desktop) or "
                "x11/wayland (inside a desktop)")
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return ("no desktop here (run from SSH?): try  SDL_VIDEODRIVER=kmsdrm kiosk doctor  on a Pi that boots to "
                "the console, or run doctor from a terminal on the kiosk's own desktop")
    return "the desktop refused the connection; run doctor from a terminal on the kiosk's own screen"


def read_input_devices(path: Path) -> list[dict[str, str]]:
    """Parse /proc/bus/input/devices into blocks: {'name': ..., 'ABS': hex words, 'KEY': ..., 'PROP': ...}."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    blocks: list[dict[str, str]] = []
    for chunk in text.split("\n\n"):
        block: dict[str, str] = {}
        for line in chunk.splitlines():
            if line.startswith("N: Name="):
                block["name"] = line[len("N: Name="):].strip().strip('"')
            elif line.startswith("B: ") and "=" in line:
                key, _, value = line[3:].partition("=")
                block[key.strip()] = value.strip()
            elif line.startswith("H: Handlers="):
                block["handlers"] = line[len("H: Handlers="):].strip()
        if block:
            blocks.append(block)
    return blocks


def _bits(words: str) -> int:
    """A bitmap as printed by the kernel: hex longs, most significant first, leading zero words dropped."""
    width = struct.calcsize("l") * 2
    try:
        return int("".join(w.zfill(width) for w in words.split()) or "0", 16)
    except ValueError:
        return 0


def is_touchscreen(block: Mapping[str, str]) -> bool:
    abs_bits, key_bits, props = _bits(block.get("ABS", "")), _bits(block.get("KEY", "")), _bits(block.get("PROP", ""))
    if props >> _PROP_POINTER & 1 and not props >> _PROP_DIRECT & 1:
        return False  # a touchpad: moves a pointer, it is not the screen
    multi = bool(abs_bits >> _ABS_MT_POSITION_X & 1)
    single = bool(key_bits >> _BTN_TOUCH & 1 and abs_bits >> _ABS_X & 1)
    return multi or single


def check_touch(inp: DoctorInputs, display_ok: bool) -> Check:
    names = [b.get("name", "?") for b in read_input_devices(inp.input_devices) if is_touchscreen(b)]
    sdl_count = 0
    if display_ok:
        try:
            from pygame._sdl2 import touch
            sdl_count = touch.get_num_devices()
        except Exception:
            sdl_count = 0
    if names:
        extra = "; rotate it with the screen (see docs/install.md, Portrait)" if inp.config.display.rotate else ""
        return Check(OK, "touch", f"{len(names)} touch screen{'s' * (len(names) != 1)}: {', '.join(names)}{extra}")
    if sdl_count:
        return Check(OK, "touch", f"{sdl_count} touch device{'s' * (sdl_count != 1)} seen by SDL")
    return Check(WARN, "touch", "no touch screen found; the kiosk also works with a mouse. If the screen has "
                                "touch, connect its USB touch cable too (HDMI carries only the picture) and run "
                                "doctor again")


# --- files ----------------------------------------------------------------------------------------------------------
def check_fonts(inp: DoctorInputs) -> Check:
    folder = inp.art_dir / "fonts"
    if not folder.is_dir():
        return Check(FAIL, "fonts", f"the fonts folder {folder} is missing; copy art/fonts back from a fresh "
                                    "download of the kiosk (it holds Andika-Regular.ttf and Andika-Bold.ttf)")
    files = sorted(f for f in folder.iterdir() if f.suffix.lower() in FONT_SUFFIXES and f.is_file())
    if not files:
        return Check(FAIL, "fonts", f"no .ttf or .otf font in {folder}; copy Andika-Regular.ttf and "
                                    "Andika-Bold.ttf back into it")
    pygame = _pygame()
    pygame.font.init()
    broken: list[str] = []
    for f in files:
        try:
            pygame.font.Font(str(f), 32).render(FONT_SAMPLE, True, (0, 0, 0))
        except (pygame.error, OSError, ValueError) as exc:
            broken.append(f"{f.name}: {exc}")
    good = len(files) - len(broken)
    if not good:
        return Check(FAIL, "fonts", f"no font in {folder} could be read; replace the files with fresh copies",
                     tuple(broken))
    if broken:
        return Check(WARN, "fonts", f"{len(broken)} font file{'s' * (len(broken) != 1)} could not be read; "
                                    "replace or remove them", tuple(broken))
    return Check(OK, "fonts", f"{good} font{'s' * (good != 1)} in {folder.name}/ load and draw")


def check_audio(inp: DoctorInputs) -> Check:
    pygame = _pygame()
    was_on = pygame.mixer.get_init() is not None
    try:
        if not was_on:
            with _quiet_stderr():
                pygame.mixer.init()
        freq, _, channels = pygame.mixer.get_init()
    except pygame.error as exc:
        if inp.config.sound.enabled:
            return Check(WARN, "audio", f"no sound device ({exc}) but sound.enabled is true in kiosk.yaml: the kiosk "
                                        "runs silent (no narration, no button sounds); connect speakers or pick "
                                        "the audio output (sudo raspi-config → System Options → Audio), or set "
                                        "sound.enabled: false")
        return Check(WARN, "audio", f"no sound device ({exc}); fine while the kiosk is muted (sound.enabled: false), "
                                    "but captions cannot be read aloud")
    finally:
        if not was_on:
            pygame.mixer.quit()
    sound = inp.config.sound
    state = f"on, captions read aloud: {sound.narration}" if sound.enabled else "off in kiosk.yaml"
    return Check(OK, "audio", f"sound device ready ({freq} Hz, {channels} channels); sound is {state}")


def check_config(inp: DoctorInputs) -> Check:
    if not inp.config_path.exists():
        return Check(WARN, "config", f"no settings file at {inp.config_path}: built-in defaults are used; copy "
                                     "kiosk.yaml from the checkout there and fill in the clinic's details "
                                     "(docs/configuration.md)")
    errors = [p for p in inp.config_problems if p.is_error]
    details = tuple(str(p) for p in sorted(inp.config_problems, key=lambda p: (p.line, p.column)))
    if errors:
        return Check(FAIL, "config", f"{len(errors)} mistake{'s' * (len(errors) != 1)} in {inp.config_path.name} "
                                     "(each wrong value falls back to its default); fix the lines below", details)
    if details:
        return Check(WARN, "config", f"{len(details)} warning{'s' * (len(details) != 1)} in "
                                     f"{inp.config_path.name}; see below", details)
    return Check(OK, "config", f"{inp.config_path.name} read without mistakes")


def check_clinic(inp: DoctorInputs) -> Check:
    default = KioskConfig().clinic
    clinic = inp.config.clinic
    if clinic.name == default.name or clinic.phone == default.phone:
        return Check(WARN, "clinic", "the clinic's name or phone is still the example; set clinic: name and phone "
                                     "in kiosk.yaml (docs/staff-guide.md)")
    from kiosk.appliance.pin import hash_problem, read_pin_file
    pin_hash = read_pin_file(inp.state) or inp.config.staff.pin_hash
    if not pin_hash:
        return Check(WARN, "clinic", f"{clinic.name}: no staff PIN yet; run  kiosk set-pin  so staff can open the "
                                     "staff menu")
    damaged = hash_problem(pin_hash)
    if damaged:
        return Check(FAIL, "clinic", f"{clinic.name}: {damaged} (until then staff cannot open the staff menu)")
    return Check(OK, "clinic", f"{clinic.name}, {clinic.phone}; staff PIN is set")


def check_scenes(inp: DoctorInputs) -> Check:
    from kiosk.content.library import load_library
    lib = load_library(inp.scenes_dir, inp.art_dir, inp.config.languages, inp.config.default_language,
                       shown_base=inp.root)
    errors, warnings = lib.errors, lib.warnings
    if errors:
        return Check(FAIL, "scenes", f"{len(errors)} error{'s' * (len(errors) != 1)} in the scene files; run  "
                                     "kiosk check  to see each one with its file, line and how to fix it",
                     tuple(str(p) for p in errors))
    if not lib.scenes:
        return Check(FAIL, "scenes", f"no scenes in {inp.scenes_dir}; copy the scenes folder back or point "
                                     "content: scenes in kiosk.yaml at it")
    count = f"{len(lib.scenes)} scene{'s' * (len(lib.scenes) != 1)} ({len(lib.playlist)} shown), " \
            f"{lib.step_count()} steps"
    if warnings:
        return Check(WARN, "scenes", f"{count}; {len(warnings)} warning{'s' * (len(warnings) != 1)}: run  kiosk "
                                     "check  to read them")
    return Check(OK, "scenes", count)


def check_disk(inp: DoctorInputs) -> Check:
    if inp.state is None:
        return Check(FAIL, "disk", f"no state folder ({inp.state_error}); give one with --state DIR or fix the "
                                   "folder's owner")
    try:
        free = shutil.disk_usage(inp.state).free
    except OSError as exc:
        return Check(FAIL, "disk", f"cannot read free space of {inp.state} ({exc.strerror or exc})")
    shown = f"{free / 1e9:.1f} GB" if free >= 1e9 else f"{free / 1e6:.0f} MB"
    if free < DISK_FAIL_BYTES:
        return Check(FAIL, "disk", f"only {shown} free where the kiosk writes ({inp.state}); delete old files "
                                   "or use a bigger SD card")
    if free < DISK_WARN_BYTES:
        return Check(WARN, "disk", f"{shown} free in {inp.state}; the kiosk needs little, but free some space soon")
    return Check(OK, "disk", f"{shown} free in {inp.state}")


def check_logs(inp: DoctorInputs) -> Check:
    if inp.state is None:
        return Check(FAIL, "logs", f"no state folder for logs ({inp.state_error})")
    folder = inp.state / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as exc:
        return Check(FAIL, "logs", f"cannot write the log folder {folder} ({exc.strerror or exc}); give it to the "
                                   f"kiosk's user:  sudo chown -R {_user()} {inp.state}")
    return Check(OK, "logs", f"log folder {folder} is writable")


def _user() -> str:
    try:
        import getpass
        return getpass.getuser()
    except Exception:
        return "$USER"


# --- all together ----------------------------------------------------------------------------------------------
def _safely(name: str, fn: Callable[[], Check]) -> Check:
    try:
        return fn()
    except Exception as exc:  # a doctor that crashes helps no one: report it and carry on
        return Check(FAIL, name, f"the check itself failed ({type(exc).__name__}: {exc}); please report this")


def run_checks(inp: DoctorInputs) -> list[Check]:
    pygame = _pygame()
    display_was_on = pygame.display.get_init()
    checks = [_safely("display", lambda: check_display(inp))]
    display_ok = checks[0].status != FAIL
    checks.append(_safely("touch", lambda: check_touch(inp, display_ok)))
    if not display_was_on:
        pygame.display.quit()
    checks += [
        _safely("present", lambda: check_present(inp)),
        _safely("fonts", lambda: check_fonts(inp)),
        _safely("audio", lambda: check_audio(inp)),
        _safely("config", lambda: check_config(inp)),
        _safely("clinic", lambda: check_clinic(inp)),
        _safely("scenes", lambda: check_scenes(inp)),
        _safely("disk", lambda: check_disk(inp)),
        _safely("logs", lambda: check_logs(inp)),
        _safely("usage", lambda: check_usage(inp)),
    ]
    return checks


def check_usage(inp: DoctorInputs) -> Check:
    """The usage counts database opens and reads (a damaged one once gave `kiosk stats` a traceback)."""
    import sqlite3

    from kiosk.appliance.usage import DB_NAME, read_rows
    if inp.state is None or not (inp.state / DB_NAME).exists():
        return Check(OK, "usage", "no usage counts yet (the kiosk starts counting when it runs)")
    try:
        rows = read_rows(inp.state / DB_NAME, 7)
    except (sqlite3.Error, OSError) as exc:
        return Check(WARN, "usage", f"the usage counts in {inp.state / DB_NAME} cannot be read ({exc}); the kiosk "
                                    "moves a damaged file aside and starts a new one at its next start")
    return Check(OK, "usage", f"usage counts readable ({len(rows)} rows in the last 7 days)")


def exit_code(checks: Sequence[Check]) -> int:
    return 1 if any(c.status == FAIL for c in checks) else 0


def report(checks: Sequence[Check]) -> str:
    lines = [line for c in checks for line in c.lines()]
    fails = sum(c.status == FAIL for c in checks)
    warns = sum(c.status == WARN for c in checks)
    if fails:
        lines.append(f"{fails} thing{'s' * (fails != 1)} to fix (FAIL above), {warns} warning{'s' * (warns != 1)}.")
    elif warns:
        lines.append(f"Nothing to fix; {warns} warning{'s' * (warns != 1)} worth a look.")
    else:
        lines.append("All good.")
    return "\n".join(lines) + "\n"


__all__ = ["Check", "DoctorInputs", "run_checks", "exit_code", "report", "read_input_devices", "is_touchscreen",
           "OK", "WARN", "FAIL"]
