"""`kiosk bench`: how fast the kiosk starts, draws, reacts and idles, measured headless on this machine.

Everything is driven the way a family drives it: real pygame events (finger down/up plus the mouse events SDL
makes from them) posted into the queue of the real `App`, with a `FakeClock` stepped 1/60 s per frame so the
animations play exactly as on a 60 Hz screen, however slow or fast this machine draws. Only the static-CPU
measurement runs on the real (monotonic) clock, because it measures how the app waits.

What is measured (keys of the `--json` object):

- `startup_cold_s` / `startup_warm_s`: wall seconds from spawning `python -m kiosk.bench --startup` to its
  "first frame" line: import, App with a fresh state folder, first frame drawn. Warm is a second run with the
  same state folder (an on-disk art cache, if the app keeps one, is then filled; the OS file cache is warm).
- `frame_ms_p50/p95/p99/max`: `App.frame()` calls that drew, on the scene screen, while playing every shipped
  scene step by step. The first drawn frame of each step is left out here and reported as `step_change_ms`.
- `step_change_ms`: from posting the finger-up of a tap on "next" to `App.frame()` returning True with the
  new step drawn (median over every step change; `step_change_ms_max` is the worst one).
- `static_cpu_percent`: process CPU time / wall time while a screen at rest (a scene's end panel) is shown,
  using the app's own loop (`frame()` → False → `_idle_wait()`).
- `scene_load_ms`: `load_library` of the shipped scenes (median of several).
- `rss_peak_mb`: peak resident memory of the bench process at the end (`ru_maxrss`).

`--soak N` instead loops the scenes for N frames (fake clock, drawing) and reports `rss_growth_mb` between
frame 10,000 and the end.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from kiosk import CHECKOUT


def headless() -> None:
    """SDL's dummy drivers, for this process and the start-up children it spawns. Called by the entry points,
    never at import: `kiosk run` builds the same parser and must open a real screen."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Ctrl+C and SIGTERM stop a bench or monkey run: SDL would turn SIGTERM into a window-close event, which
    # the full-screen kiosk ignores on purpose, so the run could only be killed.
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    try:
        signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:   # not the main thread (tests): nothing to do
        pass


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


DT = 1 / 60
REQUIRED_KEYS = ("startup_cold_s", "startup_warm_s", "frame_ms_p50", "frame_ms_p95", "frame_ms_p99",
                 "frame_ms_max", "static_cpu_percent", "step_change_ms", "scene_load_ms", "rss_peak_mb")
FIRST_FRAME_MARKER = "KIOSK-BENCH FIRST FRAME"
SETTLED_FRAMES = 3          # this many frames in a row without drawing: the step has settled
STEP_CAP_SECONDS = 30.0     # a step still moving after this long (a looping animation) is moved on anyway
SOAK_BASELINE_FRAME = 10_000


def targets(size: tuple[int, int]) -> dict[str, float]:
    """The goals from the issue "Fast and unbreakable" (frame time depends on the screen size)."""
    big = size[0] * size[1] > 1920 * 1080
    return {"frame_ms_p99": 16.0 if big else 8.0, "static_cpu_percent": 2.0, "startup_cold_s": 2.0,
            "startup_warm_s": 1.0, "step_change_ms": 17.0, "rss_peak_mb": 200.0, "rss_growth_mb": 5.0}


# --- clocks ------------------------------------------------------------------------------------------------
class ResumableClock:
    """A fake clock (moved by `advance`) that can be switched to follow the system's monotonic clock from
    where it stands, so a headless run can reach a settled step quickly and then idle in real time."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self._real_from: Optional[float] = None

    def now(self) -> float:
        if self._real_from is None:
            return self.t
        from kiosk.app.clock import SystemClock
        return self.t + (SystemClock().now() - self._real_from)

    def epoch(self) -> float:
        """The time of day moves with `now`, from the fake clock's morning (no quiet hours depend on the run)."""
        from kiosk.app.clock import FAKE_MORNING
        return FAKE_MORNING.timestamp() + self.now()

    def advance(self, seconds: float) -> float:
        if self._real_from is not None:
            raise RuntimeError("the clock follows real time now")
        self.t += seconds
        return self.t

    def go_real(self) -> None:
        from kiosk.app.clock import SystemClock
        self._real_from = SystemClock().now()


