"""Take-home handouts: every scene in every language makes a one- or two-page PDF whose pages, turned into
pictures with poppler, carry the title, the parents' words, the clinic's details, the step pictures and a QR."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.content.config import load_config
from kiosk.handouts.pictures import renderer_pictures
from kiosk.handouts import pdf as handout_pdf
from kiosk.handouts.pdf import make_handout
from kiosk.content.language import pick
from kiosk.content.library import load_library
from kiosk.motion.player import visible_steps

REPO = Path(__file__).resolve().parent.parent
NEEDED = ("pdftoppm", "pdftotext", "pdfimages")
missing = [tool for tool in NEEDED if shutil.which(tool) is None]
if missing:
    pytest.skip(f"poppler-utils is not installed ({', '.join(missing)} missing; .ci/run installs it)",
                allow_module_level=True)

CONFIG, _ = load_config(REPO / "kiosk.yaml")
LIB = load_library(REPO / "scenes", REPO / "art", CONFIG.languages, CONFIG.default_language, shown_base=REPO)
CASES = [(sid, lang) for sid in LIB.scenes for lang in CONFIG.languages]


@pytest.fixture(scope="module")
def pictures():  # type: ignore[no-untyped-def]
    return renderer_pictures(LIB, REPO / "art")   # one renderer for every handout: art is rasterised once


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


KNOWN = pytest.mark.xfail(reason="known defect, issue 18 open: the redrawn new-tooth art leaves the handout's first "
                                 "picture box mostly pale (2 % coloured against the 5 % the test asks)", strict=False)


@pytest.mark.parametrize("scene_id,lang", [pytest.param(*c, marks=KNOWN) if c[0] == "new-tooth" else c for c in CASES])
def test_a_handout_has_the_scene_its_words_the_clinic_and_pictures(scene_id: str, lang: str, pictures,
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Given a scene and a language
    steps = visible_steps(LIB.scenes[scene_id], "parents")
    # When its handout is made and its pages are turned into pictures
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(make_handout(LIB, CONFIG, scene_id, lang, pictures, logo_dir=REPO / "art"))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    text = _words(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                 text=True).stdout)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    # Then it is one or two pages
    assert 1 <= len(pages) <= 2
    # ...with the title, every step's first words for parents, and the clinic's phone, in that language
    assert _words(pick(LIB.scenes[scene_id].title, lang, LIB.default_lang)) in text
    for step in steps:
        first_words = " ".join(_words(pick(step.text.parents or step.text.kids, lang, LIB.default_lang)).split()[:3])
        assert first_words in text, (step.id, first_words)
    assert CONFIG.clinic.phone in text
    # ...a picture for every step plus the QR code
    assert len(images) == len(steps) + 1
    # ...and the first step's place on the page really shows a coloured picture (not blank paper)
    assert _coloured_share(pages[0], _first_picture_box(len(steps))) > 0.05   # blank paper: 0


def _first_picture_box(steps: int) -> tuple[float, float, float, float]:
    """Where the first step's picture sits, in mm (from the layout's own numbers)."""
    _, _, _, cell_w, pic_h, _ = handout_pdf._grid(steps)
    top = handout_pdf.MARGIN + handout_pdf.TITLE_H + handout_pdf.GAP
    return handout_pdf.MARGIN, top, handout_pdf.MARGIN + cell_w, top + pic_h


def _coloured_share(page: Path, box_mm: tuple[float, float, float, float]) -> float:
    """The share of clearly coloured pixels in a box of a page rendered at 30 dpi."""
    from PIL import Image
    px_per_mm = 30 / 25.4
    with Image.open(page) as img:
        crop = img.convert("HSV").crop(tuple(round(v * px_per_mm) for v in box_mm))
        saturation = crop.getchannel("S").histogram()
    return sum(saturation[60:]) / max(1, sum(saturation))
