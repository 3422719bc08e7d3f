"""Picture files drawn at a size: SVG by SDL_image (or an injected drawer), PNG, JPEG and WebP through Pillow.

Safe on a worker thread: nothing here touches a cache or the display.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import pygame
from PIL import Image, ImageOps

from kiosk.content.artcheck import MAX_RASTER_PIXELS, RASTER_SUFFIXES
from kiosk.content.picture_file import open_picture, to_rgba
from kiosk.draw.art_store import ArtStore
from kiosk.draw.sprite import Sprite, trimmed

SvgDrawer = Callable[[str, tuple[int, int]], pygame.Surface]


def draw_file(draw_svg: SvgDrawer, path: Path, size: tuple[int, int]) -> pygame.Surface:
    """The picture file drawn at `size` (SVG by `draw_svg`, raster through Pillow). Raises for bad art. Safe
    on a worker thread: it touches no cache."""
    if path.suffix.lower() == ".svg":
        return draw_svg(str(path), size)
    if path.suffix.lower() in RASTER_SUFFIXES:
        return load_raster(path, size)
    raise ValueError("not a picture")


def load_raster(path: Path, size: tuple[int, int]) -> pygame.Surface:
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


def worker_task(draw_svg: SvgDrawer, path: Path, size: tuple[int, int], kind: str, store: Optional[ArtStore],
                name: Optional[str]) -> Callable[[], Sprite]:
    """What the worker does for one picture: draw it, cut its margins away for a sprite, keep it on disk."""
    def run() -> Sprite:
        surface = draw_file(draw_svg, path, size)
        sprite = trimmed(surface) if kind == "sprite" else Sprite(surface, 0, 0, surface.get_size())
        if store is not None and name:
            store.save(name, sprite.surface, sprite.left, sprite.top, sprite.full)
        return sprite
    return run
