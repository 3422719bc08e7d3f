"""Issue 12, items 5, 8 and 13: nothing outside the content folders is read, a walk of a wrong folder is
bounded, over-long names are a clear error, and file names never break a terminal or the log.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kiosk.content import folder_walk
from kiosk.content.folder_walk import walk_files
from kiosk.content.library import MAX_SCENE_FILES

from helpers import GOOD_SCENE, load, messages, write


def test_a_scene_file_linking_outside_is_not_read(content: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Given a scene file that is a link to a secret file elsewhere
    secret = tmp_path_factory.mktemp("elsewhere") / "passwd.yaml"
    secret.write_text("root:x:0:0:SECRET-LINE:/root:/bin/bash\n", encoding="utf-8")
    (content / "scenes" / "stolen.yaml").symlink_to(secret)

    # When the folder is loaded
    lib = load(content)

    # Then the link is reported, and nothing of the file reaches any message
    assert any(m.startswith("scenes/stolen.yaml") and "leads outside" in m for m in messages(lib))
    assert not any("SECRET" in m for m in messages(lib))


def test_a_linked_scene_from_elsewhere_never_reaches_the_menu(content: Path,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    # Given a valid scene that lives in another folder, linked into scenes/
    other = tmp_path_factory.mktemp("other") / "demo.yaml"
    other.write_text(GOOD_SCENE, encoding="utf-8")
    (content / "scenes" / "demo.yaml").symlink_to(other)

    # When the folder is loaded
    lib = load(content)

    # Then the scene is not on the menu
    assert "demo" not in lib.scenes


def test_a_link_inside_the_scenes_folder_is_still_read(content: Path) -> None:
    # Given a scene file and a link to it, both inside scenes/
    write(content, "real.yaml", GOOD_SCENE)
    (content / "scenes" / "sub").mkdir()
    (content / "scenes" / "sub" / "alias.yml").symlink_to(content / "scenes" / "real.yaml")

    # When the folder is walked
    walk = walk_files(content / "scenes", (".yaml", ".yml"))

    # Then both are listed and nothing is set aside
    assert len(walk.files) == 2 and walk.outside == []


def test_walking_a_huge_folder_stops_at_its_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a folder with more names than the walk allows (as `content: scenes: /` would be)
    monkeypatch.setattr(folder_walk, "MAX_ENTRIES", 50)
    for i in range(80):
        (tmp_path / f"f{i}.txt").write_text("x")

    # When it is walked
    walk = walk_files(tmp_path, (".yaml",))

    # Then the walk says it stopped
    assert walk.truncated


def test_content_scenes_at_the_root_of_the_disk_is_bounded(tmp_path: Path) -> None:
    # Given scenes: / (the whole disk)
    started = time.monotonic()

    # When it is loaded
    from kiosk.content.library import load_library
    lib = load_library(Path("/"), tmp_path, ("en",), "en", shown_base=tmp_path)

    # Then it finishes, with no traceback, and says the folder looks wrong when it is that big
    assert time.monotonic() - started < 120
    assert all("Traceback" not in m for m in messages(lib))


def test_an_art_name_too_long_for_the_disk_is_a_clear_error(content: Path) -> None:
    # Given a layer whose art name is 300 characters (an uncaught 'file name too long' before)
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/wide.svg", f"art: shapes/{'w' * 300}.svg"))

    # When the folder is loaded
    lib = load(content)

    # Then the line is named and the limit given
    assert any("too long a file name" in m and m.startswith("scenes/demo.yaml:") for m in messages(lib))


def test_more_scene_files_than_the_limit_are_reported(content: Path) -> None:
    # Given one file more than the kiosk reads
    for i in range(MAX_SCENE_FILES + 1):
        (content / "scenes" / f"s{i:04d}.yaml").write_text(f"id: s{i}\n", encoding="utf-8")

    # When the folder is loaded
    lib = load(content)

    # Then the files left out are said, not dropped silently
    assert any(f"the kiosk reads the first {MAX_SCENE_FILES}" in m for m in messages(lib))


def test_file_names_with_bad_bytes_and_escapes_print_safely(content: Path) -> None:
    # Given scene files whose names hold a byte that is not UTF-8, and a terminal escape with a line break
    scenes = os.fsencode(content / "scenes")
    for name in (b"caf\xe9.yaml", b"red\x1b[31m\nline.yaml"):
        with open(os.path.join(scenes, name), "wb") as file:
            file.write(b"id: [broken\n")

    # When the folder is loaded
    lib = load(content)

    # Then every problem is one printable line that can be encoded as strict UTF-8
    found = messages(lib)
    assert len(found) >= 2
    for line in found:
        line.encode("utf-8")
        assert line.isprintable()


def test_a_scenes_folder_that_goes_away_keeps_the_menu(tmp_path: Path) -> None:
    import shutil

    from kiosk_driver import Kiosk
    # Given a running kiosk showing its scenes
    kiosk = Kiosk(tmp_path)
    before = set(kiosk.app.ctx.library.scenes)

    # When the scenes folder is deleted (or its USB stick unmounted) and the kiosk reloads
    shutil.rmtree(tmp_path / "scenes")
    kiosk.app.reload()
    kiosk.to_home()

    # Then the menu keeps every scene, and staff are told why
    assert set(kiosk.app.ctx.library.scenes) == before
    assert kiosk.has_button("tile-alpha")
    assert any("gone or empty" in str(p) for p in kiosk.app.ctx.all_problems())


def test_render_refuses_a_language_code_that_leaves_the_output_folder(tmp_path: Path) -> None:
    import subprocess
    import sys
    repo = Path(__file__).resolve().parent.parent
    # Given an output folder
    out = tmp_path / "out"

    # When render is asked for a language code with ../ in it
    done = subprocess.run([sys.executable, str(repo / "main.py"), "render", "--all", "--out", str(out), "--lang",
                           "../../escaped", "--size", "320x240", "--sheets-only"], cwd=repo, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})

    # Then it refuses, and nothing is written outside
    assert done.returncode == 2 and "not a language code" in done.stderr
    assert not any(p.name == "escaped" or "escaped" in p.name for p in tmp_path.rglob("*"))
