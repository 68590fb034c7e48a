"""Reply and follow e-mails: preferences, gathering within the window, unsubscribe links."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.comments import transitions
from forum.discussion import delivery
from forum.discussion.unsubscribe import unsubscribe_token
from forum.models import Follow, Notification
from tests.factories import CommentFactory


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.COMMENT_RATE_PER_MINUTE = 100


@pytest.mark.django_db(transaction=True)
class TestReplyEmails:
    def test_reply_sends_one_email_with_text_and_html(
        self, mailoutbox, member, other_member, article, settings
    ):
        parent = CommentFactory(thread=article.thread, author=member, body="My point")
        reply = transitions.comment_create(
            author=other_member, thread=article.thread, body="My answer", parent=parent
        )
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == [member.email]
        assert article.title in mail.subject
        assert "My answer" in mail.body
        assert settings.SITE_URL + reply.get_absolute_url() in mail.body
        html = mail.alternatives[0][0]
        assert "My answer" in html and mail.alternatives[0][1] == "text/html"
        assert "List-Unsubscribe" in mail.extra_headers

    def test_no_email_for_own_reply(self, mailoutbox, member, article):
        parent = CommentFactory(thread=article.thread, author=member)
        transitions.comment_create(
            author=member, thread=article.thread, body="A comment.", parent=parent
        )
        assert mailoutbox == []

    def test_preference_off_means_no_email(self, mailoutbox, member, other_member, article):
        member.notify_replies = False
        member.save()
        parent = CommentFactory(thread=article.thread, author=member)
        transitions.comment_create(
            author=other_member, thread=article.thread, body="A comment.", parent=parent
        )
        assert mailoutbox == []

    def test_replies_within_ten_minutes_are_gathered_into_the_next_email(
        self, mailoutbox, member, other_member, article
    ):
        parent = CommentFactory(thread=article.thread, author=member, body="Start")
        transitions.comment_create(
            author=other_member, thread=article.thread, body="Reply one", parent=parent
        )
        transitions.comment_create(
            author=other_member, thread=article.thread, body="Reply two", parent=parent
        )
        transitions.comment_create(
            author=other_member, thread=article.thread, body="Reply three", parent=parent
        )
        assert len(mailoutbox) == 1  # the window holds the later ones back
        assert Notification.objects.filter(sent_at__isnull=True).count() == 2
        # Eleven minutes later the next reply's e-mail gathers all that waited.
        Notification.objects.filter(sent_at__isnull=False).update(
            sent_at=timezone.now() - timedelta(minutes=11)
        )
        transitions.comment_create(
            author=other_member, thread=article.thread, body="Reply four", parent=parent
        )
        assert len(mailoutbox) == 2
        body = mailoutbox[1].body
        assert "Reply two" in body and "Reply three" in body and "Reply four" in body
        assert "Reply one" not in body
        assert not Notification.objects.filter(sent_at__isnull=True).exists()

    def test_held_reply_notifies_nobody(self, mailoutbox, settings, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=member)
        settings.PREMODERATE_FIRST_COMMENTS = 5
        transitions.comment_create(
            author=other_member, thread=article.thread, body="A comment.", parent=parent
        )
        assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
class TestFollowEmails:
    def test_followers_who_opted_in_hear_of_new_comments(
        self, mailoutbox, member, other_member, article
    ):
        member.notify_follows = True
        member.save()
        Follow.objects.create(member=member, thread=article.thread)
        transitions.comment_create(author=other_member, thread=article.thread, body="News")
        assert len(mailoutbox) == 1
        assert "News" in mailoutbox[0].body

    def test_followers_are_not_mailed_by_default(self, mailoutbox, member, other_member, article):
        Follow.objects.create(member=member, thread=article.thread)
        transitions.comment_create(author=other_member, thread=article.thread, body="A comment.")
        assert mailoutbox == []


@pytest.mark.django_db
class TestUnsubscribe:
    def test_link_works_without_signing_in(self, client, member, article):
        token = unsubscribe_token(member=member, kind="replies")
        url = reverse("forum:unsubscribe", args=[token])
        page = client.get(url)
        assert page.status_code == 200
        member.refresh_from_db()
        assert member.notify_replies  # a GET (link scanners) changes nothing
        client.post(url)
        member.refresh_from_db()
        assert not member.notify_replies

    def test_unfollow_thread_link(self, client, member, article):
        Follow.objects.create(member=member, thread=article.thread)
        token = unsubscribe_token(member=member, kind="thread", thread=article.thread)
        client.post(reverse("forum:unsubscribe", args=[token]))
        assert not Follow.objects.exists()

    def test_tampered_token_is_refused(self, client, member):
        token = unsubscribe_token(member=member, kind="replies")
        response = client.post(reverse("forum:unsubscribe", args=[token[:-2] + "xx"]))
        assert response.status_code == 400
        member.refresh_from_db()
        assert member.notify_replies

    def test_email_links_unsubscribe(
        self, mailoutbox, client, member, other_member, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            parent = CommentFactory(thread=article.thread, author=member)
        with django_capture_on_commit_callbacks(execute=True):
            transitions.comment_create(
                author=other_member, thread=article.thread, body="A comment.", parent=parent
            )
        link = re.search(r"Stop these e-mails: (\S+)", mailoutbox[0].body).group(1)
        client.post(link.replace("http://127.0.0.1:8000", ""))
        member.refresh_from_db()
        assert not member.notify_replies


@pytest.mark.django_db
def test_one_click_unsubscribe_needs_no_csrf_cookie(member):
    token = unsubscribe_token(member=member, kind="replies")
    response = Client(enforce_csrf_checks=True).post(reverse("forum:unsubscribe", args=[token]))
    member.refresh_from_db()
    assert response.status_code == 200 and not member.notify_replies


@pytest.mark.django_db
def test_a_failed_send_gives_the_notifications_back_for_the_retry(member, other_member, article):
    parent = CommentFactory(thread=article.thread, author=member)
    reply = CommentFactory(thread=article.thread, author=other_member, parent=parent)
    Notification.objects.create(
        recipient=member, thread=article.thread, comment=reply, kind=Notification.Kind.REPLY
    )
    with mock.patch.object(delivery, "_send", side_effect=ConnectionError("SMTP down")):
        with pytest.raises(ConnectionError):
            delivery.deliver(recipient_id=member.pk, thread_id=article.thread_id)
    assert Notification.objects.get().sent_at is None
    assert delivery.deliver(recipient_id=member.pk, thread_id=article.thread_id) == 1
    assert Notification.objects.get().sent_at is not None