# --- a headless kiosk ----------------------------------------------------------------------------------
@dataclass
class Content:
    config_path: Path
    scenes_dir: Path
    art_dir: Path


class HeadlessKiosk:
    """The real App on the SDL dummy driver, with helpers to post real input events and step the clock."""

    def __init__(self, content: Content, state_dir: Path, size: Optional[tuple[int, int]], clock: Any,
                 windowed: bool = True, watcher: Any = None, usage: Optional[Callable[[str, str], None]] = None):
        headless()
        import pygame

        from kiosk.app.loop import App, AppOptions
        self.pg = pygame
        self.clock = clock
        pygame.display.init()
        pygame.event.clear()
        self.app = App(AppOptions(content.config_path, content.scenes_dir, content.art_dir, state_dir,
                                  windowed=windowed, size=size, rotate=0), clock, usage=usage, watcher=watcher)

    # --- time ------------------------------------------------------------------------------------------
    def frame(self, dt: float = DT) -> tuple[bool, float]:
        """Advance the clock by dt, run one App.frame(); (drew, milliseconds it took)."""
        self.clock.advance(dt)
        t0 = time.perf_counter()
        drew = self.app.frame()
        return drew, (time.perf_counter() - t0) * 1000.0

    def settle(self, max_seconds: float = STEP_CAP_SECONDS) -> int:
        """Run frames until nothing moves for a few frames in a row; the number of frames run."""
        quiet = n = 0
        while quiet < SETTLED_FRAMES and n * DT < max_seconds:
            drew, _ = self.frame()
            quiet = 0 if drew else quiet + 1
            n += 1
        return n

    # --- input -------------------------------------------------------------------------------------
    def post(self, kind: int, **attrs: Any) -> None:
        self.pg.event.post(self.pg.event.Event(kind, **attrs))

    def finger(self, kind: int, x: float, y: float, finger: int = 0, touch: int = 1) -> None:
        w, h = self.app.display.get_size()
        self.post(kind, touch_id=touch, finger_id=finger, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0)

    def touch_down(self, x: float, y: float) -> None:
        """A finger lands, as SDL reports it: the finger event and a mouse event flagged as made from touch."""
        pg = self.pg
        self.finger(pg.FINGERDOWN, x, y)
        self.post(pg.MOUSEBUTTONDOWN, pos=(int(x), int(y)), button=1, touch=True)

    def touch_up(self, x: float, y: float) -> None:
        pg = self.pg
        self.finger(pg.FINGERUP, x, y)
        self.post(pg.MOUSEBUTTONUP, pos=(int(x), int(y)), button=1, touch=True)

    def tap(self, x: float, y: float, frames_after: int = 2) -> None:
        self.touch_down(x, y)
        self.frame()
        self.frame()
        self.touch_up(x, y)
        for _ in range(frames_after):
            self.frame()

    # --- what is on screen -----------------------------------------------------------------------------
    @property
    def screen(self) -> Any:
        return self.app.nav.screen

    def button(self, name: str) -> Any:
        return next((b for b in self.screen.buttons if b.name == name), None)

    def step_key(self) -> tuple:
        s = self.screen
        return (id(s), getattr(s, "index", None), getattr(s, "ended_at", None) is not None)

    def to_home(self) -> bool:
        """From wherever the kiosk is to the settled home menu."""
        for _ in range(4):
            if self.screen.name == "home":
                break
            home = self.button("home") or self.button("menu")
            if home is not None:
                self.tap(*home.rect.center)
            else:
                w, h = self.app.logical_size
                self.tap(w / 2, h / 2)
            self.settle(5.0)
        self.settle(5.0)
        return self.screen.name == "home"


# --- playing every scene ---------------------------------------------------------------------------------
@dataclass
class TourStats:
    """What a play-through measured. With `keep=False` only counters grow (for long soaks)."""

    keep: bool = True
    frame_ms: list[float] = field(default_factory=list)
    step_change_ms: list[float] = field(default_factory=list)
    scene_open_ms: list[float] = field(default_factory=list)
    frames: int = 0
    frames_drawn: int = 0
    steps: int = 0
    scenes: int = 0
    missed_step_changes: int = 0
    game_frame_ms: list[float] = field(default_factory=list)   # frames while a child does a game step

    def drawn(self, ms: float) -> None:
        if self.keep:
            self.frame_ms.append(ms)


