"""Rules written once: hidden-by-reports as data, one refusal text per reason, one error family,
one participation step."""

import importlib
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.services import account_delete
from accounts.tokens import token_create
from forum import errors, refusals
from forum.comments import decisions, reasons, transitions
from forum.comments import phases as rules
from forum.discussion import services
from forum.errors import ActionRefused, NotAllowed
from forum.markdown import render_markdown
from forum.models import Comment, Report
from forum.refusals import Code
from forum.roles import moderators_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.REPORTS_TO_HIDE = 1


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod")
    user.groups.add(moderators_group())
    return user


def post(author, thread, body="A comment."):
    return transitions.comment_create(author=author, thread=thread, body=body)


def hide(comment):
    transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
    comment.refresh_from_db()
    return comment


# Hidden by reports ----------------------------------------------------------------------


def test_data_migration_marks_comments_reports_hid(member, article):
    def make(status, hold_reason):
        return Comment.objects.create(
            thread=article.thread,
            author=member,
            body="x",
            body_html=render_markdown("x"),
            status=status,
            hold_reason=hold_reason,
        )

    reported = make(Status.PENDING, "reported 3 times")
    new_member = make(Status.PENDING, "new member")
    published = make(Status.PUBLISHED, "reported 1 time")
    migration = importlib.import_module(
        "forum.migrations.0004_comment_hidden_by_reports_action_choices"
    )
    migration.mark_hidden_by_reports(apps, None)
    flags = dict(Comment.objects.values_list("pk", "hidden_by_reports"))
    assert flags == {reported.pk: True, new_member.pk: False, published.pk: False}


def test_only_a_pending_comment_can_be_hidden_by_reports(member, article):
    comment = post(member, article.thread)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(hidden_by_reports=True)


def test_hidden_comment_cannot_be_edited_and_its_hold_reason_is_a_code(member, article):
    comment = hide(post(member, article.thread))
    assert comment.hidden_by_reports and comment.hold_reason == Comment.HoldReason.REPORTS
    with pytest.raises(errors.DiscussionError) as error:
        transitions.comment_edit(comment=comment, editor=member, body="Changed")
    assert error.value.code == Code.UNDER_REVIEW


