"""Veiled threats: menace with no word of violence, and harm urged on others in plain words.

"I've got your name and your photo. See you soon", "enjoy your freedom while it lasts",
"keep running your mouth and see where it gets you", "somebody should put him out of his
misery", "be a shame if she didn't come home" hurt nobody in words, so the patterns of
forum/comments/violence.py (a verb of injury and a victim) miss them. These read what such a
threat is made of instead: reach (knowing someone's name, face, car, office, family or
hours), a parting menace ("see you soon", "you've been warned"), time running out, harm
that "happens" to the reader or their family, and others asked to "deal with" someone. Each
needs the reader or a named person as its object, so "see you soon at the conference", "the
talks' days are numbered" or "somebody should fix the link" pass. Read undisguised and
outside quotation marks; a match only holds the comment for a moderator.
"""

import re

from forum.comments.insult_words import PERSON_ROLES
from forum.comments.lexicon import alternation

_HIM = r"(?:you|u|him|her|them|this (?:\w+ )?(?:author|writer|journalist|guy|professor|editor"
_HIM += r"|clown|traitor|commenter|man|woman)|the (?:author|writer|journalist|professor|editor))"
_FAMILY = (
    r"(?:family|kids|children|son|daughter|wife|husband|mum|mom|mother|dad|father|parents"
    r"|sister|brother|girlfriend|boyfriend|partner|little one|baby|dog|cat)"
)
_ROLES = alternation(PERSON_ROLES)
# What a threat shows it knows of someone: their face, their car, their hours.
_REACH = (
    r"(?:name|real name|photo|photos|picture|pictures|face|car|plate|number plate|licen[cs]e"
    r" plate|office|desk|building|floor|house|home|flat|apartment|address|street|schedule"
    r"|timetable|hours|routine|route|commute|gym|parking (?:space|spot)|school|employer"
    r"|workplace|lectures?|classes|ip|email|phone|number)"
)
# A parting line that menaces once reach or a warning has been shown.
_PARTING = (
    r"(?:see (?:you|u) (?:soon|around|real soon|very soon|in person|later|there)|see (?:you|u)"
    r" (?:on|at|outside|by|near) (?:the|your) (?:platform|station|office|door|car park|parking"
    r" lot|gate|stop|house|home|building)|be seeing"
    r" (?:you|u)|(?:we'll|we will|i'll|i will) be in touch|until we meet|we'll meet soon"
    r"|(?:can't|cannot) wait to meet (?:you|u)|(?:say|wave) hello to (?:\w+ )?" + _FAMILY + r")"
)

