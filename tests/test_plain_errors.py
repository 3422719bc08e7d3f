"""Issue 12, item 13: errors say file:line in words staff can act on, and YAML 1.1's conversions never change
what was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.artcheck import inspect_art
from kiosk.content.source import MAX_VALUES, Source, load_yaml_file


def _parse(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml_file(path, "f.yaml")


@pytest.mark.parametrize("text,words", [
    ("clinic:\n  hours: Mon-Fri: 9-5\n", "put quotes around text that contains a colon"),
    ("clinic:\n\tname: Smile\n", "use spaces, not tabs"),
    ("clinic:\n  name: @home\n", "put quotes around it"),
])
def test_yaml_syntax_errors_say_what_to_do(tmp_path: Path, text: str, words: str) -> None:
    # Given a file with a common typo
    # When it is read
    problem = _parse(tmp_path, text)

    # Then the problem says what to do, at the line, without parser jargon
    assert not isinstance(problem, Source)
    assert words in problem.message and problem.line == 2
    assert "mapping values" not in problem.message and "token" not in problem.message


def test_a_five_thousand_digit_number_is_reported_at_its_line(tmp_path: Path) -> None:
    # Given a value with 5000 digits (Python refuses to read it)
    problem = _parse(tmp_path, "id: a\nhold: " + "9" * 5000 + "\n")

    # Then the problem is at its line
    assert not isinstance(problem, Source) and problem.line == 2


def test_too_many_values_without_aliases_gives_no_alias_hint_and_a_line(tmp_path: Path) -> None:
    # Given a list with more values than allowed, and no alias
    problem = _parse(tmp_path, "id: a\nlist:\n" + "".join(f"  - {i}\n" for i in range(MAX_VALUES + 10)))

    # Then the problem has a line and does not talk about aliases
    assert not isinstance(problem, Source)
    assert problem.line > 0 and "alias" not in problem.message


@pytest.mark.parametrize("written,kept", [("no", "no"), ("1:30", "1:30"), ("2024-01-01", "2024-01-01"),
                                          ("on", "on")])
def test_yaml_1_1_conversions_keep_what_was_written(tmp_path: Path, written: str, kept: str) -> None:
    # Given a plain value that YAML 1.1 would convert (a bool, a base-60 number, a date)
    source = _parse(tmp_path, f"value: {written}\n")

    # Then it is read as the words written
    assert isinstance(source, Source) and source.data["value"] == kept


def test_true_and_numbers_are_still_read_as_such(tmp_path: Path) -> None:
    source = _parse(tmp_path, "a: true\nb: 12\nc: 1.5\n")
    assert isinstance(source, Source) and source.data == {"a": True, "b": 12, "c": 1.5}


def test_an_svg_doctype_is_reported_at_its_line(tmp_path: Path) -> None:
    # Given an SVG with a DOCTYPE on line 2
    path = tmp_path / "a.svg"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')

    # When it is inspected
    info = inspect_art(path)

    # Then the line is given
    assert info.problems[0][0] == 2 and "DOCTYPE" in info.problems[0][1]


def test_a_png_named_svg_says_what_it_really_is(tmp_path: Path) -> None:
    # Given a PNG saved as .svg
    path = tmp_path / "a.svg"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)

    # When it is inspected
    info = inspect_art(path)

    # Then it says it is really a PNG and how to fix it
    assert "really PNG" in info.problems[0][1] and "rename it to .png" in info.problems[0][1]
