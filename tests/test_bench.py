"""`kiosk bench`: one JSON object with every measure, each a real (non-negative) number.

Only the shape and sanity of the numbers are checked here, never how fast this machine is.
"""

from __future__ import annotations

import json
import math

import pytest

from kiosk.cli import main
from kiosk.tools.bench import REQUIRED_KEYS, percentile, targets


@pytest.fixture(scope="module")
def quick_bench(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One quick bench run at a small size, shared by the tests below (it takes a few seconds)."""
    capture = pytest.MonkeyPatch()
    import io
    import sys
    out = io.StringIO()
    capture.setattr(sys, "stdout", out)
    try:
        code = main(["bench", "--json", "--seconds", "3", "--size", "640x360"])
    finally:
        capture.undo()
    assert code == 0
    return {"stdout": out.getvalue()}


def test_bench_json_prints_one_object_with_every_measure(quick_bench: dict) -> None:
    # Given a quick bench run with --json
    # When its output is parsed
    result = json.loads(quick_bench["stdout"])
    # Then it is one object holding every required key
    assert isinstance(result, dict)
    assert set(REQUIRED_KEYS) <= set(result)


def test_bench_numbers_are_finite_and_not_negative(quick_bench: dict) -> None:
    # Given the quick bench's object
    result = json.loads(quick_bench["stdout"])
    # Then each required measure is a finite number at or above zero
    for key in REQUIRED_KEYS:
        value = result[key]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), key
        assert math.isfinite(value) and value >= 0, (key, value)


def test_bench_played_scenes_and_drew_frames(quick_bench: dict) -> None:
    # Given the quick bench's object
    result = json.loads(quick_bench["stdout"])
    # Then it really opened a scene, drew animation frames and changed steps (numbers from nothing mean nothing)
    assert result["scenes_played"] >= 1
    assert result["frames_measured"] > 0
    assert result["step_changes"] >= 1
    assert result["frame_ms_max"] >= result["frame_ms_p99"] >= result["frame_ms_p50"] > 0
    assert result["size"] == "640x360"


def test_bench_soak_reports_memory_growth(capsys: pytest.CaptureFixture) -> None:
    # Given a short soak
    # When it runs with --json
    assert main(["bench", "--soak", "400", "--size", "320x180", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Then it ran that many frames and says how memory moved
    assert result["soak_frames"] == 400
    assert "rss_growth_mb" in result and math.isfinite(result["rss_growth_mb"])


def test_percentile_is_nearest_rank() -> None:
    # Given 100 values 1..100
    values = [float(v) for v in range(100, 0, -1)]
    # Then p50 is 50, p99 is 99, p100 the largest, and nothing gives 0
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([], 99) == 0.0


def test_targets_are_looser_for_4k() -> None:
    # Then the frame-time goal is 8 ms at 1080p and 16 ms at 4K
    assert targets((1920, 1080))["frame_ms_p99"] == 8.0
    assert targets((3840, 2160))["frame_ms_p99"] == 16.0


def test_bench_keeps_art_on_disk_and_reuses_it(quick_bench: dict) -> None:
    # Given the quick bench's object
    result = json.loads(quick_bench["stdout"])
    # Then the cold start left rasterised art in the state folder for the warm start and the second tour
    assert result["state_files_after_cold_start"] > 0
    assert result["art_on_disk_mb"] > 0
    assert result["errors"] == 0


def test_bench_fails_when_the_kiosk_logs_an_error(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # Given a renderer that breaks on every scene frame (the kiosk logs it and goes home)
    from kiosk.draw import render

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("drawing failed")
    monkeypatch.setattr(render.Renderer, "draw_step", broken)
    # When the bench runs
    code = main(["bench", "--json", "--seconds", "1", "--size", "320x180"])
    # Then it says the numbers cannot be trusted and exits 1
    result = json.loads(capsys.readouterr().out)
    assert result["errors"] > 0
    assert code == 1
