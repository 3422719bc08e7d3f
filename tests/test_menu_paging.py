"""The menu's pages: 19 scenes on pages a child turns by a swipe, a tap or a press-and-hold on a big arrow; the
staff's order runs across the pages; the idle reset starts the next family on the first page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from kiosk.draw.palette import parse_color
from kiosk_driver import REPO, Kiosk

SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]


def shipped(folder: Path, size: tuple[int, int] = (1280, 720), config: str = "") -> Kiosk:
    """The kiosk with the shipped scenes (19 of them), on its menu."""
    shutil.copytree(REPO / "scenes", folder / "scenes")
    shutil.copy(REPO / "kiosk.yaml", folder / "kiosk.yaml")
    k = Kiosk(folder, size=size, config=config)
    k.to_home()
    assert k.screen == "home"
    return k


def tile_shows(k: Kiosk, scene_id: str) -> bool:
    """The tile's own colour shows at the top of the place its button says (the band above its picture)."""
    button = k.button(f"tile-{scene_id}")
    unit = k.app.ctx.layout.unit
    colour = parse_color(k.app.ctx.library.scenes[scene_id].tile.color)
    return k.pixel(button.rect.centerx, button.rect.y + unit) == colour


def hold(k: Kiosk, x: float, y: float, seconds: float) -> None:
    """A finger pressed and held still, then lifted (children press and hold)."""
    k.finger(pygame.FINGERDOWN, x, y)
    k.frames(int(seconds * 30))
    k.finger(pygame.FINGERUP, x, y)
    k.frames(2)


def test_a_swipe_to_the_left_shows_the_next_page(tmp_path: Path) -> None:
    # Given the menu on its first page
    k = shipped(tmp_path)
    first, second = k.current.plan.pages[0], k.current.plan.pages[1]
    # When a finger swipes from right to left across the tiles
    w, h = k.app.ctx.size
    k.swipe(w * 0.75, h * 0.5, w * 0.25, h * 0.5)
    k.frames(15)   # the page slides in
    # Then the second page's tiles are on screen, in their colours, and the first page's are gone
    assert k.current.page == 1
    assert all(k.has_button(f"tile-{s}") for s in second)
    assert not any(k.has_button(f"tile-{s}") for s in first)
    assert tile_shows(k, second[0])


def test_a_swipe_to_the_right_goes_back_a_page(tmp_path: Path) -> None:
    # Given the menu on its second page
    k = shipped(tmp_path)
    k.current.show_page(1)
    k.frames(3)
    # When a finger swipes from left to right
    w, h = k.app.ctx.size
    k.swipe(w * 0.25, h * 0.5, w * 0.75, h * 0.5)
    k.frames(15)
    # Then the first page is back
    assert k.current.page == 0
    assert tile_shows(k, k.current.plan.pages[0][0])


def test_a_tap_on_the_next_arrow_turns_the_page(tmp_path: Path) -> None:
    # Given the menu on its first page (no arrow back: there is nowhere to go)
    k = shipped(tmp_path)
    assert not k.has_button("page-prev")
    # When a child taps the big "next" arrow
    k.tap(*k.button("page-next").rect.center)
    k.frames(15)
    # Then the second page shows, with an arrow back
    assert k.current.page == 1
    assert tile_shows(k, k.current.plan.pages[1][0])
    assert k.has_button("page-prev")


def test_a_long_press_on_an_arrow_turns_the_page_as_a_tap_does(tmp_path: Path) -> None:
    # Given the menu on its first page
    k = shipped(tmp_path)
    # When a child presses the "next" arrow and holds it for 1.5 s before lifting
    hold(k, *k.button("page-next").rect.center, seconds=1.5)
    k.frames(15)
    # Then the page turned, once
    assert k.current.page == 1


def test_the_idle_reset_starts_the_next_family_on_the_first_page(tmp_path: Path) -> None:
    # Given a family left the menu on its second page
    k = shipped(tmp_path, config="idle_seconds: 20\nstill_watching_seconds: 10\n")
    k.tap(*k.button("page-next").rect.center)
    k.frames(15)
    assert k.current.page == 1
    # When nobody touches until the idle reset, and the next child taps the attract loop
    k.wait(35)
    assert k.screen == "attract"
    k.to_home()
    # Then the menu shows its first page
    assert k.screen == "home" and k.current.page == 0
    assert tile_shows(k, k.current.plan.pages[0][0])


