"""The menu's pages as geometry: how big a tile is, which scenes share a page (in the staff's playlist order),
and where the tiles, the two page arrows and the page dots go. No fonts, no drawing: the menu decides how many
pages it needs (its titles must fit) and draws what this lays out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import pygame


@dataclass(frozen=True)
class Shape:
    """The tiles of a full page: each tile_w x tile_h, in cols columns and rows rows."""

    tile_w: int
    tile_h: int
    cols: int
    rows: int


@dataclass(frozen=True)
class PageFrame:
    """Where a page's parts go: the tiles' area, the arrows (None on a menu of one page) and the dots' row."""

    area: pygame.Rect
    prev: Optional[pygame.Rect] = None
    next: Optional[pygame.Rect] = None
    dots: Optional[pygame.Rect] = None


def shape(count: int, area: pygame.Rect, gap: int, narrowest: float, widest: float) -> Shape:
    """The largest tiles that fit `count` of them in `area`, their width / height between `narrowest` and
    `widest` (a tile fills its cell where it can: a wider tile gives its title longer lines)."""
    best, best_size = Shape(0, 0, 1, max(1, count)), 0
    for cols in range(1, max(1, count) + 1):
        rows = math.ceil(count / cols)
        cell_w = (area.width - gap * (cols + 1)) // cols
        cell_h = (area.height - gap * (rows + 1)) // rows
        tile_w = int(min(cell_w, cell_h * widest))
        tile_h = int(min(cell_h, tile_w / narrowest))
        if tile_w > 0 and tile_h > 0 and tile_w * tile_h > best_size:
            best, best_size = Shape(tile_w, tile_h, cols, rows), tile_w * tile_h
    return best


def arrange(count: int, tiles: Shape, area: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """`count` tiles (at most a full page) in reading order, in the rows a full page has (so a tile never moves
    up or down from page to page), the full block centred in `area`, a short last row centred under the others."""
    cols = max(1, min(tiles.cols, count))
    rows = math.ceil(count / cols) if count else 0
    total_w = cols * tiles.tile_w + (cols - 1) * gap
    total_h = tiles.rows * tiles.tile_h + (tiles.rows - 1) * gap
    x0 = area.x + (area.width - total_w) // 2
    y0 = area.y + (area.height - total_h) // 2
    rects = []
    for i in range(count):
        r, c = divmod(i, cols)
        short = count % cols if r == rows - 1 else 0
        x_off = (cols - short) * (tiles.tile_w + gap) // 2 if short else 0
        rects.append(pygame.Rect(x0 + x_off + c * (tiles.tile_w + gap), y0 + r * (tiles.tile_h + gap),
                                 tiles.tile_w, tiles.tile_h))
    return rects


def split(ids: list[str], pages: int) -> list[list[str]]:
    """The scenes in their order over `pages` pages as evenly as they go (19 on two pages: 10 and 9), so the
    last page is never one lonely tile."""
    pages = max(1, min(pages, len(ids))) if ids else 1
    base, extra = divmod(len(ids), pages)
    out, at = [], 0
    for page in range(pages):
        n = base + (1 if page < extra else 0)
        out.append(ids[at:at + n])
        at += n
    return out


def frame(full: pygame.Rect, gap: int, arrow: int, dot_row: int, portrait: bool, paged: bool) -> PageFrame:
    """Landscape: an arrow at each side of the tiles, where a child's hands are, and the dots under them.
    Portrait (narrow): the arrows in a row under the tiles, the dots between them."""
    if not paged:
        return PageFrame(full)
    if portrait:
        area = pygame.Rect(full.x, full.y, full.width, full.height - arrow - gap)
        y = area.bottom + gap
        prev = pygame.Rect(full.x + gap, y, arrow, arrow)
        nxt = pygame.Rect(full.right - gap - arrow, y, arrow, arrow)
        return PageFrame(area, prev, nxt, pygame.Rect(prev.right, y, nxt.x - prev.right, arrow))
    area = pygame.Rect(full.x + arrow + gap, full.y, full.width - 2 * (arrow + gap), full.height - dot_row)
    y = area.centery - arrow // 2
    return PageFrame(area, pygame.Rect(full.x, y, arrow, arrow), pygame.Rect(full.right - arrow, y, arrow, arrow),
                     pygame.Rect(area.x, area.bottom, area.width, dot_row))
