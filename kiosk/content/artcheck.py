"""Inspect art files without drawing them: size, aspect ratio, and whether the renderer can draw them.

Contract: never raises for a bad file; returns an `ArtInfo` whose `problems` say what is wrong.
SVG is parsed with expat and any DOCTYPE/ENTITY is refused, so entity bombs and external entities never
expand. Raster headers are read with Pillow first, so a decompression bomb is caught by its declared size
before any memory is spent on it; only then is the data read through (cheaply) to find truncated files.
"""

from __future__ import annotations

import math
import re
import warnings
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from kiosk.content.picture_file import PictureRefused, open_picture, refusal, sniff

MAX_SVG_BYTES = 2_000_000
MAX_RASTER_BYTES = 20_000_000
MAX_RASTER_PIXELS = 24_000_000  # a 6000x4000 photo; larger would cost ~100 MB decoded
UNSUPPORTED_SVG = ("text", "use", "clipPath", "mask", "filter", "pattern", "image", "foreignObject", "script")
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# What makes an SVG slow to draw is its outline points: pygame's rasteriser took 4 s for 5,000 crossing
# segments and 37 s for 10,000 at 1000 px. The busiest shipped picture has 3,810 numbers in its outlines.
MAX_SVG_NUMBERS = 8000
MAX_SVG_ELEMENTS = 3000
# pygame-ce 2.5.8's rasteriser (SDL's nanosvg) does not always give the same pixels for a dashed outline: the
# emptied pulp chamber came out in 2-8 versions in 12-30 draws at one size, one with a stray line across it.
# Dashes drawn as separate short lines come out the same every time (measured over 20 draws at four sizes).
_DASHED = re.compile(r"stroke-dasharray\s*:\s*(?!none)")
MAX_ASPECT = 20.0   # wider or taller than this (or an infinite or vanishing viewBox) cannot be laid out
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class ArtInfo:
    path: Path
    aspect: float = 1.0  # width / height
    stamp: tuple[int, int] = (0, 0)  # (mtime_ns, size): part of every cache key, so an edited file is redrawn
    problems: tuple[tuple[int, str, bool], ...] = field(default=())  # (line, message, is_error)

    @property
    def usable(self) -> bool:
        return not any(is_error for _, _, is_error in self.problems)


def _number(text: str | None) -> float | None:
    if not text:
        return None
    match = re.match(r"\s*([0-9.]+)", text)
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


