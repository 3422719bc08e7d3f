"""Re-make the reference images for tests/test_render.py after a deliberate change in the look.

Run:  python tests/make_references.py   then look at tests/references/*.png before committing them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

import pygame  # noqa: E402
from helpers import GOOD_SCENE, load, write  # noqa: E402

from kiosk.draw.stills import make_renderer, still  # noqa: E402


def main() -> None:
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    out = Path(__file__).parent / "references"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp)
        (content / "scenes").mkdir()
        (content / "art" / "shapes").mkdir(parents=True)
        (content / "art" / "shapes" / "circle.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            '<circle cx="50" cy="50" r="45" fill="#F48FB1" stroke="#3D2C5E" stroke-width="6"/></svg>')
        (content / "art" / "shapes" / "wide.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
            '<rect x="4" y="4" width="192" height="92" rx="20" fill="#7ED957"/></svg>')
        write(content, "demo.yaml", GOOD_SCENE)
        lib = load(content)
        renderer = make_renderer(lib, content / "art")
        pygame.image.save(still(renderer, lib, "demo", 1, None, (480, 270), "en", "kids"),
                          str(out / "demo-step1-settled.png"))
        pygame.image.save(still(renderer, lib, "demo", 1, 0.5, (480, 270), "en", "kids"),
                          str(out / "demo-step1-half.png"))
    print(f"wrote references to {out}")


if __name__ == "__main__":
    main()
