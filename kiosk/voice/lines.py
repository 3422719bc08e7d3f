"""What the kiosk can say: every caption, FAQ answer and tappable part name, one `Line` per audience and language.

A line's `key` names its files by convention (see docs/scene-format.md, "Narration"):
  <scene>/<step>.<audience>.<lang>   a step's caption, for kids or parents
  parts/<name>.<lang>                a tappable part's name, shared by every scene that shows that part
  faq/<n>.<lang>                     the answer to the n-th question in faq.yaml
No pygame and no build tools here: the kiosk, `kiosk check` and `kiosk voice` all use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Mapping, Optional

from kiosk.content.library import Library
from kiosk.content.model import Step

CAPTION, PART, FAQ = "caption", "part", "faq"


@dataclass(frozen=True)
class Line:
    key: str              # the file name by convention, without a suffix: "pulpotomy/sleepy-juice.kids.en"
    text: str             # the words spoken (and lit on screen, for captions)
    lang: str
    audience: str         # kids, parents, or both (part names)
    kind: str             # caption, part or faq
    scene: str = ""       # where it comes from, for messages: scene id or "faq"
    override: Optional[str] = None   # a file named in the YAML (`voice:`), relative to the voice folder
    loc: tuple = ()       # where in its YAML file, for file:line messages


def slug(text: str) -> str:
    """A file-name-safe form of a part's name: 'Pulp (nerve)' -> 'pulp-nerve', 'Raíz' -> 'raiz'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "part"


def spoken(text: str) -> str:
    """The words as one line: a caption's line breaks are for the eye, not the voice."""
    return " ".join(text.split())


def caption_key(scene_id: str, step_id: str, audience: str, lang: str) -> str:
    return f"{scene_id}/{step_id}.{audience}.{lang}"


def part_key(name: str, lang: str) -> str:
    return f"parts/{slug(name)}.{lang}"


def faq_key(number: int, lang: str) -> str:
    return f"faq/{number}.{lang}"


def _override(voice: object, audience: Optional[str], lang: str) -> Optional[str]:
    """The file a step's or hotspot's `voice:` names for this audience and language, if any."""
    if not isinstance(voice, Mapping):
        return None
    chosen = voice.get(audience) if audience is not None else voice
    if isinstance(chosen, Mapping):
        value = chosen.get(lang)
        return value if isinstance(value, str) else None
    return None


def step_lines(scene_id: str, step: Step, index: int) -> Iterator[Line]:
    """A step's captions (kids and parents) and its hotspots' names, in every language they are written in."""
    voice = getattr(step, "voice", None)
    audiences = [("kids", step.text.kids)] if step.audience != "parents" else []
    if step.audience != "kids":
        # Parents see their own words, or the children's where a step has none of its own (as the player does)
        audiences.append(("parents", step.text.parents or step.text.kids))
    for audience, text in audiences:
        for lang, words in text.items():
            yield Line(caption_key(scene_id, step.id, audience, lang), spoken(words), lang, audience, CAPTION,
                       scene_id, _override(voice, audience, lang), ("steps", index, "text", audience, lang))
    for n, spot in enumerate(step.hotspots):
        for lang, name in spot.label.items():
            yield Line(part_key(name, lang), spoken(name), lang, "both", PART, scene_id,
                       _override(getattr(spot, "voice", None), None, lang), ("steps", index, "hotspots", n, "label"))


def faq_line(library: Library, index: int, lang: str) -> Optional[Line]:
    """The answer to question `index` (from 0) in this language (else the default one), as a line to speak."""
    if library.faq is None or not 0 <= index < len(library.faq.questions):
        return None
    question = library.faq.questions[index]
    chosen = lang if lang in question.answer else library.default_lang
    if chosen not in question.answer:
        return None
    return Line(faq_key(index + 1, chosen), spoken(question.answer[chosen]), chosen, "parents", FAQ, "faq",
                _override(getattr(question, "voice", None), None, chosen), ("questions", index, "answer", chosen))


def library_lines(library: Library) -> list[Line]:
    """Everything the kiosk can say, each key once (a part shown in many scenes is one file), in menu order."""
    seen: dict[str, Line] = {}
    for scene in library.scenes.values():
        for index, step in enumerate(scene.steps):
            for line in step_lines(scene.id, step, index):
                seen.setdefault(line.key, line)
    if library.faq is not None:
        for n, question in enumerate(library.faq.questions, start=1):
            for lang, words in question.answer.items():
                line = Line(faq_key(n, lang), spoken(words), lang, "parents", FAQ, "faq",
                            _override(getattr(question, "voice", None), None, lang),
                            ("questions", n - 1, "answer", lang))
                seen.setdefault(line.key, line)
    return list(seen.values())