def test_going_home_from_a_scene_shows_the_page_its_tile_is_on(tmp_path: Path) -> None:
    # Given a scene opened from the second page
    k = shipped(tmp_path)
    scene_id = next(s for s in k.current.plan.pages[1] if not k.app.ctx.library.scenes[s].game)
    k.press_button(f"tile-{scene_id}")
    assert k.screen == "scene"
    # When the family goes back to the menu
    k.press_button("home")
    # Then the menu is still on that page
    assert k.screen == "home" and k.current.page == 1


def test_a_tile_on_the_second_page_opens_its_scene(tmp_path: Path) -> None:
    # Given the menu turned to its second page
    k = shipped(tmp_path)
    k.tap(*k.button("page-next").rect.center)
    k.frames(15)
    scene_id = next(s for s in k.current.plan.pages[1] if not k.app.ctx.library.scenes[s].game)
    # When its tile is tapped
    k.tap(*k.button(f"tile-{scene_id}").rect.center)
    k.frames(12)
    # Then that scene plays
    assert k.screen == "scene" and k.current.scene_id == scene_id


def test_the_staff_order_runs_across_the_pages(tmp_path: Path) -> None:
    # Given staff put the scenes in the reverse of the shipped order
    k = shipped(tmp_path)
    order = list(reversed(k.app.ctx.playable()))
    k.app.ctx.save_playlist(order, [])
    k.watcher.changed = True
    k.frames(3)
    k.current.relayout()
    # When the menu is read page after page
    pages = k.current.plan.pages
    # Then the tiles follow the staff's order, first page first
    assert [s for page in pages for s in page] == order
    assert k.current.page == 0 and tile_shows(k, order[0])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_page_holds_its_titles_whole_and_its_arrows_are_big(tmp_path: Path, size: tuple[int, int]) -> None:
    # Given the shipped menu on a screen of this size, in each shipped language
    k = shipped(tmp_path, size)
    ctx = k.app.ctx
    from kiosk.draw.text import balanced
    least = round(90 * min(size) / 1080)
    for lang in ctx.languages:
        ctx.session.lang = lang
        k.current.relayout()
        home = k.current
        for page in range(home.page_count):
            # When each page is shown
            home.show_page(page)
            k.frames(2)
            tiles = [b for b in home.buttons if "tile" in b.meta]
            font = ctx.fonts.get(home._title_px, bold=True)
            for button in tiles:
                title = home._title(button.meta["tile"])
                box = home._title_box(button.rect)
                lines = balanced(title, font, box.width)
                # Then every title is in whole words, no line left with one short word, inside its label
                assert [w for line in lines for w in line.split()] == title.split(), (lang, title, lines)
                widest = max(font.size(line)[0] for line in lines)
                assert all(font.size(line)[0] >= widest * 0.4 for line in lines), (lang, title, lines)
                assert len(lines) * font.get_linesize() <= box.height + 1, (lang, title, lines, box)
            # and every tile and arrow is a touch target at least 90 px tall at 1080p (scaled with the screen)
            for button in home.buttons:
                if "tile" in button.meta or "page_step" in button.meta:
                    assert button.rect.height >= least, (button.name, button.rect)
                    assert ctx.layout.screen[2] >= button.rect.right and button.rect.bottom <= size[1]
    # and all tiles are one size on every page
    assert len({tuple(b.rect.size) for b in home.buttons if "tile" in b.meta}) == 1


def test_the_clinics_name_shows_on_every_page(tmp_path: Path) -> None:
    # Given the menu at 1920x1080 (the name sits in the top bar, left of its buttons)
    k = shipped(tmp_path, (1920, 1080))
    ctx = k.app.ctx
    from kiosk.draw.text import TextLog
    for page in range(k.current.page_count):
        # When each page is drawn
        k.current.show_page(page)
        log = ctx.fonts.log = TextLog()
        k.current.draw(pygame.Surface(ctx.size), k.app.nav.t)
        ctx.fonts.log = None
        # Then the clinic's name is drawn on it, whole
        names = [p for p in log.placed if p.text == ctx.config.clinic.name]
        assert names and " ".join(names[0].lines) == ctx.config.clinic.name, f"page {page + 1}"
