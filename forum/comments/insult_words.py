"""The broad vocabulary of insults aimed at a person: nouns, adjectives, roles and images.

forum/comments/lexicon.py began with the insults one evaluation set used; readers who never
saw it used others ("what a hack", "a fat little psycho", "a gullible sheep", "deranged").
These lists are written from general knowledge of English insults, several hundred of
them, so that forum/comments/insults.py can read the *shape* of an insult (a person, a
copula, an insulting word) whatever the word. Each list says when its words count.
"""

# Nouns that name a person only to demean them; with lexicon.PERSON_INSULTS, said of anyone.
MORE_PERSON_INSULTS = (
    "psychopath", "psychopaths", "sociopath", "sociopaths", "psychos", "maniac", "maniacs",
    "crackpot", "crackpots", "kook", "kooks", "loon", "loons", "loony", "looney", "wacko",
    "whacko", "wackos", "nutbag", "nutters", "nutjobs", "nutcases", "headcase", "basket case",
    "madman", "lunatics", "cranks", "dullard", "dullards", "ignoramus", "ignoramuses",
    "dumbo", "dingbat", "dimbulb", "bonehead", "boneheads", "blockhead", "meathead",
    "meatheads", "pinhead", "pinheads", "knucklehead", "knuckleheads", "birdbrain",
    "lamebrain", "chucklehead", "nincompoop", "ninny", "twerp", "dork", "dweeb", "doofus",
    "dope", "dunderhead", "pea-brain", "airheads", "simpletons", "buffoon", "clowns",
    "sleazeball", "slimeball", "scumbags", "dirtbags", "lowlifes", "creeps", "pervert",
    "perverts", "perv", "deviant", "freak", "freaks", "weirdos", "weasel", "weasels",
    "rat-bag", "ratbag", "toerag", "guttersnipe", "wretch", "cur", "cad", "heel", "louse",
    "lout", "yob", "thug", "thugs", "goon", "goons", "brute", "hypocrite", "hypocrites",
    "grifter", "grifters", "crook", "crooks", "swindler", "swindlers", "con artist",
    "scammer", "scammers", "con man", "conman", "huckster", "snake oil salesman", "quack",
    "fraudster", "sellout", "sell-out", "turncoat", "quisling", "lapdog", "lapdogs",
    "stooges", "flunky", "flunkey", "toady", "sycophant", "sycophants", "brown-noser", "fanboy",
    "fanboys", "groupie", "cultist", "cultists", "hack", "hacks", "shill", "paid shill",
    "useful idiot", "useful idiots", "tankie", "tankies", "wumao", "keyboard warriors",
    "armchair general", "troglodyte", "troglodytes", "neanderthal", "neanderthals",
    "caveman", "cavemen", "hillbilly", "redneck", "rednecks", "yokel", "bumpkin", "peasant",
    "peasants", "pleb", "plebs", "incel", "incels", "virgin", "neckbeard", "neckbeards",
    "basement dweller", "loser", "manchild", "man-child", "crybabies", "whiner", "whiners",
    "sissy", "wimp", "wimps", "pussy", "coward", "weakling", "weaklings", "coward",
    "crone", "harpy", "shrew", "witch", "battleaxe", "cow", "slag", "slut", "sluts",
    "whore", "whores", "skank", "tramp", "floozy", "bimbos", "hussy", "harlot", "trollop",
    "pig", "slob", "lard-arse", "fatty", "fatties", "landwhale", "land whale", "blob",
    "gremlin", "goblin", "troll", "ogre", "cretin", "halfwit", "oxygen thief",
    "parasite", "parasites", "leech", "leeches", "bottom-feeder", "bottom-feeders",
    "vermin", "rodent", "cockroach", "maggot", "maggots", "worm", "worms", "slug", "snake",
    "snakes", "rat", "rats", "swine", "scum", "sheep", "lemming", "drone", "drones",
    "npc", "npcs", "puppet", "puppets", "parrot", "parrots", "robot", "robots", "zombie",
    "zombies", "bot", "bots", "fraud", "frauds", "charlatans",
    "degenerate", "piece of shit", "piece of garbage", "piece of trash", "piece of work",
    "sack of shit", "bag of shit", "excuse for a human being", "excuse for a man",
    "excuse for a woman", "subhuman", "animal", "beast", "savage", "idiot", "moron",
    # Animals and blemishes said of a person: "a grovelling little toad", "a festering boil".
    "toad", "toads", "hyena", "hyenas", "jackal", "jackals", "vulture", "vultures", "baboon",
    "baboons", "ape", "apes", "monkey", "monkeys", "donkey", "mule", "goat", "old goat",
    "hog", "sow", "dog", "dogs", "mutt", "mongrel", "skunk", "louse", "tick", "ticks",
    "sloth", "dinosaur", "fossil", "boil", "blot", "pimple", "wart", "tumour", "tumor",
    "cyst", "scab", "pustule", "turd", "turds", "stain", "cancer", "plague", "disease",
    "bloodsucker", "bloodsuckers", "nonce", "div", "knob", "berk", "dipstick", "scrote",
    "slapper", "cuck", "cuckold", "simp", "simps", "eejit", "minger", "munter", "chav",
    "chavs", "scally", "bozo", "bozos", "goof", "goofball", "dingus", "schmuck", "putz",
    "sleaze", "sleazebag", "scuzzball", "wingnut", "wingnuts", "moonbat", "moonbats",
    "conspiracy nut", "tinfoil hat", "basement troll", "keyboard commando", "spinster",
    "old maid", "cat lady", "boomer", "geezer", "old fart", "coot", "old coot", "codger",
    "old codger", "jellyfish", "insult", "affront", "exhibit", "punchline",
    "sideshow", "village idiot", "pond scum", "lickspittle", "stooge", "whore", "prostitute",
)  # fmt: skip
# Nouns that a public debate uses of things too ("the deal is a fraud" is criticism): they
# count after "you" or a person only, never in a verdict with no subject. The rest of
# MORE_PERSON_INSULTS name a person, whoever is said to be one.
PERSON_OR_THING_NOUNS = frozenset(
    {
        "hack", "hacks", "fraud", "frauds", "drone", "drones", "bot", "bots", "puppet",
        "puppets", "robot", "robots", "animal", "beast", "dope", "heel", "cow", "pig", "blob",
        "snake", "snakes", "rat", "rats", "worm", "worms", "slug", "parrot", "parrots",
        "witch", "virgin", "peasant", "peasants", "zombie", "zombies",
        "sheep", "lemming", "parasite", "parasites", "leech", "leeches", "piece of work",
        "tramp", "freak", "thug", "thugs", "goon", "goons", "brute", "toad", "toads", "hyena",
        "hyenas",
        "jackal", "jackals", "vulture", "vultures", "baboon", "baboons", "ape", "apes",
        "monkey", "monkeys", "donkey", "mule", "goat", "hog", "sow", "dog", "dogs", "mutt",
        "mongrel", "skunk", "louse", "tick", "ticks", "sloth", "dinosaur", "fossil", "boil",
        "blot", "pimple", "wart", "tumour", "tumor", "cyst", "scab", "pustule", "stain",
        "cancer", "plague", "disease", "stooge", "prostitute", "boomer", "jellyfish", "insult",
        "affront", "exhibit", "punchline", "sideshow",
        "coward", "hypocrite", "hypocrites", "savage", "sellout", "sell-out", "turncoat",
        "quack", "goblin", "ogre", "gremlin", "troll", "cultist", "cultists",
    }
)  # fmt: skip

