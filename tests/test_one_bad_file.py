"""Issue 12, items 3, 4, 6 and 12: one bad file never takes the menu down, and what `check` accepts can be drawn.

A viewBox of `inf`, a NUL in a title or in a language code used to pass `check` and then fail the attract and
home screens alike (they bounced between each other ten times a second). Now the validators refuse them at
file:line, and if a scene still fails while drawn, only that scene is set aside.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.artcheck import inspect_art
from kiosk.content.config import load_config

from helpers import GOOD_SCENE, load, messages, write
from kiosk_driver import Kiosk


@pytest.mark.parametrize("box", ["0 0 inf 100", "0 0 1e-320 1", "0 0 1e308 1e-308", "0 0 1e308 1", "0 0 1000 1"])
def test_an_svg_with_an_impossible_viewbox_is_refused(tmp_path: Path, box: str) -> None:
    # Given an SVG whose viewBox is infinite, vanishing or absurdly long
    path = tmp_path / "bg.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}"><rect width="1" height="1"/></svg>')

    # When it is inspected
    info = inspect_art(path)

    # Then it is an error that says what to do
    assert not info.usable
    assert "viewBox" in info.problems[0][1] or "times as wide" in info.problems[0][1]


def test_an_svg_with_too_many_outline_points_is_refused(tmp_path: Path) -> None:
    # Given an SVG path of 40,000 points (it took 19 s per size to draw)
    path = tmp_path / "busy.svg"
    points = " ".join(f"L{i % 97} {i % 89}" for i in range(40_000))
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path d="M0 0 {points}"/></svg>')

    # When it is inspected
    info = inspect_art(path)

    # Then it is refused before anything draws it
    assert not info.usable and "too detailed" in info.problems[0][1]


@pytest.mark.parametrize("bad", ["\\0", "\\e[31m", "\\x07"])
def test_a_control_character_in_a_title_is_an_error_at_its_line(content: Path, bad: str) -> None:
    # Given a scene whose title has a NUL, a terminal escape or a bell in it
    write(content, "demo.yaml", GOOD_SCENE.replace('title: {en: "Demo"', f'title: {{en: "De{bad}mo"'))

    # When the folder is loaded
    lib = load(content)

    # Then the scene is refused at the title's line, and no control character reaches the message
    assert "demo" not in lib.scenes
    found = [m for m in messages(lib) if "control character" in m]
    assert found and found[0].startswith("scenes/demo.yaml:2:")
    assert all(ch.isprintable() for ch in found[0])


def test_a_title_of_thousands_of_characters_is_refused(content: Path) -> None:
    # Given a title of 8,400 characters (its picture was too wide for pygame's scaling: the kiosk aborted)
    write(content, "demo.yaml", GOOD_SCENE.replace('title: {en: "Demo"', f'title: {{en: "{"Tooth " * 1400}"'))

    # When the folder is loaded
    lib = load(content)

    # Then the title is refused with its limit
    assert "demo" not in lib.scenes
    assert any("keep it under" in m and ":2:" in m for m in messages(lib))


def test_keyframes_far_off_the_stage_are_refused(content: Path) -> None:
    # Given an animation whose keyframes are near 1e300 (tracebacks when drawn)
    write(content, "demo.yaml", GOOD_SCENE.replace("animate: {x: [-0.5, 0]", "animate: {x: [-1e300, 1e300]"))

    # When the folder is loaded
    lib = load(content)

    # Then it is an error at its line
    assert "demo" not in lib.scenes
    assert any("out of range" in m for m in messages(lib))


def test_too_many_layers_in_a_step_are_refused(content: Path) -> None:
    # Given a step with 2000 moving layers (400 ms frames)
    layer = "      - {art: shapes/circle.svg, animate: {x: [0, 0.1], repeat: loop}}\n"
    scene = GOOD_SCENE.replace("    layers:\n      - {art: shapes/wide.svg, at: [0.5, 0.5], height: 0.3}\n",
                               "    layers:\n" + layer * 2000)
    write(content, "demo.yaml", scene)

    # When the folder is loaded
    lib = load(content)

    # Then it is refused with the limit
    assert "demo" not in lib.scenes
    assert any("too many entries" in m for m in messages(lib))


def test_a_nul_in_a_language_code_in_kiosk_yaml_is_reported_and_the_default_kept(tmp_path: Path) -> None:
    # Given kiosk.yaml whose languages list has a NUL in a code
    path = tmp_path / "kiosk.yaml"
    path.write_text('languages: [en, "e\\0s"]\n', encoding="utf-8")

    # When it is loaded
    config, problems = load_config(path)

    # Then the languages fall back to the default and the line is named
    assert config.languages == ("en", "es")
    assert problems and problems[0].line == 1


def test_a_scene_that_fails_on_its_tile_is_set_aside_and_the_menu_stays(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a running kiosk where drawing the 'alpha' scene's tile picture fails (a fault injected: validation
    # refuses every known cause)
    kiosk = Kiosk(tmp_path)
    assets = kiosk.app.ctx.assets
    real = assets.picture
    alpha_art = kiosk.app.ctx.library.scenes["alpha"].tile.art

    def failing(art: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
        if art == alpha_art:
            raise ValueError("text contains null character")
        return real(art, size)
    monkeypatch.setattr(assets, "picture", failing)

    # When the menu is opened and drawn for a while
    kiosk.to_home()
    kiosk.frames(30)

    # Then the menu is still up, with the other scene's tile, and only 'alpha' is set aside
    assert kiosk.screen == "home"
    assert kiosk.has_button("tile-beta") and not kiosk.has_button("tile-alpha")
    assert kiosk.app.ctx.broken == {"alpha"}


def test_a_scene_that_fails_in_the_attract_loop_is_set_aside_and_the_loop_goes_on(tmp_path: Path) -> None:
    # Given a running kiosk on its attract loop whose first scene cannot be drawn
    kiosk = Kiosk(tmp_path)
    assert kiosk.screen == "attract"
    library = kiosk.app.ctx.library
    first = kiosk.app.ctx.playable()[0]
    scene = library.scenes[first]
    library.scenes[first] = scene.model_copy(update={"steps": ()})   # no step to show: drawing it raises
    kiosk.app.nav.screen.library_changed()

    # When the loop runs through more than one slide
    kiosk.wait(20)

    # Then the attract loop is still up and only that scene is set aside
    assert kiosk.screen == "attract"
    assert kiosk.app.ctx.broken == {first}


def test_a_layer_grown_past_two_stages_is_refused(content: Path) -> None:
    # Given a layer 4 stage heights tall at scale 10 (1.9 GB of pictures with nobody touching)
    write(content, "demo.yaml", GOOD_SCENE.replace("{art: shapes/wide.svg, at: [0.5, 0.5], height: 0.3}",
                                                   "{art: shapes/wide.svg, height: 4, scale: 10}"))

    # When the folder is loaded
    lib = load(content)

    # Then check refuses it with the limit
    assert "demo" not in lib.scenes
    assert any("stage sizes" in m for m in messages(lib))


def test_a_scaling_keyframe_counts_towards_a_layers_size(content: Path) -> None:
    # Given a layer that animates its scale up to 8 at height 0.5
    write(content, "demo.yaml", GOOD_SCENE.replace("{art: shapes/wide.svg, at: [0.5, 0.5], height: 0.3}",
                                                   "{art: shapes/wide.svg, height: 0.5, animate: {scale: [1, 8]}}"))

    # When the folder is loaded
    lib = load(content)

    # Then it is refused too
    assert "demo" not in lib.scenes


def test_no_request_makes_a_picture_larger_than_a_4k_screen(content: Path, headless_display: None) -> None:
    # Given the art cache, asked for a picture 40 stages across (as content past validation could ask)
    from kiosk.draw.assets import SCREEN_PIXELS, AssetCache
    cache = AssetCache(lambda rel: inspect_art(content / "art" / rel))

    # When the picture is made
    picture = cache.sprite("shapes/circle.svg", (40_000, 40_000)).full

    # Then it has no more pixels than a 4K screen
    assert picture[0] * picture[1] <= SCREEN_PIXELS
