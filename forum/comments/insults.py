"""Insults aimed at a person, read by their shape: a target, a copula and an insulting word.

forum/comments/contempt.py knows the nouns of one evaluation set; readers who never saw it
wrote "what a hack", "the author is a deranged propagandist", "his fans are just as
unhinged", "anyone who agrees is a gullible sheep", "trash comment from a trash person".
Each pattern here names *who* is insulted (the reader, a writer or commenter, someone's
followers, "anyone who …", a named person) and takes its words from the broad lists of
forum/comments/insult_words.py, so a new insult in an old shape is still found. Criticism of
things passes: "the plan is idiotic", "a pathetic response" and "the deal is a fraud" name
no person, and adjectives are read only of a person, never of a clause ("anyone who thinks
the plan is stupid"). Read undisguised and outside quotation marks; what someone else is
said to have said ("state media said he is a clown") is reported, not meant; only holds.
"""

import re

from forum.comments.groups import reported
from forum.comments.insult_words import (
    DEGRADING_MODIFIERS,
    FOLLOWERS,
    MORE_INSULT_ADJECTIVES,
    MORE_PERSON_INSULTS,
    PERSON_ADJECTIVES,
    PERSON_OR_THING_NOUNS,
    PERSON_ROLES,
)
from forum.comments.lexicon import (
    INSULT_ADJECTIVES,
    PERSON_INSULTS,
    PERSON_OR_THING_INSULTS,
    alternation,
)

