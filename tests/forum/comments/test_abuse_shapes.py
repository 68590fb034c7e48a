"""The general shapes of abuse: violence said outright, doxxing, incitement, put-downs,
contempt for a people, and slurs the first lists lacked.

Each shape has abusive sentences written in other words than the evaluation sets' and the
civil sentences nearest to it that must pass: news of violence, history of a slur, "I'd kill
for a decent map", biology, "old men like me", contempt attributed to someone else.
"""

import pytest

from forum.comments import contempt, disguise, slurs, threats

# Violence said outright, incited, or wished on a group (forum/comments/violence.py) ---------


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to smash your skull in with a brick.",
        "Say that again and I'll break every bone in your body.",
        "We will snap his neck if he shows up here.",
        "Someone's going to put a knife in your back, and it might be me.",
        "One day somebody will put a bullet through his head.",
        "ur dead. remember that",
        "You're a dead man walking.",
        "By the time anyone notices you'll already be dead.",
        "Keep going and you'll wake up in a hospital bed.",
        "You won't walk away from it in one piece.",
        "You'd better hope we never meet.",
        "If I ever see you at the conference I'll break your jaw.",
        "You're lucky I'm not in Busan tonight.",
        "I will hunt you down.",
        "I'll be waiting outside your office on Monday.",
        "Let's see how tough you are then.",
        "Torch his house and see how brave he is then.",
        "Burn the paper's newsroom down with the staff inside.",
        "I'd love to see the journalist's car blown up.",
        "That commenter deserves a rope.",
        "The whole lot of them should be rounded up and shot.",
        "Every one of these traitors should be lined up and shot.",
        "Nuke the capital and let them all burn.",
        "Round them all up and put them in camps.",
        "Go kill yourself.",
        "Do everyone a favour, jump off a bridge.",
        "Somebody should drive to the consulate and open fire.",
        "Patriots, grab your rifles. It's time.",
        "If the courts won't stop him, someone should finish the job.",
        "Someone brave enough should just do it.",
        "Your kids go to school near here, right?",
        "Think about your family before you post again.",
        "Enjoy your last few weeks of writing.",
        "You'll be hearing from us.",
        "You'll find out what happens to traitors.",
        "Pretty daughter. Would be a pity if something happened to her.",
        "Write that again and I'll knock your teeth out.",
        "I'd pay to see the professor get his face smashed in.",
        "People like you end up in the river.",
        "This columnist should be dragged into the street and beaten up.",
        "Someone will make you disappear.",
        "Keep posting and you won't have fingers left to type with.",
        "I hope your whole family gets cancer.",
        "The only good commie is a dead commie.",
        "Time to take up arms against these infiltrators.",
        "Line every one of them up against a wall.",
        "They should all be sent to the gas chambers.",
        "Just wipe them out.",
        "Burn their villages to the ground.",
        "Say that to my face.",
        "Another word and I'm coming to your house with a bat.",
        "You'll be sorry when we turn up.",
        "I know your face now.",
        "Be careful on the way home tonight, professor.",
        "Your husband is going to get a visit.",
        "Nice flat. Shame if it caught fire.",
        "Somebody needs to silence this journalist for good.",
        "We'll find you and drag you into the street.",
        "Free helicopter rides for the lot of them.",
        "The day of the rope is coming.",
        "Kill every last one of those rats.",
        "Drop a nuke on them and be done with it.",
        "If I see you in Seoul you're leaving in an ambulance.",
        "Watch what happens to your car.",
        "You have no idea who you're messing with.",
        "I've been to your street. Nice quiet neighbourhood. For now.",
        "Your little girl walks home alone, doesn't she?",
        "The police should just shoot every protester.",
        "Hope a drone finds you.",
        "Bomb their consulate.",
        "Let's make her regret this article.",
        "Can someone find out which gym he goes to?",
        "Tell your kids goodbye.",
        "Publish again and your family pays.",
        "You're done. I'll make sure of it.",
        "They should have been nuked.",
        "Next time, check under your car first.",
        "People have disappeared for less than what you wrote.",
        "Somebody needs to visit this traitor with a baseball bat.",
        "One patriot with a gun could fix this newspaper.",
        "Shoot them at the border.",
        "If I had my way you would be hanging from a lamppost.",
        "The whole race should be sterilised.",
        "Maybe someone should visit you and explain things in person.",
        "Different story when someone knocks on your door at 2am.",
        "I know how to handle people like you.",
        "Think carefully about your next comment.",
        "Every journalist who pushes this should be tried for treason and shot.",
        "Turn the whole country into glass. Kids included, don't care.",
        "I sent your photo to some friends in the army.",
        "Your office is room 312, right? Just checking.",
        "I'd love five minutes alone with this author.",
        "One day we'll deal with them the old way.",
        "The commies here need curing with lead.",
    ],
)
def test_violence_incitement_and_harm_to_a_group_are_found(text):
    assert threats.threat_in(text)


