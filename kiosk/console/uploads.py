"""Files staff bring through the browser: photos and pictures become kiosk art (checked, turned upright by their
EXIF note, resized, corners rounded like the rest of the art); sound files are taken only if their bytes say
they are WAV, Ogg or MP3. What a browser claims (file name, type) is never trusted: the content decides."""

from __future__ import annotations

import io
import wave
from typing import Optional

from PIL import Image, ImageChops, ImageDraw, ImageOps

MAX_PICTURE_BYTES = 10_000_000
MAX_PICTURE_PIXELS = 40_000_000       # a 48-megapixel phone photo is refused before it is decoded
MAX_AUDIO_BYTES = 8_000_000
MAX_AUDIO_SECONDS = 60
LONG_SIDE = 1200                      # kiosk art is drawn at most about a third of a 4K screen tall
CORNER = 0.08                         # corner radius as a share of the short side
PICTURE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}


class UploadRefused(Exception):
    """Said to the person, beside the upload field."""


def sniff_picture(data: bytes) -> str:
    """The picture's real format from its first bytes, or UploadRefused."""
    if len(data) > MAX_PICTURE_BYTES:
        raise UploadRefused(f"the picture is {len(data) // 1_000_000} MB; the limit is "
                            f"{MAX_PICTURE_BYTES // 1_000_000} MB (send a smaller one)")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise UploadRefused("this file is not a PNG, JPEG or WebP picture (whatever its name says); "
                        "save it as one of those")


def picture_to_art(data: bytes, rounded: bool = True) -> bytes:
    """A PNG ready for the art folder: upright, at most LONG_SIDE pixels long, with rounded corners."""
    kind = sniff_picture(data)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != kind:
                raise UploadRefused("the picture's contents do not match its kind; save it again")
            w, h = probe.size
            if w * h > MAX_PICTURE_PIXELS or w <= 0 or h <= 0:
                raise UploadRefused(f"the picture is {w}x{h} pixels; the limit is about "
                                    f"{MAX_PICTURE_PIXELS // 1_000_000} million pixels")
            probe.load()
            img = ImageOps.exif_transpose(probe)
    except UploadRefused:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        raise UploadRefused("the picture cannot be read (it may be damaged); save it again") from None
    img = img.convert("RGBA")
    img.thumbnail((LONG_SIDE, LONG_SIDE), Image.LANCZOS)
    if rounded:
        img.putalpha(_rounded_mask(img.size, img.getchannel("A")))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _rounded_mask(size: tuple[int, int], alpha: Image.Image) -> Image.Image:
    """Rounded corners drawn four times larger and scaled down, so their edges are smooth."""
    w, h = size
    big = Image.new("L", (w * 4, h * 4), 0)
    ImageDraw.Draw(big).rounded_rectangle((0, 0, w * 4 - 1, h * 4 - 1), radius=int(min(w, h) * CORNER * 4),
                                          fill=255)
    mask = big.resize(size, Image.LANCZOS)
    return ImageChops.multiply(mask, alpha)   # keep what was already see-through in the picture


def sniff_audio(data: bytes) -> str:
    """'wav', 'ogg' or 'mp3' from the bytes themselves, or UploadRefused."""
    if len(data) > MAX_AUDIO_BYTES:
        raise UploadRefused(f"the sound file is {len(data) // 1_000_000} MB; the limit is "
                            f"{MAX_AUDIO_BYTES // 1_000_000} MB (a caption is a few seconds)")
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        _check_wav(data)
        return "wav"
    if data.startswith(b"OggS"):
        return "ogg"
    if data.startswith(b"ID3") or (len(data) > 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    raise UploadRefused("this file is not a WAV, Ogg or MP3 sound (whatever its name says)")


def _check_wav(data: bytes) -> None:
    try:
        with wave.open(io.BytesIO(data)) as w:
            seconds = w.getnframes() / max(1, w.getframerate())
    except (wave.Error, EOFError):
        raise UploadRefused("the WAV file cannot be read; record or save it again") from None
    if seconds > MAX_AUDIO_SECONDS:
        raise UploadRefused(f"the recording is {seconds:.0f} s long; keep a caption under {MAX_AUDIO_SECONDS} s")


def audio_kind(data: bytes) -> Optional[str]:
    try:
        return sniff_audio(data)
    except UploadRefused:
        return None
