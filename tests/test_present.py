"""How frames reach the screen: the GPU where there is one, SDL writing pixels directly where OpenGL would run in
software, and whatever the environment already says."""

from __future__ import annotations

from pathlib import Path

from kiosk.appliance.present import HINT, apply_present_path, choose_present_path, x_server_name


def test_with_a_gpu_the_accelerated_path_is_kept() -> None:
    path = choose_present_path({"DISPLAY": ":0"}, ["/dev/dri/renderD128"])
    assert (path.hint, path.name) == (None, "accelerated")


def test_without_a_gpu_pixels_are_written_directly() -> None:
    path = choose_present_path({"DISPLAY": ":0"}, [])
    assert (path.hint, path.name) == ("0", "direct")
    assert "llvmpipe" in path.reason


def test_on_xvfb_pixels_are_written_directly_even_with_a_gpu() -> None:
    path = choose_present_path({"DISPLAY": ":5"}, ["/dev/dri/renderD128"], x_server="Xvfb")
    assert path.hint == "0" and "Xvfb" in path.reason


def test_software_opengl_asked_for_in_the_environment_is_avoided() -> None:
    path = choose_present_path({"LIBGL_ALWAYS_SOFTWARE": "1"}, ["/dev/dri/renderD128"])
    assert path.hint == "0" and "LIBGL_ALWAYS_SOFTWARE=1" in path.reason


def test_what_the_environment_says_is_followed() -> None:
    path = choose_present_path({HINT: "1"}, [])
    assert (path.hint, path.name) == (None, "as set")


def test_kms_keeps_the_gpu_path() -> None:
    assert choose_present_path({"SDL_VIDEODRIVER": "kmsdrm"}, []).name == "accelerated"


def test_applying_sets_the_hint_for_sdl() -> None:
    env = {"DISPLAY": ":0"}
    apply_present_path(env, finder=lambda: [])
    assert env[HINT] == "0"


def test_the_x_server_is_found_by_its_display_number(tmp_path: Path) -> None:
    # Given a fake /proc with an Xvfb serving :7 and an unrelated program
    (tmp_path / "100").mkdir()
    (tmp_path / "100" / "cmdline").write_bytes(b"/usr/bin/Xvfb\0:7\0-screen\0" + b"0\0")
    (tmp_path / "200").mkdir()
    (tmp_path / "200" / "cmdline").write_bytes(b"bash\0-c\0echo :7\0")
    # Then it is named for :7 and not for :8
    assert x_server_name({"DISPLAY": ":7"}, tmp_path) == "Xvfb"
    assert x_server_name({"DISPLAY": ":8"}, tmp_path) == ""