class Tour:
    """Opens each scene from the home menu with a tap on its tile, plays each step until it settles, then taps
    "next"; at the end panel taps "menu". Yields after each frame so callers can stop or sample."""

    def __init__(self, kiosk: HeadlessKiosk, stats: TourStats) -> None:
        self.k = kiosk
        self.stats = stats

    def _frame(self) -> tuple[bool, float]:
        drew, ms = self.k.frame()
        self.stats.frames += 1
        self.stats.frames_drawn += drew
        return drew, ms

    def scenes(self) -> Iterator[None]:
        for scene_id in list(self.k.app.ctx.playable()):
            yield from self.scene(scene_id)

    def scene(self, scene_id: str) -> Iterator[None]:
        k = self.k
        if not k.to_home():
            return
        tile = k.button(f"tile-{scene_id}")
        if tile is None:
            return
        # Open: tap the tile; time from the finger-up to the first frame of the scene.
        k.touch_down(*tile.rect.center)
        self._frame()
        self._frame()
        k.touch_up(*tile.rect.center)
        t0 = time.perf_counter()
        for _ in range(10):
            drew, _ = self._frame()
            if drew and k.screen.name == "scene":
                if self.stats.keep:
                    self.stats.scene_open_ms.append((time.perf_counter() - t0) * 1000.0)
                break
        yield
        if k.screen.name == "feelings":   # a game asks "How do you feel?" first: a face, then the game
            for _ in range(30):           # the navigator takes one action per 0.25 s: the tile's was just now
                self._frame()
            face = k.screen.buttons[-1]
            k.tap(*face.rect.center, frames_after=60)
        if k.screen.name != "scene":
            return
        self.stats.scenes += 1
        screen = k.screen
        while k.screen is screen and screen.ended_at is None:
            yield from self._play_step()
            if k.screen is not screen or screen.ended_at is not None:
                break
            yield from self._next(screen)
        menu = k.button("menu")
        if menu is not None and k.screen is screen:
            k.tap(*menu.rect.center)

    def _play_step(self) -> Iterator[None]:
        """Frames until the step settles (or changes by itself); drawn ones are recorded."""
        k = self.k
        key = k.step_key()
        quiet = n = 0
        self.stats.steps += 1
        yield from self._play_turn()
        while quiet < SETTLED_FRAMES and n * DT < STEP_CAP_SECONDS:
            drew, ms = self._frame()
            n += 1
            if k.step_key() != key:
                return  # moved on by itself (auto-advance): its first frame is a step change, not counted
            if drew:
                quiet = 0
                if k.screen.name == "scene":
                    self.stats.drawn(ms)
            else:
                quiet += 1
            yield

    def _play_turn(self) -> Iterator[None]:
        """A game step: a child does it (kiosk/interactions/demo.py), each finger event a frame apart; the frames
        drawn meanwhile count as ordinary frames and also as game frames."""
        from kiosk.interactions import TurnPlayer
        from kiosk.interactions.demo import way_through
        k = self.k
        player = getattr(k.screen, "player", None)
        if not isinstance(player, TurnPlayer) or not player.waiting:
            return
        sx, sy, sw, sh = k.app.ctx.layout.stage
        kinds = {"down": k.pg.FINGERDOWN, "move": k.pg.FINGERMOTION, "up": k.pg.FINGERUP}
        last = 0.0
        for touch in way_through(player.turn):
            for _ in range(max(1, round((touch.t - last) / DT))):
                drew, ms = self._frame()
                if drew:
                    self.stats.drawn(ms)
                    if self.stats.keep:
                        self.stats.game_frame_ms.append(ms)
                yield
            last = touch.t
            k.finger(kinds[touch.kind], sx + touch.x * sw, sy + touch.y * sh)

    def _next(self, screen: Any) -> Iterator[None]:
        """Tap "next"; time from the finger-up to the frame that shows the new step."""
        k = self.k
        button = k.button("next")
        if button is None or not button.enabled:
            # Nothing to press: let the step move on by itself.
            for _ in range(int(STEP_CAP_SECONDS / DT)):
                key = k.step_key()
                self._frame()
                yield
                if k.step_key() != key or k.screen is not screen:
                    return
            return
        key = k.step_key()
        x, y = button.rect.center
        k.touch_down(x, y)
        drew, ms = self._frame()
        if drew:
            self.stats.drawn(ms)  # the pressed button: an ordinary redraw
        k.touch_up(x, y)
        t0 = time.perf_counter()
        for _ in range(10):
            drew, _ = self._frame()
            if drew and k.step_key() != key:
                if self.stats.keep:
                    self.stats.step_change_ms.append((time.perf_counter() - t0) * 1000.0)
                yield
                return
        self.stats.missed_step_changes += 1
        yield


