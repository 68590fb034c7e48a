"""The learnt abuse model: its word pieces, its scores, and its place in the toxicity score.

The comments here are invented for these tests; none is in the training corpus or in an
evaluation set.
"""

import math

import pytest

from forum.comments import abuse_model, scoring
from forum.comments.wordpieces import UNKNOWN, WordPieces, words

# What the `tokenizers` package's BertWordPiece tokenizer (all-MiniLM-L6-v2's tokenizer.json)
# makes of each text, without [CLS] and [SEP].
REFERENCE_CUTS = {
    "Café naïve façade: Pyongyang's ICBMs!!": [
        "cafe", "naive", "facade", ":", "p", "##yon", "##gy", "##ang", "'", "s", "ic", "##bm",
        "##s", "!", "!",
    ],
    "北朝鮮 核兵器 and 한국어 text": [
        "北", "朝", UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, "and", "ᄒ", "##ᅡ", "##ᆫ", "##ᄀ", "##ᅮ",
        "##ᆨ", "##ᄋ", "##ᅥ", "text",
    ],
    "f.u.c.k y0u r3tard": [
        "f", ".", "u", ".", "c", ".", "k", "y", "##0", "##u", "r", "##3", "##tar", "##d",
    ],
    "zero\u200bwidth\u00a0space\ttab\nline": [
        "zero", "##wi", "##dt", "##h", "space", "tab", "line",
    ],
    "🙂 emoji 😡 Ünïcödé": [UNKNOWN, "em", "##oj", "##i", UNKNOWN, "unicode"],
    'KCNA\'s "sea of fire" (2017) #NK @user https://x.com/a?b=1': [
        "kc", "##na", "'", "s", '"', "sea", "of", "fire", '"', "(", "2017", ")", "#", "nk", "@",
        "user", "https", ":", "/", "/", "x", ".", "com", "/", "a", "?", "b", "=", "1",
    ],
    "antidisestablishmentarianism unbelievably": [
        "anti", "##dis", "##est", "##ab", "##lish", "##ment", "##arian", "##ism", "un", "##bel",
        "##ie", "##va", "##bly",
    ],
    "x" * 101: [UNKNOWN],
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ": [UNKNOWN, UNKNOWN],
    "ßtraße İstanbul": ["ß", "##tra", "##ße", "istanbul"],
}  # fmt: skip

THRESHOLD = 0.60  # the site's default (TOXICITY_THRESHOLD)

# Insults and threats with no swear word, which no word list of ours names.
ABUSE = [
    "Honestly you have the reasoning skills of a damp sponge, go back to colouring books.",
    "Nobody asked for your opinion, you pathetic little clown.",
    "The writer is a spineless hack who should be ashamed to draw a salary.",
    "Keep talking like that and somebody will pay your house a visit tonight.",
    "Your kind ruins every thread, crawl back under whatever rock you came from.",
]
CIVIL = [
    "I think the sanctions have failed, but I am not sure what would replace them.",
    "This analysis skips the 1994 Agreed Framework entirely, which seems a big omission.",
    "The regime's threats are theatre; the missiles, sadly, are real.",
    "Thank you for the sources at the end, the Hecker interviews were new to me.",
    "My grandmother fled the North in 1950 and never saw her brother again.",
]


def test_the_pieces_are_those_of_the_model_s_own_tokenizer():
    split = abuse_model.model().split
    for text, expected in REFERENCE_CUTS.items():
        assert split(text) == expected, text


def test_splitting_looks_a_word_up_a_bounded_number_of_times_per_character():
    class Counting(dict):
        lookups = 0

        def __contains__(self, piece):
            Counting.lookups += 1
            return super().__contains__(piece)

    vocabulary = Counting(abuse_model.model().weights)
    text = "qzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzxqzx " * 140
    WordPieces(vocabulary)(text)
    # Every distinct word is cut once (remembered after), at most 25 lookups a character.
    assert Counting.lookups <= 25 * len(text.split()[0])
    assert words("Don't!") == ["don", "'", "t", "!"]


def test_the_table_holds_the_whole_vocabulary_and_its_provenance():
    model = abuse_model.model()
    assert len(model.weights) > 29_000 and UNKNOWN in model.weights
    header = abuse_model.TABLE.read_text(encoding="utf-8").splitlines()[:6]
    assert any("all-MiniLM-L6-v2" in line for line in header)
    assert any("trained on" in line for line in header)


def test_the_model_is_read_once_per_process():
    assert abuse_model.model() is abuse_model.model()


@pytest.mark.parametrize("text", ABUSE)
def test_insults_and_threats_without_swearing_score_past_the_threshold(text):
    assert abuse_model.abuse(text) >= THRESHOLD


@pytest.mark.parametrize("text", CIVIL)
def test_civil_comments_score_under_the_threshold(text):
    assert abuse_model.abuse(text) < THRESHOLD


def test_short_windows_dilute_an_insult_hidden_in_a_long_civil_text_less():
    civil = " ".join(CIVIL * 8)  # about 600 pieces
    model = abuse_model.model()
    assert model.score(civil) < 0.2
    for insult in ABUSE:
        hidden = f"{civil} {insult} {civil}"
        found = [model.weights.get(piece, model.unknown) for piece in model.pieces(hidden)]
        one_level = model._worst_mean(found, abuse_model.WINDOW)
        assert model.score(hidden) > 1 / (1 + math.exp(-(model.intercept + one_level)))
    # In part only (docs/moderation-scoring.md has the measured rates): some still pass.
    assert any(model.score(f"{civil} {insult} {civil}") >= THRESHOLD for insult in ABUSE)


def test_markdown_emphasis_is_not_read_as_masked_swearing():
    model = abuse_model.model()
    assert model.pieces("A **bold** _word_ and `code`") == model.pieces("A bold word and code")


@pytest.mark.parametrize(
    "text",
    [
        "Abschreckung funktioniert nur mit Glaubwürdigkeit.",
        "북한의 핵 전략은 억지력에 기반한다는 점이 분명하다",
        "La disuasión solo funciona si es creíble y constante.",
    ],
)
def test_text_that_is_not_english_is_not_read(text):
    assert abuse_model.abuse(text) == 0.0


def test_disguised_english_is_still_read():
    assert abuse_model.abuse("ur a dumb g00k, go back h0me") >= THRESHOLD


def test_nothing_to_read_scores_nothing():
    assert abuse_model.abuse("") == 0.0
    assert abuse_model.abuse("   \u200b ") == 0.0


def test_the_toxicity_score_is_the_higher_of_the_two_models():
    insult = ABUSE[0]
    assert scoring.model().score(insult) < THRESHOLD <= abuse_model.abuse(insult)
    assert scoring.toxicity(insult) == round(abuse_model.abuse(insult), 2)
    swearing = "What a fucking shitshow."
    assert scoring.toxicity(swearing) == round(
        max(scoring.model().score(swearing), abuse_model.abuse(swearing)), 2
    )
