"""Screenshots of the kiosk in a real window, as a person sees it: home (each of its pages), questions, an end panel and the clinic
card, landscape (English) and portrait (Spanish).

Runs the kiosk under Xvfb, clicks with xdotool and grabs the screen with ImageMagick's `import`
(apt-get install xvfb xdotool imagemagick). Where to click is read from the same app run headless at the same
size (the layout is the same), so the script never guesses coordinates.

    python docs/screens/make_screens.py            # writes docs/screens/*.png
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"   # the headless twin only; the real window gets its own environment
os.environ["SDL_AUDIODRIVER"] = "dummy"
REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))

LAYOUTS = {"landscape": ((1920, 1080), "en"), "portrait": ((1080, 1920), "es")}
SCENE = "pulpotomy"      # its end panel offers the pulpectomy: the longest related-scene title
SETTLE = 1.5             # seconds for a screen's fade and first drawing


def twin(size: tuple[int, int], state: Path):  # type: ignore[no-untyped-def]
    """The same kiosk, headless, to read where each button is."""
    from kiosk.app.clock import FakeClock
    from kiosk.tools.bench import Content, HeadlessKiosk
    content = Content(REPO / "kiosk.yaml", REPO / "scenes", REPO / "art")
    return HeadlessKiosk(content, state, size, FakeClock())


def main() -> int:
    for name, (size, lang) in LAYOUTS.items():
        with tempfile.TemporaryDirectory() as work:
            shoot(name, size, lang, Path(work))
    return 0


def shoot(name: str, size: tuple[int, int], lang: str, work: Path) -> None:
    number = 80 + os.getpid() % 50
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER",)}
    env["DISPLAY"] = f":{number}"
    kiosk = None
    try:
        _wait(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0)
        kiosk = subprocess.Popen([sys.executable, str(REPO / "main.py"), "run", "--windowed", "--size",
                                  f"{size[0]}x{size[1]}", "--state", str(work / "state")], cwd=REPO, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        window = _wait(lambda: subprocess.run(["xdotool", "search", "--pid", str(kiosk.pid)], env=env,
                                              capture_output=True, text=True).stdout.split())[0]
        time.sleep(2.0)
        subprocess.run(["xdotool", "windowmove", window, "0", "0"], env=env, check=True)
        time.sleep(SETTLE * 2)
        k = twin(size, work / "twin")
        k.settle(2.0)

        def grab() -> bytes:
            return subprocess.run(["import", "-window", "root", "rgb:-"], env=env, capture_output=True).stdout

        def settled(was: bytes = b"") -> None:
            """Wait until the real window has changed from `was` (a busy machine may draw a screen late: two
            equal grabs before the click is drawn are no proof it settled), then until it stops changing."""
            for _ in range(40):
                if not was or grab() != was:
                    break
                time.sleep(0.25)
            before = None
            for n in range(40):
                time.sleep(SETTLE if n == 0 else 0.5)
                now = grab()
                if now == before:
                    return
                before = now

        def press(button_name: str) -> None:
            button = k.button(button_name)
            assert button is not None, f"{name}: no button {button_name} on {k.screen.name}"
            x, y = button.rect.center
            k.tap(x, y, frames_after=40)
            was = grab()
            subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True)
            settled(was)

        def snap(what: str) -> None:
            raw = work / f"{what}.png"
            subprocess.run(["import", "-window", "root", str(raw)], env=env, check=True)
            subprocess.run(["convert", str(raw), "-resize", "50%", "-strip", str(OUT / f"{name}-{what}.png")],
                           check=True)

        w, h = size
        k.tap(w // 2, h - 40, frames_after=40)    # the attract loop: any touch opens the menu
        subprocess.run(["xdotool", "mousemove", str(w // 2), str(h - 40), "click", "1"], env=env, check=True)
        settled()
        if lang != "en":
            press(f"lang-{lang}")
        snap("home")
        page = 1
        while k.button("page-next") is not None:   # every page of the menu, then back to the first
            press("page-next")
            page += 1
            snap(f"home-{page}")
        while k.button("page-prev") is not None:
            press("page-prev")
        press("faq")
        press("q1")
        snap("faq")
        press("clinic")
        snap("clinic")
        press("home")
        press("audience-kids")
        press(f"tile-{SCENE}")
        # A scene moves on by itself after each step's reading time: on a slow machine, waiting for the window to
        # settle after each "next" let it move on too, so the last tap landed on the end panel's own buttons.
        # Tapped about once a second (slower than a storm of taps, far quicker than a step's reading time).
        x, y = k.button("next").rect.center
        for _ in range(len(k.screen.steps)):
            k.tap(x, y, frames_after=20)
            subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True)
            time.sleep(0.8)
        assert getattr(k.screen, "ended_at", None) is not None, f"{name}: the twin is not at the end panel"
        time.sleep(SETTLE * 2)   # not `settled()`: its grabs are slow here, and the end panel goes home by itself
        snap("end-panel")        # after 25 s (scene.END_WAIT)
    finally:
        if kiosk is not None:
            kiosk.terminate()
            kiosk.wait(10)
        xvfb.terminate()
        xvfb.wait(10)


def _wait(condition, seconds: float = 30.0):  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit("timed out waiting for the screen or the kiosk's window")


if __name__ == "__main__":
    raise SystemExit(main())
