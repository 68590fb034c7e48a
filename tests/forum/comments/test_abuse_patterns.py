"""The patterns the profanity model cannot learn: contempt, veiled threats, slurs, disguises.

Each rule has its abusive examples and the civil sentences nearest to it that must pass:
quotations in reporting, animals in a zoo, "I know where you're coming from".
"""

import pytest

from forum.comments import disguise, words
from forum.models import WordRule

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


