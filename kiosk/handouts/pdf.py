"""Lay out a handout PDF with fpdf2: a title band, the steps in a grid (picture above its words), and a
clinic box with a QR code at the end. One or two Letter pages; the grid gets a third column when a scene has
too many steps for two pages."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import logging

from fpdf import FPDF

from kiosk.content.config import KioskConfig
from kiosk.content.language import pick
from kiosk.draw.layout import STAGE_ASPECT, scene_layout
from kiosk.content.library import Library
from kiosk.motion.player import visible_steps
from kiosk.content.words import Words

# (scene id, step number from 1, audience, language, pixel size) -> PNG bytes of the step as the kiosk shows it
Picture = Callable[[str, int, str, str, tuple[int, int]], bytes]

PAGE_W, PAGE_H = 215.9, 279.4        # US Letter, mm (prints on A4 with "fit to page")
MARGIN = 14.0
GAP = 6.0
TITLE_H = 30.0
CLINIC_H = 46.0
PICTURE_PX = (1024, 576)
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


def make_handout(lib: Library, config: KioskConfig, scene_id: str, lang: str, picture: Picture,
                 logo_dir: Optional[Path] = None, fonts: Optional[Path] = None) -> bytes:
    """The handout's PDF bytes. `picture` draws a step; `logo_dir` is the art folder (for the clinic logo)."""
    scene = lib.scenes[scene_id]
    steps = visible_steps(scene, "parents")
    art = logo_dir or Path("art")
    pdf = _Handout(fonts or art / "fonts")
    pdf.set_title(pick(scene.title, lang, lib.default_lang))
    pdf.set_author(config.clinic.name)
    pdf.set_lang(lang)
    pdf.add_page()
    _title(pdf, pick(scene.title, lang, lib.default_lang), _say("subtitle", lang), config.clinic.name)
    cols, rows_first, rows_next, cell_w, pic_h, text_h = _grid(len(steps))
    x0, y = MARGIN, MARGIN + TITLE_H + GAP
    row = col = 0
    page_rows = rows_first
    for n, step in enumerate(steps, start=1):
        if row == page_rows:
            pdf.add_page()
            y, row, page_rows = MARGIN, 0, rows_next
        x = x0 + col * (cell_w + GAP)
        top = y + row * (pic_h + text_h + GAP)
        png = _stage_only(picture(scene_id, n, "parents", lang, PICTURE_PX))
        pdf.image(io.BytesIO(png), x=x, y=top, w=cell_w, h=pic_h)
        _badge(pdf, x + 2, top + 2, n)
        words = step.text.parents or step.text.kids
        pdf.set_xy(x, top + pic_h + 1.5)
        pdf.set_font("Andika", "", 10.5)
        pdf.set_text_color(*PLUM)
        pdf.multi_cell(cell_w, 4.6, pick(words, lang, lib.default_lang), align="L")
        col += 1
        if col == cols:
            col, row = 0, row + 1
    clinic_top = PAGE_H - MARGIN - CLINIC_H
    used = y + (row + (1 if col else 0)) * (pic_h + text_h + GAP)
    if used > clinic_top and pdf.page_no() < 2:
        pdf.add_page()
    _clinic(pdf, lib, config, lang, art)
    return bytes(pdf.output())


