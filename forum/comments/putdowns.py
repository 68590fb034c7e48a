"""Put-downs with no insulting noun: comparisons, condescension and taunts.

"You have the intelligence of a potato", "a brain the size of a walnut", "bless your heart",
"take your pills, grandpa", "go back to kindergarten" insult a person with ordinary words;
forum/comments/contempt.py looks for insulting nouns and misses them. These patterns are
the shapes such put-downs take: a quality of the mind compared with an object or an animal,
a person treated as a child or as senile, a taunt. The comparison needs a person ("your",
"you have", "people whose"), so "the stegosaurus had a brain the size of a walnut" or "as
thick as thieves" pass. Read undisguised and outside quotation marks; a match only holds.
"""

import re

from forum.comments.lexicon import CRUDE_INSULTS, alternation

_MIND = (
    r"(?:intelligence|iq|brains?|brainpower|attention span|emotional maturity|critical thinking"
    r"|reading comprehension|self-awareness|common sense|wits|debating skills|writing skills"
    r"|reasoning skills|analytical skills|people skills|social skills|vocabulary|logic)"
)
# Qualities a city or a plan may have too ("the charm of a village"): these need a low object.
_CHARACTER = (
    r"(?:charm|integrity|personality|spine|backbone|morals|manners|grace|honesty|sophistication"
    r"|understanding|insight|grasp|knowledge|nuance|subtlety|emotional intelligence"
    r"|moral compass|ethics|conscience|charisma|warmth|depth|dignity|loyalty|courage)"
)
_LOW_OBJECT = (
    r"(?:(?:used|wet|dead|rotten|damp|soggy|limp|boiled|mouldy|moldy) )?(?:condom|sock|potato"
    r"|rock|brick|toilet|sponge|slug|worm|rat|snake|jellyfish|doormat|weasel|cockroach|rag"
    r"|dishcloth|turnip|cabbage|lettuce|eel|puddle|corpse|plank|fence post|cardboard box"
    r"|paper bag|houseplant|tax form|parking ticket|golden retriever|retriever|labrador|goldfish"
    r"|hamster|toddler|five-year-old|chimp|donkey|parrot|sheep|lemming|fruit fly)"
)
_LOW_ADJECTIVE = (
    r"(?:ugly|stupid|dumb|thick|fat|dense|clueless|ignorant|useless|pathetic|worthless"
    r"|brainless|boring|dull|shallow|empty|fake|limp|flabby|small|tiny|sad|soft|greasy)"
)
_CHILDISH = (
    r"(?:toddler|child|baby|teenager|five-year-old|\d+-year-old|chimp|monkey|ape|parrot"
    r"|broken record)"
)
# How someone is addressed to belittle them: "Nobody cares, grandpa.", "…, kiddo."
_BELITTLING_ADDRESS = (
    r"(?:grandpa|gramps|grandma|granny|boomer|kiddo|sweetheart|sweetie|hun|buttercup"
    r"|snowflake|princess|sonny|little boy|little girl|little man|old timer|child|kid|little one"
    r"|junior|grandad|granddad|granddaddy|gramps|old timer|old fart|gramma)"
)

