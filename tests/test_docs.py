"""docs/scene-format.md stays true to the code: its example is the checked example file, the example passes
`kiosk check` cleanly, and every key of the scene format (and every word key of ui.yaml) is described in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from kiosk.cli import main
from kiosk.content.model import (
    Animation,
    Faq,
    Hotspot,
    Label,
    Layer,
    Playlist,
    Question,
    Scene,
    Step,
    StepText,
    Tile,
    UiTexts,
)
from kiosk.content.words import DEFAULT_WORDS

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "scene-format.md"
EXAMPLE = REPO / "docs" / "examples" / "brushing-time.yaml"

# Each model's keys are described in a table under the heading that starts with these words.
SECTIONS: dict[str, tuple[type[BaseModel], ...]] = {
    "Scene:": (Scene,),
    "Tile:": (Tile,),
    "Step:": (Step,),
    "Step text:": (StepText,),
    "Layer:": (Layer,),
    "Animation:": (Animation,),
    "Hotspot:": (Hotspot,),
    "Label:": (Label,),
    "playlist.yaml": (Playlist,),
    "faq.yaml": (Faq, Question),
    "ui.yaml": (UiTexts,),
}
TABLE_KEY = re.compile(r"^\|\s*`([^`]+)`\s*\|", re.MULTILINE)


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def first_yaml_block(markdown: str) -> str:
    match = re.search(r"^```yaml\n(.*?)^```", markdown, re.DOTALL | re.MULTILINE)
    assert match, "docs/scene-format.md has no ```yaml block"
    return match.group(1)


def section(markdown: str, heading_start: str) -> str:
    """The text under the first heading (any level) that starts with `heading_start`, up to the next heading.
    Lines inside ``` fences are not headings (a YAML comment starts with # too)."""
    lines = markdown.splitlines()
    in_fence = False
    start = None
    out: list[str] = []
    for line in lines:
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        is_heading = not in_fence and line.startswith("#")
        if start is None:
            if is_heading and line.lstrip("#").strip().startswith(heading_start):
                start = line
            continue
        if is_heading:
            break
        out.append(line)
    assert start is not None, f"docs/scene-format.md has no heading starting with {heading_start!r}"
    return "\n".join(out)


def test_the_docs_example_is_the_example_file() -> None:
    # Given the format page and the example file beside it
    markdown = doc_text()
    # When the page's first YAML block is taken out
    block = first_yaml_block(markdown)
    # Then it is the example file, character for character (so what people copy is what is checked)
    assert block == EXAMPLE.read_text(encoding="utf-8")


def test_the_example_passes_kiosk_check_without_warnings(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # Given the repository root as the kiosk's folder (its art/ and default languages)
    monkeypatch.chdir(REPO)
    # When the example file is checked as staff would check it
    code = main(["check", "docs/examples/brushing-time.yaml"])
    out = capsys.readouterr().out
    # Then there is no error and no warning
    assert code == 0, out
    assert "0 warnings" in out, out
    assert out.strip().splitlines()[-1] == "OK: 1 scene, 3 steps, 0 warnings"


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_every_key_of_the_format_is_described_in_its_section(heading: str) -> None:
    # Given the section of the page about one part of the format
    keys_in_table = set(TABLE_KEY.findall(section(doc_text(), heading)))
    # When the keys the code accepts there are listed
    fields = {name for model in SECTIONS[heading] for name in model.model_fields}
    # Then each has a row in that section's table (so the page cannot fall behind the code)
    assert fields - keys_in_table == set(), f"not described under '{heading}'"


@pytest.mark.parametrize("heading", [h for h in SECTIONS if h != "ui.yaml"])
def test_the_page_describes_no_key_the_code_does_not_accept(heading: str) -> None:
    # Given the rows of one section's table
    keys_in_table = set(TABLE_KEY.findall(section(doc_text(), heading)))
    # When they are compared with the keys the code accepts there
    fields = {name for model in SECTIONS[heading] for name in model.model_fields}
    # Then none is made up or left over from an older version
    assert keys_in_table - fields == set(), f"described under '{heading}' but not accepted by the code"


def test_every_model_key_is_mentioned_in_backticks() -> None:
    # Given the whole page
    markdown = doc_text()
    # When every top-level field of every scene-format model is looked for as `key`
    models = (Scene, Step, StepText, Layer, Animation, Hotspot, Label, Playlist, Question)
    missing = [f"{model.__name__}.{name}" for model in models for name in model.model_fields
               if f"`{name}`" not in markdown]
    # Then none is missing
    assert missing == []


def test_every_ui_word_key_is_listed_for_ui_yaml() -> None:
    # Given the ui.yaml section of the page
    keys_in_table = set(TABLE_KEY.findall(section(doc_text(), "ui.yaml")))
    # When the kiosk's own word keys are compared with it
    missing = set(DEFAULT_WORDS) - keys_in_table
    # Then a clinic can find every word it may change
    assert missing == set()
