"""What a screen is given: the shared services (`AppContext`), the family's choices (`Session`), and the part of
the navigator a screen may call (`Navigation`). Screens depend on these, never on the navigator itself, so the
navigator can build screens without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Protocol

from kiosk.content.config import KioskConfig
from kiosk.content.library import Library
from kiosk.content.words import Words
from kiosk.draw.assets import AssetCache, Fonts
from kiosk.draw.layout import SceneLayout, scene_layout
from kiosk.draw.render import Renderer


class Navigation(Protocol):
    """What screens may ask of the navigator: move between screens, change the session, read the time."""

    t: float
    wall: float

    def go(self, name: str, **kwargs: Any) -> None: ...
    def go_home(self) -> None: ...
    def play(self, scene_id: str) -> None: ...
    def redraw(self) -> None: ...
    def request_quit(self) -> None: ...
    def set_language(self, lang: str) -> None: ...
    def toggle_audience(self) -> None: ...
    def set_audience(self, audience: str) -> None: ...
    def open_faq(self) -> None: ...
    def start_cleaning(self) -> None: ...


@dataclass
class Session:
    """Choices a family makes; all go back to the defaults after the idle reset."""

    audience: str = "kids"
    lang: str = "en"
    sound: bool = False
    volume: float = 0.6
    narration: Optional[str] = None      # staff menu's off / kids / everyone; None: as kiosk.yaml says
    tap_to_hear: Optional[bool] = None   # staff menu's choice; None: as kiosk.yaml says
    menu_page: int = 0                   # the menu's page the family last saw (the idle reset: the first)


@dataclass
class AppContext:
    """Shared services, injected into every screen."""

    library: Library
    config: KioskConfig
    renderer: Renderer
    session: Session
    size: tuple[int, int]
    usage: Callable[[str, str], None] = lambda kind, detail: None
    broken: set[str] = field(default_factory=set)   # scene ids that raised while playing
    problems: list = field(default_factory=list)     # config + library problems, for the staff menu
    sounds: object = None
    narrator: object = None    # kiosk.voice.playback.Narrator: speaks captions and part names
    diagnostics: Callable[[], dict] = lambda: {}
    last_reload: float = 0.0
    pin_guard: object = None
    reload: Optional[Callable[[], None]] = None
    save_playlist_file: Optional[Callable[[list, list], None]] = None
    usage_summary: Optional[Callable[[], list]] = None
    # Seconds since the epoch, from the app's injected clock: for the time of day (quiet hours), never for motion
    epoch: Callable[[], float] = lambda: 0.0

    @property
    def assets(self) -> AssetCache:
        return self.renderer.assets

    @property
    def fonts(self) -> Fonts:
        return self.renderer.fonts

    @property
    def words(self) -> Words:
        return Words(self.library.ui_texts, self.config.default_language)

    def say(self, key: str, **values: object) -> str:
        return self.words.get(key, self.session.lang, **values)

    @property
    def layout(self) -> SceneLayout:
        return scene_layout(*self.size)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.config.languages)

    def playlist_order(self) -> tuple[str, ...]:
        """Every scene in menu order, hidden ones included (for the staff menu)."""
        return self.library.order or tuple(self.library.scenes)

    def save_playlist(self, order: list, disabled: list) -> None:
        if self.save_playlist_file is not None:
            self.save_playlist_file(order, disabled)

    def all_problems(self) -> list:
        from kiosk.draw.text_check import drawn_cut_problems
        cut = drawn_cut_problems(self.library, self.fonts.cut) if self.fonts.cut else []
        return list(self.problems) + list(self.library.problems) + cut

    def playable(self) -> list[str]:
        return [sid for sid in self.library.playlist if sid in self.library.scenes and sid not in self.broken]
