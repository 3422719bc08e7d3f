"""Drives the real app headless: real pygame events in, a fake clock, and what is on screen out."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pygame

from kiosk.app.clock import FakeClock
from kiosk.app.loop import App, AppOptions
from kiosk.tools.monkey import FlagWatcher  # says 'changed' once when a test sets .changed

REPO = Path(__file__).resolve().parent.parent
FRAME = 1 / 30

SCENE_ALPHA = """\
id: alpha
title: {en: "Alpha tooth", es: "Diente alfa"}
tile: {art: icons/meet-your-tooth.svg, color: "#8ED1FC"}
related: beta
steps:
  - id: one
    text:
      kids: {en: "Alpha one.", es: "Alfa uno."}
      parents: {en: "Alpha one for parents.", es: "Alfa uno para padres."}
    hold: 2
    layers:
      - {id: enamel, art: tooth/enamel.svg, at: [0.5, 0.5], height: 0.9}
    hotspots:
      - {at: [0.5, 0.3], radius: 0.15, label: {en: "Enamel", es: "Esmalte"}, highlight: enamel}
  - id: two
    text:
      kids: {en: "Alpha two.", es: "Alfa dos."}
      parents: {en: "Alpha two for parents.", es: "Alfa dos para padres."}
    hold: 2
    layers:
      - {art: tooth/crown-dentin.svg, at: [0.5, 0.5], height: 0.9, animate: {opacity: [0, 1], duration: 1}}
  - id: three
    text:
      kids: {en: "Alpha three.", es: "Alfa tres."}
      parents: {en: "Alpha three for parents.", es: "Alfa tres para padres."}
    hold: 2
    layers:
      - {art: tooth/pulp-crown.svg, at: [0.5, 0.5], height: 0.9}
"""

SCENE_BETA = """\
id: beta
title: {en: "Beta tooth", es: "Diente beta"}
tile: {art: icons/new-tooth.svg, color: "#7BDCB5"}
steps:
  - id: only
    text:
      kids: {en: "Beta only.", es: "Beta sola."}
      parents: {en: "Beta only for parents.", es: "Beta sola para padres."}
    hold: 2
    layers:
      - {art: tooth/adult-bud.svg, at: [0.5, 0.5], height: 0.9}
"""

FAQ = """\
questions:
  - question: {en: "Does it hurt?", es: "¿Duele?"}
    answer: {en: "The tooth is numbed first.", es: "Primero se adormece el diente."}
    scene: beta
  - question: {en: "How long?", es: "¿Cuánto dura?"}
    answer: {en: "Under an hour.", es: "Menos de una hora."}
