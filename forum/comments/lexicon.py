"""The words the abuse patterns are made of: insults for a person, slurs, dehumanising nouns.

Written from general knowledge of how abusive comments are phrased (and the tuning half of
bench/triage), not from the held-out half: see docs/moderation-scoring.md. Each list is a
tuple of plain words or phrases; the patterns (forum/comments/contempt.py, slurs.py,
threats.py) turn them into regular expressions, and the disguise undoing
(forum/comments/disguise.py) reads them to put a masked word ("r*tard") back together.
"""

# Nouns that only ever name a person, and only to demean them: "you muppet", "what a clown".
PERSON_INSULTS = (
    "idiot", "idiots", "moron", "morons", "imbecile", "imbeciles", "cretin", "cretins",
    "fool", "fools", "halfwit", "halfwits", "half-wit", "dimwit", "dimwits", "nitwit",
    "nitwits", "numbskull", "numpty", "dunce", "dolt", "oaf", "buffoon", "buffoons", "clown",
    "clowns", "muppet", "muppets", "twit", "twits", "git", "gits", "prat", "pillock",
    "plonker", "tosser", "wanker", "wankers", "knobhead", "bellend", "dickhead", "dickheads",
    "prick", "pricks", "twat", "twats", "cunt", "cunts", "arsehole", "asshole", "assholes",
    "jerk", "jerks", "jackass", "douchebag", "douche", "scumbag", "scumbags", "dirtbag",
    "sleazebag", "lowlife", "lowlifes", "loser", "losers", "creep", "troll", "trolls",
    "windbag", "blowhard", "gasbag", "loudmouth", "bigmouth", "simpleton", "degenerate",
    "degenerates", "lunatic", "nutjob", "nutcase", "nutter", "psycho", "weirdo", "crank",
    "airhead", "bimbo", "hag", "old bag", "bootlicker", "bootlickers", "boot-licker",
    "lackey", "stooge", "shill", "shills", "snowflake", "sheeple", "lemming", "lemmings",
    "scum", "scumbucket", "charlatan", "keyboard warrior", "bitch", "bastard", "bastards",
    "dipshit", "dumbass", "tool", "know-nothing", "know-nothings", "crybaby", "brat",
    "shithead", "fatso",
)  # fmt: skip

# Nouns that demean a person when said of them ("you are a stain on ..."), though they may
# also describe a thing ("the summit was a joke"): used only with "you" or a person named.
PERSON_OR_THING_INSULTS = (
    "joke", "disgrace", "embarrassment", "stain", "blight", "cancer", "plague", "laughing stock",
    "laughingstock", "waste of space", "waste of skin", "excuse for a human being",
    "excuse for a human", "excuse for a person", "excuse for a journalist",
    "excuse for a writer", "nobody", "nonentity", "fraud", "hack", "coward", "cowards", "filth",
    "parasite", "leech", "maggot", "worm", "slug", "swine", "pig", "rat", "snake", "trash",
    "garbage", "rubbish", "toddler", "puppet", "drone", "npc", "sheep", "parrot",
)  # fmt: skip

# Adjectives and intensifiers that come between "you" and the insult ("you pompous windbag").
INSULT_ADJECTIVES = (
    "absolute", "total", "complete", "utter", "proper", "real", "such", "bloody",
    "fucking", "effing", "damn", "damned", "stupid", "ignorant", "clueless", "pompous",
    "tedious", "smug", "arrogant", "pathetic", "sad", "little", "old", "brain-dead",
    "braindead", "brainless", "mindless", "spineless", "gutless", "worthless", "useless",
    "miserable", "deluded", "delusional", "dumb", "thick", "dense", "dim", "dirty", "filthy",
    "disgusting", "vile", "lying", "ugly", "fat", "sorry", "pitiful", "insufferable",
    "self-important", "half-witted", "uneducated", "illiterate", "silly", "daft",
    "pretentious", "condescending", "tiresome", "boring", "obnoxious", "sniveling",
    "snivelling", "pea-brained", "moronic", "idiotic", "cretinous", "contemptible",
    "despicable", "low-life", "big", "stinking", "rotten", "dishonest", "sick", "twisted",
    "bitter", "slimy", "spineless", "whiny", "senile", "gullible", "lonely", "brainwashed",
    "clueless", "weak", "spoiled", "inbred",
)  # fmt: skip

# Words that exist only to insult a person, whoever they are said of ("led by a lardass"):
# matched anywhere, like a slur (forum/comments/putdowns.py).
CRUDE_INSULTS = (
    "lardass", "lard-ass", "fatass", "fat-ass", "fatso", "soyboy", "soyboys", "soy boy",
    "mouth-breather", "mouth-breathers", "mouth-breathing", "knuckle-dragger",
    "knuckle-draggers", "knuckle-dragging", "waste of oxygen", "waste of air",
    "waste of skin", "oxygen thief", "piggy face", "pig-faced", "shithead", "shitheads",
    "dipshit", "dipshits", "dumbass", "dumbasses",
    # Added in December 2026 from general knowledge: compounds that only ever insult.
    "shit-for-brains", "fuckwit", "fuckwits", "fucktard", "fucktards", "cockwomble",
    "twatwaffle", "shitgibbon", "wankstain", "dickwad", "dickweed", "numbnuts", "assclown",
    "asshat", "asshats", "knobend", "knobhead", "bellend", "tosspot", "twonk", "wazzock",
    "gobshite", "shitstain", "scumbucket", "dumb-ass", "jerkoff", "douchebag", "douchebags",
)  # fmt: skip