def _grid(count: int) -> tuple[int, int, int, float, float, float]:
    """Columns, rows on page 1, rows on page 2, cell width, picture height, words height: the largest
    pictures for which every step and the clinic box fit on two pages."""
    for cols in (2, 3, 4):
        cell_w = (PAGE_W - 2 * MARGIN - (cols - 1) * GAP) / cols
        pic_h = cell_w / STAGE_ASPECT
        text_h = 22.0 if cols == 2 else 27.0
        cell_h = pic_h + text_h + GAP
        first = int((PAGE_H - 2 * MARGIN - TITLE_H) // cell_h)
        second = int((PAGE_H - 2 * MARGIN - CLINIC_H) // cell_h)
        if count <= (first + second) * cols:
            break
    return cols, first, second, cell_w, pic_h, text_h


def _stage_only(png: bytes) -> bytes:
    """The step's picture without the kiosk's caption panel: the handout prints the words larger beside it."""
    from PIL import Image
    with Image.open(io.BytesIO(png)) as frame:
        x, y, w, h = scene_layout(*frame.size).stage
        out = io.BytesIO()
        # JPEG: a printed picture needs no lossless copy, and the handout stays a few hundred KB.
        frame.convert("RGB").crop((x, y, x + w, y + h)).save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def _title(pdf: FPDF, title: str, subtitle: str, clinic: str) -> None:
    pdf.set_fill_color(*SKY)
    pdf.rect(MARGIN, MARGIN, PAGE_W - 2 * MARGIN, TITLE_H, style="F", round_corners=True, corner_radius=5)
    pdf.set_text_color(*PLUM)
    pdf.set_xy(MARGIN + 6, MARGIN + 4)
    pdf.set_font("Andika", "B", 20)
    pdf.cell(PAGE_W - 2 * MARGIN - 12, 10, title)
    pdf.set_xy(MARGIN + 6, MARGIN + 16)
    pdf.set_font("Andika", "", 12)
    pdf.cell(PAGE_W - 2 * MARGIN - 12, 7, f"{subtitle} · {clinic}")


def _badge(pdf: FPDF, x: float, y: float, n: int) -> None:
    pdf.set_fill_color(*PLUM)
    pdf.ellipse(x, y, 7, 7, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Andika", "B", 10)
    pdf.set_xy(x, y + 0.6)
    pdf.cell(7, 6, str(n), align="C")


def _clinic(pdf: FPDF, lib: Library, config: KioskConfig, lang: str, art: Path) -> None:
    c = config.clinic
    top = PAGE_H - MARGIN - CLINIC_H
    width = PAGE_W - 2 * MARGIN
    pdf.set_draw_color(*PLUM)
    pdf.set_line_width(0.5)
    pdf.rect(MARGIN, top, width, CLINIC_H, round_corners=True, corner_radius=5)
    qr = _qr_png(c.url)
    qr_size = CLINIC_H - 10
    text_x = MARGIN + 6
    logo = _logo(c.logo, art)
    if logo is not None:
        pdf.image(str(logo), x=text_x, y=top + 5, h=14)
        text_x_line = top + 21
    else:
        text_x_line = top + 5
    pdf.set_text_color(*PLUM)
    pdf.set_xy(text_x, text_x_line)
    pdf.set_font("Andika", "B", 14)
    pdf.cell(width - qr_size - 20, 7, c.name)
    pdf.set_font("Andika", "", 11)
    lines = [f"{_say('phone', lang)}: {c.phone}", c.address, f"{_say('hours', lang)}: {c.hours}" if c.hours else "",
             c.url]
    y = pdf.get_y() + 7
    for line in [ln for ln in lines if ln]:
        pdf.set_xy(text_x, y)
        pdf.cell(width - qr_size - 20, 5, line)
        y += 5
    words = Words(lib.ui_texts, lib.default_lang)
    pdf.set_xy(text_x, top + CLINIC_H - 9)
    pdf.set_font("Andika", "", 8.5)
    pdf.cell(width - qr_size - 20, 4, words.get("disclaimer", lang))
    if qr is not None:
        qx = MARGIN + width - qr_size - 5
        pdf.image(io.BytesIO(qr), x=qx, y=top + 3, w=qr_size, h=qr_size)
        pdf.set_font("Andika", "", 8)
        pdf.set_xy(qx - 6, top + 3 + qr_size)
        pdf.cell(qr_size + 12, 4, _say("scan", lang), align="C")


def _qr_png(url: str) -> Optional[bytes]:
    try:
        import segno
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(out, kind="png", scale=8, border=4)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a URL that cannot be a QR code: the handout still has the address
        return None


def _logo(logo: Optional[str], art: Path) -> Optional[Path]:
    """The clinic's logo if it is a raster picture inside the art folder (the PDF cannot take SVG)."""
    if not logo:
        return None
    root = art.resolve()
    path = (root / logo).resolve()
    try:
        path.relative_to(root)
    except ValueError:
        return None
    return path if path.is_file() and path.suffix.lower() in (".png", ".jpg", ".jpeg") else None



__all__ = ["make_handout", "Picture"]
