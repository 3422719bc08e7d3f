"""Holds what the live kiosk leaves on its screen to a plain reference, frame after frame.

A `Twin` runs two copies of the real app side by side on the same content, clock steps and injected pygame events:
the product (partial redraws, every cache, the disk art store) and a reference that draws every frame whole with
`kiosk.draw.plain.PlainRenderer` (no caches, no clipping, no partial redraw). At the moments a test chooses, the
two screens are compared within a tolerance. Anything the fast paths get wrong shows up as a difference: a
caption that vanished, a layer left behind, a fade that stuck.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pygame
from PIL import Image, ImageChops, ImageFilter

from kiosk.app.clock import FakeClock
from kiosk.app.loop import App, AppOptions, display_point
from kiosk.content.library import Library
from kiosk.tools.monkey import FlagWatcher

REPO = Path(__file__).resolve().parent.parent
FRAME = 1 / 30
MEAN_LEVELS = 1.0     # mean absolute difference allowed, in levels of 0-255, over the whole screen
BLOCK = 16            # pixels are judged in blocks of BLOCK x BLOCK...
BLOCK_PIXELS = 40     # ...and a block with more than this many pixels...
PIXEL_LEVELS = 24     # ...off by more than this (in any channel, from every pixel near it) is a visible mistake
ART_WAIT = 60.0       # seconds the live twin may wait at a new screen or step for its pictures (bounded, generous)


@dataclass
class Difference:
    mean: float                       # mean absolute difference per channel, levels
    worst_block: int                  # the most pixels off by more than PIXEL_LEVELS in one block
    where: Optional[tuple[int, int]]  # that block's top-left corner

    @property
    def ok(self) -> bool:
        return self.mean <= MEAN_LEVELS and self.worst_block <= BLOCK_PIXELS

    def __str__(self) -> str:
        return (f"mean difference {self.mean:.2f} levels (allowed {MEAN_LEVELS}), worst {BLOCK}x{BLOCK} block has "
                f"{self.worst_block} pixels off by more than {PIXEL_LEVELS} (allowed {BLOCK_PIXELS}) at {self.where}")


def as_image(surface: pygame.Surface) -> Image.Image:
    return Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))


def compare(a: Image.Image, b: Image.Image, ignore: Optional[tuple[int, int, int, int]] = None) -> Difference:
    """How far two pictures of the same size differ: their mean difference, and the worst block of clearly
    wrong pixels (off from every pixel within one pixel of them, both ways). `ignore` (x, y, w, h) is painted
    out of both first (a tap's ripple, say)."""
    if ignore is not None:
        a, b = a.copy(), b.copy()
        box = (ignore[0], ignore[1], ignore[0] + ignore[2], ignore[1] + ignore[3])
        a.paste((0, 0, 0), box)
        b.paste((0, 0, 0), box)
    diff = ImageChops.difference(a, b)
    r, g, bl = diff.split()
    per_channel = sum(sum(i * n for i, n in enumerate(channel.histogram())) for channel in (r, g, bl))
    mean = per_channel / (3 * a.width * a.height)
    raw = ImageChops.lighter(ImageChops.lighter(r, g), bl).point(lambda v: 255 if v > PIXEL_LEVELS else 0)
    if not raw.getbbox():
        return Difference(mean, 0, None)
    box = raw.getbbox()   # only where pixels differ plainly can the gentler, one-pixel-tolerant test differ
    pad = (max(0, box[0] - 2), max(0, box[1] - 2), min(a.width, box[2] + 2), min(a.height, box[3] + 2))
    worst = Image.new("L", a.size)
    ca, cb = a.crop(pad), b.crop(pad)
    worst.paste(ImageChops.darker(_off(ca, cb), _off(cb, ca)).point(lambda v: 255 if v > PIXEL_LEVELS else 0),
                pad[:2])
    cols, rows = -(-a.width // BLOCK), -(-a.height // BLOCK)
    padded = Image.new("L", (cols * BLOCK, rows * BLOCK))
    padded.paste(worst, (0, 0))
    counts = padded.resize((cols, rows), Image.BOX)   # mean of each block: 255 x (share of wrong pixels)
    peak = max(counts.tobytes())
    index = counts.tobytes().index(peak)
    return Difference(mean, round(peak * BLOCK * BLOCK / 255), ((index % cols) * BLOCK, (index // cols) * BLOCK))


def _off(a: Image.Image, b: Image.Image) -> Image.Image:
    """How far each pixel of `a` lies outside the range of `b`'s pixels within one pixel of it, in its worst
    channel: an edge drawn half a pixel over (a turned part, a rounded position) is not a mistake, a missing
    caption or a part left behind is."""
    low = ImageChops.subtract(b.filter(ImageFilter.MinFilter(3)), a)
    high = ImageChops.subtract(a, b.filter(ImageFilter.MaxFilter(3)))
    r, g, bl = ImageChops.lighter(low, high).split()
    return ImageChops.lighter(ImageChops.lighter(r, g), bl)


class SharedRasters:
    """Each SVG drawn once per size, for both twins (and the live one's worker threads). pygame-ce 2.5.8's SVG
    rasteriser does not always give the same pixels for the same file and size: art/tooth/chamber-empty.svg, while
    its outline was dashed with stroke-dasharray, came out 2 to 8 ways in 12-30 draws (a stray line across the
    chamber). Shipped art no longer dashes that way (`kiosk check` warns), but a clinic's own art may.
    The twins hold the kiosk's own drawing to the plain path, given the same pictures; that the rasteriser differs
    from itself is not theirs to catch."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}
        self._lock = threading.Lock()

    def __call__(self, path: str, size: tuple[int, int]) -> pygame.Surface:
        key = (str(path), (int(size[0]), int(size[1])))
        with self._lock:
            found = self._drawn.get(key)
        if found is None:
            drawn = pygame.image.load_sized_svg(path, size)
            with self._lock:
                found = self._drawn.setdefault(key, drawn)
        return found.copy()   # callers may convert or draw on what they get


class Twin:
    """The real app and its plain reference, driven together."""

    def __init__(self, folder: Path, size: tuple[int, int] = (1920, 1080), rotate: Optional[int] = None,
                 config: str = "", scenes: Path = REPO / "scenes", settle_art: bool = False) -> None:
        self.folder = folder
        self.settle_art = settle_art
        config_path = folder / "kiosk.yaml"
        config_path.write_text(config or "idle_seconds: 3600\n", encoding="utf-8")  # the longest allowed: a sweep plays for many minutes untouched
        pygame.display.init()
        pygame.event.clear()
        self.pending: list[pygame.event.Event] = []
        self.apps: list[App] = []
        self.clocks: list[FakeClock] = []
        self.watchers: list[FlagWatcher] = []
        for plain in (False, True):
            clock, watcher = FakeClock(), FlagWatcher()
            # The live app rasterises art off its main loop and waits for a new screen's or step's pictures at
            # most `art_wait`: here long enough that what it shows never depends on how busy the machine is.
            options = AppOptions(config_path, scenes, REPO / "art", folder / ("plain-state" if plain else "state"),
                                 windowed=True, size=size, rotate=rotate, plain=plain, art_wait=ART_WAIT)
            self.apps.append(App(options, clock, watcher=watcher))
            self.clocks.append(clock)
            self.watchers.append(watcher)
        self.live, self.plain = self.apps
        self.rasters = SharedRasters()
        for app in self.apps:   # each app keeps its renderer, and so its asset cache, for its whole life
            app.ctx.assets.draw_svg = self.rasters
        self.compared = 0
        self.frames(2)

    # --- driving both ------------------------------------------------------------------------------
    def frames(self, n: int = 1, dt: float = FRAME) -> None:
        for _ in range(n):
            pygame.event.get()  # what SDL itself queued (window events) would reach only one twin: drop it
            for app, clock in zip(self.apps, self.clocks):
                clock.advance(dt)
                for event in self.pending:
                    pygame.event.post(event)
                app.frame()
            self.pending = []

    def wait(self, seconds: float, dt: float = 0.25) -> None:
        for _ in range(max(1, int(round(seconds / dt)))):
            self.frames(1, dt)

    def post(self, kind: int, **attrs: Any) -> None:
        self.pending.append(pygame.event.Event(kind, **attrs))

    def tap(self, x: float, y: float) -> None:
        """A finger tap at (x, y) on the logical (drawn) picture, as SDL delivers it."""
        w, h = self.live.display.get_size()
        px, py = self._physical(x, y)
        for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
            self.post(kind, touch_id=1, finger_id=0, x=px / w, y=py / h, dx=0.0, dy=0.0, pressure=1.0)
            self.frames(2)

    def swipe(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A quick finger swipe from (x0, y0) to (x1, y1) on the logical picture."""
        w, h = self.live.display.get_size()
        for kind, (x, y) in ((pygame.FINGERDOWN, (x0, y0)), (pygame.FINGERMOTION, ((x0 + x1) / 2, (y0 + y1) / 2)),
                             (pygame.FINGERUP, (x1, y1))):
            px, py = self._physical(x, y)
            self.post(kind, touch_id=1, finger_id=0, x=px / w, y=py / h, dx=0.0, dy=0.0, pressure=1.0)
            self.frames(1)

    def _physical(self, x: float, y: float) -> tuple[float, float]:
        """Where on the display a point of the drawn picture appears (the inverse of the app's rotation)."""
        return display_point(x, y, self.live.rotate, self.live.logical_size)

    def press(self, name: str) -> None:
        self.tap(*self.button(name).rect.center)

    def button(self, name: str):  # type: ignore[no-untyped-def]
        for b in self.live.nav.screen.buttons:
            if b.name == name:
                return b
        raise AssertionError(f"no button {name!r} on {self.screen}: {[b.name for b in self.live.nav.screen.buttons]}")

    def each(self, fn: Callable[[App], None]) -> None:
        """Do the same thing to both apps (a reload, a resize)."""
        for app in self.apps:
            fn(app)

    @property
    def screen(self) -> str:
        return self.live.nav.screen.name

    # --- what is on screen ---------------------------------------------------------------------------
    def difference(self, ignore: Optional[tuple[int, int, int, int]] = None) -> Difference:
        """The live screen against the reference, as the display shows them (rotation included)."""
        self.compared += 1
        if self.settle_art:
            # Pictures are made off the main loop (issue 12): outside its known points (a game's reactions) the
            # live app may show one blank for a frame or two while it is made, by design. Let those in, and the
            # live app draw this same moment again, so what is compared is what stays on the screen.
            self.live.ctx.assets.settle(30.0)
            self.live.frame()
        self.plain.draw_reference()
        return compare(as_image(self.live.display), as_image(self.plain.display), ignore)

    def check(self, moment: str) -> None:
        """Fail, saying where and when, if the live screen differs visibly from the reference."""
        diff = self.difference()
        if not diff.ok:
            out = self.folder / f"mismatch-{self.compared}"
            out.mkdir(exist_ok=True)
            pygame.image.save(self.live.display, str(out / "live.png"))
            pygame.image.save(self.plain.display, str(out / "reference.png"))
            raise AssertionError(f"{moment}: the live screen differs from the plain reference: {diff} "
                                 f"(pictures in {out})")

    def assert_same_state(self) -> None:
        """Both twins must be in the same place of the story, or comparing them would prove nothing."""
        a, b = self.live.nav.screen, self.plain.nav.screen
        assert (a.name, getattr(a, "scene_id", None), getattr(a, "index", None)) == \
               (b.name, getattr(b, "scene_id", None), getattr(b, "index", None))


# --- playing shipped stories on both -------------------------------------------------------------------
def stories(library: Library) -> list[str]:
    """The library's scenes that play by themselves, in playlist order. Games wait for a child's touches and start
    with "How do you feel?": tests/test_games_live.py plays them."""
    return [sid for sid in library.playlist if sid in library.scenes and not library.scenes[sid].game]


def both(twin: Twin, fn) -> None:  # type: ignore[no-untyped-def]
    twin.each(lambda app: fn(app.nav))


def choose(twin: Twin, lang: str, audience: str) -> None:
    """The family's choices, made the way the top bar makes them (the navigator's own calls)."""
    both(twin, lambda nav: nav.set_language(lang))
    if twin.live.ctx.session.audience != audience:
        both(twin, lambda nav: nav.toggle_audience())
    twin.frames(12)


def run_to(twin: Twin, step_time: float) -> None:
    """Let the story play until `step_time` seconds into the current step: coarse frames first, then the real
    frame rate for the last few, so what is compared is what a screen shows at 30 frames a second."""
    screen = twin.live.nav.screen
    start = screen.step_start
    while twin.live.nav.t - start < step_time - 4 * FRAME:
        left = step_time - 4 * FRAME - (twin.live.nav.t - start)
        twin.frames(1, min(0.25, max(FRAME, left)))
        if twin.live.nav.screen is not screen or screen.step_start != start:
            return
    while twin.live.nav.t - start < step_time:
        twin.frames(1)
        if twin.live.nav.screen is not screen or screen.step_start != start:
            return


def play_whole_scene(twin: Twin, scene_id: str, where: str) -> int:
    """Open the scene and watch it to its end panel, comparing at each step's moments. Returns the steps seen."""
    both(twin, lambda nav: nav.play(scene_id))
    twin.frames(3)
    twin.check(f"{where}: opening {scene_id} (screen fade)")
    seen = 0
    while twin.screen == "scene" and twin.live.nav.screen.ended_at is None:
        screen = twin.live.nav.screen
        index, player = screen.index, screen.player
        settled = player.settled_at()
        moments = sorted({0.1, max(0.5, settled * 0.5), max(0.6, settled * 0.9), settled + 0.3})
        for moment in moments:
            run_to(twin, moment)
            if twin.live.nav.screen is not screen or screen.index != index:
                break
            twin.assert_same_state()
            twin.check(f"{where}: {scene_id} step {index + 1} at {twin.live.nav.t - screen.step_start:.2f} s")
        seen += 1
        while twin.screen == "scene" and screen.index == index and screen.ended_at is None:
            twin.frames(1, 0.25)   # the reading time: nothing moves, nothing is drawn
        twin.frames(2)
        twin.assert_same_state()
        twin.check(f"{where}: {scene_id} after step {index + 1} moved on by itself")
    assert twin.screen == "scene" and twin.live.nav.screen.ended_at is not None, f"{scene_id} did not reach its end"
    twin.frames(3)
    twin.check(f"{where}: {scene_id} end panel")
    both(twin, lambda nav: nav.go_home())
    twin.frames(12)
    return seen
