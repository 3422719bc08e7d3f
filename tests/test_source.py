"""Whole-file problems: each gives one clean line with the file (and line where there is one); nothing runs."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.problems import Problem
from kiosk.content.source import MAX_FILE_BYTES, Source, load_yaml_file, parse_yaml


def problem_of(path: Path) -> Problem:
    result = load_yaml_file(path, path.name)
    assert isinstance(result, Problem), f"expected a problem, got {result!r}"
    return result


def test_empty_file_is_reported(tmp_path: Path) -> None:
    # Given an empty scene file
    f = tmp_path / "empty.yaml"
    f.write_text("   \n")
    # When it is loaded
    p = problem_of(f)
    # Then the problem says it is empty
    assert str(p) .startswith("empty.yaml: the file is empty")


def test_binary_file_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "pic.yaml"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary file" in problem_of(f).message


def test_non_utf8_file_names_line_and_column(tmp_path: Path) -> None:
    # Given Latin-1 text on line 2
    f = tmp_path / "latin.yaml"
    f.write_bytes("id: a\ntitle: Ni\xf1o\n".encode("latin-1"))
    # Then the problem points at line 2, column 10 (the ñ)
    p = problem_of(f)
    assert (p.line, p.column) == (2, 10)
    assert "UTF-8" in p.message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text("a: " + "x" * (MAX_FILE_BYTES + 10))
    assert "limit" in problem_of(f).message


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("id: a\nsteps: [1, 2\n")
    p = problem_of(f)
    assert p.line == 3 and "YAML syntax" in p.message


def test_python_tag_is_refused_and_not_run(tmp_path: Path) -> None:
    # Given a file that would run a command if loaded unsafely
    marker = tmp_path / "ran"
    f = tmp_path / "evil.yaml"
    f.write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    # When it is loaded
    p = problem_of(f)
    # Then it is refused at line 1 and nothing ran
    assert p.line == 1 and "not allowed" in p.message
    assert not marker.exists()


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "tag.yaml"
    f.write_text("id: a\ncolor: !rgb 255\n")
    p = problem_of(f)
    assert p.line == 2 and "'!rgb' is not allowed" in p.message


def test_alias_bomb_stops_cleanly(tmp_path: Path) -> None:
    # Given nine levels of nine-fold aliases (~387 million values if expanded)
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i-1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n")
    # Then it is refused quickly with a clear message
    assert "more than" in problem_of(f).message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "deep.yaml"
    f.write_text("a: " + "[" * 60 + "]" * 60 + "\n")
    assert "nested more than" in problem_of(f).message


def test_duplicate_key_is_reported_at_the_second_key(tmp_path: Path) -> None:
    f = tmp_path / "dup.yaml"
    f.write_text("id: a\ntitle: x\nid: b\n")
    p = problem_of(f)
    assert (p.line, p.column) == (3, 1) and "appears twice" in p.message


def test_marks_point_at_keys_and_values() -> None:
    # Given a nested document
    src = parse_yaml("a:\n  b: [1, {c: 2}]\n", "x.yaml")
    assert isinstance(src, Source)
    # Then value and key positions are 1-based line/column
    assert src.value_marks[("a", "b", 1, "c")] == (2, 14)
    assert src.key_marks[("a", "b")] == (2, 3)
