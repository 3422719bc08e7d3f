"""The kiosk's staff menu shows the web console's address, as text and as a QR code, once it is turned on."""

from __future__ import annotations

from pathlib import Path

import pygame

from kiosk.appliance.pin import hash_pin
from kiosk.console.auth import hash_password
from kiosk_driver import Kiosk
from test_app import open_staff

PIN = f'staff:\n  pin_hash: "{hash_pin("2468")}"\n'


def _black_pixels(k: Kiosk) -> int:
    """QR modules are the only pure black on the staff screen (its words are plum)."""
    surface = k.app.display
    mask = pygame.mask.from_threshold(surface, (0, 0, 0, 255), (1, 1, 1, 255))
    return mask.count()


def test_the_console_section_shows_a_qr_code_when_the_console_is_on(tmp_path: Path) -> None:
    # Given a kiosk whose console has a password
    k = Kiosk(tmp_path, config=PIN + f'console:\n  port: 8470\n  password_hash: "{hash_password("front-desk-1")}"\n')
    open_staff(k)
    # When staff open the console section of the staff menu
    k.press_button("console")
    # Then a QR code is drawn beside the address
    assert k.current.section == "console"
    assert _black_pixels(k) > 2000


def test_the_console_section_says_how_to_turn_it_on_when_it_is_off(tmp_path: Path) -> None:
    # Given a kiosk with no console password
    k = Kiosk(tmp_path, config=PIN)
    open_staff(k)
    # When staff open the console section
    k.press_button("console")
    # Then no QR code is drawn (the words say to run kiosk set-console-password)
    assert _black_pixels(k) == 0