"""


class Kiosk:
    def __init__(self, folder: Path, size: tuple[int, int] = (1280, 720), windowed: bool = True,
                 rotate: Optional[int] = None, config: str = "", watcher: Any = None) -> None:
        self.folder = folder
        scenes = folder / "scenes"
        scenes.mkdir(exist_ok=True)
        if not any(scenes.iterdir()):
            (scenes / "alpha.yaml").write_text(SCENE_ALPHA, encoding="utf-8")
            (scenes / "beta.yaml").write_text(SCENE_BETA, encoding="utf-8")
            (scenes / "faq.yaml").write_text(FAQ, encoding="utf-8")
        self.config_path = folder / "kiosk.yaml"
        if config or not self.config_path.exists():
            self.config_path.write_text(config or "idle_seconds: 90\n", encoding="utf-8")
        self.clock = FakeClock()
        self.events: list[tuple[str, str]] = []
        self.watcher = watcher if watcher is not None else FlagWatcher()
        pygame.display.init()
        pygame.event.clear()
        # art_wait: a new screen waits for its pictures (rasterised off the main loop) long enough that what a
        # test sees never depends on how busy the machine is (the kiosk's own bound is 1.5 s).
        self.app = App(AppOptions(self.config_path, scenes, REPO / "art", folder / "state", windowed=windowed,
                                  size=size, rotate=rotate, art_wait=60.0), self.clock,
                       usage=lambda kind, detail: self.events.append((kind, detail)), watcher=self.watcher)
        self.frames(2)

    # --- time --------------------------------------------------------------------------------------
    def frames(self, n: int = 1, dt: float = FRAME) -> None:
        for _ in range(n):
            self.clock.advance(dt)
            self.app.frame()

    def wait(self, seconds: float, dt: float = 0.2) -> None:
        """Let time pass with nobody touching (coarse steps: fine for timers)."""
        steps = max(1, int(round(seconds / dt)))
        for _ in range(steps):
            self.frames(1, dt)

    # --- input -------------------------------------------------------------------------------------
    def post(self, kind: int, **attrs: Any) -> None:
        pygame.event.post(pygame.event.Event(kind, **attrs))

    def finger(self, kind: int, x: float, y: float, finger: int = 0) -> None:
        w, h = self.app.display.get_size()
        self.post(kind, touch_id=1, finger_id=finger, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0)

    def tap(self, x: float, y: float, with_synthetic_mouse: bool = True) -> None:
        """A finger tap as SDL delivers it: finger events plus mouse events flagged as made from touch."""
        self.finger(pygame.FINGERDOWN, x, y)
        if with_synthetic_mouse:
            self.post(pygame.MOUSEBUTTONDOWN, pos=(int(x), int(y)), button=1, touch=True)
        self.frames(2)
        self.finger(pygame.FINGERUP, x, y)
        if with_synthetic_mouse:
            self.post(pygame.MOUSEBUTTONUP, pos=(int(x), int(y)), button=1, touch=True)
        self.frames(2)

    def click(self, x: float, y: float) -> None:
        """A real mouse click (not from a touch)."""
        self.post(pygame.MOUSEBUTTONDOWN, pos=(int(x), int(y)), button=1, touch=False)
        self.frames(1)
        self.post(pygame.MOUSEBUTTONUP, pos=(int(x), int(y)), button=1, touch=False)
        self.frames(2)

    def swipe(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.finger(pygame.FINGERDOWN, x0, y0)
        self.frames(1)
        self.finger(pygame.FINGERMOTION, (x0 + x1) / 2, (y0 + y1) / 2)
        self.frames(1)
        self.finger(pygame.FINGERUP, x1, y1)
        self.frames(2)

    def key(self, key: int, unicode: str = "") -> None:
        self.post(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)
        self.frames(2)

    def press_button(self, name: str) -> None:
        if name.startswith("tile-"):
            self.turn_to_tile(name[len("tile-"):])
        self.tap(*self.button(name).rect.center)
        self.frames(12)  # let the fade finish

    def turn_to_tile(self, scene_id: str) -> None:
        """On the menu, tap its page arrows (as a child would) until this scene's tile is on the page shown."""
        page_of = getattr(self.current, "page_of", None)
        want = page_of(scene_id) if page_of is not None else None
        for _ in range(8):
            if want is None or self.current.page == want:
                return
            self.tap(*self.button("page-next" if want > self.current.page else "page-prev").rect.center)
            self.frames(12)  # the page slides in

    # --- what is on screen -------------------------------------------------------------------------
    @property
    def screen(self) -> str:
        return self.app.nav.screen.name

    @property
    def current(self):  # type: ignore[no-untyped-def]
        return self.app.nav.screen

    def button(self, name: str):  # type: ignore[no-untyped-def]
        for b in self.current.buttons:
            if b.name == name:
                return b
        raise AssertionError(f"no button '{name}' on screen '{self.screen}': "
                             f"{[b.name for b in self.current.buttons]}")

    def has_button(self, name: str) -> bool:
        return any(b.name == name for b in self.current.buttons)

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        return tuple(self.app.display.get_at((int(x), int(y))))[:3]  # type: ignore[return-value]

    def to_home(self) -> None:
        self.tap(640, 360)
        self.frames(12)

    def open_scene(self, scene_id: str = "alpha") -> None:
        if self.screen == "attract":
            self.to_home()
        self.press_button(f"tile-{scene_id}")
