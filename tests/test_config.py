"""kiosk.yaml: mistakes are reported like scene mistakes (file:line:column) and fall back to defaults, while
the rest of the file still applies. `load_config` never raises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk.content.config import KioskConfig, load_config  # noqa: E402

DEFAULTS = KioskConfig()
GOOD_LINES = """clinic:
  name: "Bright Smiles"
  phone: "(555) 123-4567"
idle_seconds: 120
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_rest_applies(config: KioskConfig) -> None:
    assert config.clinic.name == "Bright Smiles"
    assert config.clinic.phone == "(555) 123-4567"
    assert config.idle_seconds == 120


def test_a_missing_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    # Given no kiosk.yaml / When it is loaded
    config, problems = load_config(tmp_path / "kiosk.yaml")
    # Then every setting has its default and nothing is reported
    assert config == DEFAULTS and problems == []


def test_a_correct_file_applies_every_value(tmp_path: Path) -> None:
    # Given a kiosk.yaml with correct values in several sections
    path = write(tmp_path, GOOD_LINES + "display:\n  rotate: 90\n  fullscreen: false\n  size: 1280x800\n"
                                        "languages: [en, es, fr]\nsound: {enabled: true, volume: 0.3}\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then each value is used and nothing is reported
    assert problems == []
    assert_rest_applies(config)
    assert (config.display.rotate, config.display.fullscreen, config.display.size) == (90, False, "1280x800")
    assert config.languages == ("en", "es", "fr") and config.sound.volume == 0.3


def test_an_unknown_key_is_reported_with_its_line_and_a_guess(tmp_path: Path) -> None:
    # Given a misspelt key on line 6
    path = write(tmp_path, GOOD_LINES + "display:\n  rotat: 90\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then it is reported at file:line:column with the likely key, and the rest applies
    assert [str(p) for p in problems] == [
        f"{path}:6:3: unknown key 'rotat' in display (did you mean 'rotate'?); the default is used"]
    assert config.display.rotate == 0
    assert_rest_applies(config)


def test_a_wrong_type_falls_back_to_the_default(tmp_path: Path) -> None:
    # Given a word where a number belongs, on line 5
    path = write(tmp_path, GOOD_LINES + "still_watching_seconds: soon\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then that setting has its default, the problem names line 5, and the rest applies
    assert config.still_watching_seconds == DEFAULTS.still_watching_seconds
    assert [(p.line, p.column) for p in problems] == [(5, 25)]
    assert "should be a number" in problems[0].message
    assert_rest_applies(config)


def test_an_out_of_range_value_falls_back_to_the_default(tmp_path: Path) -> None:
    # Given a volume above the maximum, on line 6
    path = write(tmp_path, GOOD_LINES + "sound:\n  volume: 7\n  enabled: true\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then the volume is the default, the problem says the allowed range, and the sound switch still applies
    assert config.sound.volume == DEFAULTS.sound.volume
    assert config.sound.enabled is True
    assert [(p.line, p.message) for p in problems] == [(6, "volume 7 is out of range; it must be at most 1; "
                                                           "the default is used")]
    assert_rest_applies(config)


def test_a_value_outside_a_fixed_choice_is_reported(tmp_path: Path) -> None:
    # Given a screen rotation that is not a quarter turn
    path = write(tmp_path, GOOD_LINES + "display:\n  rotate: 45\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then the valid choices are listed and the default applies
    assert config.display.rotate == 0
    assert len(problems) == 1 and "0, 90, 180, 270" in problems[0].message


def test_a_yaml_syntax_error_gives_defaults_and_its_line(tmp_path: Path) -> None:
    # Given a quote that is never closed, on line 2
    path = write(tmp_path, 'clinic:\n  name: "Bright Smiles\n  phone: "(555) 123-4567"\nidle_seconds: 120\n')
    # When it is loaded
    config, problems = load_config(path)
    # Then the kiosk still gets a full configuration (defaults) and one problem that says "YAML syntax"
    assert config == DEFAULTS
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].message.startswith("YAML syntax") and problems[0].line >= 2
    assert str(problems[0]).startswith(f"{path}:{problems[0].line}:")


def test_a_file_that_is_a_list_is_reported(tmp_path: Path) -> None:
    # Given a kiosk.yaml that is a list, not key: value lines
    path = write(tmp_path, "- en\n- es\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then the defaults apply and the problem says what the file should look like
    assert config == DEFAULTS
    assert len(problems) == 1 and "key: value" in problems[0].message


def test_several_mistakes_are_each_reported_once(tmp_path: Path) -> None:
    # Given three different mistakes in one file
    path = write(tmp_path, GOOD_LINES + "display:\n  rotate: 45\n  fps: 1000\nsound: loud\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then there is exactly one line per mistake, in file order, and the rest still applies
    assert [p.line for p in sorted(problems, key=lambda p: p.line)] == [6, 7, 8]
    assert len(problems) == 3
    assert_rest_applies(config)


def test_a_default_language_missing_from_languages_is_a_warning_and_is_replaced(tmp_path: Path) -> None:
    # Given a default language that is not among the languages shown
    path = write(tmp_path, GOOD_LINES + "languages: [en, es]\ndefault_language: fr\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then a warning names line 6, and the kiosk starts in one of the languages it shows
    assert [(p.line, p.is_error) for p in problems] == [(6, False)]
    assert config.default_language in config.languages


def test_an_empty_language_list_falls_back(tmp_path: Path) -> None:
    # Given no languages at all
    path = write(tmp_path, GOOD_LINES + "languages: []\n")
    # When it is loaded
    config, problems = load_config(path)
    # Then the default languages are used and the problem says to list at least one
    assert config.languages == DEFAULTS.languages
    assert "at least one language" in problems[0].message


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_file_means_all_defaults(tmp_path: Path, text: str) -> None:
    # Given a kiosk.yaml with nothing set
    path = write(tmp_path, text)
    # When it is loaded
    config, problems = load_config(path)
    # Then the defaults apply, and anything reported speaks of settings, not of scenes
    assert config == DEFAULTS
    assert not any("scene" in p.message for p in problems)


def test_bytes_that_are_not_text_do_not_raise(tmp_path: Path) -> None:
    # Given a binary file saved as kiosk.yaml
    path = tmp_path / "kiosk.yaml"
    path.write_bytes(b"\x00\xff\xfe binary")
    # When it is loaded
    config, problems = load_config(path)
    # Then the defaults apply and the problem says to save it as text
    assert config == DEFAULTS
    assert len(problems) == 1 and "text" in problems[0].message


def test_every_setting_is_documented() -> None:
    # Given the settings model and docs/configuration.md
    from pydantic import BaseModel
    docs = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(encoding="utf-8")

    def keys(model: type[BaseModel], prefix: str = "") -> list[str]:
        out = []
        for name, field in model.model_fields.items():
            kind = field.annotation
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                out += keys(kind, f"{prefix}{name}.")
            else:
                out.append(prefix + name)
        return out

    # When each key is looked up in the docs' tables
    missing = [key for key in keys(KioskConfig) if f"| `{key}` |" not in docs]
    # Then none is missing
    assert missing == []
