"""The main loop: read events, advance time, draw when something changed, flip. It owns the display and
nothing else: screens decide what to show, the navigator decides which screen is up.

Longer than 400 lines on purpose: the loop is the one owner of the display, and its events, reloads, rotation
and idle wait share that state; spread over modules they would each need the display.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pygame

from kiosk import __version__
from kiosk.app.clock import Clock
from kiosk.app.context import AppContext, Session
from kiosk.app.input import Command, GestureRecognizer, Key
from kiosk.app.memory import keep_large_blocks_returnable
from kiosk.app.navigator import Navigator
from kiosk.app.screens.attract import AttractScreen
from kiosk.app.screens.clinic import ClinicScreen
from kiosk.app.screens.faq import FaqScreen
from kiosk.app.screens.feelings import FeelingsScreen, StickerScreen
from kiosk.app.screens.home import HomeScreen
from kiosk.app.screens.scene import SceneScreen
from kiosk.app.screens.staff import PinScreen, StaffScreen
from kiosk.app.sound import SoundPlayer
from kiosk.appliance.heartbeat import Heartbeat, kiosk_facts
from kiosk.appliance.pin import guard_for_kiosk, kiosk_pin_hash, kiosk_pin_problems
from kiosk.appliance.present import PresentPath, apply_present_path
from kiosk.appliance.process import duration_text, rss_mb
from kiosk.content.config import LAST_GOOD_NAME, KioskConfig, clinic_art_problems, load_config
from kiosk.content.library import Library, keep_last_good, load_library
from kiosk.content.playlist_file import save_playlist
from kiosk.content.problems import warning
from kiosk.draw.art_store import ArtStore
from kiosk.draw.assets import POINT_WAIT, ArtLookup
from kiosk.draw.plain import build_plain_renderer
from kiosk.draw.raster_worker import RasterWorker
from kiosk.draw.render import Renderer, build_renderer
from kiosk.voice.playback import Mixer, Narrator

log = logging.getLogger(__name__)

SCREENS = {"attract": AttractScreen, "home": HomeScreen, "scene": SceneScreen, "faq": FaqScreen,
           "clinic": ClinicScreen, "pin": PinScreen, "staff": StaffScreen, "feelings": FeelingsScreen,
           "sticker": StickerScreen}
HEADLESS_DRIVERS = ("offscreen", "dummy", "evdev")


class NoScreen(RuntimeError):
    """The kiosk has nothing to draw on."""


MAX_STEP = 0.25          # a stall never jumps animations ahead by more than this
IDLE_WAIT_MS = 250       # nothing moving: wait for input this long (a timer firing a quarter second late is
                         # unseen: the next step, the idle reset; 100 ms cost a settled screen 1 % of a core)
IDLE_NAP_S = 0.008       # while waiting, look for input this often: a touch is answered within half a frame
FPS_WINDOW = 512         # frame times kept for the staff screen's frames-per-second
REFERENCE_PIXELS = 1920 * 1080
ART_CACHE_FOLDER = "art-cache"   # in the state folder: rasterised art, so a restart draws no SVG again
KEY_NAMES = {pygame.K_LEFT: "left", pygame.K_RIGHT: "right", pygame.K_RETURN: "return", pygame.K_SPACE: "space",
             pygame.K_BACKSPACE: "backspace", pygame.K_KP_ENTER: "return"}


@dataclass
class AppOptions:
    config_path: Path
    scenes_dir: Path
    art_dir: Path
    state_dir: Path
    windowed: bool = False
    size: Optional[tuple[int, int]] = None
    rotate: Optional[int] = None
    idle_timeout: Optional[float] = None
    notes: tuple[str, ...] = ()   # what start-up found wrong around the kiosk (a read-only state folder)
    # The reference twin for tests: keeps time and state like the kiosk but draws only when asked
    # (`draw_reference`), whole, with the plain renderer, on a picture of `size` instead of a display.
    plain: bool = False
    # The most a new screen or step waits for its pictures (rasterised off the main loop) before it shows
    # without them; the reference twin's live app waits longer, so that what it shows never depends on speed.
    art_wait: float = POINT_WAIT


def rotate_point(x: float, y: float, rotate: int, logical: tuple[int, int]) -> tuple[float, float]:
    """A point on the physical display → the same point on the (unrotated) picture we draw."""
    lw, lh = logical
    if rotate == 90:
        return y, lh - 1 - x
    if rotate == 180:
        return lw - 1 - x, lh - 1 - y
    if rotate == 270:
        return lw - 1 - y, x
    return x, y


def display_point(x: float, y: float, rotate: int, logical: tuple[int, int]) -> tuple[float, float]:
    """A point on the picture we draw → where it appears on the physical display (the inverse of rotate_point)."""
    lw, lh = logical
    if rotate == 90:
        return lh - 1 - y, x
    if rotate == 180:
        return lw - 1 - x, lh - 1 - y
    if rotate == 270:
        return y, lw - 1 - x
    return x, y


class App:
    def __init__(self, options: AppOptions, clock: Clock, usage: Optional[Callable[[str, str], None]] = None,
                 usage_summary: Optional[Callable[[], list]] = None, watcher: Any = None) -> None:
        keep_large_blocks_returnable()   # before the first pictures are made
        self.options = options
        self.clock = clock
        self.watcher = watcher
        self.config, self.config_problems = self._load_config()
        self.started = clock.now()
        self.wall = self.started
        self.t = 0.0
        self.exit_code: Optional[int] = None
        self._frames: deque[float] = deque(maxlen=FPS_WINDOW)   # when recent frames were drawn (diagnostics)
        self._woken_by: list[pygame.event.Event] = []   # the event an idle wait returned, handled first
        self._config_stamp = self._stamp(options.config_path)
        library = self._load_library()
        self._open_display()
        # Budgets grow with the screen: a 4K screen's pictures take four times the memory of 1080p ones.
        scale = max(1.0, self.display.get_width() * self.display.get_height() / REFERENCE_PIXELS)
        if options.plain:
            renderer: Renderer = build_plain_renderer(library.art.get, options.art_dir)
        else:
            renderer = build_renderer(library.art.get, options.art_dir, memory_scale=scale,
                                      store=ArtStore(options.state_dir / ART_CACHE_FOLDER), worker=RasterWorker(),
                                      point_wait=options.art_wait)
        session = Session(self.config.default_audience, self.config.default_language, self.config.sound.enabled,
                          self.config.sound.volume)
        sounds = SoundPlayer()
        self.ctx = AppContext(library=library, config=self.config, renderer=renderer, session=session,
                              size=self.logical_size, usage=usage or (lambda kind, detail: None),
                              problems=list(self.config_problems), sounds=sounds,
                              narrator=Narrator(lambda: options.scenes_dir, Mixer(sounds.ready)),
                              diagnostics=self.diagnostics, last_reload=self.wall,
                              pin_guard=guard_for_kiosk(options.state_dir, self.config.staff),
                              reload=self.reload, save_playlist_file=self._save_playlist,
                              usage_summary=usage_summary, epoch=clock.epoch)
        self.recognizer = GestureRecognizer(*self.logical_size)
        self.nav = Navigator(self.ctx, SCREENS, self.t, self.wall, whole_frames=options.plain)
        self.nav.on_reset = self.recognizer.cancel
        self._logged: set[str] = set()
        self._log_new_problems(self.config_problems + list(library.problems))
        self.heartbeat = Heartbeat(options.state_dir, wall=time.time)   # read by the staff console

    # --- loading ---------------------------------------------------------------------------------------
    def _load_config(self) -> tuple[KioskConfig, list]:
        config, problems = load_config(self.options.config_path, self.options.state_dir / LAST_GOOD_NAME)
        problems += clinic_art_problems(config, self.options.config_path, self.options.art_dir)
        problems += kiosk_pin_problems(self.options.state_dir, config.staff.pin_hash, self.options.config_path)
        problems += [warning(str(self.options.state_dir), 0, 0, note) for note in self.options.notes]
        if self.options.idle_timeout is not None:
            config = config.model_copy(update={"idle_seconds": max(1.0, self.options.idle_timeout)})
        return config, problems

    def _load_library(self) -> Library:
        return load_library(self.options.scenes_dir, self.options.art_dir, self.config.languages,
                            self.config.default_language, shown_base=self.options.config_path.parent)

    @staticmethod
    def _stamp(path: Path) -> Optional[tuple[int, int]]:
        try:
            st = path.stat()
            return st.st_mtime_ns, st.st_size
        except OSError:
            return None

    def reload(self, from_watcher: bool = False) -> None:
        """Load content anew; scenes whose files now have errors keep their last good version."""
        if not from_watcher and self.watcher is not None and hasattr(self.watcher, "reset"):
            self.watcher.reset()  # what is loaded now is the baseline: do not load it twice
        new_config_stamp = self._stamp(self.options.config_path)
        if new_config_stamp != self._config_stamp:
            self._config_stamp = new_config_stamp
            rotate_before = self.rotate
            content_before = self.config.content
            self.config, self.config_problems = self._load_config()
            self.ctx.config = self.config
            if self.config.content != content_before:
                log.warning("kiosk.yaml names other content folders (content:); restart the kiosk to use them")
            if self.rotate != rotate_before:
                self._resized()  # the picture and the touches turn with the new setting
            self.ctx.pin_guard.stored_hash = kiosk_pin_hash(self.options.state_dir,  # type: ignore[attr-defined]
                                                            self.config.staff.pin_hash)
        fresh = self._load_library()
        merged = keep_last_good(self.ctx.library, fresh)
        self.ctx.problems = list(self.config_problems)
        self.ctx.last_reload = self.wall
        self.ctx.assets.set_lookup(ArtLookup(merged.art.get, self.options.art_dir))
        self.ctx.narrator.forget()  # type: ignore[attr-defined]  # a recording may have been added or removed
        self.nav.set_library(merged)
        log.info("content reloaded: %d scenes, %d errors, %d warnings", len(merged.scenes), len(fresh.errors),
                 len(fresh.warnings))
        self._log_new_problems(list(self.config_problems) + list(fresh.problems))

    def _log_new_problems(self, problems: list) -> None:
        """Log problems not logged before: a half-done translation must not repeat 300 lines per reload."""
        lines = [str(p) for p in problems]
        for line in lines:
            if line not in self._logged:
                log.warning("%s", line)
        self._logged = set(lines)

    def _save_playlist(self, order: list, disabled: list) -> None:
        save_playlist(self.options.scenes_dir / "playlist.yaml", order, disabled)
        self.reload()

    # --- display ---------------------------------------------------------------------------------------
    @property
    def rotate(self) -> int:
        return self.options.rotate if self.options.rotate is not None else self.config.display.rotate

    @property
    def windowed(self) -> bool:
        return self.options.windowed or not self.config.display.fullscreen

    def _open_display(self) -> None:
        self.present = PresentPath(None, "none", "the reference twin draws on a picture")
        if not self.options.plain:
            self.present = apply_present_path(os.environ)
            log.info("frames reach the screen %s", self.present.describe())
        pygame.display.init()
        pygame.font.init()
        if self.options.plain:
            self.display = pygame.Surface(self.options.size or (1280, 720))
            self._make_canvas()
            return
        driver = pygame.display.get_driver()
        if driver in HEADLESS_DRIVERS and os.environ.get("SDL_VIDEODRIVER", "") != driver:
            # SDL fell back to drawing nowhere by itself: say so instead of running blind.
            raise NoScreen(f"no screen found (SDL chose its '{driver}' driver). Run the kiosk inside a desktop, "
                           "or without one set SDL_VIDEODRIVER=kmsdrm (see docs/install.md); "
                           "`kiosk doctor` checks the screen, and `kiosk render` makes pictures without one")
        if self.windowed:
            size = self.options.size or _parse(self.config.display.size) or (1280, 720)
            self.display = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.display = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            pygame.mouse.set_visible(False)
        pygame.display.set_caption("Tooth kiosk")  # after set_mode: SDL names the window it has
        self._make_canvas()

    def _make_canvas(self) -> None:
        dw, dh = self.display.get_size()
        self.logical_size = (dh, dw) if self.rotate in (90, 270) else (dw, dh)
        self.canvas = self.display if self.rotate == 0 else pygame.Surface(self.logical_size)

    def _resized(self) -> None:
        if not self.options.plain:
            self.display = pygame.display.get_surface()
        self._make_canvas()
        self.recognizer.resize(*self.logical_size)
        self.nav.resize(self.logical_size)

    # --- events ----------------------------------------------------------------------------------------
    def _point(self, x: float, y: float) -> tuple[float, float]:
        return rotate_point(x, y, self.rotate, self.logical_size)

    def _commands(self, event: pygame.event.Event) -> list[Command]:
        t = self.t
        dw, dh = self.display.get_size()
        r = self.recognizer
        if event.type in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            x, y = self._point(event.x * dw, event.y * dh)
            pointer = ("finger", event.touch_id, event.finger_id)
            if event.type == pygame.FINGERDOWN:
                return r.down(pointer, x, y, t)
            if event.type == pygame.FINGERMOTION:
                return r.move(pointer, x, y, t) + r.moved(pointer, x, y, t)
            return r.up(pointer, x, y, t)
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if getattr(event, "touch", False):
                return []  # SDL made this from a finger we already handled
            if event.type != pygame.MOUSEMOTION and event.button != 1:
                return []
            x, y = self._point(*event.pos)
            if event.type == pygame.MOUSEBUTTONDOWN:
                return r.down("mouse", x, y, t)
            if event.type == pygame.MOUSEMOTION:
                return r.move("mouse", x, y, t) + r.moved("mouse", x, y, t)
            return r.up("mouse", x, y, t)
        if event.type == pygame.KEYDOWN:
            if self.windowed and event.key == pygame.K_ESCAPE:
                self.exit_code = 0
                return []
            name = KEY_NAMES.get(event.key) or (event.unicode if event.unicode.isdigit() else "")
            return [Key(name, t)] if name else []
        if event.type == pygame.QUIT:
            if self.windowed:
                self.exit_code = 0  # a preview window closes normally; the full-screen kiosk has no way out
            return []
        if event.type in (pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE):
            self._resized()
        elif event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWLEAVE):
            r.cancel()
        return []

    # --- one frame -------------------------------------------------------------------------------------
    def frame(self) -> bool:
        """Handle waiting events, advance time, and draw if anything changed. True if a frame was drawn."""
        now = self.clock.now()
        self.t += min(max(now - self.wall, 0.0), MAX_STEP)
        self.wall = now
        try:
            events, self._woken_by = self._woken_by + pygame.event.get(), []
            for event in events:
                for cmd in self._commands(event):
                    self.nav.handle(cmd)
            for cmd in self.recognizer.update(self.t):
                self.nav.handle(cmd)
            if self.watcher is not None and self.watcher.poll(self.wall):
                self.reload(from_watcher=True)
            self.nav.update(self.t, self.wall)
            self.heartbeat.beat(self.wall, lambda: kiosk_facts(self.nav.screen, self.ctx.library, self.config,
                                                               time.time() - (self.wall - self.ctx.last_reload)))
            if self.nav.quit_requested:
                self.exit_code = 0
            if self.options.plain:
                return False
            # Drawing is cheap when nothing changed (the display list is compared, nothing painted), so every
            # frame asks: a screen whose state changed by itself (an auto-advance to the end panel) is drawn
            # even if nothing told the navigator so.
            moving = self.nav.moving()
            changed = self.nav.draw(self.canvas)
            if changed == []:
                return moving
            if self.canvas is not self.display:
                self.display.blit(pygame.transform.rotate(self.canvas, -self.rotate), (0, 0))
                pygame.display.flip()
            elif changed is not None:
                pygame.display.update(changed)  # send only what changed: a full 1080p flip costs a Pi dearly
            else:
                pygame.display.flip()
            self._frames.append(now)
            return True
        except Exception:  # the kiosk must keep running: log it and carry on from the home screen
            log.exception("unexpected error in the main loop; going home")
            self.nav.go_home()
            return False

    def draw_reference(self) -> None:
        """The plain twin's picture of this moment (drawing is kept out of `frame`: it changes no state)."""
        self.nav.draw(self.canvas)
        if self.canvas is not self.display:
            self.display.blit(pygame.transform.rotate(self.canvas, -self.rotate), (0, 0))

    def _stop_on_signal(self) -> None:
        """SIGTERM (systemctl stop) and Ctrl+C end the kiosk cleanly. SDL would turn them into a window-close,
        which the full-screen kiosk ignores on purpose, so service stops would hang until killed."""
        def stop(signum: int, _frame: object) -> None:
            log.info("stopping on signal %d", signum)
            self.exit_code = 0
        # SIGHUP too: a closed terminal or a session ending sends it, and it used to end the kiosk uncleanly.
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            try:
                signal.signal(sig, stop)
            except ValueError:  # not the main thread (tests): nothing to do
                pass

    def run(self) -> int:
        self._stop_on_signal()
        fps = self.config.display.fps
        ticker = pygame.time.Clock()
        log.info("kiosk %s started: %dx%d, rotate %d, %d scenes", __version__, *self.display.get_size(),
                 self.rotate, len(self.ctx.library.scenes))
        while self.exit_code is None:
            if self.frame():
                ticker.tick(min(fps, self.nav.screen.max_fps or fps))
            else:
                self._idle_wait()
        log.info("kiosk stopped (staff exit or window closed)")
        return self.exit_code

    def _idle_wait(self) -> None:
        """Nothing is moving: sleep until input arrives (or a short timeout for timers).
        SDL's own timed wait polls about a thousand times a second (3 % of a core on an idle screen, measured),
        so we sleep in short naps instead: a touch waits at most one nap, well under a frame.
        The event that woke us is kept and handled first: posting it back would put it behind the events that
        followed it (a click's button-up before its button-down)."""
        deadline = time.monotonic() + IDLE_WAIT_MS / 1000
        while True:
            event = pygame.event.poll()
            if event.type != pygame.NOEVENT:
                self._woken_by.append(event)
                return
            if time.monotonic() >= deadline:
                return
            time.sleep(IDLE_NAP_S)

    # --- diagnostics ---------------------------------------------------------------------------------------
    def diagnostics(self) -> dict:
        recent = [t for t in self._frames if self.wall - t <= 1.0]
        return {
            "uptime": duration_text(self.wall - self.started),
            "frames per second (last second)": len(recent),
            "memory": f"{rss_mb():.0f} MB",
            "scenes loaded": len(self.ctx.library.scenes),
            "last reload": time.strftime("%H:%M:%S", time.localtime(time.time() - (self.wall - self.ctx.last_reload))),
            "art cache": f"{self.ctx.assets.size_bytes / 1e6:.0f} MB",
            "present": self.present.name,
            "screen": "x".join(map(str, self.display.get_size())) + (f", rotated {self.rotate}" if self.rotate else ""),
        }


def _parse(size: Optional[str]) -> Optional[tuple[int, int]]:
    if not size:
        return None
    w, h = size.lower().split("x")
    return int(w), int(h)