# Any insulting noun, for a sentence whose subject is already a person.
_NOUN = alternation(PERSON_INSULTS + MORE_PERSON_INSULTS + PERSON_OR_THING_INSULTS)
# Nouns that name only a person, for a sentence whose subject may be anyone ("Kim is a psycho");
# "tool" and "drone" are things in a debate about weapons.
_PERSON_NOUN = alternation(
    set(PERSON_INSULTS + MORE_PERSON_INSULTS) - PERSON_OR_THING_NOUNS - {"tool", "troll"}
)
# What "anyone who …" may be called: a person's noun or a herd animal, not "trash" or "a
# joke", which may belong to the clause ("anyone who thinks this article is trash").
_CLAUSE_NOUN = alternation(
    set(PERSON_INSULTS + MORE_PERSON_INSULTS) - {"tool", "troll", "hack", "hacks", "fraud"}
)
_ADJECTIVE = alternation(INSULT_ADJECTIVES + MORE_INSULT_ADJECTIVES)
_ADJECTIVES = rf"(?:{_ADJECTIVE},? (?:and )?){{0,3}}"
# Before a noun said of someone already named a person, any two words may stand: "a
# festering boil", "morally bankrupt scumbags", "a paid whore".
_ANY_WORDS = r"(?:[\w-]+,? (?:and )?){0,2}"
# Words that look like adjectives ("freeloading", "bloated", "spineless"), for a noun said
# to someone, where any word could be a verb ("did you see the rat").
_ADJECTIVE_LIKE = (
    r"(?:[\w-]+(?:ing|ed|y|ish|less|ful|ous|ic|al|ive|ant|ent|ible|able),? (?:and )?){0,2}"
)
# Insulting nouns for "another …" or "typical …": a person's, and a few said of writers.
_TYPE_NOUN = alternation(
    set(PERSON_INSULTS + MORE_PERSON_INSULTS) - PERSON_OR_THING_NOUNS - {"tool", "troll"}
    | {"hack", "hacks", "fraud", "puppet", "shill", "stooge", "parrot", "propagandist"}
)
_STRONG = alternation(PERSON_ADJECTIVES)
# Said of a role before its noun ("this deranged author"); not "the Fat Man bomb".
_ROLE_ADJECTIVE = alternation(
    set(PERSON_ADJECTIVES) - {"fat", "ugly", "thick", "dense", "mental", "nuts", "insane"}
)
_ROLE = alternation(PERSON_ROLES)
_ADVERBS = (
    r"(?: (?:just|really|clearly|obviously|truly|simply|literally|basically|nothing but|all"
    r"|also|equally|so|such|totally|completely|utterly|absolutely|quite|frankly|certifiably"
    r"|genuinely|seriously|fucking|bloody|mentally|just as|as|too|a bit|a little|kind of"
    r"|sort of|officially|still|always|now|definitely|proper|this|that))*"
)
_ARTICLE = (
    r"(?:an?|such an?|the|one|the biggest|a complete|a total|a bit of an?|nothing but an?"
    r"|just an?|some kind of|some sort of|a real|a right|a proper|an absolute|the worst kind of)"
)
_COPULA = (
    r"(?:is|are|was|were|'s|'re|must be|seems?|sounds? like|looks? like|has always been"
    r"|have always been|has become|is becoming|remains?|will always be)"
)
# Where an insult ends: punctuation, a new clause or a complement; not a compound noun ("a
# clown show", "a psycho move") that is about a thing.
_END = (
    r"(?=\s*(?:[.,!?;:)…]|$|(?:and|but|or|who|that|with|like|if|because|for(?! not)|from|in|on|at"
    r"|of|to|than|as|so|too|just|all|you|he|she|they|it|lol|lmao|mate|m8|pal|bro|buddy|dude"
    r"|\w+ing)\b))"
)
# A strict end for a subject that may be anyone: a sentence, a new clause, or "and".
_STRICT_END = (
    r"(?=\s*(?:[.,!?;:)…]|$|(?:and|but|who|if|because|lol|lmao|through and through"
    r"|to the (?:bone|core))\b))"
)
# Where an adjective said of a person ends; not "crazy about", "ignorant of".
_ADJECTIVE_END = (
    r"(?=\s*(?:[.,!?;:)…]|$|(?:and|but|or|as|if|to|enough|that|who|it|you|he|she|they|lol"
    r"|lmao|beyond|for (?:thinking|believing|writing|saying))\b))"
)
# Who is insulted: the reader (or readers) ...
_YOU_ARE = (
    r"(?:you're|youre|you are|u r|ur|you were|you sound|you look|you seem|you must be"
    r"|you've always been|you have always been|you remain|are you|you (?:people|lot|guys"
    r"|all|two|clowns) (?:are|were)|y'all are|your (?:lot|kind|sort|type) (?:are|is)"
    r"|are (?:all of )?you(?: all| people| lot)?)"
)
# ... a writer, a commenter or a person's followers, named without a clause ...
_THIRD = (
    rf"(?:(?:this|the|that|our|your|these|those) (?:[\w-]+ )?{_ROLE}(?: above| below| here"
    rf"| in question| of this (?:\w+ )?(?:article|piece|column|rubbish|garbage|trash))?"
    rf"|(?:his|her|their|its|\w+'s) (?:\w+ )?{alternation(FOLLOWERS)}(?: (?:here|on here"
    rf"|in (?:this|the) (?:thread|comments)))?|(?:the )?{alternation(FOLLOWERS)} of(?: \w+){{1,3}}"
    rf"|(?:people|men|women|guys|idiots) like (?:you|him"
    rf"|her|them|this|that)|the likes of (?:you|him|her)|whoever wrote (?:this|that)(?: \w+)?)"
)
# ... or anyone a clause describes ("anyone who agrees with this article").
_CLAUSE = (
    r"(?:anyone|everyone|anybody|everybody|people|those|whoever|someone|somebody|all of you"
    r"|any (?:\w+ )?(?:person|man|woman|reader|journalist))(?: who| that)(?: \w+){1,8}"
)

