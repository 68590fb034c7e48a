"""The local toxicity score: the model, the scoring phase and what the site does with a score."""

import subprocess
import sys

import pytest
from profanity_check import predict_prob

from forum.comments import disguise, reasons, scoring, threats, transitions
from forum.errors import CommentRefused
from forum.models import Comment, ModerationAction, ScoringPolicy
from forum.notices import deciding
from forum.refusals import Code

ABUSIVE = "You are a fucking moron, shut your stupid mouth."
CIVIL = "I disagree with the article: the talks were stalling well before Hanoi."


# The model ---------------------------------------------------------------------------------


def test_the_folded_model_gives_the_package_s_own_probabilities():
    texts = [ABUSIVE, CIVIL, "Get lost, you brain-dead fool.", "Thanks for the timeline."]
    folded = [scoring.model().score(text) for text in texts]
    assert folded == pytest.approx(list(predict_prob(texts)), abs=1e-9)


def test_abusive_text_scores_high_and_civil_text_low():
    assert scoring.toxicity(ABUSIVE) >= 0.8
    assert scoring.toxicity(CIVIL) < 0.2


def test_the_model_is_loaded_once_per_process():
    assert scoring.model() is scoring.model()


def test_starting_django_does_not_load_the_model():
    code = (
        "import django, sys; django.setup();"
        "import forum.urls, forum.comments.transitions;"
        "print('profanity_check' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "forum.settings_test", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"


# The phase ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestScoringPhase:
    def test_an_abusive_comment_is_held_with_its_score_and_threshold(self, regular, thread):
        comment = transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING
        assert comment.hold_reason == Comment.HoldReason.LIKELY_ABUSIVE
        assert comment.toxicity_score >= 0.8 and comment.toxicity_threshold == 0.6
        score = f"{comment.toxicity_score:.2f}"
        # The contempt pattern names what the score held.
        assert reasons.hold_label(comment) == (
            f"Likely abusive: you are a fucking moron, {score} ≥ 0.60"
        )
        assert "held for review" in reasons.posted_message(comment)
        assert "automatic check" in reasons.posted_message(comment)

    def test_a_civil_comment_is_published_with_its_score(self, regular, thread):
        comment = transitions.comment_create(author=regular, thread=thread, body=CIVIL)
        assert comment.status == Comment.Status.PUBLISHED
        assert comment.toxicity_score < 0.2 and comment.toxicity_threshold == 0.6
        assert reasons.score_note(comment) == f"{comment.toxicity_score:.2f} < 0.60"

    def test_a_new_member_s_abusive_comment_is_held_as_abusive(self, member, thread):
        comment = transitions.comment_create(author=member, thread=thread, body=ABUSIVE)
        assert comment.hold_reason == Comment.HoldReason.LIKELY_ABUSIVE

    def test_moderators_are_not_scored(self, moderator, thread):
        comment = transitions.comment_create(author=moderator, thread=thread, body=ABUSIVE)
        assert comment.status == Comment.Status.PUBLISHED and comment.toxicity_score is None

    def test_the_reject_policy_refuses_and_keeps_the_text_for_moderators(self, regular, thread):
        ScoringPolicy.objects.create(pk=1, action="reject", threshold=0.8)
        with pytest.raises(CommentRefused) as refused:
            transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        assert refused.value.code == Code.LIKELY_ABUSIVE
        assert "Your text is still here" in str(refused.value)
        kept = Comment.objects.get(author=regular, body=ABUSIVE)
        assert kept.status == Comment.Status.REJECTED
        assert kept.rejection_reason == "likely_abusive" and kept.toxicity_score >= 0.8
        assert reasons.rejection_reason_label(kept.rejection_reason) == (
            "Likely abusive (automatic score)"
        )

    def test_the_mark_policy_publishes_and_the_desk_shows_the_mark(self, regular, thread):
        ScoringPolicy.objects.create(pk=1, action="mark", threshold=0.8)
        comment = transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        assert comment.status == Comment.Status.PUBLISHED
        assert reasons.score_note(comment).startswith("likely abusive, ")

    def test_a_higher_threshold_lets_the_comment_through(self, regular, thread):
        ScoringPolicy.objects.create(pk=1, action="hold", threshold=1.0)
        # Swearing at an article, not at a person: only the score could hold it.
        comment = transitions.comment_create(
            author=regular, thread=thread, body="Bloody awful article."
        )
        assert comment.status == Comment.Status.PUBLISHED
        assert comment.toxicity_threshold == 1.0

    def test_scoring_switched_off_neither_scores_nor_holds(self, settings, regular, thread):
        settings.TOXICITY_SCORING = False
        comment = transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        assert comment.status == Comment.Status.PUBLISHED and comment.toxicity_score is None

    def test_an_abusive_edit_holds_a_published_comment_again(self, regular, thread):
        comment = transitions.comment_create(author=regular, thread=thread, body=CIVIL)
        comment = transitions.comment_edit(comment=comment, editor=regular, body=ABUSIVE)
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING and comment.held_on_edit
        assert comment.hold_reason == Comment.HoldReason.LIKELY_ABUSIVE
        assert comment.toxicity_score >= 0.8

    def test_a_statement_on_a_comment_held_by_a_score_says_automated_means(
        self, moderator, regular, thread
    ):
        held = transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        decision = deciding.decision_make(
            moderator=moderator, comment=held, action="remove", ground="guidelines", rule=1,
            facts="Insults.",
        )  # fmt: skip
        assert decision.automated_detection and not decision.automated_decision


# The moderators' page and the desk ---------------------------------------------------------


@pytest.mark.django_db
class TestScoringPage:
    URL = "/moderation/scoring/"

    def test_anonymous_visitors_sign_in_and_members_are_refused(self, client, client_as, member):
        assert client.get(self.URL).status_code == 302
        response = client_as(member).post(self.URL, {"action": "mark", "threshold": "0.5"})
        assert response.status_code == 403
        assert not ScoringPolicy.objects.exists()

    def test_a_moderator_sees_the_default_and_changes_it(self, client_as, moderator):
        client = client_as(moderator)
        page = client.get(self.URL)
        assert page.status_code == 200 and b"0.60" in page.content
        response = client.post(self.URL, {"action": "reject", "threshold": "0.9"})
        assert response.status_code == 302
        policy = ScoringPolicy.current()
        assert (policy.action, policy.threshold, policy.changed_by) == ("reject", 0.9, moderator)
        entry = ModerationAction.objects.get(action=ModerationAction.Action.SCORING_CHANGE)
        assert entry.actor == moderator and entry.reason == "hold at 0.60 -> reject at 0.90"

    @pytest.mark.parametrize(
        "data, message",
        [
            ({"action": "hold", "threshold": "1.5"}, "at most 1.00"),
            ({"action": "hold", "threshold": "abc"}, "as a number"),
            ({"action": "explode", "threshold": "0.5"}, "Select a valid choice"),
        ],
    )
    def test_bad_input_changes_nothing(self, client_as, moderator, data, message):
        response = client_as(moderator).post(self.URL, data)
        assert response.status_code == 400 and message in response.content.decode()
        assert not ScoringPolicy.objects.exists()

    def test_the_desk_shows_the_score_of_a_held_comment(
        self, client_as, moderator, regular, thread
    ):
        held = transitions.comment_create(author=regular, thread=thread, body=ABUSIVE)
        page = client_as(moderator).get("/moderation/").content.decode()
        assert f"Likely abusive: you are a fucking moron, {held.toxicity_score:.2f} ≥ 0.60" in page


# Disguised words and threats ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, plain",
    [
        ("You r3t@rds", "you retards"),
        ("f.a.g author", "fag author"),
        ("a total r e t a r d.", "a total retard."),
        ("re.tar.ded article", "retarded article"),
        ("In 2019 the U.S. paid $5000, 3rd time!", "in 2019 the u.s. paid $5000, 3rd time!"),
        ("e.g. Hanoi. Then", "e.g. hanoi. then"),
    ],
)  # fmt: skip
def test_undisguise_puts_hidden_words_back_and_leaves_plain_text_alone(text, plain):
    assert disguise.undisguise(text) == plain


