"""Issue 12, item 1: only PNG, JPEG and WebP are ever opened, whatever a file's name says; the clinic logo is
inspected like scene art; 16-bit grey pictures draw grey.

Pillow chooses a decoder from a file's bytes. Its EPS decoder hands the file to Ghostscript, which runs it as a
program: so a PostScript file named `.png` must be refused by its bytes before Pillow is asked anything.
"""

from __future__ import annotations

import io
from pathlib import Path

import pygame
import pytest
from PIL import EpsImagePlugin, Image

from kiosk.content.artcheck import ArtInfo, inspect_art
from kiosk.content.config import clinic_art_problems, load_config
from kiosk.draw.assets import AssetCache

from helpers import GOOD_SCENE, load, messages, write

# A PostScript program that never ends: run by Ghostscript, it would hang whoever opened it.
HANGING_EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\nshowpage\n"


def _saved(fmt: str, **kw: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 100, 50)).save(out, fmt, **kw)
    return out.getvalue()


@pytest.fixture()
def eps_spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every time Pillow's EPS decoder is even tried (it is what would start Ghostscript)."""
    tried: list[str] = []
    original = EpsImagePlugin.EpsImageFile._open

    def spy(self: EpsImagePlugin.EpsImageFile) -> None:
        tried.append(str(getattr(self, "filename", "?")))
        original(self)

    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", spy)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", lambda *a, **k: tried.append("ghostscript"))
    return tried


@pytest.mark.parametrize("name", ["tooth.png", "tooth.jpg", "tooth.webp"])
def test_postscript_named_as_a_picture_is_refused_without_running_it(content: Path, eps_spy: list[str],
                                                                      name: str) -> None:
    # Given a PostScript program saved under a picture's name
    path = content / "art" / name
    path.write_bytes(HANGING_EPS)

    # When the art is inspected (as `check`, start-up and reload do)
    info = inspect_art(path)

    # Then it is refused for what it really is, and the EPS decoder never ran
    assert not info.usable
    assert "really PostScript" in info.problems[0][1]
    assert eps_spy == []


def test_postscript_art_is_never_decoded_when_drawn(content: Path, eps_spy: list[str], headless_display: None) -> None:
    # Given PostScript named tooth.png that the drawing code is asked for directly (no inspection first)
    path = content / "art" / "tooth.png"
    path.write_bytes(HANGING_EPS)
    cache = AssetCache(lambda rel: ArtInfo(path))

    # When it is drawn
    picture = cache.picture("tooth.png", (40, 30))

    # Then the placeholder is drawn and the EPS decoder never ran
    assert picture.get_size() == (40, 30)
    assert "tooth.png" in cache.failures
    assert eps_spy == []


def test_a_postscript_clinic_logo_is_reported_by_check(content: Path, eps_spy: list[str]) -> None:
    # Given a kiosk.yaml whose logo is PostScript named logo.png
    (content / "art" / "logo.png").write_bytes(HANGING_EPS)
    config_path = content / "kiosk.yaml"
    config_path.write_text("clinic:\n  name: Smile\n  logo: logo.png\n", encoding="utf-8")
    config, _ = load_config(config_path)

    # When the clinic's art is checked
    problems = clinic_art_problems(config, config_path, content / "art")

    # Then the logo line is named with what the file really is, and nothing was run
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].line == 3 and "really PostScript" in problems[0].message
    assert eps_spy == []


@pytest.mark.parametrize("fmt,name,really", [("GIF", "a.png", "GIF"), ("TIFF", "a.jpg", "TIFF"),
                                             ("BMP", "a.png", "BMP"), ("ICO", "a.webp", "ICO"),
                                             ("PCX", "a.png", "PCX")])
def test_other_formats_under_picture_names_are_refused_by_name(content: Path, fmt: str, name: str,
                                                               really: str) -> None:
    # Given a GIF/TIFF/BMP/ICO/PCX saved under a PNG, JPEG or WebP name
    path = content / "art" / name
    path.write_bytes(_saved(fmt))

    # When it is inspected
    info = inspect_art(path)

    # Then it is refused and the message says what the file really is
    assert not info.usable
    assert f"really {really}" in info.problems[0][1]


def test_a_scene_with_gif_art_reports_it_at_the_art_file(content: Path) -> None:
    # Given a scene whose tile art is a GIF named .png
    (content / "art" / "shapes" / "tile.png").write_bytes(_saved("GIF"))
    write(content, "demo.yaml", GOOD_SCENE.replace("tile: {art: shapes/circle.svg", "tile: {art: shapes/tile.png"))

    # When the folder is loaded
    lib = load(content)

    # Then the art file is named with what it really is
    assert any("tile.png" in m and "really GIF" in m for m in messages(lib))


def test_sixteen_bit_grey_png_draws_grey_not_white(content: Path, headless_display: None) -> None:
    # Given a 16-bit grey PNG at a middle grey (32768 of 65535)
    path = content / "art" / "grey16.png"
    Image.new("I;16", (20, 20), 32768).save(path)

    # When it is drawn
    picture = AssetCache(lambda rel: inspect_art(content / "art" / rel)).picture("grey16.png", (20, 20))

    # Then it is middle grey on screen
    r, g, b, _ = picture.get_at((10, 10))
    assert 110 <= r <= 145 and r == g == b


def test_a_huge_wav_is_refused_before_it_is_played(content: Path) -> None:
    # Given a step whose sound is a 12 MB WAV (a 106 MB one took 264 MB of memory)
    wav = content / "art" / "long.wav"
    with open(wav, "wb") as file:
        file.write(b"RIFF" + (12_000_000).to_bytes(4, "little") + b"WAVEfmt ")
        file.truncate(12_000_000)
    write(content, "demo.yaml", GOOD_SCENE.replace("  - id: second\n", "  - id: second\n    audio: long.wav\n"))

    # When the folder is loaded
    lib = load(content)

    # Then the sound is refused with its limit, and never handed to the player
    assert any("long.wav" in m and "the limit is" in m for m in messages(lib))
    assert lib.art_path("long.wav") is None


def test_a_picture_named_ogg_is_refused_as_a_sound(content: Path) -> None:
    # Given a PNG saved as a .ogg sound
    (content / "art" / "tick.ogg").write_bytes(_saved("PNG"))
    write(content, "demo.yaml", GOOD_SCENE.replace("  - id: second\n", "  - id: second\n    audio: tick.ogg\n"))

    # When the folder is loaded
    lib = load(content)

    # Then it is refused
    assert any("tick.ogg" in m and "not a OGG sound" in m for m in messages(lib))


def test_pillow_warnings_never_reach_checks_output(content: Path, recwarn: pytest.WarningsRecorder) -> None:
    # Given a PNG large enough for Pillow to warn about it (over its 89 million pixel warning level is refused
    # by the kiosk anyway; a damaged text chunk warns too), here simulated by lowering Pillow's level
    path = content / "art" / "big.png"
    Image.new("RGB", (300, 300)).save(path)
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 60_000   # 90,000 pixels is then over the warning level but under the error level
    try:
        # When it is inspected
        inspect_art(path)
    finally:
        Image.MAX_IMAGE_PIXELS = old

    # Then no warning was printed
    assert not [w for w in recwarn if "Image" in str(w.category.__name__) or "PIL" in str(w.filename)]
