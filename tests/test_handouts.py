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
from kiosk.handouts.pdf import handout_plan, make_handout
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


@pytest.fixture(scope="module")
def made(pictures, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Each handout made once for the module's tests: (scene, language) -> the PDF file."""
    folder = tmp_path_factory.mktemp("handouts")
    cache: dict[tuple[str, str], Path] = {}

    def make(scene_id: str, lang: str) -> Path:
        if (scene_id, lang) not in cache:
            path = folder / f"{scene_id}-{lang}.pdf"
            path.write_bytes(make_handout(LIB, CONFIG, scene_id, lang, pictures, logo_dir=REPO / "art"))
            cache[scene_id, lang] = path
        return cache[scene_id, lang]
    return make


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("scene_id,lang", CASES)
def test_a_handout_has_the_scene_its_words_the_clinic_and_pictures(scene_id: str, lang: str, made,
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Given a scene and a language
    steps = visible_steps(LIB.scenes[scene_id], "parents")
    # When its handout is made and its pages are turned into pictures
    pdf = made(scene_id, lang)
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


@pytest.mark.parametrize("scene_id,lang", CASES)
def test_every_step_place_on_a_handout_shows_a_coloured_picture(scene_id: str, lang: str, made,
                                                                tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Given a scene's handout, its pages turned into pictures
    pdf = made(scene_id, lang)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    # When each step's place on its page is looked at (from the layout's own plan)
    layout = handout_plan(LIB, CONFIG, scene_id, lang, logo_dir=REPO / "art")
    shares = [_coloured_share(pages[cell.page - 1], (cell.x, cell.y, cell.x + cell.w, cell.y + cell.pic_h))
              for cell in layout.cells]
    # Then every one shows a coloured picture: not blank paper (0 %), nor the screen's focus look that greys all
    # but one part (printed with it, new-tooth step 1 was 1.6 % and six more focus steps 0.7-3.7 %; the sparsest
    # honest picture, happy-air's last, is 4.5 %)
    assert min(shares) > 0.04, [f"step {n}: {share:.1%}" for n, share in enumerate(shares, start=1)]


def test_a_three_step_handout_fits_on_one_page_with_the_clinic_beside_the_last_step() -> None:
    # Given a scene of three steps for parents
    scene_id = next(sid for sid, sc in LIB.scenes.items() if len(visible_steps(sc, "parents")) == 3)
    # When its handout is laid out
    layout = handout_plan(LIB, CONFIG, scene_id, "en", logo_dir=REPO / "art")
    # Then it is one page, and the clinic box takes the empty place beside step 3
    assert layout.pages == 1
    third = layout.cells[2]
    assert layout.clinic.compact and layout.clinic.x > third.x + third.w and layout.clinic.y == third.y


@pytest.mark.parametrize("scene_id,lang", CASES)
def test_no_words_on_a_handout_run_over_a_picture_or_off_the_page(scene_id: str, lang: str, made) -> None:  # type: ignore[no-untyped-def]
    # Given a scene's handout and where its plan put the pictures
    pdf = made(scene_id, lang)
    layout = handout_plan(LIB, CONFIG, scene_id, lang, logo_dir=REPO / "art")
    # When every word's place on its page is read back from the PDF
    words = _word_boxes(pdf)
    # Then no word sits on a step's picture (long words once ran into the next row) and none leaves the margins
    mm = 25.4 / 72
    for page, (x0, y0, x1, y1), word in words:
        cx, cy = (x0 + x1) / 2 * mm, (y0 + y1) / 2 * mm
        on = [n for n, c in enumerate(layout.cells, start=1)
              if c.page == page and c.x < cx < c.x + c.w and c.y < cy < c.y + c.pic_h]
        assert not on, f"'{word}' on page {page} sits on the picture of step {on}"
        assert handout_pdf.MARGIN - 1 < cy < handout_pdf.PAGE_H - handout_pdf.MARGIN + 1, (word, page)


def _coloured_share(page: Path, box_mm: tuple[float, float, float, float]) -> float:
    """The share of clearly coloured pixels in a box of a page rendered at 30 dpi."""
    from PIL import Image
    px_per_mm = 30 / 25.4
    with Image.open(page) as img:
        crop = img.convert("HSV").crop(tuple(round(v * px_per_mm) for v in box_mm))
        saturation = crop.getchannel("S").histogram()
    return sum(saturation[60:]) / max(1, sum(saturation))


def _word_boxes(pdf: Path) -> list[tuple[int, tuple[float, float, float, float], str]]:
    """(page from 1, box in points, word) for every word poppler finds in the PDF."""
    import html
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    boxes, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if found:
            x0, y0, x1, y1 = (float(v) for v in found.groups()[:4])
            boxes.append((page, (x0, y0, x1, y1), html.unescape(found.group(5))))
    return boxes


@pytest.mark.parametrize("logo", ["icons/clinic.svg", "not-there.svg", "../kiosk.yaml"])
def test_the_clinic_logo_is_printed_when_it_is_a_picture_in_the_art_folder(logo: str, pictures, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Given a clinic whose logo is an SVG in the art folder (as docs/configuration.md suggests), a missing file, or
    # a path outside the art folder
    config = CONFIG.model_copy(update={"clinic": CONFIG.clinic.model_copy(update={"logo": logo})})
    # When a handout is made
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(make_handout(LIB, config, "new-tooth", "en", pictures, logo_dir=REPO / "art"))
    # Then the SVG logo is drawn at the top of the clinic box, above the clinic's name (as vector shapes); a missing
    # logo or one outside the art folder leaves the name at the top; the handout is made either way
    box = handout_plan(LIB, config, "new-tooth", "en", logo_dir=REPO / "art").clinic
    mm = 25.4 / 72
    first = CONFIG.clinic.name.split()[0]
    name_y = [y0 * mm for page, (x0, y0, _, _), word in _word_boxes(pdf)
              if page == box.page and word == first and box.x <= x0 * mm <= box.x + box.w and y0 * mm >= box.y]
    below_logo = min(name_y) > box.y + handout_pdf.LOGO_H   # the name is the box's first line of words
    assert below_logo == (logo == "icons/clinic.svg"), (name_y, box)


def test_a_logo_beside_the_clinic_details_takes_no_extra_page(pictures, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Given a four-step scene whose handout is one page, with its clinic details across the foot of the page
    plain = handout_plan(LIB, CONFIG, "sugar-bugs", "en", logo_dir=REPO / "art")
    assert plain.pages == 1 and not plain.clinic.compact
    # When the clinic has an SVG logo
    config = CONFIG.model_copy(update={"clinic": CONFIG.clinic.model_copy(update={"logo": "icons/clinic.svg"})})
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(make_handout(LIB, config, "sugar-bugs", "en", pictures, logo_dir=REPO / "art"))
    # Then the handout is still one page, and the clinic's name starts right of the logo
    box = handout_plan(LIB, config, "sugar-bugs", "en", logo_dir=REPO / "art").clinic
    assert box.page == 1
    mm = 25.4 / 72
    first = CONFIG.clinic.name.split()[0]
    name = min((y0 * mm, x0 * mm) for page, (x0, y0, _, _), word in _word_boxes(pdf)
               if page == 1 and word == first and y0 * mm >= box.y)
    assert name[1] > box.x + 15
