"""The content watcher: one report per settled change, whichever way the content was replaced.

Time is a plain number passed to `poll(now)`; nothing here sleeps or reads the clock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk.appliance.watcher import ContentWatcher, is_temporary, snapshot  # noqa: E402
from kiosk.content.library import load_library  # noqa: E402

DOT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
           '<circle cx="5" cy="5" r="4" fill="#f00"/></svg>\n')


def scene_yaml(scene_id: str, words: str = "Hello") -> str:
    return (f"id: {scene_id}\n"
            f"title: {{en: \"{scene_id}\", es: \"{scene_id}\"}}\n"
            "tile: {art: dot.svg}\n"
            "steps:\n"
            "  - id: first\n"
            f"    text: {{kids: {{en: \"{words}\", es: \"{words}\"}}}}\n"
            "    layers:\n"
            "      - {art: dot.svg}\n")


def make_content(folder: Path, scene_ids: list[str], mtime: int = 1_700_000_000) -> Path:
    """A content folder: scenes/<id>.yaml for each id and art/dot.svg, all with one fixed mtime."""
    (folder / "scenes").mkdir(parents=True)
    (folder / "art").mkdir()
    (folder / "art" / "dot.svg").write_text(DOT_SVG)
    for sid in scene_ids:
        (folder / "scenes" / f"{sid}.yaml").write_text(scene_yaml(sid))
    for f in folder.rglob("*"):
        os.utime(f, (mtime, mtime))
    return folder


def edit(path: Path, text: str, mtime: int) -> None:
    path.write_text(text)
    os.utime(path, (mtime, mtime))


def polls(watcher: ContentWatcher, start: float, count: int, step: float = 0.5) -> list[bool]:
    return [watcher.poll(start + i * step) for i in range(count)]


def library_of(content: Path):  # type: ignore[no-untyped-def]
    return load_library(content / "scenes", content / "art", ("en", "es"), "en", shown_base=content.parent)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_content(tmp_path / "content", ["alpha", "beta"])


def test_nothing_changes_so_nothing_is_reported(content: Path) -> None:
    # Given a watcher on an untouched folder
    watcher = ContentWatcher([content], interval=0.5)
    # When it polls for a minute of fake time
    seen = polls(watcher, 0.0, 120)
    # Then it never reports a change
    assert not any(seen)


def test_an_edit_is_reported_once_after_it_settles(content: Path) -> None:
    # Given a watcher that has scanned the folder
    watcher = ContentWatcher([content], interval=0.5)
    assert watcher.poll(0.0) is False
    # When a scene file is edited
    edit(content / "scenes" / "alpha.yaml", scene_yaml("alpha", "Hi there"), 1_700_000_100)
    # Then the first scan that sees it waits, the next one (same snapshot) reports it, and later ones are quiet
    assert polls(watcher, 0.5, 6) == [False, True, False, False, False, False]


def test_polls_inside_the_interval_do_not_scan(content: Path) -> None:
    # Given a watcher with a one-second interval that has just scanned
    watcher = ContentWatcher([content], interval=1.0)
    watcher.poll(10.0)
    scans = watcher.scans
    # When the main loop polls every frame for the rest of that second
    for frame in range(1, 60):
        watcher.poll(10.0 + frame / 60)
    # Then no further scan happened
    assert watcher.scans == scans


def test_files_still_changing_are_not_reported_until_they_stop(content: Path) -> None:
    # Given a watcher on the folder
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(0.0)
    # When a copy keeps writing files between every scan (a slow sync in progress)
    during = []
    for i in range(8):
        edit(content / "scenes" / f"new-{i}.yaml", scene_yaml(f"new-{i}"), 1_700_000_200 + i)
        during.append(watcher.poll(0.5 + i * 0.5))
    # Then nothing is reported while it writes, and exactly one change once it has stopped
    after = polls(watcher, 4.5, 4)
    assert not any(during)
    assert after.count(True) == 1


def test_a_change_undone_before_it_settles_is_not_reported(content: Path) -> None:
    # Given a watcher on the folder
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(0.0)
    # When a file appears for one scan and is gone by the next
    extra = content / "scenes" / "oops.yaml"
    extra.write_text(scene_yaml("oops"))
    first = watcher.poll(0.5)
    extra.unlink()
    # Then no change is ever reported
    assert [first] + polls(watcher, 1.0, 4) == [False] * 5


def test_a_symlink_flip_is_one_change_to_the_new_content(tmp_path: Path) -> None:
    # Given `content` is a link to content-v1, watched through the link
    make_content(tmp_path / "content-v1", ["alpha", "beta"])
    make_content(tmp_path / "content-v2", ["gamma"])
    link = tmp_path / "content"
    link.symlink_to("content-v1")
    watcher = ContentWatcher([link / "scenes", link / "art"], interval=0.5)
    watcher.poll(0.0)
    # When a new link to content-v2 replaces it in one atomic rename (as a deploy script does)
    (tmp_path / "content.new").symlink_to("content-v2")
    os.replace(tmp_path / "content.new", link)
    # Then exactly one change is reported, and loading through the link gives only the new scenes
    assert polls(watcher, 0.5, 6).count(True) == 1
    assert list(library_of(link).scenes) == ["gamma"]


def test_a_rename_swap_is_one_change_even_when_a_scan_sees_the_gap(tmp_path: Path) -> None:
    # Given a watched content folder and a new one prepared beside it
    content = make_content(tmp_path / "content", ["alpha", "beta"])
    make_content(tmp_path / "content-new", ["gamma", "delta"], mtime=1_700_000_500)
    watcher = ContentWatcher([content / "scenes", content / "art"], interval=0.5)
    watcher.poll(0.0)
    # When the old folder is moved away, a scan happens in the gap, and then the new one is moved in
    (tmp_path / "content").rename(tmp_path / "content-old")
    in_gap = watcher.poll(0.5)
    (tmp_path / "content-new").rename(tmp_path / "content")
    # Then exactly one change is reported after the swap, and the library holds only the new scenes
    assert [in_gap] + polls(watcher, 1.0, 6) == [False, False, True, False, False, False, False]
    assert sorted(library_of(content).scenes) == ["delta", "gamma"]


def test_an_rsync_copy_is_picked_up_whole(tmp_path: Path) -> None:
    # Given a watched content folder and a newer copy elsewhere (as on the clinic's server)
    rsync = shutil.which("rsync")
    if rsync is None:
        pytest.skip("rsync is not installed (apt-get install rsync); the rsync path cannot be tested here")
    content = make_content(tmp_path / "content", ["alpha"])
    source = make_content(tmp_path / "server", ["alpha", "beta", "gamma"], mtime=1_700_000_900)
    edit(source / "scenes" / "alpha.yaml", scene_yaml("alpha", "Updated words"), 1_700_000_901)
    watcher = ContentWatcher([content / "scenes", content / "art"], interval=0.5)
    watcher.poll(0.0)
    # When rsync copies the new version in (delay-updates: files land together at the end)
    subprocess.run([rsync, "-a", "--delete", "--delay-updates", f"{source}/", f"{content}/"], check=True)
    # Then one change is reported and the library has every new scene with the new words
    assert polls(watcher, 0.5, 5).count(True) == 1
    lib = library_of(content)
    assert sorted(lib.scenes) == ["alpha", "beta", "gamma"]
    assert lib.scenes["alpha"].steps[0].text.kids["en"] == "Updated words"


def test_temporary_files_of_sync_tools_and_editors_are_ignored(content: Path) -> None:
    # Given a watcher on the folder
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(0.0)
    # When rsync, Syncthing and editors leave their temporary files
    for name in (".alpha.yaml.Xy12Ab", ".syncthing.beta.yaml.tmp", "~syncthing~beta.yaml.tmp", "alpha.yaml~",
                 ".alpha.yaml.swp", "4913"):
        (content / "scenes" / name).write_text("half a file")
    (content / ".~tmp~").mkdir()
    (content / ".~tmp~" / "alpha.yaml").write_text("rsync --delay-updates staging")
    # Then no change is reported
    assert not any(polls(watcher, 0.5, 6))


def test_links_that_lead_outside_the_folder_are_not_followed(tmp_path: Path) -> None:
    # Given a content folder holding a link to a file outside it
    content = make_content(tmp_path / "content", ["alpha"])
    outside = tmp_path / "elsewhere.svg"
    outside.write_text(DOT_SVG)
    (content / "art" / "sneaky.svg").symlink_to(outside)
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(0.0)
    # When the outside file changes
    edit(outside, DOT_SVG + "<!-- changed -->\n", 1_700_000_300)
    # Then the watcher does not report it
    assert not any(polls(watcher, 0.5, 4))


def test_a_link_to_a_file_inside_the_folder_is_watched(content: Path) -> None:
    # Given a link inside the folder to another file inside it
    (content / "art" / "same-dot.svg").symlink_to("dot.svg")
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(0.0)
    # When the linked file changes
    edit(content / "art" / "dot.svg", DOT_SVG + "<!-- changed -->\n", 1_700_000_300)
    # Then that is one change
    assert polls(watcher, 0.5, 4).count(True) == 1


def test_a_single_settings_file_can_be_watched(tmp_path: Path) -> None:
    # Given a watcher on kiosk.yaml alone
    config = tmp_path / "kiosk.yaml"
    config.write_text("idle_seconds: 90\n")
    watcher = ContentWatcher([config], interval=0.5)
    watcher.poll(0.0)
    # When it is saved with a new value
    edit(config, "idle_seconds: 120\n", 1_700_000_400)
    # Then one change is reported
    assert polls(watcher, 0.5, 4).count(True) == 1


def test_a_clock_that_jumps_back_still_scans(content: Path) -> None:
    # Given a watcher that last scanned at t=100
    watcher = ContentWatcher([content], interval=0.5)
    watcher.poll(100.0)
    edit(content / "scenes" / "beta.yaml", scene_yaml("beta", "Changed"), 1_700_000_600)
    # When the caller's clock restarts from zero
    seen = polls(watcher, 0.0, 3)
    # Then scanning goes on and the change is still reported once
    assert seen.count(True) == 1


def test_the_snapshot_names_the_real_folder_behind_a_link(tmp_path: Path) -> None:
    # Given two identical folders and a link to the first
    make_content(tmp_path / "a", ["alpha"])
    make_content(tmp_path / "b", ["alpha"])
    link = tmp_path / "content"
    link.symlink_to("a")
    before = snapshot([link])
    # When the link is flipped to the identical copy
    link.unlink()
    link.symlink_to("b")
    # Then the snapshot differs (a flip is a change even when the files look the same)
    assert snapshot([link]) != before


@pytest.mark.parametrize("name, temporary", [
    ("alpha.yaml", False), ("dot.svg", False), (".alpha.yaml.AbC123", True), (".syncthing.x.yaml.tmp", True),
    ("x.yaml~", True), (".x.yaml.swp", True), ("#x.yaml#", True), ("x.yaml.part", True)])
def test_temporary_names(name: str, temporary: bool) -> None:
    # Given a file name / When it is classified / Then sync and editor temp files are recognised
    assert is_temporary(name) is temporary


# --- the pull scripts of docs/several-kiosks.md, run on one machine -------------------------------------------------
ROOT = Path(__file__).resolve().parents[1]
SYNC = ROOT / "deploy" / "content-sync"


def run_script(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KIOSK=f"{sys.executable} {ROOT / 'main.py'}")
    return subprocess.run(["sh", str(SYNC / script), *args], capture_output=True, text=True, env=env)


def needs(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed; this way of syncing cannot be tested here")
    return found


def test_the_rsync_pull_script_flips_to_the_whole_new_release(tmp_path: Path) -> None:
    # Given the office's content folder, one pull already done, and a watcher on the kiosk's current link
    needs("rsync")
    office = make_content(tmp_path / "office", ["alpha"])
    base = tmp_path / "kiosk-content"
    assert run_script("pull-rsync.sh", str(office), str(base)).returncode == 0
    watcher = ContentWatcher([base / "current" / "scenes", base / "current" / "art"], interval=0.5)
    watcher.poll(0.0)
    # When the office adds two scenes and the timer runs the script again
    (office / "scenes" / "beta.yaml").write_text(scene_yaml("beta"))
    (office / "scenes" / "gamma.yaml").write_text(scene_yaml("gamma"))
    result = run_script("pull-rsync.sh", str(office), str(base))
    # Then the kiosk sees one change, to a release holding all three scenes
    assert result.returncode == 0, result.stderr
    assert polls(watcher, 0.5, 5).count(True) == 1
    assert sorted(library_of(base / "current").scenes) == ["alpha", "beta", "gamma"]


def test_the_rsync_pull_script_does_nothing_when_nothing_changed(tmp_path: Path) -> None:
    # Given a kiosk that has pulled the office's content
    needs("rsync")
    office = make_content(tmp_path / "office", ["alpha"])
    base = tmp_path / "kiosk-content"
    run_script("pull-rsync.sh", str(office), str(base))
    before = os.readlink(base / "current")
    # When the timer runs again with no change at the office
    result = run_script("pull-rsync.sh", str(office), str(base))
    # Then the current release stays the same (no needless reload)
    assert result.returncode == 0 and os.readlink(base / "current") == before


def test_content_with_errors_is_never_flipped_in(tmp_path: Path) -> None:
    # Given a kiosk showing good content
    needs("rsync")
    office = make_content(tmp_path / "office", ["alpha"])
    base = tmp_path / "kiosk-content"
    run_script("pull-rsync.sh", str(office), str(base))
    before = os.readlink(base / "current")
    # When the office saves a broken scene and the script runs
    (office / "scenes" / "broken.yaml").write_text("id: [\n")
    result = run_script("pull-rsync.sh", str(office), str(base))
    # Then the script fails with kiosk check's message and the kiosk keeps the good content
    assert result.returncode == 1
    assert "broken.yaml:" in result.stdout + result.stderr
    assert os.readlink(base / "current") == before


def test_the_git_pull_script_flips_to_each_new_commit(tmp_path: Path) -> None:
    # Given a content repository with one commit, pulled once, and a watcher on the current link
    git = needs("git")
    repo = make_content(tmp_path / "repo", ["alpha"])
    ident = ["-c", "user.name=Clinic", "-c", "user.email=office@example.org"]
    subprocess.run([git, "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([git, "-C", str(repo), "add", "."], check=True)
    subprocess.run([git, "-C", str(repo), *ident, "commit", "-qm", "first"], check=True)
    base = tmp_path / "kiosk-content"
    assert run_script("pull-git.sh", str(repo), str(base), "main").returncode == 0
    watcher = ContentWatcher([base / "current" / "scenes", base / "current" / "art"], interval=0.5)
    watcher.poll(0.0)
    # When a scene is renamed in a new commit and the timer runs the script
    subprocess.run([git, "-C", str(repo), "mv", "scenes/alpha.yaml", "scenes/beta.yaml"], check=True)
    (repo / "scenes" / "beta.yaml").write_text(scene_yaml("beta"))
    subprocess.run([git, "-C", str(repo), *ident, "commit", "-qam", "second"], check=True)
    result = run_script("pull-git.sh", str(repo), str(base), "main")
    # Then the kiosk sees one change, to exactly the new commit's content (no .git folder in it)
    assert result.returncode == 0, result.stderr
    assert polls(watcher, 0.5, 5).count(True) == 1
    assert list(library_of(base / "current").scenes) == ["beta"]
    assert not (base / "current" / ".git").exists()


# --- the light scans between full ones (the running kiosk's watcher) --------------------------------------------
def _random_edit(rng, root: Path, step: int) -> None:  # type: ignore[no-untyped-def]
    """One change of a kind sync tools, editors and the console make, at a new file time."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    kind = rng.choice(["in place", "in place", "create", "delete", "rename", "replace", "folder", "settings"])
    mtime = 1_700_000_000 + step * 7
    if kind == "in place" and files:
        edit(rng.choice(files), f"edited {step}\n", mtime)
    elif kind == "create":
        edit(root / "scenes" / f"new-{step}.yaml", scene_yaml(f"new-{step}"), mtime)
    elif kind == "delete" and len(files) > 2:
        rng.choice(files).unlink()
    elif kind == "rename" and files:
        victim = rng.choice(files)
        victim.rename(victim.with_name(f"moved-{step}{victim.suffix}"))
    elif kind == "replace" and files:   # write a temporary file, then rename it over the old one (atomic write)
        target = rng.choice(files)
        temp = target.with_name(f".{target.name}.tmp")
        edit(temp, f"replaced {step}\n", mtime)
        temp.replace(target)
    elif kind == "folder":
        folder = root / "art" / f"set-{step}"
        folder.mkdir()
        edit(folder / "a.svg", DOT_SVG, mtime)
    else:
        edit(root / "kiosk.yaml", f"idle_seconds: {60 + step}\n", mtime)


