"""The local toxicity score of a comment's text: a package's model and our learnt one.

`alt-profanity-check` ships a TF-IDF vectoriser and a calibrated linear SVM (five folds, each
with a sigmoid calibration). The package loads both when it is imported, which takes
seconds, so it is imported on the first score, once per process, never when Django starts.
Its own `predict_prob` goes through scikit-learn's checks for every call (about 14 ms here);
`LinearToxicity` folds the five calibrated folds into one sparse product and gives the same
probabilities, in well under a millisecond after the vectoriser. No network is used.
"""

import importlib
import threading
from functools import cache

import numpy as np

from forum.comments.abuse_model import abuse
from forum.comments.abuse_model import model as abuse_model
from forum.comments.disguise import undisguise, without_quotes

# Fewer characters than this outside quotation marks: the quotation is the comment.
_LEAST_UNQUOTED = 20

_loading = threading.Lock()


class LinearToxicity:
    """The package's model as arithmetic: mean over folds of sigmoid(a * (x·w + c) + b)."""

    def __init__(self, vectorizer, calibrated):
        self.vectorizer = vectorizer
        folds = calibrated.calibrated_classifiers_
        self.weights = np.column_stack([f.estimator.coef_.ravel() for f in folds])
        self.intercepts = np.array([f.estimator.intercept_[0] for f in folds])
        self.slopes = np.array([f.calibrators[0].a_ for f in folds])
        self.offsets = np.array([f.calibrators[0].b_ for f in folds])

    def score(self, text):
        """Return the probability (0 to 1) that `text` is abusive."""
        features = self.vectorizer.transform([text])
        decision = features @ self.weights + self.intercepts
        return float(np.mean(1.0 / (1.0 + np.exp(self.slopes * decision + self.offsets))))


@cache
def model():
    """Return the toxicity model, loading it on the first call (thread-safe, once)."""
    with _loading:
        # Imported here on purpose: the package reads its model files at import (seconds).
        package = importlib.import_module("profanity_check.profanity_check")
        return LinearToxicity(package.vectorizer, package.model)


def load():
    """Load both models now: the servers' entry points call it before their first post."""
    model()
    abuse_model()


def toxicity(text):
    """Return the toxicity score of `text`, rounded to two decimals as the desk shows it.

    It is the higher of two models' scores: the package's, which knows swearing, and the
    learnt abuse model (forum/comments/abuse_model.py), which knows insults and threats
    without swear words. Both are calibrated so that the site's threshold means the same.

    The text is scored as written and, when it hides words ("r3tard", "f.a.g"), as it reads
    undisguised; the higher score counts. What it puts inside quotation marks is left out
    (KCNA called him "a stupid old man" reports an insult, as the patterns already read it),
    unless the quotation is nearly all there is.
    """
    text = text or ""
    if len(unquoted := without_quotes(text).strip()) >= _LEAST_UNQUOTED:
        text = unquoted
    score = max(model().score(text), abuse(text))
    if (plain := undisguise(text)) != text.casefold():
        score = max(score, model().score(plain), abuse(plain))
    return round(score, 2)
