"""Approving, rejecting, restoring and featuring comments, one at a time and in bulk."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import errors
from forum.comments import decisions
from forum.models import (
    Comment,
    Decision,
    ModerationAction,
    Notification,
    Report,
    Thread,
)
from forum.moderation.tasks import send_rejection_email
from forum.notices import deciding
from forum.refusals import Code
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

Status = Comment.Status


class TestApprove:
    def test_approve_publishes_and_counts(self, pending, moderator, thread, run_on_commit):
        with run_on_commit():
            decisions.comment_approve(comment=pending, moderator=moderator)
        pending.refresh_from_db()
        assert pending.status == Status.PUBLISHED
        assert pending.moderated_by == moderator
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        entry = ModerationAction.objects.get()
        assert (entry.action, entry.actor, entry.comment, entry.member, entry.thread) == (
            "comment_approve",
            moderator,
            pending,
            pending.author,
            thread,
        )
        assert entry.reason == "New member"

    def test_approving_twice_is_a_conflict_and_changes_nothing(self, pending, moderator, thread):
        other = ModeratorFactory(username="other-mod")
        decisions.comment_approve(comment=pending, moderator=other)
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_approve(comment=pending, moderator=moderator)
        assert error.value.code == Code.ALREADY_APPROVED
        assert other.username == error.value.params["by"]
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        assert ModerationAction.objects.count() == 1

    def test_approving_a_rejected_comment_says_who_rejected_it(self, pending, moderator, thread):
        other = ModeratorFactory(username="quick")
        decisions.comment_reject(comment=pending, moderator=other, reason="spam")
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_approve(comment=pending, moderator=moderator)
        assert error.value.code == Code.ALREADY_REJECTED
        assert other.username == error.value.params["by"]
        pending.refresh_from_db()
        assert pending.status == Status.REJECTED
        assert Thread.objects.get(pk=thread.pk).comment_count == 0

    def test_stale_object_is_rechecked_against_the_database(self, pending, moderator):
        stale = Comment.objects.get(pk=pending.pk)
        decisions.comment_reject(comment=pending, moderator=moderator, reason="spam")
        with pytest.raises(errors.ModerationConflict):
            decisions.comment_approve(comment=stale, moderator=moderator)

    def test_non_moderator_cannot_approve(self, pending, author):
        with pytest.raises(PermissionDenied):
            decisions.comment_approve(comment=pending, moderator=author)
        pending.refresh_from_db()
        assert pending.status == Status.PENDING

    def test_approving_notifies_like_a_new_comment(self, thread, moderator, run_on_commit):
        parent_author = UserFactory(username="parentauthor")
        parent = CommentFactory(thread=thread, author=parent_author, body="Parent")
        reply = CommentFactory(
            thread=thread, author=UserFactory(), body="Reply", status=Status.PENDING, parent=parent
        )
        with run_on_commit():
            decisions.comment_approve(comment=reply, moderator=moderator)
        assert Notification.objects.filter(recipient=parent_author, comment=reply).exists()


class TestReject:
    def test_reject_hides_counts_logs_and_states_its_reasons(
        self, published, moderator, thread, mailoutbox, run_on_commit, settings
    ):
        settings.SITE_URL = "https://news.example"
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        with run_on_commit():
            decisions.comment_reject(
                comment=published, moderator=moderator, reason="harassment", note="Be kind."
            )
        published.refresh_from_db()
        assert published.status == Status.REJECTED
        assert (published.rejection_reason, published.rejection_note) == ("harassment", "Be kind.")
        assert Thread.objects.get(pk=thread.pk).comment_count == 0
        entry = ModerationAction.objects.get(action="comment_reject")
        assert (entry.reason, entry.note) == ("Harassment or hate", "Be kind.")
        # A removal is stated (Art. 17): the guideline rule of its reason, the note as facts.
        statement = Decision.objects.get(comment=published)
        assert (statement.action, statement.ground, statement.rule) == ("remove", "guidelines", 2)
        assert (statement.facts, statement.moderator) == ("Be kind.", moderator)
        assert (statement.source, statement.automated_decision) == ("own_initiative", False)
        assert len(mailoutbox) == 1  # the statement, not also the rejection e-mail
        (mail,) = mailoutbox
        assert mail.to == ["writer@example.org"]
        assert "statement of reasons" in mail.subject
        assert "Be kind." in mail.body and statement.reference in mail.body

    def test_the_rejection_email_tells_the_author_when_no_statement_was_made(
        self, published, moderator, mailoutbox, run_on_commit, settings
    ):
        settings.SITE_URL = "https://news.example"
        # The statement failed (its listener logs why); the author still hears why.
        with (
            mock.patch.object(deciding, "decision_make", side_effect=RuntimeError("down")),
            run_on_commit(),
        ):
            decisions.comment_reject(
                comment=published, moderator=moderator, reason="harassment", note="Be kind."
            )
        assert not Decision.objects.exists()
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["writer@example.org"]
        assert "was removed" in mail.subject
        guidelines = "https://news.example" + reverse("articles:guidelines")
        assert "Reason: Harassment or hate" in mail.body
        assert "Be kind." in mail.body
        assert guidelines in mail.body
        html, mimetype = mail.alternatives[0]
        assert mimetype == "text/html"
        assert "Harassment or hate" in html and guidelines in html and "Be kind." in html

    def test_rejecting_pending_does_not_change_the_count(self, pending, moderator, thread):
        decisions.comment_reject(comment=pending, moderator=moderator, reason="spam")
        assert Thread.objects.get(pk=thread.pk).comment_count == 0

    def test_reject_twice_is_a_conflict_and_sends_one_email(
        self, published, moderator, mailoutbox, run_on_commit, thread
    ):
        with run_on_commit():
            decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
        with run_on_commit(), pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_reject(comment=published, moderator=moderator, reason="off_topic")
        assert error.value.code == Code.ALREADY_REJECTED
        assert moderator.username == error.value.params["by"]
        published.refresh_from_db()
        assert published.rejection_reason == "spam"
        assert len(mailoutbox) == 1
        assert Thread.objects.get(pk=thread.pk).comment_count == 0
        assert ModerationAction.objects.filter(action="comment_reject").count() == 1
        assert Decision.objects.count() == 1

    def test_reject_needs_a_known_reason(self, published, moderator):
        with pytest.raises(errors.ModerationError) as error:
            decisions.comment_reject(comment=published, moderator=moderator, reason="because")
        assert error.value.code == Code.REJECTION_WITHOUT_REASON
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED

    def test_rejecting_unfeatures_and_settles_reports(self, published, moderator):
        decisions.comment_feature(comment=published, moderator=moderator)
        Report.objects.create(comment=published, reporter=UserFactory(), reason="spam")
        decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
        published.refresh_from_db()
        assert not published.is_featured
        assert not Report.objects.filter(resolved_at__isnull=True).exists()

    def test_removed_by_author_cannot_be_rejected(self, published, moderator):
        Comment.objects.filter(pk=published.pk).update(status=Status.REMOVED)
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
        assert error.value.code == Code.COMMENT_REMOVED_BY_AUTHOR
        published.refresh_from_db()
        assert published.status == Status.REMOVED

    def test_restored_before_the_email_goes_out_sends_nothing(
        self, published, moderator, mailoutbox
    ):
        decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
        decisions.comment_restore(comment=published, moderator=moderator)
        send_rejection_email.call(published.pk)
        assert mailoutbox == []


class TestRestoreAndFeature:
    def test_restore(self, published, moderator, thread):
        decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
        decisions.comment_restore(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.rejection_reason == ""
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_restore(comment=published, moderator=moderator)
        assert error.value.code == Code.ALREADY_RESTORED
        assert moderator.username == error.value.params["by"]
        assert Thread.objects.get(pk=thread.pk).comment_count == 1

    def test_feature_and_unfeature(self, published, moderator):
        decisions.comment_feature(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.is_featured and published.featured_at
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_feature(comment=published, moderator=moderator)
        assert error.value.code == Code.ALREADY_FEATURED
        decisions.comment_unfeature(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert not published.is_featured
        with pytest.raises(errors.ModerationConflict):
            decisions.comment_unfeature(comment=published, moderator=moderator)
        assert list(ModerationAction.objects.values_list("action", flat=True)) == [
            "comment_unfeature",
            "comment_feature",
        ]

    def test_only_published_comments_can_be_featured(self, pending, moderator):
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.comment_feature(comment=pending, moderator=moderator)
        assert error.value.code == Code.ONLY_PUBLISHED_FEATURED


class TestBulk:
    def test_bulk_approve_reports_conflicts(self, thread, moderator):
        a = CommentFactory(thread=thread, author=UserFactory(), body="a", status=Status.PENDING)
        b = CommentFactory(thread=thread, author=UserFactory(), body="b", status=Status.PENDING)
        c = CommentFactory(thread=thread, author=UserFactory(), body="c", status=Status.REJECTED)
        done, conflicts = decisions.comments_bulk(
            action="approve", comment_ids=[a.pk, b.pk, c.pk, 999999], moderator=moderator
        )
        assert {x.pk for x in done} == {a.pk, b.pk}
        assert [pk for pk, _ in conflicts] == [c.pk, 999999]
        assert Thread.objects.get(pk=thread.pk).comment_count == 2

    def test_bulk_reject_needs_a_reason(self, pending, moderator):
        with pytest.raises(errors.ModerationError):
            decisions.comments_bulk(action="reject", comment_ids=[pending.pk], moderator=moderator)
        pending.refresh_from_db()
        assert pending.status == Status.PENDING
