"""Property tests for loading what staff write: bytes → text → YAML → scene → library.

Staff edit scene files by hand, and USB sticks bring files of every kind. Whatever arrives, the loader
must answer with problems, never an exception, and every problem must be one plain line whose
line:column points inside the file it names.
"""

from __future__ import annotations

import copy
import math
import os
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from helpers import GOOD_SCENE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.content.library import Library, load_library
from kiosk.content.model import Scene
from kiosk.content.problems import Problem
from kiosk.content.source import Source, decode_bytes, parse_yaml
from kiosk.content.validation import validate

# Moderate example counts keep this file well under a minute on two cores;
# KIOSK_FUZZ_EXAMPLES=5000 searches harder before a release.
EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIBRARY_FUZZ = settings(FUZZ, max_examples=max(1, EXAMPLES * 3 // 4))

FILE = "scenes/fuzz.yaml"
# The line breaks PyYAML counts lines by (YAML 1.1 also breaks lines on NEL, LS and PS).
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# --- strategies ------------------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.text(max_size=30),
    # Values a scene really uses, so that trees often get past the first check.
    st.sampled_from(["#8ED1FC", "#12345", "loop", "linear", "out_back", "kids", "parents", "fade", "en",
                     "shapes/circle.svg", "../secret.svg", "/etc/passwd", "C:/art.png", "a b", "", " ",
                     "x.txt", "demo", "UPPER", 0.5, -1, 2, 1e309, 601,
                     # Line breaks and controls inside values, which once broke a problem over two lines.
                     "two\nlines", "a\nb.svg", "tab\there", "crlf\r\n", "nel\x85", "ls\u2028", "bell\x07"]),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["id", "title", "tile", "art", "color", "steps", "text", "kids", "parents", "layers",
                     "at", "height", "width", "animate", "opacity", "x", "times", "start", "duration", "ease",
                     "repeat", "back_and_forth", "hotspots", "label", "labels", "en", "es", "duraton"]),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


def _paths(tree: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _paths(value, here + (key,))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _paths(value, here + (i,))


GOOD_TREE = yaml.safe_load(GOOD_SCENE)
GOOD_PATHS = [p for p in _paths(GOOD_TREE) if p]


@st.composite
def broken_scenes(draw: st.DrawFn) -> Any:
    """A valid scene with one to four places spoiled: a wrong value, a key removed, or an unknown key."""
    scene = copy.deepcopy(GOOD_TREE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(GOOD_PATHS))
        parent = scene
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(trees)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(keys)] = draw(trees)
            elif isinstance(parent, list):
                parent.append(draw(trees))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change already removed or reshaped this place
    return scene


@st.composite
def yaml_texts(draw: st.DrawFn, tree_strategy: st.SearchStrategy[Any]) -> str:
    """A tree written out the way an editor or a person might: block or flow style, escaped or not."""
    tree = draw(tree_strategy)
    return yaml.safe_dump(tree, default_flow_style=draw(st.sampled_from([False, True, None])),
                          allow_unicode=draw(st.booleans()), sort_keys=draw(st.booleans()),
                          width=draw(st.sampled_from([40, 80, 10_000])))


any_yaml = st.one_of(yaml_texts(trees), yaml_texts(broken_scenes()))

# Bytes built from pieces that move positions: line breaks of every kind, multi-byte letters, a BOM, bad bytes.
byte_pieces = st.sampled_from([b"\n", b"\r", b"\r\n", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"\xc3\xa9",
                               b"\xf0\x9f\xa6\xb7", b"\x80", b"\xff", b"\xc3", b"\x00", b"id: ", b"a", b"  - "])
any_bytes = st.one_of(st.binary(max_size=400), st.lists(st.one_of(byte_pieces, st.binary(max_size=6)),
                                                        max_size=40).map(b"".join))


# --- what every problem must look like --------------------------------------------------------------------

def assert_well_formed(problem: Problem, path: str, text: str) -> None:
    """One plain line, naming `path`, with a line:column that lies inside `text`."""
    lines = YAML_LINE_BREAK.split(text)
    assert problem.path == path
    assert problem.message.strip(), "a problem without words"
    for shown in (problem.message, str(problem)):
        assert "\n" not in shown and "\r" not in shown, shown
        assert "Traceback" not in shown, shown
    assert 0 <= problem.line <= len(lines) + 1, (problem, len(lines))
    assert problem.column >= 0
    if 1 <= problem.line <= len(lines):
        assert problem.column <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1])


