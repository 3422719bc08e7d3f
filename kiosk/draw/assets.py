"""Pictures and fonts, ready to blit: SVG rasterised at the size it is shown, raster art through Pillow.

Contract: `AssetCache.picture` never raises for bad art; it returns a gentle placeholder and remembers the
problem. Surfaces are cached by (file, mtime, size, pixel size), so an edited file is drawn anew and an
unchanged one is never rasterised twice.

With a `RasterWorker` (the kiosk), a picture not in memory or on disk is drawn on a worker thread: until it is
ready the caller gets a transparent picture of the right size (the step's background shows through), and the
loop's `poll` says when something shown blank has arrived, so that frame is drawn again. Screens mark the
moments a new screen or step is about to show (`known_point`); there the loop waits a bounded time for what
was asked for, so in normal use the first frame already has its pictures. Without a worker (`kiosk render`,
the plain reference twin) every picture is drawn at once, as before.

Longer than 400 lines: memory, disk store and worker share one set of keys and one budget per picture.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Union

import pygame
from PIL import Image

from kiosk.content.artcheck import ArtInfo, inspect_art
from kiosk.draw.art_files import SvgDrawer, draw_file, worker_task
from kiosk.draw.art_store import ArtStore
from kiosk.draw.fonts import Fonts, default_fonts, load_font
from kiosk.draw.looks import PLUM, muted_copy, ring_picture
from kiosk.draw.raster_worker import GaveUp, RasterWorker
from kiosk.draw.sprite import Sprite, trimmed

__all__ = ["ArtLookup", "AssetCache", "Fonts", "Sprite", "default_fonts", "load_font", "muted_copy"]

log = logging.getLogger(__name__)

PLACEHOLDER_FILL = (238, 230, 255)
MAX_SIDE = 8192
SCREEN_PIXELS = 3840 * 2160   # a full-screen background on a 4K screen is always allowed
CACHE_BYTES = 40 * 1024 * 1024   # rasterised art kept (a 1080p scene's set fits); least recently used goes first
POINT_WAIT = 1.5    # seconds a new screen or step may wait for its pictures before it shows without them

Lookup = Callable[[str], Optional[ArtInfo]]


class ArtLookup:
    """What is known about an art path: the library's answer first, else the file in the art folder
    (the kiosk's own buttons and backgrounds are not named by any scene). Inspected once per path."""

    def __init__(self, known: Callable[[str], Optional[ArtInfo]], art_dir: Path) -> None:
        self.known = known
        self.art_dir = art_dir.resolve() if art_dir.exists() else art_dir
        self._own: dict[str, Optional[ArtInfo]] = {}

    def __call__(self, art: str) -> Optional[ArtInfo]:
        info = self.known(art)
        if info is not None:
            return info
        if art not in self._own:
            self._own[art] = self._inspect(art)
        return self._own[art]

    def _inspect(self, art: str) -> Optional[ArtInfo]:
        try:
            path = (self.art_dir / art).resolve()
            path.relative_to(self.art_dir)
            return inspect_art(path) if path.is_file() else None
        except (ValueError, OSError, RuntimeError):   # outside art/, a NUL, a name too long for the disk
            return None


@dataclass
class _Wanted:
    """A picture the worker is making: what to do with it when it comes."""

    art: str
    kind: str                 # "art" (whole) or "sprite" (margins cut away)
    size: tuple[int, int]
    info: ArtInfo
    shown: bool               # a frame drew it blank: that frame must be drawn again when it comes


class AssetCache:
    """Rasterised art by size. `lookup` maps an art path as written in a scene to what the library knows."""

    def __init__(self, lookup: Lookup, placeholder_svg: Optional[Path] = None, budget_bytes: int = CACHE_BYTES,
                 store: Optional[ArtStore] = None, worker: Optional[RasterWorker] = None,
                 point_wait: float = POINT_WAIT):
        self.lookup = lookup
        self.store = store   # rasterised art on disk: a miss here costs a file read, not drawing the SVG again
        self.placeholder_svg = placeholder_svg
        self.budget = budget_bytes
        self.worker = worker          # None: every picture is drawn when asked (render, the plain twin)
        self.point_wait = point_wait  # the most a known point waits, in seconds of wall time
        self.draw_svg: SvgDrawer = pygame.image.load_sized_svg
        self._surfaces: OrderedDict[tuple, Union[pygame.Surface, Sprite]] = OrderedDict()
        self._bytes = 0
        self.failures: dict[str, str] = {}
        self._wanted: dict[tuple, _Wanted] = {}
        self._blanks: dict[tuple[int, int], pygame.Surface] = {}   # shown while a picture is being made
        self._given_up: set[tuple[str, Any]] = set()               # files that took too long: never started again
        self._ahead: Optional[bool] = None        # inside `ahead(urgent)`: preloads, shown by nobody yet
        self._asked: set[tuple] = set()           # inside `ahead`: which of its pictures are on their way
        self._point: Optional[set[tuple]] = None  # pictures asked for since the last known point
        self._point_deadline: Optional[float] = None

    def _bounded(self, size: tuple[int, int]) -> tuple[int, int]:
        """The size a picture is really made at: at most MAX_SIDE a side and a quarter of the cache's budget
        in all (aspect kept), whatever a scene asks for. A turned or glowing layer costs a few copies of its
        picture while drawn, so this bounds what any one layer can cost. Validation keeps real layers below it
        (two stage sizes at most); only a request past that is drawn smaller."""
        w, h = (max(1, min(int(v), MAX_SIDE)) if v == v and abs(v) < 1e9 else 1 for v in size)
        most = max(self.budget // 16, SCREEN_PIXELS)   # pixels (4 bytes each): a quarter of the budget, or a 4K screen
        if w * h > most:
            shrink = (most / (w * h)) ** 0.5
            w, h = max(1, int(w * shrink)), max(1, int(h * shrink))
        return w, h

    def set_lookup(self, lookup: Lookup) -> None:
        self.lookup = lookup

    def picture(self, art: str, size: tuple[int, int]) -> pygame.Surface:
        """The art fitted into `size` pixels (aspect kept), or a placeholder of that size; with a worker, a
        transparent picture of that size while it is being made."""
        w, h = self._bounded(size)
        key = self._key("art", art, w, h)
        cached = self._get(key)
        if isinstance(cached, pygame.Surface):
            return cached
        info = self.lookup(art)
        name = self._store_name(info, "art", (w, h))
        stored = self._stored(name)
        if stored is not None:
            surface = stored.surface
        elif self._later(key, art, info, (w, h), "art", name):
            return self._blank((w, h))
        else:
            surface, drawn = self._load(art, info, (w, h))
            if drawn:
                self._keep(name, Sprite(surface, 0, 0, surface.get_size()))
        self._put(key, surface)
        return surface

    def sprite(self, art: str, size: tuple[int, int]) -> Sprite:
        """The art fitted into `size` (as `picture`), with its transparent margins cut away."""
        w, h = self._bounded(size)
        key = self._key("sprite", art, w, h)
        cached = self._get(key)
        if isinstance(cached, Sprite):
            return cached
        info = self.lookup(art)
        name = self._store_name(info, "sprite", (w, h))
        sprite = self._stored(name)
        if sprite is None:
            whole = self._surfaces.get(self._key("art", art, w, h))
            drawn = False   # a whole picture already in memory may be the placeholder: never stored
            if not isinstance(whole, pygame.Surface):
                if self._later(key, art, info, (w, h), "sprite", name):
                    return Sprite(self._blank((1, 1)), 0, 0, (w, h))
                whole, drawn = self._load(art, info, (w, h))  # not kept whole: only the cut-out is
            sprite = trimmed(whole)
            if drawn:
                self._keep(name, sprite)
        self._put(key, sprite)
        return sprite

    # --- pictures made off the main loop ----------------------------------------------------------------
    def _later(self, key: tuple, art: str, info: Optional[ArtInfo], size: tuple[int, int], kind: str,
               name: Optional[str]) -> bool:
        """True if the worker makes this picture (asked now, or already on its way); False: draw it now."""
        if self.worker is None or info is None or not info.usable:
            return False
        if (str(info.path), info.stamp) in self._given_up:
            return False   # `_load` gives its placeholder at once: it is never started again
        shown = self._ahead is None
        if not shown:
            self._asked.add(key)
        wanted = self._wanted.get(key)
        if wanted is None:
            task = worker_task(self.draw_svg, info.path, size, kind, self.store, name)
            if not self.worker.submit(key, task, urgent=shown or bool(self._ahead)):
                return True   # too many preloads wait already: asked again when it is shown
            wanted = self._wanted[key] = _Wanted(art, kind, size, info, shown)
        elif shown and not wanted.shown:
            wanted.shown = True
            self.worker.submit(key, lambda: None, urgent=True)   # already queued: only moves it forward
        elif self._ahead:
            self.worker.submit(key, lambda: None, urgent=True)
        if self._point is not None:
            self._point.add(key)
        return True

    def _blank(self, size: tuple[int, int]) -> pygame.Surface:
        """A transparent picture of `size`, shared while pictures of that size are being made."""
        blank = self._blanks.get(size)
        if blank is None:
            blank = self._blanks[size] = pygame.Surface(size, pygame.SRCALPHA)
        return blank

    def _is_blank(self, surface: pygame.Surface) -> bool:
        return any(surface is blank for blank in self._blanks.values())

    @contextmanager
    def ahead(self, urgent: bool = False) -> Iterator[set]:
        """Pictures asked for inside this are preloads: nothing shows them yet, so their arrival redraws
        nothing. `urgent`: they are for the screen or step about to show (before any other preload). Gives
        the set of those still on their way (filled while inside)."""
        saved, self._ahead = self._ahead, urgent
        saved_asked, self._asked = self._asked, set()
        try:
            yield self._asked
        finally:
            self._ahead, self._asked = saved, saved_asked

    def settle(self, timeout: float) -> None:   # bounded wait for all on the way: tests against a plain reference
        if self.worker is not None and self._wanted:
            self.worker.wait(list(self._wanted), timeout)

    def poll(self) -> bool:
        """Take in the pictures the worker finished (or gave up on). True if one of them was shown blank:
        everything composed from it is stale and the frame must be drawn again."""
        if self.worker is None:
            return False
        shown = False
        for key, ok, result in self.worker.finished():
            wanted = self._wanted.pop(key, None)
            if wanted is None:
                continue
            shown = shown or wanted.shown
            if ok and isinstance(result, Sprite):
                surface = _display_format(result.surface)
                self._put(key, Sprite(surface, result.left, result.top, result.full) if wanted.kind == "sprite"
                          else surface)
                continue
            if isinstance(result, GaveUp):
                self._given_up.add((str(wanted.info.path), wanted.info.stamp))
                self.failures[wanted.art] = (f"{result}, so it shows as a placeholder: simplify it (fewer points "
                                             "and shapes) or save it as a PNG")
                log.warning("art %s %s; it shows as a placeholder", wanted.art, result)
            else:
                log.warning("art %s could not be drawn: %s", wanted.art, result)
                self.failures[wanted.art] = str(result)
            placeholder = self._placeholder(wanted.size)
            self._put(key, trimmed(placeholder) if wanted.kind == "sprite" else placeholder)
        if not self._wanted:
            self._blanks.clear()   # a 4K background's blank is 33 MB: kept only while something is on its way
        return shown

    def known_point(self) -> None:
        """A new screen or step is about to show: what is asked for from now until `end_point` may be waited
        for (at most `point_wait` seconds in all), so its first frame has its pictures. Marking it again
        before that frame keeps what was asked for already."""
        if self._point is None:
            self._point = set()
            self._point_deadline = None

    def wait_point(self) -> None:
        """At a known point: wait for the pictures asked for since it, within what is left of its time."""
        if self.worker is None or not self._point:
            return
        if self._point_deadline is None:
            self._point_deadline = time.monotonic() + self.point_wait
        self.worker.wait(self._point, self._point_deadline - time.monotonic())

    def end_point(self) -> bool:
        """After the first frame of a known point: wait for what it asked for too; False if at no known point."""
        if self._point is None:
            return False
        self.wait_point()
        self._point = self._point_deadline = None
        return True

    @property
    def busy(self) -> bool:
        """Pictures are on their way."""
        return bool(self._wanted)

    @property
    def on_the_way(self) -> set[str]:
        """The art files whose pictures are being made."""
        return {wanted.art for wanted in self._wanted.values()}

    def _store_name(self, info: Optional[ArtInfo], kind: str, size: tuple[int, int]) -> Optional[str]:
        """The art's file name in the disk store, or None without a store or readable art."""
        if self.store is None or info is None or not info.usable:
            return None
        return self.store.name(info.path, info.stamp, kind, size)

    def _stored(self, name: Optional[str]) -> Optional[Sprite]:
        found = self.store.load(name) if self.store is not None and name else None
        return Sprite(*found) if found else None

    def _keep(self, name: Optional[str], sprite: Sprite) -> None:
        if self.store is not None and name:
            self.store.save(name, sprite.surface, sprite.left, sprite.top, sprite.full)

    def known_sprite(self, art: str, size: tuple[int, int]) -> Optional[Sprite]:
        """The sprite if it is already rasterised, else None (never draws anything)."""
        w, h = self._bounded(size)
        cached = self._surfaces.get(self._key("sprite", art, w, h))
        return cached if isinstance(cached, Sprite) else None

    def muted(self, art: str, size: tuple[int, int]) -> pygame.Surface:
        """The art's sprite greyed and washed towards white, same size and transparency: drawn over the sprite
        (faded by how much it is dimmed) while another part has the focus."""
        key = self._key("muted", art, int(size[0]), int(size[1]))
        cached = self._get(key)
        if isinstance(cached, pygame.Surface):
            return cached
        picture = self.sprite(art, size).surface
        if self._is_blank(picture):
            return picture   # on its way: nothing to grey yet (and nothing kept)
        surface = muted_copy(picture)
        self._put(key, surface)
        return surface

    def ring(self, art: str, size: tuple[int, int], width: int) -> pygame.Surface:
        """The focus outline in the shape of the art's sprite: a band `width` pixels wide around it, centred
        on the sprite (drawn beneath it, so only the band outside shows)."""
        key = self._key("ring", art, int(size[0]), int(size[1]), width)
        cached = self._get(key)
        if isinstance(cached, pygame.Surface):
            return cached
        picture = self.sprite(art, size).surface
        if self._is_blank(picture):
            return picture   # on its way: no outline yet
        surface = ring_picture(picture, width)
        self._put(key, surface)
        return surface

    def _key(self, kind: str, art: str, *rest: int) -> tuple:
        info = self.lookup(art)
        return (kind, str(info.path) if info else art, info.stamp if info else None, *rest)

    def _load(self, art: str, info: Optional[ArtInfo], size: tuple[int, int]) -> tuple[pygame.Surface, bool]:
        """The art drawn at `size` and True, or the placeholder and False (the problem is remembered)."""
        if info is None or not info.usable:
            self.failures[art] = "missing or unusable art"
            return self._placeholder(size), False
        if (str(info.path), info.stamp) in self._given_up:
            return self._placeholder(size), False   # its problem is already in `failures`
        try:
            return _display_format(draw_file(self.draw_svg, info.path, size)), True
        except (pygame.error, OSError, ValueError, MemoryError, Image.DecompressionBombError) as exc:
            log.warning("art %s could not be drawn: %s", art, exc)
            self.failures[art] = str(exc)
            return self._placeholder(size), False

    def _placeholder(self, size: tuple[int, int]) -> pygame.Surface:
        key = ("placeholder", size)
        cached = self._get(key)
        if isinstance(cached, pygame.Surface):
            return cached
        surface: Optional[pygame.Surface] = None
        if self.placeholder_svg is not None and self.placeholder_svg.is_file():
            try:
                surface = pygame.image.load_sized_svg(str(self.placeholder_svg), size)
            except (pygame.error, OSError):
                surface = None
        if surface is None:
            surface = pygame.Surface(size, pygame.SRCALPHA)
            radius = max(2, min(size) // 6)
            pygame.draw.rect(surface, PLACEHOLDER_FILL, surface.get_rect(), border_radius=radius)
            pygame.draw.rect(surface, PLUM, surface.get_rect(), width=max(1, min(size) // 40),
                             border_radius=radius)
        self._put(key, surface)
        return surface

    def _get(self, key: tuple) -> Union[pygame.Surface, Sprite, None]:
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
        return surface

    def _put(self, key: tuple, surface: Union[pygame.Surface, Sprite]) -> None:
        self._surfaces[key] = surface
        self._bytes += _bytes(surface)
        while self._bytes > self.budget and len(self._surfaces) > 1:
            _, old = self._surfaces.popitem(last=False)
            self._bytes -= _bytes(old)

    def clear(self) -> None:
        self._surfaces.clear()
        self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    @property
    def has_room(self) -> bool:
        """Whether preloading more would still not push out pictures in use."""
        return self._bytes < self.budget * 0.8


def _display_format(surface: pygame.Surface) -> pygame.Surface:
    """In the display's own pixel layout when there is a display (blits are faster); on the main loop only."""
    if pygame.display.get_init() and pygame.display.get_surface():
        return surface.convert_alpha()
    return surface


def _bytes(item: Union[pygame.Surface, Sprite]) -> int:
    surface = item.surface if isinstance(item, Sprite) else item
    return surface.get_width() * surface.get_height() * 4
