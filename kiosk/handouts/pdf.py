"""Lay out a handout PDF with fpdf2: a title band, the steps in a grid (picture above its numbered words), and a
clinic box with a QR code at the end, on one Letter page when the pictures can stay large, else on two.

The layout is planned before anything is drawn: each row is as tall as its longest words (measured with the
font), and the plan tries the largest pictures first, so no words run into the next row and nothing runs off the
page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Protocol

import logging

from fpdf import FPDF

from kiosk.content.config import KioskConfig
from kiosk.content.language import pick
from kiosk.draw.layout import STAGE_ASPECT, scene_layout
from kiosk.content.library import Library
from kiosk.motion.player import visible_steps
from kiosk.content.words import Words


class Picture(Protocol):
    """(scene id, step number from 1, audience, language, pixel size, printed) -> PNG bytes of the step as the
    kiosk shows it (printed: with the paper look, kiosk/handouts/pictures.py)."""

    def __call__(self, scene_id: str, number: int, audience: str, lang: str, size: tuple[int, int],
                 printed: bool = False) -> bytes: ...


PAGE_W, PAGE_H = 215.9, 279.4        # US Letter, mm (prints on A4 with "fit to page")
MARGIN = 14.0
GAP = 6.0
TITLE_H = 30.0
CLINIC_H = 46.0                      # the wide clinic box (without a logo)
LOGO_H = 14.0                        # the logo's height in the compact box (above the words)
LOGO_WIDE = (40.0, 24.0)             # the most room the logo takes in the wide box (left of the words), mm
MAX_SVG_LOGO = 2_000_000             # bytes, as the kiosk's own limit for an SVG in art/
QR_COMPACT = 30.0                    # the QR code's side in the compact clinic box
COMPACT_MIN_W = 70.0                 # narrower, a web address no longer fits on one line of the compact box
PICTURE_PX = (1024, 576)
BLEED = 0.025                        # of the stage's size, kept around it on each side
TEXT_GAP = 1.5                       # between a picture and its words
LINE_H = 4.6                         # one line of the words, mm (10.5 pt Andika)
TEXT_PT = 10.5
BADGE = 6.0                          # the step number's circle, left of the words
ONE_PAGE_MIN_W = 75.0                # a one-page handout only if its pictures stay at least this wide (mm):
                                     # smaller, the labels in them are too small to read
PLUM = (75, 42, 102)
SKY = (223, 243, 255)
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)   # the same scene makes the same file
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # its notes on unused tables are not ours to act on

WORDS = {
    "subtitle": {"en": "What happens, step by step", "es": "Lo que pasa, paso a paso"},
    "questions": {"en": "Questions? We are happy to help.", "es": "¿Preguntas? Con gusto le ayudamos."},
    "scan": {"en": "Scan for our page", "es": "Escanee para ver nuestra página"},
    "phone": {"en": "Phone", "es": "Teléfono"},
    "hours": {"en": "Hours", "es": "Horario"},
    "step": {"en": "Step", "es": "Paso"},
}


def _say(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])


class _Handout(FPDF):
    def __init__(self, fonts: Path) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.set_creation_date(FIXED_DATE)
        # Andika is the kiosk's own font: made for beginning readers, and it has every Spanish letter.
        self.add_font("Andika", "", str(fonts / "Andika-Regular.ttf"))
        self.add_font("Andika", "B", str(fonts / "Andika-Bold.ttf"))


@dataclass(frozen=True)
class Cell:
    """Where one step goes: its page (from 1), the picture's top-left corner and size, in mm."""

    page: int
    x: float
    y: float
    w: float
    pic_h: float


@dataclass(frozen=True)
class ClinicBox:
    """Where the clinic box goes: full width at the foot of a page, or compact in the last row's empty place."""

    page: int
    x: float
    y: float
    w: float
    h: float
    compact: bool


@dataclass(frozen=True)
class Plan:
    cells: tuple[Cell, ...]
    clinic: ClinicBox
    pages: int


# (box width, compact) -> the clinic box's height
ClinicHeight = Callable[[float, bool], float]


def plan(text_heights: Callable[[float], list[float]], clinic_h: ClinicHeight) -> Plan:
    """The handout's layout: the largest pictures on one page if they stay ONE_PAGE_MIN_W wide, else the largest
    on two pages (two columns, then three), else the smallest tried. `text_heights(width)` is each step's words'
    height at that text width."""
    two = _widths(2, ONE_PAGE_MIN_W)
    for w in two:
        layout = _flow(2, w, text_heights(w - BADGE), clinic_h)
        if layout.pages == 1:
            return layout
    layout = None
    for cols, w in [(2, w) for w in _widths(2, 55.0)] + [(3, w) for w in _widths(3, 40.0)]:
        layout = _flow(cols, w, text_heights(w - BADGE), clinic_h)
        if layout.pages <= 2:
            return layout
    assert layout is not None
    return layout


