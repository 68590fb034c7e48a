"""Undo the spellings that hide a word from a model or a word list: "r3t@rd", "f.a.g", "g o o k".

Trolls swap letters for look-alike digits, symbols or Cyrillic letters, put dots, spaces or
invisible characters between the letters, mask a letter with an asterisk or stretch a word
("stuuupid"). `undisguise` returns the text as it reads; it only rewrites tokens that mix
letters with such characters, or that read as a word of forum/comments/lexicon.py once put
back together (years, prices, hyphenated words and plain words stay as they are).
`outside_quotes` is what the abuse patterns read: the undisguised text without its quotations.
"""

import re
import unicodedata
from functools import cache, lru_cache

from forum.comments.lexicon import KNOWN_WORDS

LOOK_ALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "6": "g",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "€": "e",
        "+": "t",
    }
)
# Cyrillic and Greek letters that look Latin: "іdіot" typed with a Cyrillic "і" reads "idiot"
# to a person, not to the model. Only tokens that mix them with Latin letters are rewritten,
# so Russian or Greek text is left alone.
_HOMOGLYPH_LETTERS = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ԁ": "d", "ɡ": "g",
    # Greek
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
    # Other scripts' round letters and digits, and Latin letters with a stroke
    "๐": "o", "〇": "o", "ø": "o", "ı": "i", "ł": "l",
}  # fmt: skip
HOMOGLYPHS = str.maketrans(_HOMOGLYPH_LETTERS)
_HOMOGLYPH_CHARS = "".join(_HOMOGLYPH_LETTERS)
# Characters that print as nothing: a zero-width space inside "id\u200biot" hides it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# A look-alike between letters ("r3tard", "ch!nk", "fa66ot"), not "3rd", "covid19" or "no!".
# Bounded and anchored at a word's start, so a long run of letters costs no backtracking.
_MIXED = re.compile(r"(?<![a-z])[a-z]{1,30}[0-9@$!|€+]{1,5}[a-z][a-z0-9@$!|€+]{0,30}")
# A look-alike first ("1diot", "@ss"): rewritten only when it then reads as a known word.
_LEADING = re.compile(r"(?<![\w@$!|€+])[0-9@$!|€+]{1,5}[a-z][a-z0-9@$!|€+]{0,30}")
# Letters split by single dots, spaces, dashes, underscores or asterisks: "f.a.g.g.o.t",
# "r e t a r d", "g-o-o-k", "r_e_t", "f*a*g"; also "r . e . t".
# The same separator throughout, so a word before it stays out ("a g.o.o.k" is "a gook").
# Not next to a look-alike either: "wh@t a f@gg0t" has no spaced letters "t a f".
_SPACED = re.compile(
    r"(?<![\w@$!|€+])[a-z]( ?[.\-_*·] ?| )[a-z](?:\1[a-z])+(?![\w@$!|€+])(?! ?[.\-_*·] ?[a-z])"
)
# The same with look-alikes among the letters ("g 0 o k", "j.@.p"): joined only when it then
# reads as a known word, so "1 2 3" or "a 4 b" stay.
_SPACED_MIXED = re.compile(
    r"(?<![\w@$])[a-z0-9@$]( ?[.\-_*·] ?| )[a-z0-9@$](?:\1[a-z0-9@$])+(?![\w@$])"
    r"(?! ?[.\-_*·] ?[a-z0-9@$])"
)
# Dots inside a word: "re.tar.ded".
_DOTTED = re.compile(r"\b[a-z]{2,}(?:\.[a-z]{1,})+\b")
# Any separator inside a word ("id.iot", "ch-inks", "mor_on"): joined when it reads as a word.
_JOINED = re.compile(r"\b[a-z]{1,30}(?:[.\-_*|·]{1,3}[a-z]{1,30}){1,5}\b")
# A letter masked by an asterisk, hash or underscore: "r*tard", "f**k", "n#gger"; several
# letters masked apart too ("f*gg*t").
_MASKED = re.compile(
    r"(?<![\w*#])[a-z]{0,20}[a-z](?:[*#_]{1,5}[a-z]{0,20}){1,3}|(?<![\w*#])[*#]{1,5}[a-z]{2,20}"
)
# A letter stretched three times or more: "stuuuupid", "idiooot".
_STRETCHED = re.compile(r"(?<![a-z])[a-z]{0,30}([a-z])\1{2,}[a-z]{0,30}")
_HOMOGLYPH_TOKEN = re.compile(rf"\b\w{{0,30}}[{_HOMOGLYPH_CHARS}]\w{{0,30}}")
# Latin letters with accents ("níggér", "chínk"): read as the letter without its accent.
_ACCENTED = re.compile("[\u00e0-\u00f6\u00f9-\u00ff\u0100-\u017f]")
# Letters split by separators that change ("g.o-o_k", "c/h/i/n/k", "n~i~g"): joined only when
# they then read as a known word.
_SEPARATED = re.compile(r"(?<![\w@$])[a-z0-9@$](?:[.\-_*·/\\+~^ ]{1,2}[a-z0-9@$]){2,20}(?![\w@$])")


