"""Staff screens: the PIN pad (reached by the hidden corner chord) and the staff menu."""

from __future__ import annotations

import platform
from typing import Callable

import pygame

from kiosk import __version__
from kiosk.app.screens.base import MINT, PINK, SKY, WHITE, YELLOW, Screen, draw_panel, draw_text_block
from kiosk.content.language import pick
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM
from kiosk.draw.text import clip_to_width
from kiosk.draw.widgets import Button

PIN_MAX = 8


class PinScreen(Screen):
    name = "pin"
    top_bar = False

    def __init__(self, ctx, nav) -> None:  # type: ignore[no-untyped-def]
        self.entered = ""
        self.message = ""
        super().__init__(ctx, nav)

    @property
    def guard(self):  # type: ignore[no-untyped-def]
        return self.ctx.pin_guard

    def build(self, layout: SceneLayout) -> list[Button]:
        w, h = self.ctx.size
        key = int(min(w / 5, (h - layout.unit * 4) / 6.2))
        gap = key // 6
        pad_w = key * 3 + gap * 2
        x0 = (w - pad_w) // 2
        y0 = int(h * 0.22) + gap
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
        out = []
        for i, name in enumerate(keys):
            r, c = divmod(i, 3)
            rect = pygame.Rect(x0 + c * (key + gap), y0 + r * (key + gap), key, int(key * 0.8))
            if name == "back":
                out.append(Button("key-back", rect, self._backspace, icon="ui/backspace.svg", color=PINK))
            elif name == "ok":
                out.append(Button("key-ok", rect, self._submit, icon="ui/check.svg", color=MINT))
            else:
                out.append(Button(f"key-{name}", rect, lambda d=name: self._digit(d), label=name, color=WHITE))
        close = pygame.Rect(w - layout.button - layout.unit * 2, layout.unit * 2, layout.button, layout.button)
        out.append(Button("close", close, self.nav.go_home, icon="ui/close.svg", color=YELLOW))
        return out

    def _digit(self, d: str) -> None:
        if self.guard.locked_for(self.nav.wall) > 0:
            return
        if len(self.entered) < PIN_MAX:
            self.entered += d
        self.message = ""

    def _backspace(self) -> None:
        self.entered = self.entered[:-1]

    def _submit(self) -> None:
        result = self.guard.attempt(self.entered, self.nav.wall)
        self.entered = ""
        if result == "ok":
            self.nav.go("staff")
        elif result == "unset":
            self.message = self.ctx.say("pin_not_set")
        elif result == "wrong":
            self.message = self.ctx.say("pin_wrong")

    def on_key(self, name: str, t: float) -> None:
        if name.isdigit() and len(name) == 1:
            self._digit(name)
        elif name == "backspace":
            self._backspace()
        elif name == "return":
            self._submit()

    def moving(self, t: float) -> bool:
        return self.guard.locked_for(self.nav.wall) > 0  # the lockout countdown ticks

    def _draw_dots(self, surface: pygame.Surface, cy: int, radius: int) -> None:
        """One dot per digit typed (filled), at least four: drawn, so no font needs the circle characters."""
        typed = len(self.entered)
        dots = [i < typed for i in range(max(4, typed))]
        gap = radius * 3
        x = surface.get_width() // 2 - (len(dots) - 1) * gap // 2
        for filled in dots:
            if filled:
                pygame.draw.circle(surface, PLUM, (x, cy), radius)
            else:
                pygame.draw.circle(surface, PLUM, (x, cy), radius, max(2, radius // 4))
            x += gap

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        w, h = surface.get_size()
        surface.fill((238, 230, 255))
        short = min(w, h)
        locked = self.guard.locked_for(self.nav.wall)
        title = self.ctx.say("pin_locked", seconds=int(locked + 0.999)) if locked > 0 else self.ctx.say("staff_pin")
        draw_text_block(surface, self.ctx.fonts, title, pygame.Rect(0, int(h * 0.03), w, int(h * 0.08)),
                        int(short * 0.06), bold=True, center=True)
        self._draw_dots(surface, int(h * 0.145), max(8, int(short * 0.018)))
        if self.message and locked <= 0:
            draw_text_block(surface, self.ctx.fonts, self.message, pygame.Rect(0, int(h * 0.92), w, int(h * 0.06)),
                            int(short * 0.04), bold=True, center=True, color=(160, 30, 60))


class StaffScreen(Screen):
    """Reload, problems, scenes on/off and order, cleaning mode, sound, diagnostics, exit."""

    name = "staff"
    top_bar = False
    SECTIONS = ("problems", "scenes", "sound", "diagnostics", "usage", "console", "exit")

    def __init__(self, ctx, nav, section: str = "problems") -> None:  # type: ignore[no-untyped-def]
        self.section = section
        self.note = ""
        self.scroll = 0
        super().__init__(ctx, nav)

    def _areas(self) -> tuple[pygame.Rect, pygame.Rect]:
        w, h = self.ctx.size
        u = self.ctx.layout.unit
        if h > w:
            menu = pygame.Rect(u * 2, u * 2, w - u * 4, int(h * 0.30))
            body = pygame.Rect(u * 2, menu.bottom + u * 2, w - u * 4, h - menu.bottom - u * 4)
        else:
            menu = pygame.Rect(u * 2, u * 2, int(w * 0.30), h - u * 4)
            body = pygame.Rect(menu.right + u * 2, u * 2, w - menu.right - u * 4, h - u * 4)
        return menu, body

    def build(self, layout: SceneLayout) -> list[Button]:
        menu, body = self._areas()
        items: list[tuple[str, Callable[[], None], tuple[int, int, int], bool]] = [
            ("reload", self._reload, SKY, False),
            ("problems", lambda: self._show("problems"), WHITE, self.section == "problems"),
            ("scenes", lambda: self._show("scenes"), WHITE, self.section == "scenes"),
            ("cleaning", self._cleaning, MINT, False),
            ("sound", lambda: self._show("sound"), WHITE, self.section == "sound"),
            ("diagnostics", lambda: self._show("diagnostics"), WHITE, self.section == "diagnostics"),
            ("usage", lambda: self._show("usage"), WHITE, self.section == "usage"),
            ("console", lambda: self._show("console"), WHITE, self.section == "console"),
            ("back", self.nav.go_home, YELLOW, False),
            ("exit", lambda: self._show("exit"), PINK, self.section == "exit"),   # asks first
        ]
        portrait = self.ctx.size[1] > self.ctx.size[0]
        cols = 3 if portrait else 1
        rows = -(-len(items) // cols)
        gap = layout.unit
        bw = (menu.width - gap * (cols - 1)) // cols
        bh = min(int(layout.button * 0.9), (menu.height - gap * (rows - 1)) // rows)
        out = []
        for i, (name, action, color, selected) in enumerate(items):
            r, c = divmod(i, cols)
            rect = pygame.Rect(menu.x + c * (bw + gap), menu.y + r * (bh + gap), bw, bh)
            out.append(Button(name, rect, action, label=self.ctx.say(name), color=color, selected=selected))
        if self.section == "scenes":
            out += self._scene_buttons(body, layout)
        if self.section == "sound":
            out += self._sound_buttons(body, layout)
        if self.section == "exit":
            out += self._exit_buttons(body, layout)
        return out

    def _exit_buttons(self, body: pygame.Rect, layout: SceneLayout) -> list[Button]:
        """Leaving the kiosk stops it for every family after: a second, plain choice, "Yes" away from "No"."""
        w = min(int(body.width * 0.4), layout.button * 4)
        h = layout.button
        y = body.centery
        no = pygame.Rect(body.x + layout.unit * 3, y, w, h)
        yes = pygame.Rect(body.right - layout.unit * 3 - w, y, w, h)
        return [Button("exit-no", no, lambda: self._show("problems"), label=self.ctx.say("exit_no"), color=MINT),
                Button("exit-yes", yes, self.nav.request_quit, label=self.ctx.say("exit_yes"), color=PINK)]

    # --- actions --------------------------------------------------------------------------------------
    def _show(self, section: str) -> None:
        self.section = section
        self.scroll = 0
        if section == "usage":
            summary = self.ctx.usage_summary
            self._usage_lines = self._read_usage(summary) if summary is not None else []  # once: it waits
        self.relayout()

    def _read_usage(self, summary: Callable[..., list]) -> list:
        """The counts with each scene's title beside its id (staff know scenes by their titles)."""
        lib = self.ctx.library
        titles = {sid: pick(scene.title, self.ctx.session.lang, lib.default_lang) for sid, scene in lib.scenes.items()}
        try:
            return summary(titles=titles)
        except TypeError:   # a summary that does not take titles
            return summary()

    def _reload(self) -> None:
        reload = getattr(self.ctx, "reload", None)
        if reload is not None:
            reload()
        lib = self.ctx.library
        self.note = self.ctx.say("reloaded", scenes=len(lib.scenes), errors=len(lib.errors))
        self._show("problems")

    def _cleaning(self) -> None:
        self.nav.start_cleaning()

    def _scene_buttons(self, body: pygame.Rect, layout: SceneLayout) -> list[Button]:
        lib = self.ctx.library
        order = list(self.ctx.playlist_order())
        shown = set(lib.playlist)
        row_h = int(layout.button * 0.75)
        gap = layout.unit // 2
        out = []
        top = body.y + layout.unit * 2 + int(min(self.ctx.size) * 0.05)
        per_page = max(1, (body.bottom - top) // (row_h + gap))
        for i, scene_id in enumerate(order[self.scroll:self.scroll + per_page]):
            y = top + i * (row_h + gap)
            n = i + self.scroll
            x = body.right - layout.unit
            for name, icon, action in (("down", "ui/next.svg", lambda n=n: self._move(n, 1)),
                                       ("up", "ui/back.svg", lambda n=n: self._move(n, -1))):
                x -= row_h
                out.append(Button(f"{name}-{scene_id}", pygame.Rect(x, y, row_h, row_h), action, icon=icon, color=SKY))
                x -= gap
            toggle_w = row_h * 3
            x -= toggle_w
            on = scene_id in shown
            out.append(Button(f"toggle-{scene_id}", pygame.Rect(x, y, toggle_w, row_h),
                              lambda s=scene_id: self._toggle(s), label=self.ctx.say("enabled" if on else "disabled"),
                              color=MINT if on else (225, 222, 232), meta={"row": scene_id}))
        return out

    def _move(self, index: int, delta: int) -> None:
        order = list(self.ctx.playlist_order())
        j = index + delta
        if 0 <= j < len(order):
            order[index], order[j] = order[j], order[index]
            self.ctx.save_playlist(order, [s for s in order if s not in self.ctx.library.playlist])
        self.relayout()

    def _toggle(self, scene_id: str) -> None:
        order = list(self.ctx.playlist_order())
        disabled = {s for s in order if s not in self.ctx.library.playlist}
        disabled ^= {scene_id}
        self.ctx.save_playlist(order, [s for s in order if s in disabled])
        self.relayout()

    def _sound_buttons(self, body: pygame.Rect, layout: SceneLayout) -> list[Button]:
        session = self.ctx.session
        size = layout.button
        y = body.y + layout.unit * 4 + int(min(self.ctx.size) * 0.06)
        x = body.x + layout.unit * 2
        return [
            Button("sound-toggle", pygame.Rect(x, y, size * 3, size), self._toggle_sound,
                   icon="ui/sound-on.svg" if session.sound else "ui/sound-off.svg",
                   label=self.ctx.say("on" if session.sound else "off"), color=MINT if session.sound else WHITE),
            Button("volume-down", pygame.Rect(x, y + size * 2, size, size), lambda: self._volume(-0.1), label="−",
                   color=WHITE),
            Button("volume-up", pygame.Rect(x + size * 5, y + size * 2, size, size), lambda: self._volume(0.1),
                   label="+", color=WHITE),
            *self._narration_buttons(x, y + size * 4, size),
        ]

    def _narration_buttons(self, x: int, y: int, size: int) -> list[Button]:
        """Narration: off / for kids / for everyone, and whether a child may tap to hear (this session)."""
        from kiosk.voice.policy import narration_mode
        session, sound = self.ctx.session, self.ctx.config.sound
        mode = narration_mode(sound, session)
        tap = sound.tap_to_hear if session.tap_to_hear is None else session.tap_to_hear
        return [
            Button("narration-mode", pygame.Rect(x, y, size * 6, size), self._next_narration_mode,
                   icon="ui/read-to-me.svg", label=f"{self.ctx.say('narration')}: {self.ctx.say('narration_' + mode)}",
                   color=MINT if mode != "off" else WHITE),
            Button("tap-to-hear", pygame.Rect(x, y + size * 2, size * 6, size), self._toggle_tap_to_hear,
                   icon="ui/hand-tap.svg", label=f"{self.ctx.say('tap_to_hear')}: {self.ctx.say('on' if tap else 'off')}",
                   color=MINT if tap else WHITE),
        ]

    def _next_narration_mode(self) -> None:
        from kiosk.voice.policy import narration_mode
        modes = ("off", "kids", "everyone")
        now = narration_mode(self.ctx.config.sound, self.ctx.session)
        self.ctx.session.narration = modes[(modes.index(now) + 1) % len(modes)]
        self.relayout()

    def _toggle_tap_to_hear(self) -> None:
        session = self.ctx.session
        now = self.ctx.config.sound.tap_to_hear if session.tap_to_hear is None else session.tap_to_hear
        session.tap_to_hear = not now
        self.relayout()

    def _toggle_sound(self) -> None:
        self.ctx.session.sound = not self.ctx.session.sound
        self.relayout()

    def _volume(self, delta: float) -> None:
        ceiling = self.ctx.config.sound.max_volume   # staff set the loudest the kiosk may be in kiosk.yaml
        self.ctx.session.volume = round(min(ceiling, max(0.0, self.ctx.session.volume + delta)), 2)
        self.relayout()

    def on_swipe(self, direction: str, t: float) -> None:
        if direction == "up":
            self.scroll += 5
        elif direction == "down":
            self.scroll = max(0, self.scroll - 5)
        self.relayout()

    def moving(self, t: float) -> bool:
        return self.section == "diagnostics"  # uptime and frame rate change

    # --- drawing ----------------------------------------------------------------------------------------
    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        surface.fill((238, 230, 255))
        menu, body = self._areas()
        layout = self.ctx.layout
        draw_panel(surface, body, layout.unit)
        inner = body.inflate(-layout.unit * 3, -layout.unit * 3)
        short = min(self.ctx.size)
        head_px = int(short * 0.045)
        used = draw_text_block(surface, self.ctx.fonts, self.ctx.say(self.section),
                               pygame.Rect(inner.x, inner.y, inner.width, head_px * 2), head_px, bold=True)
        area = pygame.Rect(inner.x, inner.y + used + layout.unit, inner.width, inner.height - used - layout.unit)
        getattr(self, f"_draw_{self.section}")(surface, area, int(short * 0.026))

    def _lines(self, surface: pygame.Surface, area: pygame.Rect, px: int, lines: list[str]) -> None:
        font = self.ctx.fonts.get(px)
        y = area.y
        from kiosk.draw.text import wrap
        for line in lines[self.scroll:]:
            for part in wrap(line, font, area.width):
                if y + font.get_linesize() > area.bottom:
                    return
                surface.blit(font.render(part, True, PLUM), (area.x, y))
                y += font.get_linesize()

    def _draw_problems(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        lines = ([self.note] if self.note else []) + [str(p) for p in self.ctx.all_problems()]
        failures = [f"{art}: {why}" for art, why in self.ctx.assets.failures.items()]
        broken = [f"scene '{s}' stopped with an error (see the log)" for s in sorted(self.ctx.broken)]
        lines += failures + broken
        self._lines(surface, area, px, lines if len(lines) > (1 if self.note else 0) else
                    lines + [self.ctx.say("no_problems")])

    def _draw_scenes(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        lib = self.ctx.library
        font = self.ctx.fonts.get(int(px * 1.2), bold=True)
        for button in self.buttons:
            scene_id = button.meta.get("row")
            if not scene_id:
                continue
            scene = lib.scenes.get(scene_id)
            title = pick(scene.title, self.ctx.session.lang, lib.default_lang) if scene else scene_id
            room = button.rect.x - area.x - self.ctx.layout.unit
            text = font.render(clip_to_width(title, font, max(1, room)), True, PLUM)
            surface.blit(text, (area.x, button.rect.centery - text.get_height() // 2))

    def _draw_sound(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        """The volume, written between its − and + buttons."""
        rects = {b.name: b.rect for b in self.buttons}
        if "volume-down" not in rects or "volume-up" not in rects:
            return
        between = pygame.Rect(rects["volume-down"].right, rects["volume-down"].y,
                              rects["volume-up"].x - rects["volume-down"].right, rects["volume-down"].height)
        text = f"{self.ctx.say('volume')}: {round(self.ctx.session.volume * 100)}%"
        draw_text_block(surface, self.ctx.fonts, text, between.inflate(-self.ctx.layout.unit * 2, 0),
                        int(px * 1.4), bold=True, center=True, role="button")

    def _draw_diagnostics(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        info = {"version": __version__, "python": platform.python_version(), **self.ctx.diagnostics()}
        self._lines(surface, area, px, [f"{k}: {v}" for k, v in info.items()])

    def _draw_exit(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("exit_confirm"),
                        pygame.Rect(area.x, area.y, area.width, area.height // 3), int(px * 1.4), bold=True)

    def _draw_usage(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        self._lines(surface, area, px, getattr(self, "_usage_lines", None) or ["-"])

    def _draw_console(self, surface: pygame.Surface, area: pygame.Rect, px: int) -> None:
        """The staff console's address, written out and as a QR code to open it on a phone or tablet."""
        from kiosk.app.screens.clinic import qr_surface
        from kiosk.appliance.console_address import url_for_people
        console = self.ctx.config.console
        if not console.password_hash:
            self._lines(surface, area, px, [self.ctx.say("console_off")])
            return
        url = url_for_people(console.address, console.port)
        used = draw_text_block(surface, self.ctx.fonts, self.ctx.say("console_open"),
                               pygame.Rect(area.x, area.y, area.width, px * 4), px)
        used += draw_text_block(surface, self.ctx.fonts, url, pygame.Rect(area.x, area.y + used, area.width, px * 3),
                                int(px * 1.6), bold=True)
        side = min(area.width, area.bottom - area.y - used - px)
        code = qr_surface(url, max(0, side)) if side > px * 4 else None
        if code is not None:
            surface.blit(code, (area.x, area.y + used + px // 2))
