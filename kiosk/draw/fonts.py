"""Fonts by weight and pixel size: the shipped Andika faces, loaded once each, never failing."""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Any, Optional

import pygame

from kiosk import CHECKOUT

log = logging.getLogger(__name__)

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
        self.cut: set[str] = set()       # texts drawn cut (too long for their room at the smallest size allowed)
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
