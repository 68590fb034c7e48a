"""Harm aimed at a person by the grammar of a threat (forum/comments/harm.py).

Written apart from the evaluation sets: a speaker, a verb of injury and a person; a person
who will be or should be hurt; an order; blood, graves and bodies promised. The civil
sentences nearest to them are contests, messages, arguments taken apart, policies "killed"
and reports of violence.
"""

import pytest

from forum.comments import threats


@pytest.mark.parametrize(
    "text",
    [
        "I'm gonna finish you, mate.",
        "We will personally hunt down the editor.",
        "I'd happily kneecap the columnist.",
        "I want to strangle this writer.",
        "I'll make him scream for mercy.",
        "We'll visit your daughter next.",
        "Someone will put you in a wheelchair.",
        "I'd knock that smirk right off his face.",
        "You're going to get knifed one of these days.",
        "Snitches like her end up buried.",
        "The reporter should be roughed up.",
        "Let's lynch the professor.",
        "Just shoot the commenter.",
        "Ambush her on her way home.",
        "Plant a device under his car.",
        "We should storm their newsroom.",
        "String them up and hang the editor from a lamppost.",
        "Her blood will run in the gutter.",
        "Pay with your life.",
        "There's a rope with his name on it.",
        "They'll find her body in the reservoir.",
        "Traitors get the bullet.",
        "You're next.",
        "Better start running.",
        "Your own mother won't recognise you.",
        "They'll identify you by your dental records.",
        "Loading my rifle right now.",
        "You're going down.",
        "I'd run him over twice.",
        "We'll rough her up a bit.",
        "Time to do a Khashoggi on the columnist.",
        "Slip some polonium in his coffee.",
        "A drop of novichok on her door handle would fix this.",
        "Ship him to a gulag.",
        "Let her rot.",
        "The editor deserves to be fed to the sharks.",
        "Traitors get the firing squad treatment.",
        "Somebody should buy him a ticket to Pyongyang and the firing squad.",
        "His brakes might have a little accident.",
        "Your children will make lovely orphans.",
        "We'll make your wife a widow.",
        "You'll end up like Kim Jong-nam.",
    ],
)
def test_harm_aimed_at_a_person_is_found(text):
    assert threats.threat_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll destroy your argument in three points.",
        "We'll beat you in the next election.",
        "I'd crush you at chess, but not at Go.",
        "I'll bury you with sources if you like.",
        "I'd shoot him an email if I had his address.",
        "I'll shoot you a message after the seminar.",
        "Let's kill the deal before it hurts the alliance.",
        "The strike would destroy the programme in hours.",
        "I'd love to punch holes in this theory.",
        "I'll break down the numbers below.",
        "Beat me to it, I was about to post the link.",
        "The general was executed by firing squad in 2013.",
        "Police found his body in the river in 2017.",
        "She was stabbed in the back by her own party.",
        "The regime will make an example of the defector's family, as it always does.",
        "We should torch this policy and start again.",
        "You're going down the wrong path with this analysis.",
        "The next speaker is you, Min-ji, and you're next in line.",
        "The won is going down again.",
        "The army will be crushed if it crosses the line, analysts say.",
        "I want to see the journalist's sources, that's all.",
        "He bought a rifle for hunting in the 1980s, the profile says.",
        "I'll take you out for dinner when you visit Seoul.",
        "I'll run you through the figures tomorrow.",
        "Kim Jong-nam was killed with VX nerve agent at Kuala Lumpur airport in 2017.",
        "His uncle faced a firing squad in 2013, the reports said.",
        "The regime sends dissidents to labour camps for decades.",
        "The rumour that Jang was fed to dogs was never confirmed.",
        "Hyon Yong-chol was reportedly executed with an anti-aircraft gun.",
        "The story does a number on the government's credibility.",
        "Polonium was found in Litvinenko's tea in 2006.",
    ],
)
def test_contests_messages_and_reports_of_violence_pass(text):
    assert threats.threat_in(text) == ""
