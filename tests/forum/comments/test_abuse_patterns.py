"""The patterns the profanity model cannot learn: contempt, veiled threats, slurs, disguises.

Each rule has its abusive examples and the civil sentences nearest to it that must pass:
quotations in reporting, animals in a zoo, "I know where you're coming from".
"""

import pytest

from forum.comments import (
    contempt,
    disguise,
    reasons,
    scoring,
    slurs,
    threats,
    transitions,
    words,
)
from forum.models import Comment, ScoringPolicy, WordRule

# Disguises -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, plain",
    [
        ("you r*tard", "you retard"),  # a letter masked
        ("f**k off", "fuck off"),
        ("1diot", "idiot"),  # a look-alike first
        ("id.iot and mor_on", "idiot and moron"),  # a separator inside a word
        ("ch-inks", "chinks"),
        ("r . e . t . a . r . d", "retard"),  # spaced separators
        ("stuuupid idiooot, fooool", "stupid idiot, fool"),  # stretched letters
        ("\u0456d\u0456ot", "idiot"),  # Cyrillic "і" among Latin letters
        ("id\u200biot", "idiot"),  # a zero-width space
        ("g0oks", "gooks"),
        # Plain text stays as it is: formulas, hyphenated words, code, other scripts.
        ("np.diag(w**-0.5) and W_p", "np.diag(w**-0.5) and w_p"),
        ("anti-aircraft guns, re-elected, co-op", "anti-aircraft guns, re-elected, co-op"),
        ("snake_case and *emphasis* #hashtag", "snake_case and *emphasis* #hashtag"),
        ("Путин не идиот", "путин не идиот"),
        ("sooo good, www.example.org, zzz", "so good, www.example.org, zzz"),
        ("3rd test in 2017, $5000", "3rd test in 2017, $5000"),
    ],
)  # fmt: skip
def test_undisguise_reads_hidden_words_and_leaves_plain_text_alone(text, plain):
    assert disguise.undisguise(text) == plain


def test_outside_quotes_drops_quoted_words():
    assert disguise.outside_quotes('KCNA called him "a clown" again.') == "kcna called him   again."


@pytest.mark.django_db
def test_the_word_lists_see_through_disguises():
    WordRule.objects.create(phrase="shill", kind=WordRule.Kind.SUSPECT)
    assert words.word_lists("What a sh1ll.") == ([], ["shill"])
    assert words.word_lists("s h i l l") == ([], ["shill"])
    assert words.word_lists("Shilling for nobody.") == ([], [])


# Contempt aimed at a person --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        # An insult said to someone, with or without adjectives.
        ("Sit down, you pompous old windbag.", "you pompous old windbag"),
        ("Thanks for nothing, you numpty", "you numpty"),
        ("You absolute pillock, read the article", "you absolute pillock"),
        ("y0u cl0wn.", "you clown"),
        # Said of the reader, the writer or a commenter.
        ("You're a disgrace to this section.", "you're a disgrace"),
        ("You are nothing but a stooge for Beijing.", "you are nothing but a stooge"),
        ("Are you really such a buffoon?", "are you really such a buffoon"),
        ("The guy above is a complete charlatan.", "the guy above is a complete charlatan"),
        # A one-line verdict.
        ("Loser.", "loser"),
        ("Honestly. What a muppet!", "what a muppet"),
        # Mocking someone's mind, dismissing them.
        ("Your brain is smaller than a walnut.", "your brain is smaller than"),
        ("Thick as two short planks, this one.", "thick as two short planks"),
        ("Reading you made me lose brain cells.", "lose brain cells"),
        ("Shut up, you know nothing.", "shut up"),
        ("Nobody takes you seriously here.", "nobody takes you seriously"),
        ("Quit embarrassing yourself.", "quit embarrassing yourself"),
        # "People like you" with contempt, and insults of a kind.
        ("Cretins like you ruin every thread.", "cretins like you"),
        ("People like you make me sick.", "people like you make me sick"),
        ("Your kind are not welcome here.", "your kind are not welcome"),
    ],
)
def test_contempt_for_a_person_is_found(text, found):
    assert contempt.contempt_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        # Insulting words about things and events: criticism, not contempt for a person.
        "The summit was a joke and the declaration a disgrace.",
        "What a clown show that press conference was.",
        "The Sony hack was traced to Pyongyang.",
        "The article is a waste of a good headline.",
        # The same words not aimed at anyone, or part of a longer noun.
        "You fool no one by calling sanctions a success.",
        "Would you rat on a colleague to the Bowibu? Defectors say many did.",
        "You are a pig farmer's son, the profile says, and it shows in your good sense.",
        "You are right that the idiots in that 2017 exchange were the leaders, not us.",
        # Quotations in reporting.
        'Trump called Kim "a sick puppy" and Kim called him "a mentally deranged dotard".',
        'The statement said "you are a clown and a traitor" of the South Korean president.',
        # Idioms and praise.
        "Russia and North Korea are as thick as thieves now.",
        "People like you make this section worth reading.",
        "Thank you for the timeline, and thanks for your kind words.",
        "Get lost in the details and you miss the point about Yongbyon.",
        "Nobody asked for a new cold war, but here we are.",
        "Nobody asked you to agree, but thanks for the link.",
        "Rats! I missed the live stream of the briefing.",
    ],
)
def test_civil_comments_near_the_contempt_patterns_pass(text):
    assert contempt.contempt_in(text) == ""


