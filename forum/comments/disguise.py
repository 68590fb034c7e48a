"""Undo the spellings that hide a word from a model or a word list: "r3t@rd", "f.a.g", "g o o k".

Trolls swap letters for look-alike digits and symbols and put dots or spaces between the
letters. `undisguise` returns the text as it reads; it only rewrites tokens that mix letters
with such characters (years, prices and plain words stay as they are).
"""

import re
import unicodedata

LOOK_ALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "6": "g",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
    }
)
# A look-alike between letters ("r3tard", "ch!nk", "fa66ot"), not "3rd", "covid19" or "no!".
_MIXED = re.compile(r"[a-z]+[0-9@$!]+[a-z][a-z0-9@$!]*")
# Letters split by single dots, spaces or dashes: "f.a.g.g.o.t", "r e t a r d", "g-o-o-k".
_SPACED = re.compile(r"\b(?:[a-z][.\- ]){2,}[a-z]\b")
# Dots inside a word: "re.tar.ded".
_DOTTED = re.compile(r"\b[a-z]{2,}(?:\.[a-z]{1,})+\b")


def undisguise(text):
    """Return `text` with look-alike characters and split letters put back together."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _SPACED.sub(lambda m: re.sub(r"[.\- ]", "", m.group()), text)
    text = _DOTTED.sub(
        lambda m: m.group().replace(".", "") if _is_split_word(m) else m.group(), text
    )
    return _MIXED.sub(lambda m: m.group().translate(LOOK_ALIKES), text)


def _is_split_word(match):
    # "re.tar.ded" is one word; "e.g" or "u.s" or a sentence's end ("live.and") are not.
    parts = match.group().split(".")
    return len(parts) >= 3 and all(len(part) <= 4 for part in parts)
