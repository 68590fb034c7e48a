"""The general shapes of contempt: put-downs without an insulting noun, insulting nouns in more
places, contempt for a whole people, and slurs and disguises the first lists lacked
(forum/comments/putdowns.py, contempt.py, groups.py, slurs.py, disguise.py).

Each shape has abusive sentences written in other words than the evaluation sets' and the
civil sentences nearest to it that must pass: biology, "old men like me", "a weak Chinese
yuan", the history of a slur, contempt attributed to someone else.
"""

import pytest

from forum.comments import contempt, disguise, slurs, threats

# Put-downs without an insulting noun (forum/comments/putdowns.py) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You've got the attention span of a fruit fly.",
        "A columnist with the integrity of a wet sock.",
        "Room-temperature IQ take, as usual.",
        "Your IQ is lower than the temperature in January.",
        "His brain is about the size of a pea.",
        "Sorry, I don't argue with people whose brains are smaller than a walnut.",
        "Your article is as dull as you are.",
        "You're about as sharp as a bowling ball.",
        "It must be tiring being so dense.",
        "You argue like a toddler.",
        "Logic is clearly not your strong suit.",
        "Were you dropped on your head as a baby?",
        "You're not the sharpest tool in the shed, are you?",
        "Your parents must be so ashamed of you.",
        "Nobody would miss you.",
        "The forum would be better off without people like you.",
        "Bless your little heart.",
        "Take your meds and log off.",
        "Maybe go back to colouring books.",
        "Hush now, the grown-ups are talking.",
        "Sure thing, sweetie.",
        "Ok boomer.",
        "You peaked in high school.",
        "So impressed by your genius.",
        "Ah yes, another genius who read one article.",
        "Do the world a favour and delete your account.",
        "Led by a lardass, of course.",
        "Keep crying.",
        "Grow up.",
        "How do you even tie your shoes?",
        "Shall I draw you a picture?",
        "Congrats on the lobotomy.",
        "Sit down, child.",
        "Go cry to your mommy.",
        "Nobody here likes you.",
        "Your face could curdle milk.",
        "Go f yourself.",
        "Imagine being dumb enough to believe this.",
        "Your brain is pudding.",
        "I've met smarter potatoes.",
        "You talk like someone who failed primary school.",
        "You're as useful as a chocolate teapot.",
        "I've seen more intelligent life in a petri dish.",
        "Are you naturally this thick?",
        "Sad little man yelling at the internet.",
        "You have the political sophistication of a golden retriever.",
        "Reading your comment lowered my IQ.",
        "Do you practise being this wrong or does it come naturally?",
        "Your parents clearly gave up on you early.",
        "You're the human equivalent of a participation trophy.",
        "I bet you still live with your mother.",
        "That's what happens when you let a woman write about missiles.",
        "You are a brainwashed little drone, repeating whatever Beijing says.",
        "What are you, twelve?",
        "You couldn't find Pyongyang on a map.",
        "Your column reads like it was written by a drunk toddler.",
        "Your opinions are worth less than the dirt on my shoe.",
        "Even a monkey could write a better article.",
        "You are what happens when nobody says no.",
        "Women should stick to the kitchen.",
        "This professor is a parasite leeching off taxpayers.",
        "You absolute walnut.",
    ],
)
def test_put_downs_are_found(text):
    assert contempt.contempt_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The stegosaurus had a brain the size of a walnut.",
        "A chimp can use a keyboard in the lab, the study shows.",
        "The zoo's monkeys use touchscreens to get food, a nice biology study.",
        "Seoul has the charm of a city that never stops building.",
        "Kim's sister has the backbone of the family, analysts say.",
        "Old men like me remember the 1994 crisis very well.",
        "That takes a special kind of courage, to cross the river at night.",
        "You sound like a diplomat, which I mean as a compliment.",
        "As ugly as the architecture is, Pyongyang's metro is impressive.",
        "Your argument is as weak as the sanctions regime.",
        "Bless you for the translation, it helped a lot.",
        "Kids go back to school in March in South Korea.",
        "Go back to the 1994 framework and read what was actually agreed.",
        "Nobody cares about the minister's hairstyle, we care about enrichment.",
        "Grow up in Kaesong and you see the border every day.",
        "Take your time with the article, it's long.",
        "Your parents must be proud of the research.",
        "My parents would be ashamed of me if I didn't vote.",
        "The world is better off without nuclear weapons.",
        "Thanks, everyone, for a civil thread.",
        "The lights are on at the embassy all night.",
        "You absolute legend, thanks for the sources.",
        "I've met smarter analysts in the ministry, but he's fine.",
        "What are you reading at the moment?",
        "Most surveys find people couldn't find North Korea on a map.",
        "The article reads like a press release.",
        "Even a child could see that the sanctions failed.",
        "Sanctions are as useful as a chocolate teapot, as my grandfather said.",
        "The old man in the article, a veteran, said he'd never forgive them.",
        "He failed high school and then became a general.",
        "She has the understanding of a seasoned diplomat.",
        "I still live with my mother, and she remembers the war.",
        "The golden retriever at the embassy is a local celebrity.",
    ],
)
def test_civil_comments_near_the_put_downs_pass(text):
    assert contempt.contempt_in(text) == ""