# --- statistics ----------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def _median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


# --- the machine -----------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    import pygame
    info: dict[str, Any] = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                            "os": platform.platform(), "python": platform.python_version(),
                            "pygame": pygame.version.ver, "sdl": ".".join(map(str, pygame.get_sdl_version()))}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=5).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        with open("/etc/os-release", encoding="utf-8") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"') + f" ({platform.release()})"
    except OSError:
        pass
    return info


def rss_now_mb() -> float:
    from kiosk.appliance.process import rss_mb
    return rss_mb()


def rss_peak_mb() -> float:
    from kiosk.appliance.process import peak_rss_mb   # VmHWM: ru_maxrss would carry a parent's peak
    return peak_rss_mb()


# --- startup (in a fresh process) ------------------------------------------------------------------------
def startup_child(content: Content, state_dir: Path, size: tuple[int, int]) -> int:
    """What `python -m kiosk.bench --startup` runs: import, build the App, draw the first frame, say so."""
    t0 = time.perf_counter()
    import pygame  # noqa: F401  (the import is part of what a cold start costs)

    from kiosk.app.clock import SystemClock
    from kiosk.app.loop import App, AppOptions
    t_import = time.perf_counter()
    app = App(AppOptions(content.config_path, content.scenes_dir, content.art_dir, state_dir, windowed=True,
                         size=size, rotate=0), SystemClock())
    t_app = time.perf_counter()
    for _ in range(100):
        if app.frame():
            break
    t_frame = time.perf_counter()
    print(f"{FIRST_FRAME_MARKER} imports={t_import - t0:.4f} app={t_app - t_import:.4f} "
          f"frame={t_frame - t_app:.4f}", flush=True)
    return 0


def measure_startup(content: Content, state_dir: Path, size: tuple[int, int]) -> dict[str, float]:
    """Spawn the startup child; wall seconds from spawn to its first-frame line, plus its own phase times."""
    env = dict(os.environ)
    package_parent = str(CHECKOUT)
    env["PYTHONPATH"] = package_parent + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "kiosk.tools.bench", "--startup", "--size", f"{size[0]}x{size[1]}",
           "--state", str(state_dir), "--config", str(content.config_path), "--scenes", str(content.scenes_dir),
           "--art", str(content.art_dir)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    result: dict[str, float] = {}
    for line in proc.stdout:
        if line.startswith(FIRST_FRAME_MARKER):
            result["total_s"] = time.perf_counter() - t0
            for part in line.split()[len(FIRST_FRAME_MARKER.split()):]:
                name, value = part.split("=")
                result[name + "_s"] = float(value)
            break
    _, err = proc.communicate(timeout=120)
    if "total_s" not in result:
        raise RuntimeError(f"the startup run drew no frame (exit {proc.returncode}): {err.strip()[-2000:]}")
    return result


def _state_files(state_dir: Path) -> tuple[int, int]:
    files = [p for p in state_dir.rglob("*") if p.is_file()] if state_dir.exists() else []
    return len(files), sum(p.stat().st_size for p in files)


