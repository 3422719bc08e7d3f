"""Which screen is up, and everything that spans screens: the session (audience, language, sound), the idle
reset, the hidden staff chord, cleaning mode, hot-reloaded content, and faults inside a screen.

Time comes in from the app loop: `t` for animation (clamped so a stall never jumps a scene ahead) and
`wall` for the idle timer. Nothing here reads a clock or touches the display; `draw` gets a surface.
"""

from __future__ import annotations

import logging
import math
from typing import Any, Callable, Optional

import pygame

from kiosk.app.chord import KEEP, OPEN, StaffChord
from kiosk.app.context import AppContext, Session
from kiosk.app.input import Command, Press, Release, Swipe, Tap
from kiosk.app.overlays import draw_cleaning, draw_still_watching, ripple_items
from kiosk.app.screens.base import Screen
from kiosk.app.window_painter import WindowPainter
from kiosk.content.library import Library
from kiosk.draw.blit import blit_faded
from kiosk.draw.display_list import Item, item
from kiosk.draw.fade_picture import FadePictures
from kiosk.draw.widgets import button_at

log = logging.getLogger(__name__)

ACTION_GAP = 0.25            # at most one action (tap or swipe) this often: a storm of taps is one or two actions
STORM_REACH = 0.08           # of the shorter side: a quick tap farther than this from the last is a new, meant tap
FADE_SECONDS = 0.3
RIPPLE_SECONDS = 0.45
CLEANING_SECONDS = 30.0
FALLBACK_FILL = (223, 243, 255)   # what shows for a frame whose screen could not say what to draw

ScreenFactory = Callable[..., Screen]


