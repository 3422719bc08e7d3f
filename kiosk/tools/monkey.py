"""`kiosk monkey`: a seeded storm of everything a waiting room can throw at the kiosk, against the real App.

The app runs headless (SDL dummy driver) in full-screen mode, the way it runs in a clinic, on a `FakeClock`.
Input goes in as real pygame events: taps, swipes, long presses, several fingers at once, the mouse events SDL
makes from touches, real mouse clicks and wheels, keys (Esc, Alt+F4, letters, digits, arrows), window events
(focus lost, size changed to the same size, QUIT), the hidden staff chord followed by wrong PINs, idle gaps
longer than the idle time, and edits to a copy of the scene files and kiosk.yaml (good ones and broken ones,
then restored) that the app notices through its watcher.

It fails (exit 1) on:
- any exception: one escaping `App.frame()`, or an ERROR record logged by a `kiosk.*` logger (the app logs
  "unexpected error" and carries on, which hides a crash from a child but not from us);
- the app exiting (`exit_code` set, or quit requested) although the staff PIN was never entered, or the staff
  menu opening without it;
- resident memory growing more than `--max-growth-mb` between the end of the warm-up and the end;
- the kiosk not answering at the end (after an idle reset a tap must open the menu), or the content not coming
  back once every edit is undone.

Every event kind, coordinate and pause comes from one `random.Random(seed)`: the same seed replays the same
storm, so a failure is reproducible with `kiosk monkey --seed S --events N`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import pygame

from kiosk import CHECKOUT
from kiosk.app.clock import FakeClock
from kiosk.tools.bench import headless

FRAME = 1 / 60
MAX_GROWTH_MB = 25.0
WARMUP_FRACTION = 0.2
PIN_ITERATIONS = 1000        # a cheap hash: the storm checks many wrong PINs
RECENT = 80                  # events remembered for a failure report


# --- what went wrong ---------------------------------------------------------------------------------------
class ErrorCounter(logging.Handler):
    """Counts ERROR (and worse) records from kiosk.* loggers; keeps the first few with what led to them."""

    def __init__(self, recent: deque, keep: int = 8) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.recent = recent
        self.keep = keep
        self.samples: list[dict[str, Any]] = []
        self._seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        detail = record.getMessage()
        if record.exc_info:
            detail += "\n" + "".join(traceback.format_exception(*record.exc_info))
        signature = detail.strip().splitlines()[-1] if detail.strip() else detail
        if len(self.samples) < self.keep and signature not in self._seen:
            self._seen.add(signature)
            self.samples.append({"logger": record.name, "error": detail, "events_before": list(self.recent)[-30:]})


class FlagWatcher:
    """Stands in for the content watcher: says 'changed' once after the monkey edits a file."""

    def __init__(self) -> None:
        self.changed = False

    def poll(self, now: float) -> bool:
        changed, self.changed = self.changed, False
        return changed


@dataclass
class MonkeyReport:
    events: int = 0
    exceptions: int = 0
    exits: int = 0
    rss_growth_mb: float = 0.0
    seed: int = 0
    frames: int = 0
    seconds: float = 0.0
    events_per_second: float = 0.0
    rss_start_mb: float = 0.0
    rss_after_warmup_mb: float = 0.0
    rss_end_mb: float = 0.0
    art_cache_growth_mb: float = 0.0
    simulated_seconds: float = 0.0
    pin_pad_opened: int = 0
    wrong_pins: int = 0
    staff_without_pin: int = 0
    edits: int = 0
    broken_edits: int = 0
    idle_gaps: int = 0
    idle_resets: int = 0
    game_gestures: int = 0       # drags, rubs, holds and two-handed gestures made at a game step
    turns_done: int = 0          # game steps those gestures completed
    content_restored: bool = True
    responsive_at_end: bool = True
    screens: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    exit_details: list[dict[str, Any]] = field(default_factory=list)
    max_growth_mb: float = MAX_GROWTH_MB

    @property
    def failures(self) -> list[str]:
        out = []
        if self.exceptions:
            out.append(f"{self.exceptions} exception(s)")
        if self.exits:
            out.append(f"the app exited {self.exits} time(s) without the staff PIN")
        if self.staff_without_pin:
            out.append(f"the staff menu opened {self.staff_without_pin} time(s) without the PIN")
        if self.unexplained_growth_mb > self.max_growth_mb:
            out.append(f"memory grew {self.rss_growth_mb:.1f} MB after warm-up, {self.unexplained_growth_mb:.1f} MB "
                       f"of it outside the art cache (limit {self.max_growth_mb:g} MB)")
        if not self.content_restored:
            out.append("the scenes did not come back after every edit was undone")
        if not self.responsive_at_end:
            out.append("the kiosk did not answer a tap at the end")
        return out

    @property
    def unexplained_growth_mb(self) -> float:
        """Growth the art cache (bounded by its budget) does not account for: what a leak would look like."""
        return round(self.rss_growth_mb - max(self.art_cache_growth_mb, 0.0), 2)

    @property
    def passed(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["unexplained_growth_mb"] = self.unexplained_growth_mb
        d["passed"] = self.passed
        d["failures"] = self.failures
        return d


# --- content edits -----------------------------------------------------------------------------------------
class ContentEditor:
    """Edits a copy of the content folder, good edits and broken ones, and puts every file back on request."""

    def __init__(self, rng: random.Random, scenes: Path, config: Path) -> None:
        self.rng = rng
        self.scenes = scenes
        self.config = config
        self.originals: dict[Path, Optional[bytes]] = {}   # None: the file did not exist

    def _remember(self, path: Path) -> None:
        if path not in self.originals:
            self.originals[path] = path.read_bytes() if path.exists() else None

    def _write(self, path: Path, data: bytes) -> None:
        self._remember(path)
        path.write_bytes(data)
        self._bump(path)

    @staticmethod
    def _bump(path: Path) -> None:
        # Same size and the same coarse mtime must still look changed to mtime-and-size checks.
        try:
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        except OSError:
            pass

    def restore(self) -> bool:
        """Put every edited file back; True if anything changed."""
        if not self.originals:
            return False
        for path, data in self.originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
                self._bump(path)
        self.originals.clear()
        return True

    def scene_files(self) -> list[Path]:
        return sorted(p for p in self.scenes.glob("*.yaml") if p.name not in ("playlist.yaml", "faq.yaml"))

    def edit(self) -> tuple[str, bool]:
        """One random edit; (what was done, whether it breaks something)."""
        files = self.scene_files()
        kinds: list[tuple[str, bool, Callable[[], None]]] = []
        if files:
            f = self.rng.choice(files)
            original = self.originals.get(f)
            text = (original if original is not None else f.read_bytes()).decode("utf-8", "replace")
            kinds += [
                ("caption changed", False, lambda: self._write(f, _change_caption(text, self.rng).encode())),
                ("duration changed", False, lambda: self._write(f, _change_duration(text, self.rng).encode())),
                ("new scene added", False, lambda: self._new_scene(text)),
                ("invalid YAML", True, lambda: self._write(f, (text + "\n  steps: [oops\n\t: :\n").encode())),
                ("unknown key", True, lambda: self._write(f, text.replace("\nsteps:", "\ncolour: red\nsteps:", 1)
                                                          .encode())),
                ("unknown key in animate", True, lambda: self._write(f, text.replace("duration:", "duraton:", 1)
                                                                     .encode())),
                ("wrong type", True, lambda: self._write(f, text.replace("\nsteps:", "\nsteps: 5\nold_steps:", 1)
                                                         .encode())),
                ("missing art", True, lambda: self._write(f, text.replace(".svg", "-gone.svg", 3).encode())),
                ("empty file", True, lambda: self._write(f, b"")),
                ("binary garbage", True, lambda: self._write(f, bytes(self.rng.randrange(256) for _ in range(300)))),
                ("file deleted", True, lambda: self._delete(f)),
                ("half-written file", True, lambda: self._write(f, text[: len(text) // 2].encode())),
                ("duplicate id", True, lambda: self._write(self.scenes / "zz-copy.yaml", text.encode())),
            ]
        playlist = self.scenes / "playlist.yaml"
        if playlist.exists():
            ptext = playlist.read_text("utf-8", "replace")
            ids = [line.strip()[2:].strip() for line in ptext.splitlines() if line.strip().startswith("- ")]
            if ids:
                victim = self.rng.choice(ids)
                kinds += [
                    ("scene disabled", False, lambda: self._write(playlist, ptext.replace(
                        "disabled: []", f"disabled: [{victim}]").encode())),
                    ("playlist reordered", False, lambda: self._write(playlist, _reorder(ptext, ids, self.rng)
                                                                      .encode())),
                    ("playlist names a missing scene", True, lambda: self._write(playlist, ptext.replace(
                        f"- {victim}", f"- {victim}-nope", 1).encode())),
                    ("playlist broken", True, lambda: self._write(playlist, b"order: {[}\n")),
                ]
        faq = self.scenes / "faq.yaml"
        if faq.exists():
            kinds.append(("faq broken", True, lambda: self._write(faq, b"questions:\n  - question: 5\n")))
        kinds += [
            ("clinic name changed", False, lambda: self._config("clinic:\n  name: \"Tooth Town Kids\"\n")),
            ("languages changed", False, lambda: self._config("languages: [es, en]\ndefault_language: es\n")),
            ("one language", False, lambda: self._config("languages: [en]\n")),
            ("idle time changed", False, lambda: self._config("idle_seconds: 10\nstill_watching_seconds: 3\n")),
            ("screen rotated", False, lambda: self._config(f"display:\n  rotate: {self.rng.choice([90, 180, 270])}\n")),
            ("reduce motion", False, lambda: self._config("display:\n  reduce_motion: true\n")),
            ("config broken", True, lambda: self._config("display: [\n")),
            ("config unknown key", True, lambda: self._config("colour: red\nidle_seconds: -5\n")),
        ]
        name, broken, apply = self.rng.choice(kinds)
        apply()
        return name, broken

    def _delete(self, path: Path) -> None:
        self._remember(path)
        path.unlink(missing_ok=True)

    def _new_scene(self, text: str) -> None:
        import re
        new_id = f"monkey-{self.rng.randrange(10_000)}"
        body = re.sub(r"(?m)^id:.*$", f"id: {new_id}", text, count=1)
        self._write(self.scenes / f"{new_id}.yaml", body.encode())

    def _config(self, addition: str) -> None:
        """kiosk.yaml as first written (with the PIN hash), with these top-level settings replaced or added."""
        self._remember(self.config)
        base = (self.originals[self.config] or b"").decode("utf-8")
        keep = "\n".join(line for line in base.splitlines()
                         if not line.startswith(tuple(k.split(":")[0] + ":" for k in addition.splitlines()
                                                      if k and not k.startswith(" "))))
        self.config.write_text(keep + "\n" + addition, encoding="utf-8")
        self._bump(self.config)


def _change_caption(text: str, rng: random.Random) -> str:
    marker = 'en: "'
    at = text.find(marker)
    if at < 0:
        return text + "\n"
    at += len(marker)
    return text[:at] + rng.choice(["Look! ", "Wow! ", "See? ", "¡Mira! "]) + text[at:]


def _change_duration(text: str, rng: random.Random) -> str:
    import re
    return re.sub(r"duration: [0-9.]+", f"duration: {rng.choice(['0.5', '1', '2.5', '4'])}", text, count=1)


def _reorder(text: str, ids: list[str], rng: random.Random) -> str:
    shuffled = ids[:]
    rng.shuffle(shuffled)
    lines = text.splitlines()
    out, i = [], 0
    for line in lines:
        if line.strip().startswith("- ") and i < len(shuffled):
            out.append(line[: line.index("- ") + 2] + shuffled[i])
            i += 1
        else:
            out.append(line)
    return "\n".join(out) + "\n"


# --- the storm ---------------------------------------------------------------------------------------------
LETTERS = "abcdefghijklmnopqrstuvwxyz"
KEYS: list[tuple[str, int, int, str]] = (
    [("escape", pygame.K_ESCAPE, 0, "\x1b"), ("alt+f4", pygame.K_F4, pygame.KMOD_LALT, ""),
     ("alt+f4", pygame.K_F4, pygame.KMOD_ALT, ""), ("left", pygame.K_LEFT, 0, ""), ("right", pygame.K_RIGHT, 0, ""),
     ("up", pygame.K_UP, 0, ""), ("down", pygame.K_DOWN, 0, ""), ("return", pygame.K_RETURN, 0, "\r"),
     ("enter", pygame.K_KP_ENTER, 0, "\r"), ("space", pygame.K_SPACE, 0, " "),
     ("backspace", pygame.K_BACKSPACE, 0, "\b"), ("tab", pygame.K_TAB, 0, "\t"), ("f11", pygame.K_F11, 0, ""),
     ("ctrl+q", pygame.K_q, pygame.KMOD_CTRL, "\x11"), ("ctrl+c", pygame.K_c, pygame.KMOD_CTRL, "\x03"),
     ("alt+tab", pygame.K_TAB, pygame.KMOD_ALT, ""), ("super", pygame.K_LGUI, 0, "")]
    + [(c, getattr(pygame, f"K_{c}"), 0, c) for c in LETTERS]
    + [(d, getattr(pygame, f"K_{d}"), 0, d) for d in "0123456789"]
    + [(f"kp{d}", getattr(pygame, f"K_KP{d}", pygame.K_0), 0, d) for d in "0123456789"]
)
WINDOW_EVENTS = ["WINDOWFOCUSLOST", "WINDOWFOCUSGAINED", "WINDOWSIZECHANGED", "WINDOWRESIZED", "VIDEORESIZE",
                 "WINDOWLEAVE", "WINDOWENTER", "WINDOWSHOWN", "WINDOWEXPOSED", "VIDEOEXPOSE", "WINDOWMINIMIZED",
                 "WINDOWRESTORED", "WINDOWMOVED", "ACTIVEEVENT", "WINDOWTAKEFOCUS", "WINDOWHIDDEN"]


class Monkey:
    def __init__(self, events: int, seed: int, scenes_dir: Path, art_dir: Path, work: Path,
                 max_growth_mb: float = MAX_GROWTH_MB, progress: Callable[[str], None] = lambda m: None,
                 app_factory: Optional[Callable[..., Any]] = None) -> None:
        from kiosk.app.loop import App, AppOptions
        from kiosk.appliance.pin import hash_pin
        self.target = events
        self.seed = seed
        self.rng = random.Random(seed)
        self.progress = progress
        self.report = MonkeyReport(seed=seed, max_growth_mb=max_growth_mb)
        self.recent: deque = deque(maxlen=RECENT)
        self.errors = ErrorCounter(self.recent)
        # A copy of the content: edits never touch the real scenes.
        scenes = work / "scenes"
        shutil.copytree(scenes_dir, scenes)
        self.config_path = work / "kiosk.yaml"
        self.pin = "".join(self.rng.choice("0123456789") for _ in range(8))
        self.config_path.write_text(
            "# written by kiosk monkey\nidle_seconds: 90\nstaff:\n"
            f"  pin_hash: \"{hash_pin(self.pin, iterations=PIN_ITERATIONS)}\"\n", encoding="utf-8")
        self.editor = ContentEditor(self.rng, scenes, self.config_path)
        self.watcher = FlagWatcher()
        self.clock = FakeClock()
        self._idle_resets_seen = 0
        pygame.display.init()
        pygame.event.clear()
        factory = app_factory or App
        self.app = factory(AppOptions(self.config_path, scenes, art_dir, work / "state", windowed=False),
                           self.clock, usage=self._usage, watcher=self.watcher)
        self.app.ctx.pin_guard.iterations = PIN_ITERATIONS   # the code's choice, as the hash above
        self.initial_scenes = len(self.app.ctx.library.scenes)
        self.fingers_down: dict[tuple[int, int], tuple[float, float]] = {}

    # --- plumbing ------------------------------------------------------------------------------------
    def _usage(self, kind: str, detail: str) -> None:
        if kind == "idle_reset":
            self.report.idle_resets += 1

    def post(self, kind: int, **attrs: Any) -> None:
        self.report.events += 1
        self.recent.append((round(self.clock.now() - 1000.0, 3), pygame.event.event_name(kind),
                            {k: (round(v, 3) if isinstance(v, float) else v) for k, v in attrs.items()
                             if k not in ("window", "dx", "dy", "pressure", "scancode", "rel", "buttons")}))
        pygame.event.post(pygame.event.Event(kind, **attrs))

    def note(self, what: str) -> None:
        """Something that is not an input event but counts as one (an idle gap, an edit)."""
        self.report.events += 1
        self.recent.append((round(self.clock.now() - 1000.0, 3), what, {}))

    def frame(self, dt: Optional[float] = None) -> None:
        if dt is None:
            r = self.rng.random()
            dt = FRAME if r < 0.7 else (self.rng.uniform(0.002, 0.05) if r < 0.9 else self.rng.uniform(0.05, 0.5))
        self.clock.advance(dt)
        app = self.app
        try:
            app.frame()
        except Exception:  # noqa: BLE001  (anything escaping the main loop is a crash in the clinic)
            self.errors.emit(logging.LogRecord("kiosk.tools.monkey", logging.ERROR, __file__, 0,
                                               "exception escaped App.frame()", None, sys.exc_info()))
        self.report.frames += 1
        name = getattr(app.nav.screen, "name", "?")
        self.report.screens[name] = self.report.screens.get(name, 0) + 1
        if name == "staff":
            self.report.staff_without_pin += 1
            self._record_exit("staff menu open without the PIN")
            app.nav.go_home()
        if app.exit_code is not None or getattr(app.nav, "quit_requested", False):
            self.report.exits += 1
            self._record_exit(f"exit_code={app.exit_code} quit_requested={app.nav.quit_requested}")
            app.exit_code = None
            app.nav.quit_requested = False

    def _record_exit(self, what: str) -> None:
        if len(self.report.exit_details) < 8:
            self.report.exit_details.append({"what": what, "events_before": list(self.recent)[-30:]})

    def frames(self, n: int, dt: Optional[float] = None) -> None:
        for _ in range(n):
            self.frame(dt)

    @property
    def size(self) -> tuple[int, int]:
        return self.app.display.get_size()

    def point(self) -> tuple[float, float]:
        """Display pixels: often on a button of the screen that is up, else anywhere, sometimes on the edge."""
        w, h = self.size
        r = self.rng.random()
        if r < 0.5:
            buttons = [b for b in getattr(self.app.nav.screen, "buttons", []) if getattr(b, "rect", None)]
            if buttons:
                rect = self.rng.choice(buttons).rect
                x = self.rng.uniform(rect.left, max(rect.left, rect.right - 1))
                y = self.rng.uniform(rect.top, max(rect.top, rect.bottom - 1))
                return self._to_display(x, y)
        if r < 0.93:
            return self.rng.uniform(0, w - 1), self.rng.uniform(0, h - 1)
        return (self.rng.choice([0.0, w - 1.0, w * 1.0, -2.0, w + 3.0]),
                self.rng.choice([0.0, h - 1.0, h * 1.0, -2.0, h + 3.0]))

    def _to_display(self, x: float, y: float) -> tuple[float, float]:
        """A point on the picture → the physical display (the inverse of the app's rotation)."""
        from kiosk.app.loop import display_point
        return display_point(x, y, self.app.rotate, self.app.logical_size)

    def finger(self, kind: int, x: float, y: float, finger: int = 0, touch: int = 1) -> None:
        w, h = self.size
        self.post(kind, touch_id=touch, finger_id=finger, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0,
                  window=None)

    def synthetic_mouse(self, kind: int, x: float, y: float) -> None:
        attrs: dict[str, Any] = {"pos": (int(x), int(y)), "touch": True, "window": None}
        if kind == pygame.MOUSEMOTION:
            attrs.update(rel=(0, 0), buttons=(1, 0, 0))
        else:
            attrs["button"] = 1
        self.post(kind, **attrs)

    # --- gestures ------------------------------------------------------------------------------------
    def tap(self) -> None:
        x, y = self.point()
        finger = self.rng.randrange(3)
        with_mouse = self.rng.random() < 0.7
        self.finger(pygame.FINGERDOWN, x, y, finger)
        if with_mouse:
            self.synthetic_mouse(pygame.MOUSEBUTTONDOWN, x, y)
        self.frames(self.rng.randrange(0, 4))
        if self.rng.random() < 0.3:
            jx, jy = x + self.rng.uniform(-6, 6), y + self.rng.uniform(-6, 6)
            self.finger(pygame.FINGERMOTION, jx, jy, finger)
        self.finger(pygame.FINGERUP, x, y, finger)
        if with_mouse:
            self.synthetic_mouse(pygame.MOUSEBUTTONUP, x, y)
        self.frames(self.rng.randrange(1, 3))

    def swipe(self) -> None:
        w, h = self.size
        x, y = self.point()
        angle = self.rng.choice([0, 180, 90, 270, self.rng.uniform(0, 360)])
        import math
        dist = self.rng.uniform(0.02, 0.7) * w
        x1, y1 = x + math.cos(math.radians(angle)) * dist, y + math.sin(math.radians(angle)) * dist
        finger = self.rng.randrange(3)
        self.finger(pygame.FINGERDOWN, x, y, finger)
        steps = self.rng.randrange(2, 14)
        frames_over = self.rng.randrange(1, 6)
        for i in range(1, steps + 1):
            px, py = x + (x1 - x) * i / steps, y + (y1 - y) * i / steps
            self.finger(pygame.FINGERMOTION, px, py, finger)
            if self.rng.random() < 0.3:
                self.synthetic_mouse(pygame.MOUSEMOTION, px, py)
            if i % max(1, steps // frames_over) == 0:
                self.frame()
        self.finger(pygame.FINGERUP, x1, y1, finger)
        self.frames(self.rng.randrange(1, 3))

    def long_press(self) -> None:
        x, y = self.point()
        finger = self.rng.randrange(3)
        self.finger(pygame.FINGERDOWN, x, y, finger)
        held = self.rng.uniform(0.85, 2.5)
        self.frames(int(held / 0.1) + 1, 0.1)
        self.finger(pygame.FINGERUP, x, y, finger)
        self.frames(1)

    def many_fingers(self) -> None:
        """Two to five fingers (two hands, two children): downs, moves and ups interleaved in any order."""
        n = self.rng.randrange(2, 6)
        fingers = []
        for i in range(n):
            x, y = self.point()
            touch = self.rng.choice([1, 1, 2])
            fingers.append((touch, i, x, y))
            self.finger(pygame.FINGERDOWN, x, y, i, touch)
            if self.rng.random() < 0.4:
                self.frame()
        for _ in range(self.rng.randrange(0, 8)):
            touch, i, x, y = self.rng.choice(fingers)
            self.finger(pygame.FINGERMOTION, x + self.rng.uniform(-80, 80), y + self.rng.uniform(-80, 80), i, touch)
        if self.rng.random() < 0.5:
            self.frames(self.rng.randrange(1, 40), 0.05)   # sometimes held long enough for a long press
        self.rng.shuffle(fingers)
        for touch, i, x, y in fingers:
            self.finger(pygame.FINGERUP, x, y, i, touch)
            if self.rng.random() < 0.3:
                self.frame()
        if self.rng.random() < 0.2:  # an up for a finger that was never down
            self.finger(pygame.FINGERUP, *self.point(), 9, 3)
        self.frames(1)

    def synthetic_mouse_only(self) -> None:
        x, y = self.point()
        kind = self.rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION])
        self.synthetic_mouse(kind, x, y)
        self.frames(self.rng.randrange(0, 2))

    def mouse(self) -> None:
        """A real mouse (a cleaner's, a technician's): clicks with any button, drags, the wheel."""
        x, y = self.point()
        button = self.rng.choice([1, 1, 1, 2, 3, 4, 5, 6])
        r = self.rng.random()
        if r < 0.15:
            self.post(pygame.MOUSEWHEEL, x=0, y=self.rng.choice([-3, -1, 1, 3]), flipped=False, touch=False,
                      precise_x=0.0, precise_y=1.0, window=None)
            self.frames(1)
            return
        self.post(pygame.MOUSEBUTTONDOWN, pos=(int(x), int(y)), button=button, touch=False, window=None)
        self.frames(self.rng.randrange(0, 3))
        if r < 0.5:
            for _ in range(self.rng.randrange(1, 6)):
                x, y = x + self.rng.uniform(-60, 60), y + self.rng.uniform(-60, 60)
                self.post(pygame.MOUSEMOTION, pos=(int(x), int(y)), rel=(0, 0), buttons=(1, 0, 0), touch=False,
                          window=None)
        if self.rng.random() < 0.95:
            self.post(pygame.MOUSEBUTTONUP, pos=(int(x), int(y)), button=button, touch=False, window=None)
        else:  # the up is lost (the pointer left the window); the next down starts over
            self.post(pygame.WINDOWLEAVE, window=None)
        self.frames(self.rng.randrange(1, 3))

    def key(self) -> None:
        name, key, mod, uni = self.rng.choice(KEYS)
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=uni, scancode=0, window=None)
        if uni and uni.isprintable() and self.rng.random() < 0.3:
            self.post(pygame.TEXTINPUT, text=uni, window=None)
        if self.rng.random() < 0.8:
            self.post(pygame.KEYUP, key=key, mod=mod, unicode=uni, scancode=0, window=None)
        self.frames(self.rng.randrange(0, 3))

    def window(self) -> None:
        w, h = self.size
        name = self.rng.choice(WINDOW_EVENTS)
        kind = getattr(pygame, name, None)
        if kind is None:
            return
        if name in ("WINDOWSIZECHANGED", "WINDOWRESIZED", "WINDOWMOVED"):
            self.post(kind, x=w if name != "WINDOWMOVED" else 0, y=h if name != "WINDOWMOVED" else 0, window=None)
        elif name == "VIDEORESIZE":
            self.post(kind, size=(w, h), w=w, h=h)
        elif name == "ACTIVEEVENT":
            self.post(kind, gain=self.rng.randrange(2), state=self.rng.choice([1, 2, 4]))
        else:
            self.post(kind, window=None)
        self.frames(self.rng.randrange(0, 3))

    def quit(self) -> None:
        self.post(pygame.QUIT)
        if self.rng.random() < 0.5:
            self.post(getattr(pygame, "WINDOWCLOSE", pygame.QUIT), window=None)
        self.frames(self.rng.randrange(1, 3))

    def chord_and_wrong_pins(self) -> None:
        """Hold the top-left corner 3 s, tap the top-right corner, then type wrong PINs."""
        w, h = self.size
        lw, lh = self.app.logical_size
        x, y = self._to_display(self.rng.uniform(2, lw * 0.1), self.rng.uniform(2, lh * 0.14))
        self.finger(pygame.FINGERDOWN, x, y, 0)
        self.frames(int(self.rng.uniform(3.1, 3.8) / 0.1) + 1, 0.1)
        self.finger(pygame.FINGERUP, x, y, 0)
        self.frames(self.rng.randrange(1, 10), 0.1)
        x, y = self._to_display(self.rng.uniform(lw * 0.9, lw - 2), self.rng.uniform(2, lh * 0.14))
        self.finger(pygame.FINGERDOWN, x, y, 0)
        self.frames(2)
        self.finger(pygame.FINGERUP, x, y, 0)
        self.frames(20)
        if getattr(self.app.nav.screen, "name", "") != "pin":
            return
        self.report.pin_pad_opened += 1
        for _ in range(self.rng.randrange(1, 4)):
            wrong = self.pin
            while wrong == self.pin:
                wrong = "".join(self.rng.choice("0123456789") for _ in range(self.rng.randrange(1, 10)))
            by_keys = self.rng.random() < 0.4
            for digit in wrong:
                if by_keys:
                    self.post(pygame.KEYDOWN, key=getattr(pygame, f"K_{digit}"), mod=0, unicode=digit, scancode=0,
                              window=None)
                    self.frames(1)
                else:
                    self._press(f"key-{digit}")
            if by_keys:
                self.post(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0, window=None)
                self.frames(2)
            else:
                self._press("key-ok")
            self.report.wrong_pins += 1
        if self.rng.random() < 0.7:
            self._press("close")  # the grown-up gives up; otherwise the storm carries on on the PIN pad

    def _press(self, name: str) -> None:
        button = next((b for b in getattr(self.app.nav.screen, "buttons", []) if b.name == name), None)
        if button is None:
            return
        x, y = self._to_display(*button.rect.center)
        self.finger(pygame.FINGERDOWN, x, y, 0)
        self.frames(1)
        self.finger(pygame.FINGERUP, x, y, 0)
        self.frames(1, 0.3)  # the navigator takes one action per 0.25 s

    def idle_gap(self) -> None:
        """Nobody touches the kiosk for longer than the idle time: the 'Still watching?' prompt, then a reset."""
        self.note("idle gap")
        self.report.idle_gaps += 1
        total = self.rng.uniform(100, 200)
        if self.rng.random() < 0.2:
            self.frame(total)  # one jump (a suspended machine waking up)
            return
        passed = 0.0
        while passed < total:
            dt = self.rng.uniform(0.5, 8.0)
            self.frame(dt)
            passed += dt

    def edit(self) -> None:
        if self.editor.originals and self.rng.random() < 0.4:
            self.editor.restore()
            self.note("content restored")
        else:
            what, broken = self.editor.edit()
            self.report.edits += 1
            self.report.broken_edits += broken
            self.note(f"edit: {what}")
        self.watcher.changed = True
        self.frames(self.rng.randrange(1, 4))

    def let_time_pass(self) -> None:
        self.frames(self.rng.randrange(1, 30))

    def game(self) -> None:
        """A child at a game (kiosk/tools/monkey_games.py): drag, rub, hold, two hands; or on the way to one."""
        from kiosk.tools.monkey_games import game_gesture
        game_gesture(self)

    # --- the run -------------------------------------------------------------------------------------
    def actions(self) -> list[tuple[Callable[[], None], float]]:
        return [(self.tap, 30), (self.swipe, 9), (self.long_press, 2.5), (self.many_fingers, 5),
                (self.synthetic_mouse_only, 4), (self.mouse, 6), (self.key, 10), (self.window, 3),
                (self.quit, 1), (self.chord_and_wrong_pins, 0.2), (self.idle_gap, 0.12), (self.edit, 0.5),
                (self.let_time_pass, 6), (self.game, 12)]

    def run(self) -> MonkeyReport:
        from kiosk.appliance.process import rss_mb
        kiosk_log = logging.getLogger("kiosk")
        old_propagate = kiosk_log.propagate
        kiosk_log.addHandler(self.errors)
        kiosk_log.propagate = False  # warnings about the broken edits are expected; keep the console quiet
        report = self.report
        try:
            report.rss_start_mb = rss_mb()
            actions = self.actions()
            funcs = [a for a, _ in actions]
            weights = [w for _, w in actions]
            warmup_at = int(self.target * WARMUP_FRACTION)
            warm: Optional[float] = None
            cache_warm = 0
            t0 = time.perf_counter()
            next_note = 10_000
            self.frames(2)
            self.progress(f"monkey: storm of {self.target} events started (seed {report.seed})")
            while report.events < self.target:
                action = self.rng.choices(funcs, weights)[0]
                report.actions[action.__name__] = report.actions.get(action.__name__, 0) + 1
                action()
                if warm is None and report.events >= warmup_at:
                    import gc
                    gc.collect()
                    warm = rss_mb()
                    cache_warm = self.app.ctx.assets.size_bytes
                if report.events >= next_note:
                    next_note += 10_000
                    rate = report.events / max(time.perf_counter() - t0, 1e-9)
                    self.progress(f"monkey: {report.events} events, {report.frames} frames, {rate:.0f} events/s, "
                                  f"{rss_mb():.1f} MB, {self.errors.count} exception(s), {report.exits} exit(s)")
            self._finish()
            import gc
            gc.collect()
            report.seconds = round(time.perf_counter() - t0, 2)
            report.events_per_second = round(report.events / max(report.seconds, 1e-9), 1)
            report.rss_after_warmup_mb = round(warm if warm is not None else report.rss_start_mb, 1)
            report.rss_end_mb = round(rss_mb(), 1)
            report.rss_growth_mb = round(report.rss_end_mb - report.rss_after_warmup_mb, 2)
            report.art_cache_growth_mb = round((self.app.ctx.assets.size_bytes - cache_warm) / 1e6, 2)
            report.simulated_seconds = round(self.clock.now() - 1000.0, 1)
            report.exceptions = self.errors.count
            report.errors = self.errors.samples
        finally:
            kiosk_log.removeHandler(self.errors)
            kiosk_log.propagate = old_propagate
        return report

    def _finish(self) -> None:
        """Undo every edit; the scenes must come back. Then: idle reset, and a tap must open the menu."""
        self.editor.restore()
        self.watcher.changed = True
        self.frames(3)
        lib = self.app.ctx.library
        # The storm's own cheap PIN hash (PIN_ITERATIONS, its choice) is reported as the kiosk would report any
        # hash with other rounds, or kept in kiosk.yaml: that is the storm's doing, not an edit left undone.
        config_problems = [p for p in self.app.config_problems if "staff PIN's hash" not in p.message]
        self.report.content_restored = (len(lib.scenes) == self.initial_scenes and not lib.errors
                                        and not config_problems)
        if getattr(self.app.nav.screen, "name", "") == "pin":
            self._press("close")  # the PIN pad has no idle reset; staff close it
            self.frames(20)
        self.frame(5.0)
        for _ in range(int(200 / 2.0)):
            self.frame(2.0)
        self.frames(30)
        before = getattr(self.app.nav.screen, "name", "")
        w, h = self.size
        self.finger(pygame.FINGERDOWN, w / 2, h / 2, 0)
        self.frames(2)
        self.finger(pygame.FINGERUP, w / 2, h / 2, 0)
        self.frames(30)
        after = getattr(self.app.nav.screen, "name", "")
        self.report.responsive_at_end = before == "attract" and after == "home"
        if not self.report.responsive_at_end:
            self._record_exit(f"not responsive at the end: before the tap '{before}', after '{after}'")