@pytest.mark.parametrize("seed", range(6))
def test_light_scans_report_the_same_changes_as_full_scans(tmp_path: Path, seed: int) -> None:
    import random
    rng = random.Random(seed)
    # Given a content folder watched by the kiosk's watcher (light scans, a full one every 4th) and by a plain one
    root = make_content(tmp_path / "content", ["a", "b", "c"])
    (root / "kiosk.yaml").write_text("idle_seconds: 90\n")
    paths = [root / "scenes", root / "art", root / "kiosk.yaml"]
    light, plain = ContentWatcher(paths, full_every=4), ContentWatcher(paths)
    now, reports = 0.0, {"light": 0, "plain": 0}
    for burst in range(25):
        # When a burst of one to three changes lands between two scans, then the folder rests for 4 s
        for step in range(rng.randint(1, 3)):
            _random_edit(rng, root, burst * 10 + step)
        for _ in range(8):
            now += 0.5
            reports["light"] += light.poll(now)
            reports["plain"] += plain.poll(now)

        # Then both have reported it, and they agree on what the folder now holds
        assert light.current == plain.current == snapshot(paths), f"seed {seed}, burst {burst}"
        assert reports["light"] == reports["plain"], (seed, burst, reports)
    # ...and the light watcher read every file far less often
    assert light.full_scans < plain.full_scans * 0.6, (light.full_scans, plain.full_scans)


