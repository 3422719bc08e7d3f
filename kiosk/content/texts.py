"""Every user-visible string with where it appears: for translators and reviewers (`kiosk texts`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterator, Mapping, Optional

from kiosk.content.library import Library


@dataclass(frozen=True)
class TextEntry:
    scene: str
    step: str
    audience: str
    lang: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _entries(scene: str, step: str, audience: str, text: Optional[Mapping[str, str]]) -> Iterator[TextEntry]:
    for lang, words in (text or {}).items():
        yield TextEntry(scene, step, audience, lang, words)


def iter_texts(library: Library) -> Iterator[TextEntry]:
    """Titles, captions, hotspot names and explanations, labels, FAQ and UI words, in menu order."""
    for scene in library.scenes.values():
        yield from _entries(scene.id, "", "both", scene.title)
        for step in scene.steps:
            if step.audience != "parents":
                yield from _entries(scene.id, step.id, "kids", step.text.kids)
            if step.text.parents is not None and step.audience != "kids":
                yield from _entries(scene.id, step.id, "parents", step.text.parents)
            for spot in step.hotspots:
                yield from _entries(scene.id, step.id, "both", spot.label)
                yield from _entries(scene.id, step.id, "parents", spot.explain)
            for label in step.labels:
                yield from _entries(scene.id, step.id, label.audience, label.text)
    if library.faq is not None:
        for n, q in enumerate(library.faq.questions, start=1):
            yield from _entries("faq", f"q{n}", "parents", q.question)
            yield from _entries("faq", f"a{n}", "parents", q.answer)
            yield from _entries("faq", f"t{n}", "parents", q.topic)
    for key, text in library.ui_texts.items():
        yield from _entries("ui", key, "both", text)
