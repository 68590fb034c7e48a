"""Harm aimed at a person, read by the grammar of a threat rather than by its sentences.

forum/comments/violence.py lists verb and object pairs ("break every bone in your face");
readers who never saw it wrote "I'm going to end you", "I'd love to punch the author in the
face", "people like you get stabbed in car parks", "stab the author", "a bullet with your
name on it", "you're going to pay for this with blood". Each pattern here is a general shape
with a broad lexicon: a speaker who will or would (I, we), a verb of injury (several dozen),
and a person (the reader, him, her, a writer, a family); a person who will be or deserves to
be hurt; an order to hurt one; blood, graves and bodies promised. A contest ("we'll beat you
in the election", "I'll destroy your argument", "I'll bury you with facts") and a message
("I'd shoot him an email") are not harm, and a thing is not a person ("kill the deal",
"destroy the programme"). Read undisguised and outside quotation marks; only holds.
"""

import re

from forum.comments.insult_words import PERSON_ROLES
from forum.comments.lexicon import alternation

_ROLE = alternation(PERSON_ROLES)
_FAMILY = (
    r"(?:family|kids|children|son|daughter|wife|husband|mum|mom|mother|dad|father|parents"
    r"|sister|brother|girlfriend|boyfriend|partner|baby|little girl|little boy)"
)
# Whom a threat names: the reader, a person by a pronoun, a writer, a family.
_PERSON = (
    rf"(?:you|u|him|her|y'all|you all|all of you|every (?:last |single )?one of you"
    rf"|(?:the|this|that|these|those|every) (?:\w+ )?(?:{_ROLE}|traitors?|commies?|clowns?"
    rf"|idiots?|morons?|bastards?|rats?)(?!'s)|your (?:whole |little |precious )?{_FAMILY})"
)
_INJURE = (
    r"(?:kill|murder|shoot|stab|strangle|choke|hang|lynch|gut|skin|bury|burn|beat|batter|punch"
    r"|kick|slap|smack|thump|headbutt|drown|behead|decapitate|butcher|slaughter|execute"
    r"|torture|maim|cripple|mutilate|hurt|harm|injure|wound|end|destroy|annihilate|eliminate"
    r"|erase|finish|break|crush|smash|cut|slice|knife|bash|pummel|flatten|deck|clobber|wallop"
    r"|whack|waste|off|ice|rough up|beat up|take out|put down|run over|blow up|bomb|gas|nuke"
    r"|curb-?stomp|stomp on|kneecap|pistol-whip|hospitali[sz]e|tear apart|rip apart|skewer"
    r"|disembowel|castrate|rape|lay out|knock out|ruin|bleed|string up|shank|hunt down"
    r"|track down|get rid of|make an example of)"
)
# The speaker means it: "I'll", "we're going to", "I'd love to", "I swear I will".
_SPEAKER = (
    r"\b(?:i|we)(?:'ll|'m going to|'m gonna|'re going to|'re gonna|'d| will| would| am going to"
    r"| are going to| shall| want to| wanna| intend to| plan to| can't wait to| am gonna)"
    r"(?: (?:personally|happily|gladly|just|literally|really|definitely|soon|one day|then"
    r"|love to|like to|be happy to|be glad to|enjoy|go|come|find you and|find him and"
    r"|find her and|have to|need to|make sure (?:i|we)))*"
)
# Not harm: a contest, a message, an argument taken apart.
_NOT_HARM = (
    r"(?! (?:at|in|on|by|with|to) (?:\w+ ){0,3}(?:debate|argument|game|games|election|vote"
    r"|match|polls?|chess|poker|court|race|contest|quiz|round|points|facts|data|evidence"
    r"|sources|numbers|logic|citations|it|the punch)\b)"
    r"(?! (?:an?|the|a quick) (?:email|e-mail|message|note|line|text|dm|question|look|glance"
    r"|call|reply)\b)"
)
_INJURED = (
    r"(?:beaten|shot|stabbed|killed|murdered|hanged|hung|lynched|gutted|skinned|buried"
    r"|burned|burnt|tortured|executed|butchered|slaughtered|maimed|crippled|hurt|strangled"
    r"|drowned|beheaded|raped|run over|beaten up|knifed|flattened|dealt with|taken out|put"
    r" down|erased|eliminated|wiped out|found dead|shanked|kneecapped|roughed up|battered"
    r"|bashed|smashed|strung up|torn apart|ripped apart|made an example of|disappeared"
    r"|silenced|handled|punished|hospitali[sz]ed|bled|cut up|carved up)"
)

