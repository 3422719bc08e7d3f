"""A scene playing: steps with next/back, progress dots, replay, swipes, hotspots, auto-advance and an end panel.

New content from a reload is taken at the next step change, never in the middle of an animation.
"""

from __future__ import annotations

from typing import Iterator, Optional

import pygame

from kiosk.app.context import AppContext
from kiosk.app.input import Command, Press, Release, Swipe, Tap
from kiosk.app.screens.base import LILAC, MINT, PINK, SKY, YELLOW, Screen
from kiosk.app.screens.end_panel import EndChoice, draw_end_panel, end_buttons, end_panel_rect
from kiosk.app.screens.step_dots import dots_rect, draw_dots
from kiosk.app.screens.step_transition import (TRANSITION_SECONDS, bar_key, bars_around, blend_old_step, middle,
                                               moved_in_place, new_step_shown, paint_new_step, progress)
from kiosk.app.screens.turn_input import route_turn_input, tick_turn
from kiosk.content.language import pick
from kiosk.draw.display_list import Item, item
from kiosk.draw.hints import draw_tap_hint, tap_hint_rect
from kiosk.draw.layout import SceneLayout
from kiosk.draw.widgets import Button
from kiosk.interactions import player_for
from kiosk.motion.player import StepPlayer, hotspot_hit, visible_steps
from kiosk.voice.scene_voice import SceneVoice

END_WAIT = 25.0     # the end panel waits this long before going back to the menu by itself
PREPARE_AFTER = 0.6  # the next step is drawn off screen only once this one has settled, after its transition
HINT_AFTER = 4.0     # seconds after a touch before the tap areas show they can be touched again
HINT_SETTLED = 2.0   # ...and, with no touch, this long after the step's pictures stopped moving
HINT_SECONDS = 4.8   # ...for three slow pulses, then the step rests again
FINGER_PAUSE = 10.0  # a finger resting on the screen holds the auto-advance this long at most (a lift may be lost)