class _Refused(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _TooComplex(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _SvgScan:
    def __init__(self) -> None:
        self.aspect: float | None = None
        self.unsupported: list[tuple[int, str]] = []
        self.dashed: list[int] = []
        self.root_seen = False
        self.numbers = 0
        self.elements = 0
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity

    def _doctype(self, *args: object) -> None:
        raise _Refused(self.parser.CurrentLineNumber, "it declares a DOCTYPE; remove the <!DOCTYPE ...> line")

    def _entity(self, *args: object) -> None:
        raise _Refused(self.parser.CurrentLineNumber, "it declares XML entities; remove them")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if not self.root_seen:
            self.root_seen = True
            if local != "svg":
                raise ValueError(f"it starts with <{local}>, not <svg>")
            if name != "svg":   # <svg:svg ...>: valid XML, but the kiosk's rasteriser draws nothing of it
                raise ValueError(f"its elements carry a prefix (<{name}>); save it as a plain SVG")
            self.aspect = _svg_aspect(attrs)
        if local in UNSUPPORTED_SVG:
            self.unsupported.append((self.parser.CurrentLineNumber, local))
        if attrs.get("stroke-dasharray", "none").strip() != "none" or _DASHED.search(attrs.get("style", "")):
            self.dashed.append(self.parser.CurrentLineNumber)
        self.elements += 1
        for attr in ("d", "points"):
            if attr in attrs:
                self.numbers += len(_NUMBER.findall(attrs[attr]))
        if self.numbers > MAX_SVG_NUMBERS or self.elements > MAX_SVG_ELEMENTS:
            raise _TooComplex(self.parser.CurrentLineNumber)


def _svg_aspect(attrs: dict[str, str]) -> float | None:
    """Width over height from the viewBox (else width/height). Raises ValueError for a shape nothing can
    be drawn at: infinite, vanishing (1e-320) or extremely long and thin."""
    box = attrs.get("viewBox", "").replace(",", " ").split()
    aspect: float | None = None
    if len(box) == 4:
        try:
            numbers = [float(v) for v in box]
        except ValueError:
            numbers = []
        if numbers and (not all(math.isfinite(v) and abs(v) < 1e9 for v in numbers)
                        or not all(v == 0 or abs(v) > 1e-9 for v in numbers)):
            raise ValueError(f"its viewBox \"{attrs.get('viewBox', '')[:60]}\" has numbers that are too large "
                             "or too small; export it again with an ordinary size, e.g. viewBox=\"0 0 800 600\"")
        if numbers and numbers[2] > 0 and numbers[3] > 0:
            aspect = numbers[2] / numbers[3]
    if aspect is None:
        w, h = _number(attrs.get("width")), _number(attrs.get("height"))
        if w and h and math.isfinite(w / h):
            aspect = w / h
    if aspect is not None and not (1 / MAX_ASPECT <= aspect <= MAX_ASPECT):
        raise ValueError(f"it is {aspect:.3g} times as wide as it is tall; art must be less than "
                         f"{MAX_ASPECT:g} times wider than tall (or taller than wide)")
    return aspect


def inspect_svg(path: Path, raw: bytes) -> ArtInfo:
    if len(raw) > MAX_SVG_BYTES:
        return ArtInfo(path, problems=((0, f"the SVG is {len(raw) // 1024} KB; the limit is "
                                           f"{MAX_SVG_BYTES // 1_000_000} MB (simplify it)", True),))
    really = sniff(raw[:64])
    if really not in (None, "SVG/XML text"):
        hint = (f"rename it to .{really.lower().replace('jpeg', 'jpg')}" if really in ("PNG", "JPEG", "WEBP")
                else "save it as SVG, PNG or JPEG")
        if really == "UTF-16 text":
            hint = "save it with UTF-8 encoding"
        return ArtInfo(path, problems=((0, f"the file is named .svg but is really {really}; {hint}", True),))
    scan = _SvgScan()
    try:
        scan.parser.Parse(raw, True)
    except _TooComplex as exc:
        return ArtInfo(path, problems=((exc.line, f"the SVG is too detailed to draw quickly (more than "
                                                  f"{MAX_SVG_NUMBERS} outline numbers or {MAX_SVG_ELEMENTS} shapes); "
                                                  "simplify it in your drawing program (Path > Simplify)", True),))
    except ValueError as exc:
        line = getattr(exc, "line", 0) or scan.parser.CurrentLineNumber or 0
        return ArtInfo(path, problems=((line, f"the SVG cannot be used: {exc}", True),))
    except xml.parsers.expat.ExpatError as exc:
        return ArtInfo(path, problems=((exc.lineno, f"the SVG is broken ({xml.parsers.expat.ErrorString(exc.code)}); "
                                                    "export it again from your drawing program", True),))
    if not scan.root_seen:
        return ArtInfo(path, problems=((0, "the SVG is empty; export it again", True),))
    problems: list[tuple[int, str, bool]] = []
    for line, tag in scan.unsupported:
        problems.append((line, f"<{tag}> is not drawn by the kiosk; remove it"
                               + (" (words belong in the scene file, where they can be translated)" if tag == "text"
                                  else ""), False))
    for line in scan.dashed[:1]:   # one warning per file: the fix is the same for every dashed line in it
        problems.append((line, "dashed outlines (stroke-dasharray) come out a little different each time the kiosk "
                               "draws them; draw each dash as its own short line (or use Path > Stroke to Path)",
                         False))
    if scan.aspect is None:
        problems.append((1, "the <svg> has no viewBox or width/height; add viewBox=\"0 0 W H\"", False))
    return ArtInfo(path, scan.aspect or 1.0, problems=tuple(problems))


def _read_through(img: Image.Image) -> None:
    """Read all the picture's data, so a truncated or damaged file is reported by the check instead of being
    found at draw time. Cheap on purpose: PNG chunks are checksummed without decoding pixels, and JPEG is
    decoded at 1/8 scale. Raises OSError (or SyntaxError/EOFError) when the data is broken."""
    if img.format == "PNG":
        img.verify()
        return
    img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))  # a no-op for formats other than JPEG
    img.load()