def assert_all_well_formed(problems: list[Problem], path: str, text: str) -> None:
    for problem in problems:
        assert_well_formed(problem, path, text)


# --- source: bytes and text ---------------------------------------------------------------------------------

@FUZZ
@given(raw=st.one_of(any_bytes, any_yaml.map(lambda t: t.encode("utf-8"))))
@example(raw=b"\r\x80")  # a lone CR is a line break: the bad byte is on line 2 (was 1:2)
@example(raw=b"\xc3\xa9\xc3\xa9\x80")  # columns count letters, not bytes (was 1:5 on a 2-letter line)
def test_any_bytes_decode_to_text_or_one_problem(raw: bytes) -> None:
    # Given any bytes at all in a scene file (binary, wrong encoding, or good UTF-8 YAML)
    # When they are decoded
    result = decode_bytes(raw, FILE)

    # Then the answer is text, or one well-formed problem that points inside the file
    assert isinstance(result, (str, Problem))
    if isinstance(result, Problem):
        assert_well_formed(result, FILE, raw.decode("utf-8", errors="replace"))


@FUZZ
@given(text=st.one_of(st.text(max_size=300), any_yaml))
def test_any_text_parses_to_a_source_or_one_problem(text: str) -> None:
    # Given any text: YAML trees, scene-shaped YAML, or arbitrary characters
    # When it is parsed
    result = parse_yaml(text, FILE)

    # Then the answer is a Source, or one well-formed problem that points inside the file
    assert isinstance(result, (Source, Problem))
    if isinstance(result, Problem):
        assert_well_formed(result, FILE, text)


@FUZZ
@given(text=any_yaml)
def test_parsed_marks_point_inside_the_file(text: str) -> None:
    # Given YAML that parses
    source = parse_yaml(text, FILE)
    if isinstance(source, Problem):
        return

    # When the positions of its keys and values are read
    lines = YAML_LINE_BREAK.split(text)
    marks = list(source.value_marks.values()) + list(source.key_marks.values())

    # Then every one is a 1-based line:column inside the text
    for line, column in marks:
        assert 1 <= line <= len(lines) + 1
        assert 1 <= column <= (len(lines[line - 1]) + 1 if line <= len(lines) else 1)


# --- validation ---------------------------------------------------------------------------------------------

@FUZZ
@given(text=any_yaml)
def test_validation_gives_a_scene_or_the_reasons_why_not(text: str) -> None:
    # Given any YAML tree, often a scene with some values spoiled
    source = parse_yaml(text, FILE)
    if isinstance(source, Problem):
        return

    # When it is validated as a scene
    scene, problems = validate(source, Scene, {}, "scene")

    # Then it is either a scene with no problems, or no scene and at least one reason
    assert (scene is None) == bool(problems)


@FUZZ
@given(text=any_yaml)
@example(text='id: demo\n"un\\nknown": 1\n')  # an unknown key with a line break in it was quoted as is
@example(text='"two\\nlines"\n')  # so was a whole file that is one text instead of key: value lines
def test_every_validation_problem_is_one_line_inside_the_file(text: str) -> None:
    # Given any YAML tree, often a scene with some values spoiled
    source = parse_yaml(text, FILE)
    if isinstance(source, Problem):
        return

    # When it is validated as a scene
    _, problems = validate(source, Scene, {}, "scene")

    # Then every problem is one plain line whose line:column lies inside the file
    assert_all_well_formed(problems, FILE, text)