# --- static CPU ----------------------------------------------------------------------------------------
def measure_static_cpu(content: Content, state_dir: Path, size: tuple[int, int], seconds: float) -> dict[str, Any]:
    """Reach a screen at rest (a scene's end panel) on a fake clock, then run the app's own loop on the real
    clock and measure CPU."""
    import pygame
    clock = ResumableClock()
    try:  # the content watcher `kiosk run` polls every frame: part of what idling costs
        from kiosk.appliance.watcher import KIOSK_FULL_EVERY, ContentWatcher
        watcher: Any = ContentWatcher([content.scenes_dir, content.art_dir, content.config_path],
                                      full_every=KIOSK_FULL_EVERY)
    except ImportError:
        watcher = None
    k = HeadlessKiosk(content, state_dir, size, clock, watcher=watcher)
    k.settle(2.0)
    k.to_home()
    ids = k.app.ctx.playable()
    if ids:
        _to_end_panel(k, ids[0])
    window = seconds
    ended = getattr(k.screen, "ended_at", None) is not None
    where = f"{k.screen.name}:{getattr(k.screen, 'scene_id', '')}:" + \
        ("end panel" if ended else f"step {getattr(k.screen, 'index', 0) + 1}")
    clock.go_real()
    app = k.app
    ticker = pygame.time.Clock()
    drawn = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < window:
        if app.frame():
            drawn += 1
            ticker.tick(app.config.display.fps)
        else:
            app._idle_wait()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    # The same wait with no app work at all: what the SDL driver's event wait itself costs.
    from kiosk.app.loop import IDLE_WAIT_MS
    bare = min(window, 2.0)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall1 < bare:
        event = pygame.event.wait(IDLE_WAIT_MS)
        if event.type != pygame.NOEVENT:
            pygame.event.post(event)
    bare_cpu = (time.process_time() - cpu1) / (time.perf_counter() - wall1) * 100
    return {"static_cpu_percent": cpu / wall * 100, "static_frames_drawn": drawn, "static_seconds": round(wall, 2),
            "static_where": where, "static_with_watcher": watcher is not None, "idle_wait_only_cpu_percent": bare_cpu}


def _to_end_panel(k: HeadlessKiosk, scene_id: str) -> None:
    """Open the scene by its tile and tap "next" to its end panel, where nothing moves until a touch or the idle
    reset. (A step no longer rests: its tap hint pulses once it settles and it moves on soon after.)"""
    tile = k.button(f"tile-{scene_id}")
    if tile is not None:
        k.tap(*tile.rect.center)
    for _ in range(40):
        k.settle()
        s = k.screen
        button = k.button("next")
        if s.name != "scene" or s.ended_at is not None or button is None:
            break
        k.tap(*button.rect.center)
    k.settle()