@pytest.mark.parametrize(
    "text",
    [
        # News and history of violence: past tense, no "you", no wish or order.
        "The regime threatened to turn Seoul into a sea of fire, as it has since 1994.",
        "Troops were shot at the border last year, according to the defence ministry.",
        "He was found dead in his cell two days after the arrest.",
        "According to the defector, guards said they would break his legs if he tried again.",
        "The soldiers were rounded up and sent to labour camps, the UN report says.",
        "In 1950 villagers were rounded up and shot at No Gun Ri.",
        "Your daughter's school project on the DMZ sounds fascinating.",
        "The army vowed to hunt down the smugglers who crossed the river.",
        "Protesters burned down the party office in 1987, and the regime never forgot.",
        "A nuclear strike would kill every person in Seoul within minutes: that is deterrence.",
        "The US threatened to nuke Pyongyang in 1953, historians say.",
        "Pyongyang said Seoul would go up in flames if the drills continued.",
        # Idioms of ordinary speech.
        "I'd kill for a decent map of the launch sites.",
        "This argument is dead, the talks have been frozen since Hanoi.",
        "You're dead wrong about the sanctions data.",
        "You'll be dead before reunification happens, sadly.",
        "If you said that in Pyongyang you'd be dead within a week.",
        "The sanctions broke the back of the coal trade.",
        "Don't kill yourself over the details, the big picture is clear.",
        "Don't let them starve: the food aid must continue.",
        "Let them eat cake, the regime seems to say.",
        "Anyone brave enough to criticise the regime in Pyongyang ends up in a camp.",
        "Someone should fact-check this article before it goes to print.",
        "Round the figures up to the nearest thousand.",
        "Keep crying wolf and nobody will believe the next warning.",
        "You'll be hearing from me again when the report comes out.",
        "Enjoy your last few days in Seoul, the autumn is lovely.",
        "You are lucky I am not the editor, I'd cut this by half.",
        "The generals should be put on trial, not shot.",
        "Your kids will grow up in a safer world if this deal holds.",
        "The defector said she would never forget what happens to people who try to cross.",
        "Prisoners should not be tortured, whatever they did.",
        "I hope the bill dies in committee.",
        "Wipe the debt out and start again.",
        "If you visit Seoul you can be on the Han river in minutes.",
        "The old framework should be killed off and replaced.",
        "I would beat you at chess, but not at history.",
        "We'll deal with the problem once and for all at the next summit.",
        "I'm coming to your defence here: the critics misread the article.",
        "Be careful with the figures in the second table.",
        "The tour includes a helicopter ride over the DMZ.",
        "The inspectors will get a visit permit next month.",
        "A drone strike killed the commander, the Pentagon said.",
        "My kids walk home from school past the old air-raid shelter.",
        "I know your face from the TV panel, you were great.",
        "Nobody should be shot for watching a K-drama, yet that's the law there.",
        "The voters will make them pay at the ballot box.",
        "You're done? Good, then let me reply.",
        "The US should bomb the launch sites, some hawks argue.",
        "Check under your car before the winter, the salt eats the brakes.",
        "The regime makes people disappear for jokes about the leader.",
        "A man with a gun entered the embassy in 1983, the archive shows.",
        "Shoot me an email if you want the data.",
        "Dissidents were hanged from lampposts in the 1950s, historians record.",
        "If war comes, the whole region will suffer, kids included; that's why deterrence matters.",
        "I sent your article to some friends in the army; they found it interesting.",
        "Hey professor, is your office hour still on Tuesday?",
        "I'd love five minutes with this author to ask about the data.",
        "One day the people of the North will hold these collaborators to account in court.",
        "The generals should be tried and acquitted or convicted, not lynched by a mob.",
        # Quoted or reported.
        'Just to be accurate: guards told her "you\'ll die here like a dog".',
    ],
)
def test_news_idioms_and_reports_of_violence_pass(text):
    assert threats.threat_in(text) == ""


# Doxxing: personal data held over someone or handed out (forum/comments/doxxing.py) --------


@pytest.mark.parametrize(
    "text",
    [
        "I've saved your IP and your real name.",
        "We know your employer, and they'll hear about this.",
        "I've got your licence plate and your home address. Sleep well.",
        "Found his address, it's on the third floor.",
        "I've got the editor's wife's phone number right here.",
        "Someone post the author's home address so we can all say hello.",
        "Get this guy's phone number out there.",
        "Post your address if you're so brave.",
        "Let's find out where the moderator lives.",
        "Now you know where to go.",
        "We should pay the author a little visit.",
        "She drives home the same way every night.",
        "He walks the dog around 7.",
        "We have a list of everyone who wrote in favour.",
        "Here's his number, call him and tell him what you think.",
        "I'll share where he works.",
        "Everyone, flood her inbox.",
        "Let's flood him.",
        "The author's address is public record.",
        "I know what car you drive.",
        "Which school does your daughter go to again?",
        "I know where your sister works.",
        "I found your LinkedIn, your wife's Facebook and your address.",
        "His address is in his bio, go and tell him what you think.",
        "Your employer will be getting a copy of this thread.",
        "She takes the 7:40 bus from Suwon every morning.",
    ],
)
def test_doxxing_is_found(text):
    assert threats.threat_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The embassy's address is on the ministry's website if you want to send the petition.",
        "Please don't post anyone's address or phone number here, the mods will remove it.",
        "I know where the author works: Ajou University, it says so at the top.",
        "Give me your number one reason for optimism.",
        "I found your number on the spreadsheet wrong: it should be 2017.",
        "He goes out every night to listen to foreign radio, the defector said.",
        "The professor walks us through the history of the talks.",
        "We have a list of the sources at the end of the article.",
        "Post your sources if you want people to take you seriously.",
        "Find out where the money goes and you'll understand the programme.",
        "If you're ever in Seoul, pay the war museum a visit.",
        "Flood them with USB sticks of K-dramas, that's what scares Pyongyang.",
        "Here's his number one argument, and it's weak.",
        "You could contact her office to complain about the article.",
        "Send me your address and I'll post you the book, if you like.",
    ],
)
def test_addresses_and_routines_in_ordinary_sentences_pass(text):
    assert threats.threat_in(text) == ""


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
