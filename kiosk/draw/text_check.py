"""Words too long for their room: `kiosk check` warns at the file:line of every caption (with its scene's title
above it) and every parents' label or tapped part's name that would be cut at any supported screen size, with a
fix. The caption is measured exactly as it is drawn (`panels.fit_caption`); labels and names are one line each,
and one wider than the picture is cut at its edge.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Optional

from kiosk.content.language import pick
from kiosk.content.problems import Problem, warning
from kiosk.content.source import PathKey, Source, load_yaml_file
from kiosk.content.words import Words
from kiosk.draw.fonts import Fonts, default_fonts
from kiosk.draw.layout import SceneLayout, scene_layout
from kiosk.draw.panels import fit_caption, label_px

# What the kiosk is sold and tested at (tests/test_live_screen.py): small landscape, 1080p, portrait, 4K.
SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1280, 800), (1920, 1080), (1080, 1920), (3840, 2160))


def library_text_problems(lib: object, root: Path, art_dir: Path,
                          sizes: Iterable[tuple[int, int]] = SIZES) -> list[Problem]:
    """One warning per text that is cut at some size (naming the sizes), for every scene `lib` loaded."""
    fonts = _Measured(default_fonts(art_dir))
    layouts = [scene_layout(w, h) for w, h in sizes]
    words = Words(getattr(lib, "ui_texts", {}), getattr(lib, "default_lang", "en"))
    default = getattr(lib, "default_lang", "en")
    out: list[Problem] = []
    for scene_id, scene in getattr(lib, "scenes", {}).items():
        path = getattr(lib, "files", {}).get(scene_id)
        if path is None:
            continue
        shown = _shown(path, root)
        where = _Where(path, shown)
        for i, step in enumerate(scene.steps):
            for audience in ("kids", "parents"):
                text = step.text.kids if audience == "kids" else (step.text.parents or step.text.kids)
                for lang in text:
                    footer = words.get("disclaimer", lang) if audience == "parents" else ""
                    title = pick(scene.title, lang, default)
                    cut = [f"{layout.screen[2]}x{layout.screen[3]}" for layout in layouts
                           if fit_caption(fonts, text[lang], layout.caption, audience, layout, title, footer, True).cut]
                    if cut:
                        key = "parents" if audience == "parents" and step.text.parents else "kids"
                        out.append(_problem(shown, where, ("steps", i, "text", key, lang),
                                            f"the {audience}' caption of step '{step.id}' ({lang}) is too long for "
                                            f"its panel at {', '.join(cut)}: its last words would not show. Shorten "
                                            "it (or the scene's title above it)"))
            for j, label in enumerate(step.labels):
                out += _one_line(fonts, layouts, shown, where, ("steps", i, "labels", j, "text"), label.text,
                                 "label", step.id)
            for j, spot in enumerate(step.hotspots):
                out += _one_line(fonts, layouts, shown, where, ("steps", i, "hotspots", j, "label"), spot.label,
                                 "tapped part's name", step.id, title=True)
    return out


def drawn_cut_problems(lib: object, texts: Iterable[str]) -> list[Problem]:
    """For the staff menu: the captions the kiosk drew cut on its own screen, each named with its scene file."""
    files = list(getattr(lib, "files", {}).values())
    # Named as `check` names them: from the folder that holds the scenes folder.
    root = Path(os.path.commonpath([str(f.parent) for f in files])).parent if files else Path.cwd()
    out = []
    for text in sorted(texts):
        found = next(((scene_id, step.id) for scene_id, scene in getattr(lib, "scenes", {}).items()
                      for step in scene.steps
                      if text in (*step.text.kids.values(), *(step.text.parents or {}).values())), None)
        path = getattr(lib, "files", {}).get(found[0]) if found else None
        shown = _shown(path, root) if path is not None else "scenes"
        where = f" of step '{found[1]}'" if found else ""
        out.append(warning(shown, 0, 0, f"the caption{where} is too long for its panel on this screen, so its last "
                                        f"words are not shown ('{text[:40]}...'): shorten it (`kiosk check` gives "
                                        "the line)"))
    return out


def _one_line(fonts: Any, layouts: list[SceneLayout], shown: str, where: _Where, loc: PathKey,
              text: dict, what: str, step_id: str, title: bool = False) -> list[Problem]:
    out = []
    for lang, words in text.items():
        cut = []
        for layout in layouts:
            px, pad = label_px(layout.stage, layout.unit, title)
            if fonts.get(px, bold=True).size(words)[0] + pad * 2 > layout.stage[2]:
                cut.append(f"{layout.screen[2]}x{layout.screen[3]}")
        if cut:
            out.append(_problem(shown, where, (*loc, lang),
                                f"the {what} '{words[:40]}' in step '{step_id}' ({lang}) is wider than the picture "
                                f"at {', '.join(cut)}: it would be cut at the edge. Shorten it"))
    return out


class _Where:
    """A scene file's positions, read only if one of its texts is cut (most files never are)."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path, self.shown = path, shown
        self._source: Optional[Source] = None
        self._read = False

    def where(self, loc: PathKey) -> tuple[int, int]:
        if not self._read:
            self._read = True
            source = load_yaml_file(self.path, self.shown)
            self._source = source if isinstance(source, Source) else None
        return self._source.where(loc) if self._source is not None else (0, 0)


class _Font:
    """A font whose measurements are remembered: a scene's title and the disclaimer are measured once for all
    of its steps."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self._sizes: dict[str, tuple[int, int]] = {}
        self.get_linesize = font.get_linesize

    def size(self, text: str) -> tuple[int, int]:
        found = self._sizes.get(text)
        if found is None:
            found = self._sizes[text] = self.font.size(text)
        return found


class _Measured:
    """Fonts for measuring only, every size kept (loading a font again costs more than measuring with it)."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.log = None
        self.cut: set[str] = set()
        self._fonts: dict[tuple[int, bool], _Font] = {}

    def get(self, px: int, bold: bool = False) -> _Font:
        key = (px, bold)
        if key not in self._fonts:
            self._fonts[key] = _Font(self.fonts.get(px, bold))
        return self._fonts[key]


def _problem(shown: str, where: _Where, loc: PathKey, message: str) -> Problem:
    line, column = where.where(loc)
    return warning(shown, line, column, message)


def _shown(path: Path, root: Path) -> str:
    base = root.resolve()
    resolved = path.resolve()
    return str(resolved.relative_to(base)) if resolved.is_relative_to(base) else str(path)
