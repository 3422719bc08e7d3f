"""The full-screen picture of a screen being left, faded out over the new one: of the kind this machine blends
fastest.

Each frame of a fade between screens blends that picture over the whole window at a surface alpha. Two kinds of
picture give the same pixels (within a level): an opaque one, which SDL blends, and one with an alpha channel
that is opaque everywhere, which pygame-ce blends with its own code. Which is faster depends on the machine: at 4K
the alpha kind took 4.7 ms against 6.8 ms on one of our 2-core hosts and 15.5 ms against 8.0 ms on another of the
same name (2026-12-02, docs/performance.md). So the kind is chosen once, by timing both on a small picture the
first time one is needed (0.8-0.9 ms; 6 ms as the first drawing of a fresh process), and kept.

Only pixel operations: imports pygame alone.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

import pygame

ALPHA, OPAQUE = "alpha", "opaque"
TRIAL_SIZE = (320, 180)   # big enough that the time is the blend's, not the call's (measured: same ratio at 4K)
TRIALS = 3                # each kind's fastest of three: a time slice lost to another process counts once
ALPHA_MARGIN = 0.9        # the alpha kind also costs a pass to make it opaque: it must be clearly faster


def opaque_alpha_surface(size: tuple[int, int]) -> pygame.Surface:
    """A picture with an alpha channel, opaque black from the start, so every blend onto it is the blend onto an
    opaque window."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    surface.fill((0, 0, 0, 255))
    return surface


def made_opaque(surface: pygame.Surface) -> None:
    """Every pixel's alpha back to opaque, its colour kept: a translucent colour drawn straight onto a picture
    with an alpha channel (not blended) writes its alpha, and a fade would show what is under it through there."""
    surface.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MAX)


def faster_kind(times: dict[str, list[float]]) -> str:
    """The kind to use, given each kind's blend times (seconds): the alpha kind only if its fastest is clearly
    below the opaque kind's, else the opaque one (SDL's plain path)."""
    return ALPHA if min(times[ALPHA]) < min(times[OPAQUE]) * ALPHA_MARGIN else OPAQUE


def blend_times(like: pygame.Surface, timer: Callable[[], float] = time.perf_counter) -> dict[str, list[float]]:
    """Each kind blended at a surface alpha onto a picture of the window's format, in turn, TRIALS times."""
    window = pygame.Surface(TRIAL_SIZE, 0, like)
    window.fill((90, 160, 220))
    pictures = {ALPHA: opaque_alpha_surface(TRIAL_SIZE), OPAQUE: pygame.Surface(TRIAL_SIZE, 0, like)}
    times: dict[str, list[float]] = {kind: [] for kind in pictures}
    for picture in pictures.values():
        picture.fill((250, 200, 120, 255))
        picture.set_alpha(128)
    for _ in range(TRIALS):
        for kind, picture in pictures.items():
            start = timer()
            window.blit(picture, (0, 0))
            times[kind].append(timer() - start)
    return times


class FadePictures:
    """Makes the picture of the screen being left. `kind` pins it (tests, a twin); None measures on first use."""

    def __init__(self, kind: Optional[str] = None, timer: Callable[[], float] = time.perf_counter) -> None:
        self.kind = kind
        self._timer = timer

    def new(self, size: tuple[int, int], like: pygame.Surface) -> pygame.Surface:
        """A blank picture of `size` to draw the old screen on; `like` is the window (for its pixel format)."""
        if self.kind is None:
            self.kind = faster_kind(blend_times(like, self._timer))
        if self.kind == ALPHA:
            return opaque_alpha_surface(size)
        return pygame.Surface(size, 0, like)

    def finish(self, picture: pygame.Surface) -> None:
        """Call once the old screen is drawn on it: a picture with an alpha channel is made opaque again (a
        translucent colour drawn straight onto it writes its alpha, and the fade would show through there)."""
        if self.kind == ALPHA:
            made_opaque(picture)
