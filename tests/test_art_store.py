"""Rasterised art kept on disk: found again after a restart, redrawn when the art changes, and never a crash
when the files are damaged, the disk is full or the folder cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from kiosk.draw.art_store import ArtStore
from kiosk.draw.assets import ArtLookup, AssetCache

BALL = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<circle cx="70" cy="40" r="20" fill="{fill}"/></svg>')


@pytest.fixture()
def art(tmp_path: Path, headless_display) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "art"
    folder.mkdir()
    (folder / "ball.svg").write_text(BALL.format(fill="#F48FB1"))
    return folder


def cache(art: Path, store: ArtStore) -> AssetCache:
    """A fresh in-memory cache (as after a restart) over the same disk store."""
    return AssetCache(ArtLookup(lambda rel: None, art), store=store)


def no_svg_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("an SVG was drawn")
    monkeypatch.setattr(pygame.image, "load_sized_svg", refuse)


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")


def test_after_a_restart_art_comes_from_disk_not_from_the_svg(art: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the ball drawn once by a kiosk with a disk store
    store = ArtStore(tmp_path / "art-cache")
    first = cache(art, store).sprite("ball.svg", (300, 300))
    # When a restarted kiosk asks for it, with SVG drawing impossible
    no_svg_drawing(monkeypatch)
    again = cache(art, ArtStore(tmp_path / "art-cache")).sprite("ball.svg", (300, 300))
    # Then it gets the same pixels in the same place
    assert same_pixels(first.surface, again.surface)
    assert (again.left, again.top, again.full) == (first.left, first.top, first.full)


def test_whole_pictures_are_kept_too(art: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ArtStore(tmp_path / "art-cache")
    first = cache(art, store).picture("ball.svg", (200, 200))
    no_svg_drawing(monkeypatch)
    assert same_pixels(cache(art, ArtStore(tmp_path / "art-cache")).picture("ball.svg", (200, 200)), first)


def test_an_edited_art_file_is_drawn_anew(art: Path, tmp_path: Path) -> None:
    # Given the pink ball kept on disk
    store = ArtStore(tmp_path / "art-cache")
    pink = cache(art, store).sprite("ball.svg", (300, 300))
    # When the file is edited to a green ball and a restarted kiosk asks for it
    (art / "ball.svg").write_text(BALL.format(fill="#7ED957"))
    os.utime(art / "ball.svg", ns=(1, 1))
    green = cache(art, ArtStore(tmp_path / "art-cache")).sprite("ball.svg", (300, 300))
    # Then it sees green, not the old pink picture
    w, h = green.surface.get_size()
    assert green.surface.get_at((w // 2, h // 2))[:3] == (126, 217, 87)
    assert not same_pixels(pink.surface, green.surface)


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "longer"])
def test_a_damaged_cache_file_is_a_miss_not_a_crash(art: Path, tmp_path: Path, damage: str) -> None:
    # Given the ball kept on disk, then its file damaged
    store = ArtStore(tmp_path / "art-cache")
    good = cache(art, store).sprite("ball.svg", (300, 300))
    (kept,) = list((tmp_path / "art-cache").glob("*.art"))
    data = kept.read_bytes()
    kept.write_bytes({"truncated": data[: len(data) // 2], "empty": b"", "garbage": os.urandom(len(data)),
                      "longer": data + b"\0" * 16}[damage])
    # When a restarted kiosk asks for it
    again = cache(art, ArtStore(tmp_path / "art-cache")).sprite("ball.svg", (300, 300))
    # Then it is drawn again from the SVG, right, and the damaged file is replaced by a good one
    assert same_pixels(good.surface, again.surface)
    assert kept.read_bytes() == data


def test_an_unwritable_folder_turns_saving_off_quietly(art: Path, tmp_path: Path) -> None:
    # Given a store whose folder is in fact a file (it can never be created)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = ArtStore(blocker / "art-cache")
    # When art is drawn
    sprite = cache(art, store).sprite("ball.svg", (300, 300))
    # Then it is drawn all the same and the store stops trying
    assert sprite.surface.get_width() > 1
    assert store.writable is False


def test_the_folder_stays_within_its_budget_dropping_the_least_recently_used(art: Path, tmp_path: Path) -> None:
    # Given a store with room for about three balls of 300x300
    one = 300 * 300 * 4
    store = ArtStore(tmp_path / "art-cache", max_bytes=one * 3)
    assets = cache(art, store)
    # When five sizes are kept, the first one used again before the others
    for i, side in enumerate((300, 290, 280, 270, 260)):
        assets.picture("ball.svg", (side, side))
        if i == 2:
            os.utime(next(p for p in (tmp_path / "art-cache").glob("*.art")
                          if p.stat().st_size > 290 * 290 * 4), (2**31 - 10, 2**31 - 10))
    # Then the folder is within budget, and the recently used picture is still there
    files = list((tmp_path / "art-cache").glob("*.art"))
    assert sum(p.stat().st_size for p in files) <= one * 3
    assert any(p.stat().st_size > 290 * 290 * 4 for p in files)


def test_broken_art_is_never_kept_on_disk(tmp_path: Path, headless_display) -> None:  # type: ignore[no-untyped-def]
    # Given a PNG that is not a picture at all
    art = tmp_path / "art"
    art.mkdir()
    (art / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    store = ArtStore(tmp_path / "art-cache")
    assets = cache(art, store)
    # When it is asked for
    assets.sprite("bad.png", (100, 100))
    assets.picture("bad.png", (100, 100))
    # Then the placeholder is shown but nothing is stored (fixing the file must show the fix)
    assert "bad.png" in assets.failures
    assert not list((tmp_path / "art-cache").glob("*.art"))


def test_art_that_fails_while_drawing_is_never_kept_on_disk(art: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a good SVG whose drawing fails this time (say, out of memory)
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise pygame.error("out of memory")
    monkeypatch.setattr(pygame.image, "load_sized_svg", fail)
    assets = cache(art, ArtStore(tmp_path / "art-cache"))
    # When it is asked for
    assets.sprite("ball.svg", (100, 100))
    assets.picture("ball.svg", (100, 100))
    # Then the placeholder is shown and not stored in its place
    assert "ball.svg" in assets.failures
    assert not list((tmp_path / "art-cache").glob("*.art"))


def test_the_store_counts_its_folder_right(art: Path, tmp_path: Path) -> None:
    # Given a fresh store that keeps a few pictures
    store = ArtStore(tmp_path / "art-cache")
    assets = cache(art, store)
    for side in (300, 200, 100):
        assets.picture("ball.svg", (side, side))
    # Then the size it counts (which decides when it prunes) is what the folder really holds
    assert store.size_bytes == sum(p.stat().st_size for p in (tmp_path / "art-cache").glob("*.art"))