def _widths(cols: int, smallest: float) -> list[float]:
    """Picture widths to try for `cols` columns: the widest that fits the page, then 2 mm narrower each time."""
    widest = (PAGE_W - 2 * MARGIN - (cols - 1) * GAP) / cols
    out = []
    w = widest
    while w >= smallest:
        out.append(w)
        w -= 2.0
    return out


def _flow(cols: int, w: float, heights: list[float], clinic_h: ClinicHeight) -> Plan:
    """Rows of `cols` steps, each row as tall as its picture plus its tallest words; a row that does not fit goes
    to the next page. The clinic box takes the last row's empty place if it fits there (a three-step scene is one
    page), else the foot of the last page, else a page of its own."""
    pic_h = w / STAGE_ASPECT
    x0 = (PAGE_W - cols * w - (cols - 1) * GAP) / 2
    bottom = PAGE_H - MARGIN
    page, y = 1, MARGIN + TITLE_H + GAP
    cells: list[Cell] = []
    for start in range(0, len(heights), cols):
        row = heights[start:start + cols]
        row_h = pic_h + TEXT_GAP + max(row)
        if y + row_h > bottom and y > MARGIN:
            page, y = page + 1, MARGIN
        cells += [Cell(page, x0 + k * (w + GAP), y, w, pic_h) for k in range(len(row))]
        y += row_h + GAP
    last = cells[-1] if cells else None
    if last is not None and len(heights) % cols:
        box_w = x0 + cols * w + (cols - 1) * GAP - (last.x + w + GAP)   # to the grid's right edge
        h = clinic_h(box_w, True)
        if box_w >= COMPACT_MIN_W and last.y + h <= bottom:
            return Plan(tuple(cells), ClinicBox(page, last.x + w + GAP, last.y, box_w, h, True), page)
    h = clinic_h(PAGE_W - 2 * MARGIN, False)
    box_page = page if y + h <= bottom else page + 1
    return Plan(tuple(cells), ClinicBox(box_page, MARGIN, bottom - h, PAGE_W - 2 * MARGIN, h, False), box_page)


def make_handout(lib: Library, config: KioskConfig, scene_id: str, lang: str, picture: Picture,
                 logo_dir: Optional[Path] = None, fonts: Optional[Path] = None) -> bytes:
    """The handout's PDF bytes. `picture` draws a step; `logo_dir` is the art folder (for the clinic logo)."""
    art = logo_dir or Path("art")
    pdf, texts, layout = _planned(lib, config, scene_id, lang, art, fonts)
    _title(pdf, pick(lib.scenes[scene_id].title, lang, lib.default_lang), _say("subtitle", lang), config.clinic.name)
    for n, (cell, text) in enumerate(zip(layout.cells, texts), start=1):
        while pdf.page_no() < cell.page:
            pdf.add_page()
        png = _stage_only(picture(scene_id, n, "parents", lang, PICTURE_PX, printed=True))
        pdf.image(io.BytesIO(png), x=cell.x, y=cell.y, w=cell.w, h=cell.pic_h)
        top = cell.y + cell.pic_h + TEXT_GAP
        # The number beside the words, not on the picture: on the picture it covered a label ("Enamel").
        _badge(pdf, cell.x, top + 0.2, n)
        pdf.set_xy(cell.x + BADGE, top)
        pdf.set_font("Andika", "", TEXT_PT)
        pdf.set_text_color(*PLUM)
        pdf.multi_cell(cell.w - BADGE, LINE_H, text, align="L")
    while pdf.page_no() < layout.clinic.page:
        pdf.add_page()
    _clinic(pdf, lib, config, lang, art, layout.clinic)
    return bytes(pdf.output())


def handout_plan(lib: Library, config: KioskConfig, scene_id: str, lang: str, logo_dir: Optional[Path] = None,
                 fonts: Optional[Path] = None) -> Plan:
    """Where make_handout puts each step's picture and the clinic box (for tests and previews)."""
    return _planned(lib, config, scene_id, lang, logo_dir or Path("art"), fonts)[2]


