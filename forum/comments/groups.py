"""Contempt for a whole people: a group, a generalising predicate and a word of contempt.

"Koreans are all liars", "the Chinese are a plague on this planet", "a herd of brainwashed
cattle", "filthy third-worlders", "Weak, spineless people." say of everyone in a group what
only contempt says. Criticism of a government or a policy names no people ("the regime
lies"), and "North Koreans are starving" or "defectors are often traumatised" describe
without contempt, so each shape needs a people and a word from the lists below. Read
undisguised and outside quotation marks (so quoting state media is not held); only holds.
"""

import re

from forum.comments.lexicon import FIGURATIVE_VERMIN, LITERAL_ANIMALS, alternation

_PEOPLE = alternation(
    (
        "koreans", "north koreans", "south koreans", "chinese", "japanese", "americans",
        "yanks", "yankees", "russians", "muslims", "jews", "christians", "hindus", "asians",
        "africans", "arabs", "mexicans", "indians", "pakistanis", "immigrants", "migrants",
        "refugees", "foreigners", "westerners", "europeans", "swedes", "brits", "germans",
        "french", "vietnamese", "filipinos", "taiwanese", "blacks", "whites", "gays", "women",
        "feminists", "liberals", "leftists", "conservatives", "communists", "commies",
        "boomers", "northerners", "southerners", "defectors", "third-worlders", "northies",
        "gypsies", "roma", "latinos", "hispanics", "catholics", "ukrainians", "iranians",
    )
)  # fmt: skip
# Words that are adjectives too ("a weak Chinese economy") name people only before a noun.
_NATIONALS = r"(?:(?:chinese|japanese|vietnamese|taiwanese|french) (?:people|folks?|men|women))"
_PEOPLE_NOUN = rf"(?:{_NATIONALS}|(?!chinese|japanese|vietnamese|taiwanese|french){_PEOPLE})"
# Who a sentence generalises about: "Koreans", "the Chinese", "these Japanese commenters",
# "Chinese people", "the whole population up there".
_GROUP = (
    rf"(?:(?:the |all |most |these |those )?{_PEOPLE}(?: \w+){{0,3}}"
    rf"|(?:people|population|nation|race|country) (?:up|down|over) there"
    rf"|the (?:whole|entire) (?:\w+ )?(?:population|nation|race|people)(?: \w+){{0,2}})"
)
_CONTEMPT_NOUNS = alternation(
    (
        "liars", "thieves", "cowards", "criminals", "rapists", "savages", "idiots", "morons",
        "sheep", "robots", "zombies", "scum", "trash", "garbage", "filth", "degenerates",
        "barbarians", "freeloaders", "cheats", "inbreds", "simpletons", "bootlickers",
        "lemmings", "losers", "weaklings", "whiners", "crybabies", "bastards", "subhumans",
        "backstabbers", "snakes", "leeches", "parasites", "animals", "rats", "dogs", "pigs",
        "perverts", "brats", "cheats",
        "cockroaches", "insects", "monkeys", "apes", "cattle", "vermin", "locusts", "termites",
        "ants", "lice", "fleas", "ticks", "germs", "bacteria", "maids", "slaves",
    )
)  # fmt: skip
_CONTEMPT_ADJECTIVES = alternation(
    (
        "filthy", "dirty", "stinking", "disgusting", "inbred", "worthless", "useless",
        "spineless", "weak", "brainwashed", "subhuman", "primitive", "backward", "lazy",
        "greedy", "spoiled", "soft", "dishonest", "treacherous", "cowardly", "pathetic",
        "mindless", "vile", "smelly", "stupid", "dumb", "ignorant", "savage", "soulless",
        "robotic", "heartless", "barbaric", "uncivilised", "uncivilized", "inferior", "sneaky",
        "deceitful", "shifty", "untrustworthy", "ugly",
    )
)  # fmt: skip
_PLAGUE = r"(?:plague|cancer|disease|virus|curse|blight|infestation|scourge|stain|parasite)"
_HERD = r"(?:herd|flock|pack|horde|swarm|nation|race|bunch|mob|colony|hive)"
_VERMIN = alternation(FIGURATIVE_VERMIN)
_BEASTS = alternation(FIGURATIVE_VERMIN + LITERAL_ANIMALS + ("sheep", "robots", "zombies"))

