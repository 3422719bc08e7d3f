"""Broken art staff might copy in: damaged, truncated, empty, misnamed, hostile.

Each one must give a clear problem in `kiosk check` and, on screen, the gentle placeholder at the size the
art would have had: never a crash, and never a memory spike (a decompression bomb or an XML entity bomb
must be refused by what it declares, before anything is expanded).
"""

from __future__ import annotations

import io
import resource
import struct
import zlib
from pathlib import Path
from typing import Callable, Optional

import pygame
import pytest
from helpers import GOOD_SCENE, load
from PIL import Image

from kiosk.content.artcheck import ArtInfo, inspect_art
from kiosk.draw.assets import AssetCache

SIZE = (160, 80)  # wider than any of the art, so a drawn picture (aspect kept) never has exactly this size
MEMORY_LIMIT_MB = 50


# --- how each broken file is made -----------------------------------------------------------------------------

def _png(w: int = 64, h: int = 48, noisy: bool = False) -> bytes:
    out = io.BytesIO()
    picture = Image.effect_noise((w, h), 60).convert("RGB") if noisy else Image.new("RGB", (w, h), (240, 140, 180))
    picture.save(out, "PNG")
    return out.getvalue()


def _jpeg(w: int = 64, h: int = 48) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((w, h), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _decompression_bomb() -> bytes:
    """A valid PNG header declaring 30000x30000 RGB pixels (2.7 GB decoded), with a tiny IDAT behind it."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + _png_chunk(b"IEND", b""))


def _billion_laughs() -> bytes:
    """Ten entities, each ten of the one before: a billion 'lol's if a parser expanded them."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(entities) + "\n]>\n"
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><desc>&lol9;</desc></svg>\n').encode()


_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40"/></svg>'
_PNG, _NOISY_PNG, _JPEG = _png(), _png(300, 200, noisy=True), _jpeg(300, 200)