# Veiled threats and dehumanising words -----------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("I know where you work.", "i know where you work"),
        ("We found out where your kids go to school", "we found out where your kids go"),
        ("I've got your home address.", "i've got your home address"),
        ("I'm watching you.", "i'm watching you"),
        ("You'd better watch your step.", "you'd better watch your step"),
        ("Watch yourself, writer.", "watch yourself"),
        ("Sleep with one eye open, writer.", "sleep with one eye open"),
        ("Accidents happen to people like you.", "accidents happen to people like you"),
        ("Shame if something happened to you.", "shame if something happened to you"),
        ("Something bad might happen to your car.", "something bad might happen to your"),
        ("You'll regret this.", "you'll regret this"),
        ("You will live to regret the day you wrote this", "you will live to regret the day"),
        ("You'll get what's coming to you", "what's coming to you"),
        ("We'll make you pay.", "we'll make you pay"),
        ("You won't be so smug for long.", "you won't be so smug for long"),
        ("Someone should teach you a lesson.", "someone should teach you a lesson"),
        ("Somebody needs to shut this guy up", "somebody needs to shut this guy up"),
        ("We could turn up at your door any night.", "turn up at your door"),
        ("That's the last article you'll ever write", "last article you'll ever write"),
    ],
)
def test_veiled_threats_are_found(text, found):
    assert threats.threat_in(text) == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("These commie parasites run the place.", "these commie parasites"),
        ("Those savages in Pyongyang", "those savages"),
        ("They are animals, all of them.", "they are animals"),
        ("These people are nothing but rats.", "these people are nothing but rats"),
        ("Refugees breed like rats.", "breed like rats"),
        ("Nuke them all.", "nuke them all"),
    ],
)
def test_dehumanising_a_group_is_found(text, found):
    assert threats.threat_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        # Where you work, live, come from: said kindly or about oneself.
        "I know where you're coming from, but the talks had already stalled.",
        "I don't know where you work, but the institute's figures are public anyway.",
        'The troll wrote "I know where you work" to a reporter; the paper went to the police.',
        # Accidents and regret in nuclear policy.
        "Accidents happen at ageing reactors like Yongbyon far more often than we are told.",
        "If something happens to you in Pyongyang, the Swedish embassy acts for US citizens.",
        "I think you'll regret this prediction when the talks resume.",
        "You will pay for this policy at the petrol pump, not in Pyongyang.",
        "We'd better watch the next parade closely.",
        "You'd better be careful with KCNA's figures, they are often revised.",
        "Someone should fact-check the professor; somebody should ask Seoul.",
        "Someone should deal with your point about inspections; it is the crux.",
        # Animals in a zoo, famine reporting, pity.
        "The animals at Pyongyang's Central Zoo are fed better than many people.",
        "Prisoners in the camps are treated like animals, defectors say.",
        "They like animals; the zoo is the most visited place in the city.",
        "They are like animals in a cage, those prisoners, the memoir says.",
        "We will find you a copy of the 1994 framework.",
        "Children in the north still suffer from intestinal worms and parasites.",
        "Kim should go back to the 1994 framework; go back to step one.",
    ],
)
def test_civil_comments_near_the_threat_patterns_pass(text):
    assert threats.threat_in(text) == ""


