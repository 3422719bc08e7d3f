"""Warnings about narration for `kiosk check`: a caption with no sound file, a sound older than its text, a file
that is not a sound. Each names the caption's file and line; a step with a problem plays silent, nothing stops.

Cheap by design (it runs on every check): it reads only each file's first bytes and the small timings files.
A scenes folder without a voice folder uses no narration, and gets no warnings about it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from kiosk.content.library import Library
from kiosk.content.problems import Problem, warning
from kiosk.content.source import Source, load_yaml_file
from .files import find, read_timings, settings_hash, voice_dir
from .lines import Line, library_lines
from .settings import settings_for


def sound_kind(path: Path) -> Optional[str]:
    """What a sound file's first bytes say it is (ogg, wav, mp3), or None when they say it is not one."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return None
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


class _Places:
    """file:line of a line's words, from its YAML file (each file parsed once)."""

    def __init__(self, library: Library, scenes_dir: Path, shown_base: Path) -> None:
        self.library, self.scenes_dir, self.base = library, scenes_dir, shown_base
        self._sources: dict[str, Optional[Source]] = {}

    def _file(self, line: Line) -> Optional[Path]:
        if line.scene == "faq":
            return self.scenes_dir / "faq.yaml"
        return self.library.files.get(line.scene)

    def where(self, line: Line) -> tuple[str, int, int]:
        file = self._file(line)
        if file is None:
            return str(self.scenes_dir), 0, 0
        shown = _shown(file, self.base)
        if shown not in self._sources:
            source = load_yaml_file(file, shown)
            self._sources[shown] = source if isinstance(source, Source) else None
        source = self._sources[shown]
        if source is None:
            return shown, 0, 0
        row, col = source.where(line.loc)
        return shown, row, col


def _shown(file: Path, base: Path) -> str:
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(file)


def narration_problems(library: Library, scenes_dir: Path, shown_base: Path) -> list[Problem]:
    """One warning per line that will play silent or speak old words."""
    if not voice_dir(scenes_dir).is_dir():
        return []
    places = _Places(library, scenes_dir, shown_base)
    problems = []
    for line in library_lines(library):
        message = _line_problem(scenes_dir, line)
        if message:
            problems.append(warning(*places.where(line), message))
    return problems


def _line_problem(scenes_dir: Path, line: Line) -> Optional[str]:
    found = find(scenes_dir, line)
    what = {"caption": "this caption", "part": "this part's name", "faq": "this answer"}[line.kind]
    if found.sound is None:
        if line.override:
            return (f"the narration file voice/{line.override} named for {what} ({line.lang}) is not there; "
                    "put it in the voice folder or fix the name (it plays silent until then)")
        return (f"no narration for {what} in '{line.lang}' (voice/{line.key}); run `kiosk voice` or record "
                f"voice/{line.key}.ogg (it plays silent until then)")
    if sound_kind(found.sound) is None:
        return (f"{found.sound.name} is not a sound file the kiosk can play (Ogg Vorbis or Opus, WAV, MP3); "
                "export it again (it plays silent until then)")
    if found.source == "generated":
        settings = settings_for(line)
        timings = read_timings(found.timings_file) if found.timings_file else None
        if settings is not None and (timings is None or timings.hash != settings_hash(line.text, settings)):
            return (f"the narration of {what} ({line.lang}) is older than its text; run `kiosk voice` to make it "
                    "again (until then it speaks the old words)")
    return None
