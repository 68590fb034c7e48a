"""Slurs: words for a people, a sexuality or a disability that exist only to demean.

The toxicity model knows some ("chink" scores 0.89) and not others ("gook" 0.30, "kike" 0.52,
plurals not at all: it reads whole words and "gooks" is not one of its words), so a list
(forum/comments/lexicon.py) does what the model cannot. The text is read undisguised
("g0oks", "k1ke", "r*tard") and outside quotation marks, and a slur named as a word is
mentioned, not used: "the word", "the slur", "words like" before it, as a moderator or a
reporter writes, are not held. Words with an ordinary sense too ("retarded growth", "a jap"
in an old headline) count only in the company of contempt ("these", "you", "dirty").
"""

import re

from forum.comments.disguise import outside_quotes
from forum.comments.lexicon import AMBIGUOUS_SLURS, RARELY_SLURS, SLURS, alternation

# "autists" and "nips" have patterns of their own (below).
_CLEAR = alternation(
    set(SLURS) - set(AMBIGUOUS_SLURS) - set(RARELY_SLURS) - {"autist", "autists", "nips"}
)
_CONTEMPT_BEFORE = (
    r"(?:you|u|these|those|dirty|filthy|fucking|stinking|damn|bloody|bunch of|pack of|stupid"
    r"|little|a|an|so|such|this|that|what a|totally|completely|all)"
)
SLUR_PATTERNS = (
    re.compile(rf"\b{_CLEAR}\b"),
    re.compile(rf"\b{_CONTEMPT_BEFORE} {alternation(AMBIGUOUS_SLURS)}\b"),
    # "autist" is also how some autistic people name themselves ("as an autist, I …").
    re.compile(r"(?<!\bi'm )(?<!\bi am )(?<!\bas )\b(?:an|you|these|those|bunch of) autists?\b"),
    re.compile(
        r"\b(?:you|u|these|those|dirty|filthy|fucking|stinking|bunch of|pack of|the little|that"
        rf" little|damn) {alternation(RARELY_SLURS)}\b"
    ),
    # "the nips are at it again"; not "the cold nips at your fingers", "she nips out".
    re.compile(r"\bnips\b(?! (?:at|out|in|off|into|back|round|around|down|over|away)\b)"),
    # A slur that opens a compound: "gook-lover", "chink-owned".
    re.compile(
        r"\b(?:gook|chink|kike|nigger|fag|spic|wetback|raghead)(?=-?(?:lover|loving|owned"
        r"|run|land)s?\b)"
    ),
)
# Common misspellings of the commonest slurs, which a list of exact words misses: "chinck",
# "fagot", "phaggot", "nigguh", "niggerz", "retart", "trannie", "spik". Each keeps what
# tells the slur from an ordinary word: "niger" (the country) has one g, "trani" one n.
MISSPELT_SLURS = re.compile(
    r"\b(?:ch+i+n+(?:k|ck|c|q)+(?:s|z|y|ies)?|g+o{2,}(?:k|ck|c|q)+(?:s|z|y)?"
    r"|n+i+g{2,}(?:e+r+|a+h?|u+h|r+)(?:s|z)?|(?:f|ph)+a+g+(?:o|e|i)+t+(?:s|z)?"
    r"|s+p+i+(?:c|ck|k)+s?|r+e+t+a+r+(?:d|t)+(?:s|o)?|t+r+a+n{2,}(?:y|ie|ies|ys|i)"
    r"|(?:k|q)+(?:i|y)+(?:k|q)+e+s?|w+e+t+[- ]?b+a+(?:c|ck|k)+s?)\b"
)
# A word with an ordinary sense that is spelt in disguise ("j@ps", "sl4nt") is meant as the
# slur: nobody hides "Japan" or "a slant" from a filter.
_DISGUISABLE = re.compile(rf"\b{alternation(AMBIGUOUS_SLURS + RARELY_SLURS)}\b")
# A slur named, not used: "the word 'gook'" with the quotes left out, "slurs like …".
_MENTIONED = re.compile(
    r"\b(?:the (?:word|words|term|terms|slur|slurs|epithet|insult|label)|words like|slurs like"
    r"|terms like|such as|(?:calling|called|call) (?:someone|somebody|people|anyone|them|us)"
    r"(?: an?)?)\s*[:,]?\s*$"
)


def slur_in(text):
    """Return the slur `text` uses (outside quotes, not only mentioned), or ""."""
    plain = outside_quotes(text)
    for pattern in SLUR_PATTERNS:
        for match in pattern.finditer(plain):
            if not _MENTIONED.search(plain[max(0, match.start() - 30) : match.start()]):
                return match.group()
    for match in MISSPELT_SLURS.finditer(plain):
        if not _MENTIONED.search(plain[max(0, match.start() - 30) : match.start()]):
            return match.group()
    as_written = set(_DISGUISABLE.findall(text.casefold()))
    for match in _DISGUISABLE.finditer(plain):
        if match.group() not in as_written:
            return match.group()
    return ""
