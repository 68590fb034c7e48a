"""Threats of violence and dehumanising words: the abuse a profanity model does not see.

The toxicity model (forum/comments/scoring.py) learnt swearing and insults; "I know where
you live" or "these people are vermin" use no swear word and score low. These patterns
catch the common shapes of both. They read the text undisguised (forum/comments/disguise.py)
and skip what is inside quotation marks, so a reader quoting a threat from state media is
not held for it. A comment they match is held for a moderator, never refused: a pattern is
cruder than a person. Written on the tuning half of bench/triage (see docs/moderation-scoring.md).
"""

import re

from forum.comments.disguise import outside_quotes
from forum.comments.doxxing import DOXXING
from forum.comments.groups import reported
from forum.comments.harm import HARM
from forum.comments.lexicon import FIGURATIVE_VERMIN, LITERAL_ANIMALS, alternation
from forum.comments.menace import MENACE
from forum.comments.violence import VIOLENCE

_TARGET = r"(?:you|your|u|ur|this (?:author|writer|journalist|guy)|the author|traitors?)"
# Someone a comment can threaten (not "your", which also owns arguments and articles).
_PERSON = r"(?:you|u|him|her|this (?:author|writer|journalist|guy)|the author)"
_HARM = (
    r"(?:kill|shoot|shot|stab|strangle|hang|hanged|burn|beat|beaten|hurt|smash|break|bomb"
    r"|murder|punch|rape|slit|gut|behead)"
)

THREATS = tuple(
    re.compile(pattern)
    for pattern in (
        # "I will kill you", "I'll smash your skull", "going to hurt you"; not a contest ("I
        # would beat you at chess", "we'll beat you in the vote").
        rf"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'d happily| would)"
        rf"(?: \w+){{0,2}} {_HARM}\w* {_TARGET}\b(?! at\b| in (?:a|an|the|any) (?:\w+ )?(?:debate"
        rf"|argument|game|election|vote|match)| (?:an?|a quick) (?:email|e-mail|message|note"
        rf"|line|text|dm|question))",
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
        # Not "we will find you a copy".
        r"\b(?:find|track) (?:you|u)(?: down)?\b(?! (?:a|an|the|some|one|any|more|it|them)\b)",
        r"\bwith your (?:life|lives)\b",
        r"\b(?:your|ur) (?:whole )?(?:family|kids|children|wife|husband|son|daughter|parents)"
        r" (?:will|are going to|is going to|is gonna|are gonna|'s gonna|'ll) (?:pay|suffer|be next"
        r"|get hurt|regret)\b",
        r"\bhappens? to your (?:family|kids|children|wife|husband)\b",
        r"\bcareful walking home\b",
        r"\byour days are numbered\b",
        r"\b(?:go )?die in a fire\b",
        r"\bburn (?:\w+ ){0,2}alive\b",
        r"\bwe have your (?:address|name)\b",
        r"\b(?:waiting|wait) outside your\b",
        # Veiled threats: harm is never named, only hinted at. Each shape needs "you" (or
        # "your") in the place a victim takes, so predictions about states are not held.
        # Knowing where someone is: "I know where you work", "we know where your kids go".
        r"\b(?:i|we|they|people)(?:'ll| will)? (?:know|knows|found|have found|found out"
        r"|find out|find) where (?:you|u)"
        r" (?:live|work|sleep|park|shop|go)\b",
        r"\b(?:i|we)(?: know|'ve got| have| found)(?: \w+)? where your"
        r" (?:family|kids|children|wife|husband|mother|mum|mom|parents) (?:live|lives|go|are)\b",
        r"\b(?:i|we)(?: have|'ve got| found| know| got) your (?:home |)address\b",
        r"\b(?:i'm|i am|we're|we are|i've|we've|i have|we have)(?: also| always| still)?(?: been)?"
        r" watching (?:you|u)(?: closely)?(?=\s*(?:[.!]|$|,|\bso\b))",
        # "Watch yourself", "you'd better watch out", "sleep with one eye open".
        r"\bwatch yourself\b",
        r"\b(?:you'd|you had|you) better (?:watch (?:out|it|yourself|your (?:step|mouth|back))"
        r"|be careful(?=\s*(?:[.!]|$))|look over your shoulder)",
        r"\blook(?:ing)? over your shoulder\b",
        r"\bsleep with one eye open\b",
        # Harm as fate: "accidents happen to people like you", "it would be a shame if
        # something happened to you", "something might happen to you".
        r"\baccidents (?:can |do |tend to )?happen to (?:you|u|people (?:like you|who))\b",
        r"\b(?:shame|pity) if (?:something|anything|an accident) (?:\w+ )?(?:happened|happens|were"
        r" to happen|was to happen) to (?:you|u|your)\b",
        r"\b(?:something|anything|accidents?) (?:bad |nasty |unfortunate |terrible )?"
        r"(?:might|could|may|will|would) (?:easily |well )?happen to (?:you|u|your)\b",
        # Regret and reckoning: "you'll regret this.", "you'll get what's coming to you".
        r"\b(?:you'll|you will|you're going to|u will) (?:live to )?regret"
        r" (?:(?:this|that|it)(?=\s*(?:[.!]|$))|the day|ever|writing|saying|posting|crossing)\b",
        r"\bwhat'?s coming to (?:you|u)\b",
        r"\b(?:you'll|you will) get yours\b",
        r"\b(?:you'll|you will) (?:pay for (?:this|that|it)(?=\s*(?:[.!]|$))|pay for what you)",
        r"\b(?:i|we)(?:'ll| will| are going to|'re going to) make (?:you|u) (?:pay|suffer|sorry)\b",
        r"\b(?:you|u) won't be (?:so )?(?:laughing|smiling|smug|brave|tough|clever|typing"
        r"|writing|talking) (?:for long|much longer|when)\b",
        r"\b(?:last|final) (?:article|comment|thing|word)s? (?:you|u)(?:'ll| will)? ever"
        r" (?:write|post)",
        r"\b(?:you'll|you will|you could|you might) end up (?:dead|in (?:a|the) (?:morgue|grave"
        r"|body bag|hospital))\b",
        r"\bsix feet under\b",
        # Someone else is invited to do it: "someone should teach you a lesson",
        # "somebody needs to shut this guy up for good".
        rf"\b(?:someone|somebody|people|anyone) (?:should|needs? to|ought to|has to|could)"
        rf" (?:\w+ ){{0,2}}(?:teach {_PERSON} a lesson|shut {_PERSON} up|silence {_PERSON}"
        rf"|deal with {_PERSON}|take care of {_PERSON}|sort {_PERSON} out"
        rf"|do something about {_PERSON})\b(?!')",
        r"\b(?:shut|shuts|shutting|silence|silences|silencing) (?:you|u|him|her|them) up"
        r" for good\b",
        r"\b(?:come|coming|turn up|show up) (?:to|at) your (?:house|home|door|doorstep|street)\b",
        r"\b(?:shows?|showing|showed|turns?|turning|turned) up (?:at|on|outside) your (?:\w+ )?"
        r"(?:door|doorstep|house|home|office|work|workplace|flat|apartment|lecture|class|school"
        r"|street|gym)\b",
    )
)
_BEASTS = alternation(FIGURATIVE_VERMIN + LITERAL_ANIMALS)