GROUP_CONTEMPT = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # "Koreans are all liars", "South Koreans are spoiled, soft cowards".
        rf"(?<!\bnot )(?<!\bnot all )(?<!\bnever )\b{_GROUP} (?:are|were|is)(?: all| just"
        rf"| always| born| natural| such| basically| simply)* (?:(?:nothing but|a bunch of"
        rf"|a nation of|a race of|a pack of|a people of|full of) (?:\w+,? ){{0,2}}|(?:(?:"
        rf"{_CONTEMPT_ADJECTIVES}),? ){{0,2}}|(?!not |never |no |victims |prisoners )\w+ )"
        rf"{_CONTEMPT_NOUNS}\b(?! (?:of|to|under|in) (?:the|their|a|an)\b)",
        rf"\b{_GROUP} (?:are|is) (?:a|an) (?:(?:{_CONTEMPT_ADJECTIVES}|dishonest|inferior)"
        rf"(?:,| and)? )+(?:people|race|nation|bunch|lot|breed)\b",
        r"\byellow (?:rats|monkeys|apes|pigs|vermin|devils|bastards|dogs|hordes?|scum|filth|trash"
        r"|savages|subhumans|invaders|plague|menace)\b",
        r"\bbrown (?:hordes?|scum|filth|trash|savages|subhumans|invaders|plague|menace)\b",
        r"\bevery (?:single |last )?(?:\w+ )?(?:muslim|jew|chinese|korean|japanese|immigrant"
        r"|refugee|migrant|foreigner|arab|african|asian|mexican|russian|american|black)"
        r" (?:is|are) (?:a|an) (?:\w+ )?(?:liar|thief|criminal|terrorist|spy|rapist|bomb"
        r"|parasite|animal|savage|rat|snake)\b",
        rf"\b{_GROUP} (?:can't|cannot) (?:drive|think for themselves|be trusted)\b",
        r"\b(?:the )?jews (?:run|control|own|rule)\b",
        rf"\b{_GROUP} (?:are|is) all the same\b",
        rf"\b(?:they're|they are|these people are|those people are|{_GROUP} are) (?:barely"
        rf"|hardly|not even|less than|not really) human\b",
        rf"\b{_GROUP} (?:don't|do not) value (?:human )?li(?:fe|ves)\b",
        rf"\b\w+ (?:is|was) a (?:nation|country|land|race) of (?:\w+ )?{_CONTEMPT_NOUNS}\b",
        r"\b(?:typical|classic) (?:jewish|chinese|korean|japanese|muslim|indian|asian|black"
        r"|mexican|arab|russian|american|gypsy) (?:greed|behaviou?r|lies|lying|trickery"
        r"|cowardice|arrogance|stupidity|laziness|smell)\b",
        rf"\b{_GROUP} (?:all )?(?:smell|stink|reek)\b",
        r"\b(?:yellow|brown|black)[- ]skinned (?:\w+ )?(?:monkeys?|apes?|rats?|dogs?|pigs?"
        r"|bastards?|vermin)\b",
        # "Filipinos are only good as maids", "Africans have no culture".
        rf"\b{_GROUP} (?:are )?only good (?:as|for)\b",
        rf"\b{_GROUP} (?:have|has) no (?:culture|history|morals|brains|souls?|honou?r|manners"
        rf"|shame|dignity|civili[sz]ation|decency|empathy|conscience|hygiene|sense of (?:decency"
        rf"|shame|honou?r|morality|hygiene))\b",
        rf"\b{_GROUP} (?:\w+ )?(?:breed|multiply|spawn)\w* like \w+",
        r"\bexpect from (?:such )?(?:\w+ )?(?:savages|animals|barbarians|subhumans|vermin"
        r"|these people|those people)\b",
        rf"\b{_GROUP} (?:are|is)(?: all| just| always| basically)* (?:{_CONTEMPT_ADJECTIVES}"
        rf"(?:,| and)? )+people\b",
        # "The Chinese are a plague on this planet", "this population is a cancer".
        rf"\b{_GROUP} (?:are|is|were) (?:nothing but |just )?(?:a|the) (?:\w+ )?{_PLAGUE}\b",
        # "a herd of brainwashed cattle", "a nation of mindless robots" said of people.
        rf"\b(?:are|is|were|just|nothing but) (?:a|an|one) (?:\w+ )?{_HERD} of"
        rf" (?:(?:\w+ )?(?:{_CONTEMPT_ADJECTIVES}) (?:\w+ )?{_BEASTS}|(?:\w+ )?{_VERMIN})\b",
        # "filthy third-worlders", "dirty Chinese", "these spineless Koreans".
        rf"\b(?:filthy|dirty|stinking|disgusting|inbred|subhuman|smelly|savage|worthless|vile"
        rf"|spineless),? (?:\w+ )?{_PEOPLE_NOUN}\b",
        # A verdict on a group: "Weak, spineless people.", "Useless people."
        rf"(?:^|[.!?]\s+)(?:(?:{_CONTEMPT_ADJECTIVES})(?:,| and)? ){{1,3}}(?:people|creatures"
        rf"|lot|bunch)(?=\s*(?:[.!?]|$))",
        # A people called animals: "Nippon monkeys", "these Chinese rats"; not "Korean dog
        # farms", "the Chinese pig market" or "Japanese monkeys bathe in hot springs".
        r"(?:\b(?:these|those|dirty|filthy|stupid|fucking|bloody|damn|all|bunch of|pack of|you)"
        r" (?:north |south )?(?:korean|chinese|japanese|american|russian|muslim|jewish|african"
        r"|asian|arab|mexican|indian|filipino|vietnamese|taiwanese|kim's)|\b(?:nippon|jap"
        r"|yankee|commie|communist)) (?:monkeys|apes|rats|pigs|cockroaches|roaches|vermin"
        r"|insects|bugs|locusts|maggots|rodents|animals|savages|barbarians|dogs)\b"
        r"(?! (?:farms?|farmers?|meat|markets?|population|breeds?|industry|trade|zoo|species))",
        # "dog-eating savages", "rice-eating bugmen", "kimchi-eating Koreans".
        rf"\b(?:dog|cat|bat|rice|kimchi|curry|bug|snake|rat)[- ]?(?:eat(?:ing|ers?)|munch(?:ing"
        rf"|ers?)) (?:\w+ )?"
        rf"(?:{_PEOPLE}|{_CONTEMPT_NOUNS}|people|folks?|bastards|commies|freaks|creatures|hordes"
        rf"|bugmen|simpleton|savage|bastard|monkey|commie|idiot|moron|peasant|rat|pig|dog)\b",
        # "breeding like insects", "multiplying like rats".
        rf"\b(?:crawling|crawl|swarming|swarm|scurrying|scuttling|infesting|creeping)"
        rf"(?: \w+){{0,5}} like (?:\w+ )?{_BEASTS}\b",
        rf"\b(?:breed|breeds|breeding|bred|multiply|multiplying|swarming|spawning) like"
        rf" (?:\w+ )?{_BEASTS}\b",
    )
)
# Contempt reported, not felt: "the regime wants its people to believe Americans are savages".
_REPORTED = re.compile(
    r"\b(?:believe|believes|claim|claims|claimed|say|says|said|taught|teach|teaches|told|tell"
    r"|tells|portray|portrays|depict|depicts|propaganda|myth|stereotype|describ\w*(?: \w+){0,3}"
    r" as|labell?ed|branded|dubbed)(?: that)?\s*$"
)


def reported(plain, match):
    """Return whether the phrase `match` found in `plain` is what someone else says or teaches."""
    # The match may begin with the word before the people ("believe Americans are …").
    first_word = match.start() + len(match.group().split(" ")[0]) + 1
    before = (plain[max(0, match.start() - 40) : end] for end in (match.start(), first_word))
    return any(map(_REPORTED.search, before))


def group_contempt_in(plain):
    """Return the phrase of contempt for a people in `plain` (read undisguised), or ""."""
    for pattern in GROUP_CONTEMPT:
        for match in pattern.finditer(plain):
            if not reported(plain, match):
                return match.group()
    return ""
