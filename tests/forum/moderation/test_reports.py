"""Members report comments: once each, a threshold hides, moderators settle them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from forum import errors
from forum.comments import decisions, transitions
from forum.models import (
    Comment,
    ModerationAction,
    Report,
    Thread,
)
from forum.refusals import Code
from tests.factories import UserFactory

Status = Comment.Status


class TestReports:
    def test_threshold_hides_the_comment(self, published, thread, settings):
        settings.REPORTS_TO_HIDE = 3
        reporters = [UserFactory() for _ in range(3)]
        for reporter in reporters[:2]:
            transitions.comment_report(comment=published, reporter=reporter, reason="spam")
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 2
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        transitions.comment_report(comment=published, reporter=reporters[2], reason="off_topic")
        published.refresh_from_db()
        assert published.status == Status.PENDING
        assert (published.hold_reason, published.open_report_count) == ("reports", 3)
        assert Thread.objects.get(pk=thread.pk).comment_count == 0
        assert ModerationAction.objects.get().action == "comment_hide_reported"
        assert not Comment.objects.visible_to(AnonymousUser()).filter(pk=published.pk).exists()
        assert Comment.objects.visible_to(published.author).filter(pk=published.pk).exists()

    def test_threshold_is_a_setting(self, published, settings):
        settings.REPORTS_TO_HIDE = 1
        transitions.comment_report(comment=published, reporter=UserFactory(), reason="spam")
        published.refresh_from_db()
        assert (published.status, published.hold_reason) == (Status.PENDING, "reports")

    def test_once_per_member(self, published, member):
        transitions.comment_report(comment=published, reporter=member, reason="spam")
        with pytest.raises(errors.AlreadyReported):
            transitions.comment_report(comment=published, reporter=member, reason="off_topic")
        assert Report.objects.count() == 1
        published.refresh_from_db()
        assert published.open_report_count == 1

    def test_own_comment_cannot_be_reported(self, published, author):
        with pytest.raises(PermissionDenied):
            transitions.comment_report(comment=published, reporter=author, reason="spam")
        assert not Report.objects.exists()

    @pytest.mark.parametrize("state", ["suspended", "banned", "unverified"])
    def test_members_who_cannot_participate_cannot_report(self, published, state):
        user = UserFactory(verified=state != "unverified")
        if state == "suspended":
            user.suspended_until = timezone.now() + timedelta(days=1)
        if state == "banned":
            user.banned_at = timezone.now()
        user.save()
        with pytest.raises(PermissionDenied):
            transitions.comment_report(comment=published, reporter=user, reason="spam")
        assert not Report.objects.exists()

    def test_other_needs_a_note(self, published, member):
        with pytest.raises(errors.ModerationError) as error:
            transitions.comment_report(comment=published, reporter=member, reason="other")
        assert error.value.code == Code.REPORT_OTHER_WITHOUT_NOTE
        transitions.comment_report(
            comment=published, reporter=member, reason="other", note="Doxxing"
        )
        assert Report.objects.get().note == "Doxxing"

    def test_dismiss_publishes_a_comment_hidden_by_reports(self, published, moderator, thread):
        for _ in range(3):
            transitions.comment_report(comment=published, reporter=UserFactory(), reason="spam")
        assert Thread.objects.get(pk=thread.pk).comment_count == 0
        decisions.reports_dismiss(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 0
        assert Thread.objects.get(pk=thread.pk).comment_count == 1
        assert not Report.objects.filter(resolved_at__isnull=True).exists()
        with pytest.raises(errors.ModerationConflict) as error:
            decisions.reports_dismiss(comment=published, moderator=moderator)
        assert error.value.code == Code.REPORTS_ALREADY_SETTLED
        assert moderator.username == error.value.params["by"]
        assert Thread.objects.get(pk=thread.pk).comment_count == 1

    def test_approving_a_reported_comment_settles_its_reports(self, published, moderator, thread):
        for _ in range(3):
            transitions.comment_report(comment=published, reporter=UserFactory(), reason="spam")
        decisions.comment_approve(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 0
        assert Thread.objects.get(pk=thread.pk).comment_count == 1

    def test_reports_after_a_dismissal_count_afresh(self, published, moderator, member):
        transitions.comment_report(comment=published, reporter=member, reason="spam")
        decisions.reports_dismiss(comment=published, moderator=moderator)
        transitions.comment_report(comment=published, reporter=UserFactory(), reason="spam")
        published.refresh_from_db()
        assert published.open_report_count == 1


class TestReportPage:
    def test_report_flow(self, published, member, client_as):
        client = client_as(member)
        url = reverse("forum:comment_report", args=[published.pk])
        page = client.get(url).content.decode()
        assert "Harassment or hate" in page and "Already visible." in page
        response = client.post(url, {"reason": "other", "note": ""})
        assert response.status_code == 400 and "Tell us briefly" in response.content.decode()
        assert not Report.objects.exists()
        response = client.post(url, {"reason": "spam"}, follow=True)
        assert "Reported. Thank you." in response.content.decode()
        assert Report.objects.get().reporter == member
        response = client.post(url, {"reason": "spam"}, follow=True)
        assert "already reported" in response.content.decode()
        assert Report.objects.count() == 1

    def test_reporting_twice_is_refused_in_the_error_colour(self, published, member, client_as):
        client = client_as(member)
        url = reverse("forum:comment_report", args=[published.pk])
        transitions.comment_report(comment=published, reporter=member, reason="spam")
        page = client.get(url).content.decode()
        assert '<p class="notice notice--error">You already reported this comment.' in page
        # The form was open in another tab: the refusal after the redirect is an error too.
        response = client.post(url, {"reason": "spam"}, follow=True)
        html = response.content.decode()
        assert re.search(r'class="message message--error result"[^>]*>[^<]*already reported', html)

    def test_third_report_hides_the_comment_from_readers(self, published, client_as, client):
        for _ in range(2):
            transitions.comment_report(comment=published, reporter=UserFactory(), reason="spam")
        third = UserFactory()
        response = client_as(third).post(
            reverse("forum:comment_report", args=[published.pk]), {"reason": "spam"}
        )
        assert response.status_code == 302
        published.refresh_from_db()
        assert published.status == Status.PENDING and published.hold_reason == "reports"

    def test_own_comment(self, published, author, client_as):
        response = client_as(author).get(reverse("forum:comment_report", args=[published.pk]))
        assert response.status_code == 403
        assert "your own comment" in response.content.decode()