MENACE = tuple(
    re.compile(pattern, re.MULTILINE | re.DOTALL)
    for pattern in (
        # Reach shown, then a parting line: "I've got your name and your photo. See you soon."
        rf"\b(?:i|we)(?:'ve| have|'d| had)?(?: got| have| saved| kept| know| found| seen)"
        rf" (?:\w+ ){{0,2}}your (?:\w+ )?{_REACH}\b.{{0,120}}\b{_PARTING}(?=\s*(?:[.!,]|$))",
        rf"\b{_PARTING}(?=\s*(?:[.!,]|$)).{{0,120}}\b(?:i|we)(?:'ve| have)?(?: got| have"
        rf"| saved| know| found) (?:\w+ ){{0,2}}your (?:\w+ )?{_REACH}\b",
        rf"\b(?:i|we) know (?:which|what|where) (?:\w+ ){{0,2}}(?:you|u)(?: \w+){{0,2}}"
        rf" (?:work|works|live|lives|sleep|park|drive|teach|lecture|study|eat|drink|shop|train"
        rf"|walk|leave|arrive|go)\b.{{0,120}}\b{_PARTING}",
        # Possession of two things that lead to someone: "your name and your photo".
        rf"\b(?:i|we)(?:'ve| have|'d| had)? (?:got|have|saved|kept|found|collected|noted)"
        rf" your (?:\w+ )?{_REACH},? (?:and|&|plus) your (?:\w+ )?{_REACH}\b",
        r"\b(?:i|we) know (?:which|what) (?:building|floor|office|room|desk|car|train|bus"
        r"|route|gym|cafe|bar|street|entrance|door|school|time|days?)s? (?:you|u|your \w+)"
        r" (?:\w+ ){0,2}(?:work|live|sleep|park|drive|teach|lecture|study|take|leave|arrive"
        r"|go|use|eat|drink|shop|walk)\b",
        # A warning that menaces: "you've been warned", "consider this your last warning".
        r"\b(?:you've|you have|you were) been warned(?=\s*(?:[.!,]|$))",
        r"\b(?:consider this|this is) (?:your|a|the) (?:last|final|only|first and last"
        r"|first and only) warning\b",
        r"\b(?:this|it) (?:isn't|is not|ain't) over(?: between us| for (?:you|u)|, not by a"
        r" long shot)\b",
        r"\b(?:you|u) (?:haven't|have not) heard the last of (?:me|us)\b",
        r"\b(?:you|u) can run(?:,)? but (?:you|u) (?:can't|cannot) hide\b",
        r"\b(?:there's|there is) nowhere (?:for (?:you|u) )?to hide\b",
        # Time running out for someone: "enjoy your freedom while it lasts", "your days at
        # that university are numbered", "your time is running out".
        r"\benjoy (?:your|it|yourself|the) (?:\w+ )?(?:freedom|life|health|safety|legs|kneecaps"
        r"|face|teeth|family|kids|career|job|column|platform|peace|quiet|sleep|privacy|anonymity"
        r"|little \w+)? ?while (?:it lasts|you (?:still )?can|(?:it|they) still (?:can|last)"
        r"|you still have (?:it|them|one))\b",
        r"\byour days (?:(?:at|in|on|as|here|writing|posting|teaching|working|of (?:writing"
        r"|posting|freedom|peace|teaching|spreading|lying|working))(?: \w+){0,3} )?are numbered\b",
        r"\b(?:your|his|her) (?:time|luck) (?:is|will) (?:running out|run out|up|coming|soon"
        r" be up)\b",
        r"\b(?:you|u) (?:won't|will not) (?:be (?:writing|posting|typing|teaching|working|around)"
        r"|have a (?:job|career|column|platform|face)) (?:for )?(?:much )?(?:longer|long)\b",
        # Talking invites what comes: "keep running your mouth and see where it gets you".
        r"\bkeep (?:\w+ ){0,3}(?:and|,) (?:\w+ ){0,2}(?:see|watch|find out) (?:where (?:it|that"
        r"|this) (?:gets|leads|takes) (?:you|u)|what happens)\b",
        r"\bsee where (?:it|that|this|your \w+) (?:gets|leads|takes) (?:you|u)(?=\s*(?:[.!,]"
        r"|$|hint|\w+ing))",
        r"\bkeep (?:\w+ ){0,3}(?:and|,) (?:you'll|you will|you're going to) (?:disappear|vanish"
        r"|go missing|get hurt|be hurt|be next|regret|be sorry|find out|learn)\b",
        # Harm promised with no verb of violence: "you'll be hurt", "you'll be dealt with".
        r"\b(?:you'll|you will|you're going to|you are going to|you're gonna|u will)(?: \w+)?"
        r" (?:be|get) (?:hurt|punished|dealt with|taken care of|made an example of|sorted out"
        r"|silenced|erased|disappeared|dragged out|found|visited|paid a visit)\b(?! \w+ (?:the"
        r"|a) (?:market|polls|vote|election))",
        r"\b(?:you'll|you will|you could|you might|you'd|you) (?:\w+ )?(?:disappear|vanish|go"
        r" missing)(?! from)(?=\s*(?:[.!,]|$| too| like| as well| soon| one day| next| just))",
        r"\b(?:face|meet|deserve|before) (?:a|the) firing squad\b(?<!\bby a firing squad)",
        r"\b(?:you|your|u)\b[^.!?]{0,40}\bwith (?:two |both )?broken (?:hands|fingers|legs|arms"
        r"|knees|kneecaps|jaw|teeth|ribs|neck|wrists)\b",
        r"\b(?:when|once|if|after) your (?:\w+ )?(?:house|home|car|office|flat|apartment)\b"
        r"[^.!?]{0,20}\b(?:on fire|burning|burns|burned down|burnt down|in flames|blown up"
        r"|explodes)\b",
        r"\b(?:your|nice) (?:\w+ )?(?:car|bike|motorbike|scooter)\b.{0,80}\b(?:brakes"
        r"|tyres|tires|steering|brake lines?) (?:failed|fail|fails|gave out|give out|were cut"
        r"|got cut|stopped working|were tampered with)\b",
        r"\b(?:shame|pity|terrible|awful|tragic|sad)\b[^.!?]{0,20}\bif (?:she|he|they|you"
        r"|your \w+) (?:didn't|did not|never|couldn't|could not|doesn't|don't) (?:come|make it"
        r"|get|got|return|go) home\b",
        # The family and its hours named to the reader: "your wife takes the kids to school
        # at 8", "I'll tell them at the school gate".
        rf"\byour {_FAMILY}\b[^.!?]{{0,40}}\b(?:at (?:\d{{1,2}}(?::\d\d)?(?: ?[ap]\.?m\.?)?"
        rf"|(?:8|half past \w+|noon))\b|every (?:morning|day|evening|night|weekday|monday"
        rf"|tuesday|wednesday|thursday|friday)|school gates?|alone)",
        rf"\byour {_FAMILY}\b.{{0,100}}\b(?:at|outside|by) the school gates?\b",
        r"\b(?:friends|mates|people|guys|boys|lads|comrades|associates|brothers) (?:\w+ ){0,4}"
        r"(?:who'd|who would|who'll|who will|would|who want to|who'd like to) (?:love|like|be"
        r" happy|be glad|want|enjoy) to (?:meet|visit|see|greet|talk to|have a (?:word|chat)"
        r" with|say hello to) (?:you|u|him|her)\b(?=[^.!?]{0,20}(?:after work|in person"
        r"|outside|at your|at (?:his|her) \w+|when (?:you|he|she)|one of these days|soon"
        r"|privately))",
        r"\b(?:we|i)(?:'ll| will| are| am|'re|'m)? (?:be )?(?:paying|pay|make|making|give"
        r"|giving) (?:you|u|him|her) a (?:little |friendly |personal |home |surprise |short )*"
        r"visit\b",
        # A routine known, a way home dared, help advised: "we know you take the 7:15",
        # "walk home alone tonight and find out", "bring a bodyguard".
        r"\b(?:i|we) know (?:you|u|he|she|they) (?:\w+ )?(?:take|takes|catch|catches|leave|leaves"
        r"|drive|drives|walk|walks|get|gets|park|parks|finish|finishes|arrive|arrives|go|goes"
        r"|ride|rides) (?:\w+ ){0,3}(?:\d{1,2}[:.]\d\d|\d{1,2} ?(?:am|pm|o'clock)|train|bus"
        r"|subway|metro|route|way home|alone|every (?:morning|day|night|evening))",
        r"\b(?:alone|tonight|after dark|at night)\b[^.!?]{0,20}\band (?:find out|see what happens)"
        r"(?=\s*(?:[.!]|$))",
        r"(?:^|[.!?]\s+)(?:better |you'd better |you should )?bring (?:a |your |some )?"
        r"(?:bodyguards?|security|protection|body armou?r|a vest)(?=\s*(?:[.!]|$))",
        r"\b(?:you'll|you will|you're going to) need (?:a )?(?:bodyguards?|protection|police"
        r" protection)\b",
        r"\b(?:should|better|'d better|had better|will|gonna) sleep with the lights on\b",
        r"\bor (?:else )?(?:we|i|someone)(?:'ll| will| are going to|'m going to|'re going to)"
        r"(?: \w+)? (?:delete|erase|remove|silence|end|finish|bury|deal with|find|visit)"
        r" (?:you|u|him|her)\b(?! (?:an?|the|some)\b)",
        r"\b(?:you|u) (?:won't|will not|will never) (?:live to see|make it to|survive|last"
        r" (?:until|till|to))\b",
        r"\bputs? (?:you|u|him|her|them) (?:\w+ )?(?:in|into|under) the (?:ground|dirt|grave)\b",
        r"\b(?:we've|we have|i've|i have|we|i)(?: got)? (?:eyes|ears|people|friends|guys"
        r"|someone|contacts) (?:at|in|inside|near|outside|on) your \w+\b(?=.{0,60}\b(?:watching"
        r"|waiting|know where|keeping an eye|report(?:ing)? back|they'll|they will))",
        r"\bgive (?:him|her|you|u|them) what (?:he|she|you|they) (?:deserves?|has coming"
        r"|have coming|'s got coming|'ve got coming)\b",
        r"\bso (?:is|are) your (?:safety|life|lives|health|kneecaps|family)\b",
        # A meeting arranged, a wait at the door, a family told to be careful: "see you in the
        # car park, just you and me", "waiting when you leave the studio".
        r"\bjust (?:you and me|the two of us|you and i)(?=\s*(?:[.!,]|$))",
        r"\b(?:see|meet|catch|find|wait for) (?:you|u|him|her) (?:in|at|outside|behind) (?:the"
        r"|your) (?:car park|parking lot|parking garage|alley|back alley|stairwell|lift|elevator"
        r"|underpass)\b",
        r"\bwaiting\b[^.!?]{0,20}\b(?:when|as|after|once|for when) (?:you|u|he|she) (?:leave"
        r"|leaves|get out|gets out|come out|comes out|finish|finishes|walk out|walks out|step"
        r" out)\b",
        r"\b(?:be|show up|turn up|come|wait|waiting) (?:outside|at) (?:the|your|his|her) (?:\w+ )?"
        r"(?:office|house|home|newsroom|building|studio|school|university|lecture|flat)\b[^.!?]"
        r"{0,40}\bwith (?:a few |some |my |our )?(?:friends|mates|the boys|the lads|company"
        r"|backup)\b",
        r"\b(?:first|next|last) (?:one |person |traitor |to go )?(?:we|they|i)(?:'ll| will)?"
        r" (?:hang|shoot|kill|string up|line up|deal with|visit|execute|lynch)\b",
        r"\b(?:someone|somebody|anyone|a patriot|patriots|people) with (?:a|an|their) (?:gun"
        r"|rifle|knife|bomb|bat)s?(?= will| would| could| should| might|\s*[.!]|$)",
        r"\bmatter of time before (?:someone|somebody|we|they|something)\b[^.!?]{0,30}\b(?:you"
        r"|u|him|her)\b",
        r"\btry (?:walking|going|leaving|showing up|coming|driving|stepping out|cycling)\b"
        r"[^.!?]{0,40}[.!,]?\s*(?:and )?see what happens\b",
        r"\bmake (?:your|his|her) life (?:a )?(?:living )?(?:hell|nightmare|misery)\b",
        rf"\byour (?:whole )?{_FAMILY}(?: and (?:\w+ )?{_FAMILY})? (?:\w+ ){{0,2}}(?:should|better"
        rf"|had better|need to|must) (?:be (?:very |extra |really )?careful|watch (?:out|their"
        rf" backs?|themselves)|stay (?:inside|indoors|home)|lock (?:the|their) doors?)\b",
        rf"\byour {_FAMILY}(?:'s|s')? (?:school|nursery|kindergarten|classroom|class|bus|route"
        rf"|playground)\b.{{0,60}}\b(?:handy|convenient|nice|lovely)\b",
        r"\bmake sure (?:you|he|she)(?:'re| are|'s| is| stay| stays| will be|'ll be) (?:silent"
        r"|silenced|quiet|gone|done|finished|dead)\b",
        r"\b(?:what's|what is|what) (?:about to|going to|gonna|coming|is coming) (?:happen )?(?:to"
        r"|for) (?:you|u|him|her|your \w+)\b",
        # Further warnings: "tell your daughter to be careful crossing the road", "I add
        # another line to your file", "could be worse next time", "the next funeral".
        rf"\btell your {_FAMILY} (?:to )?(?:be (?:very |extra )?careful|watch (?:out|her back|his"
        rf" back|their backs)|look both ways|stay safe|lock the doors?)\b",
        r"\b(?:add|adding|added|put|putting) (?:\w+ ){0,3}(?:to|in|on|into) your (?:file|dossier"
        r"|folder|record)\b",
        r"\b(?:first|next) (?:ones? )?(?:on|up against|to|against) the (?:trains|wall|gallows"
        r"|scaffold|rope|camps)\b",
        r"\bhope (?:you|he|she|they) gets? what(?:'s| is) coming\b",
        r"\bhope it hurts(?=\s*(?:[.!]|$))",
        r"\b(?:got|have|noted|saved|took|took down|wrote down|photographed) (?:\w+ )?your"
        r" (?:\w+ )?(?:plate|registration|plate number)\b",
        r"\b(?:be|being) (?:very |really |extra )?careful (?:about |with )?what (?:you|u) (?:write"
        r"|say|post|publish) (?:next|from now on|in future|in the future)\b",
        r"\b(?:a bullet|bullets|a rope|rope|a noose|a knife|a bat|a match)(?: only)? (?:costs?"
        r"|is|are) (?:cheap|cheaper|less)\b",
        r"\b(?:your (?:\w+ )?(?:colleagues|bodyguards|friends|editors|lawyers|police|security"
        r"|moderators|mods|boss|employer|university|paper)|nobody|no one)(?: \w+)? (?:won't|can't"
        r"|cannot|will not|won't be able to|can) protect (?:you|u|him|her)\b",
        r"\byour\b.{0,80}\b(?:could|will|might) be worse next time\b",
        r"\b(?:remember )?(?:you were|you've been|you have been) warned(?=\s*(?:[.!,]|$))",
        r"\bnext (?:funeral|body|grave|coffin|obituary|victim|corpse)\b[^.!?]{0,30}\byours\b",
        r"\b(?:you'd|you would|he'd|she'd|he would|she would) look (?:better|good|nice|prettier"
        r"|more honest) with (?:a )?(?:broken|bloody|black|smashed|missing|few) \w+",
        r"\bbefore (?:someone|somebody|we|i) (?:deletes|erases|removes|silences|finds|visits"
        r"|deals with|shuts up|ends|buries) (?:you|u|him|her)\b",
        # Menace in plain words: "look behind you", "pray we never cross paths", "we have
        # ways of dealing with writers like you", "and I don't mean legal ones".
        r"(?:^|[.!?,]\s*)(?:always |just )?look behind you(?=\s*(?:[.!]|$))",
        r"\b(?:pray|hope|better hope|pray to god) (?:that )?(?:we|i|you) never (?:meet|cross paths"
        r"|run into|bump into)\b",
        r"\b(?:people|those|anyone|anybody) who (?:cross|crosses|mess with|messes with|betray)"
        r" (?:us|me)\b",
        r"\b(?:mess|messing|fuck|fucking|screw) with (?:us|me) and\b",
        r"\b(?:we|i) have (?:our |my )?(?:ways|methods) of (?:dealing with|handling|silencing"
        r"|taking care of) (?:\w+ ){0,2}(?:like (?:you|u|him|her)|you|u|your kind)\b",
        r"\b(?:your|his|her) (?:name|details|address|photo|number)s? (?:has|have) been (?:passed"
        r" on|sent|given|forwarded|shared|handed) to (?:the right people|some people|certain"
        r" people|people who|friends of (?:mine|ours))\b",
        r"\b(?:you|u) should be (?:very |really )?(?:afraid|scared|frightened|worried|terrified)"
        r"(?=\s*(?:[.!,]|$| right now| of (?:us|me)))",
        r"\b(?:check|checking) (?:the|your|his|her) (?:brakes|brake lines?|ignition)(?=\s*(?:[.!,]"
        r"|$))",
        r"\bteach (?:you|u|him|her) (?:some |a few )?(?:manners|respect|a lesson)\b[^.!?]{0,40}"
        r"\b(?:won't be (?:gentle|pretty|nice|pleasant)|the hard way|permanently|for good)",
        r"\bopen your (?:front )?door and (?:regret|find|see|get)\b",
        r"\b(?:you'll|you will|you'd|you|he'll|she'll) end up like (?:(?:the last|that|the other)"
        r" (?:guy|one|person|journalist|writer|man|woman|reporter)|otto warmbier|warmbier|kim"
        r" jong-?nam|khashoggi|jang song-?thaek|(?:his|your|the) uncle|litvinenko|navalny)\b",
        r"\bi (?:don't|do not) mean (?:legal|legally|in court|with lawyers|a lawsuit)\b",
        # Injury named by its cure, regret, memory: "you'll need a dentist", "make you wish
        # you'd never been born", "long memories and short tempers", "the wrong people".
        r"\b(?:you'll|you will|you're going to|you are going to|he'll|she'll) need (?:a |an |some"
        r" )?(?:dentist|new teeth|surgery|stitches|new face|ambulance|doctor|hospital"
        r"|reconstructive surgery|wheelchair|crutches|plastic surgeon)\b",
        r"\b(?:make (?:you|u|him|her) )?wish (?:you|he|she)(?:'d| had| were| was)? (?:never been"
        r" born|were dead|was dead|had died)\b",
        r"\blong memor(?:y|ies)\b[^.!?]{0,30}\b(?:short tempers?|never forget|don't forget"
        r"|do not forget)\b",
        r"\b(?:you|u)(?:'ve| have)? (?:picked|chose|chosen|messed with|crossed|insulted|pissed"
        r" off|angered|upset) the wrong (?:people|person|guy|guys|man|woman|family|crowd)\b",
        r"(?:^|[.!?,]\s*|\b(?:go|just|should|could|please|pls|and|then) )jump off (?:a|the)"
        r" (?:\w+ ){0,2}(?:bridge|cliff|building|roof|balcony|tower|skyscraper)\b",
        r"\byour\b.{0,100}(?:^|[.!?]\s+)(?:would |it'd |it would |that'd |that would )?be a"
        r" (?:real )?(?:shame|pity)(?=\s*(?:[.!]|$))",
        r"\b(?:we'll|we will|we're going to|we are going to|we're gonna) meet (?:eventually"
        r"|one day|sooner or later|in person|soon enough)\b",
        # A tenth batch: "we will visit you, and you won't enjoy it", "don't go outside for a
        # while", "I've seen where you park", "you're on the list now".
        r"\b(?:visit|see|meet|find|catch) (?:you|u|him|her)\b[^.!?]{0,25}\b(?:won't|will not)"
        r" (?:enjoy|like|forget) it\b",
        r"\b(?:don't|do not|better not|wouldn't|i wouldn't) go (?:outside|out|home)(?: alone)? for"
        r" a (?:while|bit|few days|few weeks)\b",
        r"\b(?:i've|we've|i have|we have|i|we) (?:seen|watched|noticed|spotted|clocked) where"
        r" (?:you|u) (?:live|work|sleep|park|shop|go|eat|drink)\b",
        r"\b(?:you're|you are) on (?:the|our|a|my) (?:list|kill list|hit list|radar)(?: now)?"
        r"(?=\s*(?:[.!]|$))|\b(?:kill|hit) list\b",
        r"\b(?:can't|cannot|won't|couldn't) (?:promise|guarantee|vouch for) (?:your|his|her)"
        r" (?:safety|health|wellbeing|security)(?: \w+){0,3} if (?:you|he|she) (?:keep|continue"
        r"|carry on|write|post|publish)\b",
        r"\bhelp (?:you|u|him|her) dig (?:your|his|her|it)\b",
        r"\b(?:dig|dug) (?:you|him|her) a grave\b",
        r"\bdo to (?:you|u|him|her|this \w+|the \w+) what (?:they|we|someone|somebody|he|she|the"
        r" \w+) did to\b",
        # An eleventh batch: "i'm coming over", "what we do to people who write lies",
        # bounties, "a little trip to your office", "you're not safe anywhere".
        r"\b(?:i'm|we're|i am|we are) coming (?:over|round|to get (?:you|u)|to find (?:you|u)|to"
        r" your (?:house|home|office|door|flat|place|work))(?=\s*(?:[.!,]|$| to get| tonight"
        r"| soon| now))",
        r"\bwhat (?:we|i|they) do to (?:traitors|snitches|liars|the likes of you|(?:people|those"
        r"|anyone|journalists|writers) (?:like you|who (?:cross|betray|lie|write|talk|snitch|mess"
        r"|insult|disrespect|post)))\b",
        r"\bremember (?:this|that|my words|these words)(?: comment| post| day)? when (?:something"
        r"|anything|it) (?:\w+ )?happens\b",
        r"\b(?:should|deserves? to|needs? to|ought to|must) get (?:a|the) (?:bullet|rope|beating"
        r"|kicking|noose)\b",
        r"\b(?:organi[sz]ing|planning|arranging|booked|booking) (?:a |an |our )?(?:little |small"
        r" |special )?(?:trip|visit|outing|field trip|delegation|welcome party) (?:to|for)"
        r" (?:your|his|her)\b",
        r"\bwait (?:until|till|for) \w+(?: \w+)?[,.]? (?:and )?you'll see(?=\s*(?:[.!]|$))",
        r"\b(?:you|u)(?:'ll| will| are going to|'re going to|'re gonna| shall) (?:suffer|bleed"
        r"|scream|beg)(?=\s*(?:[.!,]|$| for (?:this|it|that)| like| badly))",
        r"\byour life (?:is going to|will|'s gonna|is gonna|is about to) (?:get|become|be)"
        r" (?:\w+ ){0,2}(?:difficult|hell|miserable|unbearable|short|a nightmare)\b",
        r"\b(?:i'd|i would|better|you'd better|you should) watch (?:your|ur) (?:step|mouth|tongue"
        r"|tone|words)(?=\s*(?:[.!,]|$| if i were you| from now on| around here))",
        r"\b(?:one|a|some) (?:\w+ )?(?:guy|man|person|patriot|lone wolf|nutter|lunatic) with"
        r" nothing (?:left )?to lose\b",
        r"\b(?:you're|you are|you'll never be|you will never be) (?:not )?safe (?:anywhere"
        r"|here|at home|any ?more)\b(?! near)|\bnowhere is safe for (?:you|u)\b",
        # Records kept on someone, and what happens to "traitors": "we're keeping a file on
        # you", "the first against the wall", "patriots know what to do with traitors".
        r"\b(?:keeping|keep|kept|have|started|opened|building|compiling|made) a (?:\w+ )?(?:file"
        r"|dossier|list|record|folder) on (?:you|u|him|her|everyone|all of you|you all|people"
        r" like)\b",
        r"\b(?:first|next) (?:ones? )?(?:up )?against the wall\b",
        r"\bknows? what to do with (?:traitors|snitches|people like|the likes of|your kind|\w+"
        r" like (?:you|him|her|this|that))\b",
        r"(?<!n't )(?<!not )\bknows? (?:exactly |precisely |full well |very well )?where (?:you|u)"
        r" (?:live|work"
        r"|sleep|park|teach)\b",
        r"\b(?:meet|catch|corner|find|see|give|visit)\b[^.!?]{0,60}\bin a dark alley\b",
        r"\b(?:you|your|u)\b[^.!?]{0,50}\bkneecaps?\b",
        r"\b(?:it'll|it will|that'll|that will|this'll|this will) be your (?:very )?last"
        r"(?: (?:words?|comment|post|article|time|breath|mistake))?(?=\s*(?:[.!,]|$))",
        r"\bhope (?:your|his|her|the \w+'s) (?:\w+ )?(?:plane|flight|car|bus|train|house|home"
        r"|boat|ship|office) (?:goes down|crashes|burns|explodes|sinks|blows up|catches fire"
        r"|falls)\b",
        r"(?:^|[.!?]\s+)(?:just |please |pls |go |now )?(?:die|drop dead|croak)(?: already"
        r"| soon| please| now| slowly| alone| in a (?:ditch|hole|fire))?(?=\s*(?:[.!]|$))",
        r"\b(?:you'll|you will|you're going to) get what(?: you deserve| you have coming"
        r"| you've got coming|'s coming| is coming)\b",
        r"\b(?:shame|pity) if (?:it|something|anything|your \w+|she|he|they|someone)"
        r" (?:was |were |got |gets )?(?:kicked in|broken into|smashed(?: up| in)?|set on fire"
        r"|torched|vandali[sz]ed|damaged|hurt|burned|burnt|went missing|disappeared"
        r"|had an accident|got lost|fell)\b",
        r"\b(?:shame|pity) if your (?:\w+ )?(?:name|address|details|photo|number|face)s?(?: and"
        r" (?:your )?\w+)? (?:ended up|got out|leaked|were posted|was posted|appeared|went public"
        r"|got around|turned up)\b",
        r"\b(?:we|i)(?:'ll| will| are going to|'re going to|'m going to)? (?:send|forward|show"
        r"|email|e-mail) (?:these|this|your|all (?:of )?(?:these|your)|screenshots|everything|what"
        r" you (?:wrote|said|posted))(?: (?:comments?|posts?|screenshots?|messages?|thread))? to"
        r" your (?:boss|employer|editor|university|wife|husband|family|parents|dean|department"
        r"|colleagues|kids|children)\b",
        r"\b(?:we|i)(?:'ll| will| are going to|'re going to|'m going to)? (?:send|forward|show"
        r"|email|e-mail) your (?:boss|employer|editor|university|wife|husband|family|parents|dean"
        r"|department|colleagues|kids|children) (?:these|this|your|all (?:of )?(?:these|your)"
        r"|screenshots|everything|what you (?:wrote|said|posted))\b",
        r"\b(?:welcome|visit|greet|meet|talk|chat|word)\b[^.!?]{0,40}\b(?:if you know what i mean"
        r"|if you catch my drift|wink wink)\b",
        r"\b(?:you've got|you have|you got) (?:until|till|24 hours|48 hours|\d+ (?:hours|days)"
        r"|one (?:day|week)) (?:\w+ ){0,2}to (?:take|delete|retract|remove|apologi[sz]e|shut)\b",
        r"\b(?:you'll|you will|you're going to|he'll|she'll) be (?:begging|crying|screaming"
        r"|pleading) for (?:mercy|your life|help|his life|her life)\b",
        rf"\b(?:his|her|their|\w+'s) {_FAMILY} (?:go|goes|attend|attends|live|lives|study"
        rf"|studies|work|works|walk|walks) (?:to|at|in|near|home)\b.{{0,80}}\b(?:in case"
        rf" anyone|anyone (?:nearby|interested|who wants)|just saying|fyi|now you know|if anyone"
        rf" wants)",
        rf"\b(?:love|like|pay|pay good money|want|wish|enjoy|hope|can't wait) to see (?:you|u"
        rf"|him|her|them|(?:the|this|that|these|those) (?:\w+ )?(?:{_ROLES}))(?!'s) (?:\w+ )?"
        r"(?:beaten|shot|hanged|hung|stabbed|killed|tortured|burned|burnt|lynched|executed"
        r"|kicked|punched|strung up|bleed|suffer|die|dead)\b",
        # Others asked to do it: "somebody should run her over", "put him out of his misery",
        # "teach this writer some respect with their fists".
        rf"\b(?:someone|somebody|people|anyone|one of us|we|you all|y'all|readers)(?: \w+){{0,3}}"
        rf" (?:should|needs? to|ought to|has to|have to|must|is going to|are going to|will"
        rf"|gotta|could)(?: \w+){{0,6}} (?:run {_HIM} over|put {_HIM} out of (?:his|her|their"
        rf"|your) misery|teach {_HIM} (?:\w+ ){{0,3}}(?:respect|a lesson|manners) with|rough"
        rf" {_HIM} up|give {_HIM} a (?:beating|kicking|hiding|slap|smack|good hiding)"
        rf"|make {_HIM} (?:shut up|pay|disappear|suffer|regret|bleed)|shut {_HIM} up"
        rf" (?:permanently|for good|forever)|pay {_HIM} a (?:\w+ )?visit|show {_HIM} what"
        rf" (?:real )?(?:war|pain|violence|fear|suffering|consequences) (?:feels|looks|is)"
        rf" like|remind {_HIM} what happens|smack|slap|punch|thump|knock {_HIM} out)\b",
        r"\b(?:push|press|pull|drop|flip) the (?:button|trigger|switch|lever|bomb) on (?:you|u"
        r"|him|her|all of them|every (?:last |single )?one of them|the lot of them|these people"
        r"|those people|the whole lot)\b",
    )
)


def menace_in(plain):
    """Return the veiled threat in `plain` (undisguised, unquoted), or ""."""
    for pattern in MENACE:
        if match := pattern.search(plain):
            return match.group()
    return ""
