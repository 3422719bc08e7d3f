"""Load a folder of scene files into scenes, playlist, FAQ and every problem found.

Contract: `load_library` never raises for bad content. It reads every file, collects every problem (never
stopping at the first), and returns only the scenes that are valid. Art paths resolve inside the art folder
(or the scenes folder) and nowhere else.

Longer than 400 lines on purpose: one pass over a content folder that keeps every problem it finds (scenes,
FAQ, playlist, words, art) and the last good version of each scene; split, the passes would repeat the walk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from kiosk.content.artcheck import ArtInfo, inspect_art, inspect_audio
from kiosk.content.folder_walk import MAX_ENTRIES, printable, walk_files
from kiosk.content.model import SPECIAL_FILES, Faq, Playlist, Scene, Step, UiTexts
from kiosk.content.problems import Problem, Severity, error, warning
from kiosk.content.source import Source, load_yaml_file
from kiosk.content.validation import closest, validate

SCENE_SUFFIXES = (".yaml", ".yml")
TURN_ART = ("ui/hand-tap.svg", "ui/hand-press.svg", "characters/star.svg")
MAX_SCENE_FILES = 500


@dataclass(frozen=True)
class Library:
    scenes: dict[str, Scene]                      # valid scenes, in menu order (enabled first)
    playlist: tuple[str, ...]                     # enabled scene ids in menu order
    faq: Optional[Faq]
    ui_texts: dict[str, dict[str, str]]
    art: dict[str, ArtInfo]                       # art path as written → what is known of the file
    problems: tuple[Problem, ...]
    files: dict[str, Path] = field(default_factory=dict)   # scene id → its file
    order: tuple[str, ...] = ()                   # every valid scene id in menu order, disabled ones included
    failed: frozenset[Path] = frozenset()         # scene files that had errors (their scenes are left out)
    languages: tuple[str, ...] = ("en",)
    default_lang: str = "en"
    loaded_at: float = 0.0
    folder_gone: bool = False    # no scenes folder, or not one scene file in it (deleted, unmounted)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    def step_count(self) -> int:
        return sum(len(s.steps) for s in self.scenes.values())

    def art_path(self, rel: str) -> Optional[Path]:
        info = self.art.get(rel)
        return info.path if info is not None and info.usable else None

    def aspect(self, rel: str) -> float:
        info = self.art.get(rel)
        return info.aspect if info is not None else 1.0


class _ArtResolver:
    """Resolves art paths inside the allowed folders and remembers what it found."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = [r.resolve() for r in roots if r.is_dir()]
        self.found: dict[str, ArtInfo] = {}
        self._listing: Optional[list[str]] = None

    def _all_files(self) -> list[str]:
        if self._listing is None:
            names: set[str] = set()
            for root in self.roots:
                for f in walk_files(root, (".svg", ".png", ".jpg", ".jpeg", ".webp", ".ogg", ".wav", ".mp3"),
                                    skip_private=False).files:
                    names.add(f.relative_to(root).as_posix())
            self._listing = sorted(names)
        return self._listing

    def resolve(self, rel: str) -> tuple[Optional[Path], Optional[str]]:
        """(file, None) when found inside a root, else (None, a message that says how to fix it)."""
        for root in self.roots:
            candidate = root / rel
            try:
                if not candidate.exists() and not candidate.is_symlink():
                    continue
            except (OSError, ValueError):   # a name too long for the file system, a NUL: no such file here
                continue
            try:
                real = candidate.resolve()
                real.relative_to(root)
            except (ValueError, OSError, RuntimeError):
                return None, f"'{rel}' is a link that leads outside the art folder; copy the file into art/ instead"
            if not real.is_file():
                return None, f"'{rel}' is not a file"
            return real, None
        same_kind = [n for n in self._all_files() if Path(n).suffix.lower() == Path(rel).suffix.lower()]
        guess = closest(rel, same_kind) or closest(Path(rel).name, [Path(n).name for n in same_kind])
        if guess and "/" not in guess:
            guess = next((n for n in same_kind if Path(n).name == guess), guess)
        hint = f" (closest: {guess})" if guess else " (put the file in art/ or fix the name)"
        return None, f"art '{rel}' not found in art/{hint}"

    def inspect(self, rel: str) -> tuple[Optional[ArtInfo], Optional[str]]:
        if rel in self.found:
            return self.found[rel], None
        path, message = self.resolve(rel)
        if path is None:
            return None, message
        info = inspect_art(path) if path.suffix.lower() not in (".ogg", ".wav", ".mp3") else inspect_audio(path)
        self.found[rel] = info
        return info, None


