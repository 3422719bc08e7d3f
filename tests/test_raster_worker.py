"""Art is rasterised off the main loop: a slow picture never holds up a frame, and one that never finishes is
given up, shown as the placeholder and named to staff (issue 12, item 6).

The slow picture is made slow on purpose: the SVG drawer is replaced by one that blocks on an Event for one file,
so what is asserted is order (the frame returned while the picture was still being drawn), never wall time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import pygame
import pytest
from kiosk_driver import Kiosk

from kiosk.app.clock import FakeClock
from kiosk.draw.raster_worker import GaveUp, RasterWorker

SLOW_ART = "tooth/adult-bud.svg"
# Its first step shows only the slow picture, for a minute; its last step (the attract loop's slide) another one.
SCENE = """\
id: slow
title: {en: "Slow", es: "Lento"}
tile: {art: icons/new-tooth.svg, color: "#7BDCB5"}
background: "#FFE9A8"
steps:
  - id: first
    text:
      kids: {en: "The slow one.", es: "El lento."}
      parents: {en: "The slow one for parents.", es: "El lento para padres."}
    hold: 60
    layers:
      - {art: tooth/adult-bud.svg, at: [0.5, 0.5], height: 0.9}
  - id: last
    text:
      kids: {en: "The last one.", es: "El último."}
      parents: {en: "The last one for parents.", es: "El último para padres."}
    layers:
      - {art: tooth/enamel.svg, at: [0.5, 0.5], height: 0.5}
