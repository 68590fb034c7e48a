"""Which event each change is told as, from the lifecycle, the DSA's code and the desk."""

import pytest
from django.utils import timezone

from forum.comments import decisions, transitions
from forum.discussion import services
from forum.models import Appeal, Decision
from forum.models.webhooks import ALERTS, Delivery, Endpoint, Event
from forum.moderation.services import threads
from forum.notices import appeals, deciding, filing
from forum.webhooks import outbox, sending
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


def told():
    return list(Delivery.objects.order_by("pk").values_list("event_type", flat=True))


def test_comment_published_held_edited_and_removed(endpoint, thread, member, moderator, settings):
    endpoint()
    comment = transitions.comment_create(author=member, thread=thread, body="First.")
    settings.PREMODERATE_FIRST_COMMENTS = 5
    held = transitions.comment_create(author=member, thread=thread, body="Second.")
    assert told() == ["comment.published", "comment.held"]
    settings.PREMODERATE_FIRST_COMMENTS = 0
    decisions.comment_approve(comment=held, moderator=moderator)
    transitions.comment_edit(comment=comment, editor=member, body="First, edited.")
    transitions.comment_remove(comment=comment, member=member)
    decisions.comment_reject(comment=held, moderator=moderator, reason="spam")
    assert told()[2:] == [
        "comment.published",
        "comment.edited",
        "comment.removed",
        "comment.removed",
    ]
    rejected = Delivery.objects.order_by("pk").last().payload["data"]
    assert rejected["change"] == "rejected" and rejected["actor"] == moderator.username
    assert rejected["previous_status"] == "published"


def test_votes_and_features_are_not_told(endpoint, thread, member, moderator, other_member):
    endpoint()
    comment = CommentFactory(thread=thread, author=member)
    services.vote_toggle(comment=comment, voter=other_member)
    decisions.comment_feature(comment=comment, moderator=moderator)
    assert told() == []


def test_reports_and_the_threshold(endpoint, thread, member, settings):
    settings.REPORTS_TO_HIDE = 2
    endpoint()
    comment = CommentFactory(thread=thread, author=member)
    first, second = UserFactory(), UserFactory()
    transitions.comment_report(comment=comment, reporter=first, reason="spam")
    assert told() == ["report.received"]
    transitions.comment_report(comment=comment, reporter=second, reason="spam")
    assert told()[1:] == ["report.received", "report.threshold_reached", "comment.held"]


def test_notice_received_and_appeal_decided_from_the_dsa_code(endpoint, thread, member, moderator):
    endpoint([Event.NOTICE_RECEIVED, Event.APPEAL_DECIDED])
    comment = CommentFactory(thread=thread, author=member)
    notice = filing.notice_file(
        category="hate",
        explanation="It incites hatred.",
        location=filing.comment_location(comment),
        country="DE",
        good_faith=True,
        name="Nora Notifier",
        email="nora@example.net",
    )
    assert told() == ["notice.received"]
    data = Delivery.objects.get().payload["data"]["notice"]
    assert data["reference"] == notice.reference and data["comment_id"] == comment.pk
    assert "nora" not in str(data).lower()  # no notifier's name or address leaves the forum
    decision = deciding.decision_make(
        moderator=moderator,
        comment=comment,
        action=Decision.Action.REMOVE,
        ground=Decision.Ground.GUIDELINES,
        rule=2,
        facts="It attacks people for their religion.",
    )
    appeal = appeals.appeal_file(decision=decision, member=member, text="It quotes the article.")
    assert told() == ["notice.received"]  # filed, not decided
    appeals.appeal_decide(
        appeal=appeal, moderator=ModeratorFactory(), outcome="upheld", reason="It does attack."
    )
    assert told() == ["notice.received", "appeal.decided"]
    data = Delivery.objects.order_by("pk").last().payload["data"]["appeal"]
    assert data["reference"] == appeal.reference and data["outcome"] == Appeal.Outcome.UPHELD
    assert data["decision_reference"] == decision.reference


def test_thread_closed_by_a_moderator(endpoint, thread, moderator):
    endpoint([Event.THREAD_CLOSED])
    threads.thread_close(thread=thread, moderator=moderator, reason="Off the rails")
    threads.thread_reopen(thread=thread, moderator=moderator)
    assert told() == ["thread.closed"]
    data = Delivery.objects.get().payload["data"]
    assert data["thread"]["id"] == thread.pk and data["thread"]["is_open"] is False
    assert data["actor"] == moderator.username and data["reason"] == "Off the rails"


def test_slack_compatible_endpoint_gets_a_line_of_text(endpoint, receiver, thread, member):
    endpoint(ALERTS, kind=Endpoint.Kind.SLACK)
    comment = CommentFactory(thread=thread, author=member)
    notice = filing.notice_file(
        category="hate",
        explanation="It incites hatred.",
        location=filing.comment_location(comment),
        country="DE",
        good_faith=True,
        name="Nora Notifier",
        email="nora@example.net",
    )
    outbox.thread_heating_up(thread, comments_last_hour=80)
    assert sending.send_due(now=timezone.now()) == 2
    texts = [r.json() for r in receiver.received]
    assert texts[0] == {"text": texts[0]["text"]}  # only the text: what Slack reads
    assert notice.reference in texts[0]["text"] and "Notice" in texts[0]["text"]
    assert thread.title in texts[1]["text"] and "80 comments" in texts[1]["text"]
    assert "webhook-signature" not in receiver.received[0].headers


def test_an_edit_that_is_held_is_told_as_edited_and_held(endpoint, thread, member, settings):
    endpoint([Event.COMMENT_EDITED, Event.COMMENT_HELD])
    comment = transitions.comment_create(author=member, thread=thread, body="First.")
    settings.PREMODERATE_FIRST_COMMENTS = 5  # whatever holds a new comment holds an edit
    transitions.comment_edit(comment=comment, editor=member, body="First, edited.")
    assert told() == ["comment.edited", "comment.held"]
    held = Delivery.objects.order_by("pk").last().payload["data"]
    assert held["comment"]["status"] == "pending" and held["previous_status"] == "published"