def run_monkey(events: int = 2000, seed: int = 1, scenes_dir: Optional[Path] = None, art_dir: Optional[Path] = None,
               max_growth_mb: float = MAX_GROWTH_MB, progress: Callable[[str], None] = lambda m: None,
               app_factory: Optional[Callable[..., Any]] = None) -> MonkeyReport:
    headless()
    root = CHECKOUT
    scenes_dir = scenes_dir or root / "scenes"
    art_dir = art_dir or root / "art"
    work = Path(tempfile.mkdtemp(prefix="kiosk-monkey-"))
    try:
        monkey = Monkey(events, seed, scenes_dir, art_dir.resolve(), work, max_growth_mb, progress, app_factory)
        return monkey.run()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cmd_monkey(args: argparse.Namespace) -> int:
    from kiosk.cli import Setup
    setup = Setup(args)
    say = (lambda message: print(message, file=sys.stderr, flush=True))
    try:
        report = run_monkey(args.events, args.seed, setup.scenes_dir, setup.art_dir, args.max_growth_mb,
                            progress=say)
    except KeyboardInterrupt:
        say("kiosk monkey: stopped (Ctrl+C or SIGTERM) before the storm ended; no verdict")
        return 130
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, default=str))
    else:
        print(f"kiosk monkey: seed {report.seed}, {report.events} events, {report.frames} frames in "
              f"{report.seconds:.1f} s ({report.events_per_second:.0f} events/s, "
              f"{report.simulated_seconds:.0f} s on the kiosk's clock)")
        print(f"  exceptions {report.exceptions}, exits {report.exits}, staff menu without PIN "
              f"{report.staff_without_pin}, memory {report.rss_after_warmup_mb:.1f} → {report.rss_end_mb:.1f} MB "
              f"({report.rss_growth_mb:+.1f} MB after warm-up; art cache {report.art_cache_growth_mb:+.1f} MB)")
        print(f"  PIN pad opened {report.pin_pad_opened}x, wrong PINs {report.wrong_pins}, edits {report.edits} "
              f"({report.broken_edits} broken), idle gaps {report.idle_gaps}, idle resets {report.idle_resets}")
        print(f"  screens (frames): {dict(Counter(report.screens).most_common())}")
        for err in report.errors:
            print("\n--- exception ---\n" + err["error"])
            print("events before it (newest last):")
            for ev in err["events_before"][-12:]:
                print(f"  {ev}")
        for ex in report.exit_details:
            print(f"\n--- {ex['what']} ---")
            for ev in ex["events_before"][-12:]:
                print(f"  {ev}")
        print("PASSED" if report.passed else "FAILED: " + "; ".join(report.failures))
    return 0 if report.passed else 1


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--events", type=int, default=100_000, help="how many input events to throw (default 100000)")
    p.add_argument("--seed", type=int, default=1, help="random seed: the same seed replays the same storm")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--max-growth-mb", type=float, default=MAX_GROWTH_MB,
                   help=f"fail if memory grows more than this after warm-up (default {MAX_GROWTH_MB:g})")
