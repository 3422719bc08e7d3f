"""Find letters in scene files that the kiosk's font cannot draw (emoji, Arabic, Hebrew, CJK in Andika): they
would show as empty boxes, so `check` warns at their file:line:column.

A letter is missing when the font draws it exactly as it draws a code point no font has (its "notdef" box):
pygame reports no missing glyphs itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pygame

from kiosk.content.problems import Problem, warning

NOWHERE = "\U0010fffd"   # a private-use code point: drawn as the font's box for a missing letter


class GlyphCheck:
    def __init__(self, font_path: Path, px: int = 24) -> None:
        pygame.font.init()
        try:
            self.font = pygame.font.Font(str(font_path), px)
        except (OSError, FileNotFoundError, pygame.error):
            self.font = pygame.font.Font(None, px)
        self._box = self._picture(NOWHERE)
        self._known: dict[str, bool] = {}

    def _picture(self, ch: str) -> bytes:
        surface = self.font.render(ch, True, (0, 0, 0), (255, 255, 255))
        return bytes(surface.get_size()) + pygame.image.tobytes(surface, "RGB")

    def drawable(self, ch: str) -> bool:
        if ch.isascii() or ch.isspace():
            return True
        if ch not in self._known:
            self._known[ch] = self._picture(ch) != self._box
        return self._known[ch]

    def problems(self, files: Iterable[tuple[str, Path]]) -> list[Problem]:
        """One warning per line and letter the font lacks, for each (shown name, file)."""
        out: list[Problem] = []
        for shown, path in files:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue   # the loader reports an unreadable file
            for number, line in enumerate(text.splitlines()[:20_000], start=1):
                if line.lstrip().startswith("#") or line.isascii():
                    continue
                seen: set[str] = set()
                for column, ch in enumerate(line, start=1):
                    if ch not in seen and not self.drawable(ch):
                        seen.add(ch)
                        out.append(warning(shown, number, column,
                                           f"the kiosk's font has no letter for '{ch}' (U+{ord(ch):04X}); it would "
                                           "show as an empty box: write it in words or leave it out"))
        return out


def library_glyph_problems(lib: object, path: Path, root: Path, art_dir: Path) -> list[Problem]:
    """`check`'s letters check: the scene files that loaded from `path` (a folder or one file), with the FAQ and
    the kiosk's words, named relative to `root` as the loader names them."""
    folder = path if path.is_dir() else path.parent
    files = set(getattr(lib, "files", {}).values()) | {folder / n for n in ("faq.yaml", "ui.yaml")
                                                        if (folder / n).is_file()}
    if path.is_file():
        files = {f for f in files if f.resolve() == path.resolve()}
    base = root.resolve()
    shown = [(str(f.resolve().relative_to(base)) if f.resolve().is_relative_to(base) else str(f), f)
             for f in sorted(files)]
    return GlyphCheck(art_dir / "fonts" / "Andika-Regular.ttf").problems(shown)