def test_a_disguised_insult_scores_as_the_plain_one():
    assert scoring.toxicity("You r3t@rds") >= 0.9 > scoring.model().score("You r3t@rds")


@pytest.mark.parametrize(
    "text, found",
    [
        ("I know where you live.", "know where you live"),
        ("I will smash your face", "i will smash your"),
        ("Traitors like you should hang", "traitors like you should hang"),
        ("These people are sub-human", "sub-human"),
        ("Go die in a fire", "go die in a fire"),
        ('State media said "we will kill you all" again.', ""),
        ("The missile tests hurt Seoul's economy.", ""),
        ("Sanctions should be tightened, not lifted.", ""),
    ],
)
def test_threats_outside_quotes_are_found(text, found):
    assert threats.threat_in(text) == found


@pytest.mark.django_db
def test_a_threat_is_held_with_the_phrase_on_the_desk(regular, thread):
    comment = transitions.comment_create(
        author=regular, thread=thread, body="Be careful walking home tonight."
    )
    assert (comment.status, comment.hold_reason) == ("pending", "likely_threat")
    assert reasons.hold_label(comment) == (
        "Possible threat or dehumanising words: careful walking home"
    )
    assert "may threaten" in reasons.posted_message(comment)


def test_the_servers_entry_points_load_the_model_before_the_first_post():
    code = (
        "import forum.asgi, forum.wsgi; from forum.comments import abuse_model, scoring;"
        "print(scoring.model.cache_info().currsize, abuse_model.model.cache_info().currsize)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "forum.settings_test",
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "test-only-secret-key-long-enough-for-checks",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "1 1"
