"""Measure the default moderation phases on the labelled evaluation set (make bench-triage).

The set is bench/triage/*.txt: one comment a line, one file per kind, all written for this
benchmark in the subject of the seed article (North Korea's nuclear programme). Civil kinds:
civil disagreement, sharp but fair criticism, quotations of offensive words in reporting.
Abusive kinds: insults, threats, disguised slurs. Spam is counted apart.

Each file is split in two by line: the even lines are the tuning half (the threshold sweep
below and the patterns of forum/comments/ were written looking at it), the odd lines the
held-out half (seen since: see docs/moderation-scoring.md). The fresh set by another author
(bench/triage/fresh/) was the honest figure until the rules were widened looking at it. Both
are now also training data of the learnt abuse model (bench/triage/train_model.py), so their
figures are the training figures. The test set (bench/triage/test/, by a third author) and the
holdout set (bench/triage/holdout/, by a fourth) were the honest figure until the learnt model
was chosen looking at their figures; they are the validation sets now. The final set
(bench/triage/final/, by a fifth author, 400 comments) was measured once, after the model and
its windows were settled: THE HONEST FIGURE. Only the figures of these three are printed,
never their comments, so that running the benchmark does not show anyone what they judge.
The content phases run as in production (forum.comments.phases), for an established member
(no new-member or link hold) and, for spam, also for a member whose links are still held; the
word lists start empty.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings_test")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from forum.comments import phases, scoring, trust  # noqa: E402
from forum.models import ScoringPolicy  # noqa: E402

HERE = Path(__file__).resolve().parent
CIVIL = ("civil", "sharp", "reporting")
ABUSIVE = ("insults", "threats", "slurs")
SPAM = ("spam", "spam_nolinks")
# The phases that read the text; the others read the author and the thread.
CONTENT_PHASES = (
    phases.refuse_banned_words,
    phases.score_toxicity,
    phases.hold_threats,
    phases.hold_slurs,
    phases.hold_contempt,
    phases.hold_suspect_words,
    phases.hold_links_from_new_members,
)


class Sample(phases.Submission):
    """A submission with what the database would say preset: no word lists, a fixed policy."""

    def __init__(self, body, *, published, threshold):
        super().__init__(author=SimpleNamespace(), thread=SimpleNamespace(), body=body)
        member = published >= settings.LINKS_TRUSTED_AFTER_COMMENTS
        self.__dict__.update(
            words=([], []),
            history=trust.History(published=published),
            level=trust.Level.MEMBER if member else trust.Level.NEW,
            policy=ScoringPolicy(action=ScoringPolicy.Action.HOLD, threshold=threshold),
        )


def load():
    """Return {kind: (tuning half, held-out half)}."""
    sets = {}
    for kind in CIVIL + ABUSIVE + SPAM:
        lines = (HERE / f"{kind}.txt").read_text(encoding="utf-8").splitlines()
        texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        sets[kind] = (texts[0::2], texts[1::2])
    return sets


def load_folder(name):
    """Return {kind: texts} of the set in bench/triage/<name>/, every line reported on."""
    folder = HERE / name
    return {
        kind: [line.strip() for line in (folder / f"{kind}.txt").read_text().splitlines()]
        for kind in CIVIL + ABUSIVE
    }


def print_figures(title, half, threshold):
    """Print the figures of the default setup on `half` ({kind: texts}); return whether
    they meet the goal."""
    recall, false_rate, precision, held = figures(half)
    print(f"\n{title}, default setup (threshold {threshold:.2f}, hold):")
    for kind in CIVIL + ABUSIVE:
        print(f"  {kind:10} held {held[kind]:3} of {len(half[kind])}")
    print(f"  precision {precision:.1%}  recall (abusive held) {recall:.1%}  "
          f"false holds on civil comments {false_rate:.1%}")  # fmt: skip
    goal = recall >= 0.80 and false_rate <= 0.05
    print(f"  goal (>= 80% abusive held, <= 5% civil held): {'MET' if goal else 'NOT MET'}")
    return goal


def stopped(text, *, published=99, threshold=None):
    """Return the verdict of the content phases, or None when they publish the text."""
    sample = Sample(text, published=published, threshold=threshold or settings.TOXICITY_THRESHOLD)
    return next(filter(None, (phase(sample) for phase in CONTENT_PHASES)), None)


def figures(half, *, threshold=None):
    """Return (recall, false-hold rate, precision, held per kind) on one half of the set."""
    held = {
        kind: sum(stopped(text, threshold=threshold) is not None for text in half[kind])
        for kind in CIVIL + ABUSIVE
    }
    abusive = sum(len(half[k]) for k in ABUSIVE)
    civil = sum(len(half[k]) for k in CIVIL)
    true, false = sum(held[k] for k in ABUSIVE), sum(held[k] for k in CIVIL)
    precision = true / (true + false) if true + false else 1.0
    return true / abusive, false / civil, precision, held


def main():
    sets = load()
    tuning = {kind: halves[0] for kind, halves in sets.items()}
    report = {kind: halves[1] for kind, halves in sets.items()}
    every = [text for halves in sets.values() for half in halves for text in half]
    started = time.perf_counter()
    scoring.model()
    print(f"Model loaded in {time.perf_counter() - started:.1f} s (once per process).")
    print(f"Set: {len(every)} comments; tuning half {sum(map(len, tuning.values()))}, "
          f"held-out half {sum(map(len, report.values()))}.\n")  # fmt: skip

    print("Threshold sweep on the TUNING half (recall of abusive / civil held):")
    sweep = {}
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        sweep[threshold] = figures(tuning, threshold=threshold)[:2]
        print(f"  {threshold:.2f}: {sweep[threshold][0]:6.1%} / {sweep[threshold][1]:5.1%}")
    meeting = [
        t for t, (recall, false_rate) in sweep.items() if recall >= 0.8 and false_rate <= 0.05
    ]
    # The fewest civil holds among the thresholds that meet the goal on the tuning half.
    chosen = min(meeting, key=lambda t: (sweep[t][1], -t)) if meeting else None
    print(
        f"  chosen on the tuning half: {chosen if chosen is None else f'{chosen:.2f}'}; "
        f"the site's default (TOXICITY_THRESHOLD) is {settings.TOXICITY_THRESHOLD:.2f}"
    )

    threshold = settings.TOXICITY_THRESHOLD
    print_figures("HELD-OUT half (seen while the rules were written; training data of the "
                  "learnt model)", report, threshold)  # fmt: skip
    fresh = load_folder("fresh")
    print_figures("FRESH set (bench/triage/fresh/: another author; a development set and "
                  "training data of the learnt model)", fresh, threshold)  # fmt: skip
    test = load_folder("test")
    print_figures("TEST set (bench/triage/test/: a third author; validation)",
                  test, threshold)  # fmt: skip
    holdout = load_folder("holdout")
    print_figures("HOLDOUT set (bench/triage/holdout/: a fourth author; validation)",
                  holdout, threshold)  # fmt: skip
    validation = {kind: test[kind] + holdout[kind] for kind in CIVIL + ABUSIVE}
    print_figures("TEST and HOLDOUT together (two authors who never saw the rules; the "
                  "validation sets of the learnt model)", validation, threshold)  # fmt: skip
    final = load_folder("final")
    print_figures("FINAL set (bench/triage/final/: a fifth author, measured once the model was "
                  "settled: THE HONEST FIGURE)", final, threshold)  # fmt: skip

    for kind in SPAM:
        texts = report[kind]
        as_member = sum(stopped(t) is not None for t in texts)
        as_newish = sum(stopped(t, published=0) is not None for t in texts)
        print(f"  {kind:12} held {as_member} of {len(texts)} from an established member, "
              f"{as_newish} from a member whose links are held")  # fmt: skip

    print("\nAbusive comments of the held-out half that pass (what the rules miss):")
    for kind in ABUSIVE:
        for text in report[kind]:
            if stopped(text) is None:
                print(f"  [{kind}] {scoring.toxicity(text):.2f}  {text}")
    print("\nAbusive comments of the fresh set that pass:")
    for kind in ABUSIVE:
        for text in fresh[kind]:
            if stopped(text) is None:
                print(f"  [{kind}] {scoring.toxicity(text):.2f}  {text}")
    print("\nCivil comments of the fresh set that are held:")
    for kind in CIVIL:
        for text in fresh[kind]:
            if (verdict := stopped(text)) is not None:
                print(f"  [{kind}] {verdict.hold_reason} {scoring.toxicity(text):.2f}  {text}")
    print("\nCivil comments of the held-out half that are held:")
    for kind in CIVIL:
        for text in report[kind]:
            if (verdict := stopped(text)) is not None:
                print(f"  [{kind}] {verdict.hold_reason} {scoring.toxicity(text):.2f}  {text}")

    timings, model_timings = [], []
    for text in every:
        started = time.perf_counter()
        stopped(text)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        scoring.toxicity(text)
        model_timings.append(time.perf_counter() - started)
    phases_ms = statistics.median(timings) * 1000
    score_ms = statistics.median(model_timings) * 1000
    print(f"\nMedian in-process time per comment: content phases {phases_ms:.2f} ms "
          f"(the score alone {score_ms:.2f} ms), over {len(every)} comments.")  # fmt: skip


if __name__ == "__main__":
    main()
