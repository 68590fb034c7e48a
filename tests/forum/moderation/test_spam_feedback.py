"""Akismet is told of moderators' decisions that correct it: submit-spam and submit-ham.

Against the same real local HTTP server as the external scorers' tests; the decisions go
through the desk's views, and the task runs once they commit (the tests' immediate backend).
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.services import account_delete
from forum.comments import breaker, decisions, external
from forum.models import Comment
from forum.moderation import spam_feedback
from tests.forum.comments import scorer_server
from tests.forum.comments.scorer_server import (
    AKISMET_HAM_PATH,
    AKISMET_PATH,
    AKISMET_SPAM_PATH,
    AKISMET_THANKS,
    Answer,
)

pytestmark = pytest.mark.django_db

SPAMMY = "Best prices on watches this week, ask me how."
POSTER = {"HTTP_USER_AGENT": "Mozilla/5.0 (poster)", "REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture
def akismet(settings):
    """Switch Akismet on, pointed at a local server that thanks for every submission."""
    server = scorer_server.start()
    settings.AKISMET_API_KEY = "akismet-key"
    settings.AKISMET_BLOG_URL = "https://news.example.org"
    settings.AKISMET_URL = server.url + AKISMET_PATH
    settings.SCORER_TIMEOUT_SECONDS = 0.5
    settings.SCORER_BREAKER_FAILURES = 3
    settings.COMMENT_RATE_PER_MINUTE = 100
    server.answers[AKISMET_SPAM_PATH] = Answer(body=AKISMET_THANKS)
    server.answers[AKISMET_HAM_PATH] = Answer(body=AKISMET_THANKS)
    cache.clear()  # closed breakers
    yield server
    scorer_server.stop(server)


def posted(client, author, thread, akismet, says):
    """Post through the site as `author` (Akismet answering `says`); return the comment."""
    akismet.answers[AKISMET_PATH] = Answer(body=says)
    client.force_login(author)
    client.post(reverse("forum:comment_post", args=[thread.pk]), {"body": SPAMMY}, **POSTER)
    client.logout()
    return Comment.objects.get(author=author, body=SPAMMY)


def reject(client, moderator, comment, reason="spam"):
    client.force_login(moderator)
    url = reverse("moderation:comment_reject", args=[comment.pk])
    return client.post(url, {"reason": reason, "note": ""})


def approve(client, moderator, comment):
    client.force_login(moderator)
    return client.post(reverse("moderation:comment_approve", args=[comment.pk]))


def test_spam_akismet_let_through_is_sent_to_submit_spam_with_the_check_s_fields(
    akismet, client, regular, thread, moderator, committed
):
    comment = posted(client, regular, thread, akismet, "false")
    assert comment.status == Comment.Status.PUBLISHED
    with committed():
        assert reject(client, moderator, comment).status_code == 302
    (check,) = akismet.calls(AKISMET_PATH)
    (submitted,) = akismet.calls(AKISMET_SPAM_PATH)
    assert submitted.form() == check.form()  # the same fields, the poster's address included
    assert submitted.form()["user_ip"] == "203.0.113.9"
    assert submitted.form()["user_agent"] == "Mozilla/5.0 (poster)"
    assert submitted.form()["comment_content"] == SPAMMY
    assert akismet.calls(AKISMET_HAM_PATH) == []


def test_a_comment_akismet_called_spam_that_a_moderator_approves_is_sent_to_submit_ham(
    akismet, client, regular, thread, moderator, committed
):
    comment = posted(client, regular, thread, akismet, "true")
    assert comment.hold_reason == Comment.HoldReason.LIKELY_SPAM
    with committed():
        assert approve(client, moderator, comment).status_code == 302
    (check,) = akismet.calls(AKISMET_PATH)
    (submitted,) = akismet.calls(AKISMET_HAM_PATH)
    assert submitted.form() == check.form()
    assert akismet.calls(AKISMET_SPAM_PATH) == []


def test_restoring_a_comment_rejected_as_spam_tells_akismet_it_was_not(
    akismet, client, regular, thread, moderator, committed
):
    comment = posted(client, regular, thread, akismet, "true")
    with committed():
        reject(client, moderator, comment)  # Akismet was right: nothing to tell it
    assert akismet.calls(AKISMET_SPAM_PATH) == []
    with committed():
        decisions.comment_restore(comment=comment, moderator=moderator)
    assert len(akismet.calls(AKISMET_HAM_PATH)) == 1


def test_decisions_that_agree_with_akismet_or_are_not_about_spam_tell_it_nothing(
    akismet, client, regular, member, thread, moderator, committed
):
    clean = posted(client, regular, thread, akismet, "false")
    spam = posted(client, member, thread, akismet, "true")
    with committed():
        reject(client, moderator, clean, reason="harassment")  # not spam: not Akismet's business
        reject(client, moderator, spam)  # spam, as Akismet said
    assert akismet.calls(AKISMET_SPAM_PATH) == akismet.calls(AKISMET_HAM_PATH) == []


def test_nothing_is_sent_when_akismet_is_not_configured(
    akismet, client, regular, thread, moderator, committed, settings
):
    comment = posted(client, regular, thread, akismet, "false")
    settings.AKISMET_API_KEY = ""
    with committed():
        assert reject(client, moderator, comment).status_code == 302
    assert akismet.calls(AKISMET_SPAM_PATH) == []


def test_the_desk_does_not_wait_the_task_is_queued(
    akismet, client, regular, thread, moderator, committed, settings
):
    comment = posted(client, regular, thread, akismet, "false")
    akismet.answers[AKISMET_SPAM_PATH] = Answer(body=AKISMET_THANKS, delay=2.0)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with committed():
        assert reject(client, moderator, comment).status_code == 302
    assert akismet.calls(AKISMET_SPAM_PATH) == []  # not yet: a worker will
    queued = DBTaskResult.objects.get(task_path__endswith="tell_akismet")
    assert queued.args_kwargs == {"args": [comment.pk, "spam"], "kwargs": {}}


def test_akismet_down_is_retried_through_its_breaker_then_given_up(
    akismet, client, regular, thread, moderator, committed, settings
):
    settings.TASK_MAX_ATTEMPTS = 4
    comment = posted(client, regular, thread, akismet, "false")
    akismet.answers[AKISMET_SPAM_PATH] = Answer(status=503)
    with committed():
        assert reject(client, moderator, comment).status_code == 302
    # Three failures open the breaker (SCORER_BREAKER_FAILURES); the fourth attempt skips it.
    assert len(akismet.calls(AKISMET_SPAM_PATH)) == 3
    assert breaker.is_open(external.AKISMET)


def test_a_decision_reversed_before_the_task_runs_is_not_sent(
    akismet, client, regular, thread, moderator
):
    comment = posted(client, regular, thread, akismet, "false")
    decisions.comment_reject(comment=comment, moderator=moderator, reason="spam")
    decisions.comment_restore(comment=comment, moderator=moderator)
    assert spam_feedback.tell_akismet.call(comment.pk, external.SPAM) == "not sent"
    assert akismet.calls(AKISMET_SPAM_PATH) == []


@pytest.mark.parametrize("remove_comments", [False, True])
def test_the_poster_s_address_goes_with_their_account(
    akismet, client, regular, thread, remove_comments
):
    comment = posted(client, regular, thread, akismet, "true")
    assert comment.remote_scores["akismet"]["client"]["user_ip"] == "203.0.113.9"
    account_delete(user=regular, remove_comments=remove_comments)
    comment.refresh_from_db()
    assert comment.remote_scores == {"akismet": {"spam": True, "discard": False}}


def test_the_poster_s_address_is_forgotten_when_its_days_are_up(
    akismet, client, regular, thread, committed, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.AKISMET_CLIENT_KEEP_DAYS = 7
    with committed():
        comment = posted(client, regular, thread, akismet, "false")
    planned = DBTaskResult.objects.get(task_path__endswith="forget_poster")
    assert planned.args_kwargs == {"args": [comment.pk], "kwargs": {}}
    days = (planned.run_after - comment.created_at).total_seconds() / 86400
    assert 6.99 < days < 7.01
    assert spam_feedback.forget_poster.call(comment.pk) == "forgotten"
    comment.refresh_from_db()
    assert comment.remote_scores == {"akismet": {"spam": False, "discard": False}}
    assert spam_feedback.forget_poster.call(comment.pk) == "nothing kept"
