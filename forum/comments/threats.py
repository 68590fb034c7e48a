"""Threats of violence and dehumanising words: the abuse a profanity model does not see.

The toxicity model (forum/comments/scoring.py) learnt swearing and insults; "I know where
you live" or "these people are vermin" use no swear word and score low. These patterns
catch the common shapes of both. They read the text undisguised (forum/comments/disguise.py)
and skip what is inside quotation marks, so a reader quoting a threat from state media is
not held for it. A comment they match is held for a moderator, never refused: a pattern is
cruder than a person. Written on the tuning half of bench/triage (see docs/moderation-scoring.md).
"""

import re

from forum.comments.disguise import undisguise

_TARGET = r"(?:you|your|u|ur|this (?:author|writer|journalist|guy)|the author|traitors?)"
_HARM = (
    r"(?:kill|shoot|shot|stab|strangle|hang|hanged|burn|beat|beaten|hurt|smash|break|bomb"
    r"|murder|punch|rape|slit|gut|behead)"
)

THREATS = tuple(
    re.compile(pattern)
    for pattern in (
        # "I will kill you", "I'll smash your skull", "going to hurt you"
        rf"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'d happily| would)"
        rf"(?: \w+){{0,2}} {_HARM}\w* {_TARGET}\b",
        # "you should be shot", "traitors like you will hang", "this author deserves a bullet"
        rf"\b{_TARGET}(?: \w+){{0,3}} (?:should|will|must|deserves?|ought to)(?: \w+){{0,2}}"
        rf" (?:die|hang|a bullet|be (?:shot|hanged|hung|beaten|killed|lined up|burned))\b",
        # "I hope someone burns your house down", "hope you die"
        r"\bhope (?:you|someone|somebody|they)\b(?: \w+){0,6}"
        r" (?:dies?|hit|burns?|stabs?|kills?|shoots?|hurts?|rots?)\b",
        # "someone should put a bullet in", "somebody should kill this guy"
        rf"\b(?:someone|somebody|people) (?:should|needs? to|ought to) (?:\w+ ){{0,2}}"
        rf"(?:{_HARM}|put a bullet|drop a bomb|beat)\b",
        r"\bdeserves? to be (?:shot|beaten|killed|hanged|hung|lined up|burned)\b",
        r"\bmake sure (?:you|u) never\b",
        r"\bknow where (?:you|u) live\b",
        r"\bwatch your back\b",
        r"\b(?:come|coming) for (?:you|u)\b",
        r"\b(?:find|track) (?:you|u)(?: down)?\b",
        r"\bwith your (?:life|lives)\b",
        r"\byour (?:family|kids|children|wife|husband) (?:will|are going to) pay\b",
        r"\bhappens? to your (?:family|kids|children|wife|husband)\b",
        r"\bcareful walking home\b",
        r"\byour days are numbered\b",
        r"\b(?:go )?die in a fire\b",
        r"\bburn (?:\w+ ){0,2}alive\b",
        r"\bwe have your (?:address|name)\b",
        r"\b(?:waiting|wait) outside your\b",
    )
)

DEHUMANISING = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bsub-?humans?\b",
        r"\bvermin\b",
        r"\bcockroach(?:es)?\b",
        r"\bexterminate(?:d)?\b",
        r"\b(?:should|must|will) be (?:wiped out|exterminated|eradicated)\b",
        r"\byellow monkeys?\b",
        r"\b(?:go|send (?:them|these \w+)) back (?:to|where)\b",
    )
)

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|'[^']{12,}'")


def threat_in(text):
    """Return the threatening or dehumanising phrase `text` uses outside quotes, or ""."""
    plain = _QUOTED.sub(" ", undisguise(text).replace("’", "'"))
    for pattern in THREATS + DEHUMANISING:
        if match := pattern.search(plain):
            return match.group()
    return ""
