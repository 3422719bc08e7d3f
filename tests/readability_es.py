"""Fernández-Huerta reading ease of Spanish text, with a rule-based Spanish syllable counter.

Why not `textstat`: its Spanish syllable count comes from pyphen's hyphenation dictionary, which only marks
where a word may be broken at a line end. Hyphenation never splits a vowel from its neighbour, so every
hiatus is lost (agua=1, raíces=2, pulpotomía=4, poeta=2) and the score comes out easier than the text is.
Spanish syllables follow from its vowels, so they can be counted by rule:

- each run of vowels is one syllable, unless two neighbouring vowels are in hiatus: two strong vowels
  (a, e, o: po-e-ta) or a stressed weak vowel next to any vowel (ra-í-ces, pul-po-to-mí-a);
- an unstressed weak vowel (i, u, ü) joins its neighbour in a diphthong (a-gua, cie-lo, cui-da);
- "y" is a vowel only where no vowel follows it (hoy, muy, the word "y"); before a vowel it is a consonant;
- numbers are read aloud ("911" as nueve, uno, uno) and all-capital abbreviations letter by letter
  ("MTA" as eme, te, a), both counted as they are spoken: their syllables, and as many words as are said
  (a dental code such as D3220 is five spoken words, "de tres dos dos cero", not one long word).

    Fernández-Huerta = 206.84 - 60 * (syllables / words) - 1.02 * (words / sentences)

(the form in Law's 2011 correction, which textstat uses: 90-100 very easy, 80-90 easy, 70-80 fairly easy).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ0-9]+")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s»\"”)]|$)")
_STRONG = set("aeoáéó")
_STRESSED_WEAK = set("íú")
_WEAK = set("iuü")
_VOWELS = _STRONG | _STRESSED_WEAK | _WEAK

# The spoken numbers 0-30 and the Spanish letter names (for abbreviations), counted by the same rules.
_NUMBER_NAMES = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco "
    "veintiséis veintisiete veintiocho veintinueve treinta"
).split()
_LETTER_NAMES = dict(zip(
    "abcdefghijklmnñopqrstuvwxyz",
    "a be ce de e efe ge hache i jota ka ele eme ene eñe o pe cu erre ese te u uve uvedoble equis ye zeta".split(),
))


def _in_hiatus(first: str, second: str) -> bool:
    """Two neighbouring vowels that are spoken as two syllables."""
    if first in _STRESSED_WEAK or second in _STRESSED_WEAK:
        return True
    return first in _STRONG and second in _STRONG


def _is_vowel(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return True
    # "y" sounds as the vowel i only where no vowel follows it (hoy, muy, y), never as in "ayuda".
    return ch == "y" and (i + 1 == len(word) or word[i + 1] not in _VOWELS)


def _word_syllables(word: str) -> int:
    count, previous = 0, ""
    for i, ch in enumerate(word):
        if not _is_vowel(word, i):
            previous = ""
            continue
        vowel = "i" if ch == "y" else ch
        if not previous or _in_hiatus(previous, vowel):
            count += 1
        previous = vowel
    return max(1, count)


def _number_syllables(digits: str) -> int:
    value = int(digits)
    if value < len(_NUMBER_NAMES) and not (len(digits) > 1 and digits.startswith("0")):
        return _word_syllables(_NUMBER_NAMES[value])
    # Longer numbers (phone numbers, codes): read digit by digit, which is how "911" is said.
    return sum(_word_syllables(_NUMBER_NAMES[int(d)]) for d in digits)


def syllables(word: str) -> int:
    """Syllables of one Spanish word, number or abbreviation, as it is spoken."""
    if not word:
        raise ValueError("no word to count")
    if word.isdigit():
        return _number_syllables(word)
    letters = re.match(r"^([A-Za-zÁÉÍÓÚÜÑáéíóúüñ]*)(\d*)$", word)
    if letters and letters.group(2):  # a code such as D3220: the letters, then the number
        return syllables(letters.group(1)) + _number_syllables(letters.group(2)) if letters.group(1) \
            else _number_syllables(letters.group(2))
    if len(word) > 1 and word.isupper():
        return sum(_word_syllables(_LETTER_NAMES.get(ch, ch)) for ch in word.lower())
    return _word_syllables(word.lower())


def spoken_words(word: str) -> int:
    """How many words are said aloud for one written word: one, or one per letter or digit read out."""
    letters = re.match(r"^([A-Za-zÁÉÍÓÚÜÑáéíóúüñ]*)(\d*)$", word)
    if not letters:
        return 1
    head, digits = letters.groups()
    if digits:
        number_words = 1 if int(digits) < len(_NUMBER_NAMES) and not (len(digits) > 1 and digits[0] == "0") \
            else len(digits)
        return (spoken_words(head) if head else 0) + number_words
    return len(head) if len(head) > 1 and head.isupper() else 1


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    """Sentences end with . ! or ? before a space, a closing quote or the end; a text with none is one."""
    ends = len(_SENTENCE_END.findall(text.strip()))
    return ends if ends else (1 if text.strip() else 0)


def fernandez_huerta(text: str) -> float:
    """Reading ease of Spanish text: higher is easier (80 or more is easy for a 5th grader)."""
    found = words(text)
    if not found:
        raise ValueError("no words to measure")
    total = sum(syllables(word) for word in found)
    said = sum(spoken_words(word) for word in found)
    return 206.84 - 60 * (total / said) - 1.02 * (said / sentences(text))