INSULTS = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # The reader: "you're a vile little weasel", "you people are brainless parasites".
        rf"\b{_YOU_ARE}{_ADVERBS} (?:{_ARTICLE} )?{_ADJECTIVES}{_ANY_WORDS}{_NOUN}{_END}",
        rf"\b{_YOU_ARE}{_ADVERBS} {_STRONG}{_ADJECTIVE_END}",
        # "Liar" said to the reader; of a minister it may be what an audit found.
        rf"\b{_YOU_ARE}{_ADVERBS} (?:{_ARTICLE} )?{_ADJECTIVES}liars?{_END}",
        # A writer, a commenter, followers: "the author is a deranged propagandist", "his
        # fans here are just as unhinged", "this professor is clearly senile".
        rf"\b{_THIRD} {_COPULA}{_ADVERBS} (?:{_ARTICLE} )?{_ADJECTIVES}{_ANY_WORDS}{_NOUN}{_END}",
        rf"\b{_THIRD} {_COPULA}{_ADVERBS} (?:{_ARTICLE} )?(?:{_ROLE_ADJECTIVE}|{_ADJECTIVE})"
        rf"(?:,? (?:\w+ )?)?(?:{_ROLE}|propagandist|hack){_END}",
        rf"\b{_THIRD} {_COPULA}{_ADVERBS} {_STRONG}{_ADJECTIVE_END}",
        # Anyone a clause describes: "anyone who agrees with this is a gullible sheep".
        rf"\b{_CLAUSE} (?:is|are|must be)(?: \w+)?{_ADVERBS} (?:{_ARTICLE} )?{_ADJECTIVES}"
        rf"{_CLAUSE_NOUN}{_END}",
        # Anyone at all, with a noun that names only a person: "Kim is a fat little psycho".
        rf"\b\w+(?: is|'s| was| remains)(?: \w+ly)? {_ARTICLE} {_ADJECTIVES}{_PERSON_NOUN}"
        rf"{_STRICT_END}",
        # Said to someone: "you sneering weasel", "…, you hypocrite."
        rf"\b(?:you|u|ya) {_ADJECTIVES}{_ADJECTIVE_LIKE}{_NOUN}(?=\s*(?:[.,!?;:)…]|$|(?:who"
        rf"|like)\b))",
        rf"\b(?:another|yet another|typical|just another|one more) (?:[\w-]+ ){{0,2}}{_TYPE_NOUN}"
        rf"(?=\s*(?:[.,!?;:]|$|(?:who|with|from|pretending|thinks|trying|that|and)\b))",
        rf"(?:^|[.!?,]\s*)(?:what an? |such an? |you )?{_ADJECTIVES}(?:{_PERSON_NOUN}|hack"
        rf"|fraud|hypocrite|coward|liar|psycho|grifter|sellout|loser)(?=\s*(?:[.!?]|$))",
        # A verdict of insulting words with a noun for a thing or a person: "Clueless
        # dinosaur.", "Pathetic hack."; one insulting adjective at least.
        rf"(?:^|[.!?]\s+)(?:what an? |such an? )?(?:{_ADJECTIVE},? (?:and )?){{1,3}}"
        rf"(?:little |old )?{_NOUN}(?=\s*(?:[.!?,]|$))",
        rf"(?:^|[.!?]\s+)what an? (?:[\w-]+,? (?:and )?){{1,3}}(?:{_PERSON_NOUN}|toad|weasel|rat"
        rf"|snake|worm|hack|fraud|coward)(?=\s*(?:[.!?]|$))",
        rf"(?:^|[.!?]\s+)what an? (?:[\w-]+,? (?:and )?){{0,3}}{_NOUN} (?:you|he|she|they)"
        rf" (?:are|is)\b",
        rf"\bspoken like (?:an? )?(?:true |real )?{_ANY_WORDS}{_NOUN}\b",
        # An insulting noun for someone pointed at: "get this clown a helmet", "the idiot
        # above", "a windbag like him"; not "this clown show" or "the madman theory".
        rf"\b(?:this|that|these|those|the|some|another) (?:[\w-]+ ){{0,2}}{_PERSON_NOUN}(?= (?:an?"
        rf"|some|is|was|has|had|should|can|can't|will|won't|would|does|doesn't|did|keeps|wrote"
        rf"|writes|says|said|thinks|knows|needs|wants|gets|just|really|still|here|above|below"
        rf"|again|over there|\w+ing)\b)",
        rf"\b{_NOUN} like (?:you|u|him|her|them)\b",
        r"\b(?:the )?(?:dregs|scum|filth|refuse|bottom of the barrel) of (?:humanity|society|the"
        r" earth|mankind|the human race|the internet)\b",
        r"\b(?:mental|intellectual|moral) (?:midgets?|pygm(?:y|ies)|dwarfs?)\b",
        r"\bnot (?:even )?worth (?:the|my|a|your) (?:electricity|oxygen|air|spit|piss|bullet"
        r"|skin|breath|time|effort|energy) (?:it takes|to insult|to argue|to reply|of a reply)",
        r"\b(?:should|ought to|needs? to|must) be (?:locked|put|kept|sent) (?:up )?(?:in|into|to)"
        r" (?:a|an|the) (?:padded cell|asylum|loony bin|nuthouse|funny farm|mental (?:home"
        r"|hospital|ward|institution)|straitjacket)\b",
        r"\bbelongs? in (?:a|an|the) (?:padded cell|asylum|loony bin|nuthouse|funny farm|mental"
        r" (?:home|hospital|ward|institution)|zoo|cage)\b",
        r"\b(?:learn(?:ed|t)?|degree|diploma|phd|doctorate|education|taught|qualifications?)\b"
        r"[^.!?]{0,40}\b(?:from|out of|in|on) (?:a |the )?(?:cereal box(?:es)?|fortune cookies?"
        r"|bathroom walls?|toilet walls?|christmas crackers?|cracker ?jack box(?:es)?|happy"
        r" meals?)\b",
        r"\b(?:never|don't|do not|shouldn't|should never|please don't) (?:ever )?(?:be allowed"
        r" to )?(?:reproduce|breed|procreate)\b",
        r"\bhope (?:you|u|he|she|they) (?:never|don't|doesn't|do not|does not|won't|will never)"
        r" (?:have|has|get to have) (?:kids|children|a family|offspring)\b",
        # A person belittled with "little": "a sad little man", "a bitter little troll".
        r"\b(?:sad|pathetic|bitter|lonely|miserable|pitiful|angry|nasty|vile|smug|ugly|fat"
        r"|pompous|weak|insecure|jealous),? little (?:man|woman|boy|girl|person|creature|thing"
        r"|guy|troll|people|men)\b",
        rf"\bexcuse for an? (?:\w+ )?(?:{_ROLE}|commenter|human|person|adult|brain)\b",
        # Sarcastic praise as an address: "Learn to read, genius.", "Sure, Einstein."
        r",\s*(?:genius|einstein|sherlock|smart guy|smartass|big brain|galaxy brain|hotshot"
        r"|mastermind|tough guy|big man)(?=\s*(?:[.!?,]|$))",
        # A person made a thing: "trash person", "garbage journalist", "joke of a professor".
        rf"\b{alternation(DEGRADING_MODIFIERS)} {_ROLE}\b(?!'s)",
        # A role with an adjective that insults a person: "this deranged author".
        rf"\b(?:this|that|the|an?|you|your|his|her|some|these|those) (?:\w+ )?{_ROLE_ADJECTIVE}"
        rf" (?:old |little |young )?{_ROLE}\b",
        # Being it: "imagine being such a spineless worm", "being this unhinged".
        rf"\bbeing (?:so |this |that |such an? )?{_ADJECTIVES}(?:{_NOUN}|{_STRONG})\b",
        # An animal said of people: "you lot behave like animals", "his fans are rats".
        r"\b(?:you|you people|you lot|they|these people|those people|his fans|her fans|his"
        r" supporters|people like you)(?:'re| are| all| just)* (?:act(?:ing)? |behav(?:e|ing)"
        r" |are )?(?:like |no better than |worse than )(?:\w+ )?(?:animals|rats|cockroaches"
        r"|vermin|parasites|pigs|apes|monkeys|insects|dogs|beasts|savages|hyenas|maggots"
        r"|leeches|lice)\b",
        r"\b(?:these|those) (?:animals|beasts|savages|rats|pigs|dogs|apes|monkeys) (?:don't"
        r"|do not|should|shouldn't|deserve|need to|must|will never|can't|cannot|have no)\b",
        # Condescension: "learn to read", "go back to school", "read a book".
        r"\blearn (?:how )?to (?:read|spell|think|write)\b(?=\s*(?:[.,!?]|$|before|first"
        r"|properly|for once|maybe|you|mate|pal|genius|then))",
        r"(?:^|[.!?,]\s*|\b(?:should|need to|ought to|must|please|maybe|just) )(?:go|get) back to"
        r" (?:school|class|primary school|elementary school|grade school|middle school)\b",
        r"(?:^|[.!?,]\s*)(?:maybe |try to |go |just |please )?(?:read a (?:history )?book"
        r"|get an education|educate yourself|open a book|take a (?:basic )?(?:reading"
        r"|geography|history) class)(?=\s*(?:[.,!?]|$|for once|sometime|before|first|then"
        r"|you|mate|pal|genius))",
        r"(?:^|[.!?,]\s*)sit down,? (?:kid|child|boy|girl|son|little one|sweetie|junior|mate)\b",
        r"\b(?:stay in your lane|nobody asked you|no one asked you|who asked you)"
        r"(?=\s*(?:[.,!?]|$))",
        r"\bstick to (?:your )?(?:crayons|colou?ring(?: books?)?|knitting|cooking|tiktok"
        r"|cat videos|horoscopes|recipes)\b",
        r"\b(?:who|which idiot|what idiot) let (?:you|this \w+|that \w+|him|her) (?:in|out"
        r"|near|online|write|post|have a keyboard)\b",
        rf"\b(?:are|were) (?:just |nothing but |all )?(?:a bunch|a pack|a herd|a gang|a load"
        rf"|a band|a troop|a flock|a horde|a nest|a den) of (?:[\w-]+,? ){{0,2}}(?:{_NOUN}s?"
        rf"|baboons|hyenas|jackals|vultures|clowns|morons|idiots)\b",
        r"\b(?:advertisement|argument|poster (?:child|boy)|case) for (?:birth control|abortion"
        r"|contraception|eugenics|sterili[sz]ation)\b",
        r"\b(?:still )?wets? (?:the|your|his|her) bed\b|\bbed-?wetter\b",
        r"\bkept (?:her|his) legs (?:closed|shut)\b",
        r"\bdunce(?:'s)? cap\b",
        r"\bsheeple\b",
        r"\b(?:your|ur|his|her|the author's|this guy's) brains? (?:is |are )?(?:\w+ly )?(?:running"
        r" on|powered by|working on|operating on) (?:dial-up|fumes|a potato|one cell|batteries"
        r"|two brain cells|windows 95|a hamster wheel)\b",
        r"\bmakes? (?:the world|everyone|humanity|this (?:thread|section|site)|me|us)(?: \w+){0,2}"
        r" (?:dumber|stupider|more stupid)\b",
        rf"\b(?:{_THIRD}|you|he|she) (?:writes|write|sounds|sound|argues|argue|thinks|think|talks"
        rf"|talk|reasons|reason) like (?:an? )?(?:\w+ )?(?:toddler|child|teenager|drunk"
        rf"|schoolboy|schoolgirl|\w+-year-old|kid|idiot|madman|lunatic|moron|caveman)\b",
        r"\b(?:you|u|he|she)(?:'ve| have|'s| has)? (?:\w+ )?never had an? (?:original|single"
        r"|coherent|intelligent|independent|functioning|new) (?:thought|idea)\b",
        r"\bnot (?:one|a single) (?:functioning|working) (?:thought|brain cell|neuron)\b",
        r"\bwho let (?:\w+ ){1,3}(?:near (?:a|the) (?:keyboard|computer|internet|comments?)|online"
        r"|on the internet|have a keyboard)\b",
        r"\b(?:you|u|he|she|so-called \w+|this \w+|the author|the writer)(?: \w+)?"
        r" (?:couldn't|could not|can't|cannot|wouldn't) pass (?:a|an) (?:\w+ ){0,2}(?:exam|test"
        r"|class|quiz)\b",
        r"\babsolute state of (?:this|that|him|her|you)\b",
        r"\bwaste of (?:good |perfectly good )?(?:air|oxygen|skin|carbon|flesh|sperm|dna"
        r"|a (?:human|life|womb))\b",
        r"\b(?:hit|dropped|kicked|bashed) on the head (?:one too many times|as a (?:baby|child"
        r"|kid))|\bone too many (?:blows|knocks|hits|punches) to the head\b",
        rf"\b(?:drivel|garbage|rubbish|nonsense|trash|propaganda|dreck|tripe|slop|another article"
        rf"|every article|article|piece|column) (?:from|by) (?:this|that|a|another|the) (?:\w+ )?"
        rf"(?:{_NOUN}|hack|fraud|clown|shill)\b",
        r"\b(?:you|u|he|she|who|author|writer|professor|journalist|guy|man|woman|minister|kim)"
        r"(?: \w+)? looks? like (?:an? |the )?(?:\w+ ){0,2}(?:candle|potato|thumb|toad|frog|ham"
        r"|pig|walrus|goblin|gremlin|ferret|weasel|turnip|egg|corpse|zombie|troll|muppet"
        r"|ballsack|scrotum|foreskin|slapped arse|smacked arse|bulldog chewing a wasp)\b",
        r"\bleave (?:\w+ ){1,3}to (?:the )?(?:grown-?ups|grown adults|adults|big boys)\b",
        r"\b(?:let|leave it to) the (?:people|ones|adults|folks|rest of us) with (?:brains|a brain"
        r"|actual brains|functioning brains|an iq|an education|two brain cells)\b",
        r"\b(?:\w+s|someone|a man|a woman|people) with no (?:brains?|brain cells)\b",
        r"\b(?:read|seen|heard) (?:smarter|better|more intelligent|more coherent|more sensible)"
        r" (?:\w+ ){0,2}(?:on|in|from) (?:a |the )?(?:toilet|bathroom|cereal|fortune|crayon"
        r"|kindergarten|nursery|toddler|parrot|chimp|monkey)",
        r"\byour (?:very |continued |whole )?(?:existence|birth|life) is (?:an argument|proof"
        r"|evidence|a case|the best argument) (?:against|for|that)\b",
        r"\b(?:did|does|do) (?:you|u|your \w+) (?:\w+ ){0,2}(?:come with|have|own|possess) a"
        r" (?:brain|functioning brain|brain cell)\b",
        rf"\ba failed (?:{_ROLE}|grad student|student|artist|novelist|comedian|poet|actor)\b",
        r"\b(?:raised|brought up|born|grew up) in a (?:barn|zoo|cave|sewer|pigsty|pig sty|trailer"
        r"|dumpster)\b(?!\s*\w)",
        r"\ba face for radio\b",
        r"\b(?:you|he|she|must have been|were you|was he|was she)\b[^.!?]{0,20}\bdropped"
        r" (?:\w+ )?as an? (?:baby|child|kid|toddler|infant)\b",
        r"\bthe only thing (?:\w+er|more \w+) than your \w+ is your \w+",
        r"\b(?:wasted|waste of) (?:\w+ ){0,2}(?:money|time|tuition|fees) on your (?:education"
        r"|degree|schooling)\b",
        r"\b(?:you're|you are|he's|she's|he is|she is) (?:a |an )?(?:complete |total |utter )?"
        r"waste of\b",
        r"\b(?:dementia|senility|alzheimer'?s) (?:has )?(?:clearly |finally |obviously |already )?"
        r"(?:set in|kicked in|taken over|taken hold)\b",
        r"\b(?:your|his|her|the \w+'s) (?:\w+ )?(?:wrinkly|shrivell?ed|rotting|rotten|tiny"
        r"|pea-sized|smooth|mushy|addled|pickled|fried|senile|decrepit) (?:old |little )?brains?\b",
        r"\bbeing (?:\d+|\w+ years old) and (?:still )?(?:this|so) \w+",
        r"\b(?:your|nice|that|his|her) (?:\w+ )?(?:double chin|beer belly|man boobs|moobs"
        r"|receding hairline|comb-?over|muffin top|turkey neck)\b",
        r"\bno brains? (?:cells? )?(?:involved|required|needed|included|detected)\b",
        r"\bpunchable\b",
        r"\b(?:so far )?up (?:\w+'s|his|her|their|the \w+'s) (?:backside|arse|ass|butt|rear end"
        r"|behind)\b",
        r"\b(?:zero|no|one|two|a single) brain cells? (?:between|among|in) (?:the lot of you|you"
        r"|all of you|them|your)\b",
        r",? like you, (?:is|are|was) (?:\w+ )?(?:irrelevant|worthless|pointless|useless|garbage"
        r"|trash|stupid|a joke|a waste)\b",
        r"\b(?:shove|stick|ram|cram) (?:it|this|that|your [\w-]+)(?: \w+)? (?:up your (?:arse|ass)"
        r"|where the sun (?:doesn't|don't|does not) shine)\b",
        # A twelfth batch: "a glorified stenographer", "you sound like my senile uncle".
        rf"\b(?:{_THIRD} (?:is|was|'s)|you're|you are|he's|she's|he is|she is) (?:just |nothing"
        rf" but |only )?a glorified \w+",
        rf"\b(?:you|u) (?:sound|sounds|look|write|talk|argue) like (?:my |a |an |some |the )?"
        rf"(?:\w+ ){{0,2}}(?:{_STRONG}|drunk)\b",
        r"\benglish (?:isn't|is not|clearly isn't|obviously isn't) your first language\b",
        r"\bcrime against (?:literacy|journalism|the english language|grammar|common sense"
        r"|intelligence|reason|logic)\b",
        r"\bashamed (?:of existing|to exist|to be alive|of being alive)\b",
        r"\bso (?:is|are) your (?:face|mother|mum|mom|looks|brain|breath|life|existence"
        r"|personality|family)(?=\s*(?:[.!]|$))",
        r"\b(?:explain|draw|spell|write)\b[^.!?]{0,50}\bcrayons?\b",
        r"\b(?:couldn't|could not|can't|cannot) \w+ (?:his|her|your) way out of an? (?:wet"
        r" |soggy )?paper bag\b",
        r"\b(?:you're|you are|you) (?:the reason )?why (?:aliens|we can't have nice things"
        r"|evolution|shampoo)\b",
        # (The phrase begins before "says", which would otherwise read as reported speech.)
        r"\byour (?:\w+ ){1,2}says (?:everything|a lot|all|plenty) (?:you need to know )?about"
        r" your (?:intelligence|iq|brain|mind|character)\b",
        r"\b(?:you're|you are|you|he's|she's) not (?:even )?worth the (?:pixels|ink|electrons"
        r"|bandwidth|paper|oxygen|air|electricity)\b",
        r"\b(?:seen|heard|read|had) (?:better|smarter|more intelligent|more coherent|more sensible)"
        r" (?:\w+ ){0,2}(?:from|on|in) (?:a|an|my) (?:magic )?(?:8-ball|eight ball|toaster|parrot"
        r"|chimp|monkey|toddler|dog|cat|goldfish|potato|rock|brick|fortune cookie|drunk|child"
        r"|kindergartner)\b",
        r"\byou (?:people|lot) (?:disgust|sicken|make me sick|are (?:the problem|a disease"
        r"|a cancer|a plague|what's wrong))\b",
    )
)


def insult_in(plain):
    """Return the insult aimed at a person in `plain` (undisguised, unquoted), or ""."""
    for pattern in INSULTS:
        for match in pattern.finditer(plain):
            if not reported(plain, match):
                return match.group()
    return ""
