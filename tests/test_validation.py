"""Every kind of scene mistake: one line each, with file:line:column, what is wrong and how to fix it."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import GOOD_SCENE, load, messages, write


def only_errors(lib) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(p) for p in lib.errors]


def test_good_scene_loads_without_problems(content: Path) -> None:
    # Given a valid scene
    write(content, "demo.yaml", GOOD_SCENE)
    # When the folder is loaded
    lib = load(content)
    # Then the scene is there and nothing is wrong
    assert list(lib.scenes) == ["demo"] and lib.problems == ()


def test_unknown_key_suggests_the_right_one(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("duration: 1,", "duraton: 1,"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:14:33: unknown key 'duraton' in animate (did you mean 'duration'?)"]


def test_wrong_type_says_what_was_expected(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("height: 0.5", "height: big"))
    assert only_errors(load(content)) == ["scenes/demo.yaml:13:17: height should be a number, not 'big'"]


def test_out_of_range_value_gives_the_limit(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("radius: 0.2", "radius: 3"))
    errors = only_errors(load(content))
    assert errors == ["scenes/demo.yaml:16:34: radius 3 is out of range; it must be at most 0.5"]


def test_unknown_easing_lists_the_valid_ones(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("ease: linear", "ease: bouncy"))
    [error] = only_errors(load(content))
    assert error.startswith("scenes/demo.yaml:14:52: unknown easing 'bouncy' (did you mean 'out_bounce'?); valid: ")
    assert "in_out_cubic" in error and "out_back" in error


def test_missing_art_names_the_closest_file(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/circle.svg\n", "art: shapes/circel.svg\n"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:11:14: art 'shapes/circel.svg' not found in art/ (closest: shapes/circle.svg)"]


def test_duplicate_scene_ids_name_the_other_file(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "zcopy.yaml", GOOD_SCENE)
    assert only_errors(load(content)) == [
        "scenes/zcopy.yaml:1:5: the scene id 'demo' is already used by scenes/demo.yaml; give this scene another id"]


def test_duplicate_step_ids_are_reported(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("id: second", "id: first"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:17:9: step id 'first' is used twice in this scene; give each step its own id"]


def test_hotspot_pointing_at_an_unknown_layer_is_reported(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("highlight: ball", "highlight: bal"))
    [error] = only_errors(load(content))
    assert error.startswith("scenes/demo.yaml:16:85: there is no layer 'bal' (did you mean 'ball'?)")


def test_absolute_art_path_is_refused(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/wide.svg", "art: /etc/passwd.svg"))
    [error] = only_errors(load(content))
    assert ":22:15:" in error and "absolute path" in error


def test_art_path_leaving_the_art_folder_is_refused(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/wide.svg", "art: ../secret.svg"))
    [error] = only_errors(load(content))
    assert ":22:15:" in error and "leaves the art folder" in error


def test_link_leading_outside_the_art_folder_is_refused(content: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    # Given an art file that is a symbolic link to a file outside art/
    outside = tmp_path_factory.mktemp("outside") / "x.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    os.symlink(outside, content / "art" / "shapes" / "link.svg")
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/wide.svg", "art: shapes/link.svg"))
    # Then it is an error, not a way out
    [error] = only_errors(load(content))
    assert "leads outside the art folder" in error


def _with_svg(content: Path, name: str, svg: str):  # type: ignore[no-untyped-def]
    """The library loaded with the demo scene showing art/shapes/`name`, an SVG made of `svg`."""
    (content / "art" / "shapes" / name).write_text(svg)
    write(content, "demo.yaml", GOOD_SCENE.replace("art: shapes/wide.svg", f"art: shapes/{name}"))
    return load(content)


def test_unsupported_svg_element_is_a_warning_with_its_line(content: Path) -> None:
    lib = _with_svg(content, "words.svg",
                    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<text x="1" y="5">Hi</text>\n</svg>')
    assert lib.errors == ()
    assert messages(lib) == ["art/shapes/words.svg:2:1: warning: <text> is not drawn by the kiosk; remove it "
                             "(words belong in the scene file, where they can be translated)"]


def test_a_dashed_outline_is_a_warning_with_its_line(content: Path) -> None:
    # Given an SVG whose outline is dashed with stroke-dasharray (drawn differently from one draw to the next)
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<path d="M1 1 L9 1"/>\n'
           '<path d="M1 5 L9 5" style="stroke:#000;stroke-dasharray: 2 1"/>\n</svg>')
    # When the library is loaded with a scene that shows it
    lib = _with_svg(content, "dashed.svg", svg)
    # Then the picture is still used, and staff are told which line to change and how
    assert lib.errors == ()
    assert messages(lib) == ["art/shapes/dashed.svg:3:1: warning: dashed outlines (stroke-dasharray) come out a "
                             "little different each time the kiosk draws them; draw each dash as its own short "
                             "line (or use Path > Stroke to Path)"]


def test_an_outline_whose_dashes_are_none_is_not_a_warning(content: Path) -> None:
    # Given an SVG that says its outline has no dashes
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
           '<path d="M1 5 L9 5" stroke="#000" stroke-dasharray="none"/>\n</svg>')
    # When the library is loaded with a scene that shows it / Then nothing is said about it
    assert messages(_with_svg(content, "plain.svg", svg)) == []


def test_missing_translation_is_a_warning_and_falls_back(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace(', es: "Una pelota rosa."', ""))
    lib = load(content)
    assert lib.errors == ()
    assert messages(lib) == ["scenes/demo.yaml:7:13: warning: the kids' text has no 'es' translation; the 'en' "
                             "text is shown instead (add  es: \"...\")"]


def test_plain_string_text_is_the_default_language(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace('title: {en: "Demo", es: "Demostración"}', "title: Demo"))
    lib = load(content)
    assert lib.scenes["demo"].title == {"en": "Demo"}


def test_every_problem_in_every_file_is_reported_in_one_pass(content: Path) -> None:
    # Given three files, each with its own mistake
    write(content, "a.yaml", GOOD_SCENE.replace("id: demo", "id: a").replace("ease: linear", "ease: nope"))
    write(content, "b.yaml", GOOD_SCENE.replace("id: demo", "id: b").replace("height: 0.3", "height: -1"))
    write(content, "c.yaml", "id: [unclosed\n")
    # When loaded once
    lib = load(content)
    # Then all three are reported, and neither broken scene is offered
    paths = sorted(p.path for p in lib.errors)
    assert paths == ["scenes/a.yaml", "scenes/b.yaml", "scenes/c.yaml"]
    assert lib.scenes == {}


def test_a_scene_with_errors_does_not_hide_the_good_ones(content: Path) -> None:
    write(content, "good.yaml", GOOD_SCENE)
    write(content, "bad.yaml", GOOD_SCENE.replace("id: demo", "id: bad").replace("layers:", "layer:", 1))
    lib = load(content)
    assert list(lib.scenes) == ["demo"] and len(lib.errors) >= 1


def test_file_that_is_not_a_mapping_is_reported(content: Path) -> None:
    write(content, "list.yaml", "- one\n- two\n")
    assert only_errors(load(content)) == [
        "scenes/list.yaml:1:1: the file should be a set of  key: value  lines (a scene), not a list"]


def test_playlist_orders_and_disables_scenes(content: Path) -> None:
    write(content, "a.yaml", GOOD_SCENE.replace("id: demo", "id: alpha"))
    write(content, "b.yaml", GOOD_SCENE.replace("id: demo", "id: beta"))
    write(content, "c.yaml", GOOD_SCENE.replace("id: demo", "id: gamma"))
    write(content, "playlist.yaml", "order: [gamma, alpha]\ndisabled: [alpha]\n")
    lib = load(content)
    assert lib.playlist == ("gamma", "beta")


def test_playlist_naming_an_unknown_scene_suggests_one(content: Path) -> None:
    write(content, "a.yaml", GOOD_SCENE)
    write(content, "playlist.yaml", "order: [dmeo]\n")
    assert messages(load(content)) == [
        "scenes/playlist.yaml:1:9: warning: there is no scene 'dmeo' (did you mean 'demo'?)"]


def test_ui_words_with_an_unknown_key_are_a_warning(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "ui.yaml", 'texts:\n  touch_to_strat: {en: "Tap me!", es: "¡Tócame!"}\n')
    assert messages(load(content)) == [
        "scenes/ui.yaml:2:3: warning: 'touch_to_strat' is not a word the kiosk uses (did you mean 'touch_to_start'?)"]


def test_ui_words_with_a_placeholder_the_kiosk_does_not_fill_are_a_warning(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "ui.yaml", 'texts:\n  pin_locked: {en: "Wait {secs} s", es: "Espere {seconds} s"}\n')
    assert messages(load(content)) == [
        "scenes/ui.yaml:2:20: warning: {secs} is not filled in here; use only {seconds}"]


# --- your turn (games) -------------------------------------------------------------------------------------------
TURN_SCENE = GOOD_SCENE.replace('''    hotspots:
      - {at: [0.5, 0.5], radius: 0.2, label: {en: "Ball", es: "Pelota"}, highlight: ball}
''', '''    your_turn:
      kind: drag
      targets: [ball]
      to: [0.2, 0.3]
''')


def test_a_good_turn_loads_without_problems(content: Path) -> None:
    # Given a step the child does: drag the ball to a place
    write(content, "demo.yaml", TURN_SCENE)
    # When the folder is loaded
    lib = load(content)
    # Then it is there, with its turn, and nothing is wrong
    assert lib.problems == () and lib.scenes["demo"].steps[0].your_turn.kind == "drag"


def test_a_drag_without_its_place_says_what_to_add(content: Path) -> None:
    write(content, "demo.yaml", TURN_SCENE.replace("      to: [0.2, 0.3]\n", ""))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:16:7: a 'drag' turn needs 'to': where the layer must go, e.g. to: [0.38, 0.30]"]


def test_a_turn_naming_a_layer_that_is_not_there_suggests_the_closest(content: Path) -> None:
    write(content, "demo.yaml", TURN_SCENE.replace("targets: [ball]", "targets: [bal]"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:17:17: there is no layer 'bal' (did you mean 'ball'?)"]


def test_a_turn_smaller_than_a_finger_is_refused_with_the_limit(content: Path) -> None:
    write(content, "demo.yaml", TURN_SCENE.replace("      to: [0.2, 0.3]\n", "      to: [0.2, 0.3]\n      radius: 0.03\n"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:19:15: radius 0.03 is out of range; it must be at least 0.08"]


def test_an_unknown_kind_of_turn_suggests_the_right_one(content: Path) -> None:
    write(content, "demo.yaml", TURN_SCENE.replace("kind: drag", "kind: dragg"))
    [error] = only_errors(load(content))
    assert error.startswith("scenes/demo.yaml:16:13: unknown kind 'dragg' (did you mean 'drag'?); valid: ")


def test_a_layer_waiting_for_a_tap_that_never_comes_is_a_warning(content: Path) -> None:
    write(content, "demo.yaml", TURN_SCENE.replace("        height: 0.5\n", "        height: 0.5\n        play: touched\n", 1))
    lib = load(content)
    assert [str(p) for p in lib.problems] == [
        "scenes/demo.yaml:14:15: warning: 'play: touched' only works for a target of this step's 'your_turn: tap'; "
        "this layer's animations will never start"]


def test_following_an_unknown_layer_suggests_one(content: Path) -> None:
    # Given a layer that follows a misspelt layer id
    write(content, "demo.yaml", GOOD_SCENE.replace("        height: 0.5\n",
                                                   "        height: 0.5\n        follow: bal\n"))
    # When the folder is loaded
    # Then the line of `follow` is named with the closest layer id
    assert only_errors(load(content)) == ["scenes/demo.yaml:14:17: there is no layer 'bal' (did you mean 'ball'?)"]


def test_layers_following_each_other_in_a_circle_are_refused(content: Path) -> None:
    # Given two layers that follow each other
    write(content, "demo.yaml", GOOD_SCENE.replace(
        "        height: 0.5\n",
        "        height: 0.5\n        follow: tag\n").replace(
        "    hotspots:\n", "      - {id: tag, art: shapes/circle.svg, follow: ball}\n    hotspots:\n", 1))
    # When the folder is loaded
    errors = only_errors(load(content))
    # Then each is reported where it says `follow`, with the fix
    assert errors[0] == ("scenes/demo.yaml:14:17: layer 'ball' follows 'tag', which leads back to it; a layer cannot "
                         "follow itself (remove one 'follow')")
    assert len(errors) == 2 and errors[1].startswith("scenes/demo.yaml:16:51: layer 'tag' follows 'ball'")


def test_a_blink_faster_than_once_a_second_gives_the_limit(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("        height: 0.5\n",
                                                   "        height: 0.5\n        blink: {every: 0.2}\n"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:14:24: every 0.2 is out of range; it must be at least 1"]


def test_a_wipe_from_an_unknown_side_lists_the_sides(content: Path) -> None:
    write(content, "demo.yaml", GOOD_SCENE.replace("        height: 0.5\n",
                                                   "        height: 0.5\n        reveal_from: middle\n"))
    assert only_errors(load(content)) == [
        "scenes/demo.yaml:14:22: unknown reveal_from 'middle'; valid: top, bottom, left, right"]


FAQ_WITH_TOPIC = """questions:
  - topic: {en: "At home", es: "En casa"}
    question: {en: "Can my child eat?", es: "¿Puede comer?"}
    answer: {en: "Soft food, once the numbness wears off.", es: "Comida blanda, cuando se le quite lo dormido."}
"""


def test_faq_question_keeps_its_topic(content: Path) -> None:
    # Given an FAQ whose question names a topic in both languages
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "faq.yaml", FAQ_WITH_TOPIC)
    # When the folder is loaded
    lib = load(content)
    # Then the question carries its topic and nothing is wrong
    assert lib.problems == ()
    assert lib.faq.questions[0].topic == {"en": "At home", "es": "En casa"}


def test_empty_faq_topic_is_an_error_with_its_line(content: Path) -> None:
    # Given an FAQ question whose topic has an empty English text
    write(content, "demo.yaml", GOOD_SCENE)
    write(content, "faq.yaml", FAQ_WITH_TOPIC.replace('en: "At home"', 'en: " "'))
    # When the folder is loaded
    errors = only_errors(load(content))
    # Then the one error names the file, the line of the topic, and what to write
    assert len(errors) == 1 and errors[0].startswith("scenes/faq.yaml:2:"), errors
    assert "the 'en' text is empty" in errors[0]
