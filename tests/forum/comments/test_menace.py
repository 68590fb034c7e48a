"""Veiled threats with no word of violence (forum/comments/menace.py) and the threats a second
batch of paraphrases found missing in violence.py.

The threats were written apart from every evaluation set; each shape has the civil sentences
nearest to it: a friendly "see you soon", a deadline for a policy, a family mentioned in a
memoir, a warning about the weather, a reported threat.
"""

import pytest

from forum.comments import threats


@pytest.mark.parametrize(
    "text",
    [
        "I've got your photo and your name. See you around.",
        "We saved your address. Be seeing you.",
        "I know which building you work in. Be seeing you.",
        "We know what car you drive.",
        "I have your plate and your employer now.",
        "You've been warned.",
        "Consider this your last warning, professor.",
        "This isn't over between us.",
        "You haven't heard the last of us.",
        "You can run but you can't hide.",
        "Enjoy your freedom while it lasts.",
        "Enjoy your little column while you still can.",
        "Your days at that paper are numbered.",
        "Your time is running out.",
        "You won't be writing for much longer.",
        "Keep running your mouth and see where it gets you.",
        "Carry on posting and you'll disappear too.",
        "Mark my words, you'll be dealt with.",
        "Traitors like him will face the firing squad.",
        "Let's see how long you keep typing with broken fingers.",
        "We'll see how brave you are when your flat is on fire.",
        "Nice car. Shame if the brakes failed on the hill.",
        "Be a pity if she didn't come home one evening.",
        "Your son leaves school at 3:30, doesn't he?",
        "Your husband walks the dog alone every night.",
        "Say hello to your daughter for me at the school gate.",
        "I've got mates in Busan who'd love to meet you after work.",
        "We'll be paying you a little visit.",
        "Somebody should run him over.",
        "Someone needs to put this writer out of his misery.",
        "Somebody ought to rough him up a bit.",
        "Someone should show him what real fear feels like.",
        "I'd happily push the button on every last one of them.",
        "We're keeping a file on you.",
        "People like you will be first against the wall.",
        "Patriots know what to do with traitors.",
        "Some of us know exactly where you live.",
        "We'll catch up with him in a dark alley one night.",
        "One more article and you won't have kneecaps.",
        "Next time you post, it'll be your last.",
        "I hope your flight goes down.",
        "Just die already.",
        "You'll get what's coming to you.",
        "Your door looks flimsy. Shame if it was kicked in.",
        "The reporter's wife works at the clinic on Main Street, in case anyone wants to visit.",
        "I'd pay to see the columnist beaten senseless.",
        "I'd strangle the editor if I could.",
    ],
)
def test_veiled_threats_are_found(text):
    assert threats.threat_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "See you soon at the conference in Busan!",
        "I've got your book, see you at the seminar.",
        "I've got your name on the list for the Q&A session.",
        "I know which building you mean, the one by the station.",
        "The UN has been warned about this for years.",
        "This is not over, the Security Council meets again on Friday.",
        "Enjoy the cherry blossoms while they last.",
        "Your days of cheap flights to Tokyo are numbered, airlines say.",
        "The regime's days are numbered, according to the defector.",
        "Keep reading and you'll find the annex more interesting than the piece.",
        "Keep writing pieces like this and you'll win a prize one day.",
        "You'll be surprised by the figures in the appendix.",
        "Old photos disappear from state media all the time.",
        "He was executed by a firing squad in 2013, the reports say.",
        "My kids go to school near the base and the drills are routine now.",
        "Your kids will thank you for teaching them this history.",
        "Careful on the roads tonight, there's black ice around Seoul.",
        "I have friends in Seoul who'd love to meet you, you'd get on.",
        "Someone should ask the minister why the budget was cut.",
        "Somebody needs to fix the broken link at the end.",
        "They pulled the trigger on the new tariffs last week.",
        "The committee is keeping a list of sanctioned ships.",
        "I don't know where you work, but the figures are public.",
        "It'll be your last chance to register for the seminar.",
        "I hope your flight to Seoul goes smoothly.",
        "Some startups just die quietly after a funding round.",
        "You'll get what you paid for with that airline.",
        "It's a shame the summit failed.",
        "His kids go to school in Seoul, he said in the interview.",
        "I'd love to see the deal killed in committee.",
        "The soldiers fought with their fists when the ammunition ran out.",
        "A moderator wrote that \"you've been warned\" is not an acceptable reply here.",
    ],
)
def test_civil_sentences_near_the_veiled_threats_pass(text):
    assert threats.threat_in(text) == ""