class Navigator:
    def __init__(self, ctx: AppContext, screens: dict[str, ScreenFactory], t: float = 0.0, wall: float = 0.0,
                 whole_frames: bool = False) -> None:
        self.ctx = ctx
        self.fades = FadePictures()   # the old screen's picture, of the kind this machine blends fastest
        self.factories = screens
        self.t = t
        self.wall = wall
        self.last_input = wall
        self.last_action = -math.inf                 # wall time of the last action: a slow frame must not
        self._last_action_at: Optional[tuple[float, float]] = None   # stretch the gap (t is clamped)
        self.quit_requested = False
        self.on_reset: Callable[[], None] = lambda: None   # the app forgets any finger it thinks is down
        self.watching_since: Optional[float] = None     # wall time the "Still watching?" prompt appeared
        self.cleaning_until: Optional[float] = None
        self.chord = StaffChord()
        self._leaving: Optional[tuple[Screen, float]] = None
        self._snapshot: Optional[pygame.Surface] = None
        self._ripples: list[tuple[float, float, float]] = []
        self._drawn_moving = False   # whether the screen was still moving when the last frame was drawn
        self.painter = WindowPainter(whole_frames, lambda: self._fault("drawing"))
        ctx.assets.known_point()   # the first screen's pictures are waited for (bounded) before it shows
        self.screen: Screen = self._make("attract")
        self._dirty = True     # a frame must be drawn (something changed that `moving` cannot see)

    # --- what screens call ---------------------------------------------------------------------------------
    def go(self, name: str, **kwargs: Any) -> None:
        """Show another screen, fading from the one that was up."""
        self._safe(self.screen.leave)   # first: the new screen may start its own voice
        self.ctx.assets.known_point()   # the new screen's first frame may wait (bounded) for its pictures
        try:
            new = self._make(name, **kwargs)
        except Exception:  # a screen that cannot be built must not take the kiosk down
            log.exception("could not open screen %s %s", name, kwargs)
            new = self._make("home")
        self._leaving = (self.screen, self.t)
        self._snapshot = None
        self.screen = new
        self.redraw()

    def go_home(self) -> None:
        self.go("home")

    def play(self, scene_id: str) -> None:
        if scene_id in self.ctx.library.scenes and scene_id not in self.ctx.broken:
            self.ctx.usage("scene_started", scene_id)
            if self.ctx.library.scenes[scene_id].game:   # a game asks "How do you feel?" first
                self.go("feelings", scene_id=scene_id, when="before")
            else:
                self.go("scene", scene_id=scene_id)

    def toggle_audience(self) -> None:
        self.set_audience("parents" if self.ctx.session.audience == "kids" else "kids")

    def set_audience(self, audience: str) -> None:
        if audience != self.ctx.session.audience:
            self.ctx.session.audience = audience
            self.ctx.usage("audience", audience)
            self._session_changed()

    def open_faq(self) -> None:
        """The questions are for parents: from kids' mode they switch to the parents' mode on the way."""
        self.set_audience("parents")
        if self.screen.name != "faq":
            self.go("faq")

    def set_language(self, lang: str) -> None:
        if lang != self.ctx.session.lang:
            self.ctx.session.lang = lang
            self.ctx.usage("language", lang)
            self._session_changed()

    def start_cleaning(self) -> None:
        self.cleaning_until = self.wall + CLEANING_SECONDS

    def request_quit(self) -> None:
        self.quit_requested = True

    def redraw(self) -> None:
        """Draw the whole screen on the next frame: for a change the screen's `moving` cannot report (a
        transition that just ended must be drawn once more, whole, even though nothing moves now)."""
        self._dirty = self.painter.repaint = True

    def _session_changed(self) -> None:
        self._safe(self.screen.relayout)
        if hasattr(self.screen, "session_changed"):
            self._safe(self.screen.session_changed)  # type: ignore[attr-defined]
        self.redraw()

    # --- input ---------------------------------------------------------------------------------------------
    def handle(self, cmd: Command) -> None:
        self._dirty = True
        if self.cleaning_until is not None:
            return  # cleaning: every touch is ignored until the countdown ends
        self.last_input = self.wall
        if isinstance(cmd, Tap):
            self._ripples.append((cmd.x, cmd.y, self.t))
        if self.watching_since is not None:
            self.watching_since = None  # any touch answers "Still watching?"
            if isinstance(cmd, (Tap, Swipe)):
                self._acted(cmd)
                return
        if self._chord(cmd):
            return
        if isinstance(cmd, (Tap, Swipe)):
            if self._in_storm(cmd):
                if isinstance(cmd, Tap):
                    self._safe(lambda: self.screen.handle(Release(cmd.x, cmd.y, cmd.t)))
                return
            self._acted(cmd)
        self._safe(lambda: self.screen.handle(cmd))

    def _acted(self, cmd: Command) -> None:
        self.last_action = self.wall
        self._last_action_at = (cmd.x, cmd.y) if isinstance(cmd, Tap) else None

    def _in_storm(self, cmd: Command) -> bool:
        """A second action too soon after the last: a hand drumming on one spot. A tap elsewhere is meant (the
        button a child aims at on a screen still fading in), so it counts."""
        if self.wall - self.last_action >= ACTION_GAP:
            return False
        if isinstance(cmd, Tap) and self._last_action_at is not None:
            reach = STORM_REACH * min(self.ctx.size)
            return math.hypot(cmd.x - self._last_action_at[0], cmd.y - self._last_action_at[1]) <= reach
        return True

    def _chord(self, cmd: Command) -> bool:
        """The staff chord (kiosk/app/chord.py) sees every touch first; True when it took this one."""
        size = self.ctx.size
        if isinstance(cmd, Press):
            given_up = self.chord.press(cmd.x, cmd.y, self.t, size, self._on_button(cmd.x, cmd.y))
            if given_up is not None:   # a new touch wins over a held Home kept back for the chord
                self._safe(lambda: self.screen.handle(Release(given_up.x, given_up.y, cmd.t)))
            return False
        if isinstance(cmd, (Release, Swipe)):
            self.chord.lifted()
            return False
        if not isinstance(cmd, Tap):
            return False
        said = self.chord.tap(cmd, size, self._on_button(cmd.x, cmd.y))
        if said == KEEP:
            return True   # the held button stays pressed on screen until the chord's time is up
        if said == OPEN:
            self._safe(lambda: self.screen.handle(Release(cmd.x, cmd.y, cmd.t)))
            self.go("pin")
            return True
        return False

    def _on_button(self, x: float, y: float) -> bool:
        return button_at(self.screen.buttons, x, y) is not None

    def _kept_tap_due(self, t: float) -> None:
        """A corner hold that was no chord: its lift is the tap the child meant (Home, for a held Home)."""
        tap = self.chord.update(t)
        if tap is not None:
            self._acted(tap)
            self._dirty = True
            self._safe(lambda: self.screen.handle(Tap(tap.x, tap.y, t)))

    # --- time ----------------------------------------------------------------------------------------------
    def update(self, t: float, wall: float) -> None:
        self.t, self.wall = t, wall
        self._kept_tap_due(t)
        if self.cleaning_until is not None and wall >= self.cleaning_until:
            self.cleaning_until = None
            self.last_input = wall
            self._dirty = True
        self._idle(wall)
        self._safe(lambda: self.screen.update(t))
        if self._leaving is not None and t - self._leaving[1] >= FADE_SECONDS:
            self._leaving = None
            self._snapshot = None
            self._dirty = True   # the fade's last frame still showed a trace of the old screen
        ripples = [r for r in self._ripples if t - r[2] < RIPPLE_SECONDS]
        if len(ripples) != len(self._ripples):
            self._dirty = True   # a ripple ended: its last faint ring must be drawn over
        self._ripples = ripples

    def _idle(self, wall: float) -> None:
        """Nobody touched for the idle time: ask, then start over. The PIN pad and the staff menu time out
        too, so neither is left open for the next child to find."""
        if self.screen.name == "attract" or self._telling():
            # The loop itself is what idle leads to, and a scene playing on by itself is being watched: the
            # idle time counts only once nothing more is shown without a touch.
            self.last_input = wall
        if self.screen.name == "attract" or self.cleaning_until is not None:
            self.watching_since = None
            return
        idle = self.ctx.config.idle_seconds
        if self.watching_since is None and wall - self.last_input >= idle:
            self.watching_since = wall
            self._dirty = True
            self.ctx.assets.known_point()   # its mascot and hand: the prompt's first frame waits for them
        if self.watching_since is not None and wall - self.watching_since >= self.ctx.config.still_watching_seconds:
            self.reset()

    def _telling(self) -> bool:
        try:
            return bool(self.screen.telling(self.t))
        except Exception:
            return False

    def reset(self) -> None:
        """Back to the attract loop with the defaults, so the next family starts fresh."""
        self.on_reset()
        self.chord.reset()
        config = self.ctx.config
        self.ctx.session = Session(config.default_audience, config.default_language, config.sound.enabled,
                                   config.sound.volume)
        self.watching_since = None
        self.ctx.usage("idle_reset", "")
        self.go("attract")

    # --- content -------------------------------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        """New content: screens pick it up at a safe moment (a scene at its next step)."""
        self.ctx.library = library
        self.ctx.broken.clear()
        self._safe(self.screen.library_changed)
        self.redraw()   # art files may hold new pictures under the same names
        if self.ctx.session.lang not in self.ctx.languages:
            # The family's language was taken out of kiosk.yaml: the default, with its button lit, not a
            # language no button offers any more.
            self.ctx.session.lang = self.ctx.config.default_language
            self._session_changed()

    def resize(self, size: tuple[int, int]) -> None:
        self.ctx.size = size
        self._snapshot = None
        self._leaving = None
        self._safe(self.screen.relayout)
        self.redraw()

    # --- faults --------------------------------------------------------------------------------------------
    def _safe(self, fn: Callable[[], Any]) -> None:
        """Run screen code; an exception is logged with its traceback and the kiosk goes home."""
        try:
            fn()
        except Exception:
            self._fault("running")

    def _fault(self, doing: str) -> None:
        """Called while an exception is handled: log it, set the scene aside, and go home."""
        scene_id = getattr(self.screen, "scene_id", None)
        log.exception("screen '%s' failed %s%s; going home", self.screen.name, doing,
                      f" scene '{scene_id}'" if scene_id else "")
        if scene_id:
            self.ctx.broken.add(scene_id)
        if self.screen.name == "home":
            self.screen = self._make("attract")
        else:
            self.screen = self._make("home")
        self._leaving = None
        self._snapshot = None
        self.painter.repaint = True

    def _make(self, name: str, **kwargs: Any) -> Screen:
        return self.factories[name](self.ctx, self, **kwargs)

    # --- drawing -------------------------------------------------------------------------------------------
    def moving(self) -> bool:
        """True while the picture changes by itself: a redraw is needed even without input."""
        if self._dirty or self._leaving is not None or self._ripples or self.watching_since is not None:
            return True
        if self.cleaning_until is not None:
            return True
        if self._drawn_moving:
            return True   # the last frame drawn caught something mid-way: draw once more where it came to rest
        return self._screen_moving()

    @property
    def fading(self) -> bool:
        """True while the last screen fades out over this one."""
        return self._leaving is not None

    def _screen_moving(self) -> bool:
        try:
            return self.screen.moving(self.t)
        except Exception:
            return True

    def draw(self, surface: pygame.Surface) -> Optional[list[pygame.Rect]]:
        """Draw the frame. Returns the rectangles that changed ([] when nothing did), or None when the whole
        screen did. What changed is the difference between this frame's display list and the last one drawn
        (kiosk/draw/display_list.py), so no part of the screen can change without being drawn again."""
        self.ctx.assets.wait_point()   # a new screen or step: its pictures asked for ahead (bounded)
        self._take_art()
        rects = self._draw(surface)
        if self.ctx.assets.end_point() and self._take_art():   # ones its first frame asked for, not ahead
            rects = self._draw(surface)
        return rects

    def _take_art(self) -> bool:
        """Pictures a frame showed blank have arrived (kiosk/draw/assets.py): what was composed from the
        blanks is stale, so the renderer's composed pictures go and the frame is drawn whole."""
        if not self.ctx.assets.poll():
            return False
        self.ctx.renderer.clear_caches()
        self.redraw()
        return True

    def _draw(self, surface: pygame.Surface) -> Optional[list[pygame.Rect]]:
        live = self.moving()
        items, over = self._screen_items(surface), self._over_items(surface)
        self._dirty = False
        self._drawn_moving = self._screen_moving()
        return self.painter.draw(surface, items, over, fading=self.fading, moving=live)

    def items(self, surface: pygame.Surface) -> list[Item]:
        """This frame as a display list: the screen's items, then what spans screens (the fade from the last
        screen, tap ripples, "Still watching?", cleaning mode)."""
        return self._screen_items(surface) + self._over_items(surface)

    def _screen_items(self, surface: pygame.Surface) -> list[Item]:
        found: list[list[Item]] = []
        self._safe(lambda: found.append(self.screen.items(self.t)))
        if not found:   # the screen failed and _safe put another one up: that one draws this frame
            self._safe(lambda: found.append(self.screen.items(self.t)))
        return found[0] if found else [item(surface.get_rect(), None, lambda s: s.fill(FALLBACK_FILL))]

    def _over_items(self, surface: pygame.Surface) -> list[Item]:
        items: list[Item] = []
        if self._leaving is not None:
            snapshot = self._leaving_picture(surface)
            if snapshot is not None:
                progress = (self.t - self._leaving[1]) / FADE_SECONDS
                items.append(item(surface.get_rect(), None,
                                  lambda s: blit_faded(s, snapshot, (0, 0), 1.0 - progress)))
        items += ripple_items(self._ripples, self.t, RIPPLE_SECONDS, self.ctx.layout.unit)
        if self.watching_since is not None:
            left = self.ctx.config.still_watching_seconds - (self.wall - self.watching_since)
            items.append(item(surface.get_rect(), None, lambda s: draw_still_watching(s, self.ctx, left)))
        if self.cleaning_until is not None:
            left_cleaning = self.cleaning_until - self.wall
            items.append(item(surface.get_rect(), None, lambda s: draw_cleaning(s, self.ctx, left_cleaning)))
        return items

    def _leaving_picture(self, window: pygame.Surface) -> Optional[pygame.Surface]:
        """The screen being left, as it was when it was left: drawn once, then faded out over the new one."""
        size = window.get_size()
        if self._leaving is not None and (self._snapshot is None or self._snapshot.get_size() != size):
            old, since = self._leaving
            self._snapshot = self.fades.new(size, window)
            try:
                old.draw(self._snapshot, since)
                self.fades.finish(self._snapshot)
            except Exception:
                log.exception("leaving screen '%s' could not be drawn", old.name)
                self._snapshot = None
                self._leaving = None
        return self._snapshot
