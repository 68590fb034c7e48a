"""Insults read by their shape (forum/comments/insults.py), the broader slurs and a people
called animals (slurs.py, groups.py), and the score of a text without its quotations.

The abusive sentences were written apart from every evaluation set, in words those sets do
not use; each shape has the civil sentences nearest to it: criticism of a plan or a policy,
an insult reported or quoted, animals that are animals, idioms.
"""

import pytest

from forum.comments import contempt, scoring, slurs

# Insults aimed at a person (forum/comments/insults.py) --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You're a vile, sneering little weasel and everyone can see it.",
        "You are a festering boil on this comment section.",
        "You people are brainless parasites.",
        "Are all of you this thick?",
        "You're deranged.",
        "The columnist is clearly senile.",
        "This writer is a deranged lunatic.",
        "The author is a deranged propagandist.",
        "Her fans on here are just as unhinged.",
        "Defenders of this regime are morally bankrupt scumbags.",
        "The editor is a paid whore for the arms lobby.",
        "Anyone who shares this piece is a gullible sheep.",
        "People who still believe the regime are brainwashed drones.",
        "Kim is a fat little psycho.",
        "The ambassador is an utter cretin.",
        "What a hack.",
        "What a spineless, grovelling little toad.",
        "Clueless dinosaur. Retire already.",
        "Pathetic hack.",
        "Spoken like a true coward.",
        "You're a sad little man with a sad little blog.",
        "A disgusting excuse for a reporter.",
        "Trash column from a trash person.",
        "Another garbage journalist with a deadline.",
        "Only a brainless columnist would write this.",
        "Imagine being such a spineless worm.",
        "Learn to read, genius.",
        "Learn to read before you comment.",
        "Maybe go back to school before posting again.",
        "Read a book for once.",
        "Sit down, kid.",
        "Stay in your lane.",
        "His generals are a bunch of bloodthirsty baboons.",
        "You lot behave like animals.",
        "These animals don't deserve a vote.",
        "This guy is a walking advertisement for birth control.",
        "Did you get your degree from a cereal box?",
        "Your brain is running on dial-up.",
        "Every comment you post makes the world a little dumber.",
        "The professor writes like a drunk teenager.",
        "I bet you still wet the bed.",
        "The thread is full of sheeple.",
        "Shut up, you senile old goat.",
        "You're a liar and everyone here knows it.",
        "ur a clown mate",
        "The editor is so far up the minister's backside it's embarrassing.",
        "Another shrill harpy lecturing us about war.",
        "Your arguments are as limp as your prose.",
        "Not a single brain cell among all of you.",
        "A punchable little smirk on that byline photo.",
        "Clueless old geezer, retire.",
        "Senility has finally set in at this paper.",
        "His shrivelled old brain gave up years ago.",
        "Imagine being 70 and still so naive.",
        "Nice beer belly in your profile picture.",
        "Another column with no brain cells involved.",
        "Log off, grandad.",
        "Were you dropped repeatedly as a baby?",
        "The only thing weaker than your argument is your chin.",
        "Your parents wasted good money on your degree.",
        "He's a complete waste of a press pass.",
        "You have the debating skills of a drunk pigeon.",
        "She's a bitter old spinster who hates everyone.",
        "The author is a total wazzock.",
        "What a schmuck.",
        "You absolute fuckwit.",
        "Shit-for-brains strikes again.",
        "Get lost, you freeloading leech.",
        "Another mediocre hack with a byline.",
        "The so-called analyst is a glorified stenographer.",
        "You sound like my demented neighbour.",
        "English clearly isn't your first language.",
        "This op-ed is a crime against literacy.",
        "The columnist should be ashamed to exist.",
        "Your argument is a tragedy. So is your face.",
        "I'd draw it for you, but I left my crayons at home.",
        "He couldn't reason his way out of a wet paper bag.",
        "You're why we can't have nice things.",
        "Your avatar says a lot about your intelligence.",
        "You're not worth the pixels.",
        "I've had smarter answers from a Magic 8-ball.",
        "Trolls crawling out of the woodwork like roaches again.",
        "Please, somebody hand this muppet a dictionary.",
        "The halfwit above again.",
        "I didn't expect better from a gasbag like her.",
        "He's a crook through and through, a swindler to the core.",
        "What a nasty little gremlin he is.",
        "The scum of the earth comment here as usual.",
        "Another intellectual pygmy with a column.",
        "Not worth the oxygen it takes to reply to you.",
        "That columnist belongs in a padded cell.",
        "She got her doctorate from a Christmas cracker.",
        "Please never reproduce.",
        "I hope he never has kids.",
        "Do humanity a kindness and log off for good.",
        "The minister has the conscience of a hungry sewer rat.",
        "You've never had an original thought in your life.",
        "Not a single functioning brain cell in that column.",
        "Who let the old man near a keyboard?",
        "This so-called analyst couldn't pass a basic geography test.",
        "Absolute state of him.",
        "A waste of perfectly good oxygen.",
        "Typical rice-munching savage.",
        "Were you dropped on the head as a kid?",
        "More drivel from this fraud.",
        "The minister looks like a boiled ham.",
        "You're an affront to anyone who studied the war.",
        "Leave the analysis to the grown-ups.",
        "Let the people with actual brains speak.",
        "Hiring columnists with no brains, as usual.",
        "I've seen more coherent arguments in a kindergarten.",
        "Your very existence is an argument against free speech.",
        "The editorial board are gutless jellyfish.",
        "Does your laptop come with a brain?",
        "Written by a failed novelist, obviously.",
        "Were you brought up in a pigsty?",
        "He has all the depth of a puddle.",
        "A face for radio, that one.",
        "Your column, like you, is a waste.",
        "Stick your op-ed where the sun doesn't shine.",
    ],
)
def test_insults_aimed_at_a_person_are_found(text):
    assert contempt.contempt_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The plan is idiotic and the response was pathetic.",
        "Their leadership is deranged by any normal standard of statecraft.",
        "Anyone who thinks this article is trash should say why.",
        "Anyone who thinks the plan is stupid should read the annex.",
        "The deal is a fraud, and the inspectors said so.",
        "It's a hack of a solution, but it works.",
        "The editors are cowards for not running the interview in full.",
        "I think the minister is wrong, but calling him a psycho is not helpful.",
        "State media said he is a senile fool, which tells you about state media.",
        "His supporters are gullible, but so were ours in 2018.",
        "The policy is trash, but the people who wrote it are trying.",
        "Learn to read the annex carefully, it hedges every number.",
        "The kids go back to school on Monday after the drill.",
        "Nobody asked you to agree, but thanks for the link.",
        "The Kim family has ruled like a dynasty of psychopaths, historians argue.",
        "A pack of wolves raised Romulus and Remus, not the Kim dynasty.",
        "The zoo's animals were moved during the shelling.",
        "The dictator is a brutal tyrant, but he is not irrational.",
        "You're wrong about the 1994 deal, and here is why.",
        "The guy above makes a decent point about China's leverage.",
        "Clowns at the UN? No, just diplomats with bad options.",
        "The Fat Man bomb was dropped on Nagasaki.",
        "Sanctions are a tool of pressure, not a policy.",
        "The report describes soldiers packed like rats into the tunnels.",
        "The regime treats its citizens like cattle, which is an atrocity.",
        "Thanks, professor, that was clear.",
        "I'm crazy about Korean cinema, honestly.",
        "You're a big fan of the sunshine policy, I see.",
        "Somebody get this writer an editor, the typos are everywhere.",
        "The madman theory was Nixon's, not Kim's.",
        "The dregs of the old coalition are still in parliament.",
        "I hope you never have to live through a war.",
        "The professor compared the regime to a padded cell with no exit.",
        "Pandas rarely reproduce in captivity.",
        "That's a mental model I hadn't considered.",
        "The article was written by a half-literate AI, by the look of it.",
        "The new museum is a waste of space and a waste of good food.",
        "The plan doesn't contain a single original idea.",
        "Most students couldn't pass a test on the Korean war.",
        "The state of the talks is grim.",
        "The launch was a hit on the head for the markets, one too many times this year.",
        "The Sony hack from 2014 was never fully explained.",
        "The missile looks like a Scud on the satellite images.",
        "Leave the verification to the professionals at the IAEA.",
        "A policy with no backbone will not survive the next launch.",
        "I've read smarter analysis on personal blogs than in this paper.",
        "The committee's existence is an argument for reform.",
        "A failed state cannot be contained forever.",
        "The minister is a liar, and the audit proved it.",
        "KCNA described the envoy as a senile clown, its usual register.",
        "The museum was raised in a barn conversion near Paju.",
    ],
)
def test_criticism_of_things_and_reported_insults_pass(text):
    assert contempt.contempt_in(text) == ""


