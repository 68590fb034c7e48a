"""The labelled evaluation set of the moderation phases (bench/triage/, make bench-triage)."""

import pytest

from bench.triage import evaluate


def test_the_set_has_400_comments_of_every_kind_split_in_two_halves():
    sets = evaluate.load()
    assert set(sets) == set(evaluate.CIVIL + evaluate.ABUSIVE + evaluate.SPAM)
    assert sum(len(tuning) + len(report) for tuning, report in sets.values()) >= 400
    for tuning, report in sets.values():
        assert len(tuning) >= 12 and len(report) >= 12
        assert not set(tuning) & set(report)


@pytest.mark.django_db
def test_the_default_setup_holds_most_abusive_and_few_civil_comments_held_out():
    recall, false_rate, precision, held = evaluate.figures(
        {kind: report for kind, (_, report) in evaluate.load().items()}
    )
    # The measured figures (docs/moderation-scoring.md) with a margin: a change that makes the
    # phases markedly worse on the held-out half fails here.
    assert recall >= 0.6 and false_rate <= 0.05 and precision >= 0.9


@pytest.mark.parametrize("name", ["fresh", "test", "holdout", "final"])
def test_each_other_author_s_set_has_every_kind_one_comment_a_line(name):
    found = evaluate.load_folder(name)
    assert sum(len(found[kind]) for kind in evaluate.CIVIL) >= 190
    assert sum(len(found[kind]) for kind in evaluate.ABUSIVE) >= 120
    for texts in found.values():
        assert all(15 <= len(text) <= 400 for text in texts)


def test_the_learnt_model_never_trains_on_the_validation_or_final_sets():
    from bench.triage import train_model

    civil, abusive = train_model.training_comments()
    assert len(civil) >= 700 and len(abusive) >= 600
    judged = {
        text
        for name in ("test", "holdout", "final")
        for texts in evaluate.load_folder(name).values()
        for text in texts
    }
    assert not judged & set(civil + abusive)


@pytest.mark.django_db
def test_the_default_setup_meets_the_goal_on_the_validation_sets():
    test, holdout = evaluate.load_folder("test"), evaluate.load_folder("holdout")
    recall, false_rate, _, _ = evaluate.figures({k: test[k] + holdout[k] for k in test})
    # Measured 90.8% and 2.1% (docs/moderation-scoring.md); the goal is 80% and 5%.
    assert recall >= 0.85 and false_rate <= 0.05
