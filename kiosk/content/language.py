"""Choosing the right words for the reader's language, with a fallback to the default language."""

from __future__ import annotations

from typing import Mapping, Optional

# Each language's own name, as a reader of that language looks for it on the switch.
NATIVE_NAMES: dict[str, str] = {
    "en": "English", "es": "Español", "fr": "Français", "pt": "Português", "pt-BR": "Português",
    "de": "Deutsch", "it": "Italiano", "zh": "中文", "vi": "Tiếng Việt", "ko": "한국어", "tl": "Tagalog",
    "ar": "العربية", "ru": "Русский", "ht": "Kreyòl ayisyen", "pl": "Polski", "ja": "日本語", "hi": "हिन्दी",
    "so": "Soomaali", "nl": "Nederlands", "uk": "Українська",
}


def native_name(lang: str) -> str:
    return NATIVE_NAMES.get(lang, lang)


def pick(text: Optional[Mapping[str, str]], lang: str, default_lang: str) -> str:
    """The text in `lang`, else the default language, else any language it has; '' for no text."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    if default_lang in text:
        return text[default_lang]
    return next(iter(text.values()))
