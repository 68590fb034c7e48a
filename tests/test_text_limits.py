"""Nothing a member or moderator writes is cut short: not by the browser, not by the server.

A field's limit is never rendered as `maxlength` (the browser would cut a paste without a
word); a text over the limit is refused with the whole of it back in its form, and nothing
is changed.
"""

import re

import pytest
from django.urls import reverse

from forum.models import Comment, ModeratorNote, Report
from tests.factories import CommentFactory

MARK = "THE-WHOLE-TEXT-ENDS-HERE"


def _over(limit):
    return "x" * limit + MARK


@pytest.fixture
def comment(thread, other_member):
    return CommentFactory(thread=thread, author=other_member, body="The first text.")


@pytest.mark.django_db
class TestAnOverLongTextComesBackWhole:
    def test_a_comment(self, client_as, member, thread):
        body = _over(100_000)
        response = client_as(member).post(
            reverse("forum:comment_post", args=[thread.pk]), {"body": body}
        )
        assert response.status_code == 400
        assert body in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_reply(self, client_as, member, comment):
        body = _over(100_000)
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[comment.pk]), {"body": body}
        )
        assert response.status_code == 400
        assert body in response.content.decode()
        assert Comment.objects.count() == 1

    def test_an_edit(self, client_as, other_member, comment):
        body = _over(100_000)
        response = client_as(other_member).post(
            reverse("forum:comment_edit", args=[comment.pk]), {"body": body}
        )
        assert response.status_code == 400
        assert body in response.content.decode()
        comment.refresh_from_db()
        assert comment.body == "The first text."

    def test_a_report_note(self, client_as, member, comment):
        note = _over(500)
        response = client_as(member).post(
            reverse("forum:comment_report", args=[comment.pk]), {"reason": "other", "note": note}
        )
        assert response.status_code == 400
        assert note in response.content.decode()
        assert not Report.objects.exists()

    def test_a_profile_bio(self, client_as, member):
        bio = _over(500)
        response = client_as(member).post(
            reverse("accounts:settings"), {"display_name": "Reader", "bio": bio}
        )
        assert response.status_code == 200  # as the settings page answers every refused form
        assert bio in response.content.decode()
        member.refresh_from_db()
        assert member.bio != bio

    def test_a_moderators_note(self, client_as, moderator, member):
        text = _over(2000)
        response = client_as(moderator).post(
            reverse("moderation:note_add", args=[member.username]), {"text": text}
        )
        assert response.status_code == 400
        assert text in response.content.decode()
        assert not ModeratorNote.objects.exists()

    def test_a_suspension_reason(self, client_as, moderator, member):
        reason = _over(500)
        response = client_as(moderator).post(
            reverse("moderation:member_suspend", args=[member.username]),
            {"until": "2999-01-01T00:00", "reason": reason},
        )
        assert response.status_code == 400
        assert reason in response.content.decode()
        member.refresh_from_db()
        assert not member.is_suspended


@pytest.mark.django_db
class TestNoFieldCutsAPaste:
    """Every page where people write shows its limits as data-count-max, never maxlength."""

    def _fields(self, html):
        return re.findall(r"<(?:textarea|input)\b[^>]*>", html)

    def _assert_counted_not_cut(self, html, *, counted):
        fields = [f for f in self._fields(html) if 'type="search"' not in f]
        assert fields
        assert not [f for f in fields if "maxlength" in f]
        assert len([f for f in fields if "data-count-max" in f]) >= counted

    def test_the_composer_edit_and_report_pages(self, client_as, member, other_member, comment):
        client = client_as(other_member)
        html = client.get(reverse("forum:comment_edit", args=[comment.pk])).content.decode()
        self._assert_counted_not_cut(html, counted=1)
        client = client_as(member)
        html = client.get(reverse("forum:comment_reply", args=[comment.pk])).content.decode()
        self._assert_counted_not_cut(html, counted=1)
        html = client.get(reverse("forum:comment_report", args=[comment.pk])).content.decode()
        self._assert_counted_not_cut(html, counted=1)

    def test_the_settings_page(self, client_as, member):
        html = client_as(member).get(reverse("accounts:settings")).content.decode()
        self._assert_counted_not_cut(html, counted=2)

    def test_the_moderators_pages(self, client_as, moderator, member, comment):
        comment.status = Comment.Status.PENDING
        comment.save()
        client = client_as(moderator)
        html = client.get(reverse("moderation:member", args=[member.username])).content.decode()
        self._assert_counted_not_cut(html, counted=3)
        html = client.get(reverse("moderation:desk")).content.decode()
        self._assert_counted_not_cut(html, counted=1)


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "in-place"])
def test_a_rejection_note_over_its_limit_comes_back_whole(client_as, moderator, comment, htmx):
    note = _over(500)
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_as(moderator).post(
        reverse("moderation:comment_reject", args=[comment.pk]),
        {"reason": "off_topic", "note": note, "next": reverse("moderation:desk")},
        **extra,
    )
    html = response.content.decode()
    assert response.status_code == (200 if htmx else 400)
    assert f'value="{note}"' in html
    assert 'value="off_topic" selected' in html
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
