"""Violence said outright, incited or wished on a group: the shapes, not the sentences.

forum/comments/threats.py began with the sentences of one evaluation set and missed plain
threats said in other words. These patterns are written from the grammar of a threat: a
verb of violence or a weapon aimed at a person ("I'll break every bone in your face", "a
bullet in your head"), an injury or death promised to the reader ("you'll be dead", "you'd
be in a hospital bed"), a call on others to do it ("somebody should go down there and
start shooting", "get your guns ready") and a group to be rounded up, shot or burnt. News
of violence has a past tense and no "you" ("troops were shot at the border", "he was found
dead"), so each shape needs a victim in the second person, a wish, a plan or an order.
Like the other patterns they read the text undisguised and outside quotation marks
(forum/comments/disguise.py) and only hold a comment for a moderator.
"""

import re

# Whose body or home is aimed at: the reader's, or a person's named by a pronoun or a role.
_WHOSE = (
    r"(?:your|ur|his|her|their|(?:the|this|that) (?:\w+ )?(?:author|writer|journalist|editor"
    r"|reporter|professor|columnist|guy|man|woman|commenter)'s)"
)
_BODY = (
    r"(?:face|skull|head|neck|throat|legs?|arms?|teeth|jaw|nose|knees?|kneecaps|ribs|spine"
    r"|fingers|hands?|eyes?|brains?|guts|back|chest|body)"
)
_INJURE = (
    r"(?:break|smash|snap|crack|cave|bash|kick|knock|punch|slit|cut|rip|tear|gouge|stomp"
    r"|stamp on|beat|bust|crush|rearrange|split)"
)
# Who is threatened, as an object: "end this traitor permanently".
_VICTIM = (
    r"(?:him|her|you|u|(?:this|that|the) (?:traitor|guy|man|woman|author|writer|journalist"
    r"|professor|editor|commie|clown|idiot|commenter)|these traitors)"
)
_WEAPON = r"(?:bullets?|slugs?|rounds?|knife|blade|bat|brick|rope|noose|gun|rifle|pistol)"
# A speaker who means to do it: "I'll", "we're going to", "I'd happily".
_WILL = (
    r"(?:i|we|i'd|we'd|i'll|we'll|i'm|we're)(?:'ll| will| would| am going to|'m going to|'m gonna"
    r"| are going to|'re going to|'re gonna| gonna| shall| can't wait to| want to| wanna)?"
    r"(?: \w+)?"
)
_FAMILY = (
    r"(?:(?:little |young |eldest |youngest |whole )?(?:family|kids|children|son|daughter|wife"
    r"|husband|mum|mom|mother|dad|father|parents|sister|brother|dog|boy|girl|baby))"
)
_PEOPLES = (
    r"(?:every|all(?: the| of the)?|these|those) (?:\w+ ){0,2}(?:people|person|one of them"
    r"|koreans|chinese|japanese|americans|russians|muslims|jews|immigrants|refugees|foreigners"
    r"|protesters?|demonstrators?|men|women|children|kids|leftists?|liberals?"
    r"|sympathi[sz]ers|traitors|leftists|liberals|communists|commies|professors|journalists)"
)

