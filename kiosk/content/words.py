"""The kiosk's own words (buttons, prompts, staff menu) in English and Spanish.

A clinic can change or translate any of them in `scenes/ui.yaml` (`texts: {key: {lang: text}}`); words not
found there come from these defaults, then from the default language.
"""

from __future__ import annotations

import re
from typing import Mapping

from kiosk.content.language import pick

DEFAULT_WORDS: dict[str, dict[str, str]] = {
    "touch_to_start": {"en": "Touch to start!", "es": "¡Toca para empezar!"},
    "still_watching": {"en": "Still watching?", "es": "¿Sigues ahí?"},
    "still_watching_hint": {"en": "Touch the screen to keep going.", "es": "Toca la pantalla para seguir."},
    "yes_here": {"en": "Yes!", "es": "¡Sí!"},
    "kids": {"en": "Kids", "es": "Niños"},
    "parents": {"en": "Parents", "es": "Papás"},
    "faq": {"en": "Questions", "es": "Preguntas"},
    "clinic": {"en": "Contact", "es": "Contacto"},
    "home": {"en": "Menu", "es": "Menú"},
    "watch_again": {"en": "Watch again", "es": "Ver otra vez"},
    "menu": {"en": "Menu", "es": "Menú"},
    "up_next": {"en": "Next", "es": "Siguiente"},
    "the_end": {"en": "All done!", "es": "¡Terminamos!"},
    "how_do_you_feel": {"en": "How do you feel?", "es": "¿Cómo te sientes?"},
    "pick_a_sticker": {"en": "Pick a sticker!", "es": "¡Elige una calcomanía!"},
    "you_were_brave": {"en": "You were so brave!", "es": "¡Fuiste muy valiente!"},
    "play_again": {"en": "Play again", "es": "Jugar otra vez"},
    "choose": {"en": "What do you want to see?", "es": "¿Qué quieres ver?"},
    "no_scenes": {"en": "New pictures are coming soon. Ask us about your visit!",
                  "es": "Pronto habrá dibujos nuevos. ¡Pregúntenos sobre su visita!"},
    "faq_title": {"en": "Questions parents ask", "es": "Preguntas de los papás"},
    "faq_pick": {"en": "Choose a question.", "es": "Elija una pregunta."},
    "open_scene": {"en": "Show me", "es": "Mostrar"},
    "disclaimer": {"en": "This is general information. Your dentist will explain what is right for your child.",
                   "es": "Esta es información general. Su dentista le explicará qué es lo mejor para su hijo o hija."},
    "call_us": {"en": "Call us", "es": "Llámenos"},
    "hours": {"en": "Hours", "es": "Horario"},
    "address": {"en": "Address", "es": "Dirección"},
    # Staff (front desk) words
    "staff_pin": {"en": "Staff PIN", "es": "PIN del personal"},
    "pin_wrong": {"en": "Wrong PIN", "es": "PIN incorrecto"},
    "pin_locked": {"en": "Locked. Try again in {seconds} s", "es": "Bloqueado. Intente de nuevo en {seconds} s"},
    "pin_not_set": {"en": "No PIN set. Run: kiosk set-pin", "es": "No hay PIN. Ejecute: kiosk set-pin"},
    "staff_menu": {"en": "Staff menu", "es": "Menú del personal"},
    "reload": {"en": "Reload scenes", "es": "Recargar escenas"},
    "problems": {"en": "Problems", "es": "Problemas"},
    "no_problems": {"en": "No problems found.", "es": "No se encontraron problemas."},
    "scenes": {"en": "Scenes", "es": "Escenas"},
    "cleaning": {"en": "Cleaning mode", "es": "Modo limpieza"},
    "cleaning_left": {"en": "Cleaning: touch is off for {seconds} s", "es": "Limpieza: pantalla táctil apagada {seconds} s"},
    "sound": {"en": "Sound", "es": "Sonido"},
    "on": {"en": "On", "es": "Encendido"},
    "off": {"en": "Off", "es": "Apagado"},
    "volume": {"en": "Volume", "es": "Volumen"},
    "narration": {"en": "Read aloud", "es": "Leer en voz alta"},
    "narration_off": {"en": "never", "es": "nunca"},
    "narration_kids": {"en": "for kids", "es": "para niños"},
    "narration_everyone": {"en": "for everyone", "es": "para todos"},
    "tap_to_hear": {"en": "Tap to hear", "es": "Tocar para oír"},
    "diagnostics": {"en": "Diagnostics", "es": "Diagnóstico"},
    "usage": {"en": "Usage", "es": "Uso"},
    "console": {"en": "Web console", "es": "Consola web"},
    "console_open": {"en": "From a computer or tablet on the clinic network, open:",
                     "es": "Desde una computadora o tableta de la red de la clínica, abra:"},
    "console_off": {"en": "The web console is off. To turn it on, run  kiosk set-console-password  on this computer.",
                    "es": "La consola web está apagada. Para encenderla, ejecute  kiosk set-console-password  en "
                          "esta computadora."},
    "exit": {"en": "Exit kiosk", "es": "Salir del quiosco"},
    "back": {"en": "Back", "es": "Atrás"},
    "enabled": {"en": "shown", "es": "visible"},
    "disabled": {"en": "hidden", "es": "oculta"},
    "reloaded": {"en": "Reloaded: {scenes} scenes, {errors} errors", "es": "Recargado: {scenes} escenas, {errors} errores"},
    # What the clinic card's code really opens: the clinic's web page, nothing more
    "scan_website": {"en": "Scan with a phone camera to open our website", "es": "Escanee con la cámara de su teléfono para abrir nuestra página web"},
    # Staff: leaving the kiosk asks first
    "exit_confirm": {"en": "Exit the kiosk? Press \"Yes, exit\" to stop it.", "es": "¿Salir del quiosco? Pulse \"Sí, salir\" para detenerlo."},
    "exit_yes": {"en": "Yes, exit", "es": "Sí, salir"},
    "exit_no": {"en": "No, stay", "es": "No, seguir"},
}


