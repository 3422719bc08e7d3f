"""The `kiosk` command as staff and reviewers use it: check, render, texts, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import GOOD_SCENE, write
from PIL import Image

from kiosk.cli import main


@pytest.fixture()
def in_content(content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run commands from inside a content folder, as staff do."""
    monkeypatch.chdir(content)
    return content


def test_check_passes_a_good_folder_with_a_summary(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE)
    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "OK: 1 scene, 2 steps, 0 warnings"


def test_check_allows_warnings(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE.replace(', es: "Una pelota rosa."', ""))
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK: 1 scene, 2 steps, 1 warning"


def test_check_fails_and_lists_every_error(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "a.yaml", GOOD_SCENE.replace("ease: linear", "ease: wobbly"))
    write(in_content, "b.yaml", "id: [\n")
    assert main(["check", "scenes"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("scenes/a.yaml:14:52: unknown easing 'wobbly'")
    assert out[1].startswith("scenes/b.yaml:2:1: YAML syntax")
    assert out[-1].startswith("2 errors, 0 warnings")
    assert not any("Traceback" in line for line in out)


def test_check_of_one_file(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "a.yaml", GOOD_SCENE)
    write(in_content, "b.yaml", "id: [\n")
    assert main(["check", "scenes/a.yaml"]) == 0


def test_render_writes_a_png_of_the_asked_size(in_content: Path) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE)
    out = in_content / "step2.png"
    assert main(["render", "--scene", "demo", "--step", "2", "--size", "640x360", "--lang", "es",
                 "--audience", "parents", "-o", str(out)]) == 0
    assert Image.open(out).size == (640, 360)


def test_render_unknown_scene_suggests_one(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE)
    assert main(["render", "--scene", "dmeo", "-o", "x.png"]) == 2
    assert "did you mean 'demo'?" in capsys.readouterr().err


def test_render_all_writes_every_step_and_a_contact_sheet(in_content: Path) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE)
    out = in_content / "out"
    assert main(["render", "--all", "--out", str(out), "--size", "480x270"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == [
        "demo-kids-en.png", "demo/kids-en/01.png", "demo/kids-en/02.png"]


def test_texts_json_lists_every_string(in_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_content, "demo.yaml", GOOD_SCENE)
    assert main(["texts", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert set(entries[0]) == {"scene", "step", "audience", "lang", "text"}
    assert {"scene": "demo", "step": "first", "audience": "kids", "lang": "es", "text": "Una pelota rosa."} in entries
    assert {"scene": "demo", "step": "first", "audience": "both", "lang": "en", "text": "Ball"} in entries


def test_schema_is_json_schema_for_scenes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert {"id", "title", "tile", "steps"} <= set(schema["required"])
    assert "duration" in schema["$defs"]["Animation"]["properties"]


def test_schema_of_the_faq_file_offers_a_topic_per_question(capsys: pytest.CaptureFixture[str]) -> None:
    # Given the schema command asked for faq.yaml
    # When it runs
    assert main(["schema", "--file", "faq"]) == 0
    schema = json.loads(capsys.readouterr().out)
    # Then a question may carry a topic, and only question and answer are required
    question = schema["$defs"]["Question"]
    assert "topic" in question["properties"]
    assert set(question["required"]) == {"question", "answer"}


def test_building_the_commands_leaves_the_display_driver_alone() -> None:
    # Given a fresh process with no display driver chosen (a real kiosk: SDL picks the screen)
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    probe = ("import os; from kiosk.cli import _load_plugins, build_parser; _load_plugins(); build_parser(); "
             "print(os.environ.get('SDL_VIDEODRIVER'))")
    # When every sub-command is loaded and the parser built, as for `kiosk run`
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    # Then nothing has switched SDL to its headless driver behind the kiosk's back
    assert out.stdout.strip().splitlines()[-1] == "None", out.stderr


def test_a_sub_command_that_fails_to_set_up_loses_only_its_own_commands(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given a sub-command module whose arguments cannot be built (its tool failed to import)
    from kiosk import cli

    def broken(sub, add):  # type: ignore[no-untyped-def]
        add("bench")
        raise ImportError("no module named 'numpy'")
    cli._load_plugins()
    monkeypatch.setattr(cli, "EXTRA_PARSERS", [broken])
    monkeypatch.setattr(cli, "COMMANDS", dict(cli.COMMANDS))  # the real table stays whole for other tests
    # When `kiosk check` runs
    code = main(["check", str(Path(__file__).resolve().parent.parent / "scenes")])
    # Then check still works, and the broken command is named as unavailable
    assert code == 0
    assert "bench could not be set up" in capsys.readouterr().err


def test_main_py_without_the_dependencies_says_to_run_the_installer() -> None:
    # Given a Python that sees none of the installed packages (-S: no site-packages), as before ./run.sh
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    # When main.py is run from the checkout
    out = subprocess.run([sys.executable, "-S", "main.py", "check"], cwd=root, capture_output=True, text=True)
    # Then it says what to do, in one short message, without a traceback
    assert out.returncode == 1
    assert "Run ./run.sh" in out.stderr and "Traceback" not in out.stderr