def test_an_edit_hold_is_not_a_report_hold(member, article, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    comment = post(member, article.thread)
    comment.hold_reason = Comment.HoldReason.REPORTS  # the reason, but no report hid it
    comment.save(update_fields=["hold_reason"])
    transitions.comment_edit(comment=comment, editor=member, body="Edited while held")
    comment.refresh_from_db()
    assert comment.body == "Edited while held" and not comment.hidden_by_reports


@pytest.mark.parametrize("action", ["approve", "reject", "remove"])
def test_leaving_pending_clears_the_flag(member, moderator, article, action):
    comment = hide(post(member, article.thread))
    if action == "approve":
        decisions.comment_approve(comment=comment, moderator=moderator)
    elif action == "reject":
        decisions.comment_reject(comment=comment, moderator=moderator, reason="spam")
    else:
        transitions.comment_remove(comment=comment, member=member)
    comment.refresh_from_db()
    assert not comment.hidden_by_reports and comment.status != Status.PENDING


# One refusal per reason -----------------------------------------------------------------


def test_suspended_member_gets_the_same_words_everywhere(client_as, member, other_member, article):
    theirs = post(other_member, article.thread)
    member.suspended_until = timezone.now() + timedelta(days=1)
    member.suspension_reason = "Heated"
    member.save()
    expected = str(refusals.participation(member))
    assert expected.endswith("UTC: Heated")
    with pytest.raises(errors.DiscussionError) as error:
        post(member, article.thread)
    assert str(error.value) == expected
    verdict = rules.review_new_comment(author=member, thread=article.thread, body="x")
    assert verdict.refusal.code == Code.SUSPENDED and str(verdict.refusal) == expected
    client = client_as(member)
    response = client.get(reverse("forum:comment_report", args=[theirs.pk]))
    assert response.status_code == 403 and expected in response.content.decode()
    response = client.post(reverse("forum:comment_vote", args=[theirs.pk]))
    assert response.status_code == 403 and response.content.decode() == expected
    assert expected in client.get(article.get_absolute_url()).content.decode()


def test_unverified_member_gets_one_wording(client_as, unverified_member, other_member, article):
    theirs = post(other_member, article.thread)
    response = client_as(unverified_member).get(reverse("forum:comment_report", args=[theirs.pk]))
    assert (
        response.status_code == 403 and refusals.words(Code.UNVERIFIED) in response.content.decode()
    )


# One exception family -------------------------------------------------------------------


def test_refusals_share_one_base(member, other_member, article):
    assert issubclass(errors.DiscussionError, ActionRefused)
    assert issubclass(errors.ModerationError, ActionRefused)
    assert issubclass(NotAllowed, PermissionDenied)
    comment = post(member, article.thread)
    with pytest.raises(NotAllowed):
        transitions.comment_edit(comment=comment, editor=other_member, body="Not mine")
    with pytest.raises(NotAllowed):
        transitions.comment_remove(comment=comment, member=other_member)
    with pytest.raises(NotAllowed):
        decisions.comment_reject(comment=comment, moderator=other_member, reason="spam")


# Removing my comments with my account is final --------------------------------------------


def test_removal_with_the_account_leaves_nothing_to_restore(member, moderator, article):
    kept = post(member, article.thread)
    rejected = post(member, article.thread, "Rejected one")
    decisions.comment_reject(comment=rejected, moderator=moderator, reason="spam")
    decisions.comment_feature(comment=kept, moderator=moderator)
    account_delete(user=member, remove_comments=True)
    statuses = set(Comment.objects.filter(pk__in=[kept.pk, rejected.pk]).values_list("status"))
    assert statuses == {(Status.REMOVED,)}
    assert not Comment.objects.filter(is_featured=True).exists()
    with pytest.raises(errors.ModerationConflict) as error:
        decisions.comment_restore(comment=rejected, moderator=moderator)
    assert error.value.code == Code.COMMENT_REMOVED_BY_AUTHOR


# One participation step: refusals.participation, asked by views, API, services and rules --


def _refused_member(kind):
    if kind == "banned":
        return UserFactory(username="gone", banned=True)
    if kind == "suspended":
        return UserFactory(username="away", suspended=True)
    return UserFactory(username="newcomer", verified=False)


@pytest.mark.parametrize("kind", ["banned", "suspended", "unverified"])
def test_who_may_not_take_part_is_told_the_same_words_by_site_api_services_and_rules(
    client, client_as, other_member, article, kind
):
    member = _refused_member(kind)
    refusal = refusals.participation(member)
    words = str(refusal)
    assert refusal.code and words
    theirs = post(other_member, article.thread)
    mine = Comment.objects.create(
        thread=article.thread, author=member, body="Mine", body_html=render_markdown("Mine")
    )
    # The services and the rules.
    for write in (
        lambda: post(member, article.thread),
        lambda: transitions.comment_edit(comment=mine, editor=member, body="Changed"),
        lambda: services.vote_toggle(comment=theirs, voter=member),
    ):
        with pytest.raises(errors.NotParticipating) as error:
            write()
        assert str(error.value) == words
        assert isinstance(error.value, NotAllowed)  # a 403 wherever it is not caught
    with pytest.raises(NotAllowed) as error:
        transitions.comment_report(comment=theirs, reporter=member, reason="spam")
    assert str(error.value) == words
    verdict = rules.review_new_comment(author=member, thread=article.thread, body="x")
    assert verdict.refusal == refusal
    # The API: 403 with the same words, nothing written.
    _, secret = token_create(user=member, name="test", scope="write")
    headers = {"Authorization": f"Bearer {secret}"}
    for method, path, body in (
        ("post", f"/api/v1/threads/{article.thread.pk}/comments/", {"body": "x"}),
        ("patch", f"/api/v1/comments/{mine.pk}/", {"body": "Changed"}),
        ("post", f"/api/v1/comments/{theirs.pk}/vote/", None),
        ("post", f"/api/v1/comments/{theirs.pk}/report/", {"reason": "spam"}),
    ):
        data = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
        response = getattr(client, method)(path, headers=headers, **data)
        assert response.status_code == 403, (path, response.content)
        assert response.json()["message"] == words
    assert Comment.objects.filter(author=member).count() == 1
    mine.refresh_from_db()
    assert mine.body == "Mine" and not theirs.votes.exists() and not theirs.reports.exists()
    # The site: 403 for a write, and the page offers no composer, vote, reply or report.
    site = client_as(member)
    response = site.post(reverse("forum:comment_vote", args=[theirs.pk]))
    assert response.status_code == 403 and response.content.decode() == words
    page = site.get(article.get_absolute_url()).content.decode()
    assert reverse("forum:comment_vote", args=[theirs.pk]) not in page
    assert reverse("forum:comment_report", args=[theirs.pk]) not in page
    assert reverse("forum:thread_follow", args=[article.thread.pk]) not in page
    assert 'name="body"' not in page


# One outcome of a report, in the same words on the page and in the API ----------------------


@pytest.mark.parametrize("reports_to_hide", [1, 2])
def test_a_report_is_answered_in_the_same_words_by_page_and_api(
    client, settings, other_member, article, reports_to_hide
):
    settings.REPORTS_TO_HIDE = reports_to_hide
    on_page, by_api = post(other_member, article.thread), post(other_member, article.thread)
    site_reporter, api_reporter = UserFactory(), UserFactory()
    client.force_login(site_reporter)
    url = reverse("forum:comment_report", args=[on_page.pk])
    page = client.post(url, {"reason": "spam"}, follow=True).content.decode()
    client.logout()
    _, secret = token_create(user=api_reporter, name="test", scope="write")
    response = client.post(
        f"/api/v1/comments/{by_api.pk}/report/",
        data=json.dumps({"reason": "spam"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    hidden = reports_to_hide == 1
    words = reasons.reported_message(Report.objects.select_related("comment").get(comment=by_api))
    assert words.endswith("hidden while moderators review it.") is hidden
    assert response.status_code == 201 and response.json()["message"] == words
    assert words in page