# Insulting nouns in more places (forum/comments/contempt.py) --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ugly, bitter old hag.",
        "Keep talking, loser.",
        "Look at this fat loser pretending to be an expert.",
        "Typical brainwashed troll.",
        "Another Swedish know-nothing.",
        "You're trash.",
        "You sound like a toddler.",
        "Crawl back into whatever hole you came from.",
        "Old men like you should be banned from the internet.",
    ],
)
def test_insulting_nouns_after_a_comma_or_a_demonstrative_are_found(text):
    assert contempt.contempt_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sending inspectors was a fool's errand, and this clown show proved it.",
        "That troll farm in St Petersburg posted thousands of comments.",
        "This tool is useful for tracking launches.",
        "That puppet state was created in 1932.",
        "Typical troll behaviour: ignore it and report it.",
        "Another clown show at the UN, with nothing decided.",
        "Our trash collection in Seoul is better organised than the talks.",
    ],
)
def test_the_same_nouns_for_things_pass(text):
    assert contempt.contempt_in(text) == ""


# Contempt for a whole people (forum/comments/groups.py) -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chinese people are all thieves and spies.",
        "Americans are nothing but spoiled, greedy cowards.",
        "Immigrants are a cancer on this country.",
        "The whole nation up there is a herd of mindless sheep.",
        "Those stinking foreigners ruin everything.",
        "Filthy Chinese people everywhere you look.",
        "Lazy, useless people.",
        "They keep breeding like rats.",
        "The Japanese are a race of war criminals.",
        "Muslims breed like rabbits.",
        "Gypsies are all thieves.",
        "What do you expect from savages.",
        "The Chinese are locusts stripping the planet.",
        "Filipinos are only good as maids.",
        "Africans have no culture.",
        "Koreans are a dishonest, inbred people.",
        "Those yellow rats never change.",
        "Every single immigrant is a criminal.",
        "Asians can't drive.",
        "Typical Jewish greed.",
        "Indians smell.",
        "Yellow-skinned monkey.",
        "You Koreans are all the same.",
        "The Chinese don't value human life, they're barely human.",
        "Japan is a nation of perverts.",
        "Southerners are a bunch of spoiled brats.",
    ],
)
def test_contempt_for_a_people_is_found(text):
    assert contempt.contempt_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "North Koreans are starving while the regime builds missiles.",
        "Defectors are often called traitors by the state media, which is cruel.",
        "Not all Chinese officials are liars, some of them want a deal.",
        "The Chinese economy is weak and Japanese exports are soft this quarter.",
        "A weak Chinese yuan helps Pyongyang's smugglers.",
        "North Korea is a nation of prisoners, and that is the tragedy.",
        "This is a herd of cattle on a cooperative farm near Kaesong.",
        "Swarms of locusts hit the harvest in 2021.",
        "These carp breed like rabbits in the reservoir.",
        "North Koreans are not slaves by nature; the regime made them prisoners.",
        "Defectors have no rights in China and are sent back.",
        "Koreans are victims of the division, on both sides.",
        "The Japanese are a proud people with a complicated history.",
        "Muslims in Korea are a small but growing community.",
        "Black markets in the North are called jangmadang.",
        "Brown rats were found in the tunnels, the memoir says.",
        "The Chinese race to the moon is another front of this cold war.",
        "North Koreans are not zombies; they are people under extraordinary pressure.",
        "North Korea is a nation of prisoners, and that is the tragedy.",
        "Koreans on both sides share more than the politicians admit.",
        "Typical government response: slow and vague.",
        "Filthy air in Beijing drives people to Seoul.",
        "Americans are all tired of this war, polls say.",
        "The regime wants its people to believe Americans are savages.",
        "State propaganda says Americans are animals; the museum is full of it.",
        'A politician called North Koreans "subhuman" and the backlash was huge.',
    ],
)
def test_descriptions_of_peoples_and_reported_contempt_pass(text):
    assert contempt.contempt_in(text) == "" and threats.threat_in(text) == ""


# Slurs the first lists lacked, and disguises with a letter or a separator in them ----------


@pytest.mark.parametrize(
    "text, found",
    [
        ("a bunch of zip-heads", "zip-heads"),
        ("the slopeheads up north", "slopeheads"),
        ("he's a g.o.o.k himself", "gook"),
        ("typical g 0 o k nonsense", "gook"),
        ("the j@ps again", "japs"),
        ("that sl4nt lies", "slant"),
        ("you dirty slant", "dirty slant"),
        ("filthy third-worlders", "third-worlders"),
        ("k y k e", "kyke"),
        ("wh@t a f@gg0t", "faggot"),
    ],
)
def test_more_slurs_are_found(text, found):
    assert slurs.slur_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "The article has a pro-Beijing slant.",
        "The ski slopes at Masikryong are a prestige project.",
        "Historians note that US troops used the word slope for friend and enemy alike.",
        "Japan and Korea share a long, painful history.",
        "A third-world economy with a first-world arsenal.",
    ],
)
def test_ordinary_senses_of_those_words_pass(text):
    assert slurs.slur_in(text) == ""


@pytest.mark.parametrize(
    "text, plain",
    [
        ("he's a g.o.o.k", "he's a gook"),  # a word before keeps its space
        ("g 0 o k", "gook"),  # look-alikes in spaced letters, joined as a known word
        ("1 2 3 and a 4 b", "1 2 3 and a 4 b"),  # numbers stay
        ("U.S. and e.g. stay", "u.s. and e.g. stay"),
        ("wh@t a f@gg0t", "what a faggot"),  # "t a f" between look-alikes is not spaced
    ],
)
def test_spaced_letters_are_joined_with_one_separator(text, plain):
    assert disguise.undisguise(text) == plain
