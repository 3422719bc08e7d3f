"""Pictures and fonts, ready to blit: SVG rasterised at the size it is shown, raster art through Pillow.

Contract: `AssetCache.picture` never raises for bad art; it returns a gentle placeholder and remembers the
problem. Surfaces are cached by (file, mtime, size, pixel size), so an edited file is drawn anew and an
unchanged one is never rasterised twice.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union

import pygame
from PIL import Image, ImageOps

from kiosk import CHECKOUT
from kiosk.content.artcheck import MAX_RASTER_PIXELS, RASTER_SUFFIXES, ArtInfo, inspect_art
from kiosk.content.picture_file import open_picture, to_rgba
from kiosk.draw.art_store import ArtStore

log = logging.getLogger(__name__)

RING_COLOR = (255, 200, 40)     # the focus outline: a sunny band, with a thin plum edge so it reads on any pastel
MUTED_WHITE = 0.45              # the dimmed look: grey, then this far towards white (a wash, never a shadow)
PLACEHOLDER_FILL = (238, 230, 255)
PLUM = (61, 44, 94)
MAX_SIDE = 8192
SCREEN_PIXELS = 3840 * 2160   # a full-screen background on a 4K screen is always allowed
CACHE_BYTES = 40 * 1024 * 1024   # rasterised art kept (a 1080p scene's set fits); least recently used goes first

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


@dataclass(frozen=True)
class Sprite:
    """A picture with its fully transparent margins cut away. Scene art is often drawn on a shared canvas
    (the layered tooth's parts all line up on one), so most of a part's picture is empty: cut away, it costs
    a fraction of the memory and of every blit, turn and glow. `left`, `top` place the kept part in the whole
    picture, whose size is `full`."""

    surface: pygame.Surface
    left: int
    top: int
    full: tuple[int, int]

    @property
    def offset(self) -> tuple[float, float]:
        """The kept part's centre relative to the whole picture's centre."""
        return (self.left + self.surface.get_width() / 2 - self.full[0] / 2,
                self.top + self.surface.get_height() / 2 - self.full[1] / 2)


class AssetCache:
    """Rasterised art by size. `lookup` maps an art path as written in a scene to what the library knows."""

    def __init__(self, lookup: Lookup, placeholder_svg: Optional[Path] = None, budget_bytes: int = CACHE_BYTES,
                 store: Optional[ArtStore] = None):
        self.lookup = lookup
        self.store = store   # rasterised art on disk: a miss here costs a file read, not drawing the SVG again
        self.placeholder_svg = placeholder_svg
        self.budget = budget_bytes
        self._surfaces: OrderedDict[tuple, Union[pygame.Surface, Sprite]] = OrderedDict()
        self._bytes = 0
        self.failures: dict[str, str] = {}

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
        """The art fitted into `size` pixels (aspect kept), or a placeholder of that size."""
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
                whole, drawn = self._load(art, info, (w, h))  # not kept whole: only the cut-out is
            sprite = _trimmed(whole)
            if drawn:
                self._keep(name, sprite)
        self._put(key, sprite)
        return sprite

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
        surface = muted_copy(self.sprite(art, size).surface)
        self._put(key, surface)
        return surface

    def ring(self, art: str, size: tuple[int, int], width: int) -> pygame.Surface:
        """The focus outline in the shape of the art's sprite: a band `width` pixels wide around it, centred
        on the sprite (drawn beneath it, so only the band outside shows)."""
        key = self._key("ring", art, int(size[0]), int(size[1]), width)
        cached = self._get(key)
        if isinstance(cached, pygame.Surface):
            return cached
        surface = _ring(self.sprite(art, size).surface, width)
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
        try:
            if info.path.suffix.lower() == ".svg":
                surface = pygame.image.load_sized_svg(str(info.path), size)
            elif info.path.suffix.lower() in RASTER_SUFFIXES:
                surface = _load_raster(info.path, size)
            else:
                raise ValueError("not a picture")
            if pygame.display.get_init() and pygame.display.get_surface():
                surface = surface.convert_alpha()
            return surface, True
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


def _bytes(item: Union[pygame.Surface, Sprite]) -> int:
    surface = item.surface if isinstance(item, Sprite) else item
    return surface.get_width() * surface.get_height() * 4


def _trimmed(whole: pygame.Surface) -> Sprite:
    """Cut away the transparent margins (an empty picture keeps one pixel). The margins are found on a
    quarter-size copy, which is 16 times less to scan (a full scan of a 1600x1600 picture takes 12 ms);
    one quarter-size pixel of margin is kept around what it finds, so faint edge pixels are never cut."""
    w, h = whole.get_size()
    factor = 4
    small = pygame.transform.smoothscale(whole, (max(1, w // factor), max(1, h // factor))) if min(w, h) >= 64 \
        else None
    if small is None:
        box = whole.get_bounding_rect(min_alpha=1)
    else:
        found = small.get_bounding_rect(min_alpha=1)
        sx, sy = w / small.get_width(), h / small.get_height()
        box = pygame.Rect(int((found.x - 1) * sx), int((found.y - 1) * sy), int((found.width + 2) * sx) + 2,
                          int((found.height + 2) * sy) + 2).clip(whole.get_rect()) if found.width else found
    if box.width == 0 or box.height == 0:
        box = pygame.Rect(0, 0, 1, 1)
    surface = whole if box.size == (w, h) else whole.subsurface(box).copy()
    return Sprite(surface, box.x, box.y, (w, h))


def _load_raster(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """Decode with Pillow (EXIF rotation applied), refuse huge images before decoding, fit into size."""
    with open_picture(path) as img:   # PNG, JPEG or WebP by its bytes, or refused: no other decoder runs
        if img.width * img.height > MAX_RASTER_PIXELS:
            raise ValueError(f"{img.width}x{img.height} pixels is too large")
        img.draft("RGB", size)  # JPEG: decode at a reduced scale when much larger than needed
        img = to_rgba(ImageOps.exif_transpose(img))
        img.thumbnail(size, Image.Resampling.LANCZOS) if img.width > size[0] or img.height > size[1] else None
        if img.width < size[0] and img.height < size[1]:
            scale = min(size[0] / img.width, size[1] / img.height)
            img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                             Image.Resampling.LANCZOS)
        return pygame.image.frombytes(img.tobytes(), img.size, "RGBA")


def muted_copy(picture: pygame.Surface) -> pygame.Surface:
    """Grey, then washed MUTED_WHITE of the way to white; transparency kept."""
    surface = pygame.transform.grayscale(picture)
    keep = round(255 * (1 - MUTED_WHITE))
    surface.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)
    lift = round(255 * MUTED_WHITE)
    surface.fill((lift, lift, lift), special_flags=pygame.BLEND_RGB_ADD)
    return surface


def _disc_offsets(radius: int) -> list[tuple[int, int]]:
    """Offsets around a circle (and half-way in), enough that stamping a shape at each one grows it evenly."""
    steps = max(12, min(32, radius * 3))
    out = {(round(radius * math.cos(2 * math.pi * k / steps)), round(radius * math.sin(2 * math.pi * k / steps)))
           for k in range(steps)}
    half = radius / 2
    out |= {(round(half * math.cos(2 * math.pi * k / 8)), round(half * math.sin(2 * math.pi * k / 8)))
            for k in range(8)}
    return sorted(out)


def _ring(picture: pygame.Surface, width: int) -> pygame.Surface:
    """The picture's silhouette grown by `width` (a thin plum edge, then the sunny band), on a canvas `width`
    larger on each side. Only what lies outside the picture shows, as it is drawn beneath it."""
    width = max(2, width)
    mask = pygame.mask.from_surface(picture, 40)
    w, h = picture.get_size()
    canvas = pygame.Surface((w + width * 2, h + width * 2), pygame.SRCALPHA)
    edge = mask.to_surface(setcolor=(*PLUM, 255), unsetcolor=(0, 0, 0, 0))
    band = mask.to_surface(setcolor=(*RING_COLOR, 255), unsetcolor=(0, 0, 0, 0))
    inner = max(1, width - max(2, width // 4))
    for dx, dy in _disc_offsets(width):
        canvas.blit(edge, (width + dx, width + dy))
    for dx, dy in _disc_offsets(inner):
        canvas.blit(band, (width + dx, width + dy))
    return canvas


SHIPPED_FONTS = CHECKOUT / "art" / "fonts"


def load_font(path: Path, px: int) -> pygame.font.Font:
    """The font at `path`, else the shipped copy of it, else pygame's built-in font (never fails)."""
    for candidate in (path, SHIPPED_FONTS / path.name):
        try:
            return pygame.font.Font(str(candidate), max(6, int(px)))
        except (OSError, FileNotFoundError, pygame.error):
            continue
    log.warning("font %s not found; using the built-in font", path.name)
    return pygame.font.Font(None, max(6, int(px)))


class Fonts:
    """Fonts by weight and pixel size, loaded once each (the least recently used size is let go)."""

    MAX_LOADED = 32

    def __init__(self, regular: Path, bold: Path) -> None:
        self.paths = {"regular": regular, "bold": bold}
        self.log: Optional[Any] = None   # a text.TextLog while a test checks every text drawn; None otherwise
        self._fonts: OrderedDict[tuple[str, int], pygame.font.Font] = OrderedDict()

    def get(self, px: int, bold: bool = False) -> pygame.font.Font:
        key = ("bold" if bold else "regular", max(6, int(px)))
        font = self._fonts.get(key)
        if font is None:
            font = load_font(self.paths[key[0]], key[1])
            self._fonts[key] = font
            while len(self._fonts) > self.MAX_LOADED:
                self._fonts.popitem(last=False)
        else:
            self._fonts.move_to_end(key)
        return font


def default_fonts(art_dir: Path) -> Fonts:
    return Fonts(art_dir / "fonts" / "Andika-Regular.ttf", art_dir / "fonts" / "Andika-Bold.ttf")