PUT_DOWNS = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # Words that exist only to insult: "lardass", "soyboy", "mouth-breathing".
        rf"\b{alternation(CRUDE_INSULTS)}\b",
        # The mind compared with an object: "you have the intelligence of a potato", "with
        # the integrity of a used condom", "the IQ of a goldfish".
        rf"\b(?:have|has|had|having|with|got) (?:the|an?) (?:\w+ )?{_MIND} of (?:an?|two|some"
        rf"|the average)\b",
        rf"\b(?:have|has|had|with|got) (?:all )?the (?:\w+ ){{0,2}}{_CHARACTER} of (?:an?|two|some)"
        rf" (?:\w+ ){{0,2}}{_LOW_OBJECT}s?\b",
        r"\b(?:iq|i\.q\.) of (?:an?|two|some) \w+",
        r"\b(?:room[- ]temperature|single[- ]digit|negative|two-digit) iq\b",
        r"\b(?:your|ur|his|her|(?:people|those|someone|anyone|men|women|guys?) whose)"
        r" brains? (?:\w+ ){0,2}(?:the size of|smaller than|no bigger than)\b",
        rf"\bas {_LOW_ADJECTIVE} as (?:your|you|u)\b",
        r"\bas (?:sharp|bright|smart|clever) as (?:a|an) (?:bowling ball|marble|spoon|rock|brick"
        r"|sack of \w+|box of rocks|bag of hammers)\b",
        r"\ba special (?:kind|brand|sort|type) of (?:stupid|dumb|idiot|moron|ignorant|special)\b",
        r"\bbeing (?:this|so|that) (?:dumb|stupid|thick|dense|ignorant|clueless|dim)\b",
        r"\bbeing (?:\w+ )?(?:dumb|stupid|thick|dense|brainless) enough to\b",
        rf"\b(?:i've|i have) (?:met|seen|known|had) (?:smarter|brighter|more intelligent|wiser"
        rf"|more articulate|better-looking) {_LOW_OBJECT}e?s\b",
        r"\bwhat are (?:you|u),? (?:like )?(?:five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
        r"(?: years old)?\?",
        # "You absolute walnut": any noun after "you absolute", but not "you absolute legend".
        r"\byou (?:absolute|utter|complete|total|colossal|massive) (?!legend|star|hero|gem|unit"
        r"|champion|genius|treasure|saint|angel|madman|beauty|rockstar)\w+"
        r"(?=\s*(?:[.!?,]|$))",
        rf"\b(?:you|u|ur|you're|you are) (?:sound|sounds|act|argue|write|behave|look|like)(?: \w+)?"
        rf" like (?:an? )?(?:\w+ )?{_CHILDISH}s?\b(?! (?:of|in|who|that|at))",
        r"\b(?:thinking|reading|logic|reasoning|intelligence|comprehension|brains?"
        r"|critical thinking|reading comprehension|research|spelling) (?:is|are|was)"
        r"(?: clearly| obviously| really| just| definitely)? (?:not|n't) your (?:strong suit"
        r"|strength|forte|strong point|thing)\b",
        r"\b(?:thinking|reading|logic|reasoning|intelligence|comprehension|brains?|research"
        r"|critical thinking|reading comprehension) (?:isn't|aren't|wasn't)(?: clearly"
        r"| obviously| really| exactly)? your (?:strong suit|strength|forte|strong point|thing)\b",
        r"\b(?:your|ur|his|her) iq (?:is|must be|seems) (?:lower|smaller) than\b",
        r"\bdropped (?:you |him |her )?on (?:your|his|her) head\b",
        r"\bdrop (?:you|him|her) on (?:your|his|her) head\b",
        r"\bnot the (?:sharpest|brightest) (?:tool|knife|bulb|crayon|pencil|spoon)\b",
        r"\bthe lights are on but (?:nobody|no one|no-one)(?:'s| is) home\b",
        r"\b(?:a few|one|two) (?:fries|sandwiches|cards|bricks|beers) short of a\b",
        # Wishing someone unborn, gone or disowned.
        r"\bshould have (?:swallowed|aborted) (?:you|u|him|her)\b",
        r"\b(?:parents|mother|mum|mom|father|dad|family) (?:must|should) be (?:so |very )?ashamed"
        r" of (?:you|u)\b",
        r"\b(?:nobody|no one|no-one) (?:would|will|'d|is going to) (?:miss|mourn) (?:you|u)\b",
        r"\bbetter off without (?:you|u|people like (?:you|u)|your kind|the likes of you)\b",
        r"\bhow do (?:you|u) (?:even )?(?:tie your (?:own )?shoe|dress yourself"
        r"|remember to breathe|function|find your way)",
        r"\b(?:draw you a picture|use smaller words|type (?:it )?slower"
        r"|need (?:a|some) crayons?)\b",
        r"\blobotom(?:ised|ized)\b|\b(?:congrats|congratulations) on (?:the|your) lobotomy\b",
        r"\b(?:go )?(?:cry|run|whine) (?:to|home to) (?:your )?(?:mommy|mummy|mama|mom|mum"
        r"|mother)\b",
        r"\b(?:nobody|no one|no-one)(?: \w+){0,3} (?:likes|respects|listens to) (?:you|u)\b",
        r"\bthe reason (?:\w+ ){0,3}(?:has|have|needs?) (?:instructions|warning labels?)\b",
        r"\byour face (?:could|would|can) (?:curdle|stop|scare|crack|break)\b",
        r"\bgo (?:f+|eff|fk|fck|fuck|screw) yourself\b",
        # Condescension: treated as a child or as senile.
        r"\bok,? boomer\b",
        # Round six.
        r"\b(?:lowered|lowers|lowering|reduced|dropped) my (?:iq|brain cells)\b",
        r"\bdo you (?:practi[cs]e|train|work at|rehearse) being\b",
        r"\bor (?:does|did) it come naturally\b",
        r"\b(?:parents|mother|mum|mom|father|dad) (?:\w+ )?(?:gave up on|must hate|regret(?:ted)?"
        r" having) (?:you|u)\b",
        r"\bthe human (?:equivalent|version) of (?:a|an)\b",
        r"\byou (?:\w+ )?live (?:with your (?:mother|mum|mom|parents)|in (?:your|a) (?:\w+'s )?"
        r"basement)\b",
        r"\bwhat happens when you let (?:a |the )?(?:woman|women|girls?|\w+s) (?:\w+ )?(?:write"
        r"|talk|speak|comment|vote|think)\b",
        r"\byou (?:\w+ ){0,4}failed (?:primary|grade|elementary|middle|high) school\b",
        r"\b(?:you're|you are|you) (?:about )?as (?:useful|helpful) as (?:a|an)\b",
        r"\bmore (?:intelligent life|intelligence|brains|brain cells) in (?:a|an|my)\b",
        r"\b(?:naturally |just )?(?:this|that|so) (?:thick|dense|dim|stupid|dumb)\?",
        r"(?:^|[.!?]\s+)(?:sad|pathetic|miserable|bitter|angry|fat|ugly|lonely),? (?:little |old )?"
        r"(?:man|woman|boy|girl|person|creature)(?=\s*(?:[.!?]|$|\w+ing\b))",
        r"\byou (?:couldn't|could not|can't|cannot) find (?:\w+ ){1,3}(?:on a map|with both"
        r" hands)",
        r"\b(?:reads|sounds|looks) like (?:it was )?(?:\w+ ){0,4}(?:by|from) (?:a|an) (?:\w+ )?"
        r"(?:kindergart(?:e?n)?er|toddler|child|five-year-old|\d+-year-old|chimp|monkey|drunk)\b",
        r"\bworth less than (?:the |a |an )?(?:dirt|dog shit|shit|crap|gum|mud|toilet paper)\b",
        r"\byour (?:\w+ )?(?:life|opinions?|existence) (?:is|are) (?:worthless|meaningless"
        r"|pointless|a waste)\b",
        r"\b(?:even )?(?:a|an|my) (?:monkey|chimp|toddler|child|five-year-old|dog|cat|goldfish"
        r"|potato)(?: \w+)? could (?:write|do|make|argue|think) (?:a |this |it )?better\b",
        r"\byou(?:'re| are)? what happens when\b",
        r"\b(?:back|stick|go back|get back) (?:to|in|into) the kitchen\b",
        r"\bbless your (?:little )?(?:heart|soul|cotton socks)\b",
        r"\btake your (?:pills|meds|medication|medicine)\b",
        r"(?:^|[.!?]\s+|\b(?:should|could|can|must|ought to) )(?:just |maybe |please )?go back to"
        r" (?:kindergarten|nursery|preschool|pre-school|primary school|grade school|your"
        r" crayons|colou?ring(?: books?)?|(?:writing )?horoscopes|your (?:mum's|mom's|mother's)"
        r" basement|your basement|your cave|the kids' table)\b",
        r"\b(?:the )?(?:adults|grown-?ups) are (?:talking|speaking)\b",
        rf",\s*{_BELITTLING_ADDRESS}(?=\s*(?:[.!?,]|$))",
        r"\bpeaked in (?:high|middle|primary|grade|secondary|junior high) school\b",
        r"\b(?:it's|that's) all (?:he|she|you|they)(?:'s|'re| is| are) (?:qualified|good|fit)"
        r" for\b",
        # Sarcastic praise and taunts.
        r"\b(?:in awe of|so impressed by|humbled by) your (?:intellect|genius|brilliance|wisdom"
        r"|intelligence|brain)\b",
        r"\b(?:another|yet another|oh look,? (?:a|another)|ah yes,? another) (?:\w+ )?"
        r"(?:genius|einstein|rocket scientist|mastermind|know-it-all)\b(?= who|,|\s*[.!])",
        r"\b(?:they|you|someone) (?:let|allow|allowed|gave) (?:chimps|monkeys|apes|baboons"
        r"|a chimp|a monkey|an ape) (?:use|type|near|on|a keyboard|keyboards|the internet)\b",
        r"\bdo (?:the world|us all|everyone|humanity|society) a (?:favou?r|kindness|service) and"
        r" (?:\w+ ){0,2}"
        r"(?:stop|die|disappear|leave|quit|shut up|delete|log off|jump|never|don't|go away)\b",
        r"\bstop (?:reproducing|breathing)\b",
        r"(?:^|[.!?]\s+)keep (?:crying|whining|seething|coping|sobbing)(?=\s*(?:[.,!]|$))",
        r"\byour tears are (?:delicious|tasty|sweet)\b",
        r"(?:^|[.!?]\s+)(?:grow up|get over yourself|nobody cares|no one cares|who asked)"
        r"(?=\s*(?:[.,!?]|$))",
    )
)