def test_an_edit_in_place_is_seen_within_four_scans_and_reported_one_later(content: Path) -> None:
    # Given the kiosk's watcher on a folder at rest
    watcher = ContentWatcher([content], interval=0.5, full_every=4)
    assert polls(watcher, 0.0, 6) == [False] * 6

    # When a file is rewritten in place (the folder's own time does not change)
    edit(content / "scenes" / "a.yaml", scene_yaml("a", "Changed"), 1_700_000_500)

    # Then it is reported once within five scans (2.5 s), and not again
    seen = polls(watcher, 3.0, 10)
    assert seen.count(True) == 1 and seen.index(True) <= 4, seen


def test_a_file_created_or_renamed_in_is_seen_at_the_next_scan_as_with_full_scans(content: Path) -> None:
    # Given the kiosk's watcher on a folder at rest
    watcher = ContentWatcher([content], interval=0.5, full_every=4)
    assert polls(watcher, 0.0, 4) == [False] * 4   # the fourth was a full scan: the next three are light

    # When a scene is written the way the console and rsync write (a temporary file renamed into place)
    temp = content / "scenes" / ".gamma.yaml.tmp"
    edit(temp, scene_yaml("gamma"), 1_700_000_500)
    temp.replace(content / "scenes" / "gamma.yaml")

    # Then it is reported at the second scan after it, as a watcher reading every file each time would
    assert polls(watcher, 2.0, 4) == [False, True, False, False]