def _planned(lib: Library, config: KioskConfig, scene_id: str, lang: str, art: Path,
             fonts: Optional[Path]) -> tuple[FPDF, list[str], Plan]:
    """A new PDF on its first page, each step's words for parents, and the layout they were measured for."""
    scene = lib.scenes[scene_id]
    pdf = _Handout(fonts or art / "fonts")
    pdf.set_title(pick(scene.title, lang, lib.default_lang))
    pdf.set_author(config.clinic.name)
    pdf.set_lang(lang)
    texts = [pick(step.text.parents or step.text.kids, lang, lib.default_lang)
             for step in visible_steps(scene, "parents")]
    pdf.add_page()   # first: fpdf2 measures words only on a page
    layout = plan(lambda width: [_text_height(pdf, text, width) for text in texts],
                  lambda width, compact: _clinic_height(pdf, lib, config, lang, art, width, compact))
    return pdf, texts, layout


def _text_height(pdf: FPDF, text: str, width: float) -> float:
    pdf.set_font("Andika", "", TEXT_PT)
    return LINE_H * len(pdf.multi_cell(width, LINE_H, text, dry_run=True, output="LINES"))


def _stage_only(png: bytes) -> bytes:
    """The step's picture without the kiosk's caption panel: the handout prints the words larger beside it."""
    from PIL import Image
    with Image.open(io.BytesIO(png)) as frame:
        x, y, w, h = scene_layout(*frame.size).stage
        # A little of the background around the stage, the same share each way (the picture stays 4:3): a label
        # the kiosk sets against the stage's edge keeps its outline instead of being cut through it.
        dx, dy = round(w * BLEED), round(h * BLEED)
        box = (max(0, x - dx), max(0, y - dy), min(frame.width, x + w + dx), min(frame.height, y + h + dy))
        out = io.BytesIO()
        # JPEG: a printed picture needs no lossless copy, and the handout stays a few hundred KB.
        frame.convert("RGB").crop(box).save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def _title(pdf: FPDF, title: str, subtitle: str, clinic: str) -> None:
    pdf.set_fill_color(*SKY)
    pdf.rect(MARGIN, MARGIN, PAGE_W - 2 * MARGIN, TITLE_H, style="F", round_corners=True, corner_radius=5)
    pdf.set_text_color(*PLUM)
    pdf.set_xy(MARGIN + 6, MARGIN + 4)
    room = PAGE_W - 2 * MARGIN - 12
    size = 20.0
    pdf.set_font("Andika", "B", size)
    while size > 12 and pdf.get_string_width(title) > room:   # a long title (often the Spanish) is made smaller
        size -= 1                                             # rather than run off the band
        pdf.set_font("Andika", "B", size)
    pdf.cell(room, 10, title)
    pdf.set_xy(MARGIN + 6, MARGIN + 16)
    pdf.set_font("Andika", "", 12)
    pdf.cell(PAGE_W - 2 * MARGIN - 12, 7, f"{subtitle} · {clinic}")


