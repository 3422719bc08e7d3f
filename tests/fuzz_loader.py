"""Coverage-guided fuzzing (atheris, libFuzzer) of the two doors untrusted files come in by: the YAML loader with
its validators (scenes, the special files, kiosk.yaml) and the art inspector (SVG, PNG, JPEG, WebP, sounds).

    python tests/fuzz_loader.py SEED_DIR -max_total_time=45 -timeout=10 -rss_limit_mb=1500

Their contract is to never raise for bad input: they return a model or one-line problems. So any exception that
escapes is a finding, as is an input that takes over `-timeout` seconds or more than `-rss_limit_mb` of memory.
The first byte of an input chooses the door; the rest is the file. `write_seeds` fills a seed folder from the
shipped scenes and art, so the fuzzer starts from real files and mutates outwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["kiosk"]):   # only the kiosk's own code: pydantic's would be slow
    from kiosk.content import artcheck, config, model, source, validation

ART_SUFFIXES = (".svg", ".png", ".jpg", ".webp", ".ogg", ".wav")
YAML_KINDS = (model.Scene, model.Faq, model.UiTexts, model.Playlist, config.KioskConfig)
SCRATCH = Path(tempfile.gettempdir())   # set to a private folder when run as the fuzzer


def one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    door, body = data[0], data[1:]
    if door % 2 == 0:
        _yaml(body, YAML_KINDS[(door // 2) % len(YAML_KINDS)])
    else:
        _art(body, ART_SUFFIXES[(door // 2) % len(ART_SUFFIXES)])


def _yaml(body: bytes, kind: type) -> None:
    text = source.decode_bytes(body, "fuzz.yaml")
    if isinstance(text, str):
        parsed = source.parse_yaml(text, "fuzz.yaml")
        if isinstance(parsed, source.Source):
            validation.validate(parsed, kind, {"default_lang": "en"}, "fuzz")


def _art(body: bytes, suffix: str) -> None:
    path = SCRATCH / f"art{suffix}"
    path.write_bytes(body)
    if suffix in (".ogg", ".wav"):
        artcheck.inspect_audio(path)
    else:
        artcheck.inspect_art(path)


def write_seeds(folder: Path, repo: Path) -> int:
    """Seed inputs from the shipped content: each file behind every door byte that fits it."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted((repo / "scenes").glob("*.yaml")) + [repo / "kiosk.yaml"]:
        kind = 8 if path.name == "kiosk.yaml" else 0
        (folder / f"seed-{count}").write_bytes(bytes([kind]) + path.read_bytes()[:60_000])
        count += 1
    for suffix_index, suffix in enumerate(ART_SUFFIXES[:4]):
        for path in sorted((repo / "art").rglob(f"*{suffix}"))[:6]:
            if path.stat().st_size < 200_000:
                (folder / f"seed-{count}").write_bytes(bytes([1 + 2 * suffix_index]) + path.read_bytes())
                count += 1
    return count


if __name__ == "__main__":
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    SCRATCH = Path(tempfile.mkdtemp(prefix="kiosk-fuzz-"))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