HARM = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # A speaker, a verb of injury, a person: "I'm going to end you", "I'd love to punch the
        # author in the face", "we will destroy you and everyone you love".
        rf"{_SPEAKER}\b[^.!?]{{0,30}}\b{_INJURE} {_PERSON}\b{_NOT_HARM}",
        rf"{_SPEAKER}\b[^.!?]{{0,30}}\bmake {_PERSON} (?:bleed|suffer|scream|beg|cry for"
        r" (?:mercy|help)|disappear|pay with)",
        rf"{_SPEAKER}\b[^.!?]{{0,30}}\b(?:find|visit|grab|take|get|follow|come for|go after)"
        rf" your (?:whole |little )?{_FAMILY}\b",
        # A bounty: "whoever shoots this traitor will be a hero", "a million won to anyone who
        # punches the author".
        rf"\b(?:whoever|anyone who|anybody who|the (?:first )?(?:man|person|guy|one) (?:who|to))"
        rf" (?:\w+ ){{0,2}}{_INJURE}\w* {_PERSON}\b{_NOT_HARM}",
        # Harm hoped for from others: "I hope they waterboard you".
        rf"\bhope (?:they|someone|somebody|people|the \w+) (?:\w+ )?(?:{_INJURE}|waterboard"
        rf"|torture) {_PERSON}\b{_NOT_HARM}",
        # Verbs whose particle follows the person: "I'd run you over", "rough him up".
        rf"{_SPEAKER}\b[^.!?]{{0,30}}\b(?:run|beat|rough|knock|take) {_PERSON} (?:over|up|out)"
        rf"(?! (?:to|with|through|the|an|for (?:dinner|lunch|a|the)|on|in|at|of)\b)"
        rf"(?! a (?!bit\b|little\b))",
        rf"\bput {_PERSON} (?:in|into|under) (?:the|a|an) (?:hospital|coffin|grave|ground"
        r"|wheelchair|morgue|icu|ambulance|body bag|box|urn)\b",
        r"\b(?:slap|knock|punch|smack|kick|beat) (?:that|the|this) (?:\w+ )?(?:grin|smile|smirk"
        r"|look) (?:right )?off (?:your|his|her) face\b",
        # A person who will be or should be hurt: "the author will be dealt with", "people
        # like you get stabbed", "you should be publicly executed".
        rf"\b(?:you|u|he|she|{_PERSON}|traitors|snitches|people like (?:you|him|her)|\w+ like"
        rf" (?:you|him|her))(?:'ll| will| are going to|'re going to|'re gonna|'s going to"
        rf"| is going to| deserves? to| should| must| needs? to| ought to| get| gets| end up"
        rf"| ends up| wind up)(?: \w+ly| soon| all)? (?:be |get )?{_INJURED}\b(?! (?:at|in|by)"
        r" (?:\w+ ){0,2}(?:debate|argument|election|vote|polls?|court|the market)\b)",
        # An order to hurt someone: "Stab the author", "Let's hang the editor", "Grab him
        # when he leaves the building".
        rf"(?:^|[.!?]\s+|\b(?:let's|someone|somebody|people|you|we) (?:should |must |need to"
        rf" |ought to |have to )?)(?:just |go |now |then )?{_INJURE} {_PERSON}\b{_NOT_HARM}",
        rf"(?:^|[.!?]\s+)(?:just |go |now )?(?:grab|jump|ambush|corner|follow|snatch) {_PERSON}"
        r" (?:when|as|after|outside|and|on his way|on her way)\b",
        r"\b(?:put|plant|place|stick|leave|hide) (?:a|the|some) (?:bomb|device|ied|grenade"
        r"|explosives?)s? (?:in|under|on|at|near|inside) (?:his|her|your|their|the \w+'s)\b",
        r"\b(?:someone|somebody|people|we|you) (?:should|must|need to|ought to|have to"
        r"|could) (?:just )?(?:blow up|bomb|torch|firebomb|burn down|storm|raid) (?:their|his"
        r"|her|your|the \w+'s) (?:\w+ )?(?:embassy|office|offices|house|home|newsroom|building"
        r"|car|school|church|mosque|temple|consulate|flat)\b",
        r"\bhang (?:\w+ ){1,3}from (?:the|a) (?:nearest )?(?:tree|lamppost|lamp post|bridge"
        r"|crane|rafters)\b",
        # Harm named by its method, as this region's news knows them: poisons, camps, the
        # firing squad; "do a Kim Jong-nam on him". What was done ("he was killed with VX at
        # the airport", "his uncle faced a firing squad") has no order, wish or future.
        rf"\bdo an? (?:kim jong-?nam|khashoggi|litvinenko|skripal|navalny|jfk|kennedy|lincoln"
        rf"|nemtsov|politkovskaya|warmbier|jang song-?thaek|uncle jang|number) on {_PERSON}\b",
        r"\b(?:put|slip|spray|smear|rub|pour|add|give|try|need|needs|deserves?)\b[^.!?]{0,15}"
        r"\b(?:vx|polonium|novichok|ricin|sarin|cyanide|arsenic|rat poison|anthrax|nerve agent)\b",
        r"\b(?:a little|some|a drop of|a dose of) (?:vx|polonium|novichok|ricin|sarin|cyanide"
        r"|arsenic|rat poison|nerve agent)\b[^.!?]{0,40}\bwould\b",
        rf"\b(?:send|throw|put|ship|drag) {_PERSON} (?:off )?(?:to|into|in) (?:a |the )?(?:labou?r"
        rf" camp|gulag|prison camp|re-?education camp|concentration camp|kwanliso)s?\b",
        rf"\blet {_PERSON} rot\b",
        r"\b(?:should|must|deserves? to|needs? to|ought to) be (?:fed|thrown) to (?:the )?(?:dogs"
        r"|pigs|sharks|crocodiles|lions)\b",
        rf"\bfeed {_PERSON} to (?:the )?(?:dogs|pigs|sharks|crocodiles|lions)\b",
        r"\b(?:anti-aircraft gun|firing squad|uncle jang|kim jong-?nam|polonium) treatment\b",
        r"\b(?:will|'ll|should|deserves?|needs?|ticket to|send (?:you|him|her) to)\b[^.!?]{0,40}"
        r"\b(?:firing squad|anti-aircraft gun)\b",
        r"\b(?:your \w+|you|he|she|his \w+|her \w+) (?:\w+ )?(?:needs?|could use|deserves?|might"
        r" have|may have|will have|is due) an? (?:little |small |nasty |unfortunate |tragic )?"
        r"accident\b",
        r"\b(?:your|his|her) (?:\w+ )?(?:kids|children|son|daughter|wife|husband) (?:would|will"
        r"|could) (?:make|be) (?:\w+ )?(?:orphans?|widows?|widowers?)\b",
        r"\bmake (?:your|his|her) (?:wife|husband) a (?:widow|widower)\b",
        # Blood, graves and bodies promised: "you'll pay for this with blood", "a bullet with
        # your name on it", "they'll find your body in the river".
        r"\b(?:your|his|her) blood (?:will|'ll|is going to|shall|is gonna) (?:be|run|flow|spill"
        r"|stain|cover)\b",
        r"\bpay (?:for (?:this|it|that) )?(?:with|in) (?:blood|your (?:life|blood|lives))\b",
        r"\b(?:bullet|round|knife|rope|noose|grave|coffin|body bag|plot) (?:with|that has)"
        r" (?:your|his|her) name on it\b",
        r"\b(?:will|'ll|going to|gonna) find (?:your|his|her) (?:\w+ )?(?:body|corpse|remains"
        r"|head)\b",
        r"\b(?:your|his|her) (?:body|corpse) (?:will|'ll) (?:be found|turn up|wash up)\b",
        r"\b(?:traitors|snitches|people like (?:you|him|her)|\w+ like (?:you|him|her)) get"
        r" (?:the rope|a bullet|the bullet|the wall|hanged|shot|stabbed|what's coming)\b",
        r"(?:^|[.!?]\s+)(?:and )?(?:you're|you are|you will be|you'll be) next(?=\s*(?:[.!]|$))",
        r"\b(?:start running|better run|run while you (?:still )?can|better start running"
        r"|run and hide)\b",
        r"\b(?:nobody|no one|no-one|your (?:own )?(?:mother|mum|mom|family)) (?:will|won't"
        r"|wouldn't|would|could|couldn't|can't) (?:even )?recogni[sz]e (?:you|u|him|her)\b",
        r"\b(?:eating|eat|drink|drinking|breathing) through a (?:straw|tube)\b",
        r"\bidentif(?:y|ied) (?:you |him |her )?(?:by|from) (?:your |his |her )?dental records\b",
        r"\b(?:sharpening|sharpened|loading|loaded|cleaning|oiling|bought|buying) (?:my|our)"
        r" (?:knife|knives|gun|guns|rifle|rifles|blade|machete|axe|pistol|shotgun|ammo)\b",
        r"\b(?:you're|you are|you'll|you will) (?:be )?go(?:ing)? down(?=\s*(?:[.!,]|$))",
    )
)


def harm_in(plain):
    """Return the threat of harm to a person in `plain` (undisguised, unquoted), or ""."""
    for pattern in HARM:
        if match := pattern.search(plain):
            return match.group()
    return ""
