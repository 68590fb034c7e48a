"""Contempt aimed at a person: the insult without a swear word ("you pompous windbag").

The toxicity model (forum/comments/scoring.py) learnt profanity; "you absolute muppet" or
"you are a stain on this section" score low. These patterns catch the shapes contempt takes
when it is aimed at someone: an insulting noun said *to* a person ("you …", "you're a …"),
said *of* one ("this writer is a …"), a one-word verdict ("Absolute clown."), mockery of
someone's mind, dismissal ("shut up", "nobody takes you seriously") and "people like you".
A word alone is not enough: "the summit was a joke", "a clown show" or "the hack of Sony"
are criticism or news, so the noun has to be aimed at a person and end its phrase. Like
forum/comments/threats.py they read the text undisguised, outside quotation marks, and a
match holds the comment for a moderator, never refuses it. Written from general knowledge
and the tuning half of bench/triage only (see docs/moderation-scoring.md).
"""

import re

from forum.comments.disguise import outside_quotes
from forum.comments.groups import group_contempt_in
from forum.comments.insults import insult_in
from forum.comments.lexicon import (
    INSULT_ADJECTIVES,
    PERSON_INSULTS,
    PERSON_OR_THING_INSULTS,
    alternation,
)
from forum.comments.putdowns import PUT_DOWNS

_INSULT = alternation(PERSON_INSULTS)  # names only a person
_ANY_INSULT = alternation(PERSON_INSULTS + PERSON_OR_THING_INSULTS)
_ADJECTIVES = rf"(?:{alternation(INSULT_ADJECTIVES)},? ){{0,3}}"
_ADVERBS = (
    r"(?: (?:just|really|clearly|obviously|truly|simply|literally|basically|nothing but|all))*"
)
_ARTICLE = r"(?:an?|such an?|the|one|the biggest|a complete|a total) "
# Where a noun said *to* someone ends: the sentence goes on with punctuation, or "who"/"like"
# ("you fool, …", "you clown who …"), not with an object ("you fool no one", "you rat on").
_VOCATIVE_END = r"(?=\s*(?:[.,!?;:)…]|$|(?:who|like)\b))"
# Where "you're a …" ends: also a new clause or a complement ("a stain on this section"),
# but not a compound noun ("a pig farmer", "a hack writer"), which may be a job.
_PHRASE_END = (
    r"(?=\s*(?:[.,!?;:)…]|$|(?:if|and|who|that|for|to|with|like|of|on|in|at|from|than"
    r"|because|or|but|\w+ing)\b))"
)
_PEOPLE_WRITING = (
    r"(?:author|writer|journalist|columnist|commenter|commentator|poster|guy|man|woman"
    r"|person|professor|reporter|editor)"
)
# What is said of "people like you" or "your kind" that only contempt says.
_CONTEMPT_PREDICATE = (
    r"(?:(?:are|is) (?:the problem|what'?s wrong|everything (?:that'?s )?wrong|a (?:disease|cancer"
    r"|plague|disgrace|blight|joke)|ruining|destroying|pathetic|disgusting|worthless|scum"
    r"|beneath contempt|not welcome)|aren't welcome|make me (?:sick|puke|vomit)"
    r"|(?:disgust|sicken) me|don't deserve|have no place|(?:should(?:n't| not| never)) be allowed"
    r"|should be (?:banned|silenced|ashamed|muzzled|locked up))"
)