# Adjectives that insult a person's mind, character or body, said of the person themselves:
# "you're deranged", "the author is clearly senile", "his fans are just as unhinged". Not
# words of fair criticism ("wrong", "naive", "incompetent", "lazy", "dishonest"), which
# sharp comments say of officials, nor "gullible" or "ignorant", which describe voters.
PERSON_ADJECTIVES = (
    "deranged", "unhinged", "demented", "senile", "psychotic", "psychopathic", "brain-dead",
    "braindead", "brainless", "mindless", "moronic", "idiotic", "cretinous", "imbecilic",
    "half-witted", "halfwitted", "dim-witted", "dimwitted", "pea-brained", "feeble-minded",
    "retarded", "stupid", "dumb", "thick", "dense", "thick as mince", "spineless", "gutless",
    "worthless", "pathetic", "disgusting", "vile", "repulsive", "revolting", "loathsome",
    "despicable", "contemptible", "slimy", "sleazy", "scummy", "snivelling", "sniveling",
    "insufferable", "delusional", "deluded", "batshit", "batshit crazy", "certifiable",
    "mental", "insane", "crazy", "nuts", "loopy", "unbearable", "hideous", "grotesque",
    "ugly", "fat", "subhuman", "inbred", "brainwashed", "a waste of space", "beneath contempt",
    "sick in the head", "soft in the head", "off your meds", "off his meds", "off her meds",
    "not right in the head", "a lost cause", "too stupid", "too dumb", "too thick",
    "illiterate", "half-literate", "semi-literate", "barely literate", "subliterate",
)  # fmt: skip