def _shown(file: Path, base: Path) -> str:
    """The file's name as problems print it: relative to `base` where it can be, never with raw control
    characters or undecodable bytes (they would break a terminal or the one-line-per-problem log)."""
    for root in (base, base.resolve()):
        try:
            return printable(file.relative_to(root).as_posix())
        except ValueError:
            continue
    return printable(str(file))


class _Loader:
    def __init__(self, scenes_dir: Path, art_dir: Path, languages: tuple[str, ...], default_lang: str,
                 shown_base: Path) -> None:
        self.scenes_dir = scenes_dir
        self.languages = languages
        self.default_lang = default_lang
        self.base = shown_base
        self.art = _ArtResolver([art_dir, scenes_dir])
        self.problems: list[Problem] = []
        self.art_reported: set[str] = set()
        self.failed: set[Path] = set()
        self.folder_gone = False

    def load(self) -> Library:
        scenes: dict[str, Scene] = {}
        files: dict[str, Path] = {}
        sources: dict[str, Source] = {}
        specials: dict[str, Any] = {}
        if not self.scenes_dir.is_dir():
            self.problems.append(error(str(self.scenes_dir), 0, 0, "the scenes folder does not exist; "
                                                                   "create it or give the right path"))
        for file in self._scene_list():
            shown = _shown(file, self.base)
            source = load_yaml_file(file, shown)
            if isinstance(source, Problem):
                self.problems.append(source)
                self.failed.add(file)
                continue
            special = SPECIAL_FILES.get(file.name.lower())
            if special is not None:
                model, problems = validate(source, special, self._context(), file.stem)
                self.problems.extend(problems)
                if model is not None:
                    specials[file.name.lower()] = (model, source)
                continue
            scene, problems = validate(source, Scene, self._context(), "scene")
            self.problems.extend(problems)
            if scene is None:
                self.failed.add(file)
                continue
            if scene.id in scenes:
                line, col = source.where(("id",))
                self.problems.append(error(shown, line, col, f"the scene id '{scene.id}' is already used by "
                                                             f"{_shown(files[scene.id], self.base)}; "
                                                             "give this scene another id"))
                continue
            if self._check_scene(scene, source):
                scenes[scene.id] = scene
                files[scene.id] = file
                sources[scene.id] = source
            else:
                self.failed.add(file)
        for scene_id, scene in scenes.items():
            self._check_related(scene, sources[scene_id], scenes)
        order = self._order(specials.get("playlist.yaml"), scenes)
        playlist = self._playlist(specials.get("playlist.yaml"), order)
        faq = self._faq(specials.get("faq.yaml"), scenes)
        ui_texts = self._ui(specials.get("ui.yaml"))
        ordered = {sid: scenes[sid] for sid in playlist}
        ordered.update({sid: s for sid, s in sorted(scenes.items()) if sid not in ordered})
        return Library(scenes=ordered, playlist=playlist, faq=faq, ui_texts=ui_texts, art=dict(self.art.found),
                       problems=tuple(self.problems), files=files, languages=self.languages,
                       default_lang=self.default_lang, loaded_at=time.time(), order=order,
                       failed=frozenset(self.failed), folder_gone=self.folder_gone)

    def _scene_list(self) -> list[Path]:
        """The scene files to read; each one left out (a link leading outside, past the limits) is a problem."""
        if not self.scenes_dir.is_dir():
            self.folder_gone = True
            return []
        walk = walk_files(self.scenes_dir, SCENE_SUFFIXES)
        self.folder_gone = not walk.files
        for link in walk.outside:
            self.problems.append(error(_shown(link, self.base), 0, 0,
                                       "this is a link that leads outside the scenes folder, so it is not read; "
                                       "copy the file into scenes/ instead"))
        if walk.truncated:
            self.problems.append(error(_shown(self.scenes_dir, self.base), 0, 0,
                                       f"the scenes folder holds more than {MAX_ENTRIES} files and folders; is "
                                       "`content: scenes:` in kiosk.yaml the right folder? Only the first are read"))
        if len(walk.files) > MAX_SCENE_FILES:
            self.problems.append(error(_shown(walk.files[MAX_SCENE_FILES], self.base), 0, 0,
                                       f"there are {len(walk.files)} scene files; the kiosk reads the first "
                                       f"{MAX_SCENE_FILES} (by name) and leaves out this one and the rest"))
        return walk.files[:MAX_SCENE_FILES]

    def _context(self) -> dict[str, Any]:
        return {"default_lang": self.default_lang}

    # --- checks that need more than one value -------------------------------------------------------
    def _check_scene(self, scene: Scene, src: Source) -> bool:
        before = len([p for p in self.problems if p.is_error])
        step_ids: dict[str, int] = {}
        self._texts(src, ("title",), scene.title, "the title")
        self._art(src, ("tile", "art"), scene.tile.art)
        if not scene.background.startswith("#"):
            self._art(src, ("background",), scene.background)
        for i, step in enumerate(scene.steps):
            at = ("steps", i)
            if step.id in step_ids:
                line, col = src.where(at + ("id",))
                self.problems.append(error(src.path, line, col, f"step id '{step.id}' is used twice in this scene; "
                                                                "give each step its own id"))
            step_ids[step.id] = i
            self._check_step(step, src, at)
        if scene.highlight and scene.highlight not in step_ids:
            self._unknown(src, ("highlight",), "step", scene.highlight, step_ids)
        return len([p for p in self.problems if p.is_error]) == before

    def _check_step(self, step: Step, src: Source, at: tuple[Any, ...]) -> None:
        layer_ids: set[str] = set()
        for j, layer in enumerate(step.layers):
            self._art(src, at + ("layers", j, "art"), layer.art)
            if layer.id:
                if layer.id in layer_ids:
                    line, col = src.where(at + ("layers", j, "id"))
                    self.problems.append(error(src.path, line, col, f"layer id '{layer.id}' is used twice in this "
                                                                    "step; give each layer its own id"))
                layer_ids.add(layer.id)
        self._check_follow(step, src, at, layer_ids)
        if step.background and not step.background.startswith("#"):
            self._art(src, at + ("background",), step.background)
        if step.audio:
            self._art(src, at + ("audio",), step.audio)
        self._texts(src, at + ("text", "kids"), step.text.kids, "the kids' text")
        if step.text.parents is not None:
            self._texts(src, at + ("text", "parents"), step.text.parents, "the parents' text")
        for k, spot in enumerate(step.hotspots):
            here = at + ("hotspots", k)
            if spot.highlight and spot.highlight not in layer_ids:
                self._unknown(src, here + ("highlight",), "layer", spot.highlight, layer_ids)
            for n, target in enumerate(spot.replay):
                if target not in layer_ids:
                    self._unknown(src, here + ("replay", n), "layer", target, layer_ids)
            self._texts(src, here + ("label",), spot.label, "the label")
            if spot.explain:
                self._texts(src, here + ("explain",), spot.explain, "the explanation")
        for k, label in enumerate(step.labels):
            self._texts(src, at + ("labels", k, "text"), label.text, "the label")
        self._check_turn(step, src, at, layer_ids)

    def _check_turn(self, step: Step, src: Source, at: tuple[Any, ...], layer_ids: set[str]) -> None:
        """A turn's layers exist, and layers waiting for a touch or a finished turn have one to wait for."""
        turn = step.your_turn
        if turn is not None:
            here = at + ("your_turn",)
            for key in ("targets", "clears", "fills"):
                for n, target in enumerate(getattr(turn, key)):
                    if target not in layer_ids:
                        self._unknown(src, here + (key, n), "layer", target, layer_ids)
            if turn.tool is not None and turn.tool not in layer_ids:
                self._unknown(src, here + ("tool",), "layer", turn.tool, layer_ids)
            for art in TURN_ART:  # the hint hand and the success star: known, so their shapes are (if present)
                self.art.inspect(art)
        for j, layer in enumerate(step.layers):
            waits_for_tap = layer.play == "touched" and (turn is None or turn.kind != "tap"
                                                        or layer.id not in turn.targets)
            if waits_for_tap or (layer.play == "done" and turn is None):
                line, col = src.where(at + ("layers", j, "play"))
                what = ("for a target of this step's 'your_turn: tap'" if layer.play == "touched"
                        else "in a step with a your_turn")
                self.problems.append(warning(src.path, line, col, f"'play: {layer.play}' only works {what}; "
                                                                   "this layer's animations will never start"))

    def _check_follow(self, step: Step, src: Source, at: tuple[Any, ...], layer_ids: set[str]) -> None:
        """`follow` names a layer of the same step, and following never goes round in a circle."""
        leaders = {layer.id: layer.follow for layer in step.layers if layer.id}
        for j, layer in enumerate(step.layers):
            if not layer.follow:
                continue
            here = at + ("layers", j, "follow")
            if layer.follow not in layer_ids:
                self._unknown(src, here, "layer", layer.follow, layer_ids)
                continue
            seen, lead = {layer.id} if layer.id else set(), layer.follow
            while lead and lead not in seen:
                seen.add(lead)
                lead = leaders.get(lead)
            if lead:
                line, col = src.where(here)
                self.problems.append(error(src.path, line, col, f"layer '{layer.id or layer.art}' follows "
                                           f"'{layer.follow}', which leads back to it; a layer cannot follow itself "
                                           "(remove one 'follow')"))

    def _check_related(self, scene: Scene, src: Source, scenes: Mapping[str, Scene]) -> None:
        if scene.related and scene.related not in scenes:
            self._unknown(src, ("related",), "scene", scene.related, scenes, is_error=False)

    def _unknown(self, src: Source, loc: tuple[Any, ...], kind: str, name: str, known: Iterable[str],
                 is_error: bool = True) -> None:
        line, col = src.where(loc)
        guess = closest(name, list(known))
        tail = f" (did you mean '{guess}'?)" if guess else f" (known: {', '.join(sorted(known)) or 'none'})"
        make = error if is_error else warning
        self.problems.append(make(src.path, line, col, f"there is no {kind} '{name}'{tail}"))

    def _art(self, src: Source, loc: tuple[Any, ...], rel: str) -> None:
        info, message = self.art.inspect(rel)
        line, col = src.where(loc)
        if message:
            self.problems.append(error(src.path, line, col, message))
            return
        assert info is not None
        if rel in self.art_reported:
            return
        self.art_reported.add(rel)
        for art_line, text, is_error in info.problems:
            shown = _shown(info.path, self.base)
            make = error if is_error else warning
            self.problems.append(make(shown, art_line, 1 if art_line else 0, text))

    def _texts(self, src: Source, loc: tuple[Any, ...], text: Mapping[str, str], what: str) -> None:
        missing = [lang for lang in self.languages if lang not in text]
        if not missing:
            return
        line, col = src.where(loc)
        fallback = self.default_lang if self.default_lang in text else next(iter(text))
        self.problems.append(warning(src.path, line, col,
                                     f"{what} has no {', '.join(repr(m) for m in missing)} translation; "
                                     f"the '{fallback}' text is shown instead (add  {missing[0]}: \"...\")"))

    # --- special files ---------------------------------------------------------------------------------
    def _order(self, found: Optional[tuple[Playlist, Source]], scenes: Mapping[str, Scene]) -> tuple[str, ...]:
        """All valid scenes: the playlist's order first, then any it does not name, by id."""
        if found is None:
            return tuple(sorted(scenes))
        playlist, src = found
        for key in ("order", "disabled"):
            for n, sid in enumerate(getattr(playlist, key)):
                if sid not in scenes:
                    self._unknown(src, (key, n), "scene", sid, scenes, is_error=False)
        order = [sid for sid in dict.fromkeys(playlist.order) if sid in scenes]
        return tuple(order + [sid for sid in sorted(scenes) if sid not in order])

    def _playlist(self, found: Optional[tuple[Playlist, Source]], order: tuple[str, ...]) -> tuple[str, ...]:
        disabled = set(found[0].disabled) if found is not None else set()
        return tuple(sid for sid in order if sid not in disabled)

    def _faq(self, found: Optional[tuple[Faq, Source]], scenes: Mapping[str, Scene]) -> Optional[Faq]:
        if found is None:
            return None
        faq, src = found
        for n, q in enumerate(faq.questions):
            self._texts(src, ("questions", n, "question"), q.question, "the question")
            self._texts(src, ("questions", n, "answer"), q.answer, "the answer")
            if q.topic is not None:
                self._texts(src, ("questions", n, "topic"), q.topic, "the topic")
            if q.scene and q.scene not in scenes:
                self._unknown(src, ("questions", n, "scene"), "scene", q.scene, scenes, is_error=False)
        return faq

    def _ui(self, found: Optional[tuple[UiTexts, Source]]) -> dict[str, dict[str, str]]:
        """The clinic's own button and screen words; unknown keys and wrong {names} are warned about."""
        from kiosk.content.words import DEFAULT_WORDS, placeholders, stray_brace
        if found is None:
            return {}
        ui, src = found
        out: dict[str, dict[str, str]] = {}
        for key, text in ui.texts.items():
            if key not in DEFAULT_WORDS:
                line, col = src.where(("texts", key), key=True)
                guess = closest(key, DEFAULT_WORDS)
                hint = f"did you mean '{guess}'?" if guess else "see docs/scene-format.md for the list"
                self.problems.append(warning(src.path, line, col, f"'{key}' is not a word the kiosk uses ({hint})"))
                continue
            expected = set().union(*(placeholders(t) for t in DEFAULT_WORDS[key].values()))
            text = dict(text)
            for lang, words in list(text.items()):
                if stray_brace(words):
                    line, col = src.where(("texts", key, lang))
                    self.problems.append(error(
                        src.path, line, col, "a brace here is not a plain {name}; only "
                                             f"{', '.join('{' + e + '}' for e in sorted(expected)) or 'plain words'} "
                                             "may be written in braces (no ':' or '!' inside them)"))
                    del text[lang]   # the kiosk's own words are shown instead
                    continue
                extra = placeholders(words) - expected
                if extra:
                    line, col = src.where(("texts", key, lang))
                    self.problems.append(warning(
                        src.path, line, col, f"{{{sorted(extra)[0]}}} is not filled in here; use only "
                                             f"{', '.join('{' + e + '}' for e in sorted(expected)) or 'plain words'}"))
            if text:
                out[key] = text
                self._texts(src, ("texts", key), text, f"the word '{key}'")
        return out


def load_library(scenes_dir: Path, art_dir: Path, languages: Iterable[str] = ("en", "es"),
                 default_lang: str = "en", shown_base: Optional[Path] = None) -> Library:
    """Load every scene file in `scenes_dir`. Problems name files relative to `shown_base` (default: cwd)."""
    base = shown_base if shown_base is not None else Path.cwd()
    # Resolve links once, up front: a content folder swapped by flipping a symbolic link mid-load is then
    # read entirely from the old target or entirely from the new one, never a mix.
    scenes_real = Path(scenes_dir).resolve() if Path(scenes_dir).exists() else Path(scenes_dir)
    art_real = Path(art_dir).resolve() if Path(art_dir).exists() else Path(art_dir)
    return _Loader(scenes_real, art_real, tuple(languages), default_lang, base).load()


from kiosk.content.last_good import keep_last_good  # noqa: E402  (its home; imported from here too)

__all__ = ["Library", "keep_last_good", "load_library", "Severity"]