VIOLENCE = tuple(
    re.compile(pattern)
    for pattern in (
        # An injury aimed at a body: "I'll break every bone in your face", "snap your neck",
        # "kick your teeth in"; not "break your heart", "cut the legs from under the deal".
        rf"\bevery bone in {_WHOSE} (?:body|face|head|hands?)\b",
        rf"\b{_INJURE} (?:in )?(?:your|ur)(?: \w+)? {_BODY}\b",
        rf"\b{_WILL}(?: \w+){{0,2}} {_INJURE} (?:in )?{_WHOSE}(?: \w+)? {_BODY}\b",
        # A weapon put into someone: "a bullet in your head", "a knife between his ribs".
        rf"\b(?:an?|one|the|some) {_WEAPON} (?:in|into|through|between|to|round|around)"
        rf" {_WHOSE}(?: \w+)? {_BODY}\b",
        rf"\b(?:put|putting|pump|pumping|send|sending|stick|sticking) (?:an?|one|some|the)"
        rf" {_WEAPON} (?:in|into|through|between)\b",
        rf"\b{_WHOSE} (?:\w+ )?{_BODY} (?:smashed|bashed|kicked|caved|broken|beaten|punched"
        rf"|knocked) (?:in|out)\b",
        r"\bwon't have (?:any )?(?:fingers|hands|teeth|legs|kneecaps|a face|a tongue)(?: left)?"
        r" to\b",
        r"\bmake (?:you|u|him|her|this (?:man|woman|guy|writer|author)) disappear\b",
        rf"\b(?:end|finish|silence|deal with|take care of|take out|get rid of) {_VICTIM}"
        rf" (?:permanently|for good|once and for all)\b",
        r"\bbe careful\b[^.!?]{0,30}\btonight\b",
        r"\b(?:will|'ll) be sorry when (?:we|i|they)\b",
        r"\b(?:when|once) (?:we|i) (?:show|turn) up\b",
        r"\b(?:i|we) know (?:your|his|her) face(?: now)?(?=\s*(?:[.!,]|$))",
        r"\b(?:to|at|outside|round) (?:your|his|her) (?:\w+ )?(?:office|house|home|door|work"
        r"|flat|school|place)\b[^.!?]{0,20}\bwith (?:a|my|our) (?:baseball )?(?:bat|gun|knife"
        r"|crowbar|hammer|axe|machete|rifle|shotgun|pistol)\b",
        r"\b(?:you|your \w+|he|she|his \w+|her \w+)(?:'s| is| are|'re| will|'ll| might)"
        r" (?:going to |gonna |soon )?(?:get|getting|receive|receiving) a (?:little |friendly"
        r" |\w+ )?visit(?=\s*(?:[.!]|$| from (?:us|me|some|my)))",
        r"\b(?:shame|pity) if (?:it|something|anything|your \w+|the \w+) (?:caught fire|burned down"
        r"|burnt down|got hurt|went missing|had an accident|were to (?:burn|catch fire))\b",
        r"\b(?:i|we)(?:'ll| will|'m going to|'re going to| are going to|'d| would)\b[^.!?]{0,40}"
        r"\b(?:hang|lynch|gut|strangle|drag|kill|shoot|stab|beat|hurt|burn|choke|skin|bury)"
        r" (?:you|u|him|her|(?:the|this|that) (?:author|writer|journalist|editor|reporter"
        r"|professor|columnist|commenter|minister|guy|man|woman)(?!'s))\b(?! (?:at|in (?:a|an"
        r"|the|any) (?:\w+ )?(?:debate|argument|game|election|vote)"
        r"|to it|to the|(?:an?|a quick) (?:email|e-mail|message|note|line|text|dm|question)"
        r"|with (?:facts|data|evidence|sources|numbers|logic|citations)))",
        r"\bday of the rope\b",
        # Round four: shapes found missing on paraphrases written apart from every set.
        r"\byou(?:'re|'ll| are| will|'d)?\b[^.!?]{0,30}\b(?:in|on) (?:an ambulance|a body bag"
        r"|a pine box|a coffin|a stretcher)\b",
        r"\b(?:watch|see|wait and see) what happens (?:to (?:you|u|your|him|her)\b|next time you)",
        r"\b(?:no idea|don't know|do not know) who (?:you're|you are) (?:messing|dealing|fucking"
        r"|screwing|talking) with\b",
        r"\b(?:i've|i have|we've|we have) (?:been|driven|walked) (?:to|past|down|by) your"
        r" (?:street|house|home|building|office|flat|door)\b",
        r"\bnice (?:\w+ ){0,2}(?:neighbou?rhood|house|home|street|car|family|kids|flat|office)\b"
        r".{0,40}\b(?:for now|shame if|pity if)\b",
        rf"\byour {_FAMILY} (?:walks|goes|gets|comes) (?:home|to school)(?: \w+)? (?:by"
        rf" (?:himself|herself|themselves)|alone)\b",
        rf"\b(?:should|must|need to|ought to) (?:just )?(?:shoot|kill|hang|gas|nuke|execute"
        rf"|behead|slaughter) {_PEOPLES}\b",
        r"\bhope (?:the |a |an |some )?(?:next )?(?:\w+ )?(?:missile|bomb|nuke|drone|bullet|truck"
        r"|bus|meteor|asteroid|shell|rocket)s? (?:lands? on|hits?|finds?|falls? on|runs? over)"
        r" (?:you|u|your|him|her)\b",
        r"(?:^|[.!?]\s+)(?:just |let's )?(?:bomb|torch|firebomb|burn down|blow up|storm) (?:their"
        r"|his|her|your) (?:\w+ )?(?:embassy|house|home|office|offices|newsroom|church|mosque"
        r"|temple|synagogue|school|shop|restaurant|consulate)\b",
        r"\bmake (?:him|her|you|u) (?:regret|pay|suffer)\b",
        r"\b(?:find out|know|tell me|figure out) (?:which|what|where) (?:gym|school|church|bar|cafe"
        r"|office|building|route|train|bus|street|neighbou?rhood|apartment|hotel) (?:he|she|they"
        r"|you) (?:goes to|go to|uses|use|takes|take|lives in|live in|works at|work at|stays at"
        r"|attends|attend)\b",
        rf"\b(?:tell|kiss|hug) (?:your|his|her) {_FAMILY} (?:goodbye|good-bye|farewell)\b",
        rf"\bsay (?:your )?goodbyes? to your {_FAMILY}\b",
        rf"\byour {_FAMILY} (?:pays|will pay|suffers|will suffer|gets hurt|will get hurt|is next"
        rf"|are next)\b",
        r"\byou(?:'re| are) (?:done|finished)\b[^?]{0,40}\b(?:make sure|see to it)\b",
        r"\bshould have been (?:nuked|gassed|exterminated|wiped out)\b",
        # Round five.
        r"\bcheck under your (?:car|bed)(?: first| before you| every)?(?=\s*(?:[.!,]|$| write| post"
        r"| leave| morning))",
        r"\b(?:people|men|women|journalists|writers) have (?:disappeared|died|been killed|been"
        r" shot|been hurt|gone missing) for (?:much |far |a lot )?(?:less|saying less|writing"
        r" less)\b",
        r"\b(?:visit|come|coming|show up|turn up|wait|waiting|meet|greet|welcome)\b[^.!?]{0,40}"
        r"\bwith (?:a|my|our|some) (?:baseball )?(?:bats?|crowbars?|machetes?|hammers?|axes?"
        r"|knives|knife|guns?|rifles?|shotguns?|pistols?)\b",
        r"\bwith a (?:gun|rifle|bomb|knife) (?:could|would|should|needs to|will|might)\b",
        r"(?:^|[.!?]\s+)(?:just |let's )?(?:shoot|kill|hang|gas|lynch|execute|behead|burn)"
        r" (?:them|him|her|these \w+|those \w+|every \w+)\b",
        r"\b(?:would|should|will) be hanging from (?:a|the) (?:lampposts?|lamp posts?|trees?"
        r"|cranes?|bridges?)\b",
        r"\b(?:should|must|will|ought to) be (?:all )?(?:sterili[sz]ed|culled|purged)\b",
        # Round six.
        r"\b(?:someone|somebody|people|we|i'll|we'll)\b[^.!?]{0,20}\bvisit (?:you|u|him|her)"
        r" (?:and|to) (?:explain|teach|show|talk|discuss|have a word)\b",
        r"\bknocks? on your door (?:at (?:\d|night|midnight)|in the middle of the night)",
        r"\b(?:i|we) know (?:how to|what to do with) (?:handle |deal with )?(?:people like you"
        r"|your kind|your type|the likes of you)\b",
        r"\bthink (?:very )?(?:carefully|hard|twice) about your next (?:comment|post|article|words?"
        r"|move)\b",
        r"\bshould be (?:\w+ ){0,5}and (?:then )?(?:shot|hanged|hung|executed|beaten)\b",
        r"\b(?:turn|make) (?:\w+ ){0,3}into (?:glass|a parking lot|ash|ashes|dust|rubble)\b",
        r"\b(?:kids|children|women and children|babies) included,? (?:i )?(?:don't|do not)"
        r" care\b",
        r"\b(?:sent|passed|given|shared|forwarded) (?:\w+ ){0,4}your (?:photo|picture|address"
        r"|details|name) to\b",
        r"\byour (?:office|room|flat|apartment|house|home|car|door) (?:is|number is) (?:room"
        r" |number |no\.? |on |at |in )?[\w-]*\d+",
        r"\b(?:five|5|ten|10|two|a few) minutes alone with (?:you|u|him|her|this \w+|the \w+)\b",
        r"\bdeal with (?:them|him|her|you|u) the old(?:-fashioned)? way\b",
        r"\bwith a real (?:knife|gun|bullet|bomb)\b",
        r"\b(?:curing|cured|cure|treated|treatment|dose|diet) (?:with|of) (?:hot )?lead\b",
        r"\b(?:free helicopter rides?|thrown (?:out of|from) (?:a |the )?helicopters?)\b",
        r"(?:^|[.!?]\s+)(?:just |let's |we should |someone should )?(?:drop|launch|fire) (?:a|the"
        r"|another|some) (?:nuke|nuclear bomb|bomb|missile)s? on\b",
        r"\bthe only good \w+ is a dead \w+",
        # A person who should suffer it: "should be dragged into the street and beaten",
        # "deserves to be strung up"; not "the bill should be killed".
        r"\b(?:should|must|ought to|deserves? to|needs? to|will) be (?!not |never )(?:\w+ )?"
        r"(?:strung up|lynched"
        r"|beheaded|tortured|flogged|castrated|dragged (?:into|through|out)|beaten (?:up|to death)"
        r"|stabbed|burn(?:ed|t) alive|skinned|drowned|put down|raped|murdered|hanged)\b",
        r"\b(?:you|u|he|she|this \w+|the (?:author|writer|journalist|professor|editor|reporter"
        r"|commenter|guy|man|woman)|traitors?|\w+ like (?:you|him|her))(?: \w+){0,3}"
        r" (?:should|must|ought to|deserves? to|needs? to) be (?!not |never )(?:\w+ )?(?:beaten"
        r"|shot|killed"
        r"|hanged|hung|stabbed|burned|burnt|executed|gassed|lined up|dragged)\b",
        r"\b(?:should|must|need to|deserve to)(?: all)? be (?:sent|put|thrown) (?:in|into|to)"
        r" (?:the )?(?:gas chambers?|ovens|camps)\b",
        r"\b(?:send|throw|put) (?:them|these \w+|those \w+|\w+ like (?:you|them)) (?:in|into|to)"
        r" (?:the )?(?:gas chambers?|ovens)\b",
        r"\bline (?:\w+ ){1,4}up against (?:a|the) wall\b",
        r"(?:^|[.!?]\s+)(?:just |let's )?(?:wipe|stamp) (?:them|these \w+|those \w+) out\b",
        r"\bburn (?:their|his|her|your|the \w+'s) (?:\w+ ){1,2}to the ground\b",
        r"\b(?:time to|let's|we must|we should|need to|you should) take up arms\b",
        r"\bsay (?:that|it) to my face\b",
        r"\b(?:see|find out) (?:if|whether|how) (?:you're|you are) (?:this|so|that|as) (?:brave"
        r"|tough|big|smart|mouthy|loud|clever)\b",
        r"\bhope (?:you|u|your (?:whole )?(?:family|kids|children|mum|mom|mother|dad|father|wife"
        r"|husband|son|daughter|parents)|he|she|they|someone|somebody)(?: \w+){0,4}"
        r" (?:dies?|get (?:cancer|shot|killed|stabbed|raped|run over)|gets (?:cancer|shot|killed"
        r"|stabbed|raped|run over)|rots?|chokes?|burns? (?:alive|to death|in hell))\b",
        # Death or hospital promised to the reader: "ur dead", "you'll already be dead",
        # "you'd be in a hospital bed"; not "you're dead wrong", "dead tired", "dead set".
        r"\b(?:you're|youre|ur|you are|u r|you'll(?: already)? be|you will(?: already)? be)"
        r"(?: already| so| as good as)? dead(?: meat| man)?\b"
        r"(?! (?:wrong|right|set|serious|certain|sure|on|against|tired|last|by|in the"
        r"|to me|inside|end|air|weight|before (?:it|they|then|anything|reunification|that|this)))",
        r"\b(?:you're|youre|ur|you are|u r) a dead (?:man|woman|girl|boy)\b",
        r"\b(?:you'd|you would|you'll|you will|you might|you could|you'll soon|you|like you"
        r"|your kind)(?: \w+)? (?:be|wake up|end up|ends up|wind up|find yourself)(?: lying"
        r"| floating| face ?down)? (?:in (?:a|the) (?:\w+ )?river|(?:in|on) (?:a|the)"
        r" (?:shallow grave|hospital"
        r"|morgue|grave|coffin|body bag|wheelchair|ditch|ambulance|stretcher|icu))\b",
        r"\b(?:you|u) won't (?:walk|get) away (?:from (?:it|this|that)|alive|in one piece)\b",
        r"\bbetter hope (?:we|i|you) never meet\b",
        r"\b(?:when|if|once) (?:i|we) (?:ever )?(?:see|meet|catch|find|get hold of"
        r"|get my hands on) (?:you|u|him|her)\b[^.!?]{0,40}\b(?:i'll|i will|we'll|we will)"
        r" (?:break|smash|kill|hurt|beat|punch|shoot|stab|end)\b",
        r"\b(?:you're|you are) lucky (?:i'm|i am|we're|we are) not (?:there|here|around|nearby"
        r"|near you|next to you|in the same|in (?!charge)\w+)",
        r"\b(?:hunt|hunting|track|tracking) (?:you|u) down\b",
        r"\b(?:i'll|i will|we'll|we will|i'm|we're) (?:be )?waiting (?:for (?:you|u) )?"
        r"(?:outside|at your|by your|near your|for (?:you|u)(?= after| when| outside))",
        r"\bsee how (?:tough|brave|big|hard|smart|clever|funny) (?:you are|you really are"
        r"|you'll be)\b",
        # Arson and bombs aimed at a home or a newsroom: "burn down the newspaper's office
        # with everyone inside", "see the author's house go up in flames".
        r"\b(?:burn|torch|firebomb) (?:down )?(?:the|their|his|her|your|this|that|its)"
        r" (?:\w+(?:'s)? )?(?:house"
        r"|home|office|offices|newsroom|building|car|flat|apartment|school)(?: down)?\b"
        r"(?! (?:was|were|had|in (?:19|20)))",
        r"\b(?:burn|torch|bomb|blow up)\b[^.!?]{0,60} with (?:everyone|everybody|them|him|her"
        r"|you|the staff|people) (?:still )?inside\b",
        r"\b(?:see|watch|hope|love|want|wish|wait for)\b[^.!?]{0,40} (?:go|goes) up in"
        r" (?:flames|smoke)\b",
        r"\b(?:see|watch|hope|love|want|wish)\b[^.!?]{0,30} (?:house|home|car|office|family"
        r"|kids)\b[^.!?]{0,15}\b(?:blown up|blows? up|burns?(?: down)?|burnt|burned|explodes?)\b",
        # Being killed, for a person: "deserves a rope", "needs a bullet", "earned a noose".
        r"\b(?:deserves?|deserved|earned|needs?|has earned) (?:a|the|an) (?:rope|noose|bullet"
        r"|firing squad|lynching|beating|hanging|gallows|the chair|lethal injection)\b",
        # A group to be killed: "rounded up and shot", "let every last one of them burn",
        # "nuke them and let them burn"; not "don't let them starve".
        # (What was done, "villagers were rounded up and shot", is history, not a threat.)
        r"(?<!were )(?<!was )(?<!been )\brounded up\b[^.!?]{0,60}\b(?:shot|hanged|killed"
        r"|gassed|executed|burn(?:ed|t)?)\b",
        r"\b(?:should|must|need to|ought to|will|deserve to) be (?:all )?(?:rounded up|lined"
        r" up(?: and)?|gassed|executed|exterminated|shot on sight|put (?:in|into) camps)\b",
        r"(?<!n't )(?<!not )(?<!never )\blet (?:them|every (?:last |single )?one of them"
        r"|all of them|the lot of them|these people|those people|\w+ and \w+) (?:all )?"
        r"(?:burn|rot|die|starve|hang|fry)\b(?! (?:of|from|for lack))",
        rf"(?:^|[.!?]\s+|\b(?:just|let's|we should|we must|you should|i'd|we'd|i want to"
        rf"|i would|we need to) )(?:kill|shoot|hang|burn|gas|nuke|bomb|execute|slaughter)"
        rf" {_PEOPLES}\b",
        r"(?:^|[.!?]\s+|\b(?:should|must|just|let's) )round (?:them|these \w+|those \w+|all of"
        r" them) (?:all )?up\b",
        r"\bput (?:them|these \w+|those \w+|all of them|the lot of them) (?:all )?(?:in|into)"
        r" (?:camps|ovens|gas chambers|cages)\b",
        # Self-harm urged on someone: "go kill yourself", "jump off a bridge", "kys".
        r"(?:^|[.!?,]\s*|\b(?:go|just|should|could|please|pls|and|then) )(?:kill yourself|kys"
        r"|hang yourself|end yourself|off yourself|neck yourself|drown yourself|shoot yourself"
        r"|poison yourself|set yourself on fire|throw yourself (?:off|under)|drink bleach"
        r"|jump off a (?:bridge|cliff|building|roof)|play in traffic|go die)\b",
        # A call on others to do it: "somebody should go down there and start shooting",
        # "get your guns ready", "someone brave enough should do it", "patriots will".
        r"\b(?:someone|somebody|anyone|people|patriots|we|you all|y'all)(?: \w+){0,3}"
        r" (?:should|needs? to|ought to|must|has to|have to|gotta|will|could)"
        r"(?: \w+){0,8} (?:start shooting|open fire|shoot (?:up|them|him|her|the place)"
        r"|finish (?:him|her|them|the job)|blow (?:it|them|him|the place|the \w+) up"
        r"|burn (?:it|them|the place) down|string (?:him|her|them) up"
        r"|take (?:him|her|them) out(?=\s*(?:[.!,]|$| for good| permanently)))",
        r"\b(?:get|grab|load|ready|bring|oil|clean) (?:your|the|our) (?:guns|rifles|weapons"
        r"|pitchforks|torches|ammo|ropes)(?: ready| out)?\b",
        r"\b(?:someone|somebody|anyone|any(?: \w+)? patriot) (?:brave|man|patriot|bold)\w*"
        r" enough (?:should|will|to|needs to|has to) (?:just )?(?:do it|do the job|finish"
        r"|pull the trigger|take (?:him|her|them) out)\b",
        r"\b(?:someone|somebody|anyone|if someone)(?: \w+){0,2} (?:took|take|takes|taking)"
        r" out (?:the|this|that|our|their) (?:minister|president|leader|author|journalist"
        r"|professor|editor|chairman)\b",
        # Harm to the family, and taunts that time runs out: "your kids go to school
        # somewhere, don't they?", "enjoy your last few weeks", "you'll be hearing from us".
        rf"\byour {_FAMILY}(?:'s?)? (?:go(?:es)? to (?:school|work)|walks?|lives?"
        rf" (?:at|on|near)|work(?:s)? (?:at|near))\b",
        r"\bthink (?:about that|about (?:them|your family)) before you"
        r" (?:post|write|comment|open your mouth|say)\b",
        r"\benjoy(?:ing)? (?:your|the) (?:last|final|remaining)(?: few)? (?:days|weeks|months|hours"
        r"|christmas|birthday|summer|new year|holiday|weekend|meal)"
        r"(?: of (?:writing|posting|freedom|peace|life|your (?:career|life))|(?=\s*(?:[.!,]|$)))",
        r"\benjoy the next (?:few )?(?:days|weeks|months|hours)(?=\s*(?:[.!]|$))",
        r"\b(?:you'll|you will|you're going to) be hearing from (?:us|me)(?=\s*(?:[.!]|$))",
        r"\b(?:you'll|you will) (?:find out|learn|see|soon know) what happens to\b",
        r"\bwhat happens to (?:traitors|snitches|people like (?:you|u|him|her))\b",
        r"\bteach (?:you|u|him|her|them) what happens\b",
        r"\b(?:shame|pity) if (?:something|anything|an accident) (?:\w+ )?(?:happened|happens"
        r"|were to happen|was to happen) to (?:them|him|her|your \w+)\b",
    )
)