def undisguise(text):
    """Return `text` with look-alike characters and split letters put back together."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_INVISIBLE)
    text = _HOMOGLYPH_TOKEN.sub(_latin, text)
    text = _ACCENTED.sub(lambda m: unicodedata.normalize("NFKD", m.group())[0], text)
    text = _SPACED_MIXED.sub(
        lambda m: _if_known(re.sub(r"[.\-_*· ]", "", m.group()).translate(LOOK_ALIKES), m.group()),
        text,
    )
    text = _SPACED.sub(lambda m: _known_first(re.sub(r"[.\-_*· ]", "", m.group())), text)
    text = _SEPARATED.sub(_separated_word, text)
    text = _DOTTED.sub(
        lambda m: m.group().replace(".", "") if _is_split_word(m) else m.group(), text
    )
    text = _MIXED.sub(lambda m: m.group().translate(LOOK_ALIKES), text)
    text = _LEADING.sub(lambda m: _if_known(m.group().translate(LOOK_ALIKES), m.group()), text)
    text = _JOINED.sub(lambda m: _if_known(re.sub(r"[.\-_*|·]", "", m.group()), m.group()), text)
    text = _MASKED.sub(lambda m: unmask(m.group()), text)
    return _STRETCHED.sub(lambda m: _unstretch(m.group()), text)


@lru_cache(maxsize=64)  # the three pattern phases read the same text
def outside_quotes(text):
    """Return `text` undisguised, without what it puts inside quotation marks.

    A reader quoting state media or another comment is reporting words, not using them.
    Contractions typed without their apostrophe ("im gonna", "ull", "whats") are read with it.
    """
    plain = _QUOTED.sub(" ", undisguise(text).replace("’", "'"))
    return _BARE_CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group()], plain)


# Contractions typed without an apostrophe; not "ill", "well", "were" or "its", which are
# words, except "ill" where a sentence or a clause begins ("ill kill u", "and ill find you").
_CONTRACTIONS = {
    "im": "i'm", "ive": "i've", "youre": "you're", "youll": "you'll", "ull": "you'll",
    "youd": "you'd", "dont": "don't", "cant": "can't", "whats": "what's", "thats": "that's",
    "theyll": "they'll", "theyre": "they're", "imma": "i'm gonna", "ima": "i'm gonna",
    "i'ma": "i'm gonna", "ill": "i'll",
}  # fmt: skip
_BARE_CONTRACTION = re.compile(
    r"\b(?:im|ive|youre|youll|ull|youd|dont|cant|whats|thats|theyll|theyre|imma|ima|i'ma)\b"
    r"|(?:^|(?<=[.!?,;:] )|(?<=\band )|(?<=\bthen )|(?<=\bor )|(?<=\bso )|(?<=\bswear ))ill\b",
    re.MULTILINE,
)


def without_quotes(text):
    """Return `text` (as written, lower case) without what it puts inside quotation marks."""
    return _QUOTED.sub(" ", (text or "").casefold().replace("’", "'"))


# Single quotes only around words: the apostrophes of "that's … you'll" quote nothing.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|(?<![a-z])'[^']{12,}'(?![a-z])")


def unmask(token):
    """Return the known word a masked token ("r*tard", "f**k") hides, or the token as it is.

    Short tokens ("w**", "w_p" in a formula) and tokens with one letter shown hide too little
    to be read back.
    """
    if len(token) < 4 or len(re.findall(r"[a-z]", token)) < 2:
        return token
    pattern = re.compile(re.sub(r"[*#_]+", lambda m: f"[a-z]{{{len(m.group())}}}", token) + "$")
    for word in _known_words_of_length(len(token)):
        if pattern.match(word):
            return word
    return token


@cache
def _known_words_of_length(length):
    return tuple(word for word in KNOWN_WORDS if len(word) == length)


def _if_known(word, original):
    return word if word in _KNOWN else original


_KNOWN = frozenset(KNOWN_WORDS)


def _separated_word(match):
    # "c/h/i/n/k" is a known word once joined; "a c/h/i/n/k" is "a" and one.
    joined = re.sub(r"[.\-_*·/\\+~^ ]", "", match.group()).translate(LOOK_ALIKES)
    if joined in _KNOWN:
        return joined
    if joined[0] in "ai" and joined[1:] in _KNOWN:
        return f"{joined[0]} {joined[1:]}"
    return match.group()


def _known_first(joined):
    # Several spaced words run together ("r e t a r d e d c l o w n"): a known word first,
    # maybe after "a" ("a r e t a r d"), is read as a word of its own ("retarded clown").
    if joined in _KNOWN:
        return joined
    starts = [("", joined)] + ([(joined[0] + " ", joined[1:])] if joined[0] in "ai" else [])
    for before, text in starts:
        for word in _KNOWN_BY_LENGTH:
            if len(word) >= 4 and text.startswith(word):
                return f"{before}{word} {text[len(word) :]}".strip()
    return joined


_KNOWN_BY_LENGTH = tuple(KNOWN_WORDS)  # longest first


def _unstretch(token):
    # "stuuupid" -> "stupid", "fooool" -> "fool": the word it reads as, else doubled letters.
    if len(set(token)) == 1:  # "www", "zzz"
        return token
    single = re.sub(r"([a-z])\1{2,}", r"\1", token)
    double = re.sub(r"([a-z])\1{2,}", r"\1\1", token)
    return single if single in _KNOWN or double not in _KNOWN else double


def _latin(match):
    token = match.group()
    return token.translate(HOMOGLYPHS) if re.search(r"[a-z]", token) else token


def _is_split_word(match):
    # "re.tar.ded" is one word; "e.g" or "u.s" or a sentence's end ("live.and") are not.
    parts = match.group().split(".")
    return len(parts) >= 3 and all(len(part) <= 4 for part in parts)
