"""The console's commands: `kiosk set-console-password` turns it on, `kiosk console` stays off without a
password, and `kiosk handout` writes a PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from console_support import make_content
from kiosk.appliance.pin import verify_pin
from kiosk.cli import main


def test_set_console_password_stores_only_a_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_content(tmp_path / "site", password=None)
    # When staff set a password
    monkeypatch.setattr("sys.stdin", io.StringIO("a-good-password\n"))
    code = main(["--config", str(folder / "kiosk.yaml"), "set-console-password", "--password-stdin"])
    # Then kiosk.yaml holds its hash (which verifies) and not the password, and every comment is still there
    text = (folder / "kiosk.yaml").read_text()
    assert code == 0
    assert "a-good-password" not in text
    assert verify_pin("a-good-password", yaml.safe_load(text)["console"]["password_hash"])
    assert "# The kiosk's settings." in text


def test_a_short_password_is_refused_and_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_content(tmp_path / "site", password=None)
    before = (folder / "kiosk.yaml").read_bytes()
    # When the password is too short
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code = main(["--config", str(folder / "kiosk.yaml"), "set-console-password", "--password-stdin"])
    # Then it says why and kiosk.yaml is untouched
    assert code == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert (folder / "kiosk.yaml").read_bytes() == before


def test_the_console_is_off_until_a_password_is_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_content(tmp_path / "site", password=None)
    # When the console is started once with no password
    code = main(["--config", str(folder / "kiosk.yaml"), "console", "--once", "--state", str(tmp_path / "state")])
    # Then it does not serve, and says how to turn it on
    assert code == 1
    assert "kiosk set-console-password" in capsys.readouterr().err


def test_kiosk_handout_writes_a_pdf(tmp_path: Path) -> None:
    folder = make_content(tmp_path / "site", password=None)
    out = tmp_path / "sugar-bugs-es.pdf"
    # When a handout is asked for
    code = main(["--config", str(folder / "kiosk.yaml"), "handout", "--scene", "sugar-bugs", "--lang", "es",
                 "-o", str(out)])
    # Then a PDF is written
    assert code == 0
    assert out.read_bytes()[:5] == b"%PDF-"


def test_kiosk_handout_names_the_scenes_when_one_is_unknown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_content(tmp_path / "site", password=None)
    # When the scene id has a typo
    code = main(["--config", str(folder / "kiosk.yaml"), "handout", "--scene", "sugar-bug", "-o",
                 str(tmp_path / "x.pdf")])
    # Then it suggests the right one and writes nothing
    assert code == 2
    assert "did you mean 'sugar-bugs'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