@FUZZ
@given(tree=broken_scenes())
def test_spoiled_float_values_never_escape_as_nan_or_infinity(tree: Any) -> None:
    # Given a scene with spoiled values that still validates
    source = parse_yaml(yaml.safe_dump(tree), FILE)
    assert isinstance(source, Source)
    scene, _ = validate(source, Scene, {}, "scene")
    if scene is None:
        return

    # When its numbers that place and size things are read
    numbers: list[float] = []
    for step in scene.steps:
        for layer in step.layers:
            numbers += [*layer.at, layer.opacity, layer.scale, layer.rotate, layer.glow]
            numbers += [layer.height or 0.0, layer.width or 0.0]
            for anim in layer.animate:
                numbers += [anim.start, anim.duration]

    # Then every one is finite (a NaN or infinite position would put art nowhere on the stage)
    assert all(math.isfinite(n) for n in numbers), numbers


# --- the library: a folder on disk ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder with the art GOOD_SCENE uses; each example overwrites scenes/fuzz.yaml."""
    root = tmp_path_factory.mktemp("fuzz-content")
    (root / "scenes").mkdir()
    (root / "art" / "shapes").mkdir(parents=True)
    for name, box in (("circle.svg", "0 0 100 100"), ("wide.svg", "0 0 200 100")):
        (root / "art" / "shapes" / name).write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}"><rect width="10" height="10"/></svg>')
    return root


@LIBRARY_FUZZ
@given(raw=st.one_of(any_yaml.map(lambda t: t.encode("utf-8")), any_bytes))
def test_library_reports_problems_for_any_scene_file(fuzz_folder: Path, raw: bytes) -> None:
    # Given a scenes folder holding one file with any content
    (fuzz_folder / "scenes" / "fuzz.yaml").write_bytes(raw)

    # When the folder is loaded
    library = load_library(fuzz_folder / "scenes", fuzz_folder / "art", ("en", "es"), "en",
                           shown_base=fuzz_folder)

    # Then it answers with scenes or problems, and every problem is one line inside the file it names
    assert library.scenes or library.errors
    text = raw.decode("utf-8", errors="replace")
    assert_all_well_formed([p for p in library.problems if p.path == FILE], FILE, text)
    assert all(p.path == FILE for p in library.problems), [str(p) for p in library.problems]


# --- found by the fuzzing above (since fixed in model.py), kept as plain examples ---------------------------

def _load_good_scene_with(fuzz_folder: Path, old: str, new: str) -> Library:
    assert old in GOOD_SCENE
    (fuzz_folder / "scenes" / "fuzz.yaml").write_text(GOOD_SCENE.replace(old, new, 1), encoding="utf-8")
    return load_library(fuzz_folder / "scenes", fuzz_folder / "art", ("en", "es"), "en", shown_base=fuzz_folder)


def test_art_path_with_a_line_break_is_reported_on_one_line(fuzz_folder: Path) -> None:
    # Given a scene whose tile art path has a line break in it (a stray "\n" inside quotes)
    # When the folder is loaded
    library = _load_good_scene_with(fuzz_folder, "tile: {art: shapes/circle.svg", r'tile: {art: "shapes/cir\ncle.svg"')

    # Then the problem about it is one line
    assert library.errors
    assert all("\n" not in str(p) for p in library.problems), [str(p) for p in library.problems]


def test_nan_keyframe_is_refused(fuzz_folder: Path) -> None:
    # Given a scene that animates x towards .nan (YAML's not-a-number)
    # When the folder is loaded
    library = _load_good_scene_with(fuzz_folder, "x: [-0.5, 0]", "x: [-0.5, .nan]")

    # Then the scene is refused with a problem, rather than drawing its layer nowhere
    assert "demo" not in library.scenes
    assert library.errors