# --- one bench run ---------------------------------------------------------------------------------------
def bench_once(content: Content, size: tuple[int, int], seconds: Optional[float], work: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    cold_state = Path(tempfile.mkdtemp(prefix="state-", dir=work))
    cold = measure_startup(content, cold_state, size)
    files, nbytes = _state_files(cold_state)
    warm = measure_startup(content, cold_state, size)
    result.update(startup_cold_s=cold["total_s"], startup_warm_s=warm["total_s"],
                  startup_cold_phases={k: round(v, 4) for k, v in cold.items() if k != "total_s"},
                  startup_warm_phases={k: round(v, 4) for k, v in warm.items() if k != "total_s"},
                  state_files_after_cold_start=files, state_bytes_after_cold_start=nbytes)

    # Play every scene with the fake clock, twice: first with an empty art cache on disk (a kiosk's first hour
    # after installing), then, as a new App on the same state folder, as every later start plays them.
    tour_state = Path(tempfile.mkdtemp(prefix="state-", dir=work))
    seconds = seconds / 2 if seconds else None   # the time budget is shared by the two tours
    first, k, _ = _tour(content, tour_state, size, seconds)
    result.update(first_tour_frame_ms_p99=percentile(first.frame_ms, 99),
                  first_tour_frame_ms_max=max(first.frame_ms, default=0.0),
                  first_tour_step_change_ms=_median(first.step_change_ms),
                  first_tour_step_change_ms_max=max(first.step_change_ms, default=0.0),
                  first_tour_scene_open_ms=_median(first.scene_open_ms),
                  art_on_disk_mb=round(k.app.ctx.assets.store.size_bytes / 1e6, 1) if k.app.ctx.assets.store else 0.0)
    del k
    gc.collect()
    stats, k, play_s = _tour(content, tour_state, size, seconds)
    ms = stats.frame_ms
    result.update(frame_ms_p50=percentile(ms, 50), frame_ms_p95=percentile(ms, 95), frame_ms_p99=percentile(ms, 99),
                  frame_ms_max=max(ms, default=0.0), frames_measured=len(ms), frames_total=stats.frames,
                  step_change_ms=_median(stats.step_change_ms),
                  step_change_ms_p95=percentile(stats.step_change_ms, 95),
                  step_change_ms_max=max(stats.step_change_ms, default=0.0),
                  step_changes=len(stats.step_change_ms), missed_step_changes=stats.missed_step_changes,
                  scene_open_ms=_median(stats.scene_open_ms), scene_open_ms_max=max(stats.scene_open_ms, default=0.0),
                  scenes_played=stats.scenes, steps_played=stats.steps, play_seconds=round(play_s, 2),
                  game_frame_ms_p99=percentile(stats.game_frame_ms, 99), game_frames=len(stats.game_frame_ms),
                  art_cache_mb=round(k.app.ctx.assets.size_bytes / 1e6, 1),
                  fade_picture=k.app.nav.fades.kind)   # measured on this machine (kiosk/draw/fade_picture.py)

    # Loading the shipped scenes.
    loads = []
    for _ in range(5):
        t = time.perf_counter()
        k.app._load_library()
        loads.append((time.perf_counter() - t) * 1000.0)
    result["scene_load_ms"] = _median(loads)
    del k
    gc.collect()  # the app's objects refer to each other: free the first app before the second is built

    static_seconds = min(seconds, 4.0) if seconds else 4.0
    result.update(measure_static_cpu(content, Path(tempfile.mkdtemp(prefix="state-", dir=work)), size,
                                     static_seconds))
    return result


class _Errors(logging.Handler):
    """Counts ERROR records from the kiosk's loggers: a screen that failed mid-run makes the numbers wrong."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.first = self.first or record.getMessage()


def _tour(content: Content, state_dir: Path, size: tuple[int, int], seconds: Optional[float]
          ) -> tuple["TourStats", HeadlessKiosk, float]:
    """A new App on `state_dir` plays every scene (or for `seconds` of wall time); its stats, the kiosk, seconds."""
    from kiosk.app.clock import FakeClock
    k = HeadlessKiosk(content, state_dir, size, FakeClock())
    k.settle(2.0)
    stats = TourStats()
    deadline = time.perf_counter() + seconds if seconds else None
    t0 = time.perf_counter()
    for _ in Tour(k, stats).scenes():
        if deadline is not None and time.perf_counter() > deadline:
            break
    return stats, k, time.perf_counter() - t0


def run_bench(content: Content, size: tuple[int, int], seconds: Optional[float] = None, runs: int = 1,
              progress: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    errors = _Errors()
    logging.getLogger("kiosk").addHandler(errors)
    try:
        per_run = []
        for i in range(max(1, runs)):
            progress(f"run {i + 1}/{runs} at {size[0]}x{size[1]}...")
            per_run.append(bench_once(content, size, seconds, work))
    finally:
        logging.getLogger("kiosk").removeHandler(errors)
        shutil.rmtree(work, ignore_errors=True)
    out: dict[str, Any] = {}
    for key, value in per_run[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            middle = _median([r[key] for r in per_run])
            out[key] = int(middle) if isinstance(value, int) and middle == int(middle) else middle
        else:
            out[key] = value
    out["rss_peak_mb"] = rss_peak_mb()
    out["errors"] = errors.count
    notes = []
    if errors.count:
        notes.append(f"{errors.count} error(s) were logged during the run, so these numbers are not to be trusted; "
                     f"the first: {errors.first}")
    if not per_run[0]["state_files_after_cold_start"]:
        notes.append("the app wrote nothing to its state folder on the cold start (no on-disk art cache), so "
                     "startup_warm_s differs from startup_cold_s only by the warm OS file cache and bytecode")
    else:
        notes.append(f"after the cold start the state folder held {per_run[0]['state_files_after_cold_start']} "
                     f"file(s), {per_run[0]['state_bytes_after_cold_start']} bytes; the warm run reused it")
    from kiosk.appliance.present import choose_present_path, gpu_render_nodes, x_server_name
    driver = os.environ.get("SDL_VIDEODRIVER", "dummy")
    present = choose_present_path(os.environ, gpu_render_nodes(), x_server_name(os.environ))
    notes.append(f"fake clock at 60 Hz for frames; frame times include presenting each frame with SDL's {driver} "
                 f"driver (present path {present.describe()})")
    out["video_driver"] = driver
    out["present"] = present.name
    if runs > 1:
        notes.append(f"numbers are medians of {runs} runs (rss_peak_mb is the process peak over all runs)")
    out.update(size=f"{size[0]}x{size[1]}", runs=runs, machine=machine(), notes="; ".join(notes))
    if runs > 1:
        out["per_run"] = [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()
                           if k in REQUIRED_KEYS} for r in per_run]
    return out


# --- soak ------------------------------------------------------------------------------------------------
def run_soak(content: Content, size: tuple[int, int], frames: int,
             progress: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """Loop the scenes for `frames` App.frame() calls (fake clock, drawing) and watch resident memory."""
    import gc

    from kiosk.app.clock import FakeClock
    work = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    try:
        k = HeadlessKiosk(content, work / "state", size, FakeClock())
        stats = TourStats(keep=False)
        baseline_at = min(SOAK_BASELINE_FRAME, max(1, frames // 10))
        baseline: Optional[float] = None
        peak_seen = rss_now_mb()
        samples: list[tuple[int, float]] = []
        t0 = time.perf_counter()
        while stats.frames < frames:
            before = stats.frames
            for _ in Tour(k, stats).scenes():
                if stats.frames >= frames:
                    break
                if baseline is None and stats.frames >= baseline_at:
                    gc.collect()
                    baseline = rss_now_mb()
                if stats.frames % 10_000 == 0:
                    rss = rss_now_mb()
                    peak_seen = max(peak_seen, rss)
                    samples.append((stats.frames, round(rss, 1)))
                    progress(f"soak: {stats.frames} frames, {rss:.1f} MB, {time.perf_counter() - t0:.0f} s")
            if stats.frames == before:
                break  # nothing playable: do not spin
        gc.collect()
        end = rss_now_mb()
        seconds = time.perf_counter() - t0
        return {"soak_frames": stats.frames, "frames_drawn": stats.frames_drawn, "steps_played": stats.steps,
                "scenes_played": stats.scenes, "rss_baseline_frame": baseline_at,
                "rss_at_baseline_mb": round(baseline or end, 1), "rss_end_mb": round(end, 1),
                "rss_growth_mb": round(end - (baseline or end), 2), "rss_peak_mb": round(rss_peak_mb(), 1),
                "rss_samples": samples, "seconds": round(seconds, 1),
                "frames_per_second": round(stats.frames / seconds, 1) if seconds else 0.0,
                "art_cache_mb": round(k.app.ctx.assets.size_bytes / 1e6, 1),
                "app_frame_log_entries": len(getattr(k.app, "_frames", ())),
                "size": f"{size[0]}x{size[1]}", "machine": machine()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- output --------------------------------------------------------------------------------------------
def table(result: dict[str, Any], size: tuple[int, int]) -> str:
    goals = targets(size)
    rows = [("startup_cold_s", "s"), ("startup_warm_s", "s"), ("frame_ms_p50", "ms"), ("frame_ms_p95", "ms"),
            ("frame_ms_p99", "ms"), ("frame_ms_max", "ms"), ("static_cpu_percent", "%"), ("step_change_ms", "ms"),
            ("step_change_ms_max", "ms"), ("scene_open_ms", "ms"), ("scene_load_ms", "ms"), ("rss_peak_mb", "MB"),
            ("rss_growth_mb", "MB")]
    lines = [f"kiosk bench  {result.get('size', '')}  runs: {result.get('runs', 1)}",
             f"{'measure':<22}{'value':>12}  {'target':>10}  status"]
    for key, unit in rows:
        if key not in result:
            continue
        value = result[key]
        goal = goals.get(key)
        status = "" if goal is None else ("ok" if value <= goal else "OVER")
        goal_text = f"<= {goal:g} {unit}" if goal is not None else ""
        lines.append(f"{key:<22}{value:>10.2f} {unit:<2} {goal_text:>10}  {status}")
    extra = {k: v for k, v in result.items() if k in ("frames_measured", "step_changes", "scenes_played",
                                                     "steps_played", "static_frames_drawn", "static_where",
                                                     "idle_wait_only_cpu_percent", "art_cache_mb", "soak_frames",
                                                     "seconds")}
    for key, value in extra.items():
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        lines.append(f"{key:<28}{text:>10}" if len(text) <= 10 else f"{key:<28}{text}")
    if "machine" in result:
        m = result["machine"]
        lines.append(f"machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gb')} GB, {m.get('os')}, "
                     f"Python {m.get('python')}, pygame-ce {m.get('pygame')}, SDL {m.get('sdl')}")
    if result.get("notes"):
        lines.append("notes: " + str(result["notes"]))
    return "\n".join(lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def content_from_args(args: argparse.Namespace) -> Content:
    from kiosk.cli import Setup
    setup = Setup(args)
    return Content(setup.config_path.resolve(), setup.scenes_dir.resolve(), setup.art_dir.resolve())


def cmd_bench(args: argparse.Namespace) -> int:
    """`kiosk bench`: the numbers as a table, or one JSON object with --json."""
    if getattr(args, "display", False):
        if not os.environ.get("DISPLAY"):
            print("kiosk bench --display needs a screen: run it inside a desktop, or start one with "
                  "`Xvfb :55 -screen 0 1920x1080x24 &` and set DISPLAY=:55", file=sys.stderr)
            return 2
        os.environ["SDL_VIDEODRIVER"] = "x11"   # a real window: every frame is really presented
    headless()
    content = content_from_args(args)
    size = args.size
    say = (lambda message: print(message, file=sys.stderr, flush=True)) if not args.json or args.verbose else \
        (lambda message: None)
    try:
        if args.soak:
            result = run_soak(content, size, args.soak, progress=say)
        else:
            result = run_bench(content, size, args.seconds, args.runs, progress=say)
    except KeyboardInterrupt:
        print("kiosk bench: stopped (Ctrl+C or SIGTERM) before it finished; no numbers", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(_rounded(result), ensure_ascii=False))
    else:
        print(table(result, size))
    if result.get("errors"):
        print(f"kiosk bench: {result['errors']} error(s) were logged during the run (see above); "
              f"fix them before trusting the numbers", file=sys.stderr)
        return 1
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    from kiosk.cli import parse_size
    p.add_argument("--size", type=parse_size, default=(1920, 1080), help="WIDTHxHEIGHT (default 1920x1080)")
    p.add_argument("--seconds", type=float, default=None,
                   help="time budget: stop playing scenes after this many wall seconds and idle this long for "
                        "the CPU measure (default: play every scene, idle 4 s)")
    p.add_argument("--runs", type=int, default=1, help="repeat the whole bench K times and report medians")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--soak", type=int, default=0, metavar="FRAMES",
                   help="instead: loop the scenes for FRAMES frames and report memory growth")
    p.add_argument("--verbose", action="store_true", help="progress lines on stderr even with --json")
    p.add_argument("--display", action="store_true",
                   help="draw in a real window on $DISPLAY (X11) instead of SDL's dummy driver, so frame times "
                        "include what presenting each frame costs")


def main(argv: Optional[list[str]] = None) -> int:
    """`python -m kiosk.bench`: the bench itself, or (--startup) the child whose first frame is timed."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.bench")
    parser.add_argument("--startup", action="store_true", help="internal: build the App and draw one frame")
    parser.add_argument("--state", help="state folder for --startup")
    parser.add_argument("--config")
    parser.add_argument("--scenes")
    parser.add_argument("--art")
    add_arguments(parser)
    args = parser.parse_args(argv)
    headless()
    if args.startup:
        content = Content(Path(args.config), Path(args.scenes), Path(args.art))
        return startup_child(content, Path(args.state or tempfile.mkdtemp(prefix="kiosk-state-")), args.size)
    return cmd_bench(args)


if __name__ == "__main__":
    sys.exit(main())