# Adjectives that insult when they qualify a person ("a sneering little weasel", "a cheap
# propagandist"): with lexicon.INSULT_ADJECTIVES, before an insulting noun or a role.
MORE_INSULT_ADJECTIVES = (
    "deranged", "unhinged", "demented", "psychotic", "sneering", "snivelling", "gormless",
    "witless", "feckless", "dim-witted", "dimwitted", "slack-jawed", "drooling", "cheap",
    "shameless", "lowly", "petty", "nasty", "greasy", "sweaty", "smelly", "stinky",
    "pompous", "pasty", "spotty", "balding", "toothless", "wrinkled", "decrepit", "senile",
    "hysterical", "shrill", "whining", "whingeing", "whinging", "sniveling", "cowardly",
    "treacherous", "traitorous", "two-faced", "lying", "know-nothing", "wannabe", "would-be",
    "washed-up", "has-been", "two-bit", "third-rate",
    "bottom-feeding", "brown-nosing", "bootlicking", "commie", "leftard", "libtard",
    "repulsive", "revolting", "loathsome", "grotesque", "hideous", "crazy", "insane", "mental",
    "batshit", "braindead", "retarded", "subhuman", "inbred", "grovelling", "groveling",
    "festering", "bloated", "rancid", "putrid", "odious", "wretched", "miserable", "rabid",
    "bloodthirsty", "morally bankrupt", "soulless", "pig-headed", "dumbass", "clueless",
)  # fmt: skip

# Who a put-down may be aimed at in a comment thread, besides "you": roles and followers.
PERSON_ROLES = (
    "author", "authors", "writer", "writers", "journalist", "journalists", "columnist",
    "columnists", "reporter", "reporters", "editor", "editors", "commenter", "commenters",
    "commentator", "commentators", "poster", "posters", "professor", "academic", "academics",
    "pundit", "pundits", "analyst", "analysts", "expert", "experts", "guy", "guys", "man",
    "men", "woman", "women", "person", "people", "dude", "clown", "op", "minister",
    "president", "leader", "politician", "politicians", "spokesman", "spokeswoman",
    "ambassador", "general", "generals", "dictator", "blogger", "bloggers", "youtuber",
    "influencer", "scholar", "correspondent", "hack", "propagandist", "human", "human being",
    "editorial board", "editorial team", "editorial staff",
)  # fmt: skip
# A person's followers: "his fans are just as deranged", "her defenders here".
FOLLOWERS = (
    "fans", "supporters", "followers", "defenders", "apologists", "cheerleaders", "fanboys",
    "worshippers", "groupies", "disciples", "admirers", "voters", "readers", "minions",
    "cronies", "lackeys", "sycophants", "cult", "fan club",
)  # fmt: skip
# A noun that makes a person a thing ("trash person", "garbage journalist", "clown writer").
DEGRADING_MODIFIERS = (
    "trash", "garbage", "rubbish", "hack", "clown", "joke", "shit", "shitty", "crap",
    "crappy", "scum", "scumbag", "bottom-feeding", "two-bit", "third-rate", "low-life",
    "lowlife", "pathetic excuse for a", "poor excuse for a", "sorry excuse for a",
    "joke of a", "disgrace of a", "embarrassment of a", "waste of a", "travesty of a",
)  # fmt: skip
