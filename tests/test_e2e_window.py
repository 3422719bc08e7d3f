"""End to end in a real window: the kiosk runs under Xvfb, xdotool clicks, screenshots show the screens change.

Skipped (with the reason printed by pytest -ra) where Xvfb, xdotool or ImageMagick's `import` are missing;
`.ci/run` installs them so CI runs this test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pygame
import pytest
from PIL import Image, ImageChops, ImageStat

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 720)
TOOLS = ("Xvfb", "xdotool", "import")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} (apt-get install xvfb xdotool "
                                                      "imagemagick)")

MINT = (123, 220, 181)      # the "next" button
YELLOW = (255, 214, 107)    # the current progress dot


def wait_for(condition, seconds: float = 20.0, step: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll until condition() is truthy (a real program starting takes its own time; this is not a timing test)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out waiting")


@pytest.fixture()
def x_display(tmp_path: Path):  # type: ignore[no-untyped-def]
    # Xvfb picks a free display number itself and writes it to the pipe: several test runs can share a machine.
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              pass_fds=(write,))
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    env = {**os.environ, "DISPLAY": f":{number}"}
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("SDL_AUDIODRIVER", None)
    try:
        wait_for(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0)
        yield env
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture()
def kiosk(x_display, tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**x_display, "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, str(REPO / "main.py"), "run", "--windowed", "--size",
                                f"{SIZE[0]}x{SIZE[1]}", "--state", str(tmp_path / "state")],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # SDL titles its window through _NET_WM_NAME only, which `search --name` misses: find it by process id.
    try:
        window = wait_for(lambda: subprocess.run(["xdotool", "search", "--pid", str(process.pid)], env=env,
                                                 capture_output=True, text=True).stdout.split())
    except AssertionError:
        process.terminate()
        output = process.communicate(timeout=10)[0].decode(errors="replace")
        raise AssertionError(f"the kiosk's window never appeared; its output:\n{output}")
    # The window exists a moment before the app titles it: wait for the title, then check it.
    def title() -> str:
        return subprocess.run(["xdotool", "getwindowname", window[0]], env=env, capture_output=True,
                              text=True).stdout.strip()
    wait_for(lambda: title() == "Tooth kiosk", seconds=5)
    assert title() == "Tooth kiosk"
    subprocess.run(["xdotool", "windowmove", window[0], "0", "0"], env=env, check=True)
    time.sleep(1.0)
    yield env, process
    if process.poll() is None:
        process.terminate()
        process.wait(10)


def screenshot(env: dict, path: Path) -> Image.Image:
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
    return Image.open(path).convert("RGB")


def click(env: dict, x: int, y: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True)
    time.sleep(1.2)  # let the fade between screens finish


def first_tile(folder: Path) -> tuple[int, int]:
    """The middle of the menu's first tile at SIZE, read from the same app run headless on the same content (the
    layout is the same), so the test never guesses where a paged menu puts it."""
    from kiosk_driver import Kiosk
    shutil.copytree(REPO / "scenes", folder / "scenes")
    shutil.copy(REPO / "kiosk.yaml", folder / "kiosk.yaml")
    k = Kiosk(folder, size=SIZE)
    k.to_home()
    first = next(b for b in k.current.buttons if "tile" in b.meta)
    return first.rect.center


def pixels(region: Image.Image) -> list[tuple[int, int, int]]:
    raw = region.tobytes()
    return [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]  # type: ignore[misc]


def count(image: Image.Image, color: tuple[int, int, int], box: tuple[int, int, int, int], tolerance: int = 12) -> int:
    region = image.crop(box)
    return sum(1 for p in pixels(region) if all(abs(a - b) <= tolerance for a, b in zip(p, color)))


def difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_a_family_taps_through_the_kiosk_in_a_real_window(kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, process = kiosk
    # Given the kiosk showing its attract loop
    attract = screenshot(env, tmp_path / "1-attract.png")
    # When a child taps anywhere, the menu appears: its first tile (light blue) fills the upper left
    click(env, 640, 360)
    home = screenshot(env, tmp_path / "2-home.png")
    assert difference(attract, home) > 10
    assert count(home, (142, 209, 252), (60, 120, 300, 420)) > 5000
    # When the first tile is tapped, the scene opens with its green "next" arrow at the bottom right
    click(env, *first_tile(tmp_path / "twin"))   # the first tile, where the menu's first page puts it
    scene = screenshot(env, tmp_path / "3-scene.png")
    assert count(scene, MINT, (1100, 600, 1280, 720)) > 1000
    first_dot = count(scene, YELLOW, (500, 640, 780, 710))
    # When "next" is tapped, the scene moves on: the yellow dot (the current step) moves right
    click(env, 1192, 672)
    step2 = screenshot(env, tmp_path / "4-step2.png")
    assert difference(scene, step2) > 2
    assert first_dot > 0
    assert _yellow_dot_x(step2) > _yellow_dot_x(scene)
    # And the preview window closes normally with Escape
    subprocess.run(["xdotool", "key", "Escape"], env=env, check=True)
    assert process.wait(15) == 0


def _yellow_dot_x(image: Image.Image) -> float:
    box = (400, 640, 880, 710)
    region = image.crop(box)
    xs = [i % region.width for i, p in enumerate(pixels(region))
          if all(abs(a - b) <= 12 for a, b in zip(p, YELLOW))]
    assert xs, "no current-step dot found"
    return sum(xs) / len(xs)


def best_still(shot: Image.Image, scene_id: str, step: int, settled: float) -> tuple[float, Any]:
    """The moment of the step whose `kiosk render` still is closest to the screenshot, over the part of the
    screen a still draws (between the top and bottom bars), and how close it is. The real window runs on the
    real clock, so the moment a screenshot caught is searched for rather than assumed."""
    from live_screen import compare

    from kiosk.content.library import load_library
    from kiosk.draw.layout import scene_layout
    from kiosk.draw.stills import make_renderer, still
    pygame.font.init()
    lib = load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en")
    renderer = make_renderer(lib, REPO / "art")
    layout = scene_layout(*SIZE)
    band = (0, layout.top_bar[3], SIZE[0], layout.bottom_bar[1] - layout.top_bar[3])
    box = (band[0], band[1], band[0] + band[2], band[1] + band[3])
    cache: dict = {}

    def closeness(t: float) -> tuple[float, Any]:
        if t not in cache:
            picture = still(renderer, lib, scene_id, step, t, SIZE, "en", "kids")
            rendered = Image.frombytes("RGB", SIZE, pygame.image.tobytes(picture, "RGB"))
            cache[t] = compare(shot.crop(box), rendered.crop(box))
        return t, cache[t]

    def order(found: tuple[float, Any]) -> tuple:
        return found[1].worst_block, found[1].mean
    coarse = [round(i * 0.1, 3) for i in range(int((settled + 0.6) / 0.1) + 1)]
    best = min((closeness(t) for t in coarse), key=order)
    fine = [round(best[0] + k / 30, 4) for k in range(-3, 4) if best[0] + k / 30 >= 0]
    best = min((closeness(t) for t in fine), key=order)
    assert best is not None
    return best


def test_the_real_window_shows_what_kiosk_render_draws_while_layers_move(kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, process = kiosk
    # Given the first scene opened by taps in a real window, and its second step
    click(env, 640, 360)
    click(env, *first_tile(tmp_path / "twin"))   # the first tile, where the menu's first page puts it
    subprocess.run(["xdotool", "mousemove", "1192", "672", "click", "1"], env=env, check=True)
    # When screenshots are taken while the step's layers move (the step fades in for 0.4 s, then moves)
    shots = []
    for wait in (0.55, 0.35, 0.35):
        time.sleep(wait)
        shots.append(screenshot(env, tmp_path / f"moving-{len(shots)}.png"))
    # Then each matches `kiosk render` of that step at some moment of its motion, within the tolerance
    from kiosk.content.library import load_library
    from kiosk.motion.player import StepPlayer, visible_steps
    lib = load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en")
    scene_id = lib.playlist[0]
    scene = lib.scenes[scene_id]
    step = visible_steps(scene, "kids")[1]
    settled = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, "kids", "en", "en").settled_at()
    for n, shot in enumerate(shots):
        moment, diff = best_still(shot, scene_id, 2, settled)
        assert diff.ok, f"screenshot {n} ({tmp_path}) matches no still of step 2: closest at {moment:.2f} s, {diff}"