BROKEN: dict[str, tuple[str, bytes]] = {
    "corrupt-png": ("corrupt.png", _PNG[:16] + bytes(range(256)) * 2),
    # Big enough that the header (and so the size) still reads: only reading the data finds the cut.
    "truncated-png": ("truncated.png", _NOISY_PNG[: len(_NOISY_PNG) // 2]),
    "corrupt-jpeg": ("corrupt.jpg", _JPEG[:20] + b"\x00" * 600 + _JPEG[-200:]),
    "truncated-jpeg": ("truncated.jpg", _JPEG[: len(_JPEG) // 2]),
    "corrupt-svg": ("corrupt.svg", _SVG[:40] + b"<<>>\x00\xff" + _SVG[40:]),
    "truncated-svg": ("truncated.svg", _SVG[: len(_SVG) // 2]),
    "billion-laughs-svg": ("laughs.svg", _billion_laughs()),
    "empty-png": ("empty.png", b""),
    "empty-jpeg": ("empty.jpg", b""),
    "empty-svg": ("empty.svg", b""),
    "text-named-svg": ("notes.svg", b"Remember to order more cotton pellets.\n"),
    "text-named-png": ("notes.png", b"Remember to order more cotton pellets.\n"),
    "png-named-svg": ("picture.svg", _PNG),
    "decompression-bomb-png": ("bomb.png", _decompression_bomb()),
}
CASES = sorted(BROKEN)


def _write(folder: Path, case: str) -> Path:
    name, data = BROKEN[case]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _checked_lookup(folder: Path) -> Callable[[str], Optional[ArtInfo]]:
    """What the running kiosk does: the art is inspected (by the library) before it is drawn."""
    return lambda rel: inspect_art(folder / rel)


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def _placeholder(size: tuple[int, int]) -> pygame.Surface:
    """The placeholder as the cache draws it for art that does not exist at all."""
    return AssetCache(lambda rel: None).picture("missing.svg", size)


# --- measuring memory ---------------------------------------------------------------------------------------------

def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def peak_growth_mb(action: Callable[[], object]) -> float:
    """How far the process's peak memory (resident set) rose above its size before `action` ran."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset the peak (VmHWM) to the current size
    except OSError:
        # No resettable peak: ru_maxrss is a lifetime high-water mark, so growth below it would be missed;
        # the check is then weaker but still catches a spike above anything seen before.
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        action()
        return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    before = _status_kb("VmRSS")
    action()
    return (_status_kb("VmHWM") - before) / 1024


def test_memory_meter_sees_a_real_spike() -> None:
    # Given an action that briefly holds 120 MB
    def spike() -> None:
        block = bytearray(120 * 1024 * 1024)
        block[:: 4096] = b"\x01" * len(block[:: 4096])  # touch every page, so it is really resident

    # When the meter measures it
    growth = peak_growth_mb(spike)

    # Then it reports more than the limit the bomb tests use (so those tests can fail)
    assert growth > MEMORY_LIMIT_MB


# --- inspecting (kiosk check, the library) ------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_inspect_marks_broken_art_unusable(tmp_path: Path, case: str) -> None:
    # Given a broken art file
    path = _write(tmp_path, case)

    # When it is inspected
    info = inspect_art(path)

    # Then it is not usable, and at least one error says why
    assert not info.usable
    assert any(is_error and message.strip() for _, message, is_error in info.problems)


@pytest.mark.parametrize("case", CASES)
def test_problem_about_broken_art_is_one_plain_line(tmp_path: Path, case: str) -> None:
    # Given a broken art file
    path = _write(tmp_path, case)

    # When it is inspected
    messages = [message for _, message, _ in inspect_art(path).problems]

    # Then every problem is one plain line, without a traceback
    assert messages
    assert all("\n" not in m and "Traceback" not in m for m in messages), messages


def test_decompression_bomb_is_reported_as_too_large_not_damaged(tmp_path: Path) -> None:
    # Given a PNG that declares 30000x30000 pixels
    path = _write(tmp_path, "decompression-bomb-png")

    # When it is inspected
    (_, message, _), = inspect_art(path).problems

    # Then staff are told to resize it (the file is not damaged, it is too big)
    assert "pixels" in message and "resize" in message


@pytest.mark.parametrize("case", ["decompression-bomb-png", "billion-laughs-svg"])
def test_inspecting_a_bomb_costs_no_memory(tmp_path: Path, case: str) -> None:
    # Given a file built to expand enormously when read
    path = _write(tmp_path, case)

    # When it is inspected
    growth = peak_growth_mb(lambda: inspect_art(path))

    # Then the process's peak memory barely moves
    assert growth < MEMORY_LIMIT_MB


def test_jpeg_named_png_is_still_drawn(tmp_path: Path, headless_display: None) -> None:
    # Given a good JPEG saved with a .png name (Pillow reads pictures by their content, not their name)
    (tmp_path / "photo.png").write_bytes(_JPEG)
    cache = AssetCache(_checked_lookup(tmp_path))

    # When it is drawn
    surface = cache.picture("photo.png", SIZE)

    # Then the picture itself is shown, fitted to the space with its shape kept (not the placeholder)
    assert inspect_art(tmp_path / "photo.png").usable
    assert surface.get_size() == (120, 80)  # the 300x200 photo's 3:2 shape, as tall as the space
    assert "photo.png" not in cache.failures


# --- drawing (AssetCache) -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_broken_art_is_drawn_as_the_placeholder_at_the_requested_size(
        tmp_path: Path, headless_display: None, case: str) -> None:
    # Given a broken art file, looked up the way the kiosk does (inspected first)
    path = _write(tmp_path, case)
    cache = AssetCache(_checked_lookup(tmp_path))

    # When it is drawn
    surface = cache.picture(path.name, SIZE)

    # Then the placeholder is shown, exactly where the art would have been
    assert surface.get_size() == SIZE
    assert _pixels(surface) == _pixels(_placeholder(SIZE))


@pytest.mark.parametrize("case", CASES)
def test_broken_art_is_recorded_as_a_failure(tmp_path: Path, headless_display: None, case: str) -> None:
    # Given a broken art file, looked up the way the kiosk does (inspected first)
    path = _write(tmp_path, case)
    cache = AssetCache(_checked_lookup(tmp_path))

    # When it is drawn
    cache.picture(path.name, SIZE)

    # Then the cache remembers that it failed, in words
    assert cache.failures.get(path.name, "").strip()


@pytest.mark.parametrize("case", ["decompression-bomb-png", "truncated-png", "truncated-jpeg", "corrupt-jpeg"])
def test_broken_raster_that_skipped_the_check_is_still_the_placeholder(
        tmp_path: Path, headless_display: None, case: str) -> None:
    # Given broken raster art the lookup wrongly calls usable (say, the file was replaced after the check)
    path = _write(tmp_path, case)
    cache = AssetCache(lambda rel: ArtInfo(tmp_path / rel))

    # When it is drawn
    surface = cache.picture(path.name, SIZE)

    # Then decoding fails safely: the placeholder at the requested size, and the failure recorded
    assert surface.get_size() == SIZE
    assert cache.failures.get(path.name)


def test_drawing_an_unchecked_decompression_bomb_costs_no_memory(tmp_path: Path, headless_display: None) -> None:
    # Given a decompression bomb the lookup wrongly calls usable, so only the drawing code stands in the way
    path = _write(tmp_path, "decompression-bomb-png")
    cache = AssetCache(lambda rel: ArtInfo(tmp_path / rel))

    # When it is drawn
    growth = peak_growth_mb(lambda: cache.picture(path.name, SIZE))

    # Then the process's peak memory barely moves
    assert growth < MEMORY_LIMIT_MB


# --- loading a scene that uses it (the library) -----------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_scene_using_broken_art_gets_one_clean_line_naming_the_file(content: Path, case: str) -> None:
    # Given a scene whose tile is a broken art file
    art = _write(content / "art" / "broken", case)
    rel = f"broken/{art.name}"
    (content / "scenes" / "demo.yaml").write_text(
        GOOD_SCENE.replace("tile: {art: shapes/circle.svg", f"tile: {{art: {rel}", 1), encoding="utf-8")

    # When the folder is loaded
    library = load(content)

    # Then an error names that file, on one line, without a traceback
    naming = [str(p) for p in library.errors if rel in str(p)]
    assert naming, [str(p) for p in library.problems]
    assert all("\n" not in line and "Traceback" not in line for line in naming), naming
