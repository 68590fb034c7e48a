"""The learnt abuse model: insults, threats and slurs by meaning, not by a list of words.

abuse_model.tsv gives each word piece of all-MiniLM-L6-v2's vocabulary a weight, learnt from
labelled comments (bench/triage/train_model.py says how, and `make abuse-model` retrains it).
A text's score is sigmoid(intercept + the mean weight of its pieces, among which count a few
pieces of an average civil weight so that a word or two alone is not read too boldly): a
logistic regression on the mean of the pieces' embeddings, folded into one number per
piece. Its reach beyond word lists comes from the embeddings: an insult the training
comments never used weighs as the insults near it in meaning.

A text longer than WINDOW pieces is read in windows (half overlapping), and its score is its
worst window's, so civil paragraphs do not dilute an insult entirely. Windows of WINDOW
pieces count as they are; a mean over fewer pieces is noisier, so windows of SHORT pieces
count only with stronger evidence (SHORT_DISCOUNT off their logit: 0.90 reads as 0.60).
Measured on long civil texts made of six civil comments of the test and holdout sets, and
an insult or threat amid six of them: 64 pieces alone hold 0.0% and 4.7%; 32 pieces alone
7.3% and 49.5%; both levels as here 0.7% and 23%. The patterns beside this model read the
whole text. The cost is the text's length in pieces; the table is read once per process.
"""

import math
import re
import threading
from functools import cache
from pathlib import Path

from forum.comments.wordpieces import UNKNOWN, WordPieces

TABLE = Path(__file__).with_name("abuse_model.tsv")
WINDOW = 64
ENGLISH_SHARE = 0.75
SHORT = 24
SHORT_DISCOUNT = math.log(0.90 / 0.10) - math.log(0.60 / 0.40)

# Markdown's emphasis, code and quotation marks: "**bold**" is not the "f**k" of the training
# comments (a masked word is also read back by forum/comments/disguise.py and scored so).
MARKUP = re.compile(r"[*_`~]+|^\s*[#>]+", re.MULTILINE)
# A number on its own says nothing of abuse, but its pieces ("##17") carry stray weights:
# every one reads as "0". Digits inside a word ("m0ron") stay, as disguise.py reads them.
NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,:]\d+)*(?![^\W\d_])")

_loading = threading.Lock()


class AbuseModel:
    """The weights of the pieces, the intercept, and a splitter for their vocabulary."""

    def __init__(self, weights, intercept, prior=0.0, prior_pieces=0):
        self.weights, self.intercept = weights, intercept
        # Every text counts `prior_pieces` pieces of weight `prior` besides its own.
        self.prior, self.prior_pieces = prior, prior_pieces
        self.unknown = weights[UNKNOWN]
        self.split = WordPieces(weights)

    @classmethod
    def read(cls, path=TABLE):
        """Read the table: its notes, then the intercept and the prior, then one piece and
        weight a line (pieces inside a word start with "##": the notes end at the intercept)."""
        with path.open(encoding="utf-8") as table:
            for line in table:
                if line.startswith("[INTERCEPT]\t"):
                    intercept = float(line.split("\t")[1])
                    break
            weights = dict(line.rstrip("\n").split("\t") for line in table)
        prior, prior_pieces = float(weights.pop("[PRIOR]")), int(weights.pop("[PRIOR_PIECES]"))
        weights = {piece: float(weight) for piece, weight in weights.items()}
        return cls(weights, intercept, prior, prior_pieces)

    def cuts(self, text):
        """Each word the model reads in `text` with its pieces: Markdown's marks left out,
        numbers read as 0."""
        return self.split.cuts(NUMBER.sub(" 0 ", MARKUP.sub(" ", text)))

    def pieces(self, text):
        """The word pieces the model reads in `text`."""
        return [piece for _, cut in self.cuts(text) for piece in cut]

    def score(self, text):
        """Return the probability (0 to 1) that `text` is abusive; 0 when it is not English."""
        cuts = self.cuts(text)
        if not _reads_english(cuts):
            return 0.0
        found = [self.weights.get(piece, self.unknown) for _, cut in cuts for piece in cut]
        if not found:
            return 0.0
        worst = self._worst_mean(found, WINDOW)
        if len(found) > WINDOW:
            worst = max(worst, self._worst_mean(found, SHORT) - SHORT_DISCOUNT)
        return 1.0 / (1.0 + math.exp(-(self.intercept + worst)))

    def _worst_mean(self, weights, size):
        """The highest mean over windows of `size` pieces (each half over the last)."""
        step, extra = size // 2, self.prior * self.prior_pieces
        starts = range(0, max(1, len(weights) - step), step)
        return max(
            (sum(window) + extra) / (len(window) + self.prior_pieces)
            for window in (weights[i : i + size] for i in starts)
        )


def _reads_english(cuts):
    """Whether most words are whole words of the (English) vocabulary.

    The model knows English only: German, French or Korean comes apart into pieces whose
    weights are noise ("Abschreckung funktioniert nur mit Glaubwürdigkeit." scored 0.94).
    Of the English comments of the sets and the training corpus, 2% have fewer than
    ENGLISH_SHARE of their words whole (mostly disguised slurs, which disguise.py reads back
    and are scored so); of the translations in locale/, 84-96% by language.
    """
    words = [cut for word, cut in cuts if word.isalpha()]
    if len(words) < 3:
        return True
    whole = sum(1 for cut in words if len(cut) == 1 and cut[0] != UNKNOWN)
    return whole >= ENGLISH_SHARE * len(words)


@cache
def model():
    """Return the model, reading its table on the first call (thread-safe, once)."""
    with _loading:
        return AbuseModel.read()


def abuse(text):
    """Return the learnt model's score of `text` (0 to 1)."""
    return model().score(text or "")
