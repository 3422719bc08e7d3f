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
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    click(env, 180, 200)
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
