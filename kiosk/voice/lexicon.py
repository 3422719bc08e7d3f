"""How the voice says words espeak-ng reads wrong. The caption stays as written; the voice is given a respelling.

espeak-ng, which turns the text into sounds for the voice, reads "911" as "nine hundred eleven", "AAPD" as one
word, "Mr." as the end of a sentence (a pause before the name) and a billing code "D3220" as "D three thousand
two hundred twenty". Each entry here says what to say instead, for one written word (matched as written, or
without the punctuation around it, which is kept). A respelling may be several spoken words; the written word
is lit for all of them.

A line with a respelling is made from `said(...)`, and that text is part of its settings' hash, so changing an
entry makes exactly the lines that use it again. Build time only, but plain Python: `kiosk check` uses it too.
"""

from __future__ import annotations

import re
from typing import Sequence

from .files import Word

_CODE = re.compile(r"^D(\d{4})$")   # a dental billing code, said digit by digit, as staff read them out

RESPELL: dict[str, dict[str, str]] = {
    "en": {
        "911": "nine one one",
        "Mr.": "Mister",            # no full stop: no pause between "Mister" and the name
        "AAPD": "Eh Eh P D",        # "Eh" is how espeak-ng gets the letter A's name on its own
        "ADA": "Eh D Eh",
        "ADA's": "Eh D Eh's",
    },
    "es": {
        "911": "nueve uno uno",
        "AAPD": "A A P D",
        "ADA": "A D A",
    },
}
_DIGITS = {"en": "zero one two three four five six seven eight nine".split(),
           "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split()}
_AROUND = "([{\"'¿¡"   # punctuation a word may start with
_AFTER = ".,;:!?)]}\"'"  # ... or end with


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def _say_word(word: str, lang: str) -> str:
    """What to say for one written word (itself when nothing is known about it)."""
    table = RESPELL.get(_base(lang), {})
    if word in table:
        return table[word]
    core = word.lstrip(_AROUND).rstrip(_AFTER)
    if not core:
        return word
    head, tail = word[:word.index(core)], word[word.index(core) + len(core):]
    said = table.get(core)
    code = _CODE.match(core)
    if said is None and code and _base(lang) in _DIGITS:
        said = "D " + " ".join(_DIGITS[_base(lang)][int(d)] for d in code.group(1))
    return word if said is None else head + said + tail


def respell(text: str, lang: str) -> list[tuple[str, str]]:
    """(written word, what is said for it) for every word of the text, in order."""
    return [(word, _say_word(word, lang)) for word in text.split()]


def said(text: str, lang: str) -> str:
    """The text the voice is given for this line."""
    return " ".join(spoken for _, spoken in respell(text, lang))


def written_words(text: str, lang: str, spoken: Sequence[Word]) -> list[Word]:
    """The timed words of the said text, back as the caption's own words: a written word spans every spoken
    word of its respelling. `spoken` must have one entry per word of `said(text, lang)`."""
    out, at = [], 0
    for word, saying in respell(text, lang):
        n = len(saying.split())
        group = spoken[at:at + n]
        out.append(Word(word, group[0].start, group[-1].end))
        at += n
    return out
