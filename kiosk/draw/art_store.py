"""Rasterised art kept on disk, so art is drawn from its SVG once per size per machine, not once per start.

A file is named by a hash of the art file's bytes, the picture's kind and size and the renderer's version:
an edited art file gets new names, an unchanged one (even renamed or copied to another kiosk) finds its old
ones. Contract: nothing here raises. A missing, truncated or foreign file is a miss (and is removed); a full
or read-only disk turns saving off for the session. The folder is kept under `max_bytes` by removing the
pictures used least recently. `save` may be called from the raster worker's thread while the main loop loads:
the byte count and pruning are done under a lock, and files appear whole by rename.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import sys
import threading
from pathlib import Path
from typing import BinaryIO, Optional

import pygame

log = logging.getLogger(__name__)

MAGIC = b"KART2"
HEADER = struct.Struct("<5sIIIIII")   # magic, whole width, whole height, left, top, width, height
SUFFIX = ".art"
# A 32-bit surface with these masks holds its bytes in memory as B, G, R, A on a little-endian machine.
BGRA_MASKS = (0xFF0000, 0xFF00, 0xFF, 0xFF000000) if sys.byteorder == "little" else (0xFF00, 0xFF0000, 0xFF000000, 0xFF)
MAX_BYTES = 640 * 1024 * 1024   # every shipped scene at 1080p and at 4K (about 100 + 390 MB), with room to spare


class ArtStore:
    """Pictures on disk: `load` gives (surface, left, top, whole size) or None; `save` stores one."""

    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.writable = True
        self._digests: dict[tuple[str, tuple[int, int]], Optional[str]] = {}
        self._bytes: Optional[int] = None
        self.hits = self.misses = 0
        self._lock = threading.Lock()

    def name(self, path: Path, stamp: tuple[int, int], kind: str, size: tuple[int, int]) -> Optional[str]:
        """The file name for this art at this size, or None if the art file cannot be read."""
        digest = self._digest(path, stamp)
        if digest is None:
            return None
        version = f"{pygame.version.ver}|{kind}|{size[0]}x{size[1]}"
        return hashlib.sha256(f"{digest}|{version}".encode()).hexdigest()[:40] + SUFFIX

    def load(self, name: str) -> Optional[tuple[pygame.Surface, int, int, tuple[int, int]]]:
        path = self.folder / name
        try:
            with open(path, "rb", buffering=0) as file:
                picture = _read(file)
        except OSError:
            self.misses += 1
            return None
        if picture is None:
            log.warning("art cache file %s is damaged; it will be drawn again", path)
            self._remove(path)
            self.misses += 1
            return None
        try:
            os.utime(path)   # recently used: pruning removes the least recently used first
        except OSError:
            pass
        self.hits += 1
        return picture

    def save(self, name: str, surface: pygame.Surface, left: int, top: int, whole: tuple[int, int]) -> None:
        with self._lock:
            self._save(name, surface, left, top, whole)

    def _save(self, name: str, surface: pygame.Surface, left: int, top: int, whole: tuple[int, int]) -> None:
        if not self.writable:
            return
        w, h = surface.get_size()
        path = self.folder / name
        partial = path.with_suffix(".part")
        if self._bytes is None:
            self._bytes = self._scan()   # before writing: the new file is added below, once
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(partial, "wb") as file:
                file.write(HEADER.pack(MAGIC, whole[0], whole[1], left, top, w, h))
                if surface.get_masks() == BGRA_MASKS and surface.get_pitch() == w * 4:
                    file.write(surface.get_view("1"))   # straight from the surface: no copy of a 9 MB picture
                else:
                    file.write(pygame.image.tobytes(surface, "BGRA"))
            os.replace(partial, path)   # whole or not at all: a reader never sees half a picture
        except OSError as exc:
            self.writable = False
            log.warning("art cache in %s is not writable (%s); pictures will be drawn from their files", self.folder,
                        exc)
            self._remove(partial)
            return
        self._bytes += HEADER.size + w * h * 4
        if self._bytes > self.max_bytes:
            self._prune()

    @property
    def size_bytes(self) -> int:
        with self._lock:
            if self._bytes is None:
                self._bytes = self._scan()
            return self._bytes

    def _digest(self, path: Path, stamp: tuple[int, int]) -> Optional[str]:
        key = (str(path), stamp)
        if key not in self._digests:
            try:
                self._digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._digests[key] = None
            if len(self._digests) > 4096:
                self._digests.clear()
        return self._digests[key]

    def _files(self) -> list[os.DirEntry]:
        try:
            with os.scandir(self.folder) as entries:
                return [entry for entry in entries if entry.name.endswith(SUFFIX) and entry.is_file()]
        except OSError:
            return []

    def _scan(self) -> int:
        total = 0
        for entry in self._files():
            try:
                total += entry.stat().st_size
            except OSError:
                pass
        return total

    def _prune(self) -> None:
        """Remove the least recently used pictures until the folder is at three quarters of its budget."""
        files = []
        for entry in self._files():
            try:
                stat = entry.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        files.sort()
        total = sum(size for _, size, _ in files)
        for _, size, path in files:
            if total <= self.max_bytes * 3 // 4:
                break
            self._remove(path)
            total -= size
        self._bytes = total

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass


def _read(file: BinaryIO) -> Optional[tuple[pygame.Surface, int, int, tuple[int, int]]]:
    """One picture from an open file, or None if it is not whole. The pixels are read straight into the
    surface's memory: no copy, and a 1080p background (9 MB) is ready in about a millisecond."""
    header = file.read(HEADER.size)
    if len(header) != HEADER.size:
        return None
    magic, whole_w, whole_h, left, top, w, h = HEADER.unpack(header)
    if magic != MAGIC or not (0 < w <= 16384 and 0 < h <= 16384):
        return None
    surface = pygame.Surface((w, h), pygame.SRCALPHA, 32)
    if surface.get_masks() == BGRA_MASKS and surface.get_pitch() == w * 4:
        if file.readinto(surface.get_view("1")) != w * h * 4:
            return None
    else:   # another byte order: decode the portable way
        pixels = file.read(w * h * 4)
        if len(pixels) != w * h * 4:
            return None
        surface = pygame.image.frombytes(pixels, (w, h), "BGRA")
    if file.read(1):
        return None   # longer than its header says: not one of ours
    if pygame.display.get_init() and pygame.display.get_surface() is not None and \
            surface.get_masks() != pygame.Surface((1, 1), pygame.SRCALPHA, 32).convert_alpha().get_masks():
        surface = surface.convert_alpha()   # the display wants another pixel layout: blits are faster in its own
    return surface, left, top, (whole_w, whole_h)
