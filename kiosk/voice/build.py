"""`kiosk voice build`: make every missing or out-of-date narration file, and only those.

A generated file is out of date when the hash of its text and voice settings (kept in its timings file) differs
from the hash of the text the scenes have now. A clinic's recording, or a file a step's YAML names, is never
touched. Samples are loudness-matched (same speech loudness, peaks kept below clipping) before they are written
as Ogg Opus, with the timings file beside. Files are written whole or not at all (a temporary file, then renamed).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .files import FORMAT_VERSION, Word, find, generated_paths, read_timings, settings_hash
from .engine import ALIGNER, fit_to_sound, frame_levels, lead_words
from .lexicon import written_words
from .lines import Line
from .settings import settings_for, voice_for


MOVE_TIMES = "word times moved to the sound"   # made by aligner 2 or 3: the same sound, no speaking


@dataclass(frozen=True)
class Job:
    line: Line
    settings: dict
    hash: str
    why: str          # "missing", "text changed", "word times can be measured now" or MOVE_TIMES


@dataclass(frozen=True)
class Plan:
    jobs: tuple[Job, ...]
    up_to_date: int
    recorded: int          # lines a clinic recording (or the YAML's own file) speaks
    no_voice: tuple[Line, ...]   # languages no generated voice speaks


def plan(scenes_dir: Path, lines: Iterable[Line]) -> Plan:
    """Which lines need a file made, and why; nothing is read but the small timings files."""
    jobs, fresh, recorded, no_voice = [], 0, 0, []
    for line in lines:
        found = find(scenes_dir, line)
        if found.source in ("yaml", "recording"):
            recorded += 1
            continue
        settings = settings_for(line)
        if settings is None:
            no_voice.append(line)
            continue
        wanted = settings_hash(line.text, settings)
        _, timings_path = generated_paths(scenes_dir, line.key)
        timings = read_timings(timings_path) if found.source == "generated" and timings_path.is_file() else None
        if timings is not None and timings.hash == wanted and timings.aligner >= ALIGNER:
            fresh += 1
            continue
        if timings is not None and timings.hash == wanted and (timings.timed_by == "model" or timings.aligner in (2, 3)):
            jobs.append(Job(line, settings, wanted, MOVE_TIMES))   # aligner 2 or 3 placed them: refit to the sound
            continue
        why = "missing" if found.source == "missing" else (
            "text changed" if timings is None or timings.hash != wanted else "word times can be measured now")
        jobs.append(Job(line, settings, wanted, why))
    ordered = sorted(jobs, key=lambda j: (j.why != MOVE_TIMES, _first_heard(j)))   # the instant moves first
    return Plan(tuple(ordered), fresh, recorded, tuple(no_voice))


def _first_heard(job: Job) -> int:
    """Lines children hear come first (their captions and part names, then parents' captions, then the FAQ), so
    a build stopped part-way has made what matters most; the order within each kind stays the scenes' order."""
    line = job.line
    if line.kind == "part" or (line.kind == "caption" and line.audience == "kids"):
        return 0
    return 1 if line.kind == "caption" else 2


def match_loudness(audio: Any, rate: int, rms_db: float, peak_db: float) -> Any:
    """Speech at the same loudness in every file: the RMS of the voiced parts (10 ms frames within 40 dB of the
    loudest) brought to `rms_db`, then lowered if a peak would pass `peak_db`; 10 ms fades at both ends."""
    import numpy as np
    samples = np.asarray(audio, dtype=np.float64)
    frame = max(1, rate // 100)
    levels = frame_levels(samples, rate)
    if len(levels) == 0:
        return samples.astype(np.float32)
    voiced = levels[levels >= levels.max() * 10 ** (-40 / 20)]
    rms = float(np.sqrt((voiced ** 2).mean())) if len(voiced) else 0.0
    if rms <= 1e-6:
        return samples.astype(np.float32)
    gain = 10 ** (rms_db / 20) / rms
    peak = float(np.abs(samples).max()) * gain
    ceiling = 10 ** (peak_db / 20)
    if peak > ceiling:
        gain *= max(ceiling / peak, 10 ** (-3 / 20))   # a loud consonant lowers the whole line by 3 dB at most...
    out = samples * gain
    knee = ceiling / 2                                  # ...and beyond that its few loudest samples are rounded off
    loud = np.abs(out) > knee
    if loud.any():
        over = np.abs(out[loud]) - knee
        out[loud] = np.sign(out[loud]) * (knee + (ceiling - knee) * np.tanh(over / (ceiling - knee)))
    fade = min(frame, len(out) // 2)
    ramp = np.linspace(0.0, 1.0, fade)
    out[:fade] *= ramp
    out[len(out) - fade:] *= ramp[::-1]
    return out.astype(np.float32)


def write_line(scenes_dir: Path, job: Job, audio: Any, rate: int, words: list[Word], measured: bool) -> float:
    """Write the sound and its timings (whole or not at all); returns the sound's length in seconds."""
    import soundfile
    sound_path, timings_path = generated_paths(scenes_dir, job.line.key)
    sound_path.parent.mkdir(parents=True, exist_ok=True)
    duration = len(audio) / rate
    partial = sound_path.with_name(sound_path.name + ".part")
    soundfile.write(str(partial), audio, rate, format="OGG", subtype="OPUS")
    data = {
        "format": FORMAT_VERSION,
        "text": job.line.text,
        "lang": job.line.lang,
        "hash": job.hash,
        "settings": job.settings,
        "duration": round(duration, 3),
        "timed_by": "model" if measured else "model, words said as one spread by length",
        "aligner": ALIGNER,
        "words": [{"word": w.text, "start": w.start, "end": w.end} for w in words],
    }
    partial_json = timings_path.with_name(timings_path.name + ".part")
    partial_json.write_text(_compact_json(data), encoding="utf-8")
    partial.replace(sound_path)
    partial_json.replace(timings_path)
    return duration


def move_times(scenes_dir: Path, job: Job) -> None:
    """A file an older aligner timed, the same sound: aligner 2's words moved ONSET_LEAD earlier, and any word
    lit over a pause moved to the speech beside it (`fit_to_sound`); written whole or not at all."""
    import soundfile
    sound_path, timings_path = generated_paths(scenes_dir, job.line.key)
    data = json.loads(timings_path.read_text(encoding="utf-8"))
    words = [Word(w["word"], w["start"], w["end"]) for w in data["words"]]
    if int(data.get("aligner", 0)) < 3:
        words = lead_words(words)
    audio, rate = soundfile.read(str(sound_path), dtype="float32")
    words = fit_to_sound(words, audio, rate)
    data["words"] = [{"word": w.text, "start": w.start, "end": w.end} for w in words]
    data["aligner"] = ALIGNER
    partial = timings_path.with_name(timings_path.name + ".part")
    partial.write_text(_compact_json(data), encoding="utf-8")
    partial.replace(timings_path)


def needs_engine(the_plan: Plan) -> bool:
    """False when every job only moves word times (no model need be loaded)."""
    return any(job.why != MOVE_TIMES for job in the_plan.jobs)


def _compact_json(data: dict) -> str:
    """One key a line and one word a line: small, and a change to a caption reads well in a diff."""
    rows = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items() if k != "words"]
    words = [" " + json.dumps(w, ensure_ascii=False) for w in data["words"]]
    return "{\n" + ",\n".join(rows) + ',\n "words": [\n' + ",\n".join(words) + "\n ]\n}\n"


def run(scenes_dir: Path, the_plan: Plan, engine: Any, say: Callable[[str], None] = print,
        clock: Callable[[], float] = time.monotonic) -> int:
    """Make every file the plan lists, saying how far along it is; returns how many were made."""
    total = len(the_plan.jobs)
    started = clock()
    spoken_seconds, moved = 0.0, 0
    for n, job in enumerate(the_plan.jobs, start=1):
        if job.why == MOVE_TIMES:
            move_times(scenes_dir, job)
            moved += 1
            continue
        choice = voice_for(job.line.lang)
        assert choice is not None   # the plan keeps only lines that have a voice
        t0 = clock()
        saying = job.settings.get("says", job.line.text)   # the lexicon's respelling, if it has one
        result = engine.speak(saying, choice.voice, choice.phonemes, job.settings["speed"])
        audio = match_loudness(result.audio, result.sample_rate, job.settings["rms_db"], job.settings["peak_db"])
        words = written_words(job.line.text, job.line.lang, result.words) if saying != job.line.text else result.words
        words = fit_to_sound(words, audio, result.sample_rate)
        seconds = write_line(scenes_dir, job, audio, result.sample_rate, words, result.measured)
        spoken_seconds += seconds
        elapsed = clock() - started
        left = elapsed / (n - moved) * (total - n)   # the moves ran first and took no time
        say(f"[{n}/{total}] {job.line.key} ({job.why}): {seconds:.1f} s of speech in {clock() - t0:.1f} s"
            f"{'' if result.measured else ' (some words said as one)'}; about {_minutes(left)} left")
    if moved:
        say(f"moved the word times of {moved} file{'s' * (moved != 1)} to the sound (no speaking needed)")
    if total - moved:
        made = total - moved
        say(f"made {made} file{'s' * (made != 1)}: {spoken_seconds:.0f} s of speech in {_minutes(clock() - started)}")
    return total


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{math.ceil(seconds / 60)} min"


def orphans(scenes_dir: Path, lines: Iterable[Line]) -> list[Path]:
    """Generated files no line asks for any more (a step renamed or removed)."""
    from .files import voice_dir
    root = voice_dir(scenes_dir) / "generated"
    if not root.is_dir():
        return []
    wanted: set[Path] = set()
    for line in lines:
        wanted.update(generated_paths(scenes_dir, line.key))
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".opus", ".json") and p not in wanted)


def describe(the_plan: Plan) -> str:
    parts = [f"{len(the_plan.jobs)} to make", f"{the_plan.up_to_date} up to date"]
    if the_plan.recorded:
        parts.append(f"{the_plan.recorded} spoken by the clinic's own recordings")
    if the_plan.no_voice:
        langs = sorted({line.lang for line in the_plan.no_voice})
        parts.append(f"{len(the_plan.no_voice)} in {', '.join(langs)} with no generated voice (record them)")
    return ", ".join(parts)


def pick_jobs(the_plan: Plan, only: Optional[str]) -> Plan:
    """Only the lines whose key contains `only` (e.g. a scene id), for a quick try."""
    if not only:
        return the_plan
    return Plan(tuple(j for j in the_plan.jobs if only in j.line.key), the_plan.up_to_date, the_plan.recorded,
                the_plan.no_voice)
