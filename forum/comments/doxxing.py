"""Doxxing: a person's address, route, workplace or family, held over them or handed to others.

Knowing where someone lives is a threat without a verb of violence ("I've saved your IP, your
employer and your mum's phone number", "post his address", "the journalist drives home the
same way every night"). These patterns read the possession or the search of personal data
aimed at a person; an embassy's address, "where the author works" as a question of
affiliation, or a moderator's "don't post personal data" have no such shape. Like the other
patterns they read the text undisguised and outside quotation marks, and only hold.
"""

import re

# Whose data: the reader's, or a person's named by a pronoun or a role (not "the embassy's").
_ROLE = (
    r"(?:author|writer|journalist|editor|reporter|professor|columnist|guy|man|woman|commenter"
    r"|poster|minister|traitor|clown|commie|idiot)"
)
_WHOSE = rf"(?:your|ur|his|her|their|(?:the|this|that) (?:\w+ ){{0,2}}{_ROLE}'s)"
# What may be handed out; having it also covers where a person goes and when.
_SHARED = (
    r"(?:(?:home |real |private |personal )?address(?:es)?|ip(?: address)?|employer|workplace"
    r"|(?:phone|mobile|cell|home) (?:number|no)|licen[cs]e plate|real name)(?! of)"
)
_DATA = rf"(?:{_SHARED}|(?:kids' )?school|schedule|route(?: home)?|daily routine|location)(?! of)"

DOXXING = tuple(
    re.compile(pattern)
    for pattern in (
        # Having it: "I've saved your IP", "we have your address", "found his address:".
        rf"\b(?:i|we)(?:'ve| have| had|'d)?(?: already)? (?:got|saved|have|found|kept|logged"
        rf"|traced|tracked down|noted|screenshotted|know)(?: (?:\w+ )?(?:and|,))? {_WHOSE}"
        rf" {_DATA}\b",
        rf"\b(?:found|got|traced|tracked down) {_WHOSE} {_DATA}\b",
        rf"\b{_WHOSE} (?:\w+ ){{0,2}}(?:mum|mom|mother|father|dad|wife|husband|kids|children"
        rf"|family)'s? (?:phone )?(?:number|address|school|workplace)\b",
        # Handing it out or asking for it: "post his address", "get this man's phone number
        # out there", "post your address if you're so brave".
        rf"\b(?:post|share|publish|leak|spread|dox|doxx|get|put|dig up|find)"
        rf"(?: out)? {_WHOSE} (?:\w+ )?{_SHARED}\b(?! (?:to|for) (?:the|a|this) (?:petition|form"
        rf"|embassy|survey))",
        r"\bpost your (?:home )?address\b",
        r"\b(?:i|we)(?: \w+)? know where your (?:\w+ )?(?:family|kids|children|son|daughter|wife"
        r"|husband|mum|mom|mother|dad|father|parents|sister|brother) (?:lives?|works?|goes|go"
        r"|studies|study|parks?|shops?)\b",
        r"\b(?:i|we)(?:'ve| have)? (?:found|got|saved|have)\b[^.!?]{0,60}\byour"
        r" (?:home )?address\b",
        r"\b(?:address|number|details) (?:is|are) (?:in|on) (?:his|her|their) (?:bio|profile|page"
        r"|website)\b",
        r"\byour (?:employer|boss|wife|husband|family|neighbours|neighbors|parents|university)"
        r" (?:will|is going to|'s going to|might) (?:be )?(?:get|getting|receive|receiving|hear"
        r"|hearing|see|seeing|read|reading)\b",
        r"\b(?:he's|she's|he is|she is|he takes|she takes|he gets|she gets)\b[^.!?]{0,20}"
        r"\b(?:train|bus|subway|metro)\b[^.!?]{0,25}\bevery (?:morning|evening|night|day)\b",
        rf"\bhere(?:'s| is| are) {_WHOSE} (?:home )?(?:number|phone number|address|mobile|email"
        rf"|details|ip)\b(?! (?:one|two|three|1|2))",
        r"\b(?:share|post|publish|leak|tell you|give you) where (?:he|she|they|you|this \w+"
        r"|the \w+) (?:lives|works|sleeps|live|work)\b",
        # "Let's flood him", "flood her inbox"; not "flood them with USB sticks of K-dramas".
        r"\b(?:flood|spam|bombard|swamp|dogpile|brigade) (?:(?:him|her)(?=\s*(?:[.!,]|$| with"
        r" (?:calls|messages|emails|threats)))|(?:his|her|their) (?:inbox|phone|employer|boss"
        r"|workplace|family|office|mentions|dms))",
        rf"\b{_WHOSE} (?:home )?address is (?:public|online|out there|no secret|easy to find"
        rf"|not hard to find|on the|on (?:a|every|some) (?:\w+ )?(?:forum|site|board|channel"
        rf"|chat|group|website))\b",
        r"\b(?:i|we) know (?:what|which) (?:car|bus|train|route) (?:you|u|he|she) (?:drive|drives"
        r"|take|takes)\b",
        r"\b(?:which|what) school (?:does|do|did) (?:she|he|they|your \w+) (?:go to|attend)\b",
        # Where someone lives, sought or known: "let's find out where the editor lives",
        # "now you know where to go"; not "where the author works" (an affiliation).
        r"\b(?:find out|find|track down|look up|figure out|dig up|know|found out) where"
        r" (?:\w+ ){1,5}(?:lives|sleeps|parks|goes to school)\b",
        r"\bnow (?:you|we|everyone) knows? where (?:to (?:go|find (?:him|her|them))"
        r"|(?:he|she|they) (?:lives?|sleeps?))\b",
        rf"\bpay (?:him|her|you|u|(?:this|that|the) {_ROLE}) a (?:little |friendly |home )*visit\b",
        # A person's routine, watched: "drives home the same way every night", "walks the
        # dog around 7", "easy to find, easy to follow".
        r"\b(?:drives|walks|cycles|gets) (?:home|to work)(?: \w+){0,3}"
        r" (?:the same (?:way|route|time)|alone|every (?:night|evening|morning))",
        r"\b(?:walks|takes) the dog (?:around|at|every)\b",
        r"\beasy to (?:find|track),? (?:and )?easy to (?:follow|reach|hurt|get)\b",
        r"\b(?:i|we)(?:'ve| have)? (?:got|have|made|keep|keeping|compiled|are keeping) a list"
        r" of (?:everyone|everybody|all of you|you all|names|the names|people who|who)\b",
    )
)