class SceneScreen(Screen):
    name = "scene"

    def __init__(self, ctx: AppContext, nav, scene_id: str, step: int = 0) -> None:  # type: ignore[no-untyped-def]
        self.scene_id = scene_id
        self.scene = ctx.library.scenes[scene_id]
        self.index = 0
        self.step_start = nav.t
        self.ended_at: Optional[float] = None
        self._reload_pending = False
        self._from: Optional[tuple[StepPlayer, float, float, str, int]] = None  # player, its start, when, kind, dir
        self._snapshot: Optional[pygame.Surface] = None
        self._prepared = -1   # the step index whose successor has been drawn off screen
        self._asked = -1      # the step index whose successor's pictures have been asked for
        self._asking: Optional[Iterator[None]] = None   # the rest of that asking, a piece per frame while moving
        self._ready: Optional[tuple] = None   # what the renderer's snapshot surface holds, drawn in advance
        self._frame_memo: Optional[tuple] = None
        self._voice = SceneVoice(ctx.narrator, ctx.library.default_lang, ctx.session,  # type: ignore[arg-type]
                                 ctx.config.sound, clock_of_day=ctx.epoch)   # quiet hours: the injected clock
        self._finger_since: Optional[float] = None   # a finger is down (a slow drag): do not move on under it
        self._touched_at = -1e9   # when a finger last landed on this screen (the hint waits for a quiet spell)
        super().__init__(ctx, nav)
        self.steps = visible_steps(self.scene, ctx.session.audience)
        self.index = min(max(step, 0), len(self.steps) - 1)
        self.player = self._player()
        self._step_started()

    # --- steps ---------------------------------------------------------------------------------------------
    def _player(self, index: Optional[int] = None) -> StepPlayer:
        step = self.steps[self.index if index is None else index]
        session = self.ctx.session
        return player_for(self.scene, step, self.scene.steps.index(step), self.ctx.library.aspect,
                          session.audience, session.lang, self.ctx.library.default_lang)

    def _step_started(self) -> None:
        self.ctx.renderer.ask_step(self._player(), self.ctx.layout)   # on a player of its own: a turn's keeps state
        step = self.steps[self.index]
        self._voice.start(self.scene, self.steps, self.index, self.ctx.session, self.ctx.config.sound, self.nav.t)
        sounds = self.ctx.sounds
        if step.audio and sounds is not None and self.ctx.session.sound:
            path = self.ctx.library.art_path(step.audio)
            if path is not None:
                sounds.play_file(path, self.ctx.session.volume)  # type: ignore[attr-defined]

    def leave(self) -> None:
        self._voice.stop()

    def go_to(self, index: int, direction: int = 1) -> None:
        """Show step `index`; past the last step shows the end panel."""
        t = self.nav.t
        self._take_reload()
        if index >= len(self.steps):
            self._voice.stop()   # the end panel is quiet
            if self.ended_at is None:
                self.ended_at = t
                self.ctx.usage("scene_finished", self.scene_id)
                self.relayout()
                if self.scene.game:   # a game ends with "How do you feel?" and a sticker, not the end panel
                    self.nav.go("feelings", scene_id=self.scene_id, when="after")
            return
        index = max(0, index)
        kind = self.steps[index].transition
        if self.ctx.config.display.reduce_motion and kind == "slide":
            kind = "fade"
        self._from = (self.player, self.step_start, t, kind, direction) if kind != "cut" else None
        self._snapshot = None
        self.index = index
        self.step_start = t
        self.ended_at = None
        self.player = self._player()
        self.relayout()
        self._step_started()

    def next(self) -> None:
        self.go_to(self.index + 1, 1)

    def back(self) -> None:
        if self.ended_at is not None:
            self.ended_at = None
            self.relayout()
            return
        if self.index > 0:
            self.go_to(self.index - 1, -1)

    def replay(self) -> None:
        self.go_to(self.index if self.ended_at is None else 0, 1)

    def watch_again(self) -> None:
        self.ctx.usage("scene_started", self.scene_id)
        self.ended_at = None
        self.go_to(0, 1)

    # --- content and session changes -------------------------------------------------------------------
    def library_changed(self) -> None:
        self._reload_pending = True

    def _take_reload(self) -> None:
        if not self._reload_pending:
            return
        self._reload_pending = False
        fresh = self.ctx.library.scenes.get(self.scene_id)
        if fresh is None:
            return  # removed or broken now: keep playing the version on screen; home will not offer it
        self.scene = fresh
        self.steps = visible_steps(fresh, self.ctx.session.audience)
        self.index = min(self.index, len(self.steps) - 1)

    def session_changed(self) -> None:
        """Audience or language changed: same place in the story, new words (and steps for that audience)."""
        current = self.steps[self.index]
        self.steps = visible_steps(self.scene, self.ctx.session.audience)
        self.index = self.steps.index(current) if current in self.steps else min(self.index, len(self.steps) - 1)
        self.player = self._player()
        self.ctx.renderer.ask_step(self._player(), self.ctx.layout)
        self.relayout()
        self._voice.session_changed(self.ctx.session, self.nav.t)

    # --- input ------------------------------------------------------------------------------------------
    def handle(self, cmd: Command) -> None:  # type: ignore[override]
        self._frame_memo = None   # a touch in a turn changes the frame at this same t
        if isinstance(cmd, Press):
            self._finger_since = cmd.t
            self._touched_at = cmd.t
        elif isinstance(cmd, (Tap, Release, Swipe)):   # the finger lifted (a Move or a LongPress is still down:
            self._finger_since = None                  # a slow drag must not let the step move on under it)
        if not route_turn_input(self, cmd):   # a step the child does takes its touches (kiosk/interactions)
            super().handle(cmd)

    def on_swipe(self, direction: str, t: float) -> None:
        if direction == "left":
            self.next()
        elif direction == "right":
            self.back()

    def on_tap(self, x: float, y: float, t: float) -> None:
        sx, sy, sw, sh = self.ctx.layout.stage
        if self.ended_at is None and sx <= x <= sx + sw and sy <= y <= sy + sh:
            fx, fy = (x - sx) / sw, (y - sy) / sh
            if self.player.tap(fx, fy, t - self.step_start):   # a part: it says its name
                spot = next(s for s in reversed(self.player.step.hotspots) if hotspot_hit(s, fx, fy))
                self._voice.part_tapped(pick(spot.label, self.ctx.session.lang, self.ctx.library.default_lang), t)

    def on_key(self, name: str, t: float) -> None:
        if name in ("right", "space", "return"):
            self.next()
        elif name == "left":
            self.back()

    # --- time -------------------------------------------------------------------------------------------
    def _hint_age(self, t: float) -> Optional[float]:
        """Seconds into the "you can touch this" hint, or None while it is not shown."""
        if self.ended_at is not None or self._from is not None or not self.steps[self.index].hotspots:
            return None
        quiet = t - max(self.step_start + self.player.settled_at() + HINT_SETTLED, self._touched_at + HINT_AFTER)
        return quiet if 0 <= quiet < HINT_SECONDS and self._frame(t).callout is None else None

    def update(self, t: float) -> None:
        if self._from is not None and t - self._from[2] >= TRANSITION_SECONDS[self._from[3]]:
            self._from = None
            self._snapshot = None
            self.nav.redraw()   # the transition's last frame was drawn part-way: draw the step whole once
        self._voice.update(t)   # the lit word is part of the caption's display-list item: a change redraws it
        if self.ended_at is None:
            tick_turn(self.player, t - self.step_start)
            held = self._finger_since is not None and t - self._finger_since < FINGER_PAUSE
            if t - self.step_start >= self.player.advance_at() and not held and not self._voice.holds(t):
                self.next()
            else:
                self._get_ready(t)
        elif t - self.ended_at >= END_WAIT:
            self.nav.go_home()

    def _upcoming(self) -> Optional[StepPlayer]:
        """The next step's player, or None at the last step."""
        return self._player(self.index + 1) if self.index + 1 < len(self.steps) else None

    def _get_ready(self, t: float) -> None:
        """Once this step has played its opening, get the next one ready. While this step moves (a child's turn
        always does), its pictures are asked for a piece per frame (the raster worker makes them off the loop),
        then its caption laid out; once it sits still (the loop would only sleep), whatever is left is done at
        once: the next step drawn off screen, and this one drawn as a transition will leave it, so moving on
        costs an ordinary frame."""
        if t - self.step_start < max(self.player.settled_at(), PREPARE_AFTER):
            return
        if self._asked != self.index:
            self._asked = self.index
            upcoming = self._upcoming()
            self._asking = None if upcoming is None else self._readying(upcoming)
        still = not self.moving(t)
        if self._asking is not None:
            for _ in self._asking:
                if not still:
                    return
            self._asking = None
        if still and self._prepared != self.index:
            self._prepare_next()
            self._prepare_snapshot(t)

    def _readying(self, upcoming: StepPlayer) -> Iterator[None]:
        """The next step's pictures asked for, a piece per frame, then its caption laid out (one more piece)."""
        yield from self.ctx.renderer.asking_ahead(upcoming, self.ctx.layout)
        self.ctx.renderer.make_caption_ahead(upcoming.caption, self.ctx.layout, self.ctx.session.audience,
                                             heading=self._title(), footer=self._footer())
        yield

    def _prepare_next(self) -> None:
        """Draw the next step off screen once, so its art and still parts are ready."""
        self._prepared = self.index
        upcoming = self._upcoming()
        if upcoming is None:
            return
        session = self.ctx.session
        self.ctx.renderer.ask_ahead(upcoming, self.ctx.layout)
        self.ctx.renderer.warm(upcoming.frame(0.0), self.ctx.layout, session.audience, heading=self._title(),
                               footer=self._footer())

    def _prepare_snapshot(self, t: float) -> None:
        """While this step sits still, draw it as a transition would fade from it, so a tap on "next" only blits
        it. Used only if the step looks exactly so when left; never by the plain reference renderer."""
        renderer, layout = self.ctx.renderer, self.ctx.layout
        if not renderer.shortcuts:
            return
        size, frame = (layout.screen[2], layout.screen[3]), self._frame(t)
        renderer.draw_step(renderer.snapshot_surface(size), frame, layout, self.ctx.session.audience,
                           heading=self._title(), footer=self._footer())
        self._ready = (self._snapshot_key(frame, size), renderer.snapshot_lends)

    def _snapshot_key(self, frame: object, size: tuple[int, int]) -> tuple:   # all a step's picture depends on
        return (frame, self.ctx.layout, size, self.ctx.session.audience, self._title(), self._footer())

    def _frame(self, t: float):  # type: ignore[no-untyped-def]
        """The player's frame at t, worked out once per t (asked by `moving` and by drawing)."""
        key = (self.player, t)
        if self._frame_memo is None or self._frame_memo[0] != key:
            self._frame_memo = (key, self.player.frame(t - self.step_start))
        return self._frame_memo[1]

    def telling(self, t: float) -> bool:
        """Steps still to come by themselves (the end panel waits for a touch, so it is not telling)."""
        return self.ended_at is None and self.player.advance_at() < float("inf")

    def moving(self, t: float) -> bool:
        if self._from is not None or self._voice.speaking(t) or self._hint_age(t) is not None:
            return True
        return self.ended_at is None and self._frame(t).moving

    def content_items(self, t: float) -> list[Item]:
        """The step as display-list items, so only what moved is drawn again. A step transition changes the
        whole middle of the screen on every frame: one item there, drawn whole; the bars around it keep the new
        step's own items (cut to the bars), so they are painted only when they change."""
        layout = self.ctx.layout
        step = self._step_items(t)
        items = list(step)
        items.append(item(dots_rect(layout, len(self.steps)),
                          ("dots", len(self.steps), self.index, self.ended_at is not None, layout.bottom_bar,
                           layout.unit),
                          lambda surface: self._draw_dots(surface, layout)))
        if self.ended_at is not None:
            panel = end_panel_rect(layout)
            shadow = layout.unit // 2
            items.append(item(panel.union(panel.move(shadow, shadow)),
                              ("end", tuple(panel), layout.unit, self.ctx.say("the_end")),
                              lambda surface: draw_end_panel(surface, self.ctx, layout)))
        age = self._hint_age(t)
        if age is not None:   # the pulse changes every frame it shows: unkeyed
            spots = self.steps[self.index].hotspots
            items.append(item(tap_hint_rect(spots, layout), None,
                              lambda surface: draw_tap_hint(surface, self.ctx.assets, spots, layout, age)))
        if self._from is None:
            return items
        bars = bars_around(layout)
        return [item(area, bar_key(i.key, area), i.paint)
                for i in items for bar in bars if (area := pygame.Rect(i.rect).clip(bar))] + [
            item(middle(layout), None, lambda surface: self._paint_step(surface, step, t))]

    def _step_items(self, t: float) -> list[Item]:
        layout = self.ctx.layout
        return self.ctx.renderer.step_items(self._frame(t), layout, self.ctx.session.audience,
                                            heading=self._title(), footer=self._footer(),
                                            size=(layout.screen[2], layout.screen[3]), lit=self._voice.lit)

    # --- layout and drawing ---------------------------------------------------------------------------
    def build(self, layout: SceneLayout) -> list[Button]:
        size = layout.button
        gap = layout.unit * 2
        bx, by, bw, bh = layout.bottom_bar
        y = by + (bh - size) // 2
        big = int(size * 1.15)
        yb = by + (bh - big) // 2
        buttons = [
            Button("back", pygame.Rect(gap * 2, yb, big, big), self.back, icon="ui/back.svg", color=SKY,
                   enabled=self.index > 0 or self.ended_at is not None, extra_hit=gap // 2),
            Button("replay", pygame.Rect(gap * 3 + big, y, size, size), self.replay, icon="ui/replay.svg",
                   color=LILAC, extra_hit=gap // 3),
            *self._speaker_button(layout, gap * 4 + big + size, y, size),
            Button("next", pygame.Rect(bw - gap * 2 - big, yb, big, big), self.next, icon="ui/next.svg",
                   color=MINT, enabled=self.ended_at is None, extra_hit=gap // 2),
        ]
        if self.ended_at is not None:
            buttons += self._end_buttons(layout)
        return buttons

    def _speaker_button(self, layout: SceneLayout, x: int, y: int, size: int) -> list[Button]:
        """"Read to me": a speaker, no words needed; shown only when tapping it can make a sound."""
        if self.ended_at is not None or not self._voice.can_read():
            return []
        return [Button("read-to-me", pygame.Rect(x, y, size, size), lambda: self._voice.read_to_me(self.nav.t),
                       icon="ui/read-to-me.svg", color=YELLOW, extra_hit=layout.unit * 2 // 3)]

    def _end_buttons(self, layout: SceneLayout) -> list[Button]:
        lang = self.ctx.session.lang
        choices: list[EndChoice] = [
            ("watch-again", "ui/replay.svg", self.ctx.say("watch_again"), self.watch_again, LILAC),
            ("menu", "ui/home.svg", self.ctx.say("menu"), self.nav.go_home, YELLOW)]
        related = self.scene.related
        if related and related in self.ctx.library.scenes and related not in self.ctx.broken:
            other = self.ctx.library.scenes[related]
            title = pick(other.title, lang, self.ctx.library.default_lang)
            choices.append(("related", other.tile.art, title, lambda: self.nav.play(related), PINK))
        return end_buttons(layout, choices)

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        self._paint_step(surface, self._step_items(t), t)

    def _paint_step(self, surface: pygame.Surface, step: list[Item], t: float) -> None:
        """The step's items, a transition's old step over them, the dots and the end panel."""
        layout = self.ctx.layout
        eased = progress(self._from[3], self._from[2], t) if self._from is not None else 1.0
        shown, moved_by = middle(layout), None
        if self._from is not None and self.ctx.renderer.shortcuts:
            shown = new_step_shown(self._from[3], self._from[4], eased, layout)
            moved_by = moved_in_place(self._from[3], self._from[4], eased, layout)
        paint_new_step(surface, step, layout, shown, moved_by)
        if self._from is not None:
            self._draw_transition(surface, layout, eased, moved=moved_by is not None)
        self._draw_dots(surface, layout)
        if self.ended_at is not None:
            draw_end_panel(surface, self.ctx, layout)

    def _draw_transition(self, surface: pygame.Surface, layout: SceneLayout, eased: float,
                         moved: bool = False) -> None:
        old_player, old_start, when, kind, direction = self._from
        if self._snapshot is not None and self._snapshot.get_size() != surface.get_size():
            self._from = self._snapshot = None  # the screen changed size mid-transition: just show the new step
            return
        if self._snapshot is None:
            old_frame, ready, self._ready = old_player.frame(when - old_start), self._ready, None
            still_there = (self._snapshot_key(old_frame, surface.get_size()), self.ctx.renderer.snapshot_lends)
            self._snapshot = self.ctx.renderer.snapshot_surface(surface.get_size())
            if ready != still_there:
                self.ctx.renderer.draw_step(self._snapshot, old_frame, layout, self.ctx.session.audience,
                                            heading=self._title(), footer=self._footer())
        blend_old_step(surface, self._snapshot, layout, kind, direction, eased, moved)

    def _title(self) -> str:
        return pick(self.scene.title, self.ctx.session.lang, self.ctx.library.default_lang)

    def _footer(self) -> str:
        """Parents always see that this is general information (a child's screen stays uncluttered)."""
        return self.ctx.say("disclaimer") if self.ctx.session.audience == "parents" else ""

    def _draw_dots(self, surface: pygame.Surface, layout: SceneLayout) -> None:
        draw_dots(surface, layout, len(self.steps), self.index, self.ended_at is not None)
