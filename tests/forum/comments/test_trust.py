"""Trust levels: computed from history, a moderator's override, what they change, one query."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from forum.comments import decisions, phases, transitions, trust
from forum.models import Comment, ModerationAction
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
Level = trust.Level
LINK = "Read this: https://example.org/analysis"


def member_with(published, *, thread, rejected_by=None, joined_days_ago=400):
    member = UserFactory(date_joined=timezone.now() - timedelta(days=joined_days_ago))
    CommentFactory.create_batch(published, thread=thread, author=member)
    if rejected_by is not None:
        CommentFactory(
            thread=thread,
            author=member,
            status=Comment.Status.REJECTED,
            moderated_by=rejected_by,
            moderated_at=timezone.now() - timedelta(days=3),
        )
    return member


@pytest.mark.parametrize(
    "published, level", [(0, Level.NEW), (4, Level.NEW), (5, Level.MEMBER), (20, Level.TRUSTED)]
)
def test_the_level_follows_the_published_comments(thread, published, level):
    assert trust.level_of(member_with(published, thread=thread)) == level


def test_a_young_account_stays_new(settings, thread):
    settings.TRUST_MEMBER_AFTER_DAYS = 7
    member = member_with(6, thread=thread, joined_days_ago=2)
    assert trust.level_of(member) == Level.NEW


def test_a_recent_rejection_lowers_the_level_and_an_old_one_does_not(thread, moderator):
    assert trust.level_of(member_with(20, thread=thread, rejected_by=moderator)) == Level.MEMBER
    assert trust.level_of(member_with(6, thread=thread, rejected_by=moderator)) == Level.NEW
    old = member_with(20, thread=thread, rejected_by=moderator)
    Comment.objects.filter(author=old, status="rejected").update(
        moderated_at=timezone.now() - timedelta(days=91)
    )
    assert trust.level_of(old) == Level.TRUSTED


def test_a_moderator_s_rejection_lowers_the_level_at_once(thread, moderator):
    member = member_with(5, thread=thread)
    comment = CommentFactory(thread=thread, author=member)
    assert trust.level_of(member) == Level.MEMBER
    decisions.comment_reject(comment=comment, moderator=moderator, reason="harassment")
    assert trust.level_of(member) == Level.NEW
    held = transitions.comment_create(author=member, thread=thread, body=LINK)
    assert held.hold_reason == Comment.HoldReason.LINK_FROM_NEW_MEMBER


def test_the_override_wins(thread):
    newcomer = member_with(0, thread=thread)
    newcomer.trust_override = "trusted"
    newcomer.save()
    comment = transitions.comment_create(author=newcomer, thread=thread, body=LINK)
    assert comment.status == Comment.Status.PUBLISHED
    veteran = member_with(30, thread=thread)
    veteran.trust_override = "new"
    veteran.save()
    assert transitions.comment_create(author=veteran, thread=thread, body=LINK).hold_reason == (
        Comment.HoldReason.LINK_FROM_NEW_MEMBER
    )


def test_new_members_keep_today_s_rules(thread):
    newcomer = member_with(0, thread=thread)
    verdict = phases.review_new_comment(author=newcomer, thread=thread, body="Hello there.")
    assert verdict.hold_reason == Comment.HoldReason.NEW_MEMBER
    almost = member_with(3, thread=thread)
    verdict = phases.review_new_comment(author=almost, thread=thread, body=LINK)
    assert verdict.hold_reason == Comment.HoldReason.LINK_FROM_NEW_MEMBER


def test_a_trusted_member_s_report_counts_double(settings, thread):
    settings.REPORTS_TO_HIDE = 3
    comment = CommentFactory(thread=thread)
    trusted = member_with(20, thread=thread)
    transitions.comment_report(comment=comment, reporter=trusted, reason="spam")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.open_report_count == 1
    transitions.comment_report(
        comment=comment, reporter=member_with(0, thread=thread), reason="spam"
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.hidden_by_reports
    assert comment.open_report_count == 2


# The desk and the member's page ------------------------------------------------------------


def test_the_desk_shows_levels_with_one_query_for_any_number_of_authors(
    client_as, moderator, thread, django_assert_max_num_queries
):
    client = client_as(moderator)
    for n in range(2):
        CommentFactory(thread=thread, author=member_with(n * 20, thread=thread), status="pending")
    client.get("/moderation/")  # warm the session and caches
    with django_assert_max_num_queries(30) as few:
        page = client.get("/moderation/").content.decode()
    assert 'Trust: <strong class="trust trust--trusted">Trusted</strong>' in page
    assert 'Trust: <strong class="trust trust--new">New</strong>' in page
    for n in range(6):
        CommentFactory(thread=thread, author=member_with(n, thread=thread), status="pending")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/moderation/")


def test_the_member_page_shows_the_level_and_a_moderator_sets_it(client_as, moderator, thread):
    member = member_with(6, thread=thread)
    client = client_as(moderator)
    url = f"/moderation/members/{member.username}/"
    page = client.get(url).content.decode()
    assert "Member</strong>: 6 published comments, joined 400 days ago." in page
    response = client.post(url + "trust/", {"level": "trusted"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.trust_override == "trusted"
    entry = ModerationAction.objects.get(action=ModerationAction.Action.MEMBER_TRUST_SET)
    assert entry.reason == "computed -> trusted" and entry.actor == moderator
    assert "set by a moderator" in client.get(url).content.decode()


def test_only_moderators_set_levels(client, client_as, member, other_member):
    url = f"/moderation/members/{other_member.username}/trust/"
    assert client.post(url, {"level": "trusted"}).status_code == 302  # to sign in
    assert client_as(member).post(url, {"level": "trusted"}).status_code == 403
    other_member.refresh_from_db()
    assert other_member.trust_override == ""


def test_an_unknown_level_changes_nothing(client_as, moderator, member):
    url = f"/moderation/members/{member.username}/trust/"
    response = client_as(moderator).post(url, {"level": "emperor"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.trust_override == ""


# The discussion page ------------------------------------------------------------------------


def test_moderators_see_each_author_s_level_on_the_discussion_page_with_one_query(
    client, moderator, member, thread, django_assert_max_num_queries
):
    member_with(20, thread=thread)
    member_with(1, thread=thread, joined_days_ago=2)
    client.force_login(moderator)

    def moderator_page():
        """The moderator's page rendered after a change: return its HTML and its queries."""
        with django_assert_max_num_queries(40) as rendered:
            html = client.get(thread.url).content.decode()
        return html, [q["sql"] for q in rendered.captured_queries]

    def levels_read(queries):
        return sum('AS "author__trust_override", COUNT(' in sql for sql in queries)

    page, queries = moderator_page()
    assert page.count('Trust: <strong class="trust trust--trusted">Trusted</strong>') == 20
    new = 'Trust: <strong class="trust trust--new">New</strong> <span class="meta">(1 published'
    assert page.count(new) == 1
    assert "joined 2 days ago" in page
    assert levels_read(queries) == 1
    # More authors, more comments: not one query more.
    for n in range(5):
        member_with(n, thread=thread)
    more, more_queries = moderator_page()
    assert more.count('class="comment__trust"') == 20 + 1 + sum(range(5))
    assert levels_read(more_queries) == 1
    assert len(more_queries) <= len(queries)
    # Members and anonymous readers never see levels.
    client.force_login(member)
    assert "comment__trust" not in client.get(thread.url).content.decode()
    client.logout()
    assert "comment__trust" not in client.get(thread.url).content.decode()


def test_a_moderator_s_override_shows_on_the_discussion_page(client_as, moderator, thread):
    newcomer = member_with(1, thread=thread, joined_days_ago=2)
    newcomer.trust_override = Level.TRUSTED.code
    newcomer.save(update_fields=["trust_override"])
    page = client_as(moderator).get(thread.url).content.decode()
    override = '<strong class="trust trust--trusted">Trusted</strong> <span class="meta">(set by'
    assert override in page


@pytest.mark.parametrize(
    "published, days, expected",
    [
        (1, 1, "1 published comment, joined 1 day ago"),
        (0, 2, "0 published comments, joined 2 days ago"),
        (5, 400, "5 published comments, joined 400 days ago"),
    ],
)
def test_the_reason_takes_the_plural_of_each_count(published, days, expected):
    member = SimpleNamespace(trust_override=None, date_joined=timezone.now() - timedelta(days))
    assert trust.standing(member, trust.History(published=published)).why == expected
