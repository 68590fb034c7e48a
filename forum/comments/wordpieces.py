"""Split a text into the word pieces of an uncased BERT vocabulary, in plain Python.

The learnt abuse model (forum/comments/abuse_model.py) gives each piece of the vocabulary of
all-MiniLM-L6-v2 a weight, so a text must be split as that model's tokenizer splits it:
lower case, accents stripped, punctuation and CJK characters on their own, then each word
cut greedily into the longest pieces the vocabulary has ("##" marks a piece inside a word);
a word with no such cut is "[UNK]". tests/forum/comments/test_wordpieces.py checks the cuts
against the `tokenizers` package's. A word is looked up at most _LONGEST characters at a
time, so splitting costs time in proportion to the text, whatever its words.
"""

import unicodedata
from functools import lru_cache

UNKNOWN = "[UNK]"
# BERT gives up on a word longer than this; no piece of the vocabulary is longer than 25.
_LONGEST_WORD = 100
_LONGEST = 25


def _is_punctuation(char):
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code):
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _normalised(text):
    """The text as BERT's basic tokenizer reads it: no control characters, CJK apart."""
    out = []
    for char in text:
        code = ord(char)
        if code in (0, 0xFFFD):
            continue
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            out.append(" ")
        elif category in ("Cc", "Cf"):
            continue
        elif _is_cjk(code):
            out.append(f" {char} ")
        else:
            out.append(char)
    return "".join(out)


def words(text):
    """The words of `text`, lower case, without accents, punctuation split off."""
    found = []
    for token in _normalised(text).split():
        token = unicodedata.normalize("NFD", token.lower())
        current = []
        for char in token:
            if unicodedata.category(char) == "Mn":
                continue
            if _is_punctuation(char):
                if current:
                    found.append("".join(current))
                    current = []
                found.append(char)
            else:
                current.append(char)
        if current:
            found.append("".join(current))
    return found


class WordPieces:
    """A vocabulary's splitter; the cuts of the last 20,000 distinct words are remembered."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self._cut = lru_cache(maxsize=20_000)(self._cut_word)

    def __call__(self, text):
        """The word pieces of `text`."""
        return [piece for _, cut in self.cuts(text) for piece in cut]

    def cuts(self, text):
        """Each word of `text` with its pieces: [(word, (piece, …)), …]."""
        return [
            (word, self._cut(word) if len(word) <= _LONGEST_WORD else (UNKNOWN,))
            for word in words(text)
        ]

    def _cut_word(self, word):
        cut, start = [], 0
        while start < len(word):
            end = min(len(word), start + _LONGEST)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocabulary:
                    break
                end -= 1
            if end == start:
                return (UNKNOWN,)
            cut.append(piece)
            start = end
        return tuple(cut)