def _badge(pdf: FPDF, x: float, y: float, n: int) -> None:
    """The step's number in a plum circle, as tall as a line of the words."""
    d = LINE_H - 0.2
    pdf.set_fill_color(*PLUM)
    pdf.ellipse(x, y, d, d, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Andika", "B", 8.5)
    pdf.set_xy(x, y)
    pdf.cell(d, d, str(n), align="C")


def _clinic_lines(lib: Library, config: KioskConfig, lang: str) -> list[tuple[str, float, str]]:
    """The clinic box's words, top to bottom: (text, font size, style)."""
    c = config.clinic
    lines = [(c.name, 14.0, "B")]
    for text in (f"{_say('phone', lang)}: {c.phone}", c.address,
                 f"{_say('hours', lang)}: {c.hours}" if c.hours else "", c.url):
        if text:
            lines.append((text, 11.0, ""))
    lines.append((Words(lib.ui_texts, lib.default_lang).get("disclaimer", lang), 8.5, ""))
    return lines


def _line_h(size: float) -> float:
    return size * 0.45   # mm per line at this point size (a little over the font's own height)


def _clinic_height(pdf: FPDF, lib: Library, config: KioskConfig, lang: str, art: Path, w: float,
                   compact: bool) -> float:
    """How tall the clinic box is: the wide one is fixed (taller with a logo); the compact one, which stacks the
    QR code under the words to fit a step's empty place, as tall as its wrapped words."""
    if not compact:
        return CLINIC_H   # the logo sits left of the words
    logo = LOGO_H + 2 if _logo(config.clinic.logo, art) is not None else 0.0
    words = 0.0
    for text, size, style in _clinic_lines(lib, config, lang):
        pdf.set_font("Andika", style, size)
        words += _line_h(size) * len(pdf.multi_cell(w - 10, _line_h(size), text, dry_run=True, output="LINES"))
    return 5 + logo + words + 3 + QR_COMPACT + 5 + 4


def _clinic(pdf: FPDF, lib: Library, config: KioskConfig, lang: str, art: Path, box: "ClinicBox") -> None:
    """The clinic's logo, name, phone, address, hours and page, the disclaimer, and a QR code to the page."""
    c = config.clinic
    pdf.set_draw_color(*PLUM)
    pdf.set_line_width(0.5)
    pdf.rect(box.x, box.y, box.w, box.h, round_corners=True, corner_radius=5)
    qr = _qr_png(c.url)
    qr_size = QR_COMPACT if box.compact else CLINIC_H - 10
    text_x = box.x + 5
    text_w = box.w - 10 if box.compact else box.w - qr_size - 20
    y = box.y + 5
    logo = _logo(c.logo, art)
    if logo is not None and box.compact:   # above the words
        pdf.image(str(logo), x=text_x, y=y, h=LOGO_H)
        y += LOGO_H + 2
    elif logo is not None:                 # left of the words, so the box (and the page) is no taller
        aspect = _aspect(logo)
        w = min(LOGO_WIDE[0], LOGO_WIDE[1] * aspect)
        pdf.image(str(logo), x=text_x, y=y, w=w, h=w / aspect)
        text_x, text_w = text_x + w + 5, text_w - w - 5
    pdf.set_text_color(*PLUM)
    lines = _clinic_lines(lib, config, lang)
    for text, size, style in lines[:-1]:
        pdf.set_font("Andika", style, size)
        pdf.set_xy(text_x, y)
        pdf.multi_cell(text_w, _line_h(size), text, align="L")
        y = pdf.get_y() + (1.5 if style else 0)
    disclaimer, size, style = lines[-1]
    pdf.set_font("Andika", style, size)
    if box.compact:
        pdf.set_xy(text_x, y + 1)
        pdf.multi_cell(text_w, _line_h(size), disclaimer, align="L")
        qx, qy = box.x + (box.w - qr_size) / 2, pdf.get_y() + 3
    else:
        pdf.set_xy(box.x + 5, box.y + box.h - 9)   # under the logo too
        pdf.cell(box.w - qr_size - 20, 4, disclaimer)
        qx, qy = box.x + box.w - qr_size - 5, box.y + 3
    if qr is not None:
        pdf.image(io.BytesIO(qr), x=qx, y=qy, w=qr_size, h=qr_size)
        pdf.set_font("Andika", "", 8)
        pdf.set_xy(qx - 6, qy + qr_size)
        pdf.cell(qr_size + 12, 4, _say("scan", lang), align="C")


def _aspect(path: Path) -> float:
    """A logo's width over its height (1 if it cannot be told)."""
    try:
        if path.suffix.lower() == ".svg":
            from fpdf.svg import SVGObject
            svg = SVGObject(path.read_text(encoding="utf-8"))
            box = svg.viewbox or [0, 0, svg.width, svg.height]
            return max(0.2, min(5.0, float(box[2]) / float(box[3])))
        from PIL import Image
        with Image.open(path) as img:
            return max(0.2, min(5.0, img.width / img.height))
    except Exception:  # noqa: BLE001 - an odd file: square room, the picture is still drawn
        return 1.0


def _qr_png(url: str) -> Optional[bytes]:
    try:
        import segno
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(out, kind="png", scale=8, border=4)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a URL that cannot be a QR code: the handout still has the address
        return None


def _logo(logo: Optional[str], art: Path) -> Optional[Path]:
    """The clinic's logo if it is a picture inside the art folder that the PDF can draw: PNG, JPEG, or an SVG that
    fpdf2's own SVG reader takes (the kiosk's art rules keep SVGs to shapes, paths and fills; one it cannot read
    is left out rather than stopping the handout)."""
    if not logo:
        return None
    root = art.resolve()
    path = (root / logo).resolve()
    try:
        path.relative_to(root)
    except ValueError:
        return None
    if not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix in (".png", ".jpg", ".jpeg"):
        return path
    if suffix == ".svg" and path.stat().st_size <= MAX_SVG_LOGO:
        try:
            from fpdf.svg import SVGObject
            SVGObject(path.read_text(encoding="utf-8"))
            return path
        except Exception:  # noqa: BLE001 - any SVG the reader cannot take: no logo, the name is printed
            return None
    return None


__all__ = ["make_handout", "handout_plan", "Picture", "Plan"]