"""
BACKGROUND = (0xFF, 0xE9, 0xA8)


class SlowDrawer:
    """The real SVG drawer, except that drawing SLOW_ART waits until `release` is set (20 s at most, so a
    broken test fails instead of hanging)."""

    def __init__(self) -> None:
        self.real = pygame.image.load_sized_svg
        self.entered = threading.Event()
        self.release = threading.Event()
        self.running = False
        self.calls = 0   # how often SLOW_ART was started

    def __call__(self, path: str, size: tuple[int, int]) -> pygame.Surface:
        if path.endswith(SLOW_ART):
            self.calls += 1
            self.running = True
            self.entered.set()
            self.release.wait(20)
            self.running = False
        return self.real(path, size)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowDrawer]:
    drawer = SlowDrawer()
    monkeypatch.setattr(pygame.image, "load_sized_svg", drawer)
    yield drawer
    drawer.release.set()   # let the worker thread finish


def _kiosk(folder: Path) -> Kiosk:
    (folder / "scenes").mkdir()
    (folder / "scenes" / "slow.yaml").write_text(SCENE, encoding="utf-8")
    kiosk = Kiosk(folder)
    kiosk.app.ctx.assets.point_wait = 0.05   # the scene's opening waits this long for its pictures, then shows
    return kiosk


def _stage_centre(kiosk: Kiosk) -> tuple[int, int]:
    x, y, w, h = kiosk.app.ctx.layout.stage
    return x + w // 2, y + h // 2


def _stage_colours(kiosk: Kiosk) -> set[tuple[int, int, int]]:
    """The colours in the middle half of the stage (where the scene's picture is drawn)."""
    x, y, w, h = kiosk.app.ctx.layout.stage
    box = pygame.Rect(x + w // 4, y + h // 4, w // 2, h // 2)
    picture = kiosk.app.display.subsurface(box)
    data = pygame.image.tobytes(picture, "RGB")
    return {tuple(data[i:i + 3]) for i in range(0, len(data), 3 * 7)}   # type: ignore[misc]


def test_a_slow_picture_never_holds_up_a_frame(tmp_path: Path, slow: SlowDrawer) -> None:
    # Given a kiosk whose scene's only picture takes as long as a test lets it
    kiosk = _kiosk(tmp_path)
    # When the scene is opened and plays on for a second
    kiosk.open_scene("slow")
    kiosk.frames(30)
    # Then every one of those frames returned while that picture was still being drawn
    assert slow.entered.is_set() and slow.running
    assert kiosk.screen == "scene" and kiosk.current.index == 0 and kiosk.app.ctx.assets.busy
    # ...and the whole stage shows the step's background where the picture will be: calm, and defined
    assert _stage_colours(kiosk) == {BACKGROUND}


def test_the_frame_where_a_picture_arrives_is_drawn(tmp_path: Path, slow: SlowDrawer) -> None:
    # Given the scene showing its background while its picture is being drawn, settled (nothing else moves)
    kiosk = _kiosk(tmp_path)
    kiosk.open_scene("slow")
    kiosk.wait(3)
    assert _stage_colours(kiosk) == {BACKGROUND}
    # When the picture is finished
    slow.release.set()
    worker = kiosk.app.ctx.assets.worker
    nap = threading.Event()
    for _ in range(1000):
        if worker.idle:
            break
        nap.wait(0.01)
    kiosk.frames(1)
    # Then it is on the screen at once, exactly as a whole redraw of the same moment shows it
    shown = pygame.image.tobytes(kiosk.app.display, "RGB")
    assert len(_stage_colours(kiosk)) > 1
    kiosk.app.nav.redraw()
    kiosk.frames(1)
    assert pygame.image.tobytes(kiosk.app.display, "RGB") == shown


def test_a_picture_that_never_finishes_is_given_up_and_named_to_staff(tmp_path: Path, slow: SlowDrawer) -> None:
    # Given a kiosk whose raster worker measures its time limit with the test's clock
    kiosk = _kiosk(tmp_path)
    kiosk.app.ctx.assets.worker.clock = kiosk.clock.now
    kiosk.open_scene("slow")
    kiosk.frames(3)
    assert slow.running
    # When the picture has taken longer than the time limit (and is still being drawn)
    kiosk.wait(kiosk.app.ctx.assets.worker.time_limit + 1)
    # Then the step shows the gentle placeholder where it would be, and staff see one line naming the file
    assert slow.running
    assert _stage_colours(kiosk) != {BACKGROUND}
    failures = [f"{art}: {why}" for art, why in kiosk.app.ctx.assets.failures.items()]
    assert [line for line in failures if SLOW_ART in line] == [
        f"{SLOW_ART}: took longer than 10 s to draw, so it shows as a placeholder: simplify it (fewer points and "
        "shapes) or save it as a PNG"]
    # ...and it is never started again, however often it is shown (even once its placeholder left the cache)
    kiosk.app.nav.go("home")
    kiosk.frames(12)
    kiosk.app.ctx.assets.clear()
    kiosk.open_scene("slow")
    kiosk.frames(12)
    kiosk.app.ctx.assets.settle(10)   # the other pictures of the scene are made on a fresh thread meanwhile
    kiosk.frames(2)
    assert slow.calls == 1
    assert SLOW_ART not in kiosk.app.ctx.assets.on_the_way


def test_after_a_picture_is_given_up_the_others_are_still_made() -> None:
    # Given a worker whose first job never ends while the test runs
    clock = FakeClock()
    worker = RasterWorker(time_limit=5, clock=clock.now)
    stuck, started = threading.Event(), threading.Event()
    worker.submit("stuck", lambda: (started.set(), stuck.wait(20)))
    worker.submit("next", lambda: "made")
    assert started.wait(10)
    # When its time limit passes
    clock.advance(6)
    ended = worker.finished()
    # Then it is reported as given up, and the next job is made by another thread meanwhile
    assert [(key, type(result)) for key, _, result in ended] == [("stuck", GaveUp)]
    worker.wait(["next"], 10)
    assert worker.finished() == [("next", True, "made")]
    stuck.set()


def test_pictures_asked_for_ahead_wait_in_a_bounded_queue() -> None:
    # Given a worker busy with one picture and room for two more asked for ahead of time
    worker = RasterWorker(max_waiting=2)
    hold = threading.Event()
    worker.submit("busy", lambda: hold.wait(20))
    # When three more are asked for ahead
    asked = [worker.submit(f"ahead-{i}", lambda: None, urgent=False) for i in range(3)]
    # Then the third is refused (it is asked again when it is shown), while a picture a frame shows is not
    assert asked == [True, True, False]
    assert worker.submit("shown", lambda: None, urgent=True)
    hold.set()