CONTEMPT = tuple(
    re.compile(pattern, re.MULTILINE)  # "^" and "$" at each line: a comment has paragraphs
    for pattern in (
        # Said to someone: "you absolute muppet", "you tedious git", "Nobody asked, you troll".
        rf"\b(?:you|u|ya) {_ADJECTIVES}{_ANY_INSULT}{_VOCATIVE_END}",
        # Said of the reader: "you're a disgrace", "you are a stain on this section",
        # "are you really such an idiot".
        rf"\b(?:you're|youre|you are|u r|ur|you were|are you|you sound like|you look like)"
        rf"{_ADVERBS} (?:{_ARTICLE})?{_ADJECTIVES}{_ANY_INSULT}{_PHRASE_END}",
        # Said of the writer or a commenter: "this writer is an idiot", "the guy above is a
        # clown". A thing-or-person noun counts here too ("the author is a disgrace").
        rf"\b(?:this|the|that) {_PEOPLE_WRITING}(?: above| below| here)? (?:is|was|must be"
        rf"|sounds like){_ADVERBS} {_ARTICLE}{_ADJECTIVES}{_ANY_INSULT}{_PHRASE_END}",
        # A one-line verdict on someone: "Absolute clown.", "What a muppet!", "Loser."
        # Only nouns that name a person ("What a joke." is about a thing).
        rf"(?:^|[.!?]\s+)(?:what an? |such an? |you )?{_ADJECTIVES}{_INSULT}(?=\s*(?:[.!?]|$))",
        # Said after a comma, to the one addressed: "Keep crying, loser.", "…, you creep."
        rf",\s*(?:you )?{_ADJECTIVES}{_INSULT}(?=\s*(?:[.!?]|$))",
        # One of a kind the writer despises: "another Swedish know-nothing", "typical troll".
        rf"\b(?:another|yet another|typical|just another|one more|this|that) (?:\w+ ){{0,2}}"
        rf"{_INSULT}(?=\s*(?:[.,!?;:]|$|who\b|from\b|with\b|pretending\b|thinks\b"
        rf"|trying\b))",
        # Mocking someone's mind: "your brain must be the size of a pea", "as thick as you
        # look", "dumber than a box of rocks"; not "as thick as thieves".
        r"\byour brains? (?:is|are|must be|seems?|looks?) (?:the size of|smaller than|made of"
        r"|full of|mush|rotten|broken|missing|pudding|jelly|porridge|soup|a raisin|smooth|empty)",
        r"\b(?:thick|dense|dim|dumb|stupid|ugly) as (?:you look|a (?:brick|plank|rock|post"
        r"|doorknob|box of rocks|bag of hammers)|two short planks|they come|mud)\b",
        r"\b(?:dumber|stupider|thicker|denser) than (?:a|an|two|your)\b",
        r"\b(?:lose|lost|losing|killed|kill) (?:\w+ )?brain ?cells\b",
        # Dismissing someone: "Shut up.", "Sod off, you …", "nobody takes you seriously",
        # "stop embarrassing yourself".
        r"(?:^|[.!?]\s+)(?:just |now |oh )?(?:shut up|shut it|shut your (?:mouth|trap|face|gob)"
        r"|sod off|piss off|bugger off|naff off|get lost|fuck off|get a (?:brain|life)"
        r"|crawl back under (?:your|a|the) rock)(?=\s*(?:[.,!?]|$|you\b))",
        r"\bcrawl back (?:under|into|to|in) (?:\w+ ){0,3}(?:rock|hole|cave|sewer|swamp|gutter)\b",
        r"\b(?:nobody|no one|no-one) (?:takes|will ever take|could take) (?:you|u) seriously\b",
        r"\b(?:nobody|no one|no-one) (?:asked|cares|wants) (?:for |about )?(?:your opinion"
        r"|what you think|your take)\b",
        r"\b(?:stop|you're|you are|quit) embarrassing yourself\b",
        # "People like you" and "your kind" with what only contempt says of them; "idiots
        # like you" needs nothing more. "People like you make this section worth reading"
        # is praise, so the neutral nouns need the predicate.
        rf"\b{_INSULT} like (?:you|u)\b",
        rf"\b(?:people|folks?|types|the likes of you|your kind|your sort|your lot|your type)"
        rf"(?: like (?:you|u))? {_CONTEMPT_PREDICATE}\b",
        rf"\b(?:\w+ )?(?:men|women|guys|boys|girls|boomers|kids) like (?:you|u)"
        rf" {_CONTEMPT_PREDICATE}\b",
    )
)


def contempt_in(text):
    """Return the phrase of contempt for a person that `text` uses outside quotes, or ""."""
    plain = outside_quotes(text)
    for pattern in CONTEMPT + PUT_DOWNS:
        if match := pattern.search(plain):
            return match.group().strip(" .!?")
    return (insult_in(plain) or group_contempt_in(plain)).strip(" .!?")