# Slurs: words for a people, a sexuality or a disability that exist only to demean.
# Deliberately not here: words with an ordinary meaning too ("cracker", "fairy").
SLURS = (
    "gook", "gooks", "chink", "chinks", "chinky", "kike", "kikes", "spic", "spics", "spick",
    "wetback", "wetbacks", "nigger", "niggers", "nigga", "niggas", "coon", "coons", "jap",
    "japs", "slant-eye", "slant-eyes", "slanty", "zipperhead",
    "zipperheads", "chinaman", "ching chong", "raghead", "ragheads", "towelhead",
    "towelheads", "sand nigger", "camel jockey", "paki", "pakis", "wog", "wogs", "dago",
    "wop", "beaner", "beaners", "honky", "redskin", "redskins", "faggot", "faggots", "fag",
    "fags", "dyke", "dykes", "tranny", "trannies", "shemale", "retard", "retards", "retarded",
    "tard", "mongoloid", "mongoloids", "autist", "autists", "mong", "mongs", "zip-head",
    "zip-heads", "slope-head", "slope-heads", "slant-eyed", "slopey", "spaz", "spazz",
    "spazzes", "third-worlder", "third-worlders", "gooky", "kyke", "kykes",
    "slant", "slants", "slope", "slopes",
    # Added in December 2026 from general knowledge (not from any evaluation set): slurs for
    # peoples, faiths, sexualities and disabilities that the first list lacked.
    "bugman", "bugmen", "chingchongs", "dothead", "dotheads", "curry muncher",
    "curry munchers", "jungle bunny", "jungle bunnies", "porch monkey", "porch monkeys",
    "sambo", "sambos", "darkie", "darkies", "darky", "pickaninny", "golliwog", "golliwogs",
    "jigaboo", "jigaboos", "spearchucker", "spearchuckers", "kaffir", "kaffirs", "coolie",
    "coolies", "yid", "yids", "heeb", "heebs", "hymie", "hymies", "sheeny", "gyppo", "gyppos",
    "gypo", "pikey", "pikeys", "injun", "injuns", "squaw", "squaws", "half-breed",
    "half-breeds", "poofter", "poofters", "lesbo", "lesbos", "troon", "troons", "batty boy",
    "sodomite", "sodomites", "spastic", "spastics", "spakker", "window licker",
    "window lickers", "libtard", "libtards", "leftard", "leftards", "retardo", "greaseball",
    "greaseballs", "muzzie", "muzzies", "muzrat", "muzrats", "rapefugee", "rapefugees",
    "nignog", "nig-nog", "nig-nogs", "kraut", "krauts", "slit-eyed", "slitty-eyed",
    "squinty-eyed", "slanteye", "slanteyes", "chinamen", "gookland", "chinkland", "nips",
    "chinkies", "gookies", "kikey",
    "poof", "poofs", "homo", "homos",
)  # fmt: skip
# Slurs that are also ordinary English words in some sentences; matched only as a slur is
# used ("these japs", "dirty coon"), not "retarded growth" in a report on malnutrition; see
# forum/comments/slurs.py.
AMBIGUOUS_SLURS = (
    "coon", "coons", "jap", "japs", "tard", "retarded", "mong", "mongs", "poof", "poofs",
    "homo", "homos", "spastic", "lesbos",
)  # fmt: skip
# Ordinary words most of the time ("a pro-Beijing slant", "the ski slopes"): a slur only
# after "these", "you", "dirty" and the like, or when spelt in disguise ("sl4nt").
RARELY_SLURS = ("slant", "slants", "slope", "slopes")

# Nouns that deny a group its humanity ("these people are vermin"). The first list has no
# literal sense a forum on North Korea would use; the second names real animals, so it
# needs a person as its subject ("they are animals", not "the zoo's animals").
FIGURATIVE_VERMIN = (
    "vermin", "parasites", "cockroaches", "subhumans", "sub-humans", "savages", "maggots",
    "leeches", "untermenschen", "mongrels", "roaches",
)  # fmt: skip
LITERAL_ANIMALS = (
    "animals", "beasts", "rats", "apes", "monkeys", "pigs", "dogs", "swine", "insects",
    "rodents", "snakes", "hyenas", "cattle",
)  # fmt: skip

# Swear words a masked spelling ("f*ck", "sh!t") usually hides; with the lists above, the
# words `disguise.unmask` may put back.
SWEARS = (
    "fuck", "fucking", "fucker", "shit", "shite", "bitch", "bastard", "cunt", "twat", "wanker",
    "asshole", "arsehole", "dick", "prick", "piss", "moron", "idiot", "stupid", "dumb",
)  # fmt: skip

# Every word a disguised spelling may be read back to (disguise.py), longest first.
KNOWN_WORDS = tuple(
    sorted(
        {
            w
            for w in PERSON_INSULTS + SLURS + FIGURATIVE_VERMIN + SWEARS + CRUDE_INSULTS
            if " " not in w
        }
        | {w for w in INSULT_ADJECTIVES if "-" not in w},
        key=lambda w: (-len(w), w),
    )
)


def alternation(words):
    """Return a regular-expression alternation of `words`, longest first, spaces flexible."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(w.replace("-", r"-?").replace(" ", r"[ -]?") for w in ordered) + ")"