DEHUMANISING = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bsub-?humans?\b",
        r"\bvermin\b",
        r"\bcockroach(?:es)?\b",
        r"\bexterminate(?:d)?\b",
        r"\b(?:should|must|will) be (?:wiped out|exterminated|eradicated)\b",
        r"\byellow monkeys?\b",
        # "Go back to your rice paddy", "send them back where they came from"; not "go back
        # to step 2" or "go back to the 1994 framework".
        r"\b(?:go|send (?:them|these \w+)) back (?:to (?:your|their|where)|where)\b",
        # A group called vermin: "these commie parasites", "those savages". These nouns have
        # no literal sense here, so a demonstrative or a group before them is enough.
        rf"\b(?:these|those|such|filthy|dirty|bunch of|pack of) (?:\w+ )?"
        rf"{alternation(FIGURATIVE_VERMIN)}\b",
        # A group *is* an animal: "they are animals", "these people are nothing but rats".
        # Real animals ("the zoo's animals are starving") have no such sentence with people
        # as the subject; "treated like animals", "like animals in a cage" is pity, not contempt.
        rf"\b(?:they|these people|those people|(?:these|those) \w+|[a-z]+ people|(?:the )?"
        rf"(?:koreans|chinese|americans|japanese|russians|muslims|jews|asians|immigrants"
        rf"|refugees|defectors|communists|commies|liberals|leftists)) ?(?:are|'re|were|is)"
        rf" (?:just |all |nothing but |no better than |little more than |a pack of "
        rf"|a bunch of )*{_BEASTS}\b",
        rf"\b(?:breed|multiply|swarm|infest \w+) like {_BEASTS}\b",
        r"\b(?:exterminate|eradicate|wipe out|gas|nuke|cleanse|purge|get rid of|kill)"
        r" (?:them all|all of them|every (?:last )?one of (?:them|these \w+|those \w+)"
        r"|the lot of them|these people"
        r"|those people|the whole lot)\b",
    )
)


def threat_in(text):
    """Return the threatening or dehumanising phrase `text` uses outside quotes, or ""."""
    plain = outside_quotes(text)
    for pattern in THREATS + VIOLENCE + DOXXING + MENACE + HARM:
        if match := pattern.search(plain):
            return match.group()
    for pattern in DEHUMANISING:
        for match in pattern.finditer(plain):
            if not reported(plain, match):
                return match.group()
    return ""