def inspect_raster(path: Path, size: int) -> ArtInfo:
    if size > MAX_RASTER_BYTES:
        return ArtInfo(path, problems=((0, f"the picture is {size // 1_000_000} MB; the limit is "
                                           f"{MAX_RASTER_BYTES // 1_000_000} MB (save it smaller)", True),))
    refused = refusal(path)
    if refused:
        return ArtInfo(path, problems=((0, refused, True),))
    try:
        with open_picture(path) as img:
            w, h = img.size
            orientation = img.getexif().get(0x0112, 1) if hasattr(img, "getexif") else 1
        if 0 < w * h <= MAX_RASTER_PIXELS:
            with open_picture(path) as img:  # afresh: PNG's verify() must come straight after opening
                _read_through(img)
    except Image.DecompressionBombError:
        # Pillow refuses the declared size before allocating anything; say so rather than "damaged".
        return ArtInfo(path, problems=((0, "the picture declares far too many pixels; the limit is about "
                                           f"{MAX_RASTER_PIXELS // 1_000_000} million pixels (resize it, e.g. to "
                                           "2000 px wide)", True),))
    except PictureRefused as exc:
        return ArtInfo(path, problems=((0, str(exc), True),))
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning):
        return ArtInfo(path, problems=((0, "the picture cannot be read (it may be damaged or not really a "
                                           f"{path.suffix.lstrip('.').upper()}); save it again", True),))
    if w <= 0 or h <= 0:
        return ArtInfo(path, problems=((0, "the picture has no pixels; save it again", True),))
    if w * h > MAX_RASTER_PIXELS:
        return ArtInfo(path, problems=((0, f"the picture is {w}x{h} pixels; the limit is about "
                                           f"{MAX_RASTER_PIXELS // 1_000_000} million pixels (resize it, e.g. to 2000 px wide)",
                                        True),))
    if orientation in (5, 6, 7, 8):  # EXIF says the picture is turned a quarter
        w, h = h, w
    return ArtInfo(path, w / h)


MAX_AUDIO_BYTES = 10_000_000   # minutes of OGG; a 106 MB WAV once took 264 MB of memory to play


def inspect_audio(path: Path) -> ArtInfo:
    """A sound file, checked by its size and its first bytes (never decoded here)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as file:
            head = file.read(16)
    except OSError as exc:
        return ArtInfo(path, problems=((0, f"cannot read the file ({exc.strerror or exc})", True),))
    if size > MAX_AUDIO_BYTES:
        return ArtInfo(path, problems=((0, f"the sound is {size // 1_000_000} MB; the limit is "
                                           f"{MAX_AUDIO_BYTES // 1_000_000} MB (save it as OGG, which is far "
                                           "smaller)", True),))
    kind = path.suffix.lower()
    fits = {".ogg": head.startswith(b"OggS"),
            ".wav": head.startswith(b"RIFF") and head[8:12] == b"WAVE",
            ".mp3": head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)}
    if not fits.get(kind, False):
        return ArtInfo(path, problems=((0, f"the file is named {kind} but is not a {kind.lstrip('.').upper()} sound; "
                                           "export it again as OGG", True),))
    return ArtInfo(path)


def inspect_art(path: Path) -> ArtInfo:
    """What the kiosk knows about an art file before drawing it."""
    info = _inspect(path)
    try:
        st = path.stat()
    except OSError:
        return info
    return ArtInfo(info.path, info.aspect, (st.st_mtime_ns, st.st_size), info.problems)


def _inspect(path: Path) -> ArtInfo:
    try:
        size = path.stat().st_size
        if size == 0:
            return ArtInfo(path, problems=((0, "the file is empty (0 bytes); copy the picture again", True),))
        if path.suffix.lower() == ".svg":
            with open(path, "rb") as file:   # never more than the limit: the file may be far larger
                return inspect_svg(path, file.read(MAX_SVG_BYTES + 1))
    except OSError as exc:
        return ArtInfo(path, problems=((0, f"cannot read the file ({exc.strerror or exc})", True),))
    if path.suffix.lower() in RASTER_SUFFIXES:
        with warnings.catch_warnings():   # Pillow's warnings would leak onto `check`'s output
            warnings.simplefilter("ignore")
            return inspect_raster(path, size)
    return ArtInfo(path, problems=((0, "not a picture the kiosk can show; use SVG, PNG, JPEG or WebP", True),))
