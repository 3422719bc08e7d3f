"""A least-recently-used cache of pictures, bounded both by how many it keeps and by their bytes of pixels."""

from __future__ import annotations

from collections import OrderedDict
from typing import Optional

import pygame


class PictureCache:
    """A least-recently-used cache of composed pictures, bounded by count and by bytes of pixels.
    Values are tuples whose first item is the surface."""

    def __init__(self, size: int, max_bytes: int) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self.items: OrderedDict[tuple, tuple] = OrderedDict()

    def get(self, key: tuple) -> Optional[tuple]:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: tuple, value: tuple) -> tuple:
        old = self.items.pop(key, None)
        if old is not None:
            self.bytes -= pixel_bytes(old[0])
        self.items[key] = value
        self.bytes += pixel_bytes(value[0])
        while len(self.items) > 1 and (len(self.items) > self.size or self.bytes > self.max_bytes):
            _, dropped = self.items.popitem(last=False)
            self.bytes -= pixel_bytes(dropped[0])
            self.spare = dropped[0]
        return value

    spare: Optional[pygame.Surface] = None   # the last picture let go: its memory can be drawn over again

    def clear(self) -> None:
        self.items.clear()
        self.bytes = 0


def pixel_bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * 4