class Words:
    """Looks up the kiosk's own words: clinic overrides first, then the defaults."""

    def __init__(self, overrides: Mapping[str, Mapping[str, str]], default_lang: str) -> None:
        self.overrides = overrides
        self.default_lang = default_lang

    def get(self, key: str, lang: str, **values: object) -> str:
        """The clinic's words in this language, else ours in this language, else the default language's."""
        own, ours = self.overrides.get(key) or {}, DEFAULT_WORDS.get(key) or {}
        text = own.get(lang) or ours.get(lang) or pick(own, lang, self.default_lang) or pick(
            ours, lang, self.default_lang) or key
        if not values:
            return text
        try:
            if stray_brace(text):
                raise KeyError(text)
            return fill(text, values)
        except KeyError:  # a clinic's {name} we do not fill: show ours instead
            return fill(pick(ours, lang, self.default_lang), values) if ours else text


# Only {name} is ever filled in. str.format would also obey a format spec written in the file, and
# "{seconds:>999999999}" asks it for a string of a billion spaces (8.6 GB).
_FIELD = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}")


def fill(text: str, values: Mapping[str, object]) -> str:
    """`text` with each {name} replaced by its value ({{ and }} are braces). KeyError for a name not given."""
    def one(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole in ("{{", "}}"):
            return whole[0]
        return str(values[match.group(1)])
    return _FIELD.sub(one, text)


def placeholders(text: str) -> set[str]:
    """The {names} a text expects to be filled in."""
    return {name for name in _FIELD.findall(text) if name}


def stray_brace(text: str) -> bool:
    """Whether the text has a brace that is not part of a plain {name} (or {{ / }})."""
    return "{" in _FIELD.sub("", text) or "}" in _FIELD.sub("", text)