# Slurs and a people called animals (forum/comments/slurs.py, groups.py) --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lol the nips are at it again.",
        "All these chinkies should leave.",
        "Another gook-loving editorial.",
        "These rice-eating bugmen never think for themselves.",
        "Dog-eating savages, the lot of them.",
        "N1pp0n monkeys ruined everything.",
        "The yellow hordes are coming.",
        "Typical libt@rd take.",
        "Those d0theads again.",
        "The Chinese are a heartless, deceitful people.",
        "Japanese people have no sense of shame.",
        "g๐๐ks everywhere.",
        "typical chinck propaganda",
        "the fagot who wrote this",
        "more trannies in the news",
        "niggerz running the show",
        "what a retart",
        "Phaggot editor.",
        "you are a r e t a r d e d c l o w n",
        "chínks everywhere",
        "the g.o-o_k propaganda",
        "a c/h/i/n/k editor",
        "What a f*gg*t take.",
        "Those kikey bankers again.",
    ],
)
def test_more_slurs_and_peoples_called_animals_are_found(text):
    assert slurs.slur_in(text) or contempt.contempt_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The cold nips at your fingers on the DMZ tour.",
        "She nips out for coffee between briefings.",
        "Homo sapiens has never built a weapon this dangerous.",
        "Korean dog farms were banned in 2024.",
        "Japanese monkeys bathe in the hot springs of Nagano.",
        "Brown rats were found in the tunnels, the memoir says.",
        "Sauerkraut and kimchi are both fermented cabbage.",
        "Niger and Nigeria both voted for the resolution.",
        "The port of Trani has a fine cathedral.",
        "Five is cinq in French.",
        "The only thing clearer than the data is the trend.",
        "Students wasted time on exams when they should have been in the field.",
        "Cockroaches crawl out like clockwork in the old barracks.",
        "Chloé and Björn wrote a fine piece on the café culture of Pyongyang.",
        "The x/y/z axes of the chart are mislabelled.",
        "Did you see the rat in the footage?",
        "Another hack of the crypto exchange was traced to Pyongyang.",
        "The summit was a glorified photo opportunity.",
        "The indictment calls it a crime against humanity.",
        "Your argument is strong. So is your evidence.",
        "The ministry couldn't organise its way out of a paper bag.",
        "The data says a lot about the economy.",
        "Dog-eating was banned in South Korea after a long debate.",
        "Calling someone a gook was common among GIs in 1951, my grandfather admitted.",
        "The yen is as weak as it was in 1990.",
        "The idiot test in the old army entrance exam was notorious.",
        "Dementia care in South Korea is underfunded.",
        "The brain drain from the North is real.",
        "Boomers own most of the housing in Seoul, the data shows.",
    ],
)
def test_ordinary_senses_of_the_new_words_pass(text):
    assert slurs.slur_in(text) == ""
    assert contempt.contempt_in(text) == ""


# The score without the quotations (forum/comments/scoring.py) -------------------------------


def test_an_insult_in_quotation_marks_is_scored_as_reported():
    quoted = 'The agency once called a senator "a stupid fucking old bastard" on air.'
    assert scoring.toxicity(quoted) < 0.6 <= scoring.model().score(quoted.lower())


def test_an_insult_outside_the_quotation_still_scores_high():
    assert scoring.toxicity('Your "analysis" is shit and you are a fucking idiot.') >= 0.9


def test_a_comment_that_is_all_quotation_is_scored_as_written():
    assert scoring.toxicity('"You fucking idiot"') >= 0.9
