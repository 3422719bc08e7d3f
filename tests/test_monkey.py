"""`kiosk monkey`: a seeded storm of input against the real app must find nothing wrong; an app with a fault
planted in it must make the monkey fail (so a pass means something)."""

from __future__ import annotations

import json

import pytest

from kiosk.app.loop import App
from kiosk.app.screens.home import HomeScreen
from kiosk.cli import main
from kiosk.tools.monkey import run_monkey


def test_a_short_storm_finds_no_exception_and_no_exit() -> None:
    # Given the shipped scenes in full-screen mode
    # When 2,000 events are thrown at the kiosk with a fixed seed (memory is judged on long runs: in a short one
    # the picture caches are still filling after the warm-up)
    report = run_monkey(events=2000, seed=7, max_growth_mb=500)
    # Then nothing raised, nothing exited, and the kiosk still answers
    assert report.exceptions == 0, report.errors
    assert report.exits == 0, report.exit_details
    assert report.events >= 2000
    assert report.responsive_at_end and report.content_restored
    assert report.passed, report.failures


def test_a_screen_that_raises_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an app whose home screen fails to draw
    def broken(self, surface, t):  # type: ignore[no-untyped-def]
        raise RuntimeError("planted fault")
    monkeypatch.setattr(HomeScreen, "draw_content", broken)
    # When a short storm runs
    report = run_monkey(events=300, seed=3)
    # Then the monkey reports the exceptions the app logged, and fails
    assert report.exceptions > 0
    assert any("planted fault" in e["error"] for e in report.errors)
    assert not report.passed


def test_an_app_that_quits_on_escape_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an app that behaves as if windowed (Esc, Alt+F4 and QUIT close it)
    monkeypatch.setattr(App, "windowed", property(lambda self: True))
    # When a storm runs
    report = run_monkey(events=600, seed=5)
    # Then the exits are counted and the run fails
    assert report.exits > 0
    assert not report.passed


def test_monkey_command_exits_1_and_prints_json_on_a_fault(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture) -> None:
    # Given a planted fault
    def broken(self, surface, t):  # type: ignore[no-untyped-def]
        raise RuntimeError("planted fault")
    monkeypatch.setattr(HomeScreen, "draw_content", broken)
    # When `kiosk monkey --json` runs
    code = main(["monkey", "--events", "200", "--seed", "1", "--json"])
    result = json.loads(capsys.readouterr().out)
    # Then it exits 1 and its object has the four headline numbers
    assert code == 1
    assert {"events", "exceptions", "exits", "rss_growth_mb"} <= set(result)
    assert result["exceptions"] > 0


def test_the_same_seed_replays_the_same_storm() -> None:
    # Given two runs with one seed
    first = run_monkey(events=300, seed=11)
    second = run_monkey(events=300, seed=11)
    # Then they threw the same actions and ran the same frames
    assert first.actions == second.actions
    assert first.frames == second.frames and first.events == second.events


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_stops_a_long_storm(tmp_path, signal_name: str) -> None:  # type: ignore[no-untyped-def]
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    # Given a storm far too long to finish, under way
    process = subprocess.Popen([sys.executable, str(root / "main.py"), "monkey", "--events", "100000000"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # (wait until the storm has really started, however long a loaded machine takes to get there)
        assert process.stderr is not None
        started = ""
        while "started" not in started and process.poll() is None:
            started = process.stderr.readline()
        # When Ctrl+C (or a service manager's SIGTERM) arrives
        process.send_signal(getattr(signal, signal_name))
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    # Then it stops and says so, instead of ignoring it as the full-screen kiosk ignores a window-close
    assert process.returncode == 130
    assert "stopped (Ctrl+C or SIGTERM)" in err
