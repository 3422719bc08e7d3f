"""Open raster pictures of the three formats the kiosk means (PNG, JPEG, WebP) and nothing else.

Why this exists: Pillow picks a decoder from a file's first bytes, not from its name, and some of its decoders
run other programs (EPS and PDF hand the file to Ghostscript, which executes it as PostScript). So an EPS saved
as `logo.png` would run code. Here a file's real format is read from its bytes first; only a PNG, JPEG or WebP
whose bytes say so is ever given to Pillow, and then with Pillow told to try that one decoder only.

Contract: `real_format` and `refusal` never raise; `open_picture` raises `PictureRefused` (a ValueError) for
anything else, before Pillow sees the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

from PIL import Image

ALLOWED = ("PNG", "JPEG", "WEBP")
HEAD_BYTES = 64

# First bytes of the formats a picture file might really be, so a refusal can say what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"\x00\x00\x02\x00", "CUR"),
    (b"%!PS", "PostScript (EPS)"),
    (b"\xc5\xd0\xd3\xc6", "PostScript (EPS)"),
    (b"%PDF", "PDF"),
    (b"8BPS", "Photoshop (PSD)"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\xff\x4f\xff\x51", "JPEG 2000"),
    (b"qoif", "QOI"),
    (b"DDS ", "DDS"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "ZIP"),
)


class PictureRefused(ValueError):
    """The file is not a PNG, JPEG or WebP (whatever its name says)."""


def sniff(head: bytes) -> Optional[str]:
    """The format the first bytes of a file belong to, or None if unknown."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1", b"ftypavis"):
        return "AVIF/HEIC"
    if head[:1] == b"\x0a" and len(head) > 2 and head[1:2] in b"\x00\x02\x03\x04\x05" and head[2:3] == b"\x01":
        return "PCX"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html")):
        return "SVG/XML text"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16 text"
    return None


def real_format(path: Path) -> Optional[str]:
    """What the file's bytes say it is (None if unreadable or unknown)."""
    try:
        with open(path, "rb") as file:
            return sniff(file.read(HEAD_BYTES))
    except OSError:
        return None


def refusal(path: Path) -> Optional[str]:
    """Why the kiosk will not open this picture (a sentence with what to do), or None when it may."""
    found = real_format(path)
    if found in ALLOWED:
        return None
    shown = path.suffix.lstrip(".").upper() or "picture"
    if found is None:
        return (f"the file is named .{path.suffix.lstrip('.')} but is not a PNG, JPEG or WebP picture; "
                "save it again as PNG or JPEG")
    return (f"the file is named as a {shown} but is really {found}; the kiosk only opens PNG, JPEG and WebP "
            "(open it in a drawing program and save it as PNG)")


def open_picture(path: Path) -> Image.Image:
    """The picture opened lazily by Pillow, with only its own decoder allowed. Raises PictureRefused for any
    other format, OSError when the file cannot be read."""
    with open(path, "rb") as file:
        found = sniff(file.read(HEAD_BYTES))
    if found not in ALLOWED:
        raise PictureRefused(refusal(path) or "not a PNG, JPEG or WebP picture")
    # formats=[...]: even if the bytes changed since they were sniffed, Pillow tries no other decoder.
    # Pillow's own warnings (a large picture, a damaged text chunk) would print on `check`'s output: the
    # inspector reports what matters as problems instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Image.open(path, formats=[found])


def to_rgba(img: Image.Image) -> Image.Image:
    """The picture as 8-bit RGBA. 16- and 32-bit grey are scaled down first: Pillow's own conversion clips
    them, so a 16-bit grey PNG would come out white."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N"):
        img = img.convert("I").point(lambda v: v / 257).convert("L")
    elif img.mode == "I":
        img = img.point(lambda v: v / 257).convert("L")   # PNG's 16-bit grey, as older Pillows open it
    elif img.mode == "F":
        img = img.convert("L")
    return img.convert("RGBA")
