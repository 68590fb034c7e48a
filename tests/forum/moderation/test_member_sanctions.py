"""Suspending, banning and pre-moderating members, and moderators' notes on them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import errors
from forum.comments import phases as moderation
from forum.models import (
    Comment,
    ModerationAction,
    ModeratorNote,
)
from forum.moderation import services as ms
from forum.refusals import Code
from tests.factories import CommentFactory, ModeratorFactory

Status = Comment.Status


class TestMembers:
    def test_suspend_and_expiry(self, member, moderator, thread):
        until = timezone.now() + timedelta(days=3)
        ms.member_suspend(member=member, moderator=moderator, until=until, reason="Cool off")
        member.refresh_from_db()
        assert member.is_suspended and not member.can_participate
        assert member.suspension_reason == "Cool off"
        # Time passes: the suspension ends by itself.
        type(member).objects.filter(pk=member.pk).update(
            suspended_until=timezone.now() - timedelta(seconds=1)
        )
        member = type(member).objects.get(pk=member.pk)
        assert not member.is_suspended and member.can_participate
        assert (
            moderation.review_new_comment(author=member, thread=thread, body="Plain words.").status
            != "refused"
        )

    def test_suspend_needs_a_future_date_and_reason(self, member, moderator):
        with pytest.raises(errors.ModerationError) as error:
            ms.member_suspend(member=member, moderator=moderator, until=timezone.now(), reason="x")
        assert error.value.code == Code.END_IN_PAST
        with pytest.raises(errors.ModerationError) as error:
            ms.member_suspend(
                member=member,
                moderator=moderator,
                until=timezone.now() + timedelta(days=1),
                reason=" ",
            )
        assert error.value.code == Code.SUSPENSION_WITHOUT_REASON
        member.refresh_from_db()
        assert member.suspended_until is None

    def test_lift_suspension(self, member, moderator):
        ms.member_suspend(
            member=member, moderator=moderator, until=timezone.now() + timedelta(days=1), reason="x"
        )
        ms.member_lift_suspension(member=member, moderator=moderator)
        member.refresh_from_db()
        assert not member.is_suspended
        with pytest.raises(errors.ModerationConflict):
            ms.member_lift_suspension(member=member, moderator=moderator)

    def test_ban_rejects_pending_comments_and_keeps_published(self, member, moderator, thread):
        held = CommentFactory(thread=thread, author=member, body="held", status=Status.PENDING)
        visible = CommentFactory(thread=thread, author=member, body="visible")
        ms.member_ban(member=member, moderator=moderator, reason="Spammer")
        member.refresh_from_db()
        held.refresh_from_db()
        visible.refresh_from_db()
        assert member.is_banned and not member.can_participate
        assert held.status == Status.REJECTED and held.rejection_reason == "member_banned"
        assert visible.status == Status.PUBLISHED
        entry = ModerationAction.objects.get()
        assert entry.action == "member_ban" and "1 held comment rejected" in entry.note
        with pytest.raises(errors.ModerationConflict) as error:
            ms.member_ban(member=member, moderator=moderator, reason="again")
        assert error.value.code == Code.MEMBER_ALREADY_BANNED

    def test_ban_ends_every_session(self, client, member, moderator, published):
        client.force_login(member)
        url = reverse("forum:comment_report", args=[published.pk])
        assert client.get(url).status_code == 200
        ms.member_ban(member=member, moderator=moderator, reason="Abuse")
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not response.wsgi_request.user.is_authenticated

    def test_lift_ban(self, member, moderator):
        ms.member_ban(member=member, moderator=moderator, reason="x")
        ms.member_lift_ban(member=member, moderator=moderator)
        member.refresh_from_db()
        assert not member.is_banned and member.can_participate

    def test_moderators_and_self_cannot_be_banned(self, moderator):
        with pytest.raises(errors.ModerationError) as error:
            ms.member_ban(member=moderator, moderator=moderator, reason="x")
        assert error.value.code == Code.OWN_ACCOUNT
        with pytest.raises(errors.ModerationError) as error:
            ms.member_ban(member=ModeratorFactory(username="peer"), moderator=moderator, reason="x")
        assert error.value.code == Code.TARGET_IS_MODERATOR
        assert not ModerationAction.objects.exists()

    def test_premoderation(self, member, moderator, thread, regular):
        ms.member_set_premoderation(member=regular, moderator=moderator)
        regular.refresh_from_db()
        assert (
            moderation.review_new_comment(
                author=regular, thread=thread, body="Plain words."
            ).hold_reason
            == "member_premoderated"
        )
        with pytest.raises(errors.ModerationConflict):
            ms.member_set_premoderation(member=regular, moderator=moderator)
        ms.member_lift_premoderation(member=regular, moderator=moderator)
        regular.refresh_from_db()
        assert (
            moderation.review_new_comment(author=regular, thread=thread, body="Plain words.").status
            == Status.PUBLISHED
        )

    def test_notes(self, member, moderator):
        ms.note_add(member=member, moderator=moderator, text="Warned by e-mail.")
        assert ModeratorNote.objects.get().text == "Warned by e-mail."
        with pytest.raises(errors.ModerationError) as error:
            ms.note_add(member=member, moderator=moderator, text="  ")
        assert error.value.code == Code.EMPTY_NOTE
        assert ModeratorNote.objects.count() == 1