# Slurs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("Typical z1pperhead propaganda", "zipperhead"),
        ("These sp1cs again", "spics"),
        ("Bunch of tr@nnies writing here", "trannies"),
        ("What a retarded take.", "what a retarded"),
        ("Only an autist would count the missiles.", "an autist"),
        ("You dirty coon", "dirty coon"),
    ],
)
def test_slurs_are_found_in_disguise(text, found):
    assert slurs.slur_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "US soldiers used the slur gook for Koreans; the article should say so.",
        'I reported the comment that said "ch1nks"; please don\'t repeat it.',
        "Chronic malnutrition retarded the growth of a generation of children.",
        "As an autist myself, I found the missile tables very helpful.",
        "A raccoon dog is native to Korea, as is the Amur leopard.",
        "The Japanese ambassador spoke first.",
    ],
)
def test_slurs_mentioned_or_words_in_ordinary_sense_pass(text):
    assert slurs.slur_in(text) == ""


# The phases --------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPatternPhases:
    def test_contempt_the_score_holds_too_is_named_by_its_phrase(self, regular, thread):
        comment = transitions.comment_create(
            author=regular, thread=thread, body="Sit down, you windbag."
        )
        assert (comment.status, comment.hold_reason) == ("pending", "likely_abusive")
        assert comment.toxicity_score >= comment.toxicity_threshold
        assert reasons.hold_label(comment) == (
            f"Likely abusive: you windbag, {comment.toxicity_score:.2f} ≥ 0.60"
        )

    def test_contempt_is_held_as_likely_abusive_with_its_phrase_and_score(
        self, monkeypatch, regular, thread
    ):
        monkeypatch.setattr(scoring, "toxicity", lambda text: 0.12)  # what the models miss
        comment = transitions.comment_create(
            author=regular, thread=thread, body="Sit down, you windbag."
        )
        assert (comment.status, comment.hold_reason) == ("pending", "likely_abusive")
        assert comment.toxicity_score < comment.toxicity_threshold
        assert reasons.hold_label(comment) == "Likely abusive: you windbag"
        # The score is still shown: the pattern, not the model, held it.
        assert reasons.score_note(comment) == f"{comment.toxicity_score:.2f} < 0.60"
        assert "possibly abusive" in reasons.posted_message(comment)

    def test_a_slur_is_held_with_the_word(self, regular, thread):
        comment = transitions.comment_create(
            author=regular, thread=thread, body="These k1kes again."
        )
        assert (comment.status, comment.hold_reason) == ("pending", "likely_threat")
        assert reasons.hold_label(comment) == "Possible threat or dehumanising words: kikes"

    def test_the_mark_policy_does_not_hold_contempt(self, regular, thread):
        ScoringPolicy.objects.create(pk=1, action="mark", threshold=0.6)
        comment = transitions.comment_create(
            author=regular, thread=thread, body="Sit down, you windbag."
        )
        assert comment.status == Comment.Status.PUBLISHED

    def test_the_reject_policy_holds_contempt_rather_than_refusing_it(
        self, monkeypatch, regular, thread
    ):
        # Contempt the models miss: a pattern alone holds, and never refuses.
        monkeypatch.setattr(scoring, "toxicity", lambda text: 0.12)
        ScoringPolicy.objects.create(pk=1, action="reject", threshold=0.6)
        comment = transitions.comment_create(
            author=regular, thread=thread, body="Sit down, you windbag."
        )
        assert (comment.status, comment.hold_reason) == ("pending", "likely_abusive")

    def test_scoring_switched_off_holds_neither(self, settings, regular, thread):
        settings.TOXICITY_SCORING = False
        for body in ("Sit down, you windbag.", "These k1kes again."):
            comment = transitions.comment_create(author=regular, thread=thread, body=body)
            assert comment.status == Comment.Status.PUBLISHED

    def test_the_desk_shows_why(self, client_as, moderator, regular, thread):
        transitions.comment_create(author=regular, thread=thread, body="You tedious git.")
        page = client_as(moderator).get("/moderation/").content.decode()
        assert "Likely abusive: you tedious git" in page
