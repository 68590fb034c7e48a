"""The patterns the profanity model cannot learn: contempt, veiled threats, slurs, disguises.

Each rule has its abusive examples and the civil sentences nearest to it that must pass:
quotations in reporting, animals in a zoo, "I know where you're coming from".
"""

import pytest

from forum.comments import disguise, reasons, slurs, threats, transitions, words
from forum.models import Comment, WordRule

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
    def test_a_slur_is_held_with_the_word(self, regular, thread):
        comment = transitions.comment_create(
            author=regular, thread=thread, body="These k1kes again."
        )
        assert (comment.status, comment.hold_reason) == ("pending", "likely_threat")
        assert reasons.hold_label(comment) == "Possible threat or dehumanising words: kikes"

    def test_scoring_switched_off_holds_neither(self, settings, regular, thread):
        settings.TOXICITY_SCORING = False
        comment = transitions.comment_create(
            author=regular, thread=thread, body="These k1kes again."
        )
        assert comment.status == Comment.Status.PUBLISHED
